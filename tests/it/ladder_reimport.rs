//! Re-importing an edited ladder: unchanged behaviours keep their ids, a reword
//! keeps its id and its old wording, a removed behaviour is retired (and stays on
//! the entries linking to it), new ones get new ids; every link survives. Also the
//! dry run, `ladder remove` and `--level` resolution.

use serde_json::{Value, json};

use crate::util::{Env, s, write_file};

const V1: &str = "# L3: Staff Platform Engineer

## Delivery

- I ship small changes every day
- I write runbooks for what I build
- I pair with juniors on incidents

## Craft

- I refactor legacy code safely
- I keep dependencies up to date
";

/// Reworded (runbooks), reordered (Craft), removed (pairing), added (reviews).
const V2: &str = "# L3: Staff Platform Engineer

## Delivery

- I ship small changes every day
- I write clear runbooks for everything I build
- I lead post-incident reviews

## Craft

- I keep dependencies up to date
- I refactor legacy code safely
";

fn import(env: &Env, text: &str, extra: &[&str]) -> Value {
    let file = write_file(env.dir.path(), "staff.md", text.as_bytes());
    let mut args = vec![
        "ladder",
        "import",
        "--track",
        "Platform",
        "--json",
        s(&file),
    ];
    args.extend_from_slice(extra);
    env.json(&args)
}

fn notes(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().into(),
                b["text"].as_str().unwrap().into(),
            )
        })
        .collect()
}

const IDS: [&str; 5] = [
    "platform/L3.1.1",
    "platform/L3.1.2",
    "platform/L3.1.3",
    "platform/L3.2.1",
    "platform/L3.2.2",
];

#[test]
fn reword_reorder_remove_and_add_keep_every_link() {
    let env = Env::new();
    let first = import(&env, V1, &[]);
    assert_eq!(
        notes(&first["added"])
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>(),
        IDS
    );
    // One entry per behaviour, and one linking to all of them.
    let mut entries = Vec::new();
    for id in IDS {
        entries.push(env.add_pairing(&format!("Evidence for {id}"), &["--behaviour", id]));
    }
    let mut all = vec![];
    for id in IDS {
        all.extend(["--behaviour", id]);
    }
    let everything = env.add_pairing("Everything", &all);

    // The dry run reports the change and writes nothing.
    let before = env.ok(&["ladder", "show", "--retired", "--json"]);
    let dry = import(&env, V2, &["--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(env.ok(&["ladder", "show", "--retired", "--json"]), before);

    let report = import(&env, V2, &[]);
    for r in [&dry, &report] {
        assert_eq!(r["unchanged"], 3, "{r}");
        assert_eq!(
            r["reworded"],
            json!([{"id": "platform/L3.1.2", "from": "I write runbooks for what I build",
                    "to": "I write clear runbooks for everything I build"}])
        );
        assert_eq!(
            notes(&r["added"]),
            [(
                "platform/L3.1.4".into(),
                "I lead post-incident reviews".into()
            )]
        );
        assert_eq!(
            notes(&r["retired"]),
            [(
                "platform/L3.1.3".into(),
                "I pair with juniors on incidents".into()
            )]
        );
    }

    // Every link is still there; the retired one is flagged, the reworded one reads anew.
    for (entry, id) in entries.iter().zip(IDS) {
        let e = env.json(&["show", entry, "--json"]);
        assert_eq!(e["behaviours"][0]["id"], id);
    }
    let e = env.json(&["show", &everything, "--json"]);
    let linked: Vec<&str> = e["behaviours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(linked, IDS);
    assert_eq!(e["behaviours"][2]["retired"], true);
    assert_eq!(
        e["behaviours"][1]["text"],
        "I write clear runbooks for everything I build"
    );
    assert!(e["behaviours"][0].get("retired").is_none());
    // The terminal view flags it too, and only it.
    let shown = env.ok(&["show", &everything]);
    assert!(
        shown.contains("platform/L3.1.3  I pair with juniors on incidents [retired]"),
        "{shown}"
    );
    assert_eq!(shown.matches("[retired]").count(), 1, "{shown}");

    // The ladder shows the new order; with --retired the retired one, flagged, and
    // the reworded one's old wording.
    let ladder = env.json(&["ladder", "show", "--json"]);
    let l3 = &ladder["levels"][2];
    let craft: Vec<&str> = l3["sections"][1]["behaviours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(craft, ["platform/L3.2.2", "platform/L3.2.1"]);
    assert_eq!(l3["sections"][0]["behaviours"].as_array().unwrap().len(), 3);
    let with_retired = env.json(&["ladder", "show", "--retired", "--json"]);
    let delivery = &with_retired["levels"][2]["sections"][0]["behaviours"];
    assert_eq!(
        delivery[1]["previous"],
        json!(["I write runbooks for what I build"])
    );
    assert_eq!(delivery[3]["id"], "platform/L3.1.3");
    assert_eq!(delivery[3]["retired"], true);

    // Importing the same file again changes nothing; the old file brings the
    // retired behaviour back under its own id, and retires the new one.
    let same = import(&env, V2, &[]);
    assert_eq!(same["unchanged"], 5);
    assert_eq!(same["added"], json!([]));
    let back = import(&env, V1, &[]);
    assert_eq!(
        notes(&back["added"]),
        [(
            "platform/L3.1.3".into(),
            "I pair with juniors on incidents".into()
        )]
    );
    assert_eq!(
        notes(&back["retired"]),
        [(
            "platform/L3.1.4".into(),
            "I lead post-incident reviews".into()
        )]
    );
    assert_eq!(back["reworded"][0]["id"], "platform/L3.1.2");
}

#[test]
fn the_human_summary_and_the_dry_run_tree() {
    let env = Env::new();
    let file = write_file(env.dir.path(), "staff.md", V1.as_bytes());
    let out = env.ok(&["ladder", "import", "--dry-run", s(&file)]);
    assert!(out.contains("Dry run: nothing was written"), "{out}");
    // Without --track, the track is what the level title says besides "Staff".
    assert!(
        out.contains("new track \"Platform Engineer\" (inferred from the level titles"),
        "{out}"
    );
    assert!(out.contains("platform-engineer/L3.1.2"), "{out}");
    assert!(
        out.contains("0 unchanged, 0 reworded, 5 added, 0 retired"),
        "{out}"
    );
    assert_eq!(
        env.json(&["ladder", "show", "--json"])["levels"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    env.ok(&["ladder", "import", s(&file)]);
    let edited = write_file(env.dir.path(), "staff.md", V2.as_bytes());
    let out = env.ok(&["ladder", "import", s(&edited)]);
    assert!(
        out.contains("3 unchanged, 1 reworded, 1 added, 1 retired"),
        "{out}"
    );
    assert!(out.contains("reworded platform-engineer/L3.1.2"), "{out}");
    assert!(out.contains("retired  platform-engineer/L3.1.3"), "{out}");
}

#[test]
fn remove_an_import_only_when_no_entry_links_to_it() {
    let env = Env::new();
    import(&env, V1, &[]);
    let entry = env.add_pairing("Linked", &["--behaviour", "platform/L3.2.1"]);
    let err = env.fails(&["ladder", "remove", "platform/L3"]);
    assert!(err.contains(&entry) && err.contains("Linked"), "{err}");
    assert_eq!(
        env.json(&["ladder", "show", "--json"])["levels"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let err = env.fails(&["ladder", "remove", "support"]);
    assert!(err.contains("ships with Rungs"), "{err}");

    // An import nobody links to goes, track and all; its ids are never given again.
    let other = write_file(
        env.dir.path(),
        "x.md",
        b"# L1: Junior Tester\n\n## Craft\n\n- I test\n",
    );
    env.ok(&["ladder", "import", "--track", "QA", s(&other)]);
    env.ok(&["profile", "--level", "qa/L1"]);
    let r = env.json(&["ladder", "remove", "QA", "--json"]);
    assert_eq!(r["levels"], json!(["qa/L1"]));
    assert_eq!(r["track_removed"], true);
    assert_eq!(r["profile_cleared"], true);
    assert_eq!(env.json(&["profile", "--json"])["level"], Value::Null);
    let again = env.json(&["ladder", "import", "--track", "QA", "--json", s(&other)]);
    assert_eq!(again["added"][0]["id"], "qa/L1.1.2");
}

#[test]
fn level_resolution_for_search_and_profile() {
    let env = Env::new();
    import(&env, V1, &[]);
    env.add_pairing("Runbook day", &["--behaviour", "platform/L3.1.2"]);
    let hits = env.json(&["search", "runbook", "--level", "L3", "--json"]);
    assert_eq!(
        hits["hits"]
            .as_array()
            .map(Vec::len)
            .or(hits.as_array().map(Vec::len)),
        Some(1),
        "{hits}"
    );
    let none = env.json(&["search", "runbook", "--level", "support/L1", "--json"]);
    assert_eq!(
        none["hits"]
            .as_array()
            .map(Vec::len)
            .or(none.as_array().map(Vec::len)),
        Some(0),
        "{none}"
    );
    let err = env.fails(&["search", "x", "--level", "L9"]);
    assert!(
        err.contains("unknown level 'L9'") && err.contains("platform/L3"),
        "{err}"
    );
    let p = env.json(&["profile", "--level", "Platform/l3", "--json"]);
    assert_eq!(p["level"]["track"], "Platform");
    assert_eq!(p["next_level"], Value::Null);
}

#[test]
fn a_large_edited_ladder_keeps_its_ids() {
    // 5,000 bullets in one section, all sharing "I help the team with … work": the
    // candidates for a rewording come from a word index (rarest words first, a
    // capped number per bullet), and must still find each reworded bullet among
    // thousands that share most words. (Its speed is measured by
    // `cargo run --release --example ladder_reimport`, not asserted here.)
    let ladder = |edit: bool| {
        let mut s = String::from("# L5: Big Engineer\n\n## Everything\n\n");
        for i in 0..5000 {
            if edit && i % 100 == 99 {
                continue; // removed
            }
            let word = if edit && i % 2 == 0 { "beta" } else { "alpha" };
            s.push_str(&format!("- I help the team with item{i} {word} work\n"));
        }
        if edit {
            for k in 0..10 {
                s.push_str(&format!("- A brand new duty number{k}\n"));
            }
        }
        s.into_bytes()
    };
    let mut j = rungs::Journal::open_in_memory().unwrap();
    let opts = rungs::ladder::ImportOptions::default();
    let first = j
        .import_ladder(&[("big.md".into(), ladder(false))], &opts)
        .unwrap();
    assert_eq!(first.added.len(), 5000);
    let r = j
        .import_ladder(&[("big.md".into(), ladder(true))], &opts)
        .unwrap();
    // The removed bullets (99, 199, …) are odd: the 2,500 even ones are reworded,
    // 2,450 odd ones unchanged, 50 retired, and the 10 new ones added.
    assert_eq!(r.reworded.len(), 2500);
    assert_eq!(r.unchanged, 2450);
    assert_eq!(r.retired.len(), 50);
    assert_eq!(r.added.len(), 10);
    // Each rewording kept the id of its own bullet: item{i} is bullet i + 1.
    for w in &r.reworded {
        let i: usize = w.from.split_whitespace().nth(5).unwrap()[4..]
            .parse()
            .unwrap();
        assert_eq!(w.to, w.from.replace("alpha", "beta"));
        assert!(w.id.ends_with(&format!(".1.{}", i + 1)), "{w:?}");
    }
}
