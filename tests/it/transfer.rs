//! `rungs export` and `rungs import`: a JSON export and a Markdown vault each bring
//! back an identical journal (exporting it again gives the same thing, but for
//! `exported_at`), for the demo journal and for a journal with every field and edge;
//! a vault edited by hand becomes new revisions; a merge into a journal with entries
//! reports conflicts and keeps both versions; bad input names its path and writes
//! nothing.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::util::{Env, s, write_file};

const LADDER_V1: &str = "# L3: Staff Platform Engineer

## Delivery

- I ship small changes every day
- I write runbooks for what I build
- I pair with juniors on incidents
";

/// Reworded (runbooks), removed (pairing: retired, links kept), added (reviews).
const LADDER_V2: &str = "# L3: Staff Platform Engineer

## Delivery

- I ship small changes every day
- I write clear runbooks for everything I build
- I lead post-incident reviews
";

const NOTES: &str = "Paired on **Argo CD** sync waves 🚀 with Ölaf.\n\n\
```md\n## Notes\nthis heading is inside a code block\n```\n\n\
- 日本語のメモ\n- שלום, mixed direction text";

/// A journal with every field and edge: Unicode everywhere, empty optional fields,
/// an imported ladder with a reworded and a retired behaviour (still linked),
/// several revisions, follow-ups done and open, an entry in the trash, a merged
/// person, a mentee, a saved search, a profile level.
fn rich() -> Env {
    let env = Env::new();
    let ladder = write_file(env.dir.path(), "staff.md", LADDER_V1.as_bytes());
    env.ok(&["ladder", "import", "--track", "Platform", s(&ladder)]);
    let pairing = env.add_pairing(
        "Argo CD sync waves — Ölaf's first session",
        &[
            "--partner",
            "Ölaf Ünal",
            "--partner",
            "Zoë Ødegaard",
            "--minutes",
            "45",
            "--role",
            "driver",
            "--area",
            "Argo CD",
            "--ticket",
            "SUP-1234",
            "--time",
            "09:30",
            "--notes",
            NOTES,
            "--learned",
            "Waves run in order; hooks run per wave.",
            "--follow-up",
            "Write a KB article",
            "--follow-up",
            "Ask Zoë about 🚀 rollouts",
            "--tag",
            "argo-cd",
            "--tag",
            "überblick",
            "--behaviour",
            "L1.2.4",
            "--behaviour",
            "platform/L3.1.3",
        ],
    );
    env.ok(&["edit", &pairing, "--title", "Argo CD sync waves, with Ölaf"]);
    env.ok(&["edit", &pairing, "--clear", "ticket"]);
    let shown = env.json(&["show", &pairing, "--json"]);
    let follow_up = shown["follow_ups"][0]["id"].as_str().unwrap().to_string();
    env.ok(&["followup", "done", &follow_up]);
    // Minimal: no source, no tags, no behaviours, no time.
    env.json(&[
        "add",
        "learning",
        "--title",
        "1234",
        "--date",
        "2026-11-19",
        "--body",
        "Ünïcödé body",
        "--json",
    ]);
    let trashed = env.json(&[
        "add",
        "learning",
        "--title",
        "Wrong entry",
        "--date",
        "2026-11-18",
        "--body",
        "oops",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["delete", &trashed]);
    env.ok(&[
        "add",
        "feedback",
        "--direction",
        "given",
        "--person",
        "Tom B.",
        "--date",
        "2026-11-17",
        "--situation",
        "Stand-up",
        "--observed",
        "You named the blocker",
        "--impact",
        "We fixed it by noon",
        "--tone",
        "coaching",
        "--reflection",
        "Say it sooner",
    ]);
    crate::util::Env::add_feedback(&env, "received", "Tom Becker");
    env.ok(&["person", "merge", "Tom B.", "Tom Becker"]);
    env.ok(&["person", "mentee", "Zoë Ødegaard"]);
    let ladder = write_file(env.dir.path(), "staff.md", LADDER_V2.as_bytes());
    env.ok(&["ladder", "import", "--track", "Platform", s(&ladder)]);
    // A growth conversation with goals: one achieved, one open and about two behaviours.
    let talk = env.json(&[
        "add",
        "conversation",
        "--with",
        "Lena Fischer",
        "--date",
        "2026-11-21",
        "--notes",
        "Talked about **L2**: on-call, KB articles ✍️",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let goal = env.json(&[
        "goal",
        "add",
        &talk,
        "--text",
        "Lead one incident review",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&[
        "goal",
        "add",
        &talk,
        "--text",
        "Write two KB articles",
        "--behaviour",
        "L2.3.4",
        "--behaviour",
        "L2.2.4",
    ]);
    env.ok(&["goal", "set", &goal, "--status", "achieved"]);
    env.ok(&["search", "argo", "--save", "Argo things"]);
    env.ok(&["profile", "--level", "L2"]);
    env
}

fn demo() -> Env {
    let env = Env::new();
    env.ok(&["demo"]);
    env
}

/// The JSON export of `env`'s journal, without `exported_at`.
fn export(env: &Env) -> Value {
    let out = env
        .dir
        .path()
        .join(format!("export-{}.json", uuid::Uuid::now_v7()));
    env.ok(&["export", "--format", "json", "--out", s(&out)]);
    let mut v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(
        v["exported_at"].as_str().is_some_and(|t| t.ends_with('Z')),
        "{}",
        v["exported_at"]
    );
    v.as_object_mut().unwrap().remove("exported_at");
    v
}

/// What a user sees of a journal through the CLI.
fn views(env: &Env) -> Vec<String> {
    let mut out = Vec::new();
    for args in [
        &["list", "--json"][..],
        &["trash", "--json"],
        &["people", "--json"],
        &["ladder", "show", "--retired", "--json"],
        &["followups", "--json"],
        &["searches", "--json"],
        &["profile", "--json"],
    ] {
        out.push(env.ok(args));
    }
    for e in env.json(&["list", "--json"]).as_array().unwrap() {
        out.push(env.ok(&["history", e["id"].as_str().unwrap(), "--json"]));
    }
    out
}

fn assert_json_round_trip(from: &Env) {
    let file = from.dir.path().join("journal.json");
    from.ok(&["export", "--out", s(&file)]);
    let to = Env::new();
    let summary = to.json(&["import", s(&file), "--json"]);
    assert_eq!(summary["mode"], "whole");
    assert_eq!(export(&to), export(from));
    assert_eq!(views(&to), views(from));
}

/// A restore replaces every table's rows (src/store/backup.rs): the journal it gives
/// back exports exactly as the one backed up, every field and edge included.
#[test]
fn a_restored_backup_gives_back_the_identical_journal() {
    let env = rich();
    let before = export(&env);
    let seen = views(&env);
    let backup = env.dir.path().join("rich.sqlite3");
    env.ok(&["backup", "create", "--out", s(&backup)]);
    env.ok(&["demo", "--force"]);
    let first = env.json(&["list", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["delete", &first]);
    assert_ne!(export(&env), before);
    env.ok(&["backup", "restore", s(&backup)]);
    assert_eq!(export(&env), before);
    assert_eq!(views(&env), seen);
}

#[test]
fn json_round_trip_of_the_demo_journal() {
    let env = demo();
    assert_json_round_trip(&env);
}

#[test]
fn json_round_trip_of_every_field_and_edge() {
    let env = rich();
    let doc = export(&env);
    // The fixture has what it claims (so the round trip is tested on it).
    let entries = doc["entries"].as_array().unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e["revisions"].as_array().unwrap().len() == 4)
    );
    assert!(entries.iter().any(|e| e.get("deleted_at").is_some()));
    let behaviours = doc["ladder"]["behaviours"].as_array().unwrap();
    assert!(
        behaviours
            .iter()
            .any(|b| b["id"] == "platform/L3.1.3" && b.get("retired_at").is_some())
    );
    assert!(
        !doc["ladder"]["behaviour_wordings"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let people = doc["people"].as_array().unwrap();
    assert!(
        people
            .iter()
            .any(|p| p["name"] == "Tom B." && p.get("merged_into").is_some())
    );
    assert!(
        people
            .iter()
            .any(|p| p["name"] == "Zoë Ødegaard" && p["mentee"] == 1)
    );
    assert_eq!(doc["saved_searches"].as_array().unwrap().len(), 1);
    let goals: Vec<&Value> = entries
        .iter()
        .filter(|e| e["kind"] == "conversation")
        .flat_map(|e| e["goals"].as_array().unwrap())
        .collect();
    assert_eq!(goals.len(), 2);
    assert_eq!(goals[0]["status"], "achieved");
    assert_eq!(goals[1]["behaviours"].as_array().unwrap().len(), 2);
    assert!(doc["profile"][0]["level_id"].is_i64());
    let follow_ups: Vec<&Value> = entries
        .iter()
        .flat_map(|e| e["follow_ups"].as_array().unwrap())
        .collect();
    assert_eq!(follow_ups.iter().filter(|f| f["done"] == 1).count(), 1);
    assert_eq!(follow_ups.iter().filter(|f| f["done"] == 0).count(), 1);
    assert_json_round_trip(&env);
}

/// Every file of a vault, by path, with the lines that say when it was exported removed.
fn vault_files(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let text = std::fs::read_to_string(&p).unwrap();
                let text: Vec<&str> = text
                    .lines()
                    .filter(|l| {
                        !l.contains("exported_at") && !l.starts_with("Exported by Rungs on")
                    })
                    .collect();
                out.insert(
                    p.strip_prefix(root).unwrap().display().to_string(),
                    text.join("\n"),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn assert_vault_round_trip(from: &Env) {
    let vault = from.dir.path().join("vault");
    from.ok(&["export", "--format", "markdown", "--out", s(&vault)]);
    let to = Env::new();
    let summary = to.json(&["import", s(&vault), "--json"]);
    assert_eq!(summary["edited"], 0, "{summary}");
    let again = to.dir.path().join("vault");
    to.ok(&["export", "--format", "markdown", "--out", s(&again)]);
    let (a, b) = (vault_files(&vault), vault_files(&again));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, text) in &a {
        assert_eq!(text, &b[path], "{path}");
    }
    assert_eq!(export(&to), export(from));
    assert_eq!(views(&to), views(from));
}

#[test]
fn markdown_round_trip_of_the_demo_journal() {
    assert_vault_round_trip(&demo());
}

#[test]
fn markdown_round_trip_of_every_field_and_edge() {
    let env = rich();
    assert_vault_round_trip(&env);
    // Readable: front matter with names and behaviour texts, texts as sections.
    let vault = env.dir.path().join("vault");
    let files = vault_files(&vault);
    let (path, pairing) = files
        .iter()
        .find(|(p, _)| p.starts_with("pairing/2026/2026-11-20-argo-cd-sync-waves-with-ölaf-"))
        .expect("pairing file named by date and slug");
    assert!(path.ends_with(".md"));
    for expected in [
        "kind: pairing",
        "- Ölaf Ünal",
        "- id: platform/L3.1.3",
        "retired: true",
        "text: I pair with juniors on incidents",
        "## Notes",
        "## Learned",
        "this heading is inside a code block",
        "revision: 4",
    ] {
        assert!(
            pairing.contains(expected),
            "{expected} missing from {pairing}"
        );
    }
    assert!(
        files
            .keys()
            .any(|p| p.starts_with("trash/learning/2026/2026-11-18-wrong-entry-"))
    );
    assert!(files.keys().any(|p| p.starts_with("ladder/platform/")));
    assert!(files["people.md"].contains("Zoë Ødegaard (mentee)"));
    let (_, talk) = files
        .iter()
        .find(|(p, _)| p.starts_with("conversation/2026/2026-11-21-"))
        .expect("the conversation's file");
    for expected in [
        "person: Lena Fischer",
        "Write two KB articles",
        "status: achieved",
        "## Notes",
    ] {
        assert!(talk.contains(expected), "{expected} missing from {talk}");
    }
}

/// The entry id an entry file's front matter gives.
fn id_in(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("id: "))
        .expect("an entry file has an id")
        .to_string()
}

fn file_with(vault: &Path, prefix: &str) -> std::path::PathBuf {
    let files = vault_files(vault);
    let rel = files
        .keys()
        .find(|p| p.starts_with(prefix))
        .unwrap_or_else(|| panic!("{prefix}"));
    vault.join(rel)
}

#[test]
fn a_vault_edited_by_hand_becomes_new_revisions_and_new_entries() {
    let env = rich();
    let vault = env.dir.path().join("vault");
    env.ok(&["export", "--format", "markdown", "--out", s(&vault)]);
    let feedback = file_with(&vault, "feedback/2026/2026-11-17-");
    let text = std::fs::read_to_string(&feedback).unwrap();
    let id = id_in(&text);
    let text = text
        .replace(
            "We fixed it by noon",
            "We fixed it by noon, and the release went out",
        )
        .replace("tags: []", "tags:\n- stand-up");
    let text = if text.contains("- stand-up") {
        text
    } else {
        text.replace("behaviours:", "tags:\n- stand-up\nbehaviours:")
    };
    std::fs::write(&feedback, text).unwrap();
    std::fs::write(
        vault.join("learning/2026/written-in-obsidian.md"),
        "---\nkind: learning\ntitle: Written in Obsidian\ndate: 2026-11-21\ntags: [obsidian]\n---\n\n\
         # Written in Obsidian\n\n## Body\n\nA note added by hand.\n",
    )
    .unwrap();
    // A note without front matter is not an entry and is left alone.
    std::fs::write(vault.join("scratch.md"), "just thinking\n").unwrap();

    let summary = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(summary["mode"], "merge");
    assert_eq!(summary["edited"], 1, "{summary}");
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["conflicts"], json!([]));
    let history = env.json(&["history", &id, "--json"]);
    let revisions = history.as_array().unwrap();
    // Added, then the person merge, then the edit in the vault.
    assert_eq!(revisions.len(), 3, "{history}");
    let shown = env.json(&["show", &id, "--json"]);
    assert_eq!(
        shown["impact"],
        "We fixed it by noon, and the release went out"
    );
    assert_eq!(shown["tags"], json!(["stand-up"]));
    assert_eq!(shown["person"], "Tom Becker");
    let found = env.json(&["list", "--tag", "obsidian", "--json"]);
    assert_eq!(found[0]["title"], "Written in Obsidian");
    assert_eq!(found[0]["body"], "A note added by hand.");

    // Importing the same vault again changes nothing: the hand-written file is
    // found again by its path.
    let before = export(&env);
    let again = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(
        (&again["added"], &again["edited"]),
        (&json!(0), &json!(0)),
        "{again}"
    );
    assert_eq!(export(&env), before);

    // An edited file of an entry in the trash is a new revision like any other;
    // the entry stays in the trash.
    let trashed = file_with(&vault, "trash/learning/");
    let text = std::fs::read_to_string(&trashed).unwrap();
    let trashed_id = id_in(&text);
    let deleted_at = env.json(&["show", &trashed_id, "--json"])["deleted_at"].clone();
    assert!(deleted_at.is_string(), "{deleted_at}");
    std::fs::write(&trashed, text.replace("oops", "edited in the trash")).unwrap();
    let summary = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(summary["edited"], 1, "{summary}");
    assert_eq!(summary["conflicts"], json!([]));
    let shown = env.json(&["show", &trashed_id, "--json"]);
    assert_eq!(shown["body"], "edited in the trash");
    assert_eq!(shown["deleted_at"], deleted_at, "it stays in the trash");
    let history = env.json(&["history", &trashed_id, "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 2, "{history}");
    let trash = env.json(&["trash", "--json"]);
    assert!(
        trash
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == trashed_id.as_str()),
        "{trash}"
    );
    assert!(
        !env.ok(&["list", "--json"]).contains(&trashed_id),
        "not back in the journal"
    );
}

#[test]
fn a_vault_without_its_metadata_file_imports_its_entry_files() {
    let from = demo();
    let first = from.json(&["list", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    from.ok(&["delete", &first]);
    let vault = from.dir.path().join("vault");
    from.ok(&["export", "--format", "markdown", "--out", s(&vault)]);
    std::fs::remove_file(vault.join(".rungs/journal.json")).unwrap();
    let live = from.json(&["list", "--json"]);
    let trash = from.json(&["trash", "--json"]);
    assert_eq!(trash.as_array().unwrap().len(), 1);

    // Into an empty journal: every entry file is an entry again, with its id, its
    // content, and the trash where it was.
    let to = Env::new();
    let ladder_before = to.ok(&["ladder", "show", "--retired", "--json"]);
    let summary = to.json(&["import", s(&vault), "--json"]);
    assert_eq!(summary["metadata_missing"], true, "{summary}");
    assert_eq!(
        summary["added"].as_u64().unwrap() as usize,
        live.as_array().unwrap().len() + 1,
        "{summary}"
    );
    let ids = |v: &Value| -> Vec<String> {
        let mut ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&to.json(&["list", "--json"])), ids(&live));
    assert_eq!(ids(&to.json(&["trash", "--json"])), ids(&trash));
    for id in ids(&live).iter().chain([&first]) {
        let (mine, theirs) = (
            to.json(&["show", id, "--json"]),
            from.json(&["show", id, "--json"]),
        );
        for k in [
            "title",
            "date",
            "kind",
            "tags",
            "behaviours",
            "body",
            "impact",
            "person",
            "deleted_at",
        ] {
            assert_eq!(mine[k], theirs[k], "{id} {k}");
        }
    }
    // The ladder is left as it was: the vault's ladder files are not read back.
    assert_eq!(
        to.ok(&["ladder", "show", "--retired", "--json"]),
        ladder_before
    );
    // Again: nothing new, and the text says what was missing.
    let text = to.ok(&["import", s(&vault)]);
    assert!(text.contains("has no .rungs/journal.json"), "{text}");
    assert!(text.contains("0 entries added"), "{text}");

    // A malformed metadata file is still refused, naming it, and nothing is written.
    std::fs::write(vault.join(".rungs/journal.json"), "{ not json").unwrap();
    let empty = Env::new();
    let err = empty.fails(&["import", s(&vault)]);
    assert!(err.contains(".rungs/journal.json"), "{err}");
    assert!(err.contains("not a Rungs JSON export"), "{err}");
    assert_eq!(empty.json(&["list", "--json"]), json!([]));

    // A vault made by hand: one note in a folder of its own.
    let hand = empty.dir.path().join("hand");
    std::fs::create_dir_all(&hand).unwrap();
    std::fs::write(
        hand.join("first.md"),
        "---\nkind: learning\ntitle: Made by hand\ndate: 2026-11-21\n---\n\n## Body\n\nNo export made this.\n",
    )
    .unwrap();
    let summary = empty.json(&["import", s(&hand), "--json"]);
    assert_eq!(
        (&summary["added"], &summary["metadata_missing"]),
        (&json!(1), &json!(true))
    );
    let listed = empty.json(&["list", "--json"]);
    assert_eq!(listed[0]["title"], "Made by hand");
    assert_eq!(listed[0]["body"], "No export made this.");
}

/// Replaces the body of the learning titled `title` in `env` (a new revision).
fn edit_learning(env: &Env, id: &str, body: &str) {
    env.ok(&["edit", id, "--body", body]);
}

#[test]
fn merging_into_a_journal_with_entries_reports_conflicts_and_keeps_both() {
    let here = Env::new();
    let kept = here.json(&[
        "add",
        "learning",
        "--title",
        "Both change this",
        "--date",
        "2026-11-10",
        "--body",
        "v1",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let moved_on = here.json(&[
        "add",
        "learning",
        "--title",
        "Only there changes this",
        "--date",
        "2026-11-11",
        "--body",
        "v1",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let file = here.dir.path().join("base.json");
    here.ok(&["export", "--out", s(&file)]);

    // Another machine: the same journal, then changes of its own.
    let there = Env::new();
    there.ok(&["import", s(&file)]);
    edit_learning(&there, &kept, "changed there");
    edit_learning(&there, &moved_on, "changed there only");
    there.add_pairing("Added there", &["--partner", "Nina Новак"]);
    let theirs = there.dir.path().join("theirs.json");
    there.ok(&["export", "--out", s(&theirs)]);

    // Meanwhile here: the first entry changes too, and someone new appears.
    edit_learning(&here, &kept, "changed here");
    here.add_pairing("Added here", &["--partner", "Nina Новак"]);

    let summary = here.json(&["import", s(&theirs), "--json"]);
    assert_eq!(summary["mode"], "merge");
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["updated"], 1, "{summary}");
    let conflicts = summary["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{summary}");
    let c = &conflicts[0];
    assert_eq!(c["entry_id"], kept.as_str());
    assert_eq!(c["local_revision"], 2);
    assert_eq!(c["incoming_revision"], 2);
    assert!(c["local_at"].as_str().unwrap() != c["incoming_at"].as_str().unwrap());
    // This journal's version stays; the imported one is a copy with its history.
    assert_eq!(
        here.json(&["show", &kept, "--json"])["body"],
        "changed here"
    );
    let copy = c["copy_id"].as_str().unwrap();
    assert_eq!(
        here.json(&["show", copy, "--json"])["body"],
        "changed there"
    );
    assert_eq!(
        here.json(&["history", copy, "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // The entry only changed there was brought up to date, its history kept.
    assert_eq!(
        here.json(&["show", &moved_on, "--json"])["body"],
        "changed there only"
    );
    assert_eq!(
        here.json(&["history", &moved_on, "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // People are matched by name: one Nina, on both pairing sessions.
    let people = here.json(&["people", "--json"]);
    let ninas: Vec<&Value> = people
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "Nina Новак")
        .collect();
    assert_eq!(ninas.len(), 1, "{people}");
    assert_eq!(
        here.json(&["list", "--person", "Nina Новак", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // The conflict is also in the human summary, with both times.
    let before = export(&here);
    let text = here.ok(&["import", s(&theirs)]);
    assert!(text.contains(&kept) && text.contains(copy), "{text}");
    // Importing the same file again finds its copy: nothing new is written.
    assert_eq!(export(&here), before);
    assert!(
        text.contains("Merged: 0 entries added, 0 updated, 2 unchanged."),
        "{text}"
    );
}

/// The trash writes no revision, so a merge compares it apart from the revisions: a
/// trash made on either side is kept, never silently undone.
#[test]
fn a_merge_keeps_the_trash_of_either_side() {
    let here = Env::new();
    let add = |env: &Env, title: &str| {
        env.json(&[
            "add",
            "learning",
            "--title",
            title,
            "--date",
            "2026-11-10",
            "--body",
            "v1",
            "--json",
        ])["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let trashed_there = add(&here, "Trashed there");
    let trashed_here = add(&here, "Trashed here, edited there");
    let base = here.dir.path().join("base.json");
    here.ok(&["export", "--out", s(&base)]);

    let there = Env::new();
    there.ok(&["import", s(&base)]);
    there.ok(&["delete", &trashed_there]);
    edit_learning(&there, &trashed_here, "edited there");
    let theirs = there.dir.path().join("theirs.json");
    there.ok(&["export", "--out", s(&theirs)]);

    here.ok(&["delete", &trashed_here]);
    let summary = here.json(&["import", s(&theirs), "--json"]);
    assert_eq!(summary["updated"], 2, "{summary}");
    assert_eq!(
        summary["conflicts"].as_array().unwrap().len(),
        0,
        "{summary}"
    );
    let trash: Vec<String> = here
        .json(&["trash", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        trash.contains(&trashed_there),
        "the trash made there arrives: {trash:?}"
    );
    assert!(
        trash.contains(&trashed_here),
        "the trash made here stays: {trash:?}"
    );
    // The edit made there still arrived, in the trash.
    assert_eq!(
        here.json(&["show", &trashed_here, "--json"])["body"],
        "edited there"
    );
}

/// `rungs ARGS` against `env` as a child process, paused at the failpoint `point`
/// (src/journal/failpoint.rs) once it gets there; returns it and the gate that lets
/// it go on.
fn paused_at(env: &Env, args: &[&str], point: &str) -> (std::process::Child, std::path::PathBuf) {
    use rungs::journal::failpoint;
    let gate = env.dir.path().join(format!("gate-{point}"));
    let reached = env.dir.path().join(format!("gate-{point}.reached"));
    let mut child = std::process::Command::new(crate::util::rungs_bin())
        .arg("--data-dir")
        .arg(env.data_dir())
        .args(args)
        .env("RUNGS_TODAY", crate::util::TODAY)
        .env(failpoint::VAR, point)
        .env(failpoint::GATE_VAR, &gate)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn rungs");
    while !reached.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "rungs {args:?} ended ({status}) before reaching {point}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    (child, gate)
}

/// An export sees the journal at one moment: another process that gives an entry a
/// new partner and adds an entry while the export is between reading the people
/// and reading the entries changes nothing in the file, which imports into an empty
/// journal as the journal was before that write.
#[test]
fn an_export_taken_while_another_process_writes_is_the_journal_at_one_moment() {
    let env = demo();
    let last = env.add_pairing("paired before the export", &["--partner", "Tom B."]);
    let before = export(&env);
    let file = env.dir.path().join("during.json");
    let (child, gate) = paused_at(
        &env,
        &["export", "--format", "json", "--out", s(&file)],
        rungs::journal::failpoint::EXPORT_READ_PEOPLE,
    );
    env.ok(&["edit", &last, "--partner", "Brand New Person Zed"]);
    env.add_pairing(
        "paired during the export",
        &["--partner", "Another New Person"],
    );
    std::fs::write(&gate, "go").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut written: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    written.as_object_mut().unwrap().remove("exported_at");
    assert_eq!(written, before);
    let to = Env::new();
    let summary = to.json(&["import", s(&file), "--json"]);
    assert_eq!(summary["mode"], "whole", "{summary}");
    assert_eq!(export(&to), before);
    // The write went in: the journal itself has both.
    let people = env.ok(&["people", "--json"]);
    assert!(people.contains("Brand New Person Zed") && people.contains("Another New Person"));
}

/// The Markdown vault is the journal at one moment too: an entry retitled and
/// given a new partner by another process while the export is paused is written as
/// it was (file name, front matter and body from the same revision), and the vault
/// imports into an empty journal as the journal was before that write.
#[test]
fn a_vault_exported_while_another_process_writes_is_the_journal_at_one_moment() {
    let env = demo();
    let last = env.add_pairing("paired before the export", &["--partner", "Tom B."]);
    let before = export(&env);
    let vault = env.dir.path().join("vault");
    let (child, gate) = paused_at(
        &env,
        &["export", "--format", "markdown", "--out", s(&vault)],
        rungs::journal::failpoint::EXPORT_READ_PEOPLE,
    );
    env.ok(&[
        "edit",
        &last,
        "--title",
        "Retitled during the export",
        "--partner",
        "Brand New Person Zed",
    ]);
    std::fs::write(&gate, "go").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Nothing of the later revision: no file named after it, no text of it.
    let mut stack = vec![vault.clone()];
    while let Some(dir) = stack.pop() {
        for f in std::fs::read_dir(&dir).unwrap() {
            let path = f.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            assert!(
                !path.to_string_lossy().contains("retitled"),
                "{}",
                path.display()
            );
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains("Retitled") && !text.contains("Zed"),
                "{} holds the later revision",
                path.display()
            );
        }
    }
    let to = Env::new();
    to.ok(&["import", s(&vault)]);
    assert_eq!(export(&to), before);
}

/// A journal without entries but with a ladder the user imported and a level they
/// chose is not empty: a whole export imported into it merges, and the user's
/// track and profile stay (a whole load deleted them).
#[test]
fn an_import_keeps_the_users_own_ladder_and_profile_in_a_journal_without_entries() {
    let from = demo();
    let file = from.dir.path().join("demo.json");
    from.ok(&["export", "--out", s(&file)]);
    let env = Env::new();
    let ladder = write_file(env.dir.path(), "staff.md", LADDER_V1.as_bytes());
    env.ok(&["ladder", "import", "--track", "Platform", s(&ladder)]);
    env.ok(&["profile", "--level", "platform/L3"]);
    let ladder_before = env.ok(&["ladder", "show", "--retired", "--json"]);
    let profile_before = env.ok(&["profile", "--json"]);
    assert!(ladder_before.contains("Platform") && profile_before.contains("L3"));
    let summary = env.json(&["import", s(&file), "--json"]);
    assert_eq!(summary["mode"], "merge", "{summary}");
    assert_eq!(env.ok(&["profile", "--json"]), profile_before);
    let tracks = env.json(&["ladder", "show", "--retired", "--json"]);
    let shown = tracks.to_string();
    assert!(shown.contains("Platform") && shown.contains("I write runbooks for what I build"));
    // The demo's entries and people all came in, with their links to its ladder.
    assert_eq!(
        env.json(&["list", "--json"]).as_array().unwrap().len(),
        from.json(&["list", "--json"]).as_array().unwrap().len()
    );
    assert_eq!(
        env.ok(&["people", "--json"]),
        from.ok(&["people", "--json"])
    );
}

/// A person renamed on one side is still the same person: matched by id and
/// creation time (one journal came from the other), the renamed side's entries
/// are unchanged, not conflicts, no second person is made, and the rename is
/// reported with the journal's name kept.
#[test]
fn a_person_renamed_on_one_side_merges_as_the_same_person() {
    let a = Env::new();
    let paired = a.add_pairing("Paired with Tom", &["--partner", "Tom B."]);
    let feedback = a.add_feedback("received", "Tom B.");
    a.add_pairing("Paired with Lena", &["--partner", "Lena F."]);
    let file = a.dir.path().join("a.json");
    a.ok(&["export", "--out", s(&file)]);
    let b = Env::new();
    b.ok(&["import", s(&file)]);
    b.ok(&["person", "rename", "Tom B.", "Tom Becker"]);
    let theirs = b.dir.path().join("b.json");
    b.ok(&["export", "--out", s(&theirs)]);
    let before = export(&a);

    let summary = a.json(&["import", s(&theirs), "--json"]);
    assert_eq!(summary["mode"], "merge", "{summary}");
    assert_eq!(summary["conflicts"], json!([]), "{summary}");
    assert_eq!(
        (
            &summary["added"],
            &summary["unchanged"],
            &summary["people_added"]
        ),
        (&json!(0), &json!(3), &json!(0)),
        "{summary}"
    );
    assert_eq!(
        summary["people_renamed"],
        json!([{"kept": "Tom B.", "imported": "Tom Becker"}])
    );
    // Nothing was written: the same entries, the same two people.
    assert_eq!(export(&a), before);
    assert_eq!(a.json(&["list", "--json"]).as_array().unwrap().len(), 3);
    let people = a.json(&["people", "--json"]);
    let names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{people}");
    assert!(
        names.contains(&"Tom B.") && names.contains(&"Lena F."),
        "{people}"
    );
    let text = a.ok(&["import", s(&theirs)]);
    assert!(
        text.contains("Tom B. is called Tom Becker in the import; the name here is kept."),
        "{text}"
    );
    // The other way, B keeps its name and sees A's later edit as an update.
    a.ok(&["edit", &paired, "--notes", "more notes here"]);
    a.ok(&["export", "--out", s(&file), "--force"]);
    let summary = b.json(&["import", s(&file), "--json"]);
    assert_eq!(
        (
            &summary["updated"],
            &summary["unchanged"],
            &summary["conflicts"]
        ),
        (&json!(1), &json!(2), &json!([])),
        "{summary}"
    );
    assert_eq!(
        summary["people_renamed"],
        json!([{"kept": "Tom Becker", "imported": "Tom B."}])
    );
    assert_eq!(
        b.json(&["show", &paired, "--json"])["notes"],
        "more notes here"
    );
    assert_eq!(
        b.json(&["show", &feedback, "--json"])["person"],
        "Tom Becker"
    );
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let env = rich();
    let good = export(&env);
    type Breaks = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Breaks, &str)> = vec![
        (
            Box::new(|d| d["entries"][3]["date"] = json!("2026-02-30")),
            "entries[3].date",
        ),
        (
            Box::new(|d| d["entries"][1]["colour"] = json!("red")),
            "entries[1].colour: unknown field",
        ),
        (
            Box::new(|d| d["entries"][0]["minutes"] = json!("ninety")),
            "entries[0].minutes: expected an integer",
        ),
        (
            Box::new(|d| {
                d["people"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("name")
                    .map(drop)
                    .unwrap()
            }),
            "people[1].name",
        ),
        (
            Box::new(|d| d["entries"][2]["revisions"][0]["content"] = json!({"date": 5})),
            "entries[2].revisions[0].content",
        ),
        (
            Box::new(|d| d["entries"][0]["people"][0]["person_id"] = json!(999)),
            "entries[0].people",
        ),
        (
            Box::new(|d| d["format"] = json!("something-else")),
            "format: is \"something-else\"",
        ),
        (
            Box::new(|d| d["schema_version"] = json!(999)),
            "schema_version: 999 is newer",
        ),
    ];
    for (break_it, expected) in &cases {
        let mut doc = good.clone();
        doc["exported_at"] = json!("2026-11-22T10:00:00.000Z");
        break_it(&mut doc);
        let file = write_file(env.dir.path(), "bad.json", doc.to_string().as_bytes());
        // Into an empty journal and into this one (a merge): refused, nothing written.
        let empty = Env::new();
        let err = empty.fails(&["import", s(&file)]);
        assert!(err.contains(expected), "{expected}: {err}");
        assert_eq!(empty.json(&["list", "--json"]), json!([]));
        assert_eq!(empty.json(&["people", "--json"]), json!([]));
        env.fails(&["import", s(&file)]);
        assert_eq!(export(&env), good, "{expected}");
    }
    let not_json = write_file(env.dir.path(), "notes.json", b"{ not json");
    let err = env.fails(&["import", s(&not_json)]);
    assert!(err.contains("not a Rungs JSON export"), "{err}");
}

#[test]
fn an_export_never_replaces_a_file_unless_forced() {
    let env = demo();
    let out = write_file(env.dir.path(), "keep.json", b"precious");
    let err = env.fails(&["export", "--out", s(&out)]);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"precious");
    let v = env.json(&["export", "--out", s(&out), "--force", "--json"]);
    assert_eq!(
        v["entries"],
        env.json(&["list", "--json"]).as_array().unwrap().len()
    );
    let dir = env.dir.path().join("notes");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("mine.md"), "mine").unwrap();
    let err = env.fails(&[
        "export",
        "--format",
        "markdown",
        "--out",
        s(&dir),
        "--force",
    ]);
    assert!(err.contains("not a Rungs vault"), "{err}");
    assert_eq!(std::fs::read(dir.join("mine.md")).unwrap(), b"mine");
}

#[test]
fn exporting_again_into_a_vault_refreshes_it_and_keeps_what_is_not_ours() {
    let env = rich();
    let vault = env.dir.path().join("vault");
    env.ok(&["export", "--format", "markdown", "--out", s(&vault)]);
    std::fs::create_dir(vault.join(".git")).unwrap();
    std::fs::write(vault.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(vault.join("scratch.md"), "thinking\n").unwrap();
    let learning = file_with(&vault, "learning/2026/2026-11-19-1234-");
    let text = std::fs::read_to_string(&learning).unwrap();
    let id = id_in(&text);
    std::fs::write(
        &learning,
        text.replace("Ünïcödé body", "changed in the vault"),
    )
    .unwrap();

    // The edit is not in the journal yet: exporting over it would lose it.
    let before = vault_files(&vault);
    let err = env.fails(&[
        "export",
        "--format",
        "markdown",
        "--out",
        s(&vault),
        "--force",
    ]);
    assert!(err.contains("not in this journal yet"), "{err}");
    assert!(err.contains("learning/2026/2026-11-19-1234-"), "{err}");
    assert_eq!(vault_files(&vault), before);

    env.ok(&["import", s(&vault)]);
    env.ok(&["delete", &id]);
    env.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        s(&vault),
        "--force",
    ]);
    assert_eq!(
        std::fs::read_to_string(vault.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/main\n"
    );
    assert_eq!(
        std::fs::read_to_string(vault.join("scratch.md")).unwrap(),
        "thinking\n"
    );
    // The entry went to the trash: its file moved there, with the edit.
    assert!(!learning.exists());
    let trashed = file_with(&vault, "trash/learning/2026/2026-11-19-1234-");
    assert!(
        std::fs::read_to_string(trashed)
            .unwrap()
            .contains("changed in the vault")
    );
    assert!(
        !vault.join("learning/2026").exists(),
        "an emptied folder is removed"
    );
}

#[test]
fn drafts_travel_with_an_export_and_a_draft_in_the_empty_journal_stays() {
    let from = rich();
    {
        let mut journal = rungs::Journal::open(&from.data_dir()).unwrap();
        journal
            .save_draft("capture", "{\"title\":\"half written there\"}")
            .unwrap();
    }
    let file = from.dir.path().join("journal.json");
    from.ok(&["export", "--out", s(&file)]);
    let to = Env::new();
    {
        let mut journal = rungs::Journal::open(&to.data_dir()).unwrap();
        journal
            .save_draft("edit:1", "{\"title\":\"half written here\"}")
            .unwrap();
    }
    to.ok(&["import", s(&file)]);
    let journal = rungs::Journal::open(&to.data_dir()).unwrap();
    let mut drafts: Vec<String> = journal
        .drafts()
        .unwrap()
        .into_iter()
        .map(|d| d.data)
        .collect();
    drafts.sort();
    assert_eq!(
        drafts,
        [
            "{\"title\":\"half written here\"}",
            "{\"title\":\"half written there\"}"
        ]
    );
}

/// Every `.md` file under `dir` (not `.rungs/`), rewritten with CRLF line endings,
/// as Git for Windows' autocrlf checks them out.
fn to_crlf(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += to_crlf(&p);
        } else if p.extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(&p, text.replace('\n', "\r\n")).unwrap();
            n += 1;
        }
    }
    n
}

/// A vault checked out with CRLF endings is the same vault: importing it edits
/// nothing, into this journal or an empty one, and it can be refreshed; the vault
/// carries a `.gitattributes` that asks git for LF endings.
#[test]
fn a_vault_checked_out_with_crlf_endings_imports_as_unchanged() {
    let env = rich();
    let vault = env.dir.path().join("vault");
    env.ok(&["export", "--format", "markdown", "--out", s(&vault)]);
    assert_eq!(
        std::fs::read_to_string(vault.join(".gitattributes")).unwrap(),
        "* text eol=lf\n"
    );
    assert!(to_crlf(&vault) > 5);
    let before = export(&env);
    let summary = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(
        (&summary["edited"], &summary["added"], &summary["conflicts"]),
        (&json!(0), &json!(0), &json!([])),
        "{summary}"
    );
    assert_eq!(export(&env), before);
    let to = Env::new();
    let summary = to.json(&["import", s(&vault), "--json"]);
    assert_eq!(summary["edited"], 0, "{summary}");
    assert_eq!(export(&to), before);
    // Every file is the export's own: refreshing the vault rewrites it with LF.
    env.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        s(&vault),
        "--force",
    ]);
    assert!(
        vault_files(&vault).values().all(|t| !t.contains('\r')),
        "LF again"
    );
    // A .gitattributes of the user's own is kept on a refresh.
    std::fs::write(vault.join(".gitattributes"), "*.md text\n").unwrap();
    env.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        s(&vault),
        "--force",
    ]);
    assert_eq!(
        std::fs::read_to_string(vault.join(".gitattributes")).unwrap(),
        "*.md text\n"
    );
}

/// Texts that Markdown sections could not carry as they are: a line that is one of
/// the vault's headings, a setext heading, an unclosed code fence (it would swallow
/// the next section), CR characters.
const HEADINGS_IN_TEXT: &str = "What I learned today:\n\n## Learned\n\nthat this line is text.\n\n\
Impact\n------\n\nand this is still the body.";
const OPEN_FENCE: &str = "Before the fence\n\n```sh\necho 'never closed'";

fn texts_that_look_like_sections() -> Env {
    let env = rich();
    env.json(&[
        "add",
        "learning",
        "--title",
        "Headings in the body",
        "--date",
        "2026-11-22",
        "--body",
        HEADINGS_IN_TEXT,
        "--json",
    ]);
    env.add_pairing(
        "An open fence",
        &[
            "--partner",
            "Ölaf Ünal",
            "--notes",
            OPEN_FENCE,
            "--learned",
            "A line from Windows\r\nand the next",
        ],
    );
    env.ok(&[
        "add",
        "feedback",
        "--direction",
        "received",
        "--person",
        "Lena Fischer",
        "--date",
        "2026-11-22",
        "--situation",
        "Retro\n\n## Impact\n\nwas a heading I typed",
        "--observed",
        "Clear notes",
        "--impact",
        "The team followed",
    ]);
    env
}

/// Such texts come back exactly from a vault (kept in the front matter, where a
/// hand edit of them is made), and through JSON.
#[test]
fn texts_that_look_like_sections_survive_the_vault() {
    let env = texts_that_look_like_sections();
    assert_json_round_trip(&env);
    assert_vault_round_trip(&env);
    let vault = env.dir.path().join("vault");
    let file = file_with(&vault, "learning/2026/2026-11-22-headings-in-the-body-");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("body: |-\n  What I learned today:"), "{text}");
    assert!(text.contains("in the front matter (`body`)"), "{text}");
    let pairing =
        std::fs::read_to_string(file_with(&vault, "pairing/2026/2026-11-20-an-open-fence-"))
            .unwrap();
    assert!(pairing.contains("notes: |-"), "{pairing}");
    // The other texts of the entry stay sections.
    let feedback = std::fs::read_to_string(file_with(&vault, "feedback/2026/2026-11-22-")).unwrap();
    assert!(feedback.contains("situation: |-"), "{feedback}");
    assert!(
        feedback.contains("## Behaviour\n\nClear notes"),
        "{feedback}"
    );
    assert!(
        feedback.contains("## Impact\n\nThe team followed"),
        "{feedback}"
    );

    // Importing the untouched vault into the journal changes nothing.
    let before = export(&env);
    let summary = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(summary["edited"], 0, "{summary}");
    assert_eq!(export(&env), before);

    // A hand edit in the front matter is a new revision with the whole text.
    let id = id_in(&text);
    std::fs::write(
        &file,
        text.replace(
            "and this is still the body.",
            "and this was edited by hand.",
        ),
    )
    .unwrap();
    let summary = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(summary["edited"], 1, "{summary}");
    assert_eq!(
        env.json(&["show", &id, "--json"])["body"],
        HEADINGS_IN_TEXT.replace(
            "and this is still the body.",
            "and this was edited by hand."
        )
    );
}

/// A vault edit of a revision the journal has moved on from is kept as a copy whose
/// id comes from what it copies: importing the vault again finds that copy instead
/// of adding another, and the vault can be refreshed over the imported edit.
#[test]
fn a_vault_edit_conflict_is_imported_once_and_the_vault_refreshes() {
    let env = rich();
    let vault = env.dir.path().join("vault");
    env.ok(&["export", "--format", "markdown", "--out", s(&vault)]);
    let learning = file_with(&vault, "learning/2026/2026-11-19-1234-");
    let text = std::fs::read_to_string(&learning).unwrap();
    let id = id_in(&text);
    std::fs::write(
        &learning,
        text.replace("Ünïcödé body", "changed in the vault"),
    )
    .unwrap();
    env.ok(&["edit", &id, "--body", "changed in the journal"]);

    let summary = env.json(&["import", s(&vault), "--json"]);
    let conflicts = summary["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{summary}");
    assert_eq!(conflicts[0]["entry_id"], id.as_str());
    let copy = conflicts[0]["copy_id"].as_str().unwrap().to_string();
    assert_eq!(
        env.json(&["show", &copy, "--json"])["body"],
        "changed in the vault"
    );
    assert_eq!(
        env.json(&["show", &id, "--json"])["body"],
        "changed in the journal"
    );
    let before = export(&env);
    let again = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(again["conflicts"][0]["copy_id"], copy.as_str(), "{again}");
    assert_eq!(export(&env), before, "no second copy");

    // The vault can be refreshed: the edit is in the journal, as the copy.
    env.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        s(&vault),
        "--force",
    ]);
    let files = vault_files(&vault);
    let shows = |body: &str| {
        files
            .iter()
            .filter(|(p, t)| p.ends_with(".md") && t.contains(body))
            .count()
    };
    assert_eq!(shows("changed in the vault"), 1, "the copy's file");
    assert_eq!(shows("changed in the journal"), 1, "the entry's file");
    let summary = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(
        (&summary["edited"], &summary["added"], &summary["conflicts"]),
        (&json!(0), &json!(0), &json!([])),
        "{summary}"
    );
    assert_eq!(export(&env), before);
}

/// Entries removed for good (`rungs demo --remove`) leave their files in the vault:
/// unchanged since the export wrote them (as its `.rungs/journal.json` records),
/// they are the export's own and a refresh removes them; an edited one is still
/// refused.
#[test]
fn a_vault_refreshes_after_entries_are_removed_for_good() {
    let env = demo();
    let own = env.json(&[
        "add",
        "learning",
        "--title",
        "Mine, not the demo's",
        "--date",
        "2026-11-21",
        "--body",
        "kept",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let vault = env.dir.path().join("vault");
    env.ok(&["export", "--format", "markdown", "--out", s(&vault)]);
    let demo_files = vault_files(&vault)
        .keys()
        .filter(|p| p.ends_with(".md") && p.contains("/20"))
        .count();
    assert!(demo_files > 50, "{demo_files}");
    env.ok(&["demo", "--remove"]);
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 1);

    // One removed entry's file edited by hand: that edit would be lost, so refused.
    let edited = vault_files(&vault)
        .into_iter()
        .find(|(p, t)| p.starts_with("learning/") && !t.contains(&own))
        .map(|(p, t)| (vault.join(p), t))
        .unwrap();
    let edit = format!("{}\nA line added by hand.\n", edited.1);
    std::fs::write(&edited.0, &edit).unwrap();
    let force = [
        "export",
        "--format",
        "markdown",
        "--out",
        s(&vault),
        "--force",
    ];
    let err = env.fails(&force);
    assert!(err.contains("1 entry file"), "{err}");
    assert!(err.contains("not in this journal yet"), "{err}");

    // Without that edit, the vault is refreshed to what the journal has now.
    std::fs::write(&edited.0, &edited.1).unwrap();
    env.ok(&force);
    let entry_files: Vec<String> = vault_files(&vault)
        .into_keys()
        .filter(|p| p.ends_with(".md") && p.contains("/20"))
        .collect();
    assert_eq!(entry_files.len(), 1, "{entry_files:?}");
    assert!(entry_files[0].starts_with("learning/2026/2026-11-21-mine-not-the-demo-s-"));
    let to = Env::new();
    to.ok(&["import", s(&vault)]);
    assert_eq!(export(&to), export(&env));
}

/// A vault import reports its progress to the end: after the metadata file's
/// entries, every entry file read (here one more than there are entries).
#[test]
fn a_vault_import_reports_progress_over_every_entry_file() {
    let from = rich();
    let vault = from.dir.path().join("vault");
    from.ok(&["export", "--format", "markdown", "--out", s(&vault)]);
    std::fs::write(
        vault.join("learning/2026/by-hand.md"),
        "---\nkind: learning\ntitle: By hand\ndate: 2026-11-21\n---\n\n## Body\n\nWritten here.\n",
    )
    .unwrap();
    let files = vault_files(&vault)
        .keys()
        .filter(|p| p.ends_with(".md") && p.contains("/20"))
        .count();
    let entries = from.json(&["list", "--json"]).as_array().unwrap().len()
        + from.json(&["trash", "--json"]).as_array().unwrap().len();
    assert_eq!(files, entries + 1);
    let to = Env::new();
    let mut journal = rungs::Journal::open(&to.data_dir()).unwrap();
    let mut seen = Vec::new();
    journal
        .import_markdown(&vault, &mut |done, total| seen.push((done, total)))
        .unwrap();
    assert!(seen.contains(&(entries, entries)), "{seen:?}");
    assert_eq!(seen.last(), Some(&(files, files)), "{seen:?}");
}

/// Every part of an entry file is read, or the import refuses the file: a changed
/// `# title` line is the new title, and text before the first section, or a
/// section for a text the front matter holds, is refused naming the file. Before,
/// both were dropped silently, and a refresh then overwrote them in the vault.
#[test]
fn a_hand_edit_outside_the_sections_is_read_or_refused_never_dropped() {
    let env = texts_that_look_like_sections();
    let vault = env.dir.path().join("vault");
    env.ok(&["export", "--format", "markdown", "--out", s(&vault)]);

    // A retitled heading is the new title.
    let file = file_with(&vault, "learning/2026/2026-11-22-headings-in-the-body-");
    let text = std::fs::read_to_string(&file).unwrap();
    let id = id_in(&text);
    let title = env.json(&["show", &id, "--json"])["title"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::write(
        &file,
        text.replace(&format!("# {title}\n"), "# Retitled by hand\n"),
    )
    .unwrap();
    let summary = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(summary["edited"], 1, "{summary}");
    assert_eq!(
        env.json(&["show", &id, "--json"])["title"],
        "Retitled by hand"
    );

    // A paragraph above the first section belongs to no field: refused, and the
    // refresh refuses to overwrite it.
    env.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        s(&vault),
        "--force",
    ]);
    let file = file_with(&vault, "feedback/2026/2026-11-22-");
    let text = std::fs::read_to_string(&file).unwrap();
    let feedback = id_in(&text);
    let with_paragraph = text.replacen("\n## ", "\nA thought added above the sections.\n\n## ", 1);
    assert_ne!(with_paragraph, text);
    std::fs::write(&file, &with_paragraph).unwrap();
    let before = export(&env);
    for args in [
        vec!["import", s(&vault)],
        vec![
            "export",
            "--format",
            "markdown",
            "--out",
            s(&vault),
            "--force",
        ],
    ] {
        let err = env.fails(&args);
        assert!(
            err.contains("2026-11-22-") && err.contains("A thought added above the sections"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(export(&env), before);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), with_paragraph);
    std::fs::write(&file, &text).unwrap();

    // A section for a text the front matter holds: which one is the text? Refused.
    let file = file_with(&vault, "pairing/2026/2026-11-20-an-open-fence-");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("notes: |-"), "{text}");
    std::fs::write(&file, format!("{text}\n## Notes\n\nWritten as a section\n")).unwrap();
    let err = env.fails(&["import", s(&vault)]);
    assert!(
        err.contains("2026-11-20-an-open-fence-")
            && err.contains("notes")
            && err.contains("keep one"),
        "{err}"
    );
    assert_eq!(export(&env), before);
    assert_eq!(env.json(&["show", &feedback, "--json"])["id"], feedback);
}

/// The `# ` line and the front matter's `title:` are read against the revision the
/// file was written from: a `title:` edited alone is the new title, a person edited
/// on feedback with a generated title keeps it generated, and the two changed
/// differently are refused by name.
#[test]
fn a_vault_title_is_edited_in_the_front_matter_or_the_heading() {
    let env = demo();
    let vault = env.dir.path().join("vault");
    env.ok(&["export", "--format", "markdown", "--out", s(&vault)]);
    let pairing = file_with(&vault, "pairing/");
    let text = std::fs::read_to_string(&pairing).unwrap();
    let id = id_in(&text);
    let line = text.lines().find(|l| l.starts_with("title: ")).unwrap();
    std::fs::write(
        &pairing,
        text.replace(line, "title: Retitled in the front matter"),
    )
    .unwrap();
    let feedback = vault_files(&vault)
        .into_iter()
        .find(|(p, t)| p.starts_with("feedback/") && !t.contains("\ntitle: "))
        .map(|(p, _)| vault.join(p))
        .expect("a feedback file with a generated title");
    let ftext = std::fs::read_to_string(&feedback).unwrap();
    let fid = id_in(&ftext);
    let person = ftext.lines().find(|l| l.starts_with("person: ")).unwrap();
    std::fs::write(
        &feedback,
        ftext.replace(person, "person: Someone Else Entirely"),
    )
    .unwrap();

    let summary = env.json(&["import", s(&vault), "--json"]);
    assert_eq!(summary["edited"], 2, "{summary}");
    assert_eq!(
        env.json(&["show", &id, "--json"])["title"],
        "Retitled in the front matter"
    );
    let shown = env.json(&["show", &fid, "--json"]);
    assert_eq!(shown["person"], "Someone Else Entirely");
    assert!(
        shown["title"]
            .as_str()
            .unwrap()
            .contains("Someone Else Entirely"),
        "the generated title follows the person: {shown}"
    );

    // Both changed, differently: refused, naming the file.
    env.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        s(&vault),
        "--force",
    ]);
    // The refresh names the file after the new title.
    let pairing = vault_files(&vault)
        .into_iter()
        .find(|(_, t)| t.contains(&format!("id: {id}\n")))
        .map(|(p, _)| vault.join(p))
        .unwrap();
    let text = std::fs::read_to_string(&pairing).unwrap();
    let text = text
        .replace("title: Retitled in the front matter", "title: One title")
        .replace("# Retitled in the front matter", "# Another title");
    std::fs::write(&pairing, text).unwrap();
    let before = export(&env);
    let err = env.fails(&["import", s(&vault)]);
    assert!(err.contains("pairing/") && err.contains("title"), "{err}");
    assert_eq!(export(&env), before);
    std::fs::write(
        &pairing,
        std::fs::read_to_string(&pairing)
            .unwrap()
            .replace("title: One title", "title: Another title"),
    )
    .unwrap();
    env.ok(&["import", s(&vault)]);

    // A section or a property the entry's kind does not have is refused, not dropped.
    let learning = file_with(&vault, "learning/");
    let text = std::fs::read_to_string(&learning).unwrap();
    for (edited, needle) in [
        (
            format!("{text}\n## Notes\n\nThese notes matter.\n"),
            "## Notes",
        ),
        (
            text.replacen("kind: learning", "kind: learning\nmood: happy", 1),
            "mood",
        ),
    ] {
        std::fs::write(&learning, &edited).unwrap();
        let before = export(&env);
        for args in [
            vec!["import", s(&vault)],
            vec![
                "export",
                "--format",
                "markdown",
                "--out",
                s(&vault),
                "--force",
            ],
        ] {
            let err = env.fails(&args);
            assert!(
                err.contains("learning/") && err.contains(needle),
                "{args:?}: {err}"
            );
        }
        assert_eq!(export(&env), before);
        assert_eq!(std::fs::read_to_string(&learning).unwrap(), edited);
    }
}
