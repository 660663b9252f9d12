//! Taking the journal elsewhere and back: a JSON export of everything (`dump.rs`),
//! loaded as it was into an empty journal (`load.rs`) or merged by entry id into
//! one with entries (`merge.rs`), and a Markdown vault (`vault.rs`) that git, a
//! synced folder or Obsidian can carry.
//!
//! Imports are one transaction: bad input names the field and its path
//! (`entries[3].date: …`) and nothing is written. Exports are written beside their
//! target and renamed into place, so a file is whole or absent, and read in one read
//! transaction, so it is the journal at one moment whatever other processes write
//! meanwhile (`dump::snapshot`). A JSON export and import go an entry at a time
//! (`dump::EntryStream`, `reader.rs`): memory does not grow with the journal.

pub mod dump;
mod load;
mod merge;
mod reader;
pub mod vault;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use dump::Document;
pub use merge::{Conflict, PersonRenamed};

use crate::{Error, Journal, Result};

/// What an export wrote.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportSummary {
    pub path: PathBuf,
    pub entries: usize,
    pub revisions: usize,
    pub people: usize,
    /// Files written (Markdown: one per entry plus the ladder and the journal's files).
    pub files: usize,
}

/// How an import went in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Into an empty journal: the journal is now what was exported.
    #[default]
    Whole,
    /// Into a journal with entries: merged by entry id (see `merge.rs`).
    Merge,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    pub mode: ImportMode,
    /// Entries that were not in the journal.
    pub added: usize,
    /// Entries the import had newer revisions of (the journal's are kept before them).
    pub updated: usize,
    /// Entries the journal already had as imported.
    pub unchanged: usize,
    /// Entries edited in a Markdown vault: each edit is a new revision.
    pub edited: usize,
    /// Entries changed on both sides: the journal's version stays, the imported one
    /// is kept beside it as a copy.
    pub conflicts: Vec<Conflict>,
    pub people_added: usize,
    /// People the journal and the import both have (one came from the other) under
    /// different names: the journal's name is kept.
    pub people_renamed: Vec<PersonRenamed>,
    pub tags_added: usize,
    pub behaviours_added: usize,
    pub saved_searches_added: usize,
    /// A Markdown vault without `.rungs/journal.json` (made by hand, or the file was
    /// deleted): only its entry files were read; the ladder, people's details and
    /// history stayed as they were.
    pub metadata_missing: bool,
}

/// Refuses an existing `out` unless `force`; returns a fresh partial path beside it.
pub(crate) fn partial_beside(out: &Path, force: bool) -> Result<PathBuf> {
    if out.exists() && !force {
        return Err(Error::Conflict(format!(
            "{} exists; choose another name or pass --force to replace it",
            out.display()
        )));
    }
    let name = out
        .file_name()
        .ok_or_else(|| Error::invalid("out", "give a file or folder name"))?
        .to_string_lossy();
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(dir.join(format!(".{name}.partial-{}", uuid::Uuid::now_v7().simple())))
}

/// Pretty JSON of `doc`, one trailing newline.
pub(crate) fn to_pretty(doc: &Document) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(doc)
        .map_err(|e| Error::io("serializing the export", std::io::Error::other(e)))?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub(crate) fn parse(bytes: &[u8], shown: &str) -> Result<Document> {
    serde_json::from_slice(bytes).map_err(|e| {
        Error::invalid(
            "file",
            format!(
                "{shown} is not a Rungs JSON export (line {}, column {}: {e})",
                e.line(),
                e.column()
            ),
        )
    })
}

/// Writes `doc` in the caller's transaction: the whole of it into an empty journal,
/// else merged by entry id; then checks that every reference resolves.
pub(crate) fn load_or_merge(
    tx: &rusqlite::Connection,
    doc: &Document,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportSummary> {
    let total = doc.entries.len();
    import_entries(
        tx,
        doc,
        total,
        &mut |f| {
            for (i, e) in doc.entries.iter().enumerate() {
                f(i, e)?;
            }
            Ok(())
        },
        progress,
    )
}

/// Hands each entry of a document to the import, in order (see [`import_entries`]).
type Feed<'a> = dyn FnMut(&mut dyn FnMut(usize, &dump::EntryDoc) -> Result<()>) -> Result<()> + 'a;

/// Writes the document `head` (everything but its entries) in the caller's
/// transaction, then its `total` entries as `entries` hands them over, one at a
/// time: the whole of it into an empty journal (`load`), else merged by entry id
/// (`merge`); then checks that every reference resolves.
fn import_entries<E>(
    tx: &rusqlite::Connection,
    head: &Document<E>,
    total: usize,
    entries: &mut Feed<'_>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportSummary> {
    let mut ids = Vec::with_capacity(total);
    let mut feed = |f: &mut dyn FnMut(usize, &dump::EntryDoc) -> Result<()>| {
        entries(&mut |i, e| {
            ids.push(load::id_or_empty(e));
            f(i, e)?;
            if i % 100 == 99 || i + 1 == total {
                progress(i + 1, total);
            }
            Ok(())
        })
    };
    let summary = if load::is_empty(tx)? {
        let loader = load::Loader::start(tx, head)?;
        feed(&mut |i, e| loader.entry(tx, i, e))?;
        ImportSummary {
            mode: ImportMode::Whole,
            added: total,
            people_added: head.people.len(),
            tags_added: head.tags.len(),
            behaviours_added: head.ladder.get("behaviours").map_or(0, Vec::len),
            saved_searches_added: head.saved_searches.len(),
            ..Default::default()
        }
    } else {
        let mut merger = merge::Merger::start(tx, head)?;
        feed(&mut |i, e| merger.entry(tx, i, e))?;
        merger.finish()
    };
    load::check_references(tx, &ids)?;
    Ok(summary)
}

impl Journal {
    /// Writes everything in the journal as one JSON document to `out`, an entry at a
    /// time (see [`dump::EntryStream`]): memory does not grow with the journal.
    pub fn export_json(
        &self,
        out: &Path,
        force: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ExportSummary> {
        let partial = partial_beside(out, force)?;
        let doc = dump::stream(self.database().conn(), progress)?;
        let write = || -> std::io::Result<()> {
            let file = std::fs::File::create_new(&partial)?;
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            serde_json::to_writer_pretty(&mut w, &doc).map_err(std::io::Error::other)?;
            w.write_all(b"\n")?;
            let file = w.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            std::fs::rename(&partial, out)
        };
        if let Err(e) = write() {
            let _ = std::fs::remove_file(&partial);
            return Err(doc
                .entries
                .take_error()
                .unwrap_or_else(|| Error::io(format!("could not write {}", out.display()), e)));
        }
        Ok(ExportSummary {
            path: out.to_path_buf(),
            entries: doc.entries.len(),
            revisions: doc.entries.revisions(),
            people: doc.people.len(),
            files: 1,
        })
    }

    /// Imports a JSON export: the whole journal into an empty one, else a merge by
    /// entry id. One transaction; nothing is written if anything is refused. The file
    /// is read twice, its entries one at a time (see `reader.rs`), never whole.
    pub fn import_json(
        &mut self,
        file: &Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary> {
        let head = reader::head(file)?;
        load::check_header(&head)?;
        let total = head.entries.0;
        let summary = self.write(|tx| {
            import_entries(
                tx,
                &head,
                total,
                &mut |f| reader::each_entry(file, &mut |i, e| f(i, &e)),
                progress,
            )
        })?;
        self.after_import();
        Ok(summary)
    }

    /// What follows a bulk change: the ladder Rungs ships is there (an export from
    /// an older Rungs may lack it) and cached suggestion profiles are dropped.
    fn after_import(&mut self) {
        if let Err(e) = self.ensure_bundled_ladder() {
            tracing::warn!(error = %e, "bundled ladder not updated after import");
        }
        self.reset_suggestions();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document's lines but the time of the export, which differs between two.
    fn without_time(bytes: &[u8]) -> Vec<&str> {
        std::str::from_utf8(bytes)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("\"exported_at\""))
            .collect()
    }

    #[test]
    fn the_streamed_export_is_the_document_read_whole_byte_for_byte() {
        let mut journal = Journal::open_in_memory().unwrap();
        journal.load_demo(false).unwrap();
        let whole =
            to_pretty(&dump::read(journal.database().conn(), &mut |_, _| {}).unwrap()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("journal.json");
        let mut steps = Vec::new();
        let summary = journal
            .export_json(&out, false, &mut |d, t| steps.push((d, t)))
            .unwrap();
        let streamed = std::fs::read(&out).unwrap();
        assert!(summary.entries > 0);
        assert_eq!(steps.last(), Some(&(summary.entries, summary.entries)));
        assert_eq!(without_time(&streamed), without_time(&whole));
        assert_eq!(streamed.len(), whole.len());
        let doc = parse(&streamed, "streamed").unwrap();
        assert_eq!(summary.entries, doc.entries.len());
        assert_eq!(
            summary.revisions,
            doc.entries.iter().map(|e| e.revisions.len()).sum::<usize>()
        );
    }
}
