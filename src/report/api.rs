//! The report half of the [`Journal`] API (the CLI and the app call these): the
//! brief, the heatmap, and the brief exported to a string or saved to a file.

use std::path::Path;

use super::{Brief, BriefFormat, BriefRequest, Heatmap, brief, export, heatmap};
use crate::{Journal, Result};

impl Journal {
    /// The brief for a growth conversation (see [`BriefRequest`] for the defaults).
    pub fn brief(&self, request: &BriefRequest) -> Result<Brief> {
        brief::build(self.database().conn(), request)
    }

    /// The coverage heatmap of the brief's behaviours over the brief's period
    /// (the app's ladder view asks for a longer `since`).
    pub fn heatmap(&self, request: &BriefRequest) -> Result<Heatmap> {
        let conn = self.database().conn();
        let scope = brief::Scope::resolve(conn, request)?;
        heatmap::build(conn, &scope)
    }

    /// The brief as Markdown, HTML or JSON text.
    pub fn export_brief(&self, request: &BriefRequest, format: BriefFormat) -> Result<String> {
        Ok(export::render(&self.brief(request)?, format))
    }

    /// Writes the brief to `path` (through a temporary file renamed into place, so a
    /// failed export leaves no half-written file and an existing file untouched).
    pub fn save_brief(
        &self,
        request: &BriefRequest,
        format: BriefFormat,
        path: &Path,
    ) -> Result<()> {
        let text = self.export_brief(request, format)?;
        export::write_file(path, &text)
    }
}
