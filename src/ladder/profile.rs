//! The user's profile: the current level, which later features read (what to
//! practise next, which level's gaps to show).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::levels::{self, LevelRef};
use crate::Result;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    /// The current level, once set with `rungs profile --level`.
    pub level: Option<LevelRef>,
    /// The level after it in its track.
    pub next_level: Option<LevelRef>,
}

pub fn load(conn: &Connection) -> Result<Profile> {
    let id: Option<i64> = conn
        .query_row("SELECT level_id FROM profile WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    let Some(id) = id else {
        return Ok(Profile::default());
    };
    let level = levels::all(conn)?.into_iter().find(|l| l.id == id);
    let next_level = match &level {
        Some(l) => levels::next_level(conn, l)?,
        None => None,
    };
    Ok(Profile { level, next_level })
}

/// Sets (or, with `None`, clears) the current level.
pub fn set_level(conn: &Connection, level: Option<&LevelRef>) -> Result<()> {
    conn.execute(
        "INSERT INTO profile (id, level_id) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET level_id = excluded.level_id",
        params![level.map(|l| l.id)],
    )?;
    Ok(())
}
