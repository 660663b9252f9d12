//! Schema migrations: from every earlier schema, with data, with the backup copy
//! made first; and refusals that leave the user's file untouched.

use std::path::{Path, PathBuf};

use rungs::Journal;
use rungs::store::latest_version;
use rusqlite::Connection;
use serde_json::{Value, json};

use crate::util::Env;

fn user_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// The frozen journal written by the Rungs that shipped schema `n` (see its README).
/// Every schema a migration replaces must have one: a missing file fails the test.
fn fixture(n: i64) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/schemas/schema{n}.sqlite3"));
    assert!(
        path.is_file(),
        "no fixture for schema {n}: migration {} replaced it, so add {} written by the Rungs \
         that shipped schema {n} (tests/fixtures/schemas/README.md)",
        n + 1,
        path.display()
    );
    path
}

/// The released schemas a fixture must exist for: every one a migration replaced.
fn replaced_schemas() -> std::ops::Range<i64> {
    1..latest_version()
}

/// Every row of every table, in a stable order: what "the same data" means.
fn dump(path: &Path) -> Vec<(String, Vec<String>)> {
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap();
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

/// The user's own (not demo) entry titled `title`.
fn by_title<'a>(entries: &'a Value, title: &str) -> &'a Value {
    entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == title && e["demo"] == false)
        .unwrap_or_else(|| panic!("no entry titled {title}: {entries}"))
}

fn backups(env: &Env) -> Vec<PathBuf> {
    match std::fs::read_dir(env.data_dir().join("backups")) {
        Ok(dir) => dir.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// Opens the frozen schema-`n` journal with today's Rungs and checks that it was
/// copied aside first, migrated, and kept everything `make.sh` wrote into it.
fn migrate_fixture(n: i64) {
    let env = Env::new();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    std::fs::copy(fixture(n), env.db_path()).unwrap();
    let before = dump(&env.db_path());
    assert_eq!(
        user_version(&Connection::open(env.db_path()).unwrap()),
        n,
        "fixture {n}"
    );

    let all = env.json(&["list", "--json"]);
    assert_eq!(
        user_version(&Connection::open(env.db_path()).unwrap()),
        latest_version()
    );

    // The copy taken before migrating is the untouched schema-n journal (a journal
    // already at the latest schema is opened as it is, with nothing to copy).
    let copies = backups(&env);
    if n == latest_version() {
        assert!(copies.is_empty(), "{copies:?}");
    } else {
        assert_eq!(copies.len(), 1, "schema {n}: {copies:?}");
        let name = copies[0].file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            name.starts_with(&format!("journal-schema{n}-")) && name.ends_with(".sqlite3"),
            "{name}"
        );
        assert_eq!(user_version(&Connection::open(&copies[0]).unwrap()), n);
        assert_eq!(dump(&copies[0]), before, "schema {n}: the backup differs");
    }

    // Every entry, field and revision make.sh wrote.
    let cert = by_title(&all, "Cert rotation on the ingress");
    let id = cert["id"].as_str().unwrap();
    assert_eq!(cert["kind"], "pairing");
    assert_eq!(cert["date"], "2026-05-04");
    assert_eq!(cert["time"], "10:15");
    assert_eq!(cert["partners"], json!(["Tom Becker", "Mia Wong-Berg"]));
    assert_eq!(cert["role"], "driver");
    assert_eq!(cert["minutes"], 45);
    assert_eq!(cert["ticket"], "SUP-1200");
    assert!(cert["notes"].as_str().unwrap().contains("`tls-wildcard`"));
    assert_eq!(cert["tags"], json!(["tls", "kubernetes"]));
    let linked: Vec<&str> = cert["behaviours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(linked, ["L1.2.1", "L2.1.1"]);
    let done: Vec<(&str, bool)> = cert["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["text"].as_str().unwrap(), f["done"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        done,
        [
            ("Document the rotation", false),
            ("Alert before expiry", true)
        ]
    );
    let history = env.json(&["history", id, "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 3, "{history}");
    assert_eq!(history[0]["entry"]["title"], "Cert rotation");
    assert_eq!(
        history[0]["entry"]["behaviours"].as_array().unwrap().len(),
        1
    );

    let feedback = by_title(&all, "Feedback from Lena Fischer");
    assert_eq!(feedback["tone"], "appreciation", "reverted to revision 1");
    assert_eq!(feedback["direction"], "received");
    let fid = feedback["id"].as_str().unwrap();
    let history = env.json(&["history", fid, "--json"]);
    assert_eq!(history[1]["entry"]["tone"], "coaching");
    assert_eq!(history.as_array().unwrap().len(), 3);

    assert!(
        by_title(&all, "Argo CD sync waves")["body"]
            .as_str()
            .unwrap()
            .contains("sync-wave")
    );
    // The merged name still finds the survivor.
    assert_eq!(
        by_title(&all, "Codefresh pipeline triage")["partners"],
        json!(["Tom Becker"])
    );
    let toms = env.json(&["list", "--person", "Tom B", "--json"]);
    let toms: Vec<&str> = toms
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["demo"] == false)
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        toms,
        ["Codefresh pipeline triage", "Cert rotation on the ingress"]
    );
    let people = env.json(&["people", "--json"]);
    let mia = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Mia Wong-Berg")
        .unwrap();
    assert_eq!(mia["mentee"], true);
    let trash = env.json(&["trash", "--json"]);
    assert_eq!(trash[0]["title"], "Half-written note");

    // Names and tags told apart only by non-ASCII case are one from schema 4 on:
    // migration 004 merged the two spellings make.sh wrote into earlier schemas (and
    // the entries that changed say so in their history); a schema-4 Rungs already
    // resolved "ölaf ünal" to the person it had, so nothing changed there.
    let merged_by_004 = n < 4;
    let olaf: Vec<&Value> = people
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"].as_str().unwrap().to_lowercase() == "ölaf ünal")
        .collect();
    assert_eq!(olaf.len(), 1, "{people}");
    assert_eq!(olaf[0]["name"], "Ölaf Ünal");
    assert_eq!(olaf[0]["entries"], 2);
    let helm = by_title(&all, "Helm values follow-up");
    assert_eq!(helm["partners"], json!(["Ölaf Ünal"]));
    let history = env.json(&["history", helm["id"].as_str().unwrap(), "--json"]);
    let helm_revisions = if merged_by_004 { 2 } else { 1 };
    assert_eq!(
        history.as_array().unwrap().len(),
        helm_revisions,
        "schema {n}: {history}"
    );
    assert_eq!(
        history[helm_revisions - 1]["entry"]["partners"],
        json!(["Ölaf Ünal"])
    );
    let codefresh = by_title(&all, "Codefresh pipeline triage");
    assert_eq!(codefresh["tags"], json!(["Überblick"]));
    let tagged = env.json(&["list", "--tag", "ÜBERBLICK", "--json"]);
    let tagged: Vec<&str> = tagged
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(tagged, ["Codefresh pipeline triage", "Argo CD sync waves"]);
    // Nothing the user wrote is deleted: every tag spelling any revision names still
    // has its row, a merged one pointing at the tag that absorbed it (schemas 1–3
    // had "überblick" beside "Überblick"; migration 004 deleted it, 007 restored it).
    let conn = Connection::open(env.db_path()).unwrap();
    let orphans: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT j.value FROM revisions r, json_each(r.content, '$.tags') j
             WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.name = j.value COLLATE BINARY)",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(orphans.is_empty(), "schema {n}: tags lost: {orphans:?}");
    let spellings: Vec<(String, Option<String>)> = conn
        .prepare(
            "SELECT t.name, s.name FROM tags t LEFT JOIN tags s ON s.id = t.merged_into
             WHERE t.name_key = 'überblick' ORDER BY t.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut expected = vec![("Überblick".to_string(), None)];
    if merged_by_004 {
        expected.push(("überblick".to_string(), Some("Überblick".to_string())));
    }
    assert_eq!(spellings, expected, "schema {n}");
    drop(conn);
    // The merged spelling, typed again, is the surviving tag.
    let typed = env.json(&[
        "add",
        "learning",
        "--title",
        "Tag typed as merged",
        "--date",
        "2026-07-01",
        "--body",
        "b",
        "--tag",
        "überblick",
        "--json",
    ]);
    assert_eq!(typed["tags"], json!(["Überblick"]));
    let tagged = env.json(&["list", "--tag", "überblick", "--json"]);
    assert_eq!(tagged.as_array().unwrap().len(), 3, "{tagged}");
    env.ok(&["delete", typed["id"].as_str().unwrap()]);

    // A revision made by the migration matches the entry: saving it unchanged is a no-op.
    let hid = helm["id"].as_str().unwrap();
    env.ok(&["edit", hid, "--title", "Helm values follow-up"]);
    assert_eq!(
        env.json(&["history", hid, "--json"])
            .as_array()
            .unwrap()
            .len(),
        helm_revisions
    );

    // Entries written before the search index existed are found by search.
    let found = env.json(&["search", "wildcard", "--json"]);
    assert_eq!(found["hits"][0]["id"], id);

    if n >= 3 {
        let demo = all
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["demo"] == true)
            .count();
        assert!(demo >= 60, "{demo} demo entries");
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .any(|e| e["title"] == "Edited demo learning, now mine")
        );
        let saved = env.json(&["searches", "--json"]);
        assert_eq!(saved[0]["name"], "cert work");
    }

    // Opening again migrates nothing and copies nothing; the journal works as usual.
    env.ok(&["edit", id, "--title", "Cert rotation, migrated"]);
    assert_eq!(
        env.json(&["history", id, "--json"])
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(backups(&env), copies);
}

#[test]
fn every_released_schema_is_backed_up_migrated_and_keeps_its_data() {
    // One frozen journal per schema that ever shipped (tests/fixtures/schemas/README.md).
    // Up to the schema before this build's: adding a migration without the fixture of
    // the schema it replaces fails here.
    for n in replaced_schemas() {
        migrate_fixture(n);
    }
}

/// The tables, indexes and triggers of a database, as SQLite stores their SQL.
fn schema_sql(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn each_fixture_has_exactly_the_schema_our_migrations_build() {
    // A fixture stands for a real release only if today's migrations 1..=n build the
    // very schema it has; this also catches an edit to a released migration.
    for n in replaced_schemas() {
        let path = fixture(n);
        let frozen =
            Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        assert_eq!(user_version(&frozen), n, "{}", path.display());
        let mut built = Connection::open_in_memory().unwrap();
        rungs::store::migrations()
            .to_version(&mut built, n as usize)
            .unwrap();
        assert_eq!(schema_sql(&frozen), schema_sql(&built), "schema {n}");
    }
}

#[test]
fn a_new_journal_gets_the_latest_schema_and_no_backup() {
    let env = Env::new();
    let journal = Journal::open(&env.data_dir()).unwrap();
    assert_eq!(user_version(journal.database().conn()), latest_version());
    assert_eq!(journal.ladder().unwrap().behaviour_count(), 42);
    drop(journal);
    assert!(backups(&env).is_empty(), "nothing to keep, nothing copied");
}

#[test]
fn a_journal_from_a_newer_rungs_is_refused_and_untouched() {
    let env = Env::new();
    env.add_pairing("Written by a newer Rungs", &[]);
    let conn = Connection::open(env.db_path()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    drop(conn);
    let before = std::fs::read(env.db_path()).unwrap();
    let err = env.fails(&["list"]);
    assert!(
        err.contains("newer version of Rungs") && err.contains("99"),
        "{err}"
    );
    assert_eq!(std::fs::read(env.db_path()).unwrap(), before);
    assert!(!env.data_dir().join("backups").exists());
    match Journal::open(&env.data_dir()) {
        Err(e) => assert_eq!(e.code(), "journal_too_new"),
        Ok(_) => panic!("a newer schema must be refused"),
    }
}

#[test]
fn a_file_that_is_not_a_database_is_never_replaced() {
    let env = Env::new();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    let junk = b"these are my notes, not a database\n".repeat(200);
    std::fs::write(env.db_path(), &junk).unwrap();
    let err = env.fails(&["list"]);
    assert!(err.contains("database"), "{err}");
    env.fails(&[
        "add",
        "learning",
        "--title",
        "t",
        "--date",
        "2026-11-01",
        "--body",
        "b",
    ]);
    assert_eq!(std::fs::read(env.db_path()).unwrap(), junk);
}

/// Every file that belongs to the database: the file itself and any side files.
fn db_files(env: &Env) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(env.data_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("journal.sqlite3")
        })
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_newer_journal_in_rollback_mode_is_refused_before_anything_is_set() {
    // A newer Rungs might leave its file in rollback-journal mode (as our own backup
    // copies are): setting WAL would rewrite the header, so the refusal must come first.
    let env = Env::new();
    env.add_pairing("Written by a newer Rungs", &[]);
    let conn = Connection::open(env.db_path()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    let _mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let before = db_files(&env);
    assert_eq!(before.len(), 1, "a single rollback-mode file");
    let err = env.fails(&["list"]);
    assert!(err.contains("newer version of Rungs"), "{err}");
    assert_eq!(db_files(&env), before, "the refused file was changed");
    assert!(!env.data_dir().join("backups").exists());
}

#[test]
fn an_sqlite_file_of_another_program_is_refused_untouched() {
    // Tables but no schema version: not ours, whatever its name.
    let env = Env::new();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    let conn = Connection::open(env.db_path()).unwrap();
    conn.execute_batch(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);
         INSERT INTO notes (text) VALUES ('my shopping list'), ('call the dentist');",
    )
    .unwrap();
    drop(conn);
    let before = db_files(&env);
    let err = env.fails(&["list"]);
    assert!(
        err.contains("is not a Rungs journal") && err.contains("no Rungs schema version"),
        "{err}"
    );
    assert_eq!(db_files(&env), before);
    assert!(!env.data_dir().join("backups").exists());
    match Journal::open(&env.data_dir()) {
        Err(e) => assert_eq!(e.code(), "not_a_journal"),
        Ok(_) => panic!("another program's database must be refused"),
    }

    // A schema version without Rungs' tables is not ours either.
    let conn = Connection::open(env.db_path()).unwrap();
    conn.pragma_update(None, "user_version", 2).unwrap();
    drop(conn);
    let before = db_files(&env);
    let err = env.fails(&["list"]);
    assert!(err.contains("without Rungs' tables"), "{err}");
    assert_eq!(db_files(&env), before);
    assert!(!env.data_dir().join("backups").exists());
}
