//! Export, import, backup and restore from the app: where the files go (native dialogs
//! opened from Rust, as `pick.rs` and `save.rs` do, so the page gets no file-system or
//! dialog permission) and the progress the core reports, sent to the page as events.
//! Native dialogs cannot be driven over WebDriver, so the end-to-end tests set
//! `RUNGS_E2E_DATA_PATH` to the file or folder every data dialog would return (read
//! in a debug build only: `e2e.rs`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter};
use tauri_plugin_dialog::DialogExt;

/// The test-only variable that stands in for the dialogs (debug builds only).
pub const E2E_DATA_PATH: &str = "RUNGS_E2E_DATA_PATH";

/// The event the page listens to for a long operation's progress.
pub const PROGRESS_EVENT: &str = "data-progress";

/// What an export writes: one JSON file or a Markdown vault (a folder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Json,
    Markdown,
}

/// What the page is told while an export, import or restore runs.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DataProgress {
    pub done: usize,
    pub total: usize,
}

/// What a dialog asks for.
pub enum Ask {
    /// A file to write, starting at this name.
    SaveFile {
        title: &'static str,
        name: String,
        filter: (&'static str, &'static str),
    },
    /// A file to read.
    OpenFile {
        title: &'static str,
        filter: (&'static str, &'static [&'static str]),
    },
    /// A folder (to write a vault into, or to read one from).
    Folder { title: &'static str },
}

/// The path the user chose (`None` if they cancelled). Blocks until the dialog
/// closes: call it from a command's worker thread, never the main thread.
pub fn choose(app: &AppHandle, ask: Ask) -> Option<PathBuf> {
    if let Some(path) = crate::e2e::stand_in(E2E_DATA_PATH) {
        return Some(PathBuf::from(path));
    }
    let dialog = app.dialog().file();
    let picked = match ask {
        Ask::SaveFile {
            title,
            name,
            filter,
        } => dialog
            .set_title(title)
            .set_file_name(&name)
            .add_filter(filter.0, &[filter.1])
            .blocking_save_file(),
        Ask::OpenFile { title, filter } => dialog
            .set_title(title)
            .add_filter(filter.0, filter.1)
            .blocking_pick_file(),
        Ask::Folder { title } => dialog.set_title(title).blocking_pick_folder(),
    };
    picked.and_then(|f| f.into_path().ok())
}

/// Sends the core's `(done, total)` to the page, at most every 100 ms or whole
/// percent (a large journal reports every entry), and always the last step.
pub struct Reporter {
    app: AppHandle,
    last: Option<(Instant, usize)>,
}

impl Reporter {
    pub fn new(app: &AppHandle) -> Self {
        Reporter {
            app: app.clone(),
            last: None,
        }
    }

    pub fn report(&mut self, done: usize, total: usize) {
        if !due(self.last, Instant::now(), done, total) {
            return;
        }
        self.last = Some((Instant::now(), done));
        if let Err(e) = self.app.emit(PROGRESS_EVENT, DataProgress { done, total }) {
            tracing::warn!(error = %e, "progress not sent");
        }
    }
}

/// Whether a step is worth sending: the first and the last, and any a whole percent
/// past the last sent or 100 ms after it.
fn due(last: Option<(Instant, usize)>, now: Instant, done: usize, total: usize) -> bool {
    let Some((at, sent)) = last else {
        return true;
    };
    if done >= total || now.duration_since(at) >= Duration::from_millis(100) {
        return true;
    }
    let percent = |n: usize| n * 100 / total.max(1);
    percent(done) > percent(sent)
}

/// The folder a vault is written to, from the folder the user picked. The core refreshes
/// an existing vault in place and refuses any other existing folder (it may be anyone's),
/// while a folder picker always returns an existing one: so a picked vault is refreshed,
/// a path that does not exist yet is the new vault, and any other folder gets the vault
/// in `rungs-journal/` inside it (itself refreshed on the next export there).
pub fn vault_target(picked: PathBuf) -> PathBuf {
    if !picked.exists() || picked.join(rungs::transfer::vault::JOURNAL_FILE).exists() {
        picked
    } else {
        picked.join(VAULT_FOLDER)
    }
}

/// The vault to import from the folder the user picked: the folder itself, or the
/// vault an export put in it (`rungs-journal/`) when only that one is a vault, so the
/// folder chosen for the export can be chosen again to import.
pub fn vault_source(picked: PathBuf) -> PathBuf {
    let is_vault = |p: &std::path::Path| p.join(rungs::transfer::vault::JOURNAL_FILE).exists();
    let inside = picked.join(VAULT_FOLDER);
    if !is_vault(&picked) && is_vault(&inside) {
        inside
    } else {
        picked
    }
}

/// The vault's folder inside a picked folder that is not a vault.
pub const VAULT_FOLDER: &str = "rungs-journal";

/// `rungs-YYYY-MM-DD` with the core's today, for suggested file names.
pub fn dated(stem: &str) -> String {
    match rungs::clock::today() {
        Ok(d) => format!("{stem}-{d}"),
        Err(_) => stem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_sent_first_last_and_per_percent_or_tenth_of_a_second() {
        let t0 = Instant::now();
        assert!(due(None, t0, 0, 10_000));
        // 1 of 10 000 right after the first: not a new percent, too soon.
        assert!(!due(Some((t0, 0)), t0, 1, 10_000));
        assert!(due(Some((t0, 0)), t0, 100, 10_000));
        assert!(due(
            Some((t0, 1)),
            t0 + Duration::from_millis(150),
            2,
            10_000
        ));
        assert!(due(Some((t0, 9_999)), t0, 10_000, 10_000));
        // Small totals: every step is a new percent.
        assert!(due(Some((t0, 1)), t0, 2, 3));
    }

    #[test]
    fn a_vault_goes_into_a_picked_vault_a_new_path_or_a_folder_inside_any_other() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new-vault");
        assert_eq!(vault_target(new.clone()), new);
        let vault = dir.path().join("vault");
        std::fs::create_dir_all(vault.join(".rungs")).unwrap();
        std::fs::write(vault.join(rungs::transfer::vault::JOURNAL_FILE), "{}").unwrap();
        assert_eq!(vault_target(vault.clone()), vault);
        let notes = dir.path().join("notes");
        std::fs::create_dir(&notes).unwrap();
        assert_eq!(vault_target(notes.clone()), notes.join(VAULT_FOLDER));

        // Importing: the vault itself, or the one an export put inside the folder.
        assert_eq!(vault_source(vault.clone()), vault);
        assert_eq!(vault_source(notes.clone()), notes);
        std::fs::create_dir_all(notes.join(VAULT_FOLDER).join(".rungs")).unwrap();
        std::fs::write(
            notes
                .join(VAULT_FOLDER)
                .join(rungs::transfer::vault::JOURNAL_FILE),
            "{}",
        )
        .unwrap();
        assert_eq!(vault_source(notes.clone()), notes.join(VAULT_FOLDER));
    }
}
