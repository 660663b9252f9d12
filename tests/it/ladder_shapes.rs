//! One fixture per ladder shape the importer reads (`tests/fixtures/ladders/shapes/`),
//! parsed by the library, with the exact levels, sections and behaviours expected.

use rungs::ladder::{ParsedLadder, parse_ladder};

use crate::util::{Env, s};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ladders/shapes")
        .join(name)
}

fn parse(name: &str) -> ParsedLadder {
    let path = fixture(name);
    parse_ladder(s(&path), &std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// (code, title, [(section title, [behaviour texts])]) of every level.
type Shape = Vec<(String, String, Vec<(String, Vec<String>)>)>;

fn shape(l: &ParsedLadder) -> Shape {
    l.levels
        .iter()
        .map(|lv| {
            let sections = lv
                .sections
                .iter()
                .map(|s| {
                    let texts = s.behaviours.iter().map(|b| b.text.clone()).collect();
                    (s.title.clone(), texts)
                })
                .collect();
            (lv.code.clone(), lv.title.clone(), sections)
        })
        .collect()
}

fn level(
    code: &str,
    title: &str,
    sections: &[(&str, &[&str])],
) -> (String, String, Vec<(String, Vec<String>)>) {
    (
        code.into(),
        title.into(),
        sections
            .iter()
            .map(|(t, b)| (t.to_string(), b.iter().map(|x| x.to_string()).collect()))
            .collect(),
    )
}

#[test]
fn level_from_file_name_without_extension_with_bom_and_crlf() {
    let l = parse("L2-no-heading");
    assert_eq!(
        shape(&l),
        vec![level(
            "L2",
            "L2 No Heading",
            &[
                ("Delivery", &["I ship small changes", "I write tests first"]),
                ("Team", &["I review code kindly"]),
            ]
        )]
    );
    // No code anywhere: the title comes from the file name, the code later from the track.
    let l = parse("senior-i-engineer.md");
    assert_eq!(
        shape(&l),
        vec![level(
            "",
            "Senior I Engineer",
            &[("Impact", &["I own a service end to end"])]
        )]
    );
}

#[test]
fn leading_spaces_before_the_heading() {
    assert_eq!(
        shape(&parse("leading-spaces.md")),
        vec![level(
            "L4",
            "Staff Engineer",
            &[(
                "Scope",
                &[
                    "I set direction for several teams",
                    "I grow other senior engineers"
                ]
            )]
        )]
    );
}

#[test]
fn several_levels_in_one_file() {
    assert_eq!(
        shape(&parse("several-levels.md")),
        vec![
            level(
                "L1",
                "Junior Analyst",
                &[("Craft", &["I run queries with help"])]
            ),
            level(
                "L2",
                "Analyst",
                &[
                    ("Craft", &["I run queries alone", "I explain results"]),
                    ("Team", &["I help juniors"])
                ]
            ),
        ]
    );
}

#[test]
fn h1_family_with_h2_levels_and_an_index_table() {
    let l = parse("family.md");
    assert_eq!(l.family.as_deref(), Some("Data Engineer"));
    assert_eq!(
        shape(&l),
        vec![
            level(
                "DE1",
                "Data Engineer 1",
                &[
                    ("Building", &["I build pipelines with guidance"]),
                    ("Operating", &["I watch dashboards"])
                ]
            ),
            // Bullets straight under the level: one section named after it.
            level(
                "DE2",
                "Data Engineer 2",
                &[("Data Engineer 2", &["I design pipelines", "I mentor DE1s"])]
            ),
        ]
    );
}

#[test]
fn section_decoration_is_stripped_for_display_and_kept_as_written() {
    let l = parse("decorated.md");
    let sections = &l.levels[0].sections;
    let titles: Vec<_> = sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Delivery", "Collaboration", "Craftsmanship"]);
    assert_eq!(sections[0].heading, "🚀 Delivery");
    assert_eq!(sections[1].heading, ":busts_in_silhouette: Collaboration");
    assert_eq!(sections[2].code.as_deref(), Some("C3"));
    assert_eq!(sections[2].heading, "Craftsmanship (C3)");
}

#[test]
fn bold_paragraph_and_broken_emphasis_sections() {
    let l = parse("bold-sections.md");
    assert_eq!(
        shape(&l),
        vec![level(
            "L2",
            "Support Engineer",
            &[
                (
                    "Customer Focus",
                    &["I answer tickets within a day", "I follow up"]
                ),
                ("Core Competencies", &["I know Kubernetes basics"]),
            ]
        )]
    );
    let a = &l.levels[0].attributes;
    assert_eq!(a.len(), 1);
    assert_eq!(
        (a[0].name.as_str(), a[0].value.as_str()),
        ("Experience", "two years in support.")
    );
}

#[test]
fn bullets_labels_groups_lazy_lines_and_links() {
    let l = parse("bullets.md");
    let b = &l.levels[0].sections[0].behaviours;
    let got: Vec<(&str, Option<&str>)> = b
        .iter()
        .map(|b| (b.text.as_str(), b.label.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("I write code that is easy to read and change", None),
            ("Testing: I write tests before fixing bugs", Some("Testing")),
            // A bold-only parent with children is a group label.
            ("I write clear updates", Some("Communication")),
            ("I ask for help early", Some("Communication")),
            // Ends with ":" but has no children: a behaviour.
            ("I review pull requests, and:", None),
            ("I carry the pager", Some("Operations")),
            // A parent with its own sentence is a behaviour, and so is its child.
            ("I document what I build", None),
            ("including runbooks", None),
        ]
    );
}

#[test]
fn summaries_callouts_examples_attributes_html_and_rules_are_not_behaviours() {
    let l = parse("not-behaviours.md");
    assert_eq!(
        shape(&l),
        vec![level(
            "L3",
            "Senior Engineer",
            &[("Impact", &["I deliver projects end to end"])]
        )]
    );
    let level = &l.levels[0];
    assert_eq!(level.summary, "I lead projects and grow others.");
    let attrs: Vec<(&str, &str)> = level
        .attributes
        .iter()
        .map(|a| (a.name.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        attrs,
        [
            ("Planning horizon", "a quarter"),
            ("Scope", "one team"),
            ("Experience", "five years or more.")
        ]
    );
    let impact = &level.sections[0];
    assert_eq!(impact.summary, "Delivers outcomes.");
    assert_eq!(
        impact.examples,
        ["Examples Led the billing migration Ran the incident review"]
    );
}

#[test]
fn paragraphs_are_behaviours_when_a_ladder_has_no_bullets() {
    let l = parse("paragraphs.md");
    assert_eq!(
        shape(&l),
        vec![
            level(
                "",
                "Engineer I",
                &[(
                    "Engineer I",
                    &["Writes code with guidance.", "Asks questions early."]
                )]
            ),
            level(
                "",
                "Engineer II",
                &[(
                    "Engineer II",
                    &["Writes code alone.", "Reviews others' code."]
                )]
            ),
        ]
    );
    assert_eq!(l.levels[0].attributes[0].name, "Experience");
    assert_eq!(
        l.levels[1].summary,
        "At this point, an engineer works alone."
    );
    // Imported, the track and codes come from the shared title.
    let env = Env::new();
    let r = env.json(&[
        "ladder",
        "import",
        "--dry-run",
        "--json",
        s(&fixture("paragraphs.md")),
    ]);
    assert_eq!(r["tracks"][0]["name"], "Engineer");
    assert_eq!(r["tracks"][0]["inferred_from"], "the level titles");
    assert_eq!(r["levels"][0]["code"], "i");
    assert_eq!(
        r["levels"][1]["sections"][0]["behaviours"][1]["id"],
        "engineer/ii.1.2"
    );
}

#[test]
fn yaml_front_matter_title() {
    let l = parse("front-matter-title.md");
    assert_eq!(
        shape(&l),
        vec![level(
            "",
            "Platform Engineer",
            &[
                ("Reliability", &["I keep services up"]),
                ("Delivery", &["I ship weekly"])
            ]
        )]
    );
    let env = Env::new();
    let r = env.json(&[
        "ladder",
        "import",
        "--json",
        s(&fixture("front-matter-title.md")),
    ]);
    assert_eq!(r["tracks"][0]["name"], "Platform Engineer");
}

#[test]
fn ladder_held_in_front_matter() {
    let l = parse("front-matter-ladder.md");
    assert_eq!(l.family.as_deref(), Some("Mobile Engineering Framework"));
    assert_eq!(
        shape(&l),
        vec![
            level("L1", "Level 1", &[("Craft", &["Fixes simple bugs"])]),
            level(
                "L2",
                "Level 2",
                &[
                    ("Craft", &["Builds screens alone", "Writes idiomatic Swift"]),
                    ("Impact", &["Delivers features"])
                ]
            ),
        ]
    );
    let swift = &l.levels[1].sections[0].behaviours[1];
    assert_eq!(swift.examples, ["Uses value types", "Avoids force unwraps"]);
    assert_eq!(l.levels[1].sections[0].heading, "🛠️ Craft");
}

#[test]
fn an_unrecognised_shape_says_what_was_found() {
    let path = fixture("unrecognised.md");
    let e = parse_ladder(s(&path), &std::fs::read(&path).unwrap())
        .unwrap_err()
        .to_string();
    assert!(e.contains("unrecognised.md"), "{e}");
    assert!(e.contains("1 headings (`# Notes`)"), "{e}");
    assert!(
        e.contains("1 lists (1 items, none of them a behaviour)"),
        "{e}"
    );
    assert!(e.contains("table"), "{e}");
    let env = Env::new();
    let before = env.ok(&["ladder", "show", "--json"]);
    let err = env.fails(&["ladder", "import", s(&path)]);
    assert!(err.contains("not a ladder Rungs recognises"), "{err}");
    assert_eq!(env.ok(&["ladder", "show", "--json"]), before);
}

/// Imports fixtures with `--dry-run --json` and returns the report.
fn dry_run(files: &[&std::path::Path]) -> serde_json::Value {
    let env = Env::new();
    let mut args = vec!["ladder", "import", "--dry-run", "--json"];
    args.extend(files.iter().map(|p| s(p)));
    env.json(&args)
}

fn codes_and_titles(r: &serde_json::Value) -> Vec<(String, String)> {
    r["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["code"].as_str().unwrap().to_string(),
                l["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn one_h2_per_level_under_a_title_even_when_a_level_name_has_no_rank_word() {
    // `## Mobile Engineer` has no rank word, but shares its core title with the
    // `## Junior …`/`## Senior …` beside it, and `### Delivery` repeats under each.
    let l = parse("mobile-one-level-without-rank.md");
    assert_eq!(l.family.as_deref(), Some("Mobile Ladder"));
    assert_eq!(
        shape(&l),
        vec![
            level(
                "",
                "Junior Mobile Engineer",
                &[("Delivery", &["Fixes small bugs in the iOS app"])]
            ),
            level(
                "",
                "Mobile Engineer",
                &[("Delivery", &["Builds features across iOS and Android"])]
            ),
            level(
                "",
                "Senior Mobile Engineer",
                &[("Delivery", &["Owns the release train"])]
            ),
        ]
    );
    let r = dry_run(&[&fixture("mobile-one-level-without-rank.md")]);
    assert_eq!(r["tracks"][0]["name"], "Mobile");
    assert_eq!(
        codes_and_titles(&r),
        pairs(&[
            ("junior", "Junior Mobile Engineer"),
            ("engineer", "Mobile Engineer"),
            ("senior", "Senior Mobile Engineer"),
        ])
    );
}

#[test]
fn level_headings_with_emoji_and_a_code_suffix() {
    // `## 🌿 Mobile Engineer (M2)`: the code is the suffix, emoji are decoration;
    // levels are ordered by their codes' numbers (M2 is written last).
    let l = parse("mobile-emoji-code-suffix.md");
    let got: Vec<_> = l
        .levels
        .iter()
        .map(|l| {
            (
                l.code.as_str(),
                l.title.as_str(),
                l.sections[0].title.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("M1", "Junior Mobile Engineer", "Delivery"),
            ("M3", "Senior Mobile Engineer", "Delivery"),
            ("M2", "Mobile Engineer", "Delivery"),
        ]
    );
    let env = Env::new();
    env.ok(&[
        "ladder",
        "import",
        s(&fixture("mobile-emoji-code-suffix.md")),
    ]);
    let shown = env.json(&["ladder", "show", "--json"]);
    let mobile: Vec<_> = shown["levels"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["track"] == "Mobile")
        .map(|l| l["code"].as_str().unwrap())
        .collect();
    assert_eq!(mobile, ["M1", "M2", "M3"]);
}

#[test]
fn headings_among_the_levels_that_are_not_levels_are_prose() {
    // `## How to use this ladder` and `## Glossary` sit beside `## Level 1 — …`:
    // not levels, and their bullets are not behaviours.
    let l = parse("backend-with-glossary.md");
    assert_eq!(
        shape(&l),
        vec![
            level(
                "L1",
                "Foundations",
                &[
                    (
                        "Craft",
                        &[
                            "Ships small changes behind feature flags",
                            "Writes unit tests for the code they change"
                        ]
                    ),
                    ("Communication", &["Writes clear PR descriptions"])
                ]
            ),
            level(
                "L2",
                "Practitioner",
                &[
                    (
                        "Craft",
                        &[
                            "Designs APIs that other teams consume",
                            "Profiles slow endpoints before optimising"
                        ]
                    ),
                    ("Communication", &["Runs design reviews"])
                ]
            ),
        ]
    );
    // H1 levels with spaced codes (`IC 1 - …`) and a `# Notes for managers` H1.
    assert_eq!(
        shape(&parse("ic-spaced-codes.md")),
        vec![
            level(
                "IC1",
                "Associate Engineer",
                &[("Delivery", &["Ships small fixes with a reviewer"])]
            ),
            level(
                "IC2",
                "Engineer",
                &[("Delivery", &["Ships features on their own"])]
            ),
        ]
    );
    // Most H2s name a rank; `## Support Engineer` shares their core title; `## FAQ`
    // is neither.
    let l = parse("support-ladder-with-faq.md");
    let titles: Vec<_> = l.levels.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Associate Support Engineer",
            "Support Engineer",
            "Senior Support Engineer",
            "Staff Support Engineer"
        ]
    );
    assert_eq!(l.behaviour_count(), 4);
    // No rank words at all: the same sections repeating under `## Practitioner` and
    // `## Expert` make them levels; `## Further reading` has none and is prose.
    let l = parse("levels-by-repeated-sections.md");
    assert_eq!(
        shape(&l),
        vec![
            level(
                "",
                "Practitioner",
                &[
                    ("Craft", &["Produces wireframes for a single flow"]),
                    ("Collaboration", &["Presents work at design critique"])
                ]
            ),
            level(
                "",
                "Expert",
                &[
                    ("Craft", &["Designs systems that span products"]),
                    ("Collaboration", &["Runs critique for the whole studio"])
                ]
            ),
        ]
    );
}

#[test]
fn a_front_matter_title_naming_a_rank_is_the_level_not_the_track() {
    // `title: Staff Engineer` over one level: the level's title; the track is what
    // the title shares once the rank is off, as for `# Staff Engineer`.
    let l = parse("L4-staff-engineer.md");
    assert_eq!(l.family, None);
    assert_eq!(l.levels[0].code, "L4");
    assert_eq!(l.levels[0].title, "Staff Engineer");
    let r = dry_run(&[&fixture("L4-staff-engineer.md")]);
    assert_eq!(r["tracks"][0]["name"], "Engineer");
    // eng/senior.md has `title: Senior Engineer`, eng/staff.md `# Staff Engineer`:
    // one track, and the same rule for codes wherever the title was written.
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ladders/tracks/eng");
    let r = dry_run(&[&dir.join("senior.md"), &dir.join("staff.md")]);
    let tracks: Vec<_> = r["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(tracks, ["Engineer"]);
    assert_eq!(
        codes_and_titles(&r),
        pairs(&[("senior", "Senior Engineer"), ("staff", "Staff Engineer")])
    );
}

#[test]
fn a_spaced_code_before_a_colon() {
    let l = parse("sre-spaced-code.md");
    assert_eq!(l.levels.len(), 1);
    assert_eq!(l.levels[0].code, "SRE2");
    assert_eq!(l.levels[0].title, "Site Reliability Engineer");
    assert_eq!(l.behaviour_count(), 5);
    let r = dry_run(&[&fixture("sre-spaced-code.md")]);
    assert_eq!(r["tracks"][0]["name"], "Site Reliability Engineer");
}

#[test]
fn ordinary_documents_are_not_ladders() {
    for (name, expect) in [
        ("prose.md", "no bullet points"),
        ("meeting-notes.md", "mostly paragraphs, tables or code"),
    ] {
        let path = fixture(name);
        let e = parse_ladder(s(&path), &std::fs::read(&path).unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a ladder Rungs recognises"), "{e}");
        assert!(e.contains(expect), "{name}: {e}");
    }
    // The project's own documents are not ladders either.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for doc in ["README.md", "ARCHITECTURE.md"] {
        let path = root.join(doc);
        let e = parse_ladder(s(&path), &std::fs::read(&path).unwrap());
        assert!(e.is_err(), "{doc} imported as {e:?}");
    }
    // Nothing is written when a file of the import is refused.
    let env = Env::new();
    let before = env.ok(&["ladder", "show", "--json"]);
    env.fails(&[
        "ladder",
        "import",
        s(&fixture("bullets.md")),
        s(&fixture("meeting-notes.md")),
    ]);
    assert_eq!(env.ok(&["ladder", "show", "--json"]), before);
}

#[test]
fn level_codes_follow_one_rule_wherever_the_title_is_written() {
    // The rank words of the title, as a slug: `# Senior Engineer` in its own file,
    // `## Senior Engineer` under a `#` title, and front matter all give `senior`.
    let r = dry_run(&[&fixture("senior-under-title.md")]);
    assert_eq!(
        codes_and_titles(&r),
        pairs(&[("senior", "Senior Engineer"), ("staff", "Staff Engineer")])
    );
    let r = dry_run(&[&fixture("senior-i-engineer.md")]);
    assert_eq!(
        codes_and_titles(&r),
        pairs(&[("senior-i", "Senior I Engineer")])
    );
}
