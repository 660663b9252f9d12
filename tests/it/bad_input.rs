//! Every bad input the CLI contract lists: non-zero exit, a message naming the
//! field and the problem, and nothing stored.

use crate::util::{Env, feedback_args, s, write_file};

/// Runs `args`, expects failure mentioning every `needles`, and checks that the
/// journal (entries, trash, people, ladder) is exactly as before.
fn rejected(env: &Env, args: &[&str], needles: &[&str]) {
    let before = snapshot(env);
    let err = env.fails(args);
    for n in needles {
        assert!(
            err.contains(n),
            "rungs {args:?}: stderr should mention {n:?}, got: {err}"
        );
    }
    assert!(err.starts_with("error"), "{err}");
    assert_eq!(snapshot(env), before, "rungs {args:?} changed the journal");
}

fn snapshot(env: &Env) -> String {
    format!(
        "{}{}{}{}",
        env.ok(&["list", "--json"]),
        env.ok(&["trash", "--json"]),
        env.ok(&["people", "--json"]),
        env.ok(&["ladder", "show", "--json"])
    )
}

const P: [&str; 6] = [
    "add",
    "pairing",
    "--title",
    "Session",
    "--date",
    "2026-11-20",
];

fn with(base: &[&'static str], extra: &[&'static str]) -> Vec<&'static str> {
    base.iter().chain(extra).copied().collect()
}

#[test]
fn missing_required_fields_are_named() {
    let env = Env::new();
    rejected(
        &env,
        &["add", "pairing", "--date", "2026-11-20"],
        &["title", "required"],
    );
    rejected(
        &env,
        &["add", "pairing", "--title", "x"],
        &["date", "required"],
    );
    rejected(
        &env,
        &["add", "learning", "--title", "x", "--date", "2026-11-20"],
        &["body", "required"],
    );
    rejected(
        &env,
        &[
            "add",
            "feedback",
            "--direction",
            "given",
            "--date",
            "2026-11-20",
            "--situation",
            "s",
            "--observed",
            "o",
            "--impact",
            "i",
        ],
        &["person", "required"],
    );
    rejected(
        &env,
        &["add", "feedback", "--person", "Tom", "--date", "2026-11-20"],
        &["direction", "situation", "observed", "impact", "required"],
    );
}

#[test]
fn impossible_dates_and_times() {
    let env = Env::new();
    for date in [
        "2026-02-30",
        "2026-13-01",
        "yesterday",
        "20-11-2026",
        "2026-11-2",
    ] {
        rejected(
            &env,
            &["add", "pairing", "--title", "x", "--date", date],
            &["date", date],
        );
    }
    for time in ["25:00", "12:60", "noon", "9"] {
        rejected(&env, &with(&P, &["--time", time]), &["time", time]);
    }
    rejected(&env, &["list", "--since", "2026-02-31"], &["since"]);
}

#[test]
fn unknown_words() {
    let env = Env::new();
    rejected(
        &env,
        &with(&P, &["--role", "pilot"]),
        &["role", "pilot", "driver, navigator"],
    );
    rejected(
        &env,
        &feedback_args("sideways", "Tom"),
        &["direction", "sideways", "given, received"],
    );
    rejected(
        &env,
        &with(&feedback_args("given", "Tom"), &["--tone", "angry"]),
        &["tone", "angry", "appreciation, coaching"],
    );
    rejected(
        &env,
        &["list", "--kind", "meeting"],
        &["kind", "meeting", "pairing, feedback, learning"],
    );
    rejected(
        &env,
        &with(&P, &["--behaviour", "L1.9.9"]),
        &["behaviour", "L1.9.9"],
    );
    rejected(
        &env,
        &with(&P, &["--behaviour", "L1.1.1", "--behaviour", "nope"]),
        &["behaviour", "nope"],
    );
    rejected(&env, &with(&P, &["--minutes", "0"]), &["minutes"]);
    rejected(&env, &with(&P, &["--minutes", "ninety"]), &["minutes"]);
    rejected(
        &env,
        &with(&P, &["--tag", "two words"]),
        &["tag", "two-words"],
    );
}

#[test]
fn empty_title_and_empty_required_text() {
    let env = Env::new();
    rejected(
        &env,
        &["add", "pairing", "--title", "  ", "--date", "2026-11-20"],
        &["title", "empty"],
    );
    rejected(
        &env,
        &[
            "add",
            "learning",
            "--title",
            "",
            "--date",
            "2026-11-20",
            "--body",
            "b",
        ],
        &["title", "empty"],
    );
    rejected(
        &env,
        &[
            "add",
            "learning",
            "--title",
            "t",
            "--date",
            "2026-11-20",
            "--body",
            "\n",
        ],
        &["body", "empty"],
    );
    rejected(&env, &with(&P, &["--partner", " "]), &["partner", "empty"]);
    // Feedback derives its title when none is given; an empty one is a mistake.
    let feedback = feedback_args("given", "Tom Becker");
    rejected(
        &env,
        &with(&feedback, &["--title", ""]),
        &["title", "empty"],
    );
    rejected(
        &env,
        &with(&feedback, &["--title", "  "]),
        &["title", "empty"],
    );
    let id = env.json(&with(&feedback, &["--json"]))["id"]
        .as_str()
        .unwrap()
        .to_string();
    rejected(&env, &["edit", &id, "--title", ""], &["title", "empty"]);
    rejected(
        &env,
        &[
            "add",
            "pairing",
            "--title",
            "two\nlines",
            "--date",
            "2026-11-20",
        ],
        &["title", "single line"],
    );
}

#[test]
fn body_over_one_mebibyte_says_the_limit() {
    let env = Env::new();
    let big = "a".repeat(1024 * 1024 + 1);
    let before = snapshot(&env);
    let err = env.fails_with_stdin(
        &[
            "add",
            "learning",
            "--title",
            "Big",
            "--date",
            "2026-11-20",
            "--body",
            "-",
        ],
        &big,
    );
    assert!(err.contains("body") && err.contains("1 MiB"), "{err}");
    assert_eq!(snapshot(&env), before);
    // Exactly at the limit is fine.
    let ok = "a".repeat(1024 * 1024);
    env.cmd(&[
        "add",
        "learning",
        "--title",
        "Big",
        "--date",
        "2026-11-20",
        "--body",
        "-",
    ])
    .write_stdin(ok)
    .assert()
    .success();
}

#[test]
fn unknown_entry_ids() {
    let env = Env::new();
    let id = env.add_pairing("Known", &[]);
    let unknown = "01234567-89ab-7def-8123-456789abcdef";
    for args in [
        vec!["show", unknown],
        vec!["edit", unknown, "--title", "x"],
        vec!["delete", unknown],
        vec!["undelete", unknown],
        vec!["history", unknown],
        vec!["revert", unknown, "--to", "1"],
        vec!["link", unknown, "L1.1.1"],
        vec!["unlink", unknown, "L1.1.1"],
        vec!["show", "not-an-id"],
        vec!["show", "0123"],
    ] {
        rejected(&env, &args, &["entry not found"]);
    }
    // Flags of another kind are refused, naming the field.
    rejected(
        &env,
        &["edit", &id, "--body", "x"],
        &["body", "not a field of a pairing entry"],
    );
    rejected(
        &env,
        &["edit", &id, "--clear", "title"],
        &["title", "cannot be cleared"],
    );
    rejected(
        &env,
        &["edit", &id, "--clear", "colour"],
        &["clear", "colour"],
    );
    rejected(&env, &["edit", &id], &["nothing to change"]);
    rejected(
        &env,
        &["edit", &id, "--clear", "partners", "--partner", "Tom"],
        &["partner", "both given and cleared"],
    );
    rejected(&env, &["edit", &id, "--date", "2026-04-31"], &["date"]);
}

#[test]
fn bad_ladder_files() {
    let env = Env::new();
    let dir = env.dir.path();
    let latin1 = write_file(dir, "latin1.md", b"# L3: Caf\xe9\n\n## S\n\n- b\n");
    rejected(
        &env,
        &["ladder", "import", s(&latin1)],
        &["latin1.md", "UTF-8"],
    );
    let empty = write_file(
        dir,
        "empty.md",
        b"# L3: Senior\n\n> Summary only.\n\n## Impact\n\nJust prose, [a link](x).\n",
    );
    rejected(
        &env,
        &["ladder", "import", s(&empty)],
        &["empty.md", "no behaviours"],
    );
    // One bad file among good ones imports none of them.
    let good = write_file(
        dir,
        "good.md",
        b"# L3: Senior\n\n## Impact\n\n- I lead incidents\n",
    );
    rejected(
        &env,
        &["ladder", "import", s(&good), s(&latin1)],
        &["latin1.md"],
    );
    rejected(
        &env,
        &["ladder", "import", s(&dir.join("missing.md"))],
        &["missing.md"],
    );
}

#[test]
fn people_commands_name_the_problem() {
    let env = Env::new();
    env.add_pairing(
        "With Tom",
        &["--partner", "Tom Becker", "--partner", "Ana Silva"],
    );
    rejected(&env, &["person", "rename", "Nobody", "X"], &["Nobody"]);
    rejected(
        &env,
        &["person", "rename", "Tom Becker", "ana silva"],
        &["ana silva"],
    );
    rejected(
        &env,
        &["person", "rename", "Tom Becker", " "],
        &["name", "empty"],
    );
    rejected(
        &env,
        &["person", "merge", "Tom Becker", "Tom Becker"],
        &["into", "same person"],
    );
    rejected(&env, &["person", "mentee", "Nobody"], &["Nobody"]);
}

/// Every table of the database, row by row: what "nothing stored" is checked against.
fn database_rows(env: &Env) -> Vec<String> {
    let conn = rusqlite::Connection::open(env.db_path()).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut rows = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut table_rows: Vec<String> = stmt
            .query_map([], |r| {
                (0..columns)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map(|values| format!("{table}: {}", values.join(" | ")))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        table_rows.sort();
        rows.extend(table_rows);
    }
    rows
}

#[test]
fn every_command_refuses_missing_wrong_typed_huge_and_malformed_arguments() {
    let env = Env::new();
    let id = env.add_pairing(
        "Known session",
        &["--partner", "Tom Becker", "--follow-up", "Write it up"],
    );
    let followups = env.json(&["followups", "--json"]);
    let followup = followups[0]["id"].as_str().unwrap().to_string();
    let v = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let conversation = env.json(&[
        "add",
        "conversation",
        "--with",
        "Tom Becker",
        "--date",
        "2026-11-21",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let goal = env.json(&["goal", "add", &conversation, "--text", "Lead", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["search", "session", "--save", "mine"]);
    let dir = env.dir.path();
    let existing = write_file(dir, "existing.json", b"mine");
    let garbage = write_file(dir, "garbage.json", b"\x00\x01 not json, not sqlite");
    let missing = dir.join("missing.json");
    let notes = dir.join("notes");
    std::fs::create_dir(&notes).unwrap();
    let mut many_behaviours = v(&["goal", "add", &conversation, "--text", "Grow"]);
    for _ in 0..101 {
        many_behaviours.extend(["--behaviour".to_string(), "L1.1.1".to_string()]);
    }
    let ladder = write_file(
        env.dir.path(),
        "l3.md",
        b"# L3: Senior\n\n## Impact\n\n- I lead\n",
    );
    let long = "x".repeat(501);
    let long_tag = "t".repeat(65);
    let over_limit = "b".repeat(1024 * 1024 + 1);
    let many_tags: Vec<String> = (0..101).map(|i| format!("t{i}")).collect();
    let p = |extra: &[&str]| {
        let mut v: Vec<String> = ["add", "pairing", "--title", "T", "--date", "2026-11-20"]
            .map(String::from)
            .to_vec();
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let mut many = p(&[]);
    for t in &many_tags {
        many.extend(["--tag".to_string(), t.clone()]);
    }
    // (arguments, stdin, words the error must contain)
    let cases: Vec<(Vec<String>, &str, Vec<&str>)> = vec![
        // Missing arguments.
        (v(&["add"]), "", vec!["Usage"]),
        (v(&["show"]), "", vec!["<ID>"]),
        (v(&["edit"]), "", vec!["<ID>"]),
        (v(&["delete"]), "", vec!["<ID>"]),
        (v(&["undelete"]), "", vec!["<ID>"]),
        (v(&["history"]), "", vec!["<ID>"]),
        (v(&["revert", &id]), "", vec!["--to"]),
        (v(&["link", &id]), "", vec!["<BEHAVIOUR>"]),
        (v(&["unlink", &id]), "", vec!["<BEHAVIOUR>"]),
        (v(&["person", "rename", "Tom Becker"]), "", vec!["required"]),
        (v(&["person", "merge", "Tom Becker"]), "", vec!["required"]),
        (v(&["person", "mentee"]), "", vec!["required"]),
        (v(&["followup", "done"]), "", vec!["required"]),
        (v(&["ladder", "import"]), "", vec!["<FILE>"]),
        (v(&["ladder", "remove"]), "", vec!["TRACK"]),
        (v(&["search", "--saved"]), "", vec!["--saved"]),
        (v(&["searches", "--delete"]), "", vec!["--delete"]),
        (v(&["profile", "--level"]), "", vec!["--level"]),
        (v(&["suggest"]), "", vec!["text"]),
        // Wrong types.
        (v(&["list", "--limit", "ten"]), "", vec!["--limit", "ten"]),
        (v(&["search", "x", "--limit", "-1"]), "", vec!["-1"]),
        (
            v(&["revert", &id, "--to", "first"]),
            "",
            vec!["--to", "first"],
        ),
        (p(&["--minutes", "ninety"]), "", vec!["--minutes", "ninety"]),
        (
            v(&["suggest", "--text", "x", "--limit", "0"]),
            "",
            vec!["--limit"],
        ),
        (
            v(&["demo", "--synthetic", "many"]),
            "",
            vec!["--synthetic", "many"],
        ),
        (
            v(&["search", "x", "--sort", "alphabetical"]),
            "",
            vec!["sort", "alphabetical"],
        ),
        (v(&["list", "--kind", "essay"]), "", vec!["kind", "essay"]),
        // Over the limits.
        (
            v(&["add", "pairing", "--title", &long, "--date", "2026-11-20"]),
            "",
            vec!["title", "500"],
        ),
        (v(&["search", &long]), "", vec!["query", "500"]),
        (v(&["search", "x", "--save", &long]), "", vec!["name"]),
        (p(&["--area", &long]), "", vec!["area", "500"]),
        (p(&["--ticket", &long]), "", vec!["ticket", "500"]),
        (p(&["--partner", &long]), "", vec!["partner", "500"]),
        (p(&["--tag", &long_tag]), "", vec!["tag", "64"]),
        (many, "", vec!["tag", "100"]),
        (p(&["--minutes", "100000"]), "", vec!["minutes", "1440"]),
        (p(&["--follow-up", &long]), "", vec!["follow-up", "500"]),
        (
            v(&["edit", &id, "--title", &long]),
            "",
            vec!["title", "500"],
        ),
        (
            v(&["list", "--limit", "99999999999999999999"]),
            "",
            vec!["--limit"],
        ),
        (
            v(&["search", "x", "--limit", "1001"]),
            "",
            vec!["limit", "1000"],
        ),
        (
            v(&["person", "rename", "Tom Becker", &long]),
            "",
            vec!["name", "500"],
        ),
        (
            v(&[
                "add",
                "learning",
                "--title",
                "T",
                "--date",
                "2026-11-20",
                "--body",
                "-",
            ]),
            &over_limit,
            vec!["body", "1 MiB"],
        ),
        (p(&["--notes", "-"]), &over_limit, vec!["notes", "1 MiB"]),
        // Malformed values.
        (p(&["--date", "2026-11-20T10:00"]), "", vec!["date"]),
        (
            v(&["edit", &id, "--time", "25:61"]),
            "",
            vec!["time", "25:61"],
        ),
        (
            v(&["show", "../../etc/passwd"]),
            "",
            vec!["entry not found"],
        ),
        (v(&["link", &id, "L9.9.9"]), "", vec!["L9.9.9"]),
        (
            v(&["link", &id, "not a behaviour"]),
            "",
            vec!["not a behaviour"],
        ),
        (v(&["followup", "done", "zzzzzzzz"]), "", vec!["not found"]),
        (
            v(&["followup", "done", &followup[..4]]),
            "",
            vec!["not found"],
        ),
        (v(&["profile", "--level", "L99"]), "", vec!["L99"]),
        (
            v(&["search", "x", "--behaviour", "L9.9.9"]),
            "",
            vec!["L9.9.9"],
        ),
        (v(&["search", "--saved", "nope"]), "", vec!["nope"]),
        (v(&["searches", "--delete", "nope"]), "", vec!["nope"]),
        (
            v(&["ladder", "remove", "no-such-track"]),
            "",
            vec!["no-such-track"],
        ),
        (
            v(&["ladder", "import", s(&ladder), "--track", "  "]),
            "",
            vec!["track"],
        ),
        (
            v(&["list", "--until", "last tuesday"]),
            "",
            vec!["until", "last tuesday"],
        ), // Goals, briefs and the journal's data commands.
        (v(&["goal"]), "", vec!["Usage"]),
        (v(&["backup"]), "", vec!["Usage"]),
        (
            v(&["add", "conversation", "--date", "2026-11-20"]),
            "",
            vec!["with", "required"],
        ),
        (
            v(&["add", "conversation", "--with", "Tom Becker"]),
            "",
            vec!["date", "required"],
        ),
        (
            v(&[
                "add",
                "conversation",
                "--with",
                &long,
                "--date",
                "2026-11-20",
            ]),
            "",
            vec!["with:", "500"],
        ),
        (
            v(&["edit", &conversation, "--with", &long]),
            "",
            vec!["with:", "500"],
        ),
        (
            v(&[
                "add",
                "conversation",
                "--with",
                "Tom",
                "--date",
                "2026-11-31",
            ]),
            "",
            vec!["date", "2026-11-31"],
        ),
        (v(&["goal", "add"]), "", vec!["<CONVERSATION>"]),
        (v(&["goal", "add", &conversation]), "", vec!["--text"]),
        (
            v(&["goal", "add", &conversation, "--text", &long]),
            "",
            vec!["goal", "500"],
        ),
        (
            v(&["goal", "add", &conversation, "--text", " "]),
            "",
            vec!["goal", "empty"],
        ),
        (many_behaviours, "", vec!["behaviour", "100"]),
        (
            v(&[
                "goal",
                "add",
                &conversation,
                "--text",
                "G",
                "--behaviour",
                "L9.9.9",
            ]),
            "",
            vec!["L9.9.9"],
        ),
        (
            v(&["goal", "add", &id, "--text", "G"]),
            "",
            vec!["conversation"],
        ),
        (v(&["goal", "set"]), "", vec!["<GOAL>"]),
        (v(&["goal", "set", &goal]), "", vec!["--status"]),
        (
            v(&["goal", "set", &goal, "--status", "finished"]),
            "",
            vec!["status", "finished", "open, achieved, dropped"],
        ),
        (
            v(&["goal", "set", "zzzzzzzz", "--status", "achieved"]),
            "",
            vec!["zzzzzzzz"],
        ),
        (v(&["goals", "--status", "open"]), "", vec!["--status"]),
        (v(&["brief"]), "", vec!["--format"]),
        (
            v(&["brief", "--format", "pdf"]),
            "",
            vec!["format", "pdf", "md, html, json"],
        ),
        (
            v(&[
                "brief",
                "--format",
                "md",
                "--level",
                "L1",
                "--since",
                "2026-02-30",
            ]),
            "",
            vec!["since", "2026-02-30"],
        ),
        (
            v(&["brief", "--format", "md", "--level", "L99"]),
            "",
            vec!["level", "L99"],
        ),
        (
            v(&[
                "brief", "--format", "md", "--level", "L1", "--person", "Nobody",
            ]),
            "",
            vec!["Nobody"],
        ),
        (v(&["export"]), "", vec!["--out"]),
        (
            v(&["export", "--format", "pdf", "--out", s(&missing)]),
            "",
            vec!["--format", "pdf"],
        ),
        (
            v(&["export", "--out", s(&existing)]),
            "",
            vec!["existing.json", "exists"],
        ),
        (
            v(&["export", "--format", "markdown", "--out", s(&notes)]),
            "",
            vec!["notes", "exists"],
        ),
        (v(&["import"]), "", vec!["<PATH>"]),
        (v(&["import", s(&missing)]), "", vec!["missing.json"]),
        (v(&["import", s(&garbage)]), "", vec!["garbage.json"]),
        (v(&["import", s(&notes)]), "", vec!["not a Rungs vault"]),
        (v(&["backup", "create"]), "", vec!["--out"]),
        (
            v(&["backup", "create", "--out", s(&existing)]),
            "",
            vec!["existing.json", "exists"],
        ),
        (v(&["backup", "restore"]), "", vec!["<FILE>"]),
        (
            v(&["backup", "restore", s(&missing)]),
            "",
            vec!["file", "missing.json"],
        ),
        (
            v(&["backup", "restore", s(&garbage)]),
            "",
            vec!["garbage.json"],
        ),
    ];
    let before = database_rows(&env);
    let mut wrong = Vec::new();
    for (args, stdin, needles) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let shown: Vec<&str> = args
            .iter()
            .map(|a| if a.len() > 40 { "…" } else { a })
            .collect();
        let err = env.fails_with_stdin(&args, stdin);
        // A group without its subcommand gets clap's usage; everything else an error.
        let start = if needles == &["Usage"] { "" } else { "error" };
        if !err.starts_with(start) || needles.iter().any(|n| !err.contains(n)) {
            wrong.push(format!(
                "rungs {shown:?}: should mention {needles:?}, got: {err}"
            ));
        }
        assert_eq!(
            database_rows(&env),
            before,
            "rungs {shown:?} changed the database"
        );
    }
    assert_eq!(std::fs::read(&existing).unwrap(), b"mine");
    assert_eq!(
        std::fs::read_dir(&notes).unwrap().count(),
        0,
        "files added to notes/"
    );
    assert!(!missing.exists());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The journal the app's commands (src-tauri/src/commands.rs) call, each fed what a
/// broken or hostile UI could send: every call is refused with `invalid_input` naming
/// the field, or `not_found`, and the database is unchanged row for row.
#[test]
fn every_app_command_refuses_bad_input_at_the_core_api() {
    use rungs::Journal;
    use rungs::journal::{
        Details, EntryInput, Feedback, FollowUp, GoalInput, GoalStatus, Learning, ListFilter,
    };
    use rungs::report::{BriefFormat, BriefRequest};
    use rungs::search::SearchRequest;
    use rungs::suggest::SuggestRequest;

    let env = Env::new();
    let id = env.add_pairing(
        "Known session",
        &["--partner", "Tom Becker", "--follow-up", "Write it up"],
    );
    // Written before the journal opens, so its index catch-up is not a change below.
    let conversation = env.json(&[
        "add",
        "conversation",
        "--with",
        "Tom Becker",
        "--date",
        "2026-11-21",
        "--json",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut journal = Journal::open(&env.data_dir()).unwrap();
    let learning = |title: &str, body: String| EntryInput {
        title: Some(title.into()),
        date: "2026-11-20".into(),
        time: None,
        tags: vec![],
        behaviours: vec![],
        details: Details::Learning(Learning { body, source: None }),
    };
    let ok = || learning("Fine", "fine".into());
    let with = |f: &dyn Fn(&mut EntryInput)| {
        let mut input = ok();
        f(&mut input);
        input
    };
    let pairing = journal.get(&id).unwrap().to_input();
    let long = "x".repeat(501);
    let huge = "b".repeat(1024 * 1024 + 1);
    type Call<'a> = Box<dyn Fn(&mut Journal) -> rungs::Result<()> + 'a>;
    let unknown = "01234567-89ab-7def-8123-456789abcdef";
    let brief = |f: &dyn Fn(&mut BriefRequest)| {
        let mut request = BriefRequest {
            level: Some("L1".into()),
            ..Default::default()
        };
        f(&mut request);
        request
    };
    let dir = env.dir.path();
    let brief_out = dir.join("brief.md");
    let existing = write_file(dir, "existing.json", b"mine");
    let notes = dir.join("notes");
    std::fs::create_dir(&notes).unwrap();
    write_file(&notes, "note.md", b"mine");
    let missing = dir.join("missing.json");
    let garbage = write_file(dir, "garbage.json", b"\x00\x01 not json, not sqlite");
    // (command, call, code, words the message must contain)
    let cases: Vec<(&str, Call, &str, &str)> = vec![
        (
            "add_entry",
            Box::new(|j| j.add(with(&|i| i.title = Some("  ".into()))).map(drop)),
            "invalid_input",
            "title",
        ),
        (
            "add_entry",
            Box::new(|j| j.add(with(&|i| i.title = Some(long.clone()))).map(drop)),
            "invalid_input",
            "title",
        ),
        (
            "add_entry",
            Box::new(|j| j.add(with(&|i| i.date = "2026-02-30".into())).map(drop)),
            "invalid_input",
            "date",
        ),
        (
            "add_entry",
            Box::new(|j| j.add(with(&|i| i.date = String::new())).map(drop)),
            "invalid_input",
            "date",
        ),
        (
            "add_entry",
            Box::new(|j| j.add(with(&|i| i.time = Some("25:00".into()))).map(drop)),
            "invalid_input",
            "time",
        ),
        (
            "add_entry",
            Box::new(|j| {
                j.add(with(&|i| {
                    i.tags = (0..101).map(|n| format!("t{n}")).collect()
                }))
                .map(drop)
            }),
            "invalid_input",
            "tag",
        ),
        (
            "add_entry",
            Box::new(|j| {
                j.add(with(&|i| i.tags = vec!["two words".into()]))
                    .map(drop)
            }),
            "invalid_input",
            "tag",
        ),
        (
            "add_entry",
            Box::new(|j| {
                j.add(with(&|i| i.behaviours = vec!["L9.9.9".into()]))
                    .map(drop)
            }),
            "invalid_input",
            "L9.9.9",
        ),
        (
            "add_entry",
            Box::new(|j| j.add(learning("Big", huge.clone())).map(drop)),
            "invalid_input",
            "body",
        ),
        (
            "add_entry",
            Box::new(|j| j.add(learning("Empty", " \n".into())).map(drop)),
            "invalid_input",
            "body",
        ),
        (
            "add_entry",
            Box::new(|j| {
                let mut p = pairing.clone();
                if let Details::Pairing(d) = &mut p.details {
                    d.minutes = Some(0);
                }
                j.add(p).map(drop)
            }),
            "invalid_input",
            "minutes",
        ),
        (
            "add_entry",
            Box::new(|j| {
                let mut p = pairing.clone();
                if let Details::Pairing(d) = &mut p.details {
                    d.follow_ups = (0..101)
                        .map(|n| FollowUp {
                            id: String::new(),
                            text: format!("f{n}"),
                            done: false,
                        })
                        .collect();
                }
                j.add(p).map(drop)
            }),
            "invalid_input",
            "follow-up",
        ),
        (
            "add_entry",
            Box::new(|j| {
                let mut p = pairing.clone();
                if let Details::Pairing(d) = &mut p.details {
                    d.partners = vec![long.clone()];
                }
                j.add(p).map(drop)
            }),
            "invalid_input",
            "partner",
        ),
        (
            "add_entry",
            Box::new(|j| {
                j.add(EntryInput {
                    details: Details::Feedback(Feedback {
                        direction: rungs::journal::Direction::Given,
                        person: " ".into(),
                        situation: "s".into(),
                        observed: "o".into(),
                        impact: "i".into(),
                        tone: None,
                        reflection: None,
                    }),
                    ..ok()
                })
                .map(drop)
            }),
            "invalid_input",
            "person",
        ),
        (
            "update_entry",
            Box::new(|j| j.update(unknown, ok()).map(drop)),
            "not_found",
            unknown,
        ),
        (
            "update_entry",
            Box::new(|j| {
                let mut p = pairing.clone();
                p.date = "yesterday".into();
                j.update(&id, p).map(drop)
            }),
            "invalid_input",
            "date",
        ),
        (
            "get_entry",
            Box::new(|j| j.get("../../etc/passwd").map(drop)),
            "not_found",
            "entry",
        ),
        (
            "delete_entry",
            Box::new(|j| j.delete(unknown).map(drop)),
            "not_found",
            unknown,
        ),
        (
            "restore_entry",
            Box::new(|j| j.undelete(unknown).map(drop)),
            "not_found",
            unknown,
        ),
        (
            "entry_history",
            Box::new(|j| j.history(unknown).map(drop)),
            "not_found",
            unknown,
        ),
        (
            "revert_entry",
            Box::new(|j| j.revert(&id, 99).map(drop)),
            "invalid_input",
            "revision",
        ),
        (
            "revert_entry",
            Box::new(|j| j.revert(&id, -1).map(drop)),
            "invalid_input",
            "-1",
        ),
        (
            "link_behaviours",
            Box::new(|j| j.link(&id, &["L9.9.9".into()]).map(drop)),
            "invalid_input",
            "L9.9.9",
        ),
        (
            "unlink_behaviours",
            Box::new(|j| j.unlink(&id, &["nonsense".into()]).map(drop)),
            "invalid_input",
            "nonsense",
        ),
        (
            "set_follow_up_done",
            Box::new(|j| j.set_follow_up_done("zzzzzzzz", true).map(drop)),
            "not_found",
            "zzzzzzzz",
        ),
        (
            "rename_person",
            Box::new(|j| j.rename_person("Nobody", "X").map(drop)),
            "not_found",
            "Nobody",
        ),
        (
            "rename_person",
            Box::new(|j| j.rename_person("Tom Becker", &long).map(drop)),
            "invalid_input",
            "500",
        ),
        (
            "merge_people",
            Box::new(|j| j.merge_people("Tom Becker", "Tom Becker").map(drop)),
            "invalid_input",
            "same person",
        ),
        (
            "set_mentee",
            Box::new(|j| j.set_mentee("Nobody", true).map(drop)),
            "not_found",
            "Nobody",
        ),
        (
            "set_profile_level",
            Box::new(|j| j.set_profile_level(Some("L99")).map(drop)),
            "invalid_input",
            "L99",
        ),
        (
            "import_ladder",
            Box::new(|j| {
                j.import_ladder(
                    &[("x.md".into(), b"just prose".to_vec())],
                    &Default::default(),
                )
                .map(drop)
            }),
            "invalid_input",
            "x.md",
        ),
        (
            "import_ladder",
            Box::new(|j| {
                j.import_ladder(
                    &[("x.md".into(), b"# L3\n\n- Caf\xe9\n".to_vec())],
                    &Default::default(),
                )
                .map(drop)
            }),
            "invalid_input",
            "UTF-8",
        ),
        (
            "suggest_behaviours",
            Box::new(|j| {
                j.suggest(&SuggestRequest {
                    entry: Some(unknown.into()),
                    ..Default::default()
                })
                .map(drop)
            }),
            "not_found",
            unknown,
        ),
        (
            "search",
            Box::new(|j| {
                j.search(&SearchRequest {
                    query: long.clone(),
                    ..Default::default()
                })
                .map(drop)
            }),
            "invalid_input",
            "query",
        ),
        (
            "search",
            Box::new(|j| {
                j.search(&SearchRequest {
                    limit: Some(0),
                    ..Default::default()
                })
                .map(drop)
            }),
            "invalid_input",
            "limit",
        ),
        (
            "search",
            Box::new(|j| {
                j.search(&SearchRequest {
                    since: Some("soon".into()),
                    ..Default::default()
                })
                .map(drop)
            }),
            "invalid_input",
            "since",
        ),
        (
            "list_entries",
            Box::new(|j| {
                j.list_page(
                    &ListFilter {
                        until: Some("2026-13-01".into()),
                        ..Default::default()
                    },
                    false,
                )
                .map(drop)
            }),
            "invalid_input",
            "until",
        ),
        (
            "list_entries",
            Box::new(|j| {
                j.list_page(
                    &ListFilter {
                        behaviour: Some("L9.9.9".into()),
                        ..Default::default()
                    },
                    false,
                )
                .map(drop)
            }),
            "not_found",
            "L9.9.9",
        ),
        (
            "save_draft",
            Box::new(|j| j.save_draft("capture", "{not json").map(drop)),
            "invalid_input",
            "draft",
        ),
        (
            "save_draft",
            Box::new(|j| {
                j.save_draft("capture", &format!("\"{}\"", "d".repeat(4 * 1024 * 1024)))
                    .map(drop)
            }),
            "invalid_input",
            "limit",
        ),
        (
            "add_goal",
            Box::new(|j| {
                j.add_goal(
                    unknown,
                    GoalInput {
                        text: "Lead an incident".into(),
                        behaviours: vec![],
                    },
                )
                .map(drop)
            }),
            "not_found",
            unknown,
        ),
        (
            "add_goal",
            Box::new(|j| {
                j.add_goal(
                    &conversation,
                    GoalInput {
                        text: long.clone(),
                        behaviours: vec![],
                    },
                )
                .map(drop)
            }),
            "invalid_input",
            "goal",
        ),
        (
            "add_goal",
            Box::new(|j| {
                j.add_goal(
                    &conversation,
                    GoalInput {
                        text: "Lead an incident".into(),
                        behaviours: (0..101).map(|_| "L1.1.1".to_string()).collect(),
                    },
                )
                .map(drop)
            }),
            "invalid_input",
            "behaviour",
        ),
        (
            "add_goal",
            Box::new(|j| {
                j.add_goal(
                    &id,
                    GoalInput {
                        text: "Lead an incident".into(),
                        behaviours: vec![],
                    },
                )
                .map(drop)
            }),
            "invalid_input",
            "conversation",
        ),
        (
            "set_goal_status",
            Box::new(|j| j.set_goal_status(unknown, GoalStatus::Achieved).map(drop)),
            "not_found",
            unknown,
        ),
        (
            "set_goal_status",
            Box::new(|j| j.set_goal_status("zzzzzzzz", GoalStatus::Dropped).map(drop)),
            "not_found",
            "zzzzzzzz",
        ),
        (
            "brief",
            Box::new(|j| {
                j.brief(&brief(&|r| r.person = Some("Nobody".into())))
                    .map(drop)
            }),
            "not_found",
            "Nobody",
        ),
        (
            "brief",
            Box::new(|j| j.brief(&brief(&|r| r.level = Some("L99".into()))).map(drop)),
            "invalid_input",
            "level: unknown level 'L99'",
        ),
        (
            "brief",
            Box::new(|j| {
                j.brief(&brief(&|r| r.since = Some("2026-02-30".into())))
                    .map(drop)
            }),
            "invalid_input",
            "since",
        ),
        (
            "brief",
            Box::new(|j| {
                j.brief(&brief(&|r| r.until = Some("soon".into())))
                    .map(drop)
            }),
            "invalid_input",
            "until",
        ),
        (
            "heatmap",
            Box::new(|j| {
                j.heatmap(&brief(&|r| r.target = Some("L99".into())))
                    .map(drop)
            }),
            "invalid_input",
            "target: unknown level 'L99'",
        ),
        (
            "heatmap",
            Box::new(|j| {
                j.heatmap(&brief(&|r| r.since = Some("last week".into())))
                    .map(drop)
            }),
            "invalid_input",
            "since",
        ),
        (
            "save_brief",
            Box::new(|j| {
                j.save_brief(
                    &brief(&|r| r.until = Some("2026-13-01".into())),
                    BriefFormat::Md,
                    &brief_out,
                )
            }),
            "invalid_input",
            "until",
        ),
        (
            "save_brief",
            Box::new(|j| {
                j.save_brief(
                    &brief(&|r| r.person = Some("Nobody".into())),
                    BriefFormat::Html,
                    &brief_out,
                )
            }),
            "not_found",
            "Nobody",
        ),
        (
            "save_search",
            Box::new(|j| {
                j.save_search(" ", &SearchRequest::default(), false)
                    .map(drop)
            }),
            "invalid_input",
            "name",
        ),
        (
            "save_search",
            Box::new(|j| {
                j.save_search(&long, &SearchRequest::default(), false)
                    .map(drop)
            }),
            "invalid_input",
            "name",
        ),
        (
            "save_search",
            Box::new(|j| {
                j.save_search(
                    "mine",
                    &SearchRequest {
                        until: Some("2026-02-31".into()),
                        ..Default::default()
                    },
                    false,
                )
                .map(drop)
            }),
            "invalid_input",
            "until",
        ),
        (
            "save_search",
            Box::new(|j| {
                j.save_search(
                    "mine",
                    &SearchRequest {
                        behaviour: Some("L9.9.9".into()),
                        ..Default::default()
                    },
                    false,
                )
                .map(drop)
            }),
            "invalid_input",
            "L9.9.9",
        ),
        (
            "delete_saved_search",
            Box::new(|j| j.delete_saved_search("nope")),
            "not_found",
            "nope",
        ),
        (
            "export_journal",
            Box::new(|j| j.export_json(&existing, false, &mut |_, _| ()).map(drop)),
            "conflict",
            "exists",
        ),
        (
            "export_journal",
            Box::new(|j| j.export_markdown(&notes, false, &mut |_, _| ()).map(drop)),
            "conflict",
            "exists",
        ),
        (
            "import_journal",
            Box::new(|j| j.import_json(&missing, &mut |_, _| ()).map(drop)),
            "io",
            "missing.json",
        ),
        (
            "import_journal",
            Box::new(|j| j.import_json(&garbage, &mut |_, _| ()).map(drop)),
            "invalid_input",
            "garbage.json",
        ),
        (
            "import_journal",
            Box::new(|j| j.import_markdown(&notes, &mut |_, _| ()).map(drop)),
            "io",
            "not a Rungs vault",
        ),
        (
            "backup_journal",
            Box::new(|j| j.backup(&existing, false).map(drop)),
            "conflict",
            "exists",
        ),
        (
            "restore_journal",
            Box::new(|j| j.restore(&missing, &mut |_, _| ()).map(drop)),
            "invalid_input",
            "file: ",
        ),
        (
            "restore_journal",
            Box::new(|j| j.restore(&garbage, &mut |_, _| ()).map(drop)),
            "not_a_journal",
            "garbage.json",
        ),
    ];
    let before = database_rows(&env);
    let mut wrong = Vec::new();
    for (command, call, code, needle) in &cases {
        match call(&mut journal) {
            Ok(()) => wrong.push(format!("{command} ({needle}): accepted")),
            Err(e) => {
                if e.code() != *code || !e.to_string().contains(needle) {
                    wrong.push(format!(
                        "{command}: expected {code} mentioning {needle:?}, got {}: {e}",
                        e.code()
                    ));
                }
            }
        }
        assert_eq!(
            database_rows(&env),
            before,
            "{command} ({needle}) changed the database"
        );
    }
    assert!(!brief_out.exists(), "a refused brief left a file");
    assert_eq!(std::fs::read(&existing).unwrap(), b"mine");
    assert_eq!(
        std::fs::read_to_string(notes.join("note.md")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_dir(&notes).unwrap().count(),
        1,
        "files added to notes/"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
