//! Schema migrations: from every earlier schema, with data, with the backup copy
//! made first; and refusals that leave the user's file untouched.

use rungs::Journal;
use rungs::ladder::{self, ParsedLadder};
use rungs::store::{latest_version, migrations};
use rusqlite::Connection;

use crate::util::Env;

fn user_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// A journal as the first schema wrote it: the bundled ladder, two people and a
/// pairing session with partners, tags, a behaviour link, a follow-up and two revisions.
fn schema_one_journal(env: &Env) -> String {
    std::fs::create_dir_all(env.data_dir()).unwrap();
    let mut conn = Connection::open(env.db_path()).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    migrations().to_version(&mut conn, 1).unwrap();
    let mut parsed = ParsedLadder { levels: Vec::new() };
    for (name, text) in ladder::bundled::FILES {
        parsed
            .levels
            .extend(ladder::parse_ladder(name, text.as_bytes()).unwrap().levels);
    }
    ladder::store::import(&conn, "support", "DevOps Support Engineer", &parsed).unwrap();
    let id = "0190f5a2-3b4c-7d5e-8f60-718293a4b5c6";
    let rev1 = r#"{"title":"Cert rotation","date":"2026-05-04","time":null,"tags":["tls"],"behaviours":[],"kind":"pairing","partners":[1],"role":"driver","minutes":45,"area":null,"ticket":null,"notes":null,"learned":null,"follow_ups":[]}"#;
    let rev2 = r#"{"title":"Cert rotation on the ingress","date":"2026-05-04","time":"10:15","tags":["tls","kubernetes"],"behaviours":["L1.2.1"],"kind":"pairing","partners":[1,2],"role":"driver","minutes":45,"area":"Kubernetes","ticket":"SUP-1200","notes":"Rotated the *wildcard* cert.","learned":"cert-manager owns the secret","follow_ups":[{"id":"0190f5a2-3b4c-7d5e-8f60-000000000001","text":"Document rotation","done":true}]}"#;
    conn.execute_batch(&format!(
        "INSERT INTO people (id, name, mentee, created_at) VALUES
            (1, 'Tom Becker', 0, '2026-05-04T10:00:00.000Z'),
            (2, 'Mia Wong', 1, '2026-05-04T10:00:00.000Z');
         INSERT INTO entries (id, kind, title, date, time, created_at, updated_at, revision,
                              role, minutes, area, ticket, notes, learned)
         VALUES ('{id}', 'pairing', 'Cert rotation on the ingress', '2026-05-04', '10:15',
                 '2026-05-04T10:00:00.000Z', '2026-05-04T11:00:00.000Z', 2, 'driver', 45,
                 'Kubernetes', 'SUP-1200', 'Rotated the *wildcard* cert.', 'cert-manager owns the secret');
         INSERT INTO entry_people VALUES ('{id}', 1, 'partner', 0), ('{id}', 2, 'partner', 1);
         INSERT INTO tags (id, name) VALUES (1, 'tls'), (2, 'kubernetes');
         INSERT INTO entry_tags VALUES ('{id}', 1, 0), ('{id}', 2, 1);
         INSERT INTO entry_behaviours VALUES ('{id}', 'L1.2.1', 0);
         INSERT INTO follow_ups VALUES ('0190f5a2-3b4c-7d5e-8f60-000000000001', '{id}', 0, 'Document rotation', 1);
         INSERT INTO revisions VALUES ('{id}', 1, '2026-05-04T10:00:00.000Z', '{rev1}'),
                                      ('{id}', 2, '2026-05-04T11:00:00.000Z', '{rev2}');"
    ))
    .unwrap();
    assert_eq!(user_version(&conn), 1);
    id.to_string()
}

#[test]
fn a_first_schema_journal_is_backed_up_migrated_and_keeps_its_data() {
    let env = Env::new();
    let id = schema_one_journal(&env);

    let entry = env.json(&["show", &id, "--json"]);
    assert_eq!(entry["title"], "Cert rotation on the ingress");
    assert_eq!(
        entry["partners"],
        serde_json::json!(["Tom Becker", "Mia Wong"])
    );
    assert_eq!(entry["tags"], serde_json::json!(["tls", "kubernetes"]));
    assert_eq!(entry["behaviours"][0]["id"], "L1.2.1");
    assert_eq!(entry["follow_ups"][0]["done"], true);
    let history = env.json(&["history", &id, "--json"]);
    assert_eq!(history[0]["entry"]["title"], "Cert rotation");
    assert_eq!(env.json(&["people", "--json"])[0]["mentee"], true);

    let conn = Connection::open(env.db_path()).unwrap();
    assert_eq!(user_version(&conn), latest_version());
    // Entries written before the search index existed are found by search.
    drop(conn);
    let found = env.json(&["search", "wildcard", "--json"]);
    assert_eq!(found["hits"][0]["id"], id.as_str());

    // The copy taken before migrating is a complete schema-1 journal.
    let backups: Vec<_> = std::fs::read_dir(env.data_dir().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let name = backups[0]
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        name.starts_with("journal-schema1-") && name.ends_with(".sqlite3"),
        "{name}"
    );
    let copy = Connection::open(&backups[0]).unwrap();
    assert_eq!(user_version(&copy), 1);
    let title: String = copy
        .query_row("SELECT title FROM entries WHERE id = ?1", [&id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(title, "Cert rotation on the ingress");

    // Opening again migrates nothing and copies nothing.
    env.ok(&["list"]);
    assert_eq!(
        std::fs::read_dir(env.data_dir().join("backups"))
            .unwrap()
            .count(),
        1
    );
    // And the journal works as usual.
    env.ok(&["edit", &id, "--title", "Cert rotation, migrated"]);
    assert_eq!(
        env.json(&["history", &id, "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn every_earlier_schema_migrates_to_the_latest() {
    for from in 0..latest_version() {
        let env = Env::new();
        std::fs::create_dir_all(env.data_dir()).unwrap();
        let mut conn = Connection::open(env.db_path()).unwrap();
        migrations().to_version(&mut conn, from as usize).unwrap();
        drop(conn);
        let journal = Journal::open(&env.data_dir()).unwrap();
        assert_eq!(
            user_version(journal.database().conn()),
            latest_version(),
            "from {from}"
        );
        assert_eq!(journal.ladder().unwrap().behaviour_count(), 42);
        let backups = env.data_dir().join("backups");
        assert_eq!(
            backups.exists(),
            from > 0,
            "a backup is made only when there is data to keep"
        );
    }
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
