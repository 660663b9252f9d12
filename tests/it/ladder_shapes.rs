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
