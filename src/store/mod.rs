//! The SQLite database: the journal's only source of truth.
//!
//! [`Database::open`] sets WAL, foreign keys, a busy timeout and `synchronous=FULL`
//! (an acknowledged write survives a crash), refuses a schema newer than it knows,
//! copies the file aside before any migration, then migrates forward. It never
//! deletes, truncates or recreates a database, whatever goes wrong.

mod migrations;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use migrations::{latest_version, migrations};

use crate::{Error, Result, paths};

/// How long a writer waits for another process (app or CLI) to finish its write.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

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
        // WAL lets the app read while the CLI writes; in-memory databases stay "memory".
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             PRAGMA synchronous = FULL;",
        )?;
        Ok(())
    }

    fn migrate(&mut self, backup_dir: Option<&Path>) -> Result<()> {
        let found: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = latest_version();
        if found > known {
            return Err(Error::TooNew { found, known });
        }
        if found == known {
            return Ok(());
        }
        if found > 0
            && let Some(dir) = backup_dir
        {
            self.backup_before_migration(dir, found)?;
        }
        migrations().to_latest(&mut self.conn)?;
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
