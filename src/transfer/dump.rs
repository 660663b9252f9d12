//! The journal as a [`Document`]: every stored row, table by table, read and written
//! generically (a column is a JSON field with its SQLite value), so a new column or
//! a new table costs one line in the lists below, and nothing is lost on the way.
//!
//! Entries carry their link rows and revisions nested under them (what a merge by
//! entry id needs); a revision's content is the stored JSON, embedded verbatim.
//! Derived data is left out: `name_key` (recomputed from the name), the search
//! outbox, SQLite's own tables and the index generation.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Connection, Transaction, TransactionBehavior, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::{Error, Result};

/// `format` of every Rungs export.
pub const FORMAT: &str = "rungs-journal";
/// Version of the document's shape (not the database schema): bumped when a reader
/// of this version could not read what a writer puts in.
pub const VERSION: u32 = 1;

/// One row: column name to value (NULL columns are left out).
pub type Row = Map<String, Value>;

/// The ladder's tables, parents first.
pub const LADDER_TABLES: &[&str] = &[
    "tracks",
    "levels",
    "sections",
    "behaviours",
    "behaviour_wordings",
    "removed_behaviour_ids",
];

/// Tables hanging off an entry by `entry_id`, with the key they have under it.
/// A table this schema does not have yet is skipped.
pub const ENTRY_CHILDREN: &[(&str, &str)] = &[
    ("entry_people", "people"),
    ("entry_tags", "tags"),
    ("entry_behaviours", "behaviours"),
    ("follow_ups", "follow_ups"),
    ("goals", "goals"),
];

/// Tables hanging off an entry's child row: (child table, table, column, key).
pub const GRANDCHILDREN: &[(&str, &str, &str, &str)] =
    &[("goals", "goal_behaviours", "goal_id", "behaviours")];

/// Columns computed from others, recomputed on import.
pub const DERIVED: &[(&str, &str)] = &[("people", "name_key"), ("tags", "name_key")];

/// `meta` keys that describe this copy of the database, not the journal: its search
/// index's generation and how far its outbox was trimmed.
pub const LOCAL_META: &[&str] = &[crate::search::GENERATION_KEY, crate::search::PURGED_KEY];

/// The whole journal. `E` is what holds its entries: a list (read or imported), or
/// an [`EntryStream`] that reads each entry only as it is written out.
#[derive(Debug, Serialize, Deserialize)]
pub struct Document<E = Vec<EntryDoc>> {
    pub format: String,
    pub version: u32,
    /// The database schema the rows come from.
    pub schema_version: i64,
    #[serde(default)]
    pub exported_at: String,
    #[serde(default)]
    pub meta: Vec<Row>,
    #[serde(default)]
    pub people: Vec<Row>,
    #[serde(default)]
    pub tags: Vec<Row>,
    #[serde(default)]
    pub ladder: BTreeMap<String, Vec<Row>>,
    #[serde(default)]
    pub profile: Vec<Row>,
    #[serde(default)]
    pub saved_searches: Vec<Row>,
    #[serde(default)]
    pub entries: E,
}

/// An entry: its `entries` row, its link rows by key (see [`ENTRY_CHILDREN`]) and
/// every revision.
#[derive(Debug, Serialize, Deserialize)]
pub struct EntryDoc {
    #[serde(flatten)]
    pub row: Row,
    #[serde(default)]
    pub revisions: Vec<RevisionDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct RevisionDoc {
    pub revision: i64,
    pub at: String,
    /// The stored JSON, byte for byte.
    pub content: Box<RawValue>,
}

pub(crate) fn has_table(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [table],
        |r| r.get(0),
    )?)
}

/// The columns of `table` (`PRAGMA table_info`): name, declared type, NOT NULL, default?
pub(crate) struct Column {
    pub name: String,
    pub decl: String,
    pub required: bool,
}

pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<Column>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let cols = stmt
        .query_map([], |r| {
            let notnull: bool = r.get(3)?;
            let default: Option<String> = r.get(4)?;
            let pk: i64 = r.get(5)?;
            let decl: String = r.get(2)?;
            Ok(Column {
                name: r.get(1)?,
                // An INTEGER PRIMARY KEY is given by SQLite when absent.
                required: notnull && default.is_none() && !(pk == 1 && decl == "INTEGER"),
                decl,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(cols)
}

/// The columns of `entries`, and of each [`ENTRY_CHILDREN`] table this schema has
/// (with its key under an entry): what loading or merging an entry writes.
pub(crate) type ChildColumns = Vec<(&'static str, &'static str, Vec<Column>)>;

pub(crate) fn entry_columns(conn: &Connection) -> Result<(Vec<Column>, ChildColumns)> {
    let mut children = Vec::new();
    for (t, key) in ENTRY_CHILDREN {
        if has_table(conn, t)? {
            children.push((*t, *key, columns(conn, t)?));
        }
    }
    Ok((columns(conn, "entries")?, children))
}

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        // No Rungs table holds blobs; kept readable if one ever does.
        ValueRef::Blob(b) => Value::Array(b.iter().map(|&x| x.into()).collect()),
    }
}

/// Rows of `SELECT * FROM table WHERE …` in rowid order, without `skip` columns.
pub(crate) fn rows(
    conn: &Connection,
    table: &str,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
    skip: &[&str],
) -> Result<Vec<Row>> {
    let sql = format!("SELECT * FROM {table} {filter} ORDER BY rowid");
    let mut stmt = conn.prepare_cached(&sql)?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    let mut q = stmt.query(args)?;
    while let Some(r) = q.next()? {
        let mut row = Row::new();
        for (i, name) in names.iter().enumerate() {
            let v = to_json(r.get_ref(i)?);
            let derived = DERIVED.iter().any(|(t, c)| *t == table && c == name);
            if !v.is_null() && !derived && !skip.contains(&name.as_str()) {
                row.insert(name.clone(), v);
            }
        }
        out.push(row);
    }
    Ok(out)
}

fn all(conn: &Connection, table: &str) -> Result<Vec<Row>> {
    if !has_table(conn, table)? {
        return Ok(Vec::new());
    }
    rows(conn, table, "", &[], &[])
}

/// One read transaction over everything an export reads, so it sees the journal as
/// it was at one moment: without it, another process (the app, a CLI `add`) could
/// write between the people being read and an entry being read, and the export
/// would hold an entry naming a person it does not list (an import refuses it).
/// In WAL mode this is a snapshot: writers go on, the reader sees none of their
/// commits. `None` when the caller already holds a transaction on `conn` (its
/// own view is already one moment).
pub(crate) fn snapshot(conn: &Connection) -> Result<Option<Transaction<'_>>> {
    if !conn.is_autocommit() {
        return Ok(None);
    }
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Deferred)?;
    // A deferred transaction takes its snapshot at its first read, so read now.
    tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(Some(tx))
}

/// Reads the whole journal, in one read transaction (see [`snapshot`]).
/// `progress(done, total)` counts entries.
pub fn read(conn: &Connection, progress: &mut dyn FnMut(usize, usize)) -> Result<Document> {
    // Rolled back when dropped: it wrote nothing.
    let _snapshot = snapshot(conn)?;
    read_with(conn, |ids, present| {
        let total = ids.len();
        let mut entries = Vec::with_capacity(total);
        for (i, id) in ids.iter().enumerate() {
            entries.push(read_entry(conn, id, &present)?);
            if i % 100 == 99 || i + 1 == total {
                progress(i + 1, total);
            }
        }
        Ok(entries)
    })
}

/// The journal with its entries read lazily, as they are serialized (see
/// [`EntryStream`]): what a large export writes without holding it all in memory.
/// The document holds one read transaction (see [`snapshot`]) from its first read
/// to its last entry; it ends when the document is dropped.
pub fn stream<'a>(
    conn: &'a Connection,
    progress: &'a mut dyn FnMut(usize, usize),
) -> Result<Document<EntryStream<'a>>> {
    let snapshot = snapshot(conn)?;
    read_with(conn, |ids, present| {
        Ok(EntryStream {
            _snapshot: snapshot,
            conn,
            ids,
            present,
            progress: RefCell::new(progress),
            revisions: Cell::new(0),
            error: RefCell::new(None),
        })
    })
}

/// Reads everything but the entries, and makes the entries' holder from their ids
/// (in rowid order) and the entry tables this schema has.
fn read_with<E>(
    conn: &Connection,
    entries: impl FnOnce(Vec<String>, Vec<&'static str>) -> Result<E>,
) -> Result<Document<E>> {
    let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let mut meta = all(conn, "meta")?;
    meta.retain(|r| {
        !r.get("key")
            .and_then(Value::as_str)
            .is_some_and(|k| LOCAL_META.contains(&k))
    });
    let mut ladder = BTreeMap::new();
    for t in LADDER_TABLES {
        ladder.insert(t.to_string(), all(conn, t)?);
    }
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM entries ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let people = all(conn, "people")?;
    crate::journal::failpoint::hit(crate::journal::failpoint::EXPORT_READ_PEOPLE);
    // The tables this schema has, looked up once rather than per entry.
    let mut present = Vec::new();
    let tables = ENTRY_CHILDREN.iter().map(|(t, _)| *t);
    for table in tables.chain(GRANDCHILDREN.iter().map(|(_, t, ..)| *t)) {
        if has_table(conn, table)? {
            present.push(table);
        }
    }
    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        schema_version,
        exported_at: crate::clock::now_timestamp(),
        meta,
        people,
        tags: all(conn, "tags")?,
        ladder,
        profile: all(conn, "profile")?,
        saved_searches: all(conn, "saved_searches")?,
        entries: entries(ids, present)?,
    })
}

/// The entries of an export, read from the database one at a time while they are
/// serialized, in the same order and shape as [`read`]'s list: memory stays that of
/// one entry however large the journal.
pub struct EntryStream<'a> {
    /// The read transaction the whole document is read in (see [`snapshot`]).
    _snapshot: Option<Transaction<'a>>,
    conn: &'a Connection,
    ids: Vec<String>,
    present: Vec<&'static str>,
    progress: RefCell<&'a mut dyn FnMut(usize, usize)>,
    revisions: Cell<usize>,
    /// What stopped the serialization, if reading an entry failed.
    error: RefCell<Option<Error>>,
}

impl EntryStream<'_> {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Revisions written so far (all of them once serialized).
    pub fn revisions(&self) -> usize {
        self.revisions.get()
    }

    /// The error reading an entry that stopped the serialization, if that is what did.
    pub fn take_error(&self) -> Option<Error> {
        self.error.borrow_mut().take()
    }
}

impl std::fmt::Debug for EntryStream<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EntryStream({} entries)", self.ids.len())
    }
}

impl Serialize for EntryStream<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let total = self.ids.len();
        let mut seq = s.serialize_seq(Some(total))?;
        for (i, id) in self.ids.iter().enumerate() {
            let entry = match read_entry(self.conn, id, &self.present) {
                Ok(entry) => entry,
                Err(e) => {
                    let shown = e.to_string();
                    *self.error.borrow_mut() = Some(e);
                    return Err(S::Error::custom(shown));
                }
            };
            self.revisions
                .set(self.revisions.get() + entry.revisions.len());
            seq.serialize_element(&entry)?;
            if i % 100 == 99 || i + 1 == total {
                (self.progress.borrow_mut())(i + 1, total);
            }
        }
        seq.end()
    }
}

/// One entry with its link rows and revisions.
/// `present`: which of the [`ENTRY_CHILDREN`] and [`GRANDCHILDREN`] tables exist.
fn read_entry(conn: &Connection, id: &str, present: &[&str]) -> Result<EntryDoc> {
    let mut row = rows(conn, "entries", "WHERE id = ?1", &[&id], &[])?
        .pop()
        .ok_or_else(|| Error::not_found("entry", id))?;
    for (table, key) in ENTRY_CHILDREN {
        if !present.contains(table) {
            continue;
        }
        let mut children = rows(conn, table, "WHERE entry_id = ?1", &[&id], &["entry_id"])?;
        for (parent, grand, column, grand_key) in GRANDCHILDREN {
            if parent != table || !present.contains(grand) {
                continue;
            }
            for child in &mut children {
                let child_id = child.get("id").cloned().unwrap_or(Value::Null);
                let child_id = child_id.as_str().unwrap_or_default();
                let g = rows(
                    conn,
                    grand,
                    &format!("WHERE {column} = ?1"),
                    &[&child_id],
                    &[column],
                )?;
                child.insert(
                    grand_key.to_string(),
                    Value::Array(g.into_iter().map(Value::Object).collect()),
                );
            }
        }
        row.insert(
            key.to_string(),
            Value::Array(children.into_iter().map(Value::Object).collect()),
        );
    }
    let mut stmt = conn.prepare_cached(
        "SELECT revision, at, content FROM revisions WHERE entry_id = ?1 ORDER BY revision",
    )?;
    let revisions = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String, String)>>>()?
        .into_iter()
        .map(|(revision, at, content)| {
            let content = RawValue::from_string(content).map_err(|e| {
                Error::invalid(
                    format!("revisions[{id}#{revision}]"),
                    format!("the stored revision is not JSON: {e}"),
                )
            })?;
            Ok(RevisionDoc {
                revision,
                at,
                content,
            })
        })
        .collect::<Result<_>>()?;
    Ok(EntryDoc { row, revisions })
}

/// A JSON value as an SQLite value for `column` of `table`, or an error naming `path`.
pub(crate) fn to_sql(path: &str, col: &Column, v: &Value) -> Result<Sql> {
    let bad = |what: &str| Error::invalid(path, format!("expected {what}, found {v}"));
    Ok(match v {
        Value::Null if col.required => {
            return Err(Error::invalid(path, "is required"));
        }
        Value::Null => Sql::Null,
        Value::Bool(b) if col.decl == "INTEGER" => Sql::Integer(i64::from(*b)),
        Value::Number(n) if col.decl == "INTEGER" => {
            Sql::Integer(n.as_i64().ok_or_else(|| bad("an integer"))?)
        }
        Value::Number(n) if col.decl == "REAL" => {
            Sql::Real(n.as_f64().ok_or_else(|| bad("a number"))?)
        }
        Value::String(s) if col.decl == "TEXT" => Sql::Text(s.clone()),
        _ if col.decl == "INTEGER" => return Err(bad("an integer")),
        _ if col.decl == "REAL" => return Err(bad("a number")),
        _ => return Err(bad("text")),
    })
}

/// Checks every field of `row` (but `nested` ones) against the table's columns and
/// converts it: an error names `path.field`.
pub(crate) fn check_row(
    table: &str,
    cols: &[Column],
    path: &str,
    row: &Row,
    nested: &[&str],
) -> Result<(Vec<String>, Vec<Sql>)> {
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (k, v) in row {
        if nested.contains(&k.as_str()) {
            continue;
        }
        let col = cols.iter().find(|c| &c.name == k).ok_or_else(|| {
            Error::invalid(format!("{path}.{k}"), format!("unknown field of {table}"))
        })?;
        values.push(to_sql(&format!("{path}.{k}"), col, v)?);
        names.push(k.clone());
    }
    Ok((names, values))
}

/// Inserts `row` into `table` (`extra` columns added, e.g. the parent's id), checking
/// every field against the table's columns first so an error names `path.field`.
pub(crate) fn insert(
    conn: &Connection,
    table: &str,
    cols: &[Column],
    path: &str,
    row: &Row,
    extra: &[(&str, Sql)],
    nested: &[&str],
) -> Result<()> {
    let (mut names, mut values) = check_row(table, cols, path, row, nested)?;
    for (k, v) in extra {
        names.push(k.to_string());
        values.push(v.clone());
    }
    for c in cols.iter().filter(|c| c.required) {
        if !names.contains(&c.name) {
            return Err(Error::invalid(format!("{path}.{}", c.name), "is required"));
        }
    }
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        vec!["?"; names.len()].join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values.iter()))
        .map_err(|e| Error::invalid(path.to_string(), format!("cannot be stored: {e}")))?;
    Ok(())
}
