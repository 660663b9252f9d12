//! Who keeps the search index in step: the caller's thread (the default, and what the
//! CLI uses: each write drains the outbox into the index, a commit follows at least
//! once a second and before the command exits) or a background thread (the desktop
//! app: a save is only its SQLite transaction, see [`BackgroundIndexer`]).

use super::Journal;
use crate::search::BackgroundIndexer;
use crate::{Error, Result};

/// Who keeps the search index in step with SQLite, chosen when the journal opens
/// ([`Journal::open_with`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Indexing {
    /// The caller's thread: opening catches up on the outbox (or rebuilds a missing
    /// index) before it returns, and every write drains the outbox (the CLI).
    #[default]
    Inline,
    /// A thread of its own, started before any catch-up: opening returns without
    /// waiting for the outbox or a rebuild, which the thread does next (the app).
    /// If the thread cannot start, the journal indexes inline and says so in the log.
    Background,
}

impl Journal {
    /// Moves index maintenance to a thread of its own, so that saves no longer wait
    /// for the index: a change becomes searchable a moment after its save returns
    /// (one [`crate::search::BATCH_WINDOW`] plus a commit, at most). Searches then see
    /// what the thread has committed; [`Journal::flush_index`] waits for it to catch up.
    /// Needs a journal on disk (the thread opens its own connection).
    pub fn start_background_indexing(&mut self) -> Result<()> {
        if self.indexer.is_some() {
            return Ok(());
        }
        let path =
            self.db.path().map(|p| p.to_path_buf()).ok_or_else(|| {
                Error::Conflict("background indexing needs a journal on disk".into())
            })?;
        let index = self.search.detach(self.db.conn())?;
        match BackgroundIndexer::start(index, &path) {
            Ok(indexer) => {
                self.indexer = Some(indexer);
                // The thread checkpoints the WAL after its commits; saves no longer do.
                if let Err(e) = self.db.set_commits_checkpoint(false) {
                    tracing::warn!(error = %e, "saves keep checkpointing the WAL");
                }
                Ok(())
            }
            Err(e) => {
                let committed = self.search.committed_upto();
                self.search.reattach(self.db.conn(), committed);
                Err(e)
            }
        }
    }

    /// Commits what the background thread has pending and stops it; the caller's
    /// thread indexes again. Returns whether a background indexer was running.
    pub fn stop_background_indexing(&mut self) -> bool {
        match self.indexer.take() {
            Some(indexer) => {
                let committed = indexer.stop();
                if let Err(e) = self.db.set_commits_checkpoint(true) {
                    tracing::warn!(error = %e, "saves do not checkpoint the WAL");
                }
                self.search.reattach(self.db.conn(), committed);
                true
            }
            None => false,
        }
    }

    pub fn is_indexing_in_background(&self) -> bool {
        self.indexer.is_some()
    }
}
