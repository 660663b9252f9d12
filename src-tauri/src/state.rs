//! The app's state: the journal, opened once from the core's data-dir resolver, behind
//! a mutex. The search index is kept up to date by the core's background indexer
//! (its own thread and connection), so a save is only its SQLite transaction and no
//! command waits on an index commit.

use std::path::PathBuf;
use std::sync::Mutex;

use rungs::journal::Indexing;
use rungs::{Journal, paths};

use crate::error::{AppError, AppResult};

pub struct AppState {
    pub data_dir: PathBuf,
    journal: Mutex<Option<Journal>>,
    /// Why the journal could not be opened, shown instead of the app.
    pub open_error: Option<AppError>,
}

impl AppState {
    /// Opens the journal in `--data-dir`, `RUNGS_DATA_DIR` or the per-user dir.
    pub fn open(explicit: Option<PathBuf>) -> Self {
        let data_dir = paths::resolve_data_dir(explicit.as_deref());
        let (data_dir, opened) = match data_dir {
            Ok(dir) => {
                // The indexer thread starts first and catches up on the outbox (or
                // rebuilds the index) itself: the window never waits for it.
                let j = Journal::open_with(&dir, Indexing::Background);
                // The first suggestion while the user types should not pay for
                // analysing the bundled example entries.
                std::thread::spawn(rungs::suggest::exemplars::prepare);
                (dir, j)
            }
            Err(e) => (PathBuf::new(), Err(e)),
        };
        let (journal, open_error) = match opened {
            Ok(j) => (Some(j), None),
            Err(e) => {
                tracing::error!(error = %e, "cannot open the journal");
                (None, Some(AppError::from(e)))
            }
        };
        AppState {
            data_dir,
            journal: Mutex::new(journal),
            open_error,
        }
    }

    /// Runs `f` on the journal.
    pub fn with<T>(&self, f: impl FnOnce(&mut Journal) -> rungs::Result<T>) -> AppResult<T> {
        let mut guard = self.journal.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Some(j) => f(j).map_err(AppError::from),
            None => Err(self.open_error.clone().unwrap_or(AppError {
                code: "io".into(),
                message: "the journal is closed".into(),
                field: None,
            })),
        }
    }

    /// Commits pending index work and closes the journal (on exit).
    pub fn close(&self) {
        let mut guard = self.journal.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(mut j) = guard.take()
            && let Err(e) = j.flush_index()
        {
            tracing::warn!(error = %e, "index not committed; the outbox keeps the work");
        }
    }
}

/// `--data-dir DIR` or `--data-dir=DIR` from the command line.
pub fn data_dir_arg(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = a.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(v));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_flag_in_both_spellings() {
        let a = |v: &[&str]| data_dir_arg(v.iter().map(|s| s.to_string()));
        assert_eq!(a(&["app", "--data-dir", "/x"]), Some(PathBuf::from("/x")));
        assert_eq!(a(&["app", "--data-dir=/y"]), Some(PathBuf::from("/y")));
        assert_eq!(a(&["app"]), None);
    }

    #[test]
    fn a_journal_that_cannot_open_reports_why_on_every_command() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the data directory should be.
        let file = dir.path().join("not-a-dir");
        std::fs::write(&file, "x").unwrap();
        let state = AppState::open(Some(file));
        let err = state.with(|j| j.people()).unwrap_err();
        assert_eq!(err.code, "io");
        assert_eq!(state.open_error.as_ref(), Some(&err));
    }

    #[test]
    fn the_journal_is_indexed_by_the_background_thread() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(Some(dir.path().to_path_buf()));
        assert!(state.with(|j| Ok(j.is_indexing_in_background())).unwrap());
    }
}
