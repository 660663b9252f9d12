//! Index maintenance off the caller's thread, for the desktop app.
//!
//! Inline, every save drains the outbox and now and then commits the index: a tantivy
//! commit serialises and writes segment files (no fsync, see [`super::directory`]),
//! still milliseconds to tens of milliseconds on the save path.
//! With a [`BackgroundIndexer`] a save is only the SQLite transaction and a wake-up;
//! a thread of its own (with its own SQLite connection: WAL lets it read while the
//! app writes) holds the index writer, drains the outbox and commits. Saves that
//! arrive together share a commit (at most one every [`BATCH_WINDOW`]), so a change
//! is searchable within about one window plus one commit. The caller's reader is
//! shared with the thread and reloaded after each commit.
//!
//! The thread also checkpoints the WAL (passively, after each look at the outbox),
//! which the saves' connection then leaves to it (but for a backstop,
//! [`crate::store::WAL_AUTOCHECKPOINT_BACKSTOP`]): a save writes about twenty WAL
//! pages, so SQLite's automatic checkpoint (every 1,000 pages) made about one save
//! in fifty copy and fsync the database file inside its commit, the tail of the save
//! latency. Checkpointing here, the WAL holds what was written between two looks (one
//! [`BATCH_WINDOW`] plus a commit, or [`POLL`]), unless saves never pause.

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use super::SearchIndex;
use crate::{Error, Result};

/// The shortest time between two commits: saves within it share one.
pub const BATCH_WINDOW: Duration = Duration::from_millis(100);
/// How often the thread looks at the outbox unasked (changes made by other processes).
const POLL: Duration = Duration::from_secs(1);

#[derive(Default)]
struct State {
    /// Work may be waiting in the outbox.
    dirty: bool,
    stop: bool,
    /// Flushes asked for and flushes done: [`BackgroundIndexer::flush`] waits for `done`.
    asked: u64,
    done: u64,
    /// The error of the last flush, if it failed.
    error: Option<String>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    cond: Condvar,
    /// The highest outbox seq the thread has committed to the index: the saves delete
    /// outbox rows up to it (the thread itself never writes to SQLite).
    committed: AtomicI64,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The thread that keeps the search index in step with SQLite. Dropping it commits
/// what is pending and stops the thread.
pub struct BackgroundIndexer {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundIndexer {
    /// Starts the thread over `index` (which must not be shared with the caller's
    /// writer) and a new connection to the database at `db_path`.
    pub(crate) fn start(mut index: SearchIndex, db_path: &Path) -> Result<Self> {
        let conn = Connection::open_with_flags(
            db_path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(crate::store::BUSY_TIMEOUT)?;
        conn.set_prepared_statement_cache_capacity(crate::store::STATEMENT_CACHE);
        // The thread only reads (WAL: never waiting for a save, never making a save
        // wait); how far it got is in the index's commit payload and in `committed`.
        conn.execute_batch("PRAGMA query_only = ON;")?;
        let shared = Arc::new(Shared::default());
        shared
            .committed
            .store(index.committed_upto(), Ordering::SeqCst);
        let theirs = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("rungs-indexer".into())
            .spawn(move || run(&theirs, &mut index, &conn))
            .map_err(|e| Error::io("starting the search indexer", e))?;
        Ok(BackgroundIndexer {
            shared,
            thread: Some(thread),
        })
    }

    /// Tells the thread that the outbox has new work. Returns at once.
    pub fn wake(&self) {
        self.shared.lock().dirty = true;
        self.shared.cond.notify_all();
    }

    /// The highest outbox seq committed to the index so far.
    pub fn committed(&self) -> i64 {
        self.shared.committed.load(Ordering::SeqCst)
    }

    /// Commits what is pending, stops the thread and returns the highest outbox seq
    /// committed.
    pub fn stop(mut self) -> i64 {
        self.shutdown();
        self.committed()
    }

    fn shutdown(&mut self) {
        self.shared.lock().stop = true;
        self.shared.cond.notify_all();
        if let Some(t) = self.thread.take()
            && t.join().is_err()
        {
            tracing::warn!("the search indexer thread panicked; the outbox keeps the work");
        }
    }

    /// Indexes and commits everything in the outbox now, waiting until it is done.
    pub fn flush(&self) -> Result<()> {
        let mut s = self.shared.lock();
        s.asked += 1;
        let ticket = s.asked;
        self.shared.cond.notify_all();
        while s.done < ticket {
            s = self.shared.cond.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        match &s.error {
            Some(e) => Err(super::index::tantivy_err("background commit", e)),
            None => Ok(()),
        }
    }
}

impl Drop for BackgroundIndexer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn run(shared: &Shared, index: &mut SearchIndex, conn: &Connection) {
    // When the last commit began: windows are counted from there, so a commit that
    // took longer than a window is followed at once by the next (whose batch gathered
    // while it ran), and a save waits at most about two commits.
    let mut last_commit: Option<Instant> = None;
    loop {
        let (stop, asked) = {
            let mut s = shared.lock();
            while !s.dirty && !s.stop && s.asked == s.done {
                let (g, waited) = shared
                    .cond
                    .wait_timeout(s, POLL)
                    .unwrap_or_else(|e| e.into_inner());
                s = g;
                if waited.timed_out() {
                    break;
                }
            }
            s.dirty = false;
            (s.stop, s.asked)
        };
        // Let saves close together share a commit, unless someone waits for this one.
        let waited_for = stop || asked > shared.lock().done;
        if let Some(t) = last_commit
            && !waited_for
        {
            std::thread::sleep(BATCH_WINDOW.saturating_sub(t.elapsed()));
        }
        let began = Instant::now();
        let result = index.step(conn, true);
        checkpoint(conn);
        shared
            .committed
            .store(index.committed_upto(), Ordering::SeqCst);
        match &result {
            Ok(0) => {}
            Ok(_) => last_commit = Some(began),
            Err(e) => tracing::warn!(error = %e, "search index update deferred"),
        }
        {
            let mut s = shared.lock();
            s.done = asked;
            s.error = result.err().map(|e| e.to_string());
        }
        shared.cond.notify_all();
        if stop {
            return;
        }
    }
}

/// Copies what the WAL holds into the database file, without waiting for or blocking
/// anyone (`PASSIVE`: frames a reader still needs stay for the next one). A no-op
/// when nothing was written since the last.
fn checkpoint(conn: &Connection) {
    if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
        tracing::warn!(error = %e, "WAL checkpoint deferred");
    }
}
