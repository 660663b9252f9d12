//! People: the partners and feedback givers/receivers entries name. Names are unique
//! among active people ignoring case in every script (`name_key`, migration 4). A
//! merge keeps the merged person's row, pointing at the survivor, so old revisions and
//! old spellings still resolve.

use rusqlite::{Connection, OptionalExtension, params};

use super::entries::{exec, row};
use super::model::Person;
use super::validate;
use crate::{Error, Result, clock};

/// Follows merges to the person who stands for `id` now.
pub(crate) fn survivor(conn: &Connection, mut id: i64) -> Result<i64> {
    for _ in 0..64 {
        let next: Option<i64> = row(
            conn,
            "SELECT merged_into FROM people WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("person", id.to_string()))?;
        match next {
            Some(n) => id = n,
            None => return Ok(id),
        }
    }
    Err(Error::Conflict(format!(
        "person {id}: merge chain too long"
    )))
}

/// The active person a name refers to: an active name first, else a merged-away name.
pub(crate) fn find(conn: &Connection, name: &str) -> Result<Option<i64>> {
    let key = validate::name_key(&name.split_whitespace().collect::<Vec<_>>().join(" "));
    let id: Option<i64> = row(
        conn,
        "SELECT id FROM people WHERE name_key = ?1
             ORDER BY merged_into IS NOT NULL, id DESC LIMIT 1",
        [&key],
        |r| r.get(0),
    )
    .optional()?;
    id.map(|id| survivor(conn, id)).transpose()
}

pub(crate) fn resolve_or_create(conn: &Connection, name: &str, demo: bool) -> Result<i64> {
    if let Some(id) = find(conn, name)? {
        return Ok(id);
    }
    exec(
        conn,
        "INSERT INTO people (name, name_key, demo, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, validate::name_key(name), demo, clock::now_timestamp()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn name_of(conn: &Connection, id: i64) -> Result<String> {
    let id = survivor(conn, id)?;
    Ok(row(
        conn,
        "SELECT name FROM people WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

fn require(conn: &Connection, field: &str, name: &str) -> Result<i64> {
    let name = validate::name(field, name)?;
    find(conn, &name)?.ok_or_else(|| Error::not_found("person", name))
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.mentee,
                (SELECT COUNT(DISTINCT ep.entry_id) FROM entry_people ep
                 JOIN entries e ON e.id = ep.entry_id
                 WHERE ep.person_id = p.id AND e.deleted_at IS NULL)
         FROM people p WHERE p.merged_into IS NULL ORDER BY p.name_key, p.name",
    )?;
    Ok(stmt
        .query_map([], |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
                mentee: r.get(2)?,
                entries: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Person> {
    list(conn)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::not_found("person", id.to_string()))
}

pub(crate) fn rename(conn: &Connection, old: &str, new: &str) -> Result<i64> {
    let id = require(conn, "old name", old)?;
    let new = validate::name("new name", new)?;
    let clash: Option<i64> = row(
        conn,
        "SELECT id FROM people WHERE name_key = ?1 AND merged_into IS NULL AND id != ?2",
        params![validate::name_key(&new), id],
        |r| r.get(0),
    )
    .optional()?;
    if clash.is_some() {
        return Err(Error::Conflict(format!(
            "new name: '{new}' is already someone else; to make them one person, use `rungs person merge`"
        )));
    }
    exec(
        conn,
        // A person the user has renamed is theirs, even one the demo brought in.
        "UPDATE people SET name = ?2, name_key = ?3, demo = 0 WHERE id = ?1",
        params![id, new, validate::name_key(&new)],
    )?;
    Ok(id)
}

/// Moves every entry of `from` to `into` (each a new revision); `from` keeps its row
/// as an alias.
pub(crate) fn merge(conn: &Connection, from: &str, into: &str) -> Result<i64> {
    let from_id = require(conn, "from", from)?;
    let into_id = require(conn, "into", into)?;
    if from_id == into_id {
        return Err(Error::invalid("into", "is the same person as from"));
    }
    super::entries::replace_person(conn, from_id, into_id)?;
    exec(
        conn,
        "UPDATE people SET mentee = mentee OR (SELECT mentee FROM people WHERE id = ?1),
                           demo = demo AND (SELECT demo FROM people WHERE id = ?1)
         WHERE id = ?2",
        params![from_id, into_id],
    )?;
    exec(
        conn,
        "UPDATE people SET merged_into = ?2 WHERE id = ?1",
        params![from_id, into_id],
    )?;
    Ok(into_id)
}

pub(crate) fn set_mentee(conn: &Connection, name: &str, mentee: bool) -> Result<i64> {
    let id = require(conn, "name", name)?;
    exec(
        conn,
        "UPDATE people SET mentee = ?2, demo = 0 WHERE id = ?1",
        params![id, mentee],
    )?;
    Ok(id)
}
