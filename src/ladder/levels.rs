//! `--level CODE` or `--level TRACK/CODE`, resolved the same way for every
//! command (search, list, suggest, profile). A code two tracks share is an error
//! that lists the candidates.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::bundled;
use crate::{Error, Result};

/// A stored level, as commands refer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LevelRef {
    #[serde(skip)]
    pub id: i64,
    pub track: String,
    pub track_slug: String,
    pub code: String,
    pub title: String,
}

impl LevelRef {
    /// `TRACK/CODE`, unambiguous everywhere.
    pub fn full_code(&self) -> String {
        format!("{}/{}", self.track_slug, self.code)
    }

    /// What the level's behaviour ids start with (`L2` for the bundled track,
    /// `developer/D1` for others): the level facet of the search index.
    pub fn key(&self) -> String {
        id_prefix(&self.track_slug, &self.code)
    }
}

/// Behaviour ids of the bundled track are `L2.3.1`; of any other track
/// `slug/CODE.3.1`, so two tracks' `L1` never share an id.
pub fn id_prefix(track_slug: &str, code: &str) -> String {
    if track_slug == bundled::TRACK_SLUG {
        code.to_string()
    } else {
        format!("{track_slug}/{code}")
    }
}

const SELECT: &str = "SELECT l.id, t.name, t.slug, l.code, l.title
     FROM levels l JOIN tracks t ON t.id = l.track_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LevelRef> {
    Ok(LevelRef {
        id: r.get(0)?,
        track: r.get(1)?,
        track_slug: r.get(2)?,
        code: r.get(3)?,
        title: r.get(4)?,
    })
}

/// Resolves `CODE` (when only one track has it) or `TRACK/CODE` (track by slug or name).
pub fn resolve_level(conn: &Connection, input: &str) -> Result<LevelRef> {
    let input = input.trim();
    if input.is_empty() {
        return Err(Error::invalid("level", "must not be empty"));
    }
    let candidates: Vec<LevelRef> = match input.rsplit_once('/') {
        Some((track, code)) => {
            let mut stmt = conn.prepare(&format!(
                "{SELECT} WHERE l.code = ?2 COLLATE NOCASE
                   AND (t.slug = ?1 COLLATE NOCASE OR t.name = ?1 COLLATE NOCASE)
                 ORDER BY t.id, l.position"
            ))?;
            stmt.query_map([track.trim(), code.trim()], row)?
                .collect::<rusqlite::Result<_>>()?
        }
        None => {
            let mut stmt = conn.prepare(&format!(
                "{SELECT} WHERE l.code = ?1 COLLATE NOCASE ORDER BY t.id, l.position"
            ))?;
            stmt.query_map([input], row)?
                .collect::<rusqlite::Result<_>>()?
        }
    };
    match candidates.len() {
        1 => Ok(candidates.into_iter().next().expect("one candidate")),
        0 => {
            let known = all(conn)?
                .iter()
                .map(|l| l.full_code())
                .collect::<Vec<_>>()
                .join(", ");
            Err(Error::invalid(
                "level",
                format!("unknown level '{input}' (the ladder has: {known})"),
            ))
        }
        _ => {
            let list = candidates
                .iter()
                .map(|l| format!("{} ({}: {})", l.full_code(), l.track, l.title))
                .collect::<Vec<_>>()
                .join(", ");
            Err(Error::invalid(
                "level",
                format!(
                    "'{input}' is ambiguous: it is a level of several tracks; say which with TRACK/CODE: {list}"
                ),
            ))
        }
    }
}

/// Every level, tracks in creation order, levels in ladder order.
pub fn all(conn: &Connection) -> Result<Vec<LevelRef>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY t.id, l.position"))?;
    Ok(stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?)
}

/// The level after `level` in its track ("the next level after L2 is L3").
pub fn next_level(conn: &Connection, level: &LevelRef) -> Result<Option<LevelRef>> {
    Ok(conn
        .query_row(
            &format!(
                "{SELECT} WHERE l.track_id = (SELECT track_id FROM levels WHERE id = ?1)
                   AND l.position > (SELECT position FROM levels WHERE id = ?1)
                 ORDER BY l.position LIMIT 1"
            ),
            [level.id],
            row,
        )
        .optional()?)
}
