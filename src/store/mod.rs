//! The SQLite database: the journal's only source of truth.
//!
//! [`Database::open`] first looks at an existing file through a read-only
//! connection and refuses, untouched, a schema newer than it knows or a file that is
//! not a Rungs journal. Only then does it set WAL, foreign keys, a busy timeout and
//! `synchronous=FULL` (an acknowledged write survives a crash), copy the file aside
//! before any migration, and migrate forward. It never deletes, truncates or
//! recreates a database, whatever goes wrong.

pub mod backup;
mod migrations;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use migrations::{latest_version, migrations};

use crate::{Error, Result, paths};

/// How long a writer waits for another process (app or CLI) to finish its write.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// Prepared statements kept per connection (rusqlite's default of 16 is fewer than
/// one save uses, so they were prepared again for every entry).
pub const STATEMENT_CACHE: usize = 64;
/// WAL pages after which a commit checkpoints the WAL into the database file itself
/// (SQLite's default). A save writes about twenty pages (the entry, its revision, the
/// outbox and their indexes), so with this on, about one save in fifty pays for a
/// checkpoint (copying and fsyncing the database file, several milliseconds).
pub const WAL_AUTOCHECKPOINT: u32 = 1000;
/// The same while another connection checkpoints (about 40 MB): only a backstop, so
/// the WAL stays bounded should that connection fall behind (a passive checkpoint
/// cannot finish while saves keep coming).
pub const WAL_AUTOCHECKPOINT_BACKSTOP: u32 = 10_000;

pub struct Database {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Database {
    /// Opens (creating if needed) `DATA_DIR/journal.sqlite3` and brings it up to date.
    pub fn open(data_dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            Error::io(
                format!("cannot create data directory {}", data_dir.display()),
                e,
            )
        })?;
        // Two processes opening a journal at once (the app and the CLI) must not
        // both try to migrate it: the first migrates, the second finds it done.
        let lock_path = data_dir.join(paths::LOCK_FILE);
        let lock = std::fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(format!("cannot open {}", lock_path.display()), e))?;
        lock.lock()
            .map_err(|e| Error::io(format!("cannot lock {}", lock_path.display()), e))?;
        let path = data_dir.join(paths::DATABASE_FILE);
        // Look before touching: a file from a newer Rungs, or one that is not a Rungs
        // journal at all, is refused through a read-only connection, before anything
        // (even `journal_mode = WAL`) could change a byte of it.
        if path.exists() {
            let probe = Connection::open_with_flags(
                &path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            probe.busy_timeout(BUSY_TIMEOUT)?;
            inspect(&probe, &path.display().to_string())?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&path, flags)?;
        let mut db = Database {
            conn,
            path: Some(path),
        };
        db.configure()?;
        db.migrate(Some(&data_dir.join(paths::BACKUP_DIR)))?;
        drop(lock);
        Ok(db)
    }

    /// A private in-memory journal, for tests and tools.
    pub fn open_in_memory() -> Result<Self> {
        let mut db = Database {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        db.configure()?;
        db.migrate(None)?;
        Ok(db)
    }

    /// Wraps a connection that is already at some schema version (tests of migrations).
    pub fn from_connection(conn: Connection, backup_dir: Option<&Path>) -> Result<Self> {
        let path = conn.path().filter(|p| !p.is_empty()).map(PathBuf::from);
        let mut db = Database { conn, path };
        db.configure()?;
        db.migrate(backup_dir)?;
        Ok(db)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Whether this connection's commits checkpoint the WAL every
    /// [`WAL_AUTOCHECKPOINT`] pages (the default) or leave it to another connection,
    /// checkpointing themselves only past [`WAL_AUTOCHECKPOINT_BACKSTOP`]: while a
    /// background indexer runs, it checkpoints after its index commits
    /// ([`crate::search::background`]), so no save waits for a checkpoint.
    pub fn set_commits_checkpoint(&self, on: bool) -> Result<()> {
        let pages = if on {
            WAL_AUTOCHECKPOINT
        } else {
            WAL_AUTOCHECKPOINT_BACKSTOP
        };
        self.conn.pragma_update(None, "wal_autocheckpoint", pages)?;
        Ok(())
    }

    /// Runs `f` in one write transaction, taken up front (`BEGIN IMMEDIATE`) so two
    /// processes queue on the busy timeout instead of failing on lock upgrade.
    /// Nothing `f` wrote is kept unless it returns `Ok`.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Saving and indexing an entry run a few dozen distinct statements.
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // WAL lets the app read while the CLI writes; in-memory databases stay "memory".
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        // Statement journals (a statement that fires a trigger or checks a foreign key
        // keeps the pages it changes, to undo it alone) in memory: in a file they were
        // three quarters of a bulk load's writes (`pwrite` of 4 bytes, then 4 KiB, for
        // every page every such statement touched: 374,000 calls for 20,000 entries,
        // 88,000 without).
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             PRAGMA synchronous = FULL;
             PRAGMA temp_store = MEMORY;",
        )?;
        Ok(())
    }

    fn migrate(&mut self, backup_dir: Option<&Path>) -> Result<()> {
        let shown = self
            .path
            .as_ref()
            .map_or_else(|| "the database".to_string(), |p| p.display().to_string());
        match inspect(&self.conn, &shown)? {
            Found::Empty => {}
            Found::Journal(version) if version == latest_version() => return Ok(()),
            Found::Journal(version) => {
                if let Some(dir) = backup_dir {
                    self.backup_before_migration(dir, version)?;
                }
            }
        }
        // A migration may rebuild a table others reference (SQLite's procedure for
        // changing a constraint): with foreign keys on, dropping the old table would
        // cascade deletes into its children. They are off while migrating (outside any
        // transaction, where the pragma takes effect), each such migration checks the
        // keys itself (`foreign_key_check`), and they are on again whatever happened.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let migrated = migrations().to_latest(&mut self.conn);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        migrated?;
        Ok(())
    }

    /// Copies the database aside with SQLite's online backup before migrating it.
    fn backup_before_migration(&self, dir: &Path, from_version: i64) -> Result<PathBuf> {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::io(
                format!("cannot create backup directory {}", dir.display()),
                e,
            )
        })?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let target = dir.join(format!("journal-schema{from_version}-{stamp}.sqlite3"));
        // An earlier copy is never overwritten: claim a new, empty file for this one.
        std::fs::File::create_new(&target).map_err(|e| {
            Error::io(
                format!(
                    "could not create {} for the copy taken before upgrading; nothing was changed",
                    target.display()
                ),
                e,
            )
        })?;
        let copy = || -> rusqlite::Result<()> {
            let mut dst = Connection::open(&target)?;
            rusqlite::backup::Backup::new(&self.conn, &mut dst)?.run_to_completion(
                256,
                Duration::from_millis(10),
                None,
            )?;
            // A self-contained single file, not a WAL database with side files.
            let _mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            Ok(())
        };
        copy().map_err(|e| {
            Error::io(
                format!(
                    "could not copy the journal aside before upgrading it (to {}); \
                     nothing was changed",
                    target.display()
                ),
                std::io::Error::other(e),
            )
        })?;
        tracing::info!(backup = %target.display(), from_version, "backed up journal before migrating");
        Ok(target)
    }
}

/// What a database file holds, found without writing to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// No tables at all (a new file): nothing to keep, nothing to copy.
    Empty,
    /// A Rungs journal at this schema version, which this build can open.
    Journal(i64),
}

/// Tables every Rungs schema has had since the first.
const JOURNAL_TABLES: &[&str] = &["meta", "people", "entries", "revisions"];

/// Reads the schema version and the table names, and refuses what Rungs must not
/// touch: a file that is not SQLite, an SQLite file of another program (tables but
/// no Rungs schema version, or a version without Rungs' tables), a newer schema.
fn inspect(conn: &Connection, shown: &str) -> Result<Found> {
    let not_ours = |reason: &str| Error::NotAJournal {
        path: shown.to_string(),
        reason: reason.to_string(),
    };
    let version: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
        Ok(v) => v,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(not_ours("the file is not an SQLite database"));
        }
        Err(e) => return Err(e.into()),
    };
    let mut stmt = conn.prepare("SELECT type, name FROM sqlite_schema")?;
    let objects: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let has_table = |name: &str| objects.iter().any(|(t, n)| t == "table" && n == name);
    match version {
        0 if objects.is_empty() => Ok(Found::Empty),
        0 => Err(not_ours(
            "an SQLite database with tables but no Rungs schema version",
        )),
        // A newer Rungs may reshape tables; `meta` is the one it must keep.
        v if v > latest_version() && has_table("meta") => Err(Error::TooNew {
            found: v,
            known: latest_version(),
        }),
        v if v < 1 || v > latest_version() || !JOURNAL_TABLES.iter().all(|t| has_table(t)) => {
            Err(not_ours(&format!(
                "an SQLite database at schema version {v} without Rungs' tables"
            )))
        }
        v => Ok(Found::Journal(v)),
    }
}
