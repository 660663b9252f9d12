//! Merging an export into a journal that has entries of its own, by entry id.
//!
//! A person is matched first by id and creation time, the identity of a row two
//! journals share only when one came from the other (an export imported elsewhere):
//! renamed on one side, it is still the same person. A person matched so whose name
//! differs keeps the journal's name (people have no time of renaming to tell which
//! side is newer) and the difference is reported. Otherwise people and tags are
//! matched by name (ignoring case, as everywhere), ladders by
//! track slug, level code, section number and behaviour id; what the journal lacks
//! is added, what it has is kept (a person marked as a mentee on either side stays
//! one). Ids inside the file are translated to the journal's, in link rows and in
//! revision content alike.
//!
//! An entry is compared by its revisions (number, time and content):
//! - not in the journal: added with all its revisions;
//! - the journal has every imported revision: unchanged;
//! - the imported revisions continue the journal's: the new ones are added after
//!   them and become current (nothing of the journal's is lost: history keeps it);
//! - both sides changed it since they last agreed: a **conflict**. The journal's
//!   version stays as it is, and the imported entry is added beside it as a copy
//!   with a new id (all its revisions), reported with both revision times. Nothing
//!   is overwritten, nothing dropped.
//!
//! Saved searches, drafts and the profile are added only where the journal has none.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::dump::{self, Column, Document, EntryDoc, Row};
use super::load::{check_entry, entry_id, insert_entry, insert_links};
use super::{ImportMode, ImportSummary};
use crate::journal::validate;
use crate::{Error, Result};

/// An entry changed both in the journal and in the import.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    pub entry_id: String,
    /// The journal's current revision and when it was written (kept as it is).
    pub local_revision: i64,
    pub local_at: String,
    /// The imported entry's current revision and when it was written.
    pub incoming_revision: i64,
    pub incoming_at: String,
    /// Where the imported version now is: a new entry with this id.
    pub copy_id: String,
}

/// A person both sides have (same id and creation time) under different names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonRenamed {
    /// The journal's name, which is kept.
    pub kept: String,
    /// The name in the import.
    pub imported: String,
}

type IdMap = HashMap<i64, i64>;

fn without(row: &Row, keys: &[&str]) -> Row {
    row.iter()
        .filter(|(k, _)| !keys.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn int(row: &Row, path: &str, key: &str) -> Result<i64> {
    row.get(key)
        .and_then(Value::as_i64)
        .ok_or_else(|| Error::invalid(format!("{path}.{key}"), "is required (an integer)"))
}

fn opt_int(row: &Row, key: &str) -> Option<i64> {
    row.get(key).and_then(Value::as_i64)
}

fn text<'a>(row: &'a Row, path: &str, key: &str) -> Result<&'a str> {
    row.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| Error::invalid(format!("{path}.{key}"), "is required (text)"))
}

fn mapped(map: &IdMap, id: i64, path: &str, what: &str) -> Result<i64> {
    map.get(&id).copied().ok_or_else(|| {
        Error::invalid(
            path,
            format!("refers to {what} {id}, which the file does not have"),
        )
    })
}

/// Inserts `row` (its `id` dropped, `extra` set) and returns the new rowid.
fn insert_new(
    conn: &Connection,
    table: &str,
    cols: &[Column],
    path: &str,
    row: &Row,
    drop: &[&str],
    extra: &[(&str, Sql)],
) -> Result<i64> {
    let mut drop = drop.to_vec();
    drop.push("id");
    drop.extend(extra.iter().map(|(k, _)| *k));
    dump::insert(conn, table, cols, path, &without(row, &drop), extra, &[])?;
    Ok(conn.last_insert_rowid())
}

/// People or tags: a person first by id and creation time (see the module doc),
/// then by name key (active ones) or by name and survivor (merged ones), else added.
/// People matched by identity under another name go to `renamed`.
fn named(
    conn: &Connection,
    table: &str,
    rows: &[Row],
    added: &mut usize,
    renamed: &mut Vec<PersonRenamed>,
) -> Result<IdMap> {
    let cols = dump::columns(conn, table)?;
    let by_identity = cols.iter().any(|c| c.name == "created_at");
    let mut map = IdMap::new();
    let mut merged = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let path = format!("{table}[{i}]");
        let id = int(row, &path, "id")?;
        let name = text(row, &path, "name")?;
        if by_identity && let Some(created) = row.get("created_at").and_then(Value::as_str) {
            let same: Option<String> = conn
                .query_row(
                    &format!("SELECT name FROM {table} WHERE id = ?1 AND created_at = ?2"),
                    params![id, created],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(kept) = same {
                if table == "people" && opt_int(row, "mentee") == Some(1) {
                    conn.execute("UPDATE people SET mentee = 1 WHERE id = ?1", [id])?;
                }
                if kept != name {
                    renamed.push(PersonRenamed {
                        kept,
                        imported: name.to_string(),
                    });
                }
                map.insert(id, id);
                continue;
            }
        }
        if opt_int(row, "merged_into").is_some() {
            merged.push((i, path, id, name));
            continue;
        }
        let key = validate::name_key(name);
        let local: Option<i64> = conn
            .query_row(
                &format!("SELECT id FROM {table} WHERE name_key = ?1 AND merged_into IS NULL"),
                [&key],
                |r| r.get(0),
            )
            .optional()?;
        let local = match local {
            Some(l) => {
                if table == "people" && opt_int(row, "mentee") == Some(1) {
                    conn.execute("UPDATE people SET mentee = 1 WHERE id = ?1", [l])?;
                }
                l
            }
            None => {
                *added += 1;
                insert_new(
                    conn,
                    table,
                    &cols,
                    &path,
                    row,
                    &[],
                    &[("name_key", Sql::Text(key))],
                )?
            }
        };
        map.insert(id, local);
    }
    // Merged rows point at rows mapped before them; chains resolve over passes.
    while !merged.is_empty() {
        let before = merged.len();
        let mut left = Vec::new();
        for (i, path, id, name) in merged {
            let into = opt_int(&rows[i], "merged_into").unwrap_or_default();
            let Some(&into) = map.get(&into) else {
                left.push((i, path, id, name));
                continue;
            };
            let local: Option<i64> = conn
                .query_row(
                    &format!("SELECT id FROM {table} WHERE name = ?1 AND merged_into = ?2"),
                    params![name, into],
                    |r| r.get(0),
                )
                .optional()?;
            let local = match local {
                Some(l) => l,
                None => {
                    *added += 1;
                    insert_new(
                        conn,
                        table,
                        &cols,
                        &path,
                        &rows[i],
                        &[],
                        &[
                            ("name_key", Sql::Text(validate::name_key(name))),
                            ("merged_into", Sql::Integer(into)),
                        ],
                    )?
                }
            };
            map.insert(id, local);
        }
        if left.len() == before {
            let (_, path, ..) = &left[0];
            return Err(Error::invalid(
                format!("{path}.merged_into"),
                format!("points at no {table} row in the file"),
            ));
        }
        merged = left;
    }
    Ok(map)
}

/// The column that tells a ladder row from its siblings, and its type.
#[derive(Clone, Copy)]
enum Key {
    Text(&'static str),
    Int(&'static str),
}

/// Maps the file's rows of the ladder table `table` (file id to journal id) to the
/// journal's row with the same parent and natural key, adding those it lacks.
/// `parent` is the row's parent column, the parents' map and what a parent is
/// called; a parent the file does not have is refused, naming the field.
fn by_key(
    conn: &Connection,
    rows: &[Row],
    table: &str,
    parent: Option<(&str, &IdMap, &str)>,
    key: Key,
) -> Result<IdMap> {
    let cols = dump::columns(conn, table)?;
    let mut map = IdMap::new();
    for (i, row) in rows.iter().enumerate() {
        let path = format!("ladder.{table}[{i}]");
        let (key_col, key_value) = match key {
            Key::Text(col) => (col, Sql::Text(text(row, &path, col)?.to_string())),
            Key::Int(col) => (col, Sql::Integer(int(row, &path, col)?)),
        };
        let mut sql = format!("SELECT id FROM {table} WHERE {key_col} = ?1");
        let mut extra = Vec::new();
        if let Some((col, parents, what)) = parent {
            let local = mapped(
                parents,
                int(row, &path, col)?,
                &format!("{path}.{col}"),
                what,
            )?;
            sql.push_str(&format!(" AND {col} = ?2"));
            extra.push((col, Sql::Integer(local)));
        }
        let mut args = vec![&key_value as &dyn rusqlite::ToSql];
        args.extend(extra.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        let found: Option<i64> = conn
            .query_row(&sql, args.as_slice(), |r| r.get(0))
            .optional()?;
        let local = match found {
            Some(l) => l,
            None => insert_new(conn, table, &cols, &path, row, &[], &extra)?,
        };
        map.insert(int(row, &path, "id")?, local);
    }
    Ok(map)
}

/// Adds the tracks, levels, sections and behaviours the journal lacks; returns the
/// file's level ids mapped to the journal's.
fn ladder<E>(conn: &Connection, doc: &Document<E>, s: &mut ImportSummary) -> Result<IdMap> {
    let part = |name: &str| doc.ladder.get(name).map(Vec::as_slice).unwrap_or_default();
    let find = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<Option<i64>> {
        Ok(conn.query_row(sql, p, |r| r.get(0)).optional()?)
    };
    let tracks = by_key(conn, part("tracks"), "tracks", None, Key::Text("slug"))?;
    let levels = by_key(
        conn,
        part("levels"),
        "levels",
        Some(("track_id", &tracks, "track")),
        Key::Text("code"),
    )?;
    let sections = by_key(
        conn,
        part("sections"),
        "sections",
        Some(("level_id", &levels, "level")),
        Key::Int("number"),
    )?;
    let mut added = HashSet::new();
    let cols = dump::columns(conn, "behaviours")?;
    for (i, row) in part("behaviours").iter().enumerate() {
        let path = format!("ladder.behaviours[{i}]");
        let id = text(row, &path, "id")?;
        if find("SELECT 1 FROM behaviours WHERE id = ?1", &[&id])?.is_some() {
            continue;
        }
        let section = mapped(
            &sections,
            int(row, &path, "section_id")?,
            &format!("{path}.section_id"),
            "section",
        )?;
        dump::insert(
            conn,
            "behaviours",
            &cols,
            &path,
            &without(row, &["section_id"]),
            &[("section_id", Sql::Integer(section))],
            &[],
        )?;
        added.insert(id.to_string());
    }
    s.behaviours_added = added.len();
    let cols = dump::columns(conn, "behaviour_wordings")?;
    for (i, row) in part("behaviour_wordings").iter().enumerate() {
        let path = format!("ladder.behaviour_wordings[{i}]");
        if added.contains(text(row, &path, "behaviour_id")?) {
            dump::insert(conn, "behaviour_wordings", &cols, &path, row, &[], &[])?;
        }
    }
    let cols = dump::columns(conn, "removed_behaviour_ids")?;
    for (i, row) in part("removed_behaviour_ids").iter().enumerate() {
        let path = format!("ladder.removed_behaviour_ids[{i}]");
        let id = text(row, &path, "id")?;
        if find("SELECT 1 FROM removed_behaviour_ids WHERE id = ?1", &[&id])?.is_none() {
            dump::insert(conn, "removed_behaviour_ids", &cols, &path, row, &[], &[])?;
        }
    }
    Ok(levels)
}

/// Saved searches, drafts and the profile: only where the journal has none.
fn extras<E>(
    conn: &Connection,
    doc: &Document<E>,
    levels: &IdMap,
    s: &mut ImportSummary,
) -> Result<()> {
    let cols = dump::columns(conn, "saved_searches")?;
    for (i, row) in doc.saved_searches.iter().enumerate() {
        let path = format!("saved_searches[{i}]");
        let name = text(row, &path, "name")?;
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM saved_searches WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !exists {
            dump::insert(conn, "saved_searches", &cols, &path, row, &[], &[])?;
            s.saved_searches_added += 1;
        }
    }
    let cols = dump::columns(conn, "meta")?;
    for (i, row) in doc.meta.iter().enumerate() {
        let path = format!("meta[{i}]");
        let key = text(row, &path, "key")?;
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
            [key],
            |r| r.get(0),
        )?;
        if key.starts_with("draft:") && !exists {
            dump::insert(conn, "meta", &cols, &path, row, &[], &[])?;
        }
    }
    let local: Option<i64> = conn
        .query_row("SELECT level_id FROM profile WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    if local.is_none()
        && let Some(row) = doc.profile.first()
        && let Some(level) = opt_int(row, "level_id")
    {
        let level = mapped(levels, level, "profile[0].level_id", "level")?;
        conn.execute(
            "INSERT INTO profile (id, level_id) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET level_id = excluded.level_id",
            [level],
        )?;
    }
    Ok(())
}

/// The entry with the file's people and tag ids replaced by the journal's, in its
/// link rows and in every revision's content.
fn translate(path: &str, e: &EntryDoc, people: &IdMap, tags: &IdMap) -> Result<EntryDoc> {
    let mut row = e.row.clone();
    for (key, column, map, what) in [
        ("people", "person_id", people, "person"),
        ("tags", "tag_id", tags, "tag"),
    ] {
        if let Some(Value::Array(list)) = row.get_mut(key) {
            for (j, child) in list.iter_mut().enumerate() {
                let cpath = format!("{path}.{key}[{j}].{column}");
                if let Some(id) = child.get(column).and_then(Value::as_i64) {
                    child[column] = mapped(map, id, &cpath, what)?.into();
                }
            }
        }
    }
    let mut revisions = Vec::with_capacity(e.revisions.len());
    for (j, r) in e.revisions.iter().enumerate() {
        let cpath = format!("{path}.revisions[{j}].content");
        let mut content: Value = serde_json::from_str(r.content.get())
            .map_err(|err| Error::invalid(&cpath, err.to_string()))?;
        let mut changed = false;
        if let Some(Value::Array(ids)) = content.get_mut("partners") {
            for id in ids.iter_mut() {
                if let Some(old) = id.as_i64() {
                    let new = mapped(people, old, &format!("{cpath}.partners"), "person")?;
                    changed |= new != old;
                    *id = new.into();
                }
            }
        }
        if let Some(id) = content.get_mut("person")
            && let Some(old) = id.as_i64()
        {
            let new = mapped(people, old, &format!("{cpath}.person"), "person")?;
            changed |= new != old;
            *id = new.into();
        }
        let content = if changed {
            RawValue::from_string(content.to_string()).expect("serialized JSON")
        } else {
            r.content.clone()
        };
        revisions.push(dump::RevisionDoc {
            revision: r.revision,
            at: r.at.clone(),
            content,
        });
    }
    Ok(EntryDoc { row, revisions })
}

/// A stable id derived from `parts`: importing the same file twice finds the copy
/// it made the first time instead of making another.
pub(super) fn derived_id(parts: &[&str]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let bytes: [u8; 16] = h.finalize()[..16].try_into().expect("16 bytes");
    uuid::Uuid::from_bytes(bytes).to_string()
}

/// `e` as the copy `copy_id`: its follow-ups and goals get ids derived from the
/// copy's (the originals stay the journal's), in link rows and revision content.
fn as_copy(e: &EntryDoc, copy_id: &str) -> EntryDoc {
    let fresh = |old: &str| derived_id(&[copy_id, old]);
    let mut row = e.row.clone();
    row.insert("id".into(), copy_id.into());
    for key in ["follow_ups", "goals"] {
        if let Some(Value::Array(list)) = row.get_mut(key) {
            for child in list {
                if let Some(old) = child.get("id").and_then(Value::as_str).map(str::to_string) {
                    child["id"] = fresh(&old).into();
                }
            }
        }
    }
    let revisions = e
        .revisions
        .iter()
        .map(|r| {
            let mut content: Value = serde_json::from_str(r.content.get()).unwrap_or(Value::Null);
            for key in ["follow_ups", "goals"] {
                if let Some(Value::Array(list)) = content.get_mut(key) {
                    for item in list {
                        if let Some(old) =
                            item.get("id").and_then(Value::as_str).map(str::to_string)
                        {
                            item["id"] = fresh(&old).into();
                        }
                    }
                }
            }
            dump::RevisionDoc {
                revision: r.revision,
                at: r.at.clone(),
                content: RawValue::from_string(content.to_string()).expect("serialized JSON"),
            }
        })
        .collect();
    EntryDoc { row, revisions }
}

type Rev = (i64, String, Value);

fn local_revisions(conn: &Connection, id: &str) -> Result<Vec<Rev>> {
    let mut stmt = conn.prepare_cached(
        "SELECT revision, at, content FROM revisions WHERE entry_id = ?1 ORDER BY revision",
    )?;
    let rows = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String, String)>>>()?;
    Ok(rows
        .into_iter()
        .map(|(n, at, c)| (n, at, serde_json::from_str(&c).unwrap_or(Value::String(c))))
        .collect())
}

fn incoming_revisions(e: &EntryDoc) -> Vec<Rev> {
    e.revisions
        .iter()
        .map(|r| {
            let c = serde_json::from_str(r.content.get()).unwrap_or(Value::Null);
            (r.revision, r.at.clone(), c)
        })
        .collect()
}

/// Makes the imported state of `id` current: its row and link rows replace the
/// journal's, and the revisions after the journal's `have` are added.
fn fast_forward(
    conn: &Connection,
    path: &str,
    e: &EntryDoc,
    cols: &[Column],
    children: &[(&str, &str, Vec<Column>)],
    have: usize,
) -> Result<()> {
    let id = entry_id(path, e)?;
    for (table, ..) in children {
        conn.execute(&format!("DELETE FROM {table} WHERE entry_id = ?1"), [id])?;
    }
    let keys: Vec<&str> = children.iter().map(|(_, k, _)| *k).collect();
    let mut sets = Vec::new();
    let mut values = Vec::new();
    for c in cols.iter().filter(|c| c.name != "id") {
        let v = e.row.get(&c.name).unwrap_or(&Value::Null);
        values.push(dump::to_sql(&format!("{path}.{}", c.name), c, v)?);
        sets.push(format!("{} = ?", c.name));
    }
    for k in e.row.keys() {
        if !keys.contains(&k.as_str()) && !cols.iter().any(|c| &c.name == k) {
            return Err(Error::invalid(
                format!("{path}.{k}"),
                "unknown field of entries",
            ));
        }
    }
    values.push(Sql::Text(id.to_string()));
    conn.execute(
        &format!("UPDATE entries SET {} WHERE id = ?", sets.join(", ")),
        rusqlite::params_from_iter(values.iter()),
    )?;
    // The link rows go in as for a new entry; the entry row and old revisions stay.
    insert_links(conn, path, &e.row, children)?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO revisions (entry_id, revision, at, content) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for r in &e.revisions[have..] {
        stmt.execute(params![id, r.revision, r.at, r.content.get()])?;
    }
    Ok(())
}

enum Placed {
    Added,
    Unchanged,
    Updated,
    /// Both sides changed the entry: the imported revisions differ from `at` on.
    Diverged {
        at: usize,
    },
}

/// Adds `e` under its id, or compares it with the journal's entry of that id (see
/// the module doc) and fast-forwards it when the import continues it.
fn place(
    conn: &Connection,
    path: &str,
    e: &EntryDoc,
    cols: &[Column],
    children: &[(&str, &str, Vec<Column>)],
) -> Result<Placed> {
    let id = entry_id(path, e)?;
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM entries WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if !exists {
        insert_entry(conn, path, e, cols, children)?;
        return Ok(Placed::Added);
    }
    // Checked even when nothing of it is written: a bad file is refused whole.
    let keys: Vec<&str> = children.iter().map(|(_, k, _)| *k).collect();
    dump::check_row("entries", cols, path, &e.row, &keys)?;
    for (table, key, ccols) in children {
        if let Some(Value::Array(list)) = e.row.get(*key) {
            for (j, child) in list.iter().enumerate() {
                let cpath = format!("{path}.{key}[{j}]");
                let child = child
                    .as_object()
                    .ok_or_else(|| Error::invalid(&cpath, "expected an object"))?;
                dump::check_row(table, ccols, &cpath, child, &["behaviours"])?;
            }
        }
    }
    let ours = local_revisions(conn, id)?;
    let theirs = incoming_revisions(e);
    let agree = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
    // Moving to the trash writes no revision, so the trash state is merged apart from
    // the revisions: an entry in the trash on either side stays in (or goes to) the
    // trash, where it can be restored; neither side's trash is silently undone.
    let our_trash: Option<String> =
        conn.query_row("SELECT deleted_at FROM entries WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let their_trash = e.row.get("deleted_at").and_then(Value::as_str);
    Ok(if agree == theirs.len() {
        match (&our_trash, their_trash) {
            (None, Some(at)) => {
                set_trash(conn, id, at)?;
                Placed::Updated
            }
            _ => Placed::Unchanged,
        }
    } else if agree == ours.len() {
        fast_forward(conn, path, e, cols, children, ours.len())?;
        if let (Some(at), None) = (&our_trash, their_trash) {
            set_trash(conn, id, at)?;
        }
        Placed::Updated
    } else {
        Placed::Diverged { at: agree }
    })
}

fn set_trash(conn: &Connection, id: &str, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE entries SET deleted_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

/// A merge under way: what the document's rows other than entries mapped to, so its
/// entries can be merged one at a time as they are read (see `import_json`).
pub struct Merger {
    s: ImportSummary,
    people: IdMap,
    tags: IdMap,
    cols: Vec<Column>,
    children: dump::ChildColumns,
}

impl Merger {
    /// Merges everything but the entries: people, tags, ladders and the extras.
    pub fn start<E>(conn: &Connection, doc: &Document<E>) -> Result<Self> {
        let mut s = ImportSummary {
            mode: ImportMode::Merge,
            ..Default::default()
        };
        conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let people = named(
            conn,
            "people",
            &doc.people,
            &mut s.people_added,
            &mut s.people_renamed,
        )?;
        let tags = named(conn, "tags", &doc.tags, &mut s.tags_added, &mut Vec::new())?;
        let levels = ladder(conn, doc, &mut s)?;
        extras(conn, doc, &levels, &mut s)?;
        let (cols, children) = dump::entry_columns(conn)?;
        Ok(Merger {
            s,
            people,
            tags,
            cols,
            children,
        })
    }

    /// Merges the document's entry number `i` (see the module doc).
    pub fn entry(&mut self, conn: &Connection, i: usize, e: &EntryDoc) -> Result<()> {
        let (s, people, tags, cols, children) = (
            &mut self.s,
            &self.people,
            &self.tags,
            &self.cols,
            &self.children,
        );
        let path = format!("entries[{i}]");
        check_entry(&path, e)?;
        let e = translate(&path, e, people, tags)?;
        let id = entry_id(&path, &e)?.to_string();
        match place(conn, &path, &e, cols, children)? {
            Placed::Added => s.added += 1,
            Placed::Unchanged => s.unchanged += 1,
            Placed::Updated => s.updated += 1,
            Placed::Diverged { at } => {
                let (local_revision, local_at): (i64, String) = conn.query_row(
                    "SELECT revision, updated_at FROM entries WHERE id = ?1",
                    [&id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                let first = &e.revisions[at];
                let copy_id = derived_id(&[&id, &first.revision.to_string(), &first.at]);
                let copy = as_copy(&e, &copy_id);
                // A copy made by an earlier import of this file is brought up to date.
                if let Placed::Diverged { .. } = place(conn, &path, &copy, cols, children)? {
                    return Err(Error::Conflict(format!(
                        "{path}: entry {id} and its imported copy {copy_id} both changed; \
                         nothing was imported"
                    )));
                }
                s.conflicts.push(Conflict {
                    entry_id: id,
                    local_revision,
                    local_at,
                    incoming_revision: opt_int(&e.row, "revision").unwrap_or_default(),
                    incoming_at: e
                        .row
                        .get("updated_at")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    copy_id,
                });
            }
        }
        Ok(())
    }

    pub fn finish(self) -> ImportSummary {
        self.s
    }
}
