//! Saved searches: a name and the request, kept in SQLite with the journal.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::SearchRequest;
use crate::{Error, Result, clock, journal::validate};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub name: String,
    pub request: SearchRequest,
    pub updated_at: String,
}

/// Saves (or replaces) the search called `name`.
pub fn save(conn: &Connection, name: &str, request: &SearchRequest) -> Result<SavedSearch> {
    let name = validate::name("name", name)?;
    let json =
        serde_json::to_string(request).map_err(|e| Error::invalid("search", e.to_string()))?;
    let now = clock::now_timestamp();
    conn.execute(
        "INSERT INTO saved_searches (name, request, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (name) DO UPDATE SET request = excluded.request, updated_at = excluded.updated_at",
        params![name, json, now],
    )?;
    get(conn, &name)
}

pub fn get(conn: &Connection, name: &str) -> Result<SavedSearch> {
    conn.query_row(
        "SELECT name, request, updated_at FROM saved_searches WHERE name = ?1",
        [name.trim()],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("saved search", name.trim()))
    .and_then(|(name, json, updated_at)| {
        Ok(SavedSearch {
            request: serde_json::from_str(&json).map_err(|e| {
                Error::Conflict(format!("saved search '{name}' cannot be read: {e}"))
            })?,
            name,
            updated_at,
        })
    })
}

pub fn list(conn: &Connection) -> Result<Vec<SavedSearch>> {
    let names: Vec<String> = {
        let mut stmt =
            conn.prepare("SELECT name FROM saved_searches ORDER BY name COLLATE NOCASE")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    names.iter().map(|n| get(conn, n)).collect()
}

pub fn delete(conn: &Connection, name: &str) -> Result<()> {
    match conn.execute("DELETE FROM saved_searches WHERE name = ?1", [name.trim()])? {
        0 => Err(Error::not_found("saved search", name.trim())),
        _ => Ok(()),
    }
}
