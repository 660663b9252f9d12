//! Choosing ladder files to import. The native file dialog is opened from Rust
//! (tauri-plugin-dialog's Rust API), so the page is granted no dialog or file-system
//! permission at all: it only receives the paths the user picked, and the core reads
//! them. Native dialogs cannot be driven over WebDriver, so the end-to-end tests set
//! `RUNGS_E2E_LADDER_FILE` (one path, or several separated like `PATH`) instead,
//! in a debug build only (`e2e.rs`).

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// The test-only variable that stands in for the dialog (debug builds only).
pub const E2E_LADDER_FILE: &str = "RUNGS_E2E_LADDER_FILE";

/// The files the user picked (none if they cancelled). Blocks until the dialog closes:
/// call it from a command's worker thread, never the main thread.
pub fn ladder_files(app: &AppHandle) -> Vec<String> {
    if let Some(paths) = crate::e2e::stand_in(E2E_LADDER_FILE) {
        return std::env::split_paths(&paths)
            .map(|p| p.display().to_string())
            .collect();
    }
    app.dialog()
        .file()
        .set_title("Import a ladder")
        .add_filter(
            "Ladder (Markdown or YAML)",
            &["md", "markdown", "yaml", "yml", "txt"],
        )
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .map(|p: PathBuf| p.display().to_string())
        .collect()
}
