//! Where to save an exported brief. The native save dialog is opened from Rust
//! (tauri-plugin-dialog's Rust API, as `pick.rs` does for ladder files), so the page
//! gets no dialog or file-system permission: it only learns the path the core wrote.
//! Native dialogs cannot be driven over WebDriver, so the end-to-end tests set
//! `RUNGS_E2E_SAVE_PATH` (a directory: the file keeps the name the app suggests),
//! in a debug build only (`e2e.rs`).

use std::path::PathBuf;

use rungs::report::BriefFormat;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// The test-only variable that stands in for the dialog (debug builds only).
pub const E2E_SAVE_PATH: &str = "RUNGS_E2E_SAVE_PATH";

/// The path the user chose for the brief (`None` if they cancelled), suggesting
/// `file_name` with the format's extension. Blocks until the dialog closes: call it
/// from a command's worker thread, never the main thread.
pub fn brief_path(app: &AppHandle, format: BriefFormat, file_name: &str) -> Option<PathBuf> {
    let name = suggested(file_name, format);
    if let Some(dir) = crate::e2e::stand_in(E2E_SAVE_PATH) {
        return Some(PathBuf::from(dir).join(name));
    }
    let (label, ext) = match format {
        BriefFormat::Html => ("Web page (HTML)", "html"),
        BriefFormat::Md => ("Markdown", "md"),
        BriefFormat::Json => ("JSON", "json"),
    };
    app.dialog()
        .file()
        .set_title("Save the brief")
        .set_file_name(&name)
        .add_filter(label, &[ext])
        .blocking_save_file()
        .and_then(|f| f.into_path().ok())
}

/// `file_name` reduced to a safe base name (no directory part), with the format's
/// extension: the suggestion is the UI's, and must not point the file elsewhere.
fn suggested(file_name: &str, format: BriefFormat) -> String {
    let base: String = file_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let base = base.trim_matches(|c| c == '.' || c == '-');
    let base = if base.is_empty() { "brief" } else { base };
    format!("{base}.{}", format.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggested_name_stays_a_plain_file_name_with_the_format_extension() {
        assert_eq!(
            suggested("brief-2026-11-23", BriefFormat::Html),
            "brief-2026-11-23.html"
        );
        assert_eq!(
            suggested("brief Lena Fischer", BriefFormat::Md),
            "brief-Lena-Fischer.md"
        );
        assert_eq!(
            suggested("../../etc/passwd", BriefFormat::Json),
            "etc-passwd.json"
        );
        assert_eq!(suggested("", BriefFormat::Html), "brief.html");
    }
}
