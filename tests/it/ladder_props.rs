//! Arbitrary text and arbitrary Markdown fed to the importer (library level): it
//! never panics, an import either fails leaving the journal exactly as it was or
//! succeeds whole (importing it again then changes nothing). And a 1 MB ladder,
//! whose import time is printed (measured, never asserted).

use proptest::prelude::*;
use rungs::Journal;
use rungs::ladder::ImportOptions;

fn import(j: &mut Journal, name: &str, text: &[u8]) -> rungs::Result<rungs::ladder::ImportReport> {
    j.import_ladder(
        &[(name.to_string(), text.to_vec())],
        &ImportOptions::default(),
    )
}

fn snapshot(j: &Journal) -> String {
    serde_json::to_string(&j.ladder_with_retired().unwrap()).unwrap()
}

fn check(j: &mut Journal, text: &[u8]) {
    let before = snapshot(j);
    match import(j, "fuzz.md", text) {
        Err(_) => assert_eq!(snapshot(j), before, "a failed import changed the ladder"),
        Ok(r) => {
            let shown = j.ladder_with_retired().unwrap().behaviour_count();
            assert!(shown >= r.added.len(), "every added behaviour is stored");
            let again = import(j, "fuzz.md", text).expect("a file that imported imports again");
            assert!(
                again.added.is_empty() && again.retired.is_empty() && again.reworded.is_empty()
            );
        }
    }
}

fn markdown_line() -> impl Strategy<Value = String> {
    let word = "[A-Za-z’:*_`\\[\\]()<>!#|-]{1,12}";
    let words = prop::collection::vec(word, 0..6).prop_map(|w| w.join(" "));
    (
        prop_oneof![
            Just("# "),
            Just("## "),
            Just("### "),
            Just("- "),
            Just("* "),
            Just("  - "),
            Just("> "),
            Just("> **NOTE** "),
            Just("**"),
            Just("__"),
            Just("***"),
            Just("_"),
            Just("1. "),
            Just("---"),
            Just("<details>"),
            Just("</details>"),
            Just("<picture>"),
            Just("| a | b |"),
            Just("```"),
            Just(""),
            Just("    "),
            Just("L2: "),
            Just("title: "),
            Just("topics:"),
            Just("  - level: 1"),
            Just("    criteria:"),
            Just("      - "),
        ],
        words,
        prop_oneof![
            Just(""),
            Just("**"),
            Just("__"),
            Just(":"),
            Just("  "),
            Just("_")
        ],
        prop_oneof![Just("\n"), Just("\r\n"), Just("\n\n")],
    )
        .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}"))
}

fn markdown() -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec(markdown_line(), 0..40)).prop_map(|(front, lines)| {
        let body = lines.concat();
        if front {
            format!("---\n{body}---\n{body}")
        } else {
            body
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_or_half_import(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut j = Journal::open_in_memory().unwrap();
        check(&mut j, &bytes);
    }

    #[test]
    fn arbitrary_text_never_panics_or_half_imports(text in "\\PC{0,400}") {
        let mut j = Journal::open_in_memory().unwrap();
        check(&mut j, text.as_bytes());
    }

    #[test]
    fn arbitrary_markdown_never_panics_or_half_imports(text in markdown()) {
        let mut j = Journal::open_in_memory().unwrap();
        check(&mut j, text.as_bytes());
    }
}

/// A bad file among good ones imports none of them (one transaction).
#[test]
fn one_bad_file_imports_nothing() {
    let mut j = Journal::open_in_memory().unwrap();
    let before = snapshot(&j);
    let good = b"# L7: Principal\n\n## Impact\n\n- I set direction\n".to_vec();
    let bad = b"# L8: Distinguished\n\nonly prose".to_vec();
    let files = [("good.md".to_string(), good), ("bad.md".to_string(), bad)];
    assert!(j.import_ladder(&files, &ImportOptions::default()).is_err());
    assert_eq!(snapshot(&j), before);
}

/// About 1 MB of ladder: 20 levels × 25 sections × 20 bullets. Prints the time.
#[test]
fn a_one_megabyte_ladder_imports() {
    let mut text = String::from("# Big Ladder\n\n");
    let mut n = 0;
    for level in 1..=20 {
        text.push_str(&format!("## B{level} - Big Engineer {level}\n\n"));
        for section in 1..=25 {
            text.push_str(&format!(
                "### Competency {section}\n\n> What it is about.\n\n"
            ));
            for bullet in 1..=20 {
                n += 1;
                text.push_str(&format!(
                    "- **Label {bullet}**: behaviour number {n} of level {level}, section {section}, \
                     written out at a realistic length with some detail\n"
                ));
            }
            text.push('\n');
        }
    }
    assert!(text.len() > 1_000_000, "{} bytes", text.len());
    let mut j = Journal::open_in_memory().unwrap();
    let start = std::time::Instant::now();
    let r = import(&mut j, "big.md", text.as_bytes()).unwrap();
    let first = start.elapsed();
    assert_eq!(r.added.len(), n);
    let start = std::time::Instant::now();
    let again = import(&mut j, "big.md", text.as_bytes()).unwrap();
    let second = start.elapsed();
    assert_eq!(again.unchanged, n);
    println!(
        "1 MB ladder ({} bytes, {n} behaviours): first import {first:?}, re-import {second:?}",
        text.len()
    );
}
