//! The Markdown vault: a folder git, a synced folder, Obsidian or GitHub can carry.
//!
//! ```text
//! README.md                          what this is, counts, how to import it
//! people.md                          everyone the journal names
//! ladder/<track>/<level>.md          the ladders, behaviours with their ids
//! <kind>/<year>/<date>-<slug>-<id8>.md   one file per entry
//! trash/<kind>/<year>/…              entries in the trash
//! .rungs/journal.json                everything else, losslessly (the JSON export)
//! .gitattributes                     `* text eol=lf`: no CRLF checkouts
//! ```
//!
//! An entry's file has YAML front matter (id, kind, title, date, people by name,
//! tags, behaviours with their text, the kind's short fields, follow-ups, and the
//! revision it shows) and its long texts as `## Notes`, `## Situation`… sections
//! (found with pulldown-cmark, so a heading inside a code block stays text). A text
//! that would not read back exactly as a section (it has a line that is one of
//! these headings, a setext heading, an unclosed code fence, CR characters) is
//! written in the front matter instead, under its own key (`body: |-`, `notes: |-`…),
//! and the body says so; import takes a text from the front matter before a section
//! of the same name, so such a text is edited there. The file
//! name is stable: date, a slug of the title and the last 8 characters of the id.
//! Files are read with CRLF line endings as with LF (a checkout by Git for Windows
//! with autocrlf is not an edit); the vault's `.gitattributes` asks for LF anyway.
//!
//! Exporting again into a vault (`--force`) refreshes it in place: the files an
//! export wrote are replaced, anything else (`.git/`, `.obsidian/`, notes without
//! entry front matter) stays, and an entry file the journal does not have yet
//! (edited or written by hand, not imported) stops the export before it changes
//! anything. A file unchanged since the export wrote it (the vault's
//! `.rungs/journal.json` records what it showed) is the export's own even when the
//! journal no longer has that entry (removed for good), so it is removed.
//!
//! Importing reads `.rungs/journal.json` (as `rungs import FILE` does: the whole
//! journal into an empty one, else a merge), then every entry file: a file whose
//! content differs from the revision it says it shows was edited by hand and is
//! saved as a new revision; a file without an id is a new entry. An edit of a
//! revision that is no longer current (the journal moved on) is added as a copy
//! and reported as a conflict, like a merge conflict; the copy's id is derived from
//! the entry, that revision and the edit, so importing the vault again finds it, and
//! a refresh of the vault counts the file as imported. An edited file of an entry
//! in the trash is a new revision too, and the entry stays in the trash. A vault
//! without `.rungs/journal.json` (made by hand, or the file deleted in git) is read
//! from its entry files alone (a file under `trash/` keeps its `deleted_at`): the
//! ladder and the rest stay as they are, and the summary says the file was missing;
//! a malformed one is refused, naming it. All in one transaction.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use serde_yaml_ng::{Mapping, Value as Yaml};

use super::{Conflict, ExportSummary, ImportMode, ImportSummary, dump, load, partial_beside};
use crate::journal::{EntryContent, EntryInput, shown_title};
use crate::{Error, Journal, Result};

/// Where the lossless part of the vault lives, relative to its root.
pub const JOURNAL_FILE: &str = ".rungs/journal.json";

/// Tells git to keep the vault's files with `\n` endings on every checkout (import
/// reads CRLF files as well, so a vault checked out before it had this still works).
const GITATTRIBUTES: &str = "* text eol=lf\n";

/// Long text fields, in the order their sections appear, with their headings.
const SECTIONS: &[(&str, &str)] = &[
    ("situation", "Situation"),
    ("observed", "Behaviour"),
    ("impact", "Impact"),
    ("body", "Body"),
    ("notes", "Notes"),
    ("learned", "Learned"),
    ("reflection", "Reflection"),
];

/// Front matter keys that describe the file, not the entry's content.
const BOOKKEEPING: &[&str] = &["id", "revision", "created_at", "updated_at", "deleted_at"];

fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "entry".into() } else { out }
}

/// `<kind>/<year>/<date>-<slug>-<id8>.md`, under `trash/` for an entry in the trash.
pub fn file_name(kind: &str, date: &str, title: &str, id: &str, trashed: bool) -> PathBuf {
    let compact: String = id.chars().filter(|c| *c != '-').collect();
    let short = &compact[compact.len().saturating_sub(8)..];
    let year = date.get(..4).unwrap_or("undated");
    let mut p = PathBuf::new();
    if trashed {
        p.push("trash");
    }
    p.push(kind);
    p.push(year);
    p.push(format!("{date}-{}-{short}.md", slug(title)));
    p
}

/// The people's names by id (merged people keep theirs).
fn names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT id, name FROM people")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A stored revision's content with people by name: what an entry file shows.
fn revision_input(
    conn: &Connection,
    names: &HashMap<i64, String>,
    id: &str,
    revision: i64,
) -> Result<Option<EntryInput>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT content FROM revisions WHERE entry_id = ?1 AND revision = ?2",
            rusqlite::params![id, revision],
            |r| r.get(0),
        )
        .optional()?;
    let Some(json) = json else { return Ok(None) };
    content_input(&json, names, &format!("revisions[{id}#{revision}]")).map(Some)
}

/// A revision's stored content (people by id) as an entry file shows it.
fn content_input(json: &str, names: &HashMap<i64, String>, what: &str) -> Result<EntryInput> {
    let c: EntryContent<i64> =
        serde_json::from_str(json).map_err(|e| Error::invalid(what, e.to_string()))?;
    let details = c.details.map_people(|p| {
        names
            .get(&p)
            .cloned()
            .ok_or_else(|| Error::not_found("person", p.to_string()))
    })?;
    Ok(EntryInput {
        title: c.title,
        date: c.date,
        time: c.time,
        tags: c.tags,
        behaviours: c.behaviours,
        details,
    })
}

/// What the vault's own `.rungs/journal.json` recorded of the entry files the
/// export wrote: entry id and revision to the content that file showed.
fn recorded_files(out: &Path) -> Result<HashMap<(String, i64), EntryInput>> {
    let json = out.join(JOURNAL_FILE);
    let bytes = std::fs::read(&json)
        .map_err(|e| Error::io(format!("cannot read {}", json.display()), e))?;
    let doc = super::parse(&bytes, &json.display().to_string())?;
    let names: HashMap<i64, String> = doc
        .people
        .iter()
        .filter_map(|p| Some((p.get("id")?.as_i64()?, p.get("name")?.as_str()?.to_string())))
        .collect();
    let mut out = HashMap::new();
    for e in &doc.entries {
        let Some(id) = e.row.get("id").and_then(Value::as_str) else {
            continue;
        };
        let Some(shown) = e.row.get("revision").and_then(Value::as_i64) else {
            continue;
        };
        if let Some(r) = e.revisions.iter().find(|r| r.revision == shown)
            && let Ok(input) = content_input(r.content.get(), &names, id)
        {
            out.insert((id.to_string(), shown), input);
        }
    }
    Ok(out)
}

fn yaml(v: &Value) -> Result<Yaml> {
    serde_yaml_ng::to_value(v).map_err(|e| Error::io("writing YAML", std::io::Error::other(e)))
}

/// The Markdown of one entry (see the module doc).
fn entry_markdown(
    conn: &Connection,
    row: &dump::Row,
    input: &EntryInput,
    shown_title: &str,
) -> Result<String> {
    let fields = serde_json::to_value(input)
        .map_err(|e| Error::io("serializing an entry", std::io::Error::other(e)))?;
    let Value::Object(mut fields) = fields else {
        unreachable!("an entry serializes to an object")
    };
    let mut front = Mapping::new();
    let mut put = |k: &str, v: Value| -> Result<()> {
        if !v.is_null() {
            front.insert(Yaml::String(k.into()), yaml(&v)?);
        }
        Ok(())
    };
    put("id", row.get("id").cloned().unwrap_or_default())?;
    for k in ["kind", "title", "date", "time"] {
        put(k, fields.remove(k).unwrap_or_default())?;
    }
    let texts: Vec<(&'static str, &'static str, String)> = SECTIONS
        .iter()
        .filter_map(|(k, h)| match fields.remove(*k) {
            Some(Value::String(s)) => Some((*k, *h, s)),
            _ => None,
        })
        .collect();
    let (body, kept) = sections_body(shown_title, &texts);
    for (k, _, text) in &texts {
        if kept.contains(k) {
            put(k, Value::String(text.clone()))?;
        }
    }
    let tags = fields.remove("tags").unwrap_or_default();
    let behaviours = fields.remove("behaviours").unwrap_or_default();
    for (k, v) in fields {
        put(&k, v)?;
    }
    put("tags", tags)?;
    let mut linked = Vec::new();
    for b in behaviours.as_array().into_iter().flatten() {
        let id = b.as_str().unwrap_or_default();
        let found: Option<(String, Option<String>)> = conn
            .query_row(
                "SELECT text, retired_at FROM behaviours WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let mut m = Map::new();
        m.insert("id".into(), id.into());
        if let Some((text, retired)) = found {
            m.insert("text".into(), text.into());
            if retired.is_some() {
                m.insert("retired".into(), true.into());
            }
        }
        linked.push(Value::Object(m));
    }
    put("behaviours", Value::Array(linked))?;
    for k in ["revision", "created_at", "updated_at", "deleted_at"] {
        put(k, row.get(k).cloned().unwrap_or_default())?;
    }
    let front = serde_yaml_ng::to_string(&front)
        .map_err(|e| Error::io("writing YAML", std::io::Error::other(e)))?;
    Ok(format!("---\n{front}---\n\n{body}"))
}

/// The Markdown after an entry's front matter: its title, then its long texts as
/// sections, but for those that would not read back exactly as they are (a line
/// that is one of the headings, a setext heading, an unclosed code fence, CR
/// characters…), which go in the front matter under their own key instead: their
/// keys are returned, and the body says where they are.
fn sections_body(
    title: &str,
    texts: &[(&'static str, &'static str, String)],
) -> (String, Vec<&'static str>) {
    let mut kept: Vec<&'static str> = Vec::new();
    loop {
        let mut md = format!("# {title}\n");
        for (key, _, _) in texts {
            if kept.contains(key) {
                md.push_str(&format!("\n{}\n", front_matter_note(key)));
            }
        }
        let expected: BTreeMap<&'static str, &str> = texts
            .iter()
            .filter(|(k, _, _)| !kept.contains(k))
            .map(|(k, _, t)| (*k, t.as_str()))
            .collect();
        for (key, heading, text) in texts {
            if !kept.contains(key) {
                md.push_str(&format!("\n## {heading}\n\n{text}\n"));
            }
        }
        // As import reads it (CRLF checkouts included).
        let got = sections(&md.replace("\r\n", "\n"))
            .map(|(_, got)| got)
            .unwrap_or_default();
        let wrong = |k: &&'static str| got.get(k).map(String::as_str) != expected.get(k).copied();
        if !SECTIONS.iter().map(|(k, _)| k).any(wrong) {
            return (md, kept);
        }
        // A section made up by a heading inside a text cuts that text short, so
        // the text that reads back wrong is the one to move.
        match texts
            .iter()
            .map(|(k, _, _)| k)
            .find(|k| !kept.contains(k) && wrong(k))
        {
            Some(k) => kept.push(k),
            None => match texts.iter().map(|(k, _, _)| k).find(|k| !kept.contains(k)) {
                Some(k) => kept.push(k),
                // Nothing is left in the body but the title.
                None => return (md, kept),
            },
        }
    }
}

fn ladder_files(doc: &dump::Document) -> Vec<(PathBuf, String)> {
    let part = |n: &str| doc.ladder.get(n).cloned().unwrap_or_default();
    let s = |r: &dump::Row, k: &str| {
        r.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let i = |r: &dump::Row, k: &str| r.get(k).and_then(Value::as_i64).unwrap_or_default();
    let tracks: HashMap<i64, String> = part("tracks")
        .iter()
        .map(|t| (i(t, "id"), s(t, "slug")))
        .collect();
    let sections = part("sections");
    let behaviours = part("behaviours");
    let mut out = Vec::new();
    for level in part("levels") {
        let track = tracks
            .get(&i(&level, "track_id"))
            .cloned()
            .unwrap_or_default();
        let mut md = format!("# {}: {}\n", s(&level, "code"), s(&level, "title"));
        let summary = s(&level, "summary");
        if !summary.is_empty() {
            md.push_str(&format!("\n{summary}\n"));
        }
        let mut secs: Vec<&dump::Row> = sections
            .iter()
            .filter(|x| i(x, "level_id") == i(&level, "id"))
            .collect();
        secs.sort_by_key(|x| i(x, "position"));
        for sec in secs {
            let retired = if sec.contains_key("retired_at") {
                " (retired)"
            } else {
                ""
            };
            md.push_str(&format!("\n## {}{retired}\n\n", s(sec, "title")));
            let mut bs: Vec<&dump::Row> = behaviours
                .iter()
                .filter(|b| i(b, "section_id") == i(sec, "id"))
                .collect();
            bs.sort_by_key(|b| i(b, "position"));
            for b in bs {
                let retired = if b.contains_key("retired_at") {
                    " *(retired)*"
                } else {
                    ""
                };
                md.push_str(&format!("- **{}** {}{retired}\n", s(b, "id"), s(b, "text")));
            }
        }
        out.push((
            PathBuf::from("ladder")
                .join(&track)
                .join(format!("{}.md", slug(&s(&level, "code")))),
            md,
        ));
    }
    out
}

fn write_file(root: &Path, rel: &Path, text: &str) -> Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    }
    std::fs::write(&path, text)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

impl Journal {
    /// Writes the journal as a Markdown vault in the new folder `out` (replaced only
    /// with `force`), built beside it and renamed into place.
    pub fn export_markdown(
        &self,
        out: &Path,
        force: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ExportSummary> {
        let partial = partial_beside(out, force)?;
        // An existing vault is refreshed in place: the folder may be a git
        // repository or an Obsidian vault with files of its own, which stay.
        let ours = if out.exists() {
            Some(self.files_to_replace(out)?)
        } else {
            None
        };
        let result = self.write_vault(&partial, progress).and_then(|summary| {
            match &ours {
                None => std::fs::rename(&partial, out).map_err(|e| {
                    Error::io(format!("cannot move the vault to {}", out.display()), e)
                })?,
                Some(old) => {
                    // A `.gitattributes` of the user's own stays as it is.
                    let theirs = std::fs::read_to_string(out.join(".gitattributes"))
                        .is_ok_and(|t| t != GITATTRIBUTES);
                    if theirs {
                        let _ = std::fs::remove_file(partial.join(".gitattributes"));
                    }
                    replace_in(out, old, &partial)?
                }
            }
            Ok(ExportSummary {
                path: out.to_path_buf(),
                ..summary
            })
        });
        let _ = std::fs::remove_dir_all(&partial);
        result
    }

    /// The files of the vault `out` that an export writes (and so replaces), after
    /// checking that none holds something the journal lacks: an entry file edited
    /// or written by hand must be imported first, or the export would lose it.
    fn files_to_replace(&self, out: &Path) -> Result<Vec<PathBuf>> {
        if !out.join(JOURNAL_FILE).exists() {
            return Err(Error::Conflict(format!(
                "{} is not a Rungs vault; it is left as it is",
                out.display()
            )));
        }
        let conn = self.database().conn();
        let names = names(conn)?;
        let mut files = Vec::new();
        collect(out, out, &mut files)?;
        let mut ours = Vec::new();
        let mut pending = Vec::new();
        for rel in files {
            let text = std::fs::read_to_string(out.join(&rel))
                .map_err(|e| Error::io(format!("cannot read {}", rel.display()), e))?;
            let shown = rel.display().to_string();
            // An entry file the import would refuse holds something the journal
            // cannot have yet: the export refuses too, rather than overwrite it.
            let refused = |e: Error| {
                Error::Conflict(format!(
                    "{e}; fix it and import the folder first (`rungs import {}`) or export \
                     somewhere else; nothing was changed",
                    out.display()
                ))
            };
            let Some(mut f) = parse_entry(&shown, &text).map_err(refused)? else {
                continue;
            };
            let id = file_id(&f);
            let current: Option<i64> = conn
                .query_row("SELECT revision FROM entries WHERE id = ?1", [&id], |r| {
                    r.get(0)
                })
                .optional()?;
            let in_journal = match current {
                Some(current) => {
                    let shown = f.revision.unwrap_or(current);
                    let written_from = revision_input(conn, &names, &id, shown)?;
                    resolve_heading(&mut f, written_from.as_ref()).map_err(refused)?;
                    [Ok(written_from), revision_input(conn, &names, &id, current)]
                        .into_iter()
                        .collect::<Result<Vec<_>>>()?
                        .iter()
                        .any(|r| r.as_ref() == Some(&f.input))
                        // An edit imported as a conflict's copy.
                        || entry_exists(conn, &conflict_copy_id(&id, shown, &f.input))?
                }
                None => false,
            };
            if in_journal {
                ours.push(rel);
            } else {
                pending.push((rel, f));
            }
        }
        if !pending.is_empty() {
            // A file unchanged since the export wrote it is the export's own, even
            // if the journal no longer has that entry or revision (removed for good,
            // as `rungs demo --remove` does): the vault's record says what it showed.
            let recorded = recorded_files(out)?;
            pending.retain_mut(|(rel, f)| {
                let recorded =
                    f.id.clone()
                        .zip(f.revision)
                        .and_then(|key| recorded.get(&key));
                let mine =
                    recorded.is_some_and(|r| resolve_heading(f, Some(r)).is_ok() && r == &f.input);
                if mine {
                    ours.push(rel.clone());
                }
                !mine
            });
        }
        let pending: Vec<String> = pending
            .iter()
            .map(|(rel, _)| rel.display().to_string())
            .collect();
        if !pending.is_empty() {
            return Err(Error::Conflict(format!(
                "{} in {} {} not in this journal yet ({}); import the folder first \
                 (`rungs import {}`) or export somewhere else; nothing was changed",
                if pending.len() == 1 {
                    "1 entry file"
                } else {
                    "entry files"
                },
                out.display(),
                if pending.len() == 1 { "is" } else { "are" },
                pending
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                out.display()
            )));
        }
        for f in ["README.md", "people.md", JOURNAL_FILE] {
            ours.push(PathBuf::from(f));
        }
        Ok(ours)
    }

    fn write_vault(
        &self,
        root: &Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ExportSummary> {
        let conn = self.database().conn();
        // Everything below (the document, each entry's revision and current row) reads
        // the journal at one moment, like the JSON export (see [`dump::snapshot`]).
        let _snapshot = dump::snapshot(conn)?;
        let doc = dump::read(conn, &mut |_, _| {})?;
        let names = names(conn)?;
        let total = doc.entries.len();
        let mut files = 0;
        for (i, e) in doc.entries.iter().enumerate() {
            let id = load::entry_id(&format!("entries[{i}]"), e)?;
            let revision = e
                .row
                .get("revision")
                .and_then(Value::as_i64)
                .unwrap_or_default();
            let input = revision_input(conn, &names, id, revision)?
                .ok_or_else(|| Error::not_found("revision", format!("{id}#{revision}")))?;
            let entry = self.get(id)?;
            let md = entry_markdown(conn, &e.row, &input, &entry.title)?;
            let rel = file_name(
                entry.kind().as_str(),
                &entry.date,
                &entry.title,
                id,
                entry.deleted_at.is_some(),
            );
            write_file(root, &rel, &md)?;
            files += 1;
            if i % 100 == 99 || i + 1 == total {
                progress(i + 1, total);
            }
        }
        for (rel, md) in ladder_files(&doc) {
            write_file(root, &rel, &md)?;
            files += 1;
        }
        let mut people: Vec<(String, bool)> = doc
            .people
            .iter()
            .filter(|p| !p.contains_key("merged_into"))
            .filter_map(|p| {
                let name = p.get("name")?.as_str()?.to_string();
                Some((name, p.get("mentee").and_then(Value::as_i64) == Some(1)))
            })
            .collect();
        people.sort();
        let mut md = String::from("# People\n\n");
        for (name, mentee) in &people {
            md.push_str(&format!(
                "- {name}{}\n",
                if *mentee { " (mentee)" } else { "" }
            ));
        }
        write_file(root, Path::new("people.md"), &md)?;
        let revisions: usize = doc.entries.iter().map(|e| e.revisions.len()).sum();
        let readme = format!(
            "# Rungs journal\n\nExported by Rungs on {}: {total} entries ({revisions} revisions), \
             {} people, one Markdown file per entry in a folder per kind and year (entries in the \
             trash under `trash/`), the ladders under `ladder/`.\n\nEdit an entry's file and run \
             `rungs import` on this folder: each changed file becomes a new revision. \
             A text that Markdown would split (one with a line like `## Notes`, a heading \
             underlined with `---`, or an unclosed code fence) is kept in the file's front \
             matter under its own key (`body: |-`, `notes: |-`…): edit it there, as the \
             front matter's text is the one imported. \
             `.rungs/journal.json` holds everything else (history, ids, the ladders' full \
             records); keep it with the files.\n",
            doc.exported_at,
            people.len()
        );
        write_file(root, Path::new("README.md"), &readme)?;
        write_file(root, Path::new(".gitattributes"), GITATTRIBUTES)?;
        write_file(
            root,
            Path::new(JOURNAL_FILE),
            &String::from_utf8(super::to_pretty(&doc)?).expect("JSON is UTF-8"),
        )?;
        Ok(ExportSummary {
            path: root.to_path_buf(),
            entries: total,
            revisions,
            people: doc.people.len(),
            files: files + 4,
        })
    }

    /// Imports a vault written by [`Journal::export_markdown`], with any files edited
    /// or added by hand (see the module doc). One transaction.
    pub fn import_markdown(
        &mut self,
        dir: &Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary> {
        let json = dir.join(JOURNAL_FILE);
        // Without the metadata file (a vault made by hand, or the file deleted in
        // git) the entry files are still the entries: they are read on their own.
        let doc = match std::fs::read(&json) {
            Ok(bytes) => {
                let doc = super::parse(&bytes, &json.display().to_string())?;
                load::check_header(&doc)?;
                Some(doc)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(Error::io(
                    format!("cannot read {} in the vault", json.display()),
                    e,
                ));
            }
        };
        let mut files = Vec::new();
        collect(dir, dir, &mut files)?;
        files.sort();
        let mut parsed = Vec::new();
        for rel in &files {
            let text = std::fs::read_to_string(dir.join(rel))
                .map_err(|e| Error::io(format!("cannot read {}", rel.display()), e))?;
            if let Some(entry) = parse_entry(&rel.display().to_string(), &text)? {
                parsed.push(entry);
            }
        }
        if doc.is_none() && parsed.is_empty() {
            return Err(Error::io(
                format!(
                    "{} is not a Rungs vault: it has no {JOURNAL_FILE} and no entry file \
                     (Markdown with front matter naming its kind)",
                    dir.display()
                ),
                std::io::ErrorKind::NotFound.into(),
            ));
        }
        let summary = self.write(|tx| {
            let mut s = match &doc {
                Some(doc) => super::load_or_merge(tx, doc, progress)?,
                None => ImportSummary {
                    mode: if load::is_empty(tx)? {
                        ImportMode::Whole
                    } else {
                        ImportMode::Merge
                    },
                    metadata_missing: true,
                    ..Default::default()
                },
            };
            apply_files(tx, parsed, &mut s, progress)?;
            Ok(s)
        })?;
        self.after_import();
        Ok(summary)
    }
}

/// Refreshes the vault `out`: removes `old` (the files an export wrote there) and
/// the `ladder/` folder, moves in every file of `fresh`, drops emptied folders.
fn replace_in(out: &Path, old: &[PathBuf], fresh: &Path) -> Result<()> {
    let io = |what: &str, p: &Path, e| Error::io(format!("cannot {what} {}", p.display()), e);
    for rel in old {
        let p = out.join(rel);
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| io("remove", &p, e))?;
        }
    }
    let ladder = out.join("ladder");
    if ladder.exists() {
        std::fs::remove_dir_all(&ladder).map_err(|e| io("remove", &ladder, e))?;
    }
    fn move_all(from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(to)?;
        for e in std::fs::read_dir(from)? {
            let e = e?;
            let target = to.join(e.file_name());
            if e.path().is_dir() {
                move_all(&e.path(), &target)?;
            } else {
                std::fs::rename(e.path(), target)?;
            }
        }
        Ok(())
    }
    move_all(fresh, out).map_err(|e| io("write into", out, e))?;
    fn drop_empty(dir: &Path, root: bool) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            if e.path().is_dir() && !e.file_name().to_string_lossy().starts_with('.') {
                drop_empty(&e.path(), false);
            }
        }
        if !root {
            // Fails, as it should, unless the folder is empty.
            let _ = std::fs::remove_dir(dir);
        }
    }
    drop_empty(out, true);
    Ok(())
}

/// Every `.md` file under `dir` that may be an entry (not the README, people, the
/// ladder or `.rungs/`), relative to `root`.
fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
    for e in entries {
        let e = e.map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
        let path = e.path();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let name = e.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name.starts_with('.') || (dir == root && name == "ladder") {
                continue;
            }
            collect(root, &path, out)?;
        } else if name.ends_with(".md")
            && !(dir == root && (name == "README.md" || name == "people.md"))
        {
            out.push(rel);
        }
    }
    Ok(())
}

struct FileEntry {
    file: String,
    id: Option<String>,
    revision: Option<i64>,
    /// When the entry went to the trash, for a file that says so (`deleted_at`).
    deleted_at: Option<String>,
    input: EntryInput,
    /// The file's `# ` line: the title as shown when it was written, or a new one
    /// typed there (see [`resolve_heading`]).
    heading: Option<String>,
}

/// Reads the file's `# ` line against `old`, the revision the file was written from
/// (None for a file the journal never had): the line unchanged, or agreeing with the
/// front matter, says nothing; a line changed on its own is the new title; a line and
/// a `title:` both changed, differently, are refused, as neither can be chosen.
fn resolve_heading(f: &mut FileEntry, old: Option<&EntryInput>) -> Result<()> {
    let Some(heading) = f.heading.as_deref() else {
        return Ok(());
    };
    let shown = |i: &EntryInput| shown_title(i.title.as_deref(), &i.details);
    if heading == shown(&f.input).trim() {
        return Ok(());
    }
    let title_edited = match old {
        Some(old) if heading == shown(old).trim() => return Ok(()),
        Some(old) => old.title.as_deref().map(str::trim) != f.input.title.as_deref().map(str::trim),
        None => f.input.title.is_some(),
    };
    if title_edited {
        return Err(Error::invalid(
            &f.file,
            format!(
                "its `# {heading}` line and its front matter's title differ; keep the title \
                 in one of them"
            ),
        ));
    }
    f.input.title = Some(heading.to_string());
    Ok(())
}

/// Splits `---\nYAML\n---\n` off the top of `text` (with `\n` line endings).
fn front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest
        .find("\n---\n")
        .map(|i| (i, 5))
        .or_else(|| rest.ends_with("\n---").then(|| (rest.len() - 4, 4)))?;
    Some((&rest[..end.0 + 1], &rest[(end.0 + end.1).min(rest.len())..]))
}

/// The long text sections of an entry file: level-2 headings named as in
/// [`SECTIONS`], found by pulldown-cmark (a heading in a code block is text).
type Sections<'a> = (&'a str, BTreeMap<&'static str, String>);

/// Also returns what comes before the first section; a section named twice is an
/// error (which of the two is the text?).
fn sections(body: &str) -> std::result::Result<Sections<'_>, String> {
    let mut starts: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                open = Some((range.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = &mut open {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((start, text)) = open.take()
                    && let Some((key, _)) = SECTIONS.iter().find(|(_, h)| *h == text.trim())
                {
                    starts.push((start, range.end, key));
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for (i, (_, content_start, key)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(body.len(), |n| n.0);
        if out
            .insert(*key, body[*content_start..end].trim().to_string())
            .is_some()
        {
            return Err(format!("has two `## {}` sections", heading_of(key)));
        }
    }
    Ok((&body[..starts.first().map_or(body.len(), |s| s.0)], out))
}

fn heading_of(key: &str) -> &'static str {
    SECTIONS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("?", |(_, h)| h)
}

/// The note the body holds for a text kept in the front matter (see [`sections_body`]).
fn front_matter_note(key: &str) -> String {
    format!(
        "_{}: in the front matter (`{key}`), where it reads back as written._",
        heading_of(key)
    )
}

/// Reads what comes before an entry file's first section: its `# title` line, and
/// the notes of the texts kept in the front matter. Anything else there belongs to
/// no field; import refuses it rather than drop it (and a refresh would then
/// overwrite it). Returns the `# ` line's text (see [`resolve_heading`]).
fn read_preamble(preamble: &str, kept: &[&str]) -> std::result::Result<Option<String>, String> {
    let mut title = None;
    let mut notes: Vec<String> = kept.iter().map(|k| front_matter_note(k)).collect();
    for line in preamble.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(t) = line.strip_prefix("# ")
            && title.is_none()
        {
            title = Some(t.trim().to_string());
        } else if let Some(i) = notes.iter().position(|n| n == line) {
            notes.remove(i);
        } else {
            return Err(format!(
                "the text {line:?} before the first section belongs to no field: move it \
                 under a section (## Notes, ## Body...) or into the front matter"
            ));
        }
    }
    Ok(title)
}

fn parse_entry(file: &str, text: &str) -> Result<Option<FileEntry>> {
    // A checkout with CRLF line endings (Git for Windows' autocrlf) is the same file.
    let text = text.replace("\r\n", "\n");
    let Some((yaml, body)) = front_matter(&text) else {
        return Ok(None);
    };
    let front: Value = serde_yaml_ng::from_str(yaml)
        .map_err(|e| Error::invalid(file, format!("front matter is not valid YAML: {e}")))?;
    let Value::Object(mut front) = front else {
        return Ok(None);
    };
    if !front.contains_key("kind") {
        return Ok(None);
    }
    let id = match front.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let revision = front.get("revision").and_then(Value::as_i64);
    let deleted_at = match front.get("deleted_at") {
        None | Some(Value::Null) => None,
        Some(Value::String(at)) if chrono::DateTime::parse_from_rfc3339(at).is_ok() => {
            Some(at.clone())
        }
        Some(other) => {
            return Err(Error::invalid(
                format!("{file}: deleted_at"),
                format!("{other} is not a timestamp like 2026-11-20T09:30:00Z"),
            ));
        }
    };
    for k in BOOKKEEPING {
        front.remove(*k);
    }
    // Behaviours are written with their text; an id alone is read as well.
    if let Some(Value::Array(list)) = front.get_mut("behaviours") {
        for b in list.iter_mut() {
            if let Some(id) = b.get("id").cloned() {
                *b = id;
            }
        }
    }
    // A text the front matter holds (one a section could not carry) has a note in
    // the body instead of a section; both at once is ambiguous.
    let (preamble, texts) = sections(body).map_err(|m| Error::invalid(file, m))?;
    let kept: Vec<&str> = SECTIONS
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| front.get(*k).is_some_and(|v| !v.is_null()))
        .collect();
    for (key, text) in texts {
        if kept.contains(&key) {
            return Err(Error::invalid(
                file,
                format!(
                    "`{key}` is both in the front matter and a `## {}` section: keep one",
                    heading_of(key)
                ),
            ));
        }
        front.insert(key.into(), text.into());
    }
    // YAML reads a date or a time as text; a number-like title stays text too.
    for k in ["date", "time", "title"] {
        if let Some(v) = front.get_mut(k)
            && (v.is_number() || v.is_boolean())
        {
            *v = v.to_string().into();
        }
    }
    let given: Vec<String> = front
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.clone())
        .collect();
    let input: EntryInput = serde_json::from_value(Value::Object(front))
        .map_err(|e| Error::invalid(file, format!("not an entry: {e}")))?;
    // What the entry does not read back (a `## Notes` in a learning, a property of
    // one's own) would be dropped here and overwritten by the next refresh.
    let read = serde_json::to_value(&input).expect("an entry serializes");
    if let Some(k) = given.iter().find(|k| read.get(k.as_str()).is_none()) {
        let kind = input.details.kind();
        return Err(Error::invalid(
            file,
            match SECTIONS.iter().find(|(key, _)| key == k) {
                Some((_, heading)) => format!("a {kind} entry has no `## {heading}` section"),
                None => format!("a {kind} entry has no field `{k}`"),
            },
        ));
    }
    let heading = read_preamble(preamble, &kept).map_err(|m| Error::invalid(file, m))?;
    Ok(Some(FileEntry {
        file: file.to_string(),
        id,
        revision,
        deleted_at,
        input,
        heading,
    }))
}

/// The id of the entry a file shows: its own, or for a file written by hand (no
/// id) one derived from its path, so importing the vault again finds it.
fn file_id(f: &FileEntry) -> String {
    match f.id.as_deref() {
        Some(id) => id.to_string(),
        None => super::merge::derived_id(&["vault file", &f.file]),
    }
}

/// The id of the copy a vault edit of revision `shown` of entry `id`, no longer
/// current, is imported as: derived from the entry, the revision and the edit.
fn conflict_copy_id(id: &str, shown: i64, input: &EntryInput) -> String {
    let content = serde_json::to_string(input).expect("an entry serializes");
    super::merge::derived_id(&["vault copy", id, &shown.to_string(), &content])
}

fn entry_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM entries WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Gives the entry `from` the id `to`, in every table that names it (foreign keys
/// are checked at the import's commit).
fn rename_entry(tx: &Connection, from: &str, to: &str) -> Result<()> {
    let mut tables = vec!["revisions", "index_outbox"];
    for (t, _) in dump::ENTRY_CHILDREN {
        if dump::has_table(tx, t)? {
            tables.push(t);
        }
    }
    for t in tables {
        tx.execute(
            &format!("UPDATE {t} SET entry_id = ?2 WHERE entry_id = ?1"),
            [from, to],
        )?;
    }
    tx.execute("UPDATE entries SET id = ?2 WHERE id = ?1", [from, to])?;
    Ok(())
}

/// Saves what was edited or added in the vault's entry files.
/// `progress` gets `(files read, files)`: the second pass of a vault import.
fn apply_files(
    tx: &Connection,
    files: Vec<FileEntry>,
    s: &mut ImportSummary,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<()> {
    // `rename_entry` moves an entry's rows to its id before the entry itself (set by
    // the load or merge already, but a vault without its metadata file has neither).
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let copies: HashMap<String, String> = s
        .conflicts
        .iter()
        .map(|c| (c.entry_id.clone(), c.copy_id.clone()))
        .collect();
    let names = names(tx)?;
    let save = |id: Option<&str>, input: EntryInput, file: &str| {
        crate::journal::save_imported(tx, id, input).map_err(|e| match e {
            Error::Invalid { field, message } => {
                Error::invalid(format!("{file}: {field}"), message)
            }
            other => other,
        })
    };
    let total = files.len();
    for (i, f) in files.into_iter().enumerate() {
        if i % 100 == 99 {
            progress(i, total);
        }
        // A file written by hand has no id: it gets one derived from its path, so
        // importing the vault again finds it instead of adding it twice.
        let id = file_id(&f);
        let id = id.as_str();
        // The version the file was written from (a merge's conflict copy has it).
        let target = copies.get(id).map_or(id, String::as_str);
        let current: Option<(i64, Option<String>)> = tx
            .query_row(
                "SELECT revision, deleted_at FROM entries WHERE id = ?1",
                [target],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((current, deleted)) = current else {
            let mut f = f;
            resolve_heading(&mut f, None)?;
            let new = save(None, f.input, &f.file)?;
            rename_entry(tx, &new, id)?;
            if let Some(at) = &f.deleted_at {
                // A file under trash/ of a vault without its metadata file.
                tx.execute(
                    "UPDATE entries SET deleted_at = ?2 WHERE id = ?1",
                    [id, at.as_str()],
                )?;
            }
            s.added += 1;
            continue;
        };
        let shown = f.revision.unwrap_or(current);
        let written_from = revision_input(tx, &names, target, shown)?;
        let mut f = f;
        resolve_heading(&mut f, written_from.as_ref())?;
        // Unchanged since it was written, or the same as the journal has now (an
        // edit imported before): nothing to do.
        if written_from.as_ref() == Some(&f.input)
            || revision_input(tx, &names, target, current)?.as_ref() == Some(&f.input)
        {
            continue;
        }
        if shown == current {
            match &deleted {
                // Edited in the trash: a new revision, and the entry stays there.
                Some(at) => {
                    tx.execute(
                        "UPDATE entries SET deleted_at = NULL WHERE id = ?1",
                        [target],
                    )?;
                    save(Some(target), f.input, &f.file)?;
                    tx.execute(
                        "UPDATE entries SET deleted_at = ?2 WHERE id = ?1",
                        [target, at.as_str()],
                    )?;
                }
                None => {
                    save(Some(target), f.input, &f.file)?;
                }
            }
            s.edited += 1;
        } else {
            // The copy's id comes from what it copies, so importing the vault again
            // finds it instead of adding it once more.
            let copy_id = conflict_copy_id(target, shown, &f.input);
            if !entry_exists(tx, &copy_id)? {
                let new = save(None, f.input, &f.file)?;
                rename_entry(tx, &new, &copy_id)?;
            }
            let local_at: String = tx.query_row(
                "SELECT updated_at FROM entries WHERE id = ?1",
                [target],
                |r| r.get(0),
            )?;
            let incoming_at: String = tx.query_row(
                "SELECT at FROM revisions WHERE entry_id = ?1 AND revision = ?2",
                rusqlite::params![target, shown],
                |r| r.get(0),
            )?;
            s.conflicts.push(Conflict {
                entry_id: target.to_string(),
                local_revision: current,
                local_at,
                incoming_revision: shown,
                incoming_at,
                copy_id,
            });
        }
    }
    if total > 0 {
        progress(total, total);
    }
    Ok(())
}
