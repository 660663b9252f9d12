//! Every entry command end to end: add, show, list, edit, stdin, delete/undelete,
//! trash, history, revert, link, unlink, follow-ups.

use serde_json::{Value, json};

use crate::util::{Env, feedback_args};

fn add_all_kinds(env: &Env) -> (String, String, String) {
    let pairing = env.json(&[
        "add",
        "pairing",
        "--title",
        "Argo CD sync waves for a customer",
        "--date",
        "2026-11-18",
        "--time",
        "14:30",
        "--minutes",
        "90",
        "--partner",
        "Tom Becker",
        "--partner",
        "Ana Silva",
        "--role",
        "driver",
        "--area",
        "Argo CD",
        "--ticket",
        "SUP-4821",
        "--notes",
        "Walked through `syncWave` annotations.",
        "--learned",
        "Waves apply in order",
        "--follow-up",
        "Write a KB article",
        "--follow-up",
        "Ask engineering about hooks",
        "--behaviour",
        "L1.2.4",
        "--behaviour",
        "l2.1.1",
        "--tag",
        "argo-cd",
        "--tag",
        "#kubernetes",
        "--json",
    ]);
    let feedback = env.json(&[
        "add",
        "feedback",
        "--direction",
        "received",
        "--person",
        "Lena Fischer",
        "--date",
        "2026-11-19",
        "--situation",
        "In Tuesday's escalation call",
        "--observed",
        "You summarised the timeline before proposing a fix",
        "--impact",
        "The customer calmed down and engineering had context",
        "--tone",
        "appreciation",
        "--reflection",
        "Keep doing timelines",
        "--behaviour",
        "L1.2.2",
        "--json",
    ]);
    let learning = env.json(&[
        "add",
        "learning",
        "--title",
        "cert-manager renews at two thirds",
        "--date",
        "2026-11-20",
        "--body",
        "# Renewal\n\nCertificates renew when 2/3 of their lifetime has passed.",
        "--source",
        "cert-manager docs",
        "--tag",
        "certificates",
        "--json",
    ]);
    (
        pairing["id"].as_str().unwrap().into(),
        feedback["id"].as_str().unwrap().into(),
        learning["id"].as_str().unwrap().into(),
    )
}

/// The fields every entry's JSON has, whatever its kind.
const COMMON_KEYS: [&str; 9] = [
    "id",
    "kind",
    "title",
    "date",
    "time",
    "created_at",
    "updated_at",
    "tags",
    "behaviours",
];

#[test]
fn add_prints_the_entry_json_of_the_contract() {
    let env = Env::new();
    let (p, f, l) = add_all_kinds(&env);
    let pairing = env.json(&["show", &p, "--json"]);
    for key in COMMON_KEYS {
        assert!(
            pairing.get(key).is_some(),
            "entry JSON lacks {key}: {pairing}"
        );
    }
    assert_eq!(pairing["kind"], "pairing");
    assert_eq!(pairing["time"], "14:30");
    assert_eq!(pairing["partners"], json!(["Tom Becker", "Ana Silva"]));
    assert_eq!(pairing["role"], "driver");
    assert_eq!(pairing["minutes"], 90);
    assert_eq!(pairing["area"], "Argo CD");
    assert_eq!(pairing["ticket"], "SUP-4821");
    assert_eq!(pairing["notes"], "Walked through `syncWave` annotations.");
    assert_eq!(pairing["learned"], "Waves apply in order");
    assert_eq!(pairing["tags"], json!(["argo-cd", "kubernetes"]));
    let follow_ups = pairing["follow_ups"].as_array().unwrap();
    assert_eq!(follow_ups.len(), 2);
    assert_eq!(follow_ups[0]["text"], "Write a KB article");
    assert_eq!(follow_ups[0]["done"], false);
    assert_eq!(follow_ups[0]["id"].as_str().unwrap().len(), 36);
    assert_eq!(
        pairing["behaviours"],
        json!([
            {"id": "L1.2.4", "text": "I document what I learn to help others and build shared team knowledge"},
            {"id": "L2.1.1", "text": "I work independently to solve most customer problems, and I know when to ask for help"}
        ])
    );
    // Ids are UUIDv7: version nibble 7.
    assert_eq!(&p[14..15], "7", "{p}");

    let feedback = env.json(&["show", &f, "--json"]);
    assert_eq!(feedback["kind"], "feedback");
    assert_eq!(feedback["title"], "Feedback from Lena Fischer");
    assert_eq!(feedback["direction"], "received");
    assert_eq!(feedback["person"], "Lena Fischer");
    assert_eq!(
        feedback["observed"],
        "You summarised the timeline before proposing a fix"
    );
    assert_eq!(feedback["tone"], "appreciation");
    assert_eq!(feedback["reflection"], "Keep doing timelines");

    let learning = env.json(&["show", &l, "--json"]);
    assert_eq!(learning["kind"], "learning");
    assert_eq!(learning["source"], "cert-manager docs");
    assert!(learning["body"].as_str().unwrap().starts_with("# Renewal"));
    assert_eq!(learning["time"], Value::Null);

    let given = env.json(&[
        "add",
        "feedback",
        "--direction",
        "given",
        "--person",
        "Tom Becker",
        "--date",
        "2026-11-21",
        "--situation",
        "s",
        "--observed",
        "o",
        "--impact",
        "i",
        "--json",
    ]);
    assert_eq!(given["title"], "Feedback to Tom Becker");
}

#[test]
fn human_output_is_readable() {
    let env = Env::new();
    let (p, _, _) = add_all_kinds(&env);
    let shown = env.ok(&["show", &p]);
    assert!(
        shown.contains("Title:      Argo CD sync waves for a customer"),
        "{shown}"
    );
    assert!(
        shown.contains("Partners:   Tom Becker, Ana Silva"),
        "{shown}"
    );
    assert!(shown.contains("[ ] Write a KB article"), "{shown}");
    assert!(shown.contains("L1.2.4  I document what I learn"), "{shown}");
    let list = env.ok(&["list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    assert!(
        lines[0].contains("2026-11-20  learning  cert-manager renews at two thirds"),
        "{list}"
    );
    assert!(
        lines[2].contains("(with Tom Becker, Ana Silva, 90 min)"),
        "{list}"
    );
    let empty = Env::new();
    assert!(empty.ok(&["list"]).contains("No entries match"));
    assert!(empty.ok(&["trash"]).contains("The trash is empty."));
}

#[test]
fn list_filters_by_kind_person_tag_and_dates() {
    let env = Env::new();
    add_all_kinds(&env);
    let titles = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["list", "--json"];
        full.extend_from_slice(args);
        env.json(&full)
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        titles(&[]),
        [
            "cert-manager renews at two thirds",
            "Feedback from Lena Fischer",
            "Argo CD sync waves for a customer"
        ]
    );
    assert_eq!(
        titles(&["--kind", "feedback"]),
        ["Feedback from Lena Fischer"]
    );
    assert_eq!(
        titles(&["--person", "tom becker"]),
        ["Argo CD sync waves for a customer"]
    );
    assert_eq!(
        titles(&["--tag", "certificates"]),
        ["cert-manager renews at two thirds"]
    );
    assert_eq!(
        titles(&["--since", "2026-11-19", "--until", "2026-11-19"]),
        ["Feedback from Lena Fischer"]
    );
    assert_eq!(
        titles(&["--limit", "1"]),
        ["cert-manager renews at two thirds"]
    );
    let err = env.fails(&["list", "--person", "Nobody Here"]);
    assert!(err.contains("person not found: Nobody Here"), "{err}");
}

#[test]
fn edit_replaces_fields_and_lists_and_clears() {
    let env = Env::new();
    let (p, f, _) = add_all_kinds(&env);
    let before = env.json(&["show", &p, "--json"]);
    let kb_id = before["follow_ups"][0]["id"].clone();
    let e = env.json(&[
        "edit",
        &p,
        "--title",
        "Sync waves, revisited",
        "--partner",
        "Ana Silva",
        "--tag",
        "gitops",
        "--follow-up",
        "Write a KB article",
        "--follow-up",
        "Share in team channel",
        "--clear",
        "ticket",
        "--clear",
        "time",
        "--json",
    ]);
    assert_eq!(e["title"], "Sync waves, revisited");
    assert_eq!(e["partners"], json!(["Ana Silva"]));
    assert_eq!(e["tags"], json!(["gitops"]));
    assert_eq!(e["ticket"], Value::Null);
    assert_eq!(e["time"], Value::Null);
    assert_eq!(e["revision"], 2);
    assert_eq!(e["created_at"], before["created_at"]);
    // Untouched fields stay; a kept follow-up keeps its id.
    assert_eq!(e["area"], "Argo CD");
    assert_eq!(e["follow_ups"][0]["id"], kb_id);
    assert_eq!(e["follow_ups"][1]["text"], "Share in team channel");
    assert_eq!(e["behaviours"].as_array().unwrap().len(), 2);

    // A feedback title cleared is derived again; a renamed person shows in it.
    let fb = env.json(&["edit", &f, "--title", "Escalation call praise", "--json"]);
    assert_eq!(fb["title"], "Escalation call praise");
    let fb = env.json(&["edit", &f, "--clear", "title", "--json"]);
    assert_eq!(fb["title"], "Feedback from Lena Fischer");

    // Editing with the same values makes no new revision.
    let same = env.json(&["edit", &p, "--area", "Argo CD", "--json"]);
    assert_eq!(same["revision"], 2);

    // Unique id prefixes work.
    let shown = env.json(&["show", &p[..13], "--json"]);
    assert_eq!(shown["id"], p.as_str());
}

#[test]
fn dash_reads_text_from_stdin() {
    let env = Env::new();
    let body = "# From stdin\n\n- one\n- two\n";
    let out = env
        .cmd(&[
            "add",
            "learning",
            "--title",
            "Piped",
            "--date",
            "2026-11-01",
            "--body",
            "-",
            "--json",
        ])
        .write_stdin(body)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["body"], body.trim());
    let id = e["id"].as_str().unwrap();
    let out = env
        .cmd(&["edit", id, "--body", "-", "--json"])
        .write_stdin("replaced via stdin")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        env.json(&["show", id, "--json"])["body"],
        "replaced via stdin"
    );
    let err = env.fails_with_stdin(
        &[
            "add",
            "pairing",
            "--title",
            "t",
            "--date",
            "2026-11-01",
            "--notes",
            "-",
            "--learned",
            "-",
        ],
        "x",
    );
    assert!(
        err.contains("learned: only one field can read stdin"),
        "{err}"
    );
}

#[test]
fn delete_undelete_and_trash() {
    let env = Env::new();
    let (p, _, l) = add_all_kinds(&env);
    env.ok(&["delete", &p]);
    let list = env.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let trash = env.json(&["trash", "--json"]);
    assert_eq!(trash.as_array().unwrap().len(), 1);
    assert_eq!(trash[0]["id"], p.as_str());
    assert!(trash[0]["deleted_at"].is_string());
    // Its follow-ups are hidden while it is in the trash; it cannot be edited.
    assert!(
        env.json(&["followups", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let err = env.fails(&["edit", &p, "--title", "x"]);
    assert!(err.contains("trash"), "{err}");
    // Still shown, and its history is intact.
    assert_eq!(
        env.json(&["show", &p, "--json"])["title"],
        "Argo CD sync waves for a customer"
    );
    env.ok(&["undelete", &p]);
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 3);
    assert!(
        env.json(&["trash", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        env.json(&["followups", "--json"]).as_array().unwrap().len(),
        2
    );
    let err = env.fails(&["undelete", &l]);
    assert!(err.contains("not in the trash"), "{err}");
}

#[test]
fn history_keeps_every_revision_and_revert_restores_one() {
    let env = Env::new();
    let (_, _, l) = add_all_kinds(&env);
    env.ok(&["edit", &l, "--title", "Second title", "--tag", "tls"]);
    env.ok(&["edit", &l, "--body", "Third body", "--clear", "source"]);
    let history = env.json(&["history", &l, "--json"]);
    let revs = history.as_array().unwrap();
    assert_eq!(revs.len(), 3);
    assert_eq!(revs[0]["revision"], 1);
    assert_eq!(
        revs[0]["entry"]["title"],
        "cert-manager renews at two thirds"
    );
    assert_eq!(revs[0]["entry"]["source"], "cert-manager docs");
    assert_eq!(revs[1]["entry"]["title"], "Second title");
    assert_eq!(revs[1]["entry"]["tags"], json!(["tls"]));
    assert_eq!(revs[2]["entry"]["body"], "Third body");
    assert_eq!(revs[2]["entry"]["source"], Value::Null);
    assert!(revs.iter().all(|r| r["at"].is_string()));
    // Each revision names what it changed from the one before.
    assert_eq!(revs[0]["changed"], json!([]));
    assert_eq!(revs[1]["changed"], json!(["tags", "title"]));
    assert_eq!(revs[2]["changed"], json!(["body", "source"]));

    let human = env.ok(&["history", &l]);
    assert!(human.contains("revision 2"), "{human}");

    env.ok(&["revert", &l, "--to", "1"]);
    let now = env.json(&["show", &l, "--json"]);
    assert_eq!(now["revision"], 4);
    assert_eq!(now["title"], "cert-manager renews at two thirds");
    assert_eq!(now["source"], "cert-manager docs");
    assert_eq!(now["tags"], json!(["certificates"]));
    let history = env.json(&["history", &l, "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 4);
    assert_eq!(
        history[3]["changed"],
        json!(["body", "source", "tags", "title"])
    );
    let err = env.fails(&["revert", &l, "--to", "9"]);
    assert!(err.contains("revision"), "{err}");
}

#[test]
fn link_and_unlink_behaviours() {
    let env = Env::new();
    let (_, _, l) = add_all_kinds(&env);
    let e = env.json(&["link", &l, "L1.3.3", "L2.2.1", "--json"]);
    let ids: Vec<&str> = e["behaviours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["L1.3.3", "L2.2.1"]);
    // Linking again duplicates nothing.
    let e = env.json(&["link", &l, "l1.3.3", "--json"]);
    assert_eq!(e["behaviours"].as_array().unwrap().len(), 2);
    let e = env.json(&["unlink", &l, "L1.3.3", "--json"]);
    assert_eq!(
        e["behaviours"],
        json!([{"id": "L2.2.1", "text": env.json(&["ladder", "show", "--json"])["levels"][1]["sections"][1]["behaviours"][0]["text"]}])
    );
    let err = env.fails(&["unlink", &l, "L1.1.1"]);
    assert!(
        err.contains("behaviour") && err.contains("not linked"),
        "{err}"
    );
    let err = env.fails(&["link", &l, "L9.9.9"]);
    assert!(err.contains("behaviour") && err.contains("L9.9.9"), "{err}");
}

#[test]
fn follow_ups_list_and_tick_off() {
    let env = Env::new();
    let (p, _, _) = add_all_kinds(&env);
    let all = env.json(&["followups", "--json"]);
    let items = all.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["done", "entry_id", "id", "text"]
    );
    assert_eq!(items[0]["entry_id"], p.as_str());
    let id = items[1]["id"].as_str().unwrap().to_string();
    env.ok(&["followup", "done", &id]);
    let open = env.json(&["followups", "--open", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 1);
    assert_eq!(open[0]["text"], "Write a KB article");
    // Ticking off is a new revision of the session.
    assert_eq!(env.json(&["show", &p, "--json"])["revision"], 2);
    assert!(env.ok(&["followups"]).contains("[x]"));
    env.ok(&["followup", "done", &id, "--undo"]);
    assert_eq!(
        env.json(&["followups", "--open", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let err = env.fails(&["followup", "done", "0000000000000000"]);
    assert!(err.contains("follow-up not found"), "{err}");
}

#[test]
fn data_dir_comes_from_flag_then_environment() {
    let env = Env::new();
    let from_env = env.dir.path().join("from-env");
    let mut c = crate::util::rungs_cmd();
    c.env("RUNGS_DATA_DIR", &from_env).args([
        "add",
        "learning",
        "--title",
        "t",
        "--date",
        "2026-11-01",
        "--body",
        "b",
    ]);
    c.assert().success();
    assert!(from_env.join("journal.sqlite3").exists());
    // --data-dir wins over the environment.
    let mut c = crate::util::rungs_cmd();
    c.env("RUNGS_DATA_DIR", &from_env)
        .arg("--data-dir")
        .arg(env.data_dir())
        .args(["list", "--json"]);
    let out = c.output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
}

#[test]
fn every_text_flag_reads_stdin_from_a_dash() {
    let env = Env::new();
    let run = |args: &[&str], stdin: &str| -> Value {
        let out = env.cmd(args).write_stdin(stdin).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let base = ["add", "learning", "--date", "2026-11-01", "--json"];
    let e = run(
        &[&base[..], &["--title", "t", "--body", "b", "--source", "-"]].concat(),
        "The Argo CD runbook, page 4\n",
    );
    assert_eq!(e["source"], "The Argo CD runbook, page 4");
    let e = run(
        &[&base[..], &["--title", "-", "--body", "b"]].concat(),
        "A title from a pipe\n",
    );
    assert_eq!(e["title"], "A title from a pipe");
    let e = run(
        &[
            "add",
            "pairing",
            "--title",
            "t",
            "--date",
            "2026-11-01",
            "--follow-up",
            "Write the runbook",
            "--follow-up",
            "-",
            "--json",
        ],
        "Ask about the RBAC change\n",
    );
    let texts: Vec<&str> = e["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Write the runbook", "Ask about the RBAC change"]);
    let id = e["id"].as_str().unwrap().to_string();
    let e = run(
        &[
            "edit",
            &id,
            "--follow-up",
            "Write the runbook",
            "--follow-up",
            "-",
            "--json",
        ],
        "Ping the customer\n",
    );
    assert_eq!(e["follow_ups"][1]["text"], "Ping the customer");
    let feedback = run(
        &[
            "add",
            "feedback",
            "--direction",
            "given",
            "--person",
            "Tom Becker",
            "--date",
            "2026-11-01",
            "--situation",
            "s",
            "--observed",
            "-",
            "--impact",
            "i",
            "--json",
        ],
        "Observed through stdin",
    );
    assert_eq!(feedback["observed"], "Observed through stdin");

    // Only one flag may read stdin, and nothing is stored when two try.
    let before = env.ok(&["list", "--json"]);
    for two in [
        &["--follow-up", "-", "--notes", "-"][..],
        &["--follow-up", "-", "--follow-up", "-"][..],
        &["--title", "-", "--learned", "-"][..],
    ] {
        let args = [&["add", "pairing", "--date", "2026-11-01"][..], two].concat();
        let args: Vec<&str> = if two.contains(&"--title") {
            args
        } else {
            [&args[..], &["--title", "t"]].concat()
        };
        let err = env.fails_with_stdin(&args, "x");
        assert!(err.contains("only one field can read stdin"), "{err}");
    }
    let err = env.fails_with_stdin(
        &[
            "add",
            "learning",
            "--title",
            "t",
            "--date",
            "2026-11-01",
            "--body",
            "-",
            "--source",
            "-",
        ],
        "x",
    );
    assert!(
        err.contains("source: only one field can read stdin"),
        "{err}"
    );
    assert_eq!(env.ok(&["list", "--json"]), before);
}

#[test]
fn every_read_command_prints_the_contract_shapes() {
    let env = Env::new();
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let has_all = |v: &Value, fields: &[&str]| {
        for f in fields {
            assert!(v.get(*f).is_some(), "{f} missing from {v}");
        }
    };
    // Minimal entries: every field of the kind is still there (null or empty).
    let p = env.json(&[
        "add",
        "pairing",
        "--title",
        "p",
        "--date",
        "2026-11-20",
        "--json",
    ]);
    has_all(&p, &COMMON_KEYS);
    has_all(
        &p,
        &[
            "partners",
            "role",
            "minutes",
            "area",
            "ticket",
            "notes",
            "learned",
            "follow_ups",
        ],
    );
    assert_eq!(p["area"], Value::Null);
    assert_eq!(p["follow_ups"], json!([]));
    let f = env.json(&[feedback_args("given", "Tom Becker"), vec!["--json"]].concat());
    has_all(&f, &COMMON_KEYS);
    has_all(
        &f,
        &[
            "direction",
            "person",
            "situation",
            "observed",
            "impact",
            "tone",
            "reflection",
        ],
    );
    assert_eq!(f["tone"], Value::Null);
    let l = env.json(&[
        "add",
        "learning",
        "--title",
        "l",
        "--date",
        "2026-11-20",
        "--body",
        "b",
        "--json",
    ]);
    has_all(&l, &COMMON_KEYS);
    has_all(&l, &["body", "source"]);

    // add, show, list, history and trash print the same entry object.
    for e in [&p, &f, &l] {
        let id = e["id"].as_str().unwrap();
        assert_eq!(&env.json(&["show", id, "--json"]), e);
        let history = env.json(&["history", id, "--json"]);
        assert_eq!(keys(&history[0]), ["at", "changed", "entry", "revision"]);
        assert_eq!(&history[0]["entry"], e);
    }
    let list = env.json(&["list", "--json"]);
    for e in [&p, &f, &l] {
        assert!(list.as_array().unwrap().contains(e), "{e} not in list");
    }
    let gone = env.json(&["delete", l["id"].as_str().unwrap(), "--json"]);
    assert_eq!(env.json(&["trash", "--json"]), json!([gone]));

    let people = env.json(&["people", "--json"]);
    assert_eq!(keys(&people[0]), ["entries", "id", "mentee", "name"]);
    let ladder = env.json(&["ladder", "show", "--json"]);
    assert!(ladder["levels"].as_array().unwrap().len() >= 2);
    assert_eq!(env.json(&["followups", "--json"]), json!([]));
}

#[test]
fn trash_lists_what_was_deleted_last_first_with_when() {
    let env = Env::new();
    let (p, _, l) = add_all_kinds(&env);
    // The learning has the later entry date; the pairing is deleted later.
    env.ok(&["delete", &l]);
    std::thread::sleep(std::time::Duration::from_millis(5));
    env.ok(&["delete", &p]);
    let trash = env.json(&["trash", "--json"]);
    let ids: Vec<&str> = trash
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [p.as_str(), l.as_str()]);
    assert!(trash[0]["deleted_at"].as_str().unwrap() > trash[1]["deleted_at"].as_str().unwrap());
}
