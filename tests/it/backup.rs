//! `rungs backup create` and `rungs backup restore`: a backup taken while another
//! process writes is a consistent snapshot; a restore brings the journal back (the
//! search index too, even for a process that had it open), keeps the replaced
//! journal aside, and refuses a damaged, foreign or newer file without changing a byte.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use rungs::Journal;
use rungs::journal::failpoint::{self, GATE_VAR};
use rungs::search::SearchRequest;
use rusqlite::{Connection, OpenFlags};

use crate::util::{Env, TODAY, rungs_bin, s};

fn add_learning(env: &Env, title: &str) -> String {
    let v = env.json(&[
        "add",
        "learning",
        "--title",
        title,
        "--date",
        "2026-11-20",
        "--body",
        "notes",
        "--json",
    ]);
    v["id"].as_str().unwrap().to_string()
}

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn titles_in(path: &Path) -> Vec<String> {
    let conn = read_only(path);
    let mut stmt = conn
        .prepare("SELECT title FROM entries ORDER BY title")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn ids_in(path: &Path) -> Vec<String> {
    let conn = read_only(path);
    let mut stmt = conn.prepare("SELECT id FROM entries ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn integrity(path: &Path) -> String {
    read_only(path)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn search_titles(env: &Env, query: &str) -> Vec<String> {
    let v = env.json(&["search", query, "--json"]);
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect()
}

fn backups_dir(env: &Env) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(env.data_dir().join("backups"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn a_backup_taken_while_another_process_writes_is_whole_and_holds_a_prefix_of_the_writes() {
    const WRITES: usize = 40;
    let env = Env::new();
    add_learning(&env, "w000");
    let script = format!(
        "for i in $(seq 1 {WRITES}); do \
           \"$RUNGS\" --data-dir \"$DIR\" add learning --title \"w$(printf %03d $i)\" \
           --date 2026-11-20 --body b || exit 1; \
         done"
    );
    let mut writer = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("RUNGS", rungs_bin())
        .env("DIR", env.data_dir())
        .env("RUNGS_TODAY", TODAY)
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn writer");
    let mut backups = Vec::new();
    for n in 0..6 {
        let out = env.dir.path().join(format!("backup-{n}.sqlite3"));
        env.ok(&["backup", "create", "--out", s(&out)]);
        backups.push(out);
    }
    assert!(writer.wait().unwrap().success());
    let mut sizes = Vec::new();
    for b in &backups {
        assert_eq!(integrity(b), "ok", "{}", b.display());
        let conn = read_only(b);
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete", "a backup is one self-contained file");
        let titles = titles_in(b);
        // Writes land in order: a consistent snapshot holds w000..w{k}, no gaps.
        let expected: Vec<String> = (0..titles.len()).map(|i| format!("w{i:03}")).collect();
        assert_eq!(titles, expected, "{}", b.display());
        // Every entry is whole: its revision and links came with it.
        let revisions: i64 = conn
            .query_row("SELECT COUNT(*) FROM revisions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(revisions as usize, titles.len());
        sizes.push(titles.len());
    }
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
    assert_eq!(titles_in(&env.db_path()).len(), WRITES + 1);
    // No partial files are left beside the backups.
    let stray: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// `rungs ARGS` against `env` as a child process (the test goes on while it runs).
fn spawn(env: &Env, args: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(rungs_bin());
    c.arg("--data-dir")
        .arg(env.data_dir())
        .args(args)
        .env("RUNGS_TODAY", TODAY)
        .env_remove(GATE_VAR)
        .env_remove(failpoint::VAR)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Starts `rungs backup restore FILE --json` and returns it paused at the failpoint
/// `point` (src/journal/failpoint.rs) with the gate that lets it go on.
fn restore_paused_at(env: &Env, backup: &Path, point: &str) -> (std::process::Child, PathBuf) {
    let gate = env.dir.path().join(format!("gate-{point}"));
    let reached = env.dir.path().join(format!("gate-{point}.reached"));
    let mut child = spawn(env, &["backup", "restore", s(backup), "--json"])
        .env(failpoint::VAR, point)
        .env(GATE_VAR, &gate)
        .spawn()
        .expect("spawn restore");
    while !reached.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "the restore ended ({status}) before reaching {point}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    (child, gate)
}

/// Lets a paused restore go on; returns where it kept the journal aside.
fn finish_restore(child: std::process::Child, gate: &Path) -> PathBuf {
    std::fs::write(gate, "go").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "restore failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    PathBuf::from(v["kept_aside"].as_str().unwrap())
}

#[test]
fn a_write_committed_just_before_the_restore_locks_the_journal_is_kept_aside() {
    let env = Env::new();
    add_learning(&env, "from the backup");
    let backup = env.dir.path().join("b.sqlite3");
    env.ok(&["backup", "create", "--out", s(&backup)]);
    add_learning(&env, "written before the restore");
    // The restore has checked and staged the backup (and, before the fix, copied the
    // journal aside); another process commits a write right then.
    let (restore, gate) = restore_paused_at(&env, &backup, failpoint::RESTORE_BEFORE_LOCK);
    add_learning(&env, "written while the restore was under way");
    let aside = finish_restore(restore, &gate);
    assert_eq!(
        titles_in(&aside),
        [
            "from the backup",
            "written before the restore",
            "written while the restore was under way"
        ],
        "the journal kept aside holds every write acknowledged before the restore"
    );
    assert_eq!(titles_in(&env.db_path()), ["from the backup"]);
}

#[test]
fn a_write_that_comes_while_the_restore_holds_the_journal_lands_after_it() {
    let env = Env::new();
    add_learning(&env, "from the backup");
    let backup = env.dir.path().join("b.sqlite3");
    env.ok(&["backup", "create", "--out", s(&backup)]);
    let (restore, gate) = restore_paused_at(&env, &backup, failpoint::RESTORE_LOCKED);
    // The writer queues on the restore's write lock (its busy timeout is far longer
    // than the restore takes), so its write lands in the restored journal.
    let writer = spawn(
        &env,
        &[
            "add",
            "learning",
            "--title",
            "written during the restore",
            "--date",
            "2026-11-20",
            "--body",
            "b",
        ],
    )
    .spawn()
    .unwrap();
    let aside = finish_restore(restore, &gate);
    let out = writer.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(titles_in(&aside), ["from the backup"]);
    assert_eq!(
        titles_in(&env.db_path()),
        ["from the backup", "written during the restore"]
    );
}

#[test]
fn restores_while_another_process_writes_lose_no_acknowledged_write() {
    const WRITES: usize = 60;
    const RESTORES: usize = 4;
    let env = Env::new();
    add_learning(&env, "from the backup");
    let backup = env.dir.path().join("b.sqlite3");
    env.ok(&["backup", "create", "--out", s(&backup)]);
    let acked = env.dir.path().join("acked");
    let refused = env.dir.path().join("refused");
    // Each write is logged once the CLI has acknowledged it (exit 0), or as refused
    // with its error (a busy journal may refuse a write, clearly, never lose it).
    let script = format!(
        "for i in $(seq 1 {WRITES}); do \
           t=\"w$(printf %03d $i)\"; \
           if \"$RUNGS\" --data-dir \"$DIR\" add learning --title \"$t\" \
                --date 2026-11-20 --body b 2>\"$REFUSED.$t\"; \
           then echo \"$t\" >> \"$ACKED\"; else echo \"$t\" >> \"$REFUSED\"; fi; \
         done"
    );
    let mut writer = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("RUNGS", rungs_bin())
        .env("DIR", env.data_dir())
        .env("RUNGS_TODAY", TODAY)
        .env("ACKED", &acked)
        .env("REFUSED", &refused)
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn writer");
    // Restores at several points of the writes, while they keep coming.
    let mut asides = Vec::new();
    for _ in 0..RESTORES {
        let seen = titles_in(&env.db_path()).len();
        while titles_in(&env.db_path()).len() < seen + 3 && writer.try_wait().unwrap().is_none() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let v = env.json(&["backup", "restore", s(&backup), "--json"]);
        asides.push(PathBuf::from(v["kept_aside"].as_str().unwrap()));
    }
    assert!(writer.wait().unwrap().success());
    let lines = |p: &Path| -> Vec<String> {
        std::fs::read_to_string(p)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    };
    for t in lines(&refused) {
        let err = std::fs::read_to_string(format!("{}.{t}", refused.display())).unwrap();
        assert!(
            err.contains("busy") || err.contains("locked"),
            "write {t} refused without a clear busy error: {err}"
        );
    }
    let acked = lines(&acked);
    assert!(!acked.is_empty());
    assert_eq!(integrity(&env.db_path()), "ok");
    let mut kept: std::collections::BTreeSet<String> =
        titles_in(&env.db_path()).into_iter().collect();
    for aside in &asides {
        assert_eq!(integrity(aside), "ok");
        kept.extend(titles_in(aside));
    }
    let lost: Vec<&String> = acked.iter().filter(|t| !kept.contains(*t)).collect();
    assert!(
        lost.is_empty(),
        "acknowledged writes lost by a restore: {lost:?}"
    );
    // The restores did come between writes: the first kept some aside, the last
    // journal holds some made after a restore.
    assert!(titles_in(&asides[0]).iter().any(|t| t.starts_with('w')));
}

#[test]
fn a_backup_never_replaces_a_file_unless_forced() {
    let env = Env::new();
    add_learning(&env, "first");
    let out = env.dir.path().join("b.sqlite3");
    std::fs::write(&out, "precious").unwrap();
    let err = env.fails(&["backup", "create", "--out", s(&out)]);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"precious");
    let v = env.json(&["backup", "create", "--out", s(&out), "--force", "--json"]);
    assert_eq!(v["path"], s(&out));
    assert_eq!(v["bytes"], std::fs::metadata(&out).unwrap().len());
    assert_eq!(titles_in(&out), ["first"]);
}

#[test]
fn restore_brings_the_backup_back_rebuilds_search_and_keeps_the_journal_aside() {
    let env = Env::new();
    let kept = add_learning(&env, "cert-manager renews at two thirds");
    let out = env.dir.path().join("before.sqlite3");
    env.ok(&["backup", "create", "--out", s(&out)]);
    add_learning(&env, "tentacle migration written after the backup");
    env.ok(&["delete", &kept]);
    assert_eq!(
        search_titles(&env, "tentacle"),
        ["tentacle migration written after the backup"]
    );
    assert!(search_titles(&env, "cert-manager").is_empty());

    let v = env.json(&["backup", "restore", s(&out), "--json"]);
    let aside = PathBuf::from(v["kept_aside"].as_str().unwrap());
    assert!(
        aside.starts_with(env.data_dir().join("backups")),
        "{aside:?}"
    );
    assert_eq!(v["schema_version"], rungs::store::latest_version());

    let list = env.json(&["list", "--json"]);
    let listed: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [kept.as_str()]);
    // The index forgot what the backup does not have and found what it has.
    assert_eq!(
        search_titles(&env, "cert-manager"),
        ["cert-manager renews at two thirds"]
    );
    assert!(search_titles(&env, "tentacle").is_empty());
    // The journal as it was: both entries, the first in the trash.
    assert_eq!(
        titles_in(&aside),
        [
            "cert-manager renews at two thirds",
            "tentacle migration written after the backup"
        ]
    );
    assert_eq!(integrity(&aside), "ok");
    let mode: String = read_only(&env.db_path())
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "the live journal stays in WAL mode");

    // A second restore keeps a second copy and leaves the first one alone.
    let first_aside = std::fs::read(&aside).unwrap();
    let text = env.ok(&["backup", "restore", s(&out)]);
    let asides = backups_dir(&env);
    assert_eq!(asides.len(), 2, "{asides:?}");
    assert_eq!(std::fs::read(&aside).unwrap(), first_aside);
    let second = asides.iter().find(|p| **p != aside).unwrap();
    assert!(text.contains(&second.display().to_string()), "{text}");
    assert_eq!(titles_in(second), ["cert-manager renews at two thirds"]);
}

#[test]
fn a_process_with_the_journal_open_sees_the_restore_and_its_search_follows() {
    let env = Env::new();
    add_learning(&env, "kubernetes probes explained");
    let out = env.dir.path().join("b.sqlite3");
    env.ok(&["backup", "create", "--out", s(&out)]);
    add_learning(&env, "helm rollback drill");

    // Stands in for the app: opened before the restore, holding the index writer.
    let mut app = Journal::open(&env.data_dir()).unwrap();
    let query = |q: &str| SearchRequest {
        query: q.into(),
        ..Default::default()
    };
    assert_eq!(app.search(&query("helm")).unwrap().total, 1);
    let out_text = env.ok(&["backup", "restore", s(&out)]);
    assert!(out_text.contains("kept in"), "{out_text}");
    assert_eq!(app.search(&query("helm")).unwrap().total, 0);
    assert_eq!(app.search(&query("kubernetes")).unwrap().total, 1);
    let listed = app.list(&Default::default()).unwrap();
    assert_eq!(listed.len(), 1);
    // It keeps writing to the restored journal, and search keeps up.
    add_learning(&env, "helm chart testing");
    assert_eq!(app.search(&query("helm")).unwrap().total, 1);
    drop(app);
    assert_eq!(
        search_titles(&env, "helm"),
        ["helm chart testing"],
        "the CLI's view of the index agrees"
    );
}

#[test]
fn restoring_an_older_schema_migrates_it() {
    let env = Env::new();
    add_learning(&env, "now");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas/schema6.sqlite3");
    let copy = env.dir.path().join("old.sqlite3");
    std::fs::copy(&fixture, &copy).unwrap();
    let old_ids = ids_in(&copy);
    assert!(!old_ids.is_empty());
    let v = env.json(&["backup", "restore", s(&copy), "--json"]);
    assert_eq!(v["schema_version"], 6);
    let version: i64 = read_only(&env.db_path())
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, rungs::store::latest_version());
    assert_eq!(ids_in(&env.db_path()), old_ids);
    // The backup itself is read, never written.
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&fixture).unwrap()
    );
}

/// Every refusal leaves the live journal byte for byte as it was and keeps nothing aside.
fn refused(env: &Env, file: &Path, expected: &str) {
    let before = std::fs::read(env.db_path()).unwrap();
    let err = env.fails(&["backup", "restore", s(file)]);
    assert!(err.contains(expected), "{err}");
    // Advice about the backup file, not about choosing another journal.
    assert!(!err.contains("--data-dir"), "{err}");
    assert_eq!(
        std::fs::read(env.db_path()).unwrap(),
        before,
        "journal changed"
    );
    assert!(backups_dir(env).is_empty(), "{:?}", backups_dir(env));
}

#[test]
fn restore_refuses_damaged_foreign_and_newer_files_untouched() {
    let env = Env::new();
    add_learning(&env, "precious");
    let good = env.dir.path().join("good.sqlite3");
    env.ok(&["backup", "create", "--out", s(&good)]);

    // Damaged: pages after the header overwritten.
    let mut bytes = std::fs::read(&good).unwrap();
    assert!(bytes.len() > 3 * 4096);
    for b in &mut bytes[4096..3 * 4096] {
        *b = 0x5a;
    }
    let corrupt = crate::util::write_file(env.dir.path(), "corrupt.sqlite3", &bytes);
    refused(&env, &corrupt, "not a usable backup of a Rungs journal");

    let text = crate::util::write_file(env.dir.path(), "notes.txt", b"just some notes\n");
    refused(&env, &text, "not an SQLite database");

    let other = env.dir.path().join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);")
        .unwrap();
    refused(&env, &other, "no Rungs schema version");

    let newer = env.dir.path().join("newer.sqlite3");
    std::fs::copy(&good, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();
    refused(&env, &newer, "newer version of Rungs");

    // Whole and of this schema, but with a revision of an entry it does not have.
    let dangling = env.dir.path().join("dangling.sqlite3");
    std::fs::copy(&good, &dangling).unwrap();
    Connection::open(&dangling)
        .unwrap()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             UPDATE revisions SET entry_id = 'no-such-entry';",
        )
        .unwrap();
    refused(&env, &dangling, "refer to rows it does not have");

    refused(
        &env,
        &env.dir.path().join("missing.sqlite3"),
        "does not exist",
    );
    assert_eq!(titles_in(&env.db_path()), ["precious"]);
}

/// A backup whose `--out` is the live journal (by its own path, by another path to
/// it, or SQLite's WAL beside it) is refused even with `--force`, naming the field:
/// replacing it would swap the journal under every open connection.
#[test]
fn a_backup_onto_the_live_journal_is_refused_even_with_force() {
    let env = Env::new();
    add_learning(&env, "still here");
    let db = env.db_path();
    let roundabout = env
        .data_dir()
        .join("..")
        .join("data")
        .join("journal.sqlite3");
    let mut wal = db.clone().into_os_string();
    wal.push("-wal");
    for out in [db.clone(), roundabout, PathBuf::from(wal)] {
        let err = env.fails(&["backup", "create", "--out", s(&out), "--force"]);
        assert!(
            err.contains("out: ") && err.contains("this journal's own database"),
            "{}: {err}",
            out.display()
        );
    }
    assert_eq!(titles_in(&db), ["still here"]);
    add_learning(&env, "written after");
    assert_eq!(titles_in(&db), ["still here", "written after"]);
    // Another file in the data directory is fine.
    let beside = env.data_dir().join("copy.sqlite3");
    env.ok(&["backup", "create", "--out", s(&beside)]);
    assert_eq!(titles_in(&beside), ["still here", "written after"]);
}
