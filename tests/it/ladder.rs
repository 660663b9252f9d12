//! The bundled ladder (exact counts, texts and ids) and importing ladder files.

use std::collections::HashSet;

use serde_json::Value;

use crate::util::{Env, s, sizes, write_file};

const L1: &str = include_str!("../../ladders/support/L1-Junior-DevOps-Support-Engineer.md");
const L2: &str = include_str!("../../ladders/support/L2-DevOps-Support-Engineer.md");

/// Bullet texts of a bundled file, by a deliberately different route than the
/// importer (plain lines), to cross-check it.
fn bullets(file: &str) -> Vec<String> {
    file.lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(|t| t.trim().to_string())
        .collect()
}

#[test]
fn bundled_ladder_is_present_with_exact_counts_texts_and_ids() {
    let env = Env::new();
    let ladder = env.json(&["ladder", "show", "--json"]);
    let levels = ladder["levels"].as_array().unwrap();
    assert_eq!(levels.len(), 2);
    assert_eq!(levels[0]["code"], "L1");
    assert_eq!(levels[0]["title"], "Junior DevOps Support Engineer");
    assert_eq!(levels[1]["code"], "L2");
    assert_eq!(levels[1]["title"], "DevOps Support Engineer");
    assert!(
        levels[0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("I am a motivated and thoughtful member")
    );
    assert_eq!(
        sizes(levels),
        vec![vec![3, 5, 4, 3, 5], vec![3, 5, 4, 4, 6]]
    );
    assert_eq!(levels[0]["sections"][4]["title"], "What success looks like");

    for (level, file) in levels.iter().zip([L1, L2]) {
        let texts: Vec<String> = level["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["behaviours"].as_array().unwrap().iter())
            .map(|b| b["text"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(texts, bullets(file));
    }
    // Curly apostrophes kept, hard-break spaces trimmed.
    assert_eq!(
        levels[0]["sections"][1]["behaviours"][0]["text"],
        "I’m learning the fundamentals of how our product set works and how to troubleshoot customer problems"
    );
    insta::assert_json_snapshot!("bundled_ladder", ladder);
}

#[test]
fn behaviour_ids_are_the_same_in_every_data_directory() {
    let ids = |env: &Env| -> Vec<String> {
        let ladder = env.json(&["ladder", "show", "--json"]);
        all_ids(&ladder)
    };
    let (a, b) = (Env::new(), Env::new());
    let first = ids(&a);
    assert_eq!(first.len(), 42);
    assert_eq!(first.iter().collect::<HashSet<_>>().len(), 42);
    assert_eq!(first, ids(&b));
    assert_eq!(first[0], "L1.1.1");
    assert_eq!(first[41], "L2.5.6");
}

fn all_ids(ladder: &Value) -> Vec<String> {
    ladder["levels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["sections"].as_array().unwrap().iter())
        .flat_map(|s| s["behaviours"].as_array().unwrap().iter())
        .map(|b| b["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let env = Env::new();
    let before = env.ok(&["ladder", "show", "--json"]);
    let l1 = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ladders/support/L1-Junior-DevOps-Support-Engineer.md");
    let l2 = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ladders/support/L2-DevOps-Support-Engineer.md");
    let summary = env.json(&["ladder", "import", s(&l1), s(&l2), "--json"]);
    assert_eq!(summary["unchanged"], 42);
    assert_eq!(summary["added"], serde_json::json!([]));
    assert_eq!(summary["reworded"], serde_json::json!([]));
    assert_eq!(summary["retired"], serde_json::json!([]));
    // The files' track is inferred as the bundled one, from their titles.
    assert_eq!(summary["tracks"][0]["name"], "DevOps Support Engineer");
    assert_eq!(summary["tracks"][0]["new"], false);
    assert!(
        env.ok(&["ladder", "import", s(&l1)])
            .contains("nothing changed")
    );
    assert_eq!(env.ok(&["ladder", "show", "--json"]), before);
}

#[test]
fn a_new_level_imports_and_reimports_without_duplicates() {
    let env = Env::new();
    let file = write_file(
        env.dir.path(),
        "L3-Senior.md",
        "# L3: Senior DevOps Support Engineer\r\n\r\n> I lead.\r\n\r\n## Impact\r\n\r\n- I lead incidents  \r\n- I mentor [others](https://example.com)\r\n\r\nNot a behaviour.\r\n".as_bytes(),
    );
    let summary = env.json(&["ladder", "import", s(&file), "--json"]);
    assert_eq!(summary["levels"][0]["new"], true);
    assert_eq!(summary["added"].as_array().unwrap().len(), 2);
    // L3 of the support ladder joins the bundled track: it is the level after L2.
    assert_eq!(summary["tracks"][0]["name"], "DevOps Support Engineer");
    assert_eq!(summary["tracks"][0]["inferred_from"], "the level titles");
    let ladder = env.json(&["ladder", "show", "--json"]);
    assert_eq!(ladder["levels"].as_array().unwrap().len(), 3);
    let l3 = &ladder["levels"][2];
    assert_eq!(l3["summary"], "I lead.");
    assert_eq!(l3["sections"][0]["behaviours"][1]["id"], "L3.1.2");
    assert_eq!(
        l3["sections"][0]["behaviours"][1]["text"],
        "I mentor others"
    );
    let again = env.json(&["ladder", "import", s(&file), "--json"]);
    assert_eq!(again["added"], serde_json::json!([]));
    assert_eq!(again["unchanged"], 2);
    let profile = env.json(&["profile", "--level", "L2", "--json"]);
    assert_eq!(profile["next_level"]["code"], "L3");
    assert_eq!(env.json(&["profile", "--json"])["level"]["code"], "L2");
    assert_eq!(all_ids(&env.json(&["ladder", "show", "--json"])).len(), 44);
    // An entry can link to the new level at once.
    env.add_pairing("Led an incident", &["--behaviour", "L3.1.1"]);
}

#[test]
fn another_ladders_l1_and_l2_do_not_touch_the_bundled_levels() {
    let env = Env::new();
    let before = env.json(&["ladder", "show", "--json"]);
    let file = write_file(
        env.dir.path(),
        "analyst.md",
        b"# L1: Junior Analyst\n\n## Craft\n\n- I run queries with help\n\n# L2: Analyst\n\n## Craft\n\n- I run queries alone\n",
    );
    let r = env.json(&[
        "ladder",
        "import",
        "--track",
        "Data Analyst",
        "--json",
        s(&file),
    ]);
    assert_eq!(r["retired"], serde_json::json!([]));
    assert_eq!(r["unchanged"], 0);
    let after = env.json(&["ladder", "show", "--json"]);
    let levels = after["levels"].as_array().unwrap();
    assert_eq!(levels.len(), 4);
    // The bundled levels are exactly as they were; the new ones are their own track.
    assert_eq!(levels[..2], before["levels"].as_array().unwrap()[..]);
    assert_eq!(levels[2]["track"], "Data Analyst");
    assert_eq!(levels[2]["code"], "L1");
    assert_eq!(
        levels[2]["sections"][0]["behaviours"][0]["id"],
        "data-analyst/L1.1.1"
    );
    assert_eq!(all_ids(&after).len(), 44);
    // Both L1s resolve only with their track.
    let err = env.fails(&["profile", "--level", "l1"]);
    assert!(
        err.contains("ambiguous") && err.contains("data-analyst/L1") && err.contains("support/L1"),
        "{err}"
    );
    env.ok(&["profile", "--level", "data-analyst/L1"]);
    env.ok(&["profile", "--level", "DevOps Support Engineer/L1"]);
}

#[test]
fn bundled_ids_come_from_the_pinned_table() {
    // The table is committed beside the code: it must say exactly what the files say.
    let pinned: serde_json::Map<String, Value> =
        serde_json::from_str(include_str!("../../src/ladder/bundled_ids.json")).unwrap();
    assert_eq!(pinned.len(), 42);
    let env = Env::new();
    let ladder = env.json(&["ladder", "show", "--json"]);
    let shown: Vec<(String, String)> = ladder["levels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["sections"].as_array().unwrap().iter())
        .flat_map(|s| s["behaviours"].as_array().unwrap().iter())
        .map(|b| {
            (
                b["id"].as_str().unwrap().into(),
                b["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    let table: Vec<(String, String)> = pinned
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    assert_eq!(shown, table);

    // A journal whose history differs (two bundled rows lost, the bundled copy
    // stale) gets the pinned ids back, not the next free numbers.
    {
        let conn = rusqlite::Connection::open(env.db_path()).unwrap();
        conn.execute_batch(
            "DELETE FROM behaviours WHERE id IN ('L1.5.1', 'L1.5.2');
             UPDATE meta SET value = 'an older release' WHERE key = 'bundled_ladder';",
        )
        .unwrap();
    }
    let again = env.json(&["ladder", "show", "--json"]);
    assert_eq!(all_ids(&again), all_ids(&ladder));
    assert_eq!(again, ladder);
}

#[test]
fn link_only_bullets_are_not_behaviours() {
    let env = Env::new();
    let file = write_file(
        env.dir.path(),
        "L3-links.md",
        b"# L3: Senior DevOps Support Engineer\n\n## Impact\n\n- [Our handbook](https://example.com)\n- [**Guide**](guide.md)\n- <https://example.com/x>\n- I lead incidents, see [the guide](g.md)\n",
    );
    let r = env.json(&["ladder", "import", "--dry-run", "--json", s(&file)]);
    let behaviours = r["levels"][0]["sections"][0]["behaviours"]
        .as_array()
        .unwrap();
    assert_eq!(behaviours.len(), 1);
    assert_eq!(behaviours[0]["text"], "I lead incidents, see the guide");
}
