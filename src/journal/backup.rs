//! Backup and restore on [`Journal`]: the SQLite work is `store::backup`; here the
//! journal's other state follows a restore (the search index rebuilds, cached
//! suggestion profiles are dropped).

use std::path::Path;

use super::Journal;
use crate::store::backup::{BackupSummary, RestoreSummary};
use crate::{Error, Result, paths};

impl Journal {
    /// Writes a consistent copy of the journal to `out` (safe while others write).
    pub fn backup(&self, out: &Path, force: bool) -> Result<BackupSummary> {
        self.db.backup_to(out, force)
    }

    /// Replaces the journal with the backup `file`, after checking it; the journal as
    /// it was is kept in `DATA_DIR/backups/`. The search index is rebuilt (`progress`
    /// as in [`Journal::reindex`]) if this process holds its writer, else by whoever does.
    pub fn restore(
        &mut self,
        file: &Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<RestoreSummary> {
        let data_dir = self
            .db
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .ok_or_else(|| Error::Conflict("only a journal on disk can be restored".into()))?;
        let background = self.stop_background_indexing();
        let restored = self
            .db
            .restore_from(file, &data_dir.join(paths::BACKUP_DIR));
        self.reset_suggestions();
        // A backup from an older Rungs may lack this version's bundled ladder. The
        // restore is done by now: failing to add it must not report the restore as
        // failed, nor skip the index rebuild and the background indexer below (the
        // next open adds it).
        if restored.is_ok()
            && let Err(e) = self.ensure_bundled_ladder()
        {
            tracing::warn!(error = %e, "bundled ladder not added after the restore");
        }
        if restored.is_ok() && self.search.is_writer() {
            // Rebuilt now rather than by the next sync: the caller shows its progress.
            if let Err(e) = self.search.rebuild(self.db.conn(), progress) {
                tracing::warn!(error = %e, "search index not rebuilt yet; it is on next use");
            }
        }
        if background {
            self.start_background_indexing()?;
        }
        restored
    }

    /// Drops the cached suggestion profiles (after a restore or an import).
    pub(crate) fn reset_suggestions(&mut self) {
        self.suggester = Default::default();
    }
}
