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
