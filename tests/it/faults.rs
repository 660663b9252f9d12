//! Disk faults a desktop app meets: a full disk (a small tmpfs) and a read-only data
//! directory (a read-only bind mount: the tests run as root, and `chmod` does not stop
//! root). Each must give an error that names the problem, store nothing half-written,
//! leave earlier entries and the database intact, and let writing resume once the
//! fault is gone. Mounting needs root: without it the tests say so and skip.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use rungs::Journal;
use rungs::journal::{Details, EntryInput, Learning};

use crate::util::{TODAY, rungs_cmd};

/// A mount, unmounted when dropped (declare it after the temporary directory holding
/// it and before any journal on it, so it goes after the journals and before the dir).
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            // Still busy (a test failed with a file open): detach it lazily.
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

/// Runs `mount ARGS... TARGET`; `None` (with the reason printed) when not permitted.
fn mount(args: &[&str], target: &Path) -> Option<Mounted> {
    std::fs::create_dir_all(target).unwrap();
    let out = Command::new("mount").args(args).arg(target).output().ok()?;
    if out.status.success() {
        return Some(Mounted(target.to_path_buf()));
    }
    eprintln!(
        "SKIPPED: cannot mount here (needs root): mount {args:?}: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    None
}

/// A read-only view of `source` at `target`.
fn read_only_bind(source: &Path, target: &Path) -> Option<Mounted> {
    let bind = mount(&["--bind", source.to_str().unwrap()], target)?;
    mount(&["-o", "remount,bind,ro"], target).map(|ro| {
        std::mem::forget(ro); // the same mount point: one guard unmounts it
        bind
    })
}

fn add(data: &Path, title: &str) -> std::process::Output {
    rungs_cmd()
        .arg("--data-dir")
        .arg(data)
        .args(["add", "learning", "--date", "2026-11-20", "--tag", "fault"])
        .args(["--title", title, "--body", &format!("Body of {title}")])
        .output()
        .unwrap()
}

fn add_ok(data: &Path, title: &str) {
    let out = add(data, title);
    assert!(
        out.status.success(),
        "adding {title}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn learning(title: &str) -> EntryInput {
    EntryInput {
        title: Some(title.into()),
        date: "2026-11-20".into(),
        time: None,
        tags: vec!["fault".into()],
        behaviours: vec![],
        details: Details::Learning(Learning {
            body: format!("Body of {title}"),
            source: None,
        }),
    }
}

/// Titles in the journal, through the CLI (a read must work whatever the disk says).
fn titles(data: &Path) -> HashSet<String> {
    let out = rungs_cmd()
        .env("RUNGS_TODAY", TODAY)
        .arg("--data-dir")
        .arg(data)
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "list: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

/// How many entries search finds with `query`, through the CLI.
fn found(data: &Path, query: &str) -> u64 {
    let out = rungs_cmd()
        .arg("--data-dir")
        .arg(data)
        .args(["search", query, "--limit", "1000", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["total"].as_u64().unwrap()
}

fn integrity(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Fills the file system holding `path` with a file of zeros until it is full.
fn fill(path: &Path) {
    let mut f = std::fs::File::create(path).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    loop {
        match f.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    // Whatever a 64 KiB write could not take, in smaller writes.
    while f.write(&[0u8; 512]).is_ok_and(|n| n > 0) {}
}

#[test]
fn a_full_disk_refuses_writes_clearly_keeps_what_was_there_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    let Some(_mounted) = mount(&["-t", "tmpfs", "-o", "size=24m", "tmpfs"], &disk) else {
        return;
    };
    let data = disk.join("data");
    for i in 0..5 {
        add_ok(&data, &format!("Before the disk filled {i}"));
    }
    // The app's journal stays open across the fault.
    let mut app = Journal::open(&data).unwrap();
    app.start_background_indexing().unwrap();
    app.add(learning("Written by the app before")).unwrap();
    app.flush_index().unwrap();

    fill(&disk.join("filler"));
    // Writes may still fit in space SQLite had already (its WAL); keep writing until
    // one is refused. Every write that succeeded must be kept.
    let mut kept = Vec::new();
    let mut refused = None;
    for i in 0..100 {
        let title = format!("While the disk was full {i}");
        let out = add(&data, &title);
        if out.status.success() {
            kept.push(title);
        } else {
            assert!(out.stdout.is_empty());
            refused = Some(String::from_utf8_lossy(&out.stderr).into_owned());
            break;
        }
    }
    let err = refused.expect("a full disk never refused a CLI write");
    assert!(err.contains("the disk is full"), "{err}");
    let app_err = loop {
        match app.add(learning("Written by the app while full")) {
            Ok(e) => kept.push(e.title),
            Err(e) => break e,
        }
        assert!(
            kept.len() < 200,
            "a full disk never refused the app's write"
        );
    };
    assert_eq!(app_err.code(), "disk_full", "{app_err}");
    assert!(
        app_err.to_string().contains("the disk is full"),
        "{app_err}"
    );

    // Nothing corrupt, nothing lost, and the journal still reads.
    assert_eq!(integrity(&data.join("journal.sqlite3")), "ok");
    let listed = titles(&data);
    for i in 0..5 {
        assert!(listed.contains(&format!("Before the disk filled {i}")));
    }
    assert!(listed.contains("Written by the app before"));
    for t in &kept {
        assert!(listed.contains(t), "{t} was acknowledged but is gone");
    }
    assert_eq!(
        listed.len(),
        6 + kept.len(),
        "a refused write left an entry"
    );

    // Space returns: the same app journal and the CLI write again, and search finds all.
    std::fs::remove_file(disk.join("filler")).unwrap();
    app.add(learning("Written by the app after")).unwrap();
    add_ok(&data, "After the space returned");
    drop(app);
    assert_eq!(titles(&data).len(), 8 + kept.len());
    assert_eq!(found(&data, "body"), 8 + kept.len() as u64);
    assert_eq!(integrity(&data.join("journal.sqlite3")), "ok");
}

#[test]
fn a_read_only_data_directory_refuses_writes_clearly_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let writable = dir.path().join("writable");
    let data = writable.join("data");
    for i in 0..3 {
        add_ok(&data, &format!("Written before {i}"));
    }
    let before = std::fs::read(data.join("journal.sqlite3")).unwrap();
    let view = dir.path().join("read-only");
    let Some(mounted) = read_only_bind(&writable, &view) else {
        return;
    };
    let ro_data = view.join("data");
    // The CLI is refused with the problem named, and prints nothing on stdout.
    let out = add(&ro_data, "Written while read-only");
    assert!(
        !out.status.success(),
        "a write to a read-only journal succeeded"
    );
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.to_lowercase().contains("read-only"),
        "the error does not say read-only: {err}"
    );
    // So is the library (the app), with a code it can branch on.
    let app_err = Journal::open(&ro_data)
        .and_then(|mut j| j.add(learning("App write while read-only")))
        .unwrap_err();
    assert_eq!(app_err.code(), "read_only", "{app_err}");
    assert!(app_err.to_string().contains("ead-only"), "{app_err}");
    drop(mounted);

    // Untouched: the same bytes, intact, and writable again.
    assert_eq!(std::fs::read(data.join("journal.sqlite3")).unwrap(), before);
    assert_eq!(integrity(&data.join("journal.sqlite3")), "ok");
    add_ok(&data, "Written after");
    let listed = titles(&data);
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert!(!listed.contains("Written while read-only"));
    assert_eq!(found(&data, "body"), 4);
}

#[test]
fn an_index_deleted_or_replaced_under_a_running_app_is_rebuilt_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let index = data.join(rungs::paths::INDEX_DIR);
    let mut app = Journal::open(&data).unwrap();
    app.start_background_indexing().unwrap();
    app.add(learning("Before the index went")).unwrap();
    app.flush_index().unwrap();
    // The folder disappears while the app runs (a cleanup tool, a sync client).
    std::fs::remove_dir_all(&index).unwrap();
    app.add(learning("While the index was gone"))
        .expect("a write does not depend on the index");
    let _ = app.flush_index(); // may fail: its files are gone; the outbox keeps the work
    drop(app);
    assert_eq!(found(&data, "body"), 2, "the next start rebuilds the index");
    // A file where the index folder should be: commands work on a temporary index.
    std::fs::remove_dir_all(&index).unwrap();
    std::fs::write(&index, "not a folder").unwrap();
    add_ok(&data, "With a file in the way");
    assert_eq!(found(&data, "body"), 3);
    assert_eq!(std::fs::read_to_string(&index).unwrap(), "not a folder");
    std::fs::remove_file(&index).unwrap();
    assert_eq!(found(&data, "body"), 3, "rebuilt once the way is clear");
    assert!(index.join("meta.json").is_file(), "rebuilt on disk");
    assert_eq!(integrity(&data.join("journal.sqlite3")), "ok");
}
