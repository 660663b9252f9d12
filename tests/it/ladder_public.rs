//! Four public ladders other companies wrote (`tests/fixtures/ladders/public/`,
//! with their licences), imported end to end. The expected counts were taken by
//! reading each file, not from the importer; the reasoning is beside each count.

use serde_json::Value;

use crate::util::{Env, s, sizes};

fn public(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ladders/public")
        .join(name)
}

/// Imports `name` into a fresh journal and returns (report, the new levels as shown).
fn import(name: &str) -> (Value, Vec<Value>) {
    let env = Env::new();
    let report = env.json(&["ladder", "import", "--json", s(&public(name))]);
    let ladder = env.json(&["ladder", "show", "--json"]);
    let levels = ladder["levels"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["track"] != "DevOps Support Engineer")
        .cloned()
        .collect();
    (report, levels)
}

fn codes(levels: &[Value]) -> Vec<&str> {
    levels.iter().map(|l| l["code"].as_str().unwrap()).collect()
}

#[test]
fn jorgef_developer() {
    // "# Developer" is the family title; a level-index table (not a level); seven
    // "## Dn - Developer n" levels, each a <picture> (HTML, not a behaviour) and five
    // `* **Label**: text` bullets straight under the level (so one section named
    // after it); then "# Other Pages", six link-only bullets: not behaviours.
    // 7 levels, 7 sections, 7 × 5 = 35 behaviours.
    let (report, levels) = import("jorgef-engineeringladders-Developer.md");
    assert_eq!(report["tracks"][0]["name"], "Developer");
    assert_eq!(codes(&levels), ["D1", "D2", "D3", "D4", "D5", "D6", "D7"]);
    assert_eq!(sizes(&levels), vec![vec![5]; 7]);
    assert_eq!(report["added"].as_array().unwrap().len(), 35);
    assert_eq!(levels[0]["title"], "Developer 1");
    assert_eq!(levels[0]["sections"][0]["title"], "Developer 1");
    let first = &levels[0]["sections"][0]["behaviours"][0];
    assert_eq!(first["id"], "developer/D1.1.1");
    assert_eq!(first["label"], "Adopts");
    assert_eq!(
        first["text"],
        "Adopts: actively learns and adopts the technology and tools defined by the team"
    );
    assert_eq!(
        levels[6]["sections"][0]["behaviours"][4]["text"],
        "Community: makes an impact on the tech community"
    );
}

#[test]
fn indriver_senior_i_engineer() {
    // One level, "# Senior I Engineer" (no code: from the title). Three H2 sections
    // with a competency code suffix: Craftsmanship (C3) 8 bullets, Impact (I2) 5,
    // Behavior (B1) 4, each opened by a `>` summary; a closing `> **NOTE**` callout.
    // 1 level, 3 sections, 8 + 5 + 4 = 17 behaviours.
    let (report, levels) = import("indriver-handbook-senior-i-engineer.md");
    assert_eq!(levels.len(), 1);
    assert_eq!(levels[0]["title"], "Senior I Engineer");
    assert_eq!(sizes(&levels), vec![vec![8, 5, 4]]);
    assert_eq!(report["added"].as_array().unwrap().len(), 17);
    let sections = levels[0]["sections"].as_array().unwrap();
    let titles: Vec<_> = sections
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Craftsmanship", "Impact", "Behavior"]);
    let codes: Vec<_> = sections
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["C3", "I2", "B1"]);
    assert_eq!(sections[1]["summary"], "Processes feature delivery.");
    assert_eq!(sections[2]["behaviours"][3]["label"], "Talent Growth");
    // The track is what the title shares once level words are off.
    assert_eq!(report["tracks"][0]["name"], "Engineer");
    assert_eq!(levels[0]["code"], "senior-i");
}

#[test]
fn postman_ospo_engineers() {
    // Six "# … OSPO Engineer" levels, no bullets anywhere: each plain paragraph is a
    // behaviour; `_At this point…_` italic lines are level summaries; the closing
    // `__Experience: …__` line of each level is an attribute.
    // Paragraphs per level: I 5, II 7, Senior 14, Staff 7, Principal 12,
    // Distinguished 7 = 52 behaviours in 6 sections (one per level).
    let (report, levels) = import("postman-career-ladder-for-ospo-engineers.md");
    assert_eq!(report["tracks"][0]["name"], "OSPO Engineer");
    assert_eq!(
        codes(&levels),
        ["i", "ii", "senior", "staff", "principal", "distinguished"]
    );
    assert_eq!(
        sizes(&levels),
        vec![vec![5], vec![7], vec![14], vec![7], vec![12], vec![7]]
    );
    assert_eq!(report["added"].as_array().unwrap().len(), 52);
    assert_eq!(
        levels[2]["summary"],
        "At this point, a person is mastering how effective they can be as an individual contributor."
    );
    assert_eq!(levels[0]["attributes"][0]["name"], "Experience");
    assert_eq!(
        levels[0]["attributes"][0]["value"],
        "Typically doesn’t require professional experience."
    );
    assert_eq!(
        levels[5]["sections"][0]["behaviours"][6]["text"]
            .as_str()
            .unwrap()[..40],
        *"Effectively communicates when there are "
    );
}

#[test]
fn monzo_backend_from_front_matter() {
    // The ladder is the YAML front matter: five topics (communication, impact,
    // leadership, influence, mastery), each with content per level 1–6; leadership
    // starts at level 3. Criteria + exampleCriteria per level (counted from the
    // YAML): L1 4+1+1+2 = 8; L2 5+6+1+9 = 21; L3 4+3+2+4+13 = 26;
    // L4 5+6+9+7+10 = 37; L5 2+8+7+4+11 = 32; L6 1+2+3+2+3 = 11. Total 135
    // behaviours in 4+4+5+5+5+5 = 28 sections. The Markdown body (### About…,
    // bullets) is prose.
    let (report, levels) = import("monzo-progression-framework-backend.md");
    assert_eq!(report["tracks"][0]["name"], "Backend Engineering");
    assert_eq!(codes(&levels), ["L1", "L2", "L3", "L4", "L5", "L6"]);
    assert_eq!(
        sizes(&levels),
        vec![
            vec![4, 1, 1, 2],
            vec![5, 6, 1, 9],
            vec![4, 3, 2, 4, 13],
            vec![5, 6, 9, 7, 10],
            vec![2, 8, 7, 4, 11],
            vec![1, 2, 3, 2, 3],
        ]
    );
    assert_eq!(report["added"].as_array().unwrap().len(), 135);
    let l3: Vec<_> = levels[2]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        l3,
        [
            "Communication",
            "Impact",
            "Leadership",
            "Influence",
            "Mastery"
        ]
    );
    // An example criterion is a behaviour with its examples attached.
    let security = &levels[2]["sections"][4]["behaviours"][12];
    assert_eq!(
        security["text"],
        "Proactively considers security implications of their work"
    );
    assert_eq!(security["examples"].as_array().unwrap().len(), 5);
    assert_eq!(security["id"], "backend-engineering/L3.5.13");
}

#[test]
fn the_four_public_ladders_live_side_by_side_with_the_bundled_one() {
    let env = Env::new();
    for f in [
        "jorgef-engineeringladders-Developer.md",
        "indriver-handbook-senior-i-engineer.md",
        "postman-career-ladder-for-ospo-engineers.md",
        "monzo-progression-framework-backend.md",
    ] {
        env.ok(&["ladder", "import", s(&public(f))]);
    }
    let ladder = env.json(&["ladder", "show", "--json"]);
    let total: usize = sizes(ladder["levels"].as_array().unwrap())
        .iter()
        .flatten()
        .sum();
    assert_eq!(total, 42 + 35 + 17 + 52 + 135);
    // Monzo's L1 and the bundled L1 are different levels: the bare code is ambiguous.
    let err = env.fails(&["profile", "--level", "L1"]);
    assert!(err.contains("ambiguous"), "{err}");
    assert!(err.contains("support/L1"), "{err}");
    assert!(err.contains("backend-engineering/L1"), "{err}");
    let p = env.json(&["profile", "--level", "backend-engineering/L1", "--json"]);
    assert_eq!(p["level"]["title"], "Level 1");
    assert_eq!(p["next_level"]["code"], "L2");
}
