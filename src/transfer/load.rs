//! Loading a [`Document`] into an empty journal: every row as it was exported, ids
//! included, so exporting the journal again gives the same document. (A journal with
//! entries gets a merge instead: see `merge.rs`.)

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use super::dump::{
    self, Column, DERIVED, Document, ENTRY_CHILDREN, EntryDoc, GRANDCHILDREN, LADDER_TABLES,
    LOCAL_META, Row,
};
use crate::journal::{EntryContent, validate};
use crate::{Error, Result, clock};

/// Refuses a document that is not a Rungs export or comes from a newer Rungs.
pub fn check_header<E>(doc: &Document<E>) -> Result<()> {
    if doc.format != dump::FORMAT {
        return Err(Error::invalid(
            "format",
            format!(
                "is \"{}\", not \"{}\": not a Rungs export",
                doc.format,
                dump::FORMAT
            ),
        ));
    }
    if doc.version > dump::VERSION {
        return Err(Error::invalid(
            "version",
            format!(
                "{} is newer than this Rungs reads ({}); upgrade Rungs to import it",
                doc.version,
                dump::VERSION
            ),
        ));
    }
    let known = crate::store::latest_version();
    if doc.schema_version > known {
        return Err(Error::invalid(
            "schema_version",
            format!(
                "{} is newer than this Rungs knows ({known}); upgrade Rungs to import it",
                doc.schema_version
            ),
        ));
    }
    Ok(())
}

/// Whether the journal holds nothing of the user's: no entry, person, tag or saved
/// search, no profile level, and a ladder that is none or exactly the bundled one
/// (which the document's replaces). A ladder the user imported or changed, or a
/// level they chose, makes the journal theirs: the import merges into it instead of
/// deleting them.
pub fn is_empty(conn: &Connection) -> Result<bool> {
    let nothing: bool = conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM entries) AND NOT EXISTS (SELECT 1 FROM people)
            AND NOT EXISTS (SELECT 1 FROM tags) AND NOT EXISTS (SELECT 1 FROM saved_searches)
            AND NOT EXISTS (SELECT 1 FROM profile WHERE level_id IS NOT NULL)",
        [],
        |r| r.get(0),
    )?;
    Ok(nothing && ladder_is_bundled_or_none(conn)?)
}

/// Whether every ladder table is empty or holds exactly the rows the bundled ladder
/// gives a new journal (compared with a fresh in-memory journal's).
fn ladder_is_bundled_or_none(conn: &Connection) -> Result<bool> {
    let ours = ladder_rows(conn)?;
    if ours.iter().all(Vec::is_empty) {
        return Ok(true);
    }
    let fresh = crate::store::Database::open_in_memory()?;
    crate::ladder::import::bundled(fresh.conn())?;
    Ok(ours == ladder_rows(fresh.conn())?)
}

fn ladder_rows(conn: &Connection) -> Result<Vec<Vec<Row>>> {
    LADDER_TABLES
        .iter()
        .map(|t| dump::rows(conn, t, "", &[], &[]))
        .collect()
}

/// Inserts rows of one table, computing derived columns.
fn table(conn: &Connection, name: &str, path: &str, rows: &[Row]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    if !dump::has_table(conn, name)? {
        return Err(Error::invalid(path, format!("this journal has no {name}")));
    }
    let cols = dump::columns(conn, name)?;
    for (i, row) in rows.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let mut extra = Vec::new();
        for (t, c) in DERIVED {
            if *t == name {
                let source = row
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or_else(|| Error::invalid(format!("{path}.name"), "is required (text)"))?;
                extra.push((*c, Sql::Text(validate::name_key(source))));
            }
        }
        dump::insert(conn, name, &cols, &path, row, &extra, &[])?;
    }
    Ok(())
}

/// A load under way: everything but the entries is in, and the entries go in one at
/// a time as they are read (see `import_json`).
pub struct Loader {
    entry_cols: Vec<Column>,
    children: dump::ChildColumns,
}

impl Loader {
    /// Entry number `i` of the document, as it is in the file.
    pub fn entry(&self, conn: &Connection, i: usize, e: &EntryDoc) -> Result<()> {
        insert_entry(
            conn,
            &format!("entries[{i}]"),
            e,
            &self.entry_cols,
            &self.children,
        )
    }

    /// Loads everything but the entries (the journal's ladder and bookkeeping are
    /// replaced by the document's).
    pub fn start<E>(conn: &Connection, doc: &Document<E>) -> Result<Self> {
        // Rows refer to each other in any order (a person merged into a later one).
        conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        for t in [
            "profile",
            "behaviour_wordings",
            "removed_behaviour_ids",
            "behaviours",
            "sections",
            "levels",
            "tracks",
        ] {
            conn.execute(&format!("DELETE FROM {t}"), [])?;
        }
        // The journal's own bookkeeping goes (the document brings its own); a draft of
        // a half-written entry stays unless the document has one in the same slot.
        let keep: Vec<String> = LOCAL_META.iter().map(|k| format!("'{k}'")).collect();
        conn.execute(
            &format!(
                "DELETE FROM meta WHERE key NOT IN ({}) AND key NOT LIKE 'draft:%'",
                keep.join(", ")
            ),
            [],
        )?;
        let meta: Vec<Row> = doc
            .meta
            .iter()
            .filter(|r| {
                !r.get("key")
                    .and_then(Value::as_str)
                    .is_some_and(|k| LOCAL_META.contains(&k))
            })
            .cloned()
            .collect();
        for row in &meta {
            if let Some(key) = row.get("key").and_then(Value::as_str) {
                conn.execute("DELETE FROM meta WHERE key = ?1", [key])?;
            }
        }
        table(conn, "meta", "meta", &meta)?;
        for t in LADDER_TABLES {
            if let Some(rows) = doc.ladder.get(*t) {
                table(conn, t, &format!("ladder.{t}"), rows)?;
            }
        }
        for key in doc.ladder.keys() {
            if !LADDER_TABLES.contains(&key.as_str()) {
                return Err(Error::invalid(
                    format!("ladder.{key}"),
                    "unknown part of a ladder",
                ));
            }
        }
        table(conn, "people", "people", &doc.people)?;
        table(conn, "tags", "tags", &doc.tags)?;
        table(conn, "profile", "profile", &doc.profile)?;
        table(
            conn,
            "saved_searches",
            "saved_searches",
            &doc.saved_searches,
        )?;
        let (entry_cols, children) = dump::entry_columns(conn)?;
        Ok(Loader {
            entry_cols,
            children,
        })
    }
}

/// The entry's id, or "" (refused later, naming its path), for [`check_references`].
pub fn id_or_empty(e: &EntryDoc) -> String {
    e.row
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The entry's id, checked.
pub fn entry_id<'a>(path: &str, e: &'a EntryDoc) -> Result<&'a str> {
    e.row
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::invalid(format!("{path}.id"), "is required (text)"))
}

/// Checks what the journal's own code would refuse to read back: the date and every
/// revision's content.
pub fn check_entry(path: &str, e: &EntryDoc) -> Result<()> {
    entry_id(path, e)?;
    let date = e
        .row
        .get("date")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::invalid(format!("{path}.date"), "is required (YYYY-MM-DD)"))?;
    clock::parse_date(&format!("{path}.date"), date)?;
    if e.revisions.is_empty() {
        return Err(Error::invalid(
            format!("{path}.revisions"),
            "an entry has at least one revision",
        ));
    }
    for (j, r) in e.revisions.iter().enumerate() {
        serde_json::from_str::<EntryContent<i64>>(r.content.get()).map_err(|err| {
            Error::invalid(format!("{path}.revisions[{j}].content"), err.to_string())
        })?;
    }
    Ok(())
}

/// Inserts one entry as it is in the file, with its link rows and revisions.
pub fn insert_entry(
    conn: &Connection,
    path: &str,
    e: &EntryDoc,
    entry_cols: &[Column],
    children: &[(&str, &str, Vec<Column>)],
) -> Result<()> {
    check_entry(path, e)?;
    let keys: Vec<&str> = children.iter().map(|(_, k, _)| *k).collect();
    let id = entry_id(path, e)?;
    dump::insert(conn, "entries", entry_cols, path, &e.row, &[], &keys)?;
    insert_links(conn, path, &e.row, children)?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO revisions (entry_id, revision, at, content) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (j, r) in e.revisions.iter().enumerate() {
        stmt.execute(rusqlite::params![id, r.revision, r.at, r.content.get()])
            .map_err(|err| {
                Error::invalid(
                    format!("{path}.revisions[{j}]"),
                    format!("cannot be stored: {err}"),
                )
            })?;
    }
    Ok(())
}

/// Inserts the link rows nested in an entry's `row` (see [`ENTRY_CHILDREN`]).
pub fn insert_links(
    conn: &Connection,
    path: &str,
    row: &Row,
    children: &[(&str, &str, Vec<Column>)],
) -> Result<()> {
    let id = row["id"].as_str().unwrap_or_default().to_string();
    for (table, key, cols) in children {
        let Some(list) = row.get(*key) else { continue };
        let list = list
            .as_array()
            .ok_or_else(|| Error::invalid(format!("{path}.{key}"), "expected a list"))?;
        let grand: Vec<_> = GRANDCHILDREN
            .iter()
            .filter(|(parent, ..)| parent == table)
            .collect();
        let nested: Vec<&str> = grand.iter().map(|(.., k)| *k).collect();
        for (j, child) in list.iter().enumerate() {
            let cpath = format!("{path}.{key}[{j}]");
            let child = child
                .as_object()
                .ok_or_else(|| Error::invalid(&cpath, "expected an object"))?;
            dump::insert(
                conn,
                table,
                cols,
                &cpath,
                child,
                &[("entry_id", Sql::Text(id.clone()))],
                &nested,
            )?;
            for (_, gtable, column, gkey) in &grand {
                let Some(glist) = child.get(*gkey).and_then(Value::as_array) else {
                    continue;
                };
                let gcols = dump::columns(conn, gtable)?;
                let parent_id = child.get("id").and_then(Value::as_str).unwrap_or_default();
                for (k, g) in glist.iter().enumerate() {
                    let gpath = format!("{cpath}.{gkey}[{k}]");
                    let g = g
                        .as_object()
                        .ok_or_else(|| Error::invalid(&gpath, "expected an object"))?;
                    dump::insert(
                        conn,
                        gtable,
                        &gcols,
                        &gpath,
                        g,
                        &[(*column, Sql::Text(parent_id.to_string()))],
                        &[],
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// Refuses rows that refer to rows the file does not have (checked once everything
/// is in: rows may refer to later ones), naming the first such field by its path.
/// `ids` are the document's entry ids in order (to name `entries[i]`).
pub fn check_references(conn: &Connection, ids: &[String]) -> Result<()> {
    let found: Option<(String, i64, String)> = conn
        .query_row(
            "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((table, rowid, parent)) = found else {
        return Ok(());
    };
    let message = format!("refers to a row of {parent} that the file does not have");
    if let Some((_, key)) = ENTRY_CHILDREN.iter().find(|(t, _)| *t == table) {
        let entry: String = conn.query_row(
            &format!("SELECT entry_id FROM {table} WHERE rowid = ?1"),
            [rowid],
            |r| r.get(0),
        )?;
        let i = ids.iter().position(|id| *id == entry);
        if let Some(i) = i {
            return Err(Error::invalid(format!("entries[{i}].{key}"), message));
        }
    }
    let place = if LADDER_TABLES.contains(&table.as_str()) {
        format!("ladder.{table}")
    } else {
        table
    };
    Err(Error::invalid(place, message))
}
