//! The journal: entries (pairing sessions, feedback, learnings), people and
//! follow-ups, on top of the [`Database`]. [`Journal`] is the one API the CLI and
//! the desktop app call; every write is one transaction.

mod backup;
pub mod browse;
pub(crate) mod bulk_read;
pub(crate) mod bulk_write;
pub mod conversation;
pub mod drafts;
mod entries;
pub mod failpoint;
pub(crate) mod goals;
mod imported;
mod indexing;
pub mod model;
mod people;
pub mod validate;

use std::path::Path;

pub use conversation::*;
pub use indexing::Indexing;
pub use model::*;

pub(crate) use imported::save_imported;

use crate::search::SearchIndex;
use crate::store::Database;
use crate::{Error, Result};

pub struct Journal {
    db: Database,
    search: SearchIndex,
    /// Set while a thread of its own maintains the index (`start_background_indexing`).
    indexer: Option<crate::search::BackgroundIndexer>,
    /// Behaviour suggestions, with their profiles cached between calls.
    suggester: crate::suggest::Suggester,
    /// The index directory this journal could not use when it opened (it runs on a
    /// temporary in-memory index instead); `reindex` tries it again.
    unusable_index: Option<std::path::PathBuf>,
}

impl Journal {
    /// Opens the journal in `data_dir` (creating it), migrating it and making sure
    /// the bundled ladder is present. The caller's thread keeps the search index in
    /// step, starting with catching up on the outbox before this returns (the CLI).
    pub fn open(data_dir: &Path) -> Result<Self> {
        Self::open_with(data_dir, Indexing::Inline)
    }

    /// [`Journal::open`], with the search index kept in step as `indexing` says. With
    /// [`Indexing::Background`] the indexer thread starts before any catch-up, so a
    /// long outbox or an index rebuild never holds up the caller (the desktop app).
    pub fn open_with(data_dir: &Path, indexing: Indexing) -> Result<Self> {
        let db = Database::open(data_dir)?;
        let index_dir = data_dir.join(crate::paths::INDEX_DIR);
        // The index is derived data: whatever is wrong with it, start anyway.
        let (search, unusable) = match SearchIndex::open(&index_dir) {
            Ok(search) => (search, None),
            Err(e) => {
                tracing::warn!(error = %e, "search index unavailable; using a temporary one");
                (SearchIndex::in_memory()?, Some(index_dir))
            }
        };
        let mut journal = Self::with_index(db, search, indexing)?;
        journal.unusable_index = unusable;
        Ok(journal)
    }

    /// A journal in memory: for tests and tools.
    pub fn open_in_memory() -> Result<Self> {
        Self::from_database(Database::open_in_memory()?)
    }

    /// A journal over `db` with an in-memory search index.
    pub fn from_database(db: Database) -> Result<Self> {
        Self::with_index(db, SearchIndex::in_memory()?, Indexing::Inline)
    }

    fn with_index(db: Database, search: SearchIndex, indexing: Indexing) -> Result<Self> {
        let mut journal = Journal {
            db,
            search,
            indexer: None,
            suggester: Default::default(),
            unusable_index: None,
        };
        if indexing == Indexing::Background
            && let Err(e) = journal.start_background_indexing()
        {
            // Still usable: the caller's thread keeps the index instead.
            tracing::warn!(error = %e, "background indexing unavailable");
        }
        journal.ensure_bundled_ladder()?;
        // Catch up on whatever was committed but not yet indexed (a crash, another
        // process): here, or on the indexer's thread when there is one.
        journal.sync_index();
        Ok(journal)
    }

    /// One write transaction, then the index is told (never failing the write: the
    /// change is safe in SQLite and queued in the outbox).
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
    ) -> Result<T> {
        let value = match &self.indexer {
            Some(indexer) => {
                let committed = indexer.committed();
                let search = &mut self.search;
                self.db.write(|tx| {
                    let value = f(tx)?;
                    // A background indexer never writes to SQLite (a save would wait
                    // for it): the outbox rows it has committed go in this transaction.
                    search.purge_in(tx, committed)?;
                    Ok(value)
                })?
            }
            None => self.db.write(f)?,
        };
        failpoint::hit(failpoint::AFTER_SQLITE_COMMIT);
        self.sync_index();
        Ok(value)
    }

    /// Drains the outbox into the index if this process holds the index writer,
    /// committing when the batch is due. Safe to call often (the app calls it on a timer).
    pub fn sync_index(&mut self) {
        if let Some(indexer) = &self.indexer {
            return indexer.wake();
        }
        if let Err(e) = self.search.sync(self.db.conn()) {
            tracing::warn!(error = %e, "search index update deferred");
        }
    }

    /// Indexes and commits everything pending now. The CLI calls this before it exits.
    pub fn flush_index(&mut self) -> Result<()> {
        if let Some(indexer) = &self.indexer {
            return indexer.flush();
        }
        self.search.flush(self.db.conn())
    }

    /// Rebuilds the search index from SQLite, on disk: an index directory that could
    /// not be used when the journal opened is opened (recreated) again first, and its
    /// error returned if it still cannot be, rather than rebuilding a temporary index.
    pub fn reindex(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<usize> {
        let background = self.stop_background_indexing();
        if let Some(dir) = &self.unusable_index {
            self.search = SearchIndex::open(dir)?;
            self.unusable_index = None;
        }
        let rebuilt = self.search.rebuild(self.db.conn(), progress);
        if background {
            self.start_background_indexing()?;
        }
        rebuilt
    }

    /// Searches the journal; what this process wrote is always included (with
    /// background indexing: once the indexer has committed it, moments later).
    pub fn search(
        &mut self,
        request: &crate::search::SearchRequest,
    ) -> Result<crate::search::SearchResults> {
        if self.indexer.is_none() {
            self.flush_index()?;
        }
        crate::search::search(self.db.conn(), &self.search, request)
    }

    pub fn search_index(&mut self) -> &mut SearchIndex {
        &mut self.search
    }

    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Ranks ladder behaviours for a text or an entry (see [`crate::suggest`]).
    pub fn suggest(
        &mut self,
        request: &crate::suggest::SuggestRequest,
    ) -> Result<Vec<crate::suggest::Suggestion>> {
        let entry = request
            .entry
            .as_deref()
            .map(|id| self.get(id))
            .transpose()?;
        self.suggester
            .suggest(self.db.conn(), request, entry.as_ref())
    }

    /// Reads at most `per_behaviour` of each behaviour's most recently linked entries
    /// for the suggestions' link profiles (dropping those built so far): a one-shot
    /// process (the CLI) passes [`crate::suggest::links::ONE_SHOT_PER_BEHAVIOUR`].
    pub fn set_suggest_link_cap(&mut self, per_behaviour: usize) {
        self.suggester = crate::suggest::Suggester::with_link_cap(per_behaviour);
    }

    // ---- ladder: see `ladder/api.rs` (show, import, remove, levels, profile) ----

    // ---- entries ----

    pub fn add(&mut self, input: EntryInput) -> Result<Entry> {
        self.write(|tx| {
            let id = entries::save(tx, None, input, false)?;
            entries::get(tx, &id)
        })
    }

    /// Saves `input` as the next revision of entry `id` (a no-op if nothing changed).
    pub fn update(&mut self, id: &str, input: EntryInput) -> Result<Entry> {
        self.write(|tx| {
            let id = entries::resolve_id(tx, id)?;
            entries::save(tx, Some(&id), input, false)?;
            entries::get(tx, &id)
        })
    }

    /// Reads the entry, changes it with `f`, and saves it, all in one transaction.
    pub fn modify(
        &mut self,
        id: &str,
        f: impl FnOnce(&mut EntryInput) -> Result<()>,
    ) -> Result<Entry> {
        self.write(|tx| {
            let id = entries::resolve_id(tx, id)?;
            let mut input = entries::get(tx, &id)?.to_input();
            f(&mut input)?;
            entries::save(tx, Some(&id), input, false)?;
            entries::get(tx, &id)
        })
    }

    /// Full id from a full id or a unique prefix (8+ characters).
    pub fn resolve_id(&self, typed: &str) -> Result<String> {
        entries::resolve_id(self.db.conn(), typed)
    }

    pub fn get(&self, id: &str) -> Result<Entry> {
        let conn = self.db.conn();
        entries::get(conn, &entries::resolve_id(conn, id)?)
    }

    /// Entries not in the trash, newest first.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<Entry>> {
        entries::list(self.db.conn(), filter, false)
    }

    /// Entries in the trash, newest first.
    pub fn trash(&self) -> Result<Vec<Entry>> {
        entries::list(self.db.conn(), &ListFilter::default(), true)
    }

    /// Moves an entry to the trash (reversible with [`Journal::undelete`]).
    pub fn delete(&mut self, id: &str) -> Result<Entry> {
        self.set_deleted(id, true)
    }

    pub fn undelete(&mut self, id: &str) -> Result<Entry> {
        self.set_deleted(id, false)
    }

    fn set_deleted(&mut self, id: &str, deleted: bool) -> Result<Entry> {
        self.write(|tx| {
            let id = entries::resolve_id(tx, id)?;
            entries::set_deleted(tx, &id, deleted)?;
            entries::get(tx, &id)
        })
    }

    pub fn history(&self, id: &str) -> Result<Vec<Revision>> {
        let conn = self.db.conn();
        entries::history(conn, &entries::resolve_id(conn, id)?)
    }

    pub fn revert(&mut self, id: &str, to: i64) -> Result<Entry> {
        self.write(|tx| {
            let id = entries::resolve_id(tx, id)?;
            entries::revert(tx, &id, to)?;
            entries::get(tx, &id)
        })
    }

    pub fn link(&mut self, id: &str, behaviours: &[String]) -> Result<Entry> {
        self.modify(id, |input| {
            input.behaviours.extend(behaviours.iter().cloned());
            Ok(())
        })
    }

    pub fn unlink(&mut self, id: &str, behaviours: &[String]) -> Result<Entry> {
        self.modify(id, |input| {
            for b in behaviours {
                let before = input.behaviours.len();
                input
                    .behaviours
                    .retain(|have| !have.eq_ignore_ascii_case(b.trim()));
                if input.behaviours.len() == before {
                    return Err(Error::invalid(
                        "behaviour",
                        format!("'{b}' is not linked to this entry"),
                    ));
                }
            }
            Ok(())
        })
    }

    // ---- people ----

    pub fn people(&self) -> Result<Vec<Person>> {
        people::list(self.db.conn())
    }

    pub fn rename_person(&mut self, old: &str, new: &str) -> Result<Person> {
        self.write(|tx| {
            let id = people::rename(tx, old, new)?;
            people::get(tx, id)
        })
    }

    /// Merges `from` into `into`: every entry of `from` now names `into`.
    pub fn merge_people(&mut self, from: &str, into: &str) -> Result<Person> {
        self.write(|tx| {
            let id = people::merge(tx, from, into)?;
            people::get(tx, id)
        })
    }

    pub fn set_mentee(&mut self, name: &str, mentee: bool) -> Result<Person> {
        self.write(|tx| {
            let id = people::set_mentee(tx, name, mentee)?;
            people::get(tx, id)
        })
    }

    // ---- follow-ups ----

    /// Follow-ups of entries not in the trash, newest entry first.
    pub fn follow_ups(&self, open_only: bool) -> Result<Vec<FollowUpItem>> {
        let mut stmt = self.db.conn().prepare(
            "SELECT f.id, f.entry_id, f.text, f.done, COALESCE(e.title, ''), e.date
             FROM follow_ups f JOIN entries e ON e.id = f.entry_id
             WHERE e.deleted_at IS NULL AND (?1 = 0 OR f.done = 0)
             ORDER BY e.date DESC, e.created_at DESC, f.position",
        )?;
        Ok(stmt
            .query_map([open_only], |r| {
                Ok(FollowUpItem {
                    id: r.get(0)?,
                    entry_id: r.get(1)?,
                    text: r.get(2)?,
                    done: r.get(3)?,
                    entry_title: r.get(4)?,
                    entry_date: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Ticks a follow-up off (or back on); a new revision of its entry.
    pub fn set_follow_up_done(&mut self, follow_up: &str, done: bool) -> Result<FollowUpItem> {
        let typed = follow_up.trim().to_ascii_lowercase();
        let (id, entry_id): (String, String) = {
            let mut stmt = self.db.conn().prepare(
                "SELECT id, entry_id FROM follow_ups WHERE id = ?1 OR (length(?1) >= 8 AND id >= ?1 AND id < ?1 || 'g') LIMIT 2",
            )?;
            let rows: Vec<(String, String)> = stmt
                .query_map([&typed], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            match rows.as_slice() {
                [one] => one.clone(),
                [] => return Err(Error::not_found("follow-up", typed)),
                _ => {
                    return Err(Error::Conflict(format!(
                        "follow-up id prefix '{typed}' is ambiguous; type more of it"
                    )));
                }
            }
        };
        self.modify(&entry_id, |input| {
            if let Details::Pairing(p) = &mut input.details {
                for f in &mut p.follow_ups {
                    if f.id == id {
                        f.done = done;
                    }
                }
            }
            Ok(())
        })?;
        self.follow_ups(false)?
            .into_iter()
            .find(|f| f.id == id)
            .ok_or_else(|| Error::not_found("follow-up", id))
    }

    // ---- demo ----

    /// Whether the journal holds any entry at all (trash included).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .db
            .conn()
            .query_row("SELECT COUNT(*) FROM entries", [], |r| r.get(0))?;
        Ok(n == 0)
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        // A background indexer commits what is pending as it stops.
        if !self.stop_background_indexing()
            && let Err(e) = self.flush_index()
        {
            tracing::warn!(error = %e, "search index not committed; the outbox keeps the work");
        }
        // Merges started by the last commits finish before the process exits.
        self.search.finish_merges();
    }
}

/// The current name of the person called `name` (or once called, before a merge).
pub(crate) fn person_name(conn: &rusqlite::Connection, name: &str) -> Result<String> {
    let typed = validate::name("person", name)?;
    let id = people::find(conn, &typed)?.ok_or_else(|| Error::not_found("person", typed))?;
    people::name_of(conn, people::survivor(conn, id)?)
}

/// What removing the demo did.
pub(crate) struct RemovedDemo {
    pub entries: usize,
    pub people: usize,
    /// Demo entries the user had changed: theirs now, kept.
    pub kept: usize,
}

/// Used by the demo module to delete demo rows for good. Demo entries the user
/// changed are kept (and are no longer demo); a demo person stays while anything
/// still names them: a remaining entry, any revision of one (so its history and
/// revert keep working), or a person merged into them.
pub(crate) fn remove_demo(tx: &rusqlite::Transaction) -> Result<RemovedDemo> {
    let kept = tx.execute(
        "UPDATE entries SET demo = 0 WHERE demo = ?1",
        [entries::DEMO_KEPT],
    )?;
    // Tags only demo entries use go with them; the user's tags stay, used or not.
    let demo_tags: Vec<i64> = tx
        .prepare(
            "SELECT DISTINCT et.tag_id FROM entry_tags et JOIN entries e ON e.id = et.entry_id
             WHERE e.demo = ?1",
        )?
        .query_map([entries::DEMO], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let removed = tx.execute("DELETE FROM entries WHERE demo = ?1", [entries::DEMO])?;
    for tag in demo_tags {
        tx.execute(
            "DELETE FROM tags WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM entry_tags et WHERE et.tag_id = tags.id)
               AND NOT EXISTS (SELECT 1 FROM tags m WHERE m.merged_into = tags.id)",
            [tag],
        )?;
    }
    let mut people = 0;
    // A merged demo person may be the only thing naming another: repeat until still.
    loop {
        let n = tx.execute(
            "WITH named(id) AS (
                 SELECT person_id FROM entry_people
                 UNION SELECT json_extract(content, '$.person') FROM revisions
                 UNION SELECT j.value FROM revisions, json_each(revisions.content, '$.partners') j
                 UNION SELECT merged_into FROM people WHERE merged_into IS NOT NULL)
             DELETE FROM people WHERE demo = 1
               AND id NOT IN (SELECT id FROM named WHERE id IS NOT NULL)",
            [],
        )?;
        if n == 0 {
            break;
        }
        people += n;
    }
    Ok(RemovedDemo {
        entries: removed,
        people,
        kept,
    })
}

/// How many entries of the demo the user has not changed (trash included).
pub(crate) fn demo_entries(conn: &rusqlite::Connection) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM entries WHERE demo = ?1",
        [entries::DEMO],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

pub(crate) fn save_demo_entry(tx: &rusqlite::Transaction, input: EntryInput) -> Result<String> {
    entries::save(tx, None, input, true)
}
