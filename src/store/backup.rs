//! Backups of the journal and restoring one, with SQLite's online backup API.
//!
//! A backup reads the journal in one read transaction (WAL lets the app keep writing)
//! into a new file beside the target, which is renamed into place only when complete:
//! a backup is a consistent snapshot or absent, never half a file.
//!
//! A restore checks the file first (read-only: SQLite's integrity check, a Rungs
//! journal, a schema this Rungs knows) and prepares a migrated copy of it. Then, in
//! ONE write transaction on the live journal (`BEGIN IMMEDIATE`: no other process
//! can commit until it ends), it copies the journal aside through a second, reading
//! connection (which sees exactly what is about to be replaced), replaces every
//! table's rows with the copy's (`INSERT … SELECT` from it attached, foreign keys
//! checked at the end) and commits. So every write another process had acknowledged
//! is either in the copy kept aside or, coming after, in the restored journal; a
//! writer that comes during the restore waits on its busy timeout. Another process
//! with the journal open (the app) sees the old journal or the restored one, never a
//! mix. The restored journal gets a new `meta.index_generation`, and its outbox
//! sequence never goes back, so every search index over it rebuilds (see
//! `search::index`). (SQLite's backup API cannot write into a connection that holds a
//! transaction, which is why the replacing is done row by row.)

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use super::{Database, Found, inspect, latest_version};
use crate::journal::failpoint;
use crate::search::GENERATION_KEY;
use crate::{Error, Result};

/// What `rungs backup create` wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupSummary {
    pub path: PathBuf,
    pub bytes: u64,
    pub schema_version: i64,
}

/// What `rungs backup restore` did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreSummary {
    pub restored_from: PathBuf,
    /// The journal as it was before the restore, copied here first.
    pub kept_aside: PathBuf,
    /// The backup's schema version (older ones are migrated as they are restored).
    pub schema_version: i64,
}

/// Copies every page of `src` into `dst` in one backup step: one read transaction on
/// `src` (a consistent snapshot) and one write transaction on `dst` (other connections
/// see all of it or none). Waits out a busy database up to the busy timeout.
fn copy_all(src: &Connection, dst: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(src, dst)?;
    let started = std::time::Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if started.elapsed() < super::BUSY_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            _ => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("the journal stayed busy for the whole busy timeout".into()),
                ));
            }
        }
    }
}

/// Copies `src` (one consistent snapshot) into the new file `target`, as a
/// self-contained single file.
fn online_copy(src: &Connection, target: &Path) -> rusqlite::Result<()> {
    let mut dst = Connection::open(target)?;
    copy_all(src, &mut dst)?;
    let _mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    Ok(())
}

/// Claims `target` as a new, empty file (an earlier one is never overwritten) and
/// copies `src` into it; on failure the partial file is removed.
pub(super) fn copy_to_new(src: &Connection, target: &Path, what: &str) -> Result<()> {
    std::fs::File::create_new(target).map_err(|e| {
        Error::io(
            format!(
                "could not create {} for {what}; nothing was changed",
                target.display()
            ),
            e,
        )
    })?;
    online_copy(src, target).map_err(|e| {
        let _ = std::fs::remove_file(target);
        Error::io(
            format!(
                "could not write {what} to {}; nothing was changed",
                target.display()
            ),
            std::io::Error::other(e),
        )
    })
}

fn stamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

/// A file name in `dir` that does not exist yet: `{stem}-{timestamp}[-n].sqlite3`.
fn fresh_name(dir: &Path, stem: &str) -> PathBuf {
    let stamp = stamp();
    let mut n = 0;
    loop {
        let name = if n == 0 {
            format!("{stem}-{stamp}.sqlite3")
        } else {
            format!("{stem}-{stamp}-{n}.sqlite3")
        };
        let path = dir.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

impl Database {
    /// Writes a consistent copy of the journal to `out`. An existing `out` is refused
    /// unless `force`; the copy is written beside it and renamed into place.
    pub fn backup_to(&self, out: &Path, force: bool) -> Result<BackupSummary> {
        if out.is_dir() {
            return Err(Error::invalid(
                "out",
                format!("{} is a directory; give a file name", out.display()),
            ));
        }
        if self.is_live_file(out) {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} is this journal's own database (or its WAL); a backup must go \
                     to another file",
                    out.display()
                ),
            ));
        }
        if out.exists() && !force {
            return Err(Error::Conflict(format!(
                "{} exists; choose another file or pass --force to replace it",
                out.display()
            )));
        }
        let dir = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .ok_or_else(|| Error::invalid("out", "give a file name"))?
            .to_string_lossy();
        let partial = fresh_name(&dir, &format!(".{name}.partial"));
        copy_to_new(&self.conn, &partial, "the backup")?;
        std::fs::rename(&partial, out).map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Error::io(format!("could not move the backup to {}", out.display()), e)
        })?;
        let bytes = std::fs::metadata(out)
            .map_err(|e| Error::io(format!("cannot read {}", out.display()), e))?
            .len();
        let schema_version = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(BackupSummary {
            path: out.to_path_buf(),
            bytes,
            schema_version,
        })
    }

    /// Whether `out` is the live database file or one of SQLite's files beside it
    /// (which need not exist yet): replacing it with a copy (`--force`) would swap the
    /// journal under every open connection. Compared as canonical paths, so
    /// `data/../data/journal.sqlite3` or a symlink is caught too.
    fn is_live_file(&self, out: &Path) -> bool {
        let Some(db) = self.path().and_then(|p| std::fs::canonicalize(p).ok()) else {
            return false;
        };
        let in_parent = match (out.parent(), out.file_name()) {
            (Some(dir), Some(name)) => {
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                std::fs::canonicalize(dir).ok().map(|d| d.join(name))
            }
            _ => None,
        };
        let candidates = [std::fs::canonicalize(out).ok(), in_parent];
        ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
            let mut live = db.clone().into_os_string();
            live.push(suffix);
            let live = PathBuf::from(live);
            candidates.iter().flatten().any(|c| *c == live)
        })
    }

    /// Replaces the journal's content with the backup `file` (see the module doc).
    /// `aside_dir` receives a copy of the journal as it was, under a new name.
    /// Nothing is changed unless the backup passes every check.
    pub fn restore_from(&mut self, file: &Path, aside_dir: &Path) -> Result<RestoreSummary> {
        let schema_version = check_backup(file)?;
        std::fs::create_dir_all(aside_dir).map_err(|e| {
            Error::io(
                format!("cannot create backup directory {}", aside_dir.display()),
                e,
            )
        })?;
        // A migrated, re-stamped copy of the backup: what the journal becomes.
        let staging = fresh_name(aside_dir, ".restore-staging");
        let result = self.restore_through(file, &staging, aside_dir);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = staging.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        let kept_aside = result?;
        tracing::info!(from = %file.display(), aside = %kept_aside.display(), "journal restored");
        Ok(RestoreSummary {
            restored_from: file.to_path_buf(),
            kept_aside,
            schema_version,
        })
    }

    fn restore_through(
        &mut self,
        file: &Path,
        staging: &Path,
        aside_dir: &Path,
    ) -> Result<PathBuf> {
        let live = self
            .path
            .clone()
            .ok_or_else(|| Error::Conflict("only a journal on disk can be restored".into()))?;
        {
            let src = Connection::open_with_flags(file, read_only())?;
            copy_to_new(&src, staging, "the copy of the backup")?;
        }
        // Brings an older schema up to date (no copy before migrating: it is a copy).
        drop(Database::from_connection(Connection::open(staging)?, None)?);
        failpoint::hit(failpoint::RESTORE_BEFORE_LOCK);
        let staged = staging.to_str().ok_or_else(|| {
            Error::invalid("file", format!("{} is not a UTF-8 path", staging.display()))
        })?;
        // ATTACH is refused inside a transaction: the staged copy is attached first.
        self.conn
            .execute("ATTACH DATABASE ?1 AS staged", [staged])?;
        let replaced = self.replace_from_staged(file, &live, aside_dir);
        let detached = self.conn.execute("DETACH DATABASE staged", []);
        let aside = replaced?;
        detached?;
        Ok(aside)
    }

    /// In one write transaction on the live journal: copies it aside (through a
    /// second connection, which sees exactly what is about to be replaced: nobody
    /// else can commit while the lock is held), then replaces every table's rows with
    /// the attached `staged` copy's and gives the journal a new index generation.
    fn replace_from_staged(
        &mut self,
        file: &Path,
        live: &Path,
        aside_dir: &Path,
    ) -> Result<PathBuf> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        failpoint::hit(failpoint::RESTORE_LOCKED);
        let aside = fresh_name(aside_dir, "journal-before-restore");
        {
            let reader = Connection::open_with_flags(live, read_only())?;
            reader.busy_timeout(super::BUSY_TIMEOUT)?;
            copy_to_new(
                &reader,
                &aside,
                "the copy of the journal kept before restoring",
            )?;
        }
        let written = replace_tables(&tx, file).and_then(|()| Ok(tx.commit()?));
        if let Err(e) = written {
            // Nothing was replaced: the copy is ours, not the user's.
            let _ = std::fs::remove_file(&aside);
            return Err(e);
        }
        Ok(aside)
    }
}

/// The journal's tables (sqlite's own left out) with parents before the tables
/// whose foreign keys point at them; `index_outbox` last, after the triggers on the
/// other tables have queued into it.
fn tables_in_order(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )?;
    let mut left: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut parents = std::collections::BTreeMap::new();
    for t in &left {
        let mut stmt =
            conn.prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")?;
        let of: Vec<String> = stmt
            .query_map([t], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?
            .into_iter()
            .filter(|p| p != t)
            .collect();
        parents.insert(t.clone(), of);
    }
    let mut ordered = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let ready = left
            .iter()
            .position(|t| {
                parents[t]
                    .iter()
                    .all(|p| ordered.contains(p) || !parents.contains_key(p))
            })
            // A cycle (none in this schema): keys are deferred, any order is correct.
            .unwrap_or(0);
        ordered.push(left.remove(ready));
    }
    if let Some(i) = ordered.iter().position(|t| t == "index_outbox") {
        let outbox = ordered.remove(i);
        ordered.push(outbox);
    }
    Ok(ordered)
}

/// The column names of `schema.table`, in order.
fn columns(conn: &Connection, schema: &str, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid")?;
    stmt.query_map([table, schema], |r| r.get(0))?.collect()
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Replaces the rows of every table of `main` with those of the attached `staged`
/// (same schema: both are at the latest version), inside the caller's transaction.
/// Foreign keys are checked once all is in place; AUTOINCREMENT counters never go
/// back (the index outbox's in particular: indexes record how far they got in it).
fn replace_tables(tx: &Transaction, file: &Path) -> Result<()> {
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    let tables = tables_in_order(tx)?;
    for table in tables.iter().rev() {
        tx.execute(&format!("DELETE FROM main.{}", quoted(table)), [])?;
    }
    for table in &tables {
        let cols = columns(tx, "main", table)?;
        let theirs = columns(tx, "staged", table)?;
        if cols != theirs {
            return Err(Error::NotABackup {
                path: file.display().to_string(),
                reason: format!("its table {table} does not match this Rungs's once migrated"),
            });
        }
        let list = cols
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ");
        if table == "index_outbox" {
            // The deletes and inserts above queued every entry: the restored journal
            // gets the backup's queue instead (its new generation rebuilds the index).
            tx.execute("DELETE FROM main.index_outbox", [])?;
        }
        tx.execute(
            &format!(
                "INSERT INTO main.{t} ({list}) SELECT {list} FROM staged.{t}",
                t = quoted(table)
            ),
            [],
        )?;
    }
    tx.execute(
        "UPDATE main.sqlite_sequence SET seq = MAX(seq, COALESCE(
             (SELECT s.seq FROM staged.sqlite_sequence s WHERE s.name = main.sqlite_sequence.name),
             seq))",
        [],
    )?;
    tx.execute(
        "INSERT INTO main.sqlite_sequence (name, seq)
         SELECT s.name, s.seq FROM staged.sqlite_sequence s
         WHERE NOT EXISTS (SELECT 1 FROM main.sqlite_sequence m WHERE m.name = s.name)",
        [],
    )?;
    tx.execute(
        "INSERT INTO main.meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [GENERATION_KEY, &uuid::Uuid::now_v7().to_string()],
    )?;
    let broken: Option<String> = tx
        .query_row("PRAGMA main.foreign_key_check", [], |r| r.get(0))
        .optional()?;
    if let Some(table) = broken {
        return Err(Error::NotABackup {
            path: file.display().to_string(),
            reason: format!("rows of its table {table} refer to rows it does not have"),
        });
    }
    Ok(())
}

fn read_only() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

/// Refuses a backup that is missing, damaged, not a Rungs journal or from a newer
/// Rungs, reading it only; returns its schema version.
pub fn check_backup(file: &Path) -> Result<i64> {
    let shown = file.display().to_string();
    if !file.is_file() {
        return Err(Error::invalid(
            "file",
            format!("{shown} does not exist or is not a file"),
        ));
    }
    let unreadable = |e: rusqlite::Error| Error::NotABackup {
        path: shown.clone(),
        reason: format!("it cannot be read: {e}"),
    };
    let conn = Connection::open_with_flags(file, read_only()).map_err(unreadable)?;
    let version = match inspect(&conn, &shown) {
        Ok(Found::Journal(v)) => v,
        Ok(Found::Empty) => {
            return Err(Error::NotABackup {
                path: shown,
                reason: "an empty database".into(),
            });
        }
        Err(Error::Database(e)) => return Err(unreadable(e)),
        Err(Error::NotAJournal { path, reason }) => {
            return Err(Error::NotABackup { path, reason });
        }
        Err(e) => return Err(e),
    };
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(unreadable)?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(unreadable)?;
    if problems != ["ok"] {
        let shown_problems: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
        return Err(Error::NotABackup {
            path: shown,
            reason: format!(
                "it fails SQLite's integrity check: {}",
                shown_problems.join("; ")
            ),
        });
    }
    debug_assert!(version <= latest_version());
    Ok(version)
}
