//! Backups of the journal and restoring one, with SQLite's online backup API.
//!
//! A backup reads the journal in one read transaction (WAL lets the app keep writing)
//! into a new file beside the target, which is renamed into place only when complete:
//! a backup is a consistent snapshot or absent, never half a file.
//!
//! A restore checks the file first (read-only: SQLite's integrity check, a Rungs
//! journal, a schema this Rungs knows), prepares a migrated copy of it, keeps the
//! live journal aside, and only then writes the copy INTO the live database through
//! the backup API, in one step. Another process with the journal open (the app) sees
//! the old database or the restored one, never a file swapped under it. The restored
//! database gets a new `meta.index_generation`, and its outbox sequence never goes
//! back, so every search index over it rebuilds (see `search::index`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{Database, Found, inspect, latest_version};
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
        {
            let src = Connection::open_with_flags(file, read_only())?;
            copy_to_new(&src, staging, "the copy of the backup")?;
        }
        let ever_queued: i64 = self.conn.query_row(
            "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'index_outbox'",
            [],
            |r| r.get(0),
        )?;
        let staged = {
            let conn = Connection::open(staging)?;
            // Brings an older schema up to date (no copy before migrating: it is a copy).
            let mut staged = Database::from_connection(conn, None)?;
            staged.write(|tx| {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [GENERATION_KEY, &uuid::Uuid::now_v7().to_string()],
                )?;
                // Outbox seqs never go back: indexes record how far they got in them.
                let changed = tx.execute(
                    "UPDATE sqlite_sequence SET seq = MAX(seq, ?1) WHERE name = 'index_outbox'",
                    [ever_queued],
                )?;
                if changed == 0 {
                    tx.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES ('index_outbox', ?1)",
                        [ever_queued],
                    )?;
                }
                Ok(())
            })?;
            staged
        };
        // A write another process commits after the copy is taken would be in neither
        // the copy nor the restored journal: `data_version` tells whether one came,
        // and the copy is taken again until none did. (What remains is the moment
        // between this check and the restore taking the write lock.)
        let data_version = |conn: &Connection| -> rusqlite::Result<i64> {
            conn.query_row("PRAGMA data_version", [], |r| r.get(0))
        };
        let mut aside = None;
        let mut settled = false;
        for _ in 0..10 {
            let before = data_version(&self.conn)?;
            let copy = fresh_name(aside_dir, "journal-before-restore");
            copy_to_new(
                &self.conn,
                &copy,
                "the copy of the journal kept before restoring",
            )?;
            if let Some(stale) = aside.replace(copy) {
                // Superseded moments after it was made: it is ours, not the user's.
                let _ = std::fs::remove_file(stale);
            }
            if data_version(&self.conn)? == before {
                settled = true;
                break;
            }
        }
        let aside = aside.expect("at least one copy");
        if !settled {
            let _ = std::fs::remove_file(&aside);
            return Err(Error::Conflict(
                "another program kept writing to the journal while it was being copied \
                 aside; try the restore again when it is idle (nothing was changed)"
                    .into(),
            ));
        }
        copy_all(&staged.conn, &mut self.conn)?;
        Ok(aside)
    }
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
    let unreadable = |e: rusqlite::Error| Error::NotAJournal {
        path: shown.clone(),
        reason: format!("it cannot be read: {e}"),
    };
    let conn = Connection::open_with_flags(file, read_only()).map_err(unreadable)?;
    let version = match inspect(&conn, &shown) {
        Ok(Found::Journal(v)) => v,
        Ok(Found::Empty) => {
            return Err(Error::NotAJournal {
                path: shown,
                reason: "an empty database".into(),
            });
        }
        Err(Error::Database(e)) => return Err(unreadable(e)),
        Err(e) => return Err(e),
    };
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(unreadable)?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(unreadable)?;
    if problems != ["ok"] {
        let shown_problems: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
        return Err(Error::NotAJournal {
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
