//! The tantivy index: opening it (rebuilding when its schema version differs or it
//! will not open), draining the SQLite outbox into it, committing in batches.
//!
//! Only the process holding tantivy's writer lock drains the outbox. Outbox rows are
//! deleted only after the index commit that covers them, so a crash at any point
//! leaves them to be drained again (re-indexing is idempotent: delete by id, add).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use super::directory::UnsyncedDirectory;
use super::document;
use super::facets::FacetTables;
use super::schema::{self, Fields, SCHEMA_VERSION};
use crate::journal::bulk_read::{self, Scope};
use crate::{Error, Result};

const VERSION_FILE: &str = "rungs-index-version";
const WRITER_MEMORY_PER_THREAD: usize = 50_000_000;
const BACKGROUND_WRITER_MEMORY: usize = 20_000_000;
/// Entries read per round of queries while rebuilding.
const REBUILD_CHUNK: i64 = 5_000;

/// When buffered index changes are committed.
#[derive(Debug, Clone, Copy)]
pub struct CommitPolicy {
    pub max_docs: usize,
    pub max_delay: Duration,
}

impl Default for CommitPolicy {
    fn default() -> Self {
        CommitPolicy {
            max_docs: 1000,
            max_delay: Duration::from_secs(1),
        }
    }
}

pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    /// The index's `meta.json` (None in memory), and its content when the reader was
    /// last reloaded: it changes with every commit, whichever process made it.
    meta_path: Option<std::path::PathBuf>,
    meta_seen: Option<Vec<u8>>,
    pub(crate) fields: Fields,
    /// Each segment's facet values, for counting facets (see [`super::facets`]).
    pub(crate) facet_tables: Arc<FacetTables>,
    writer: Option<IndexWriter>,
    /// Highest outbox seq whose change is in the writer's uncommitted batch.
    drained_upto: i64,
    /// Highest outbox seq whose change is committed in the index: the commit's payload
    /// records it, so the index itself says how far it got (see [`Progress`]).
    committed_upto: i64,
    /// Outbox rows up to here have been deleted by this process.
    purged_upto: i64,
    /// The database generation the index's last commit covered (see [`GENERATION_KEY`]).
    generation: Option<String>,
    /// Whether committing deletes the covered outbox rows itself. The background
    /// indexer's copy does not: it never writes to SQLite, the saves do it for it.
    /// (The same flag picks the smaller writer of the background indexer.)
    purges: bool,
    /// The database was checked against the index's progress (see `step`).
    checked: bool,
    pending: usize,
    first_pending: Option<Instant>,
    policy: CommitPolicy,
    /// The index was (re)created empty and must be filled from SQLite.
    needs_rebuild: bool,
    /// A [`super::BackgroundIndexer`] holds the writer: this copy only reads.
    detached: bool,
}

/// How far through the outbox an index commit got, and which generation of the
/// database it indexes, kept in the commit's payload.
#[derive(Debug, Default, serde::Deserialize)]
struct Progress {
    outbox_upto: i64,
    /// The database's `meta.index_generation` when this commit was made (a restore
    /// gives the database a new one, so the index knows it must be rebuilt).
    #[serde(default)]
    generation: Option<String>,
}

impl Progress {
    fn parse(payload: Option<&str>) -> Progress {
        payload
            .and_then(|p| serde_json::from_str(p).ok())
            .unwrap_or_default()
    }

    fn to_payload(&self) -> String {
        match &self.generation {
            Some(g) => serde_json::json!({ "outbox_upto": self.outbox_upto, "generation": g }),
            None => serde_json::json!({ "outbox_upto": self.outbox_upto }),
        }
        .to_string()
    }
}

/// The `meta` key holding the database's index generation: absent until the first
/// restore, then a new value for every restore (see [`crate::store::backup`]).
pub const GENERATION_KEY: &str = "index_generation";

/// The `meta` key holding the highest outbox seq ever deleted (as text). Rows are
/// deleted only once an index commit covers them, so an index whose last commit
/// covers less lost commits after they were written (an OS crash: the index is not
/// fsynced, see [`super::directory`]) and the outbox no longer has that work.
pub const PURGED_KEY: &str = "index_purged_upto";

/// The highest outbox seq deleted so far (0 if none ever was).
fn purged_watermark(conn: &Connection) -> Result<i64> {
    let value: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([PURGED_KEY], |r| r.get(0))
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// The database's index generation (None for a journal never restored).
fn db_generation(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([GENERATION_KEY], |r| r.get(0))
        .optional()?)
}

pub(crate) fn tantivy_err(context: &str, e: impl std::fmt::Display) -> Error {
    Error::io(
        format!("search index: {context}"),
        std::io::Error::other(e.to_string()),
    )
}

impl SearchIndex {
    /// Opens the index in `dir`. A missing index, one of another schema version, or
    /// one that fails to open (any file its reader or searcher needs is damaged) is
    /// replaced by an empty one marked for rebuild.
    pub fn open(dir: &Path) -> Result<Self> {
        let (schema, _) = schema::build();
        let version_ok = std::fs::read_to_string(dir.join(VERSION_FILE))
            .map(|v| v.trim() == SCHEMA_VERSION.to_string())
            .unwrap_or(false);
        let existing = if version_ok {
            UnsyncedDirectory::open(dir)
                .ok()
                .and_then(|d| Index::open(d).ok())
                .filter(|i| i.schema() == schema)
        } else {
            None
        };
        // Opening succeeds only if the reader, and a searcher over every segment, do.
        let existing = existing.and_then(|index| {
            Self::from_index(index, false, Some(dir))
                .and_then(|s| s.check_readable().map(|()| s))
                .map_err(|e| tracing::warn!(error = %e, "search index unreadable"))
                .ok()
        });
        let index = match existing {
            Some(opened) => return Ok(opened),
            None => {
                if dir.exists() {
                    // Only ever remove a directory that is recognisably our index (or empty):
                    // the data directory is the user's folder and may hold anything.
                    let ours = dir.join(VERSION_FILE).exists()
                        || dir.join("meta.json").exists()
                        || std::fs::read_dir(dir)
                            .map(|mut d| d.next().is_none())
                            .unwrap_or(false);
                    if !ours {
                        return Err(Error::Conflict(format!(
                            "{} exists and is not a Rungs search index; leaving it alone",
                            dir.display()
                        )));
                    }
                    tracing::warn!(dir = %dir.display(), "search index outdated or unreadable; rebuilding");
                    // Only the derived index directory is removed, never the database.
                    std::fs::remove_dir_all(dir).map_err(|e| {
                        Error::io(format!("removing old index {}", dir.display()), e)
                    })?;
                }
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::io(format!("creating index {}", dir.display()), e))?;
                let d = UnsyncedDirectory::open(dir).map_err(|e| tantivy_err("open", e))?;
                let index = Index::create(d, schema, Default::default())
                    .map_err(|e| tantivy_err("create", e))?;
                std::fs::write(dir.join(VERSION_FILE), SCHEMA_VERSION.to_string())
                    .map_err(|e| Error::io("writing index version", e))?;
                index
            }
        };
        Self::from_index(index, true, Some(dir))
    }

    /// Opens what a search reads in every segment: each field's terms, postings and
    /// positions, and the document store. A truncated or emptied file fails here
    /// (cheaply: headers and footers), not in the middle of someone's search.
    fn check_readable(&self) -> Result<()> {
        let searcher = self.reader.searcher();
        for segment in searcher.segment_readers() {
            for (field, entry) in self.index.schema().fields() {
                if entry.is_indexed() {
                    segment
                        .inverted_index(field)
                        .map_err(|e| tantivy_err("terms", e))?;
                }
            }
            segment
                .get_store_reader(0)
                .map_err(|e| tantivy_err("store", e))?;
        }
        Ok(())
    }

    pub fn in_memory() -> Result<Self> {
        let (schema, _) = schema::build();
        Self::from_index(Index::create_in_ram(schema), true, None)
    }

    fn from_index(index: Index, needs_rebuild: bool, dir: Option<&Path>) -> Result<Self> {
        schema::register_tokenizers(&index);
        let fields = schema::build().1;
        // Other processes' commits show up within 500 ms; our own we reload at once.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(|e| tantivy_err("reader", e))?;
        Ok(SearchIndex {
            index,
            reader,
            meta_path: dir.map(|d| d.join("meta.json")),
            meta_seen: None,
            fields,
            facet_tables: Arc::default(),
            writer: None,
            drained_upto: 0,
            committed_upto: 0,
            purged_upto: 0,
            generation: None,
            purges: true,
            checked: false,
            pending: 0,
            first_pending: None,
            policy: CommitPolicy::default(),
            needs_rebuild,
            detached: false,
        })
    }

    /// Commits the batch already in the writer (without draining more of the outbox
    /// or rebuilding: that is the new writer's work, on its thread), gives up the
    /// writer and returns a copy over the same index and reader for a
    /// [`super::BackgroundIndexer`] to write with; this one only reads until
    /// [`SearchIndex::reattach`].
    pub(crate) fn detach(&mut self, conn: &Connection) -> Result<SearchIndex> {
        if self.pending > 0 {
            self.commit(conn)?;
        }
        self.writer = None;
        self.detached = true;
        Ok(SearchIndex {
            index: self.index.clone(),
            reader: self.reader.clone(),
            meta_path: self.meta_path.clone(),
            meta_seen: None,
            fields: self.fields,
            facet_tables: Arc::clone(&self.facet_tables),
            writer: None,
            drained_upto: self.drained_upto,
            committed_upto: self.committed_upto,
            purged_upto: self.purged_upto,
            generation: self.generation.clone(),
            purges: false,
            checked: self.checked,
            pending: 0,
            first_pending: None,
            policy: self.policy,
            needs_rebuild: self.needs_rebuild,
            detached: false,
        })
    }

    /// Writes again itself (the background indexer has stopped after committing up
    /// to outbox seq `committed`), deleting the outbox rows that commit covers.
    pub(crate) fn reattach(&mut self, conn: &Connection, committed: i64) {
        self.detached = false;
        self.committed_upto = self.committed_upto.max(committed);
        self.drained_upto = self.drained_upto.max(self.committed_upto);
        if let Err(e) = self.purge(conn) {
            tracing::warn!(error = %e, "index outbox not trimmed; it is trimmed later");
        }
    }

    /// Highest outbox seq committed in the index.
    pub(crate) fn committed_upto(&self) -> i64 {
        self.committed_upto
    }

    /// Deletes the outbox rows up to `committed` (what a background indexer reports
    /// as committed) in the caller's transaction, when there are new ones, and raises
    /// the watermark [`PURGED_KEY`] to it in the same transaction. A save calls this,
    /// so the indexer thread never has to write to SQLite.
    pub(crate) fn purge_in(&mut self, tx: &Connection, committed: i64) -> Result<()> {
        if committed > self.purged_upto {
            // Both or neither, also on a connection outside a transaction (inline).
            tx.execute_batch("SAVEPOINT index_purge")?;
            let done = (|| -> Result<()> {
                tx.prepare_cached("DELETE FROM index_outbox WHERE seq <= ?1")?
                    .execute([committed])?;
                tx.prepare_cached(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value =
                         CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)",
                )?
                .execute([PURGED_KEY, &committed.to_string()])?;
                Ok(())
            })();
            match done {
                Ok(()) => tx.execute_batch("RELEASE index_purge")?,
                Err(e) => {
                    let _ = tx.execute_batch("ROLLBACK TO index_purge; RELEASE index_purge");
                    return Err(e);
                }
            }
            self.purged_upto = committed;
        }
        Ok(())
    }

    /// Deletes the outbox rows the index has committed, if not done yet.
    fn purge(&mut self, conn: &Connection) -> Result<()> {
        let committed = self.committed_upto;
        self.purge_in(conn, committed)
    }

    /// Takes the writer lock if no other process holds it.
    fn writer(&mut self) -> Option<&mut IndexWriter> {
        if self.detached {
            return None;
        }
        if self.writer.is_none() {
            // Inline (the CLI, bulk loads, rebuilds): two indexing threads when there
            // are two cores, so tokenizing runs beside the caller's SQLite work. The
            // background indexer commits a save or two at a time: one thread and a
            // small arena (each commit allocates a fresh one per thread), so that its
            // commits take as little from the saves as possible.
            let (threads, memory) = if self.purges {
                let n = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
                (n, n * WRITER_MEMORY_PER_THREAD)
            } else {
                (1, BACKGROUND_WRITER_MEMORY)
            };
            match self.index.writer_with_num_threads(threads, memory) {
                Ok(w) => {
                    // Whoever committed last recorded how far through the outbox it got.
                    let done = self
                        .index
                        .load_metas()
                        .map(|m| Progress::parse(m.payload.as_deref()))
                        .unwrap_or_default();
                    self.committed_upto = self.committed_upto.max(done.outbox_upto);
                    self.generation = done.generation;
                    self.drained_upto = self.drained_upto.max(self.committed_upto);
                    self.writer = Some(w);
                }
                Err(tantivy::TantivyError::LockFailure(..)) => return None,
                Err(e) => {
                    tracing::warn!(error = %e, "search index writer unavailable");
                    return None;
                }
            }
        }
        self.writer.as_mut()
    }

    /// Replaces the commit policy, returning the one it replaces. A bulk load commits
    /// once at the end instead of every thousand entries.
    pub fn set_policy(&mut self, policy: CommitPolicy) -> CommitPolicy {
        std::mem::replace(&mut self.policy, policy)
    }

    /// Whether this process holds the writer (and so drains the outbox).
    pub fn is_writer(&mut self) -> bool {
        self.writer().is_some()
    }

    /// Moves outbox work into the writer's batch, committing when the policy says so.
    /// Returns how many entries were (re)indexed. Without the writer lock, does nothing:
    /// the work stays in the outbox for whoever holds it.
    pub fn sync(&mut self, conn: &Connection) -> Result<usize> {
        self.step(conn, false)
    }

    /// Drains everything and commits now (before a CLI command exits, before a search).
    pub fn flush(&mut self, conn: &Connection) -> Result<()> {
        self.step(conn, true)?;
        // Another process's commit reaches the reader only when its 500 ms watcher
        // fires: a search right after that process finished (the CLI adding while
        // this one waited) would miss it, so read the index's latest commit now.
        self.reload(false)
    }

    /// Points the reader at the index's latest commit: always (`force`, after our own
    /// commit), else only when `meta.json` changed since the last reload. A reload
    /// opens new segment readers, whose caches (decompressed stored documents) start
    /// empty: reloading before every search cost 4 % of it.
    fn reload(&mut self, force: bool) -> Result<()> {
        // Read before reloading: a commit in between is reloaded now and seen as new
        // next time, never missed.
        let meta = self.meta_path.as_ref().and_then(|p| std::fs::read(p).ok());
        if force || meta.is_none() || meta != self.meta_seen {
            self.reader.reload().map_err(|e| tantivy_err("reload", e))?;
            self.meta_seen = meta;
        }
        Ok(())
    }

    /// Drains the outbox, committing now (`force`) or when the policy says so;
    /// returns how many entries were (re)indexed.
    pub(crate) fn step(&mut self, conn: &Connection, force: bool) -> Result<usize> {
        if self.writer().is_none() {
            return Ok(0);
        }
        if !self.checked {
            // An index further on than the database's outbox has ever been belongs to
            // another copy of the database (a backup restored under it): rebuild.
            let ever: i64 = conn
                .query_row(
                    "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'index_outbox'",
                    [],
                    |r| r.get(0),
                )
                .unwrap_or(i64::MAX);
            if ever < self.committed_upto {
                tracing::warn!("search index is ahead of the database; rebuilding");
                self.needs_rebuild = true;
            }
            // An index behind what the outbox has already let go of lost commits (the
            // system stopped before writing them out): the outbox cannot replay them.
            if self.committed_upto < purged_watermark(conn)? {
                tracing::warn!("search index lost recent commits; rebuilding");
                self.needs_rebuild = true;
            }
            self.checked = true;
        }
        // A restore put another database under the index (even in a process that had
        // the journal open all along): its new generation says the index is stale.
        let generation = db_generation(conn)?;
        if generation != self.generation {
            tracing::info!("the journal was restored from a backup; rebuilding the search index");
            self.needs_rebuild = true;
        }
        if self.needs_rebuild {
            return self.rebuild(conn, &mut |_, _| {});
        }
        if self.purges {
            self.purge(conn)?;
        }
        let n = self.drain(conn)?;
        let due = self.pending >= self.policy.max_docs
            || self
                .first_pending
                .is_some_and(|t| t.elapsed() >= self.policy.max_delay);
        if self.pending > 0 && (force || due) {
            self.commit(conn)?;
        }
        Ok(n)
    }

    fn drain(&mut self, conn: &Connection) -> Result<usize> {
        let from = self.drained_upto;
        let upto: i64 = conn
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM index_outbox")?
            .query_row([], |r| r.get(0))?;
        if upto <= from {
            return Ok(0);
        }
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT entry_id FROM index_outbox WHERE seq > ?1 AND seq <= ?2",
        )?;
        let ids: Vec<String> = stmt
            .query_map([from, upto], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        // Every queued entry leaves the index; the live ones come back as they are now.
        let live = bulk_read::live_entries(conn, Scope::Outbox(from, upto))?;
        let fields = self.fields;
        let writer = self.writer.as_mut().expect("writer held");
        for id in &ids {
            writer.delete_term(Term::from_field_text(fields.id, id));
        }
        for e in &live {
            writer
                .add_document(document::build(&fields, e))
                .map_err(|e| tantivy_err("add", e))?;
        }
        self.drained_upto = upto;
        self.pending += ids.len();
        self.first_pending.get_or_insert_with(Instant::now);
        Ok(ids.len())
    }

    /// Whether a bulk load may add its new entries to the writer itself (see
    /// `journal::bulk_write`), asked inside the transaction writing them: this process
    /// holds the writer, nothing waits for a rebuild, and no outbox row is queued
    /// beyond what the writer has, so the rows the transaction adds are exactly the
    /// entries fed.
    pub(crate) fn can_feed(&mut self, tx: &Connection) -> Result<bool> {
        if self.writer().is_none() || !self.checked || self.needs_rebuild {
            return Ok(false);
        }
        let queued: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM index_outbox WHERE seq > ?1)")?
            .query_row([self.drained_upto], |r| r.get(0))?;
        Ok(!queued && db_generation(tx)? == self.generation)
    }

    /// Adds a new entry (not in the index yet) to the writer's batch.
    pub(crate) fn feed(&mut self, e: &crate::journal::Entry) -> Result<()> {
        let doc = document::build(&self.fields, e);
        let writer = self.writer.as_mut().expect("can_feed took the writer");
        writer
            .add_document(doc)
            .map_err(|e| tantivy_err("add", e))?;
        Ok(())
    }

    /// The transaction that fed `n` entries committed, its outbox rows ending at `upto`.
    pub(crate) fn fed(&mut self, upto: i64, n: usize) {
        self.drained_upto = self.drained_upto.max(upto);
        self.pending += n;
        self.first_pending.get_or_insert_with(Instant::now);
    }

    /// The transaction that fed entries did not commit (or the writer failed): the
    /// writer drops its whole uncommitted batch, and draining starts again from the
    /// last commit (the outbox still holds everything since).
    pub(crate) fn unfeed(&mut self) {
        if let Some(writer) = self.writer.as_mut()
            && let Err(e) = writer.rollback()
        {
            tracing::warn!(error = %e, "search index rollback failed; reopening the writer");
            self.writer = None;
        }
        self.drained_upto = self.committed_upto;
        self.pending = 0;
        self.first_pending = None;
    }

    fn commit(&mut self, conn: &Connection) -> Result<()> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
        let mut commit = writer
            .prepare_commit()
            .map_err(|e| tantivy_err("commit", e))?;
        commit.set_payload(
            &Progress {
                outbox_upto: self.drained_upto,
                generation: self.generation.clone(),
            }
            .to_payload(),
        );
        commit.commit().map_err(|e| tantivy_err("commit", e))?;
        self.reload(true)?;
        // Only now is the work durable in the index; a crash before this line means it
        // is drained again on the next start. The outbox rows it covers may go now (or
        // later: the index's payload says they are done).
        self.committed_upto = self.drained_upto;
        self.pending = 0;
        self.first_pending = None;
        if self.purges {
            self.purge(conn)?;
        }
        Ok(())
    }

    /// Rebuilds the whole index from SQLite. `progress(done, total)` is called as it goes.
    pub fn rebuild(
        &mut self,
        conn: &Connection,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<usize> {
        if self.writer().is_none() {
            return Err(Error::Conflict(
                "another Rungs process is updating the search index; try again when it is done"
                    .into(),
            ));
        }
        // Everything queued so far, including what was already deleted from the
        // outbox (the watermark), is what the database holds now.
        let upto: i64 =
            conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM index_outbox", [], |r| {
                r.get(0)
            })?;
        let upto = upto.max(purged_watermark(conn)?);
        // What this rebuild reads is this generation of the database.
        self.generation = db_generation(conn)?;
        let total: i64 = conn.query_row(
            "SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        let total = usize::try_from(total).unwrap_or(0);
        let last = bulk_read::max_rowid(conn)?;
        let fields = self.fields;
        let writer = self.writer.as_mut().expect("writer held");
        writer
            .delete_all_documents()
            .map_err(|e| tantivy_err("clear", e))?;
        // Read in chunks: one query per table per chunk, bounded memory.
        let mut done = 0;
        let mut lo = 0;
        while lo < last {
            // The chunk's last rowid (rowids may have gaps where entries were purged).
            let hi: i64 = conn
                .prepare_cached(
                    "SELECT COALESCE((SELECT rowid FROM entries WHERE rowid > ?1
                                      ORDER BY rowid LIMIT 1 OFFSET ?2), ?3)",
                )?
                .query_row([lo, REBUILD_CHUNK - 1, last], |r| r.get(0))?;
            for e in bulk_read::live_entries(conn, Scope::Rowids(lo, hi))? {
                writer
                    .add_document(document::build(&fields, &e))
                    .map_err(|e| tantivy_err("add", e))?;
                done += 1;
            }
            progress(done.min(total), total);
            lo = hi;
        }
        self.drained_upto = self.drained_upto.max(upto);
        self.commit(conn)?;
        self.needs_rebuild = false;
        Ok(total)
    }

    /// Releases the writer once the merges its commits started have finished. A
    /// short-lived process (every CLI command) would otherwise exit mid-merge, and
    /// one-save commands would leave a segment each.
    pub fn finish_merges(&mut self) {
        if let Some(writer) = self.writer.take()
            && let Err(e) = writer.wait_merging_threads()
        {
            tracing::warn!(error = %e, "search index merge unfinished");
        }
    }

    pub fn segment_count(&self) -> usize {
        self.index
            .searchable_segment_ids()
            .map(|s| s.len())
            .unwrap_or(0)
    }
}
