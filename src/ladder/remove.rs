//! `rungs ladder remove TRACK[/CODE]`: undoes an import made by mistake. Only
//! when no entry links to the ladder, in any revision, trashed entries included;
//! otherwise the error lists those entries. The removed ids stay taken, so they
//! are never given to another behaviour. The bundled ladder cannot be removed.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{bundled, levels};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemoveReport {
    pub track: String,
    /// `TRACK/CODE` of each removed level.
    pub levels: Vec<String>,
    pub behaviours: usize,
    /// The track itself went too (it has no level left).
    pub track_removed: bool,
    /// The profile's current level was one of them, and is now unset.
    pub profile_cleared: bool,
}

pub fn remove(conn: &Connection, target: &str) -> Result<RemoveReport> {
    let target = target.trim();
    let (track_id, track_name, track_slug, level_ids) = if target.contains('/') {
        let level = levels::resolve_level(conn, target)?;
        let track_id: i64 = conn.query_row(
            "SELECT track_id FROM levels WHERE id = ?1",
            [level.id],
            |r| r.get(0),
        )?;
        (
            track_id,
            level.track,
            level.track_slug,
            vec![(level.id, level.code)],
        )
    } else {
        let found: Option<(i64, String, String)> = conn
            .query_row(
                "SELECT id, name, slug FROM tracks WHERE slug = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE",
                [target],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, name, slug)) = found else {
            let known = levels::all(conn)?
                .iter()
                .map(|l| l.track_slug.clone())
                .fold(Vec::<String>::new(), |mut v, s| {
                    if !v.contains(&s) {
                        v.push(s);
                    }
                    v
                })
                .join(", ");
            return Err(Error::invalid(
                "ladder",
                format!("unknown track '{target}' (tracks: {known}); give TRACK or TRACK/CODE"),
            ));
        };
        let mut stmt =
            conn.prepare("SELECT id, code FROM levels WHERE track_id = ?1 ORDER BY position")?;
        let levels = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(i64, String)>>>()?;
        (id, name, slug, levels)
    };
    if track_slug == bundled::TRACK_SLUG {
        let pinned = pinned_ids();
        let mut holds_pinned = conn.prepare(
            "SELECT EXISTS (SELECT 1 FROM behaviours b JOIN sections s ON s.id = b.section_id
             WHERE s.level_id = ?1 AND b.id IN (SELECT value FROM json_each(?2)))",
        )?;
        for (id, _) in &level_ids {
            if holds_pinned.query_row(params![id, pinned], |r| r.get::<_, bool>(0))? {
                return Err(Error::invalid(
                    "ladder",
                    format!(
                        "the {} ladder ships with Rungs and cannot be removed",
                        bundled::TRACK_NAME
                    ),
                ));
            }
        }
    }

    let linked = linked_entries(conn, &level_ids)?;
    if !linked.is_empty() {
        return Err(Error::Conflict(format!(
            "{} is not removed: {} {} to it (unlink them first):\n{}",
            target,
            linked.len(),
            if linked.len() == 1 {
                "entry links"
            } else {
                "entries link"
            },
            linked.join("\n")
        )));
    }

    let mut behaviours = 0;
    let mut profile_cleared = false;
    for (id, _) in &level_ids {
        profile_cleared |= conn.execute(
            "UPDATE profile SET level_id = NULL WHERE level_id = ?1",
            [id],
        )? > 0;
        conn.execute(
            "INSERT OR IGNORE INTO removed_behaviour_ids (id)
             SELECT b.id FROM behaviours b JOIN sections s ON s.id = b.section_id WHERE s.level_id = ?1",
            [id],
        )?;
        behaviours += conn.execute(
            "DELETE FROM behaviours WHERE section_id IN (SELECT id FROM sections WHERE level_id = ?1)",
            [id],
        )?;
        conn.execute("DELETE FROM sections WHERE level_id = ?1", [id])?;
        conn.execute("DELETE FROM levels WHERE id = ?1", [id])?;
    }
    let track_removed = conn.execute(
        "DELETE FROM tracks WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM levels WHERE track_id = ?1)",
        [track_id],
    )? > 0;
    Ok(RemoveReport {
        track: track_name,
        levels: level_ids
            .iter()
            .map(|(_, c)| format!("{track_slug}/{c}"))
            .collect(),
        behaviours,
        track_removed,
        profile_cleared,
    })
}

fn pinned_ids() -> String {
    serde_json::to_string(&bundled::PINNED.iter().map(|(id, _)| id).collect::<Vec<_>>())
        .expect("ids serialize")
}

/// Entries (any revision, trash included) linking to a behaviour of these levels,
/// themselves or through a conversation's goal.
fn linked_entries(conn: &Connection, level_ids: &[(i64, String)]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "WITH ids AS (SELECT b.id FROM behaviours b JOIN sections s ON s.id = b.section_id
                      WHERE s.level_id = ?1)
         SELECT e.id, e.date, COALESCE(e.title, e.kind), e.deleted_at IS NOT NULL FROM entries e
         WHERE e.id IN (SELECT entry_id FROM entry_behaviours WHERE behaviour_id IN ids)
            OR e.id IN (SELECT r.entry_id FROM revisions r, json_each(r.content, '$.behaviours') j
                        WHERE j.value IN ids)
            OR e.id IN (SELECT r.entry_id FROM revisions r, json_each(r.content, '$.goals') g,
                               json_each(g.value, '$.behaviours') j
                        WHERE j.value IN ids)
         ORDER BY e.date, e.id",
    )?;
    let mut out: Vec<String> = Vec::new();
    for (id, _) in level_ids {
        let rows = stmt.query_map([id], |r| {
            let (id, date, title, trashed): (String, String, String, bool) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let trash = if trashed { " (in the trash)" } else { "" };
            Ok(format!("  {id}  {date}  {title}{trash}"))
        })?;
        for row in rows {
            let line = row?;
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    Ok(out)
}
