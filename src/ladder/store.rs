//! Storing a ladder: importing parsed levels with stable behaviour ids, and reading
//! the ladder back.
//!
//! Ids are `CODE.SECTION.BULLET` (`L2.3.1`), given once when a behaviour first
//! appears and never reused: a behaviour that disappears from the file is retired,
//! not deleted, and re-importing matches behaviours by their text within the level.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Behaviour, BehaviourRef, Ladder, Level, ParsedLadder, Section};
use crate::{Error, Result, clock};

/// What an import changed. All zeros means the file was already in the journal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub levels: Vec<String>,
    pub levels_added: usize,
    pub sections_added: usize,
    pub behaviours_added: usize,
    pub behaviours_updated: usize,
    pub behaviours_retired: usize,
}

impl ImportSummary {
    pub fn changed(&self) -> bool {
        self.levels_added
            + self.sections_added
            + self.behaviours_added
            + self.behaviours_updated
            + self.behaviours_retired
            > 0
    }

    fn absorb(&mut self, other: ImportSummary) {
        self.levels.extend(other.levels);
        self.levels_added += other.levels_added;
        self.sections_added += other.sections_added;
        self.behaviours_added += other.behaviours_added;
        self.behaviours_updated += other.behaviours_updated;
        self.behaviours_retired += other.behaviours_retired;
    }
}

/// Imports every level of `ladder`. Levels already in the journal (same code) are
/// updated in place; new ones join the track `track_slug`.
pub fn import(
    conn: &Connection,
    track_slug: &str,
    track_name: &str,
    ladder: &ParsedLadder,
) -> Result<ImportSummary> {
    let track_id = ensure_track(conn, track_slug, track_name)?;
    let mut summary = ImportSummary::default();
    for level in &ladder.levels {
        summary.absorb(import_level(conn, track_id, level)?);
    }
    Ok(summary)
}

fn ensure_track(conn: &Connection, slug: &str, name: &str) -> Result<i64> {
    if let Some(id) = conn
        .query_row("SELECT id FROM tracks WHERE slug = ?1", [slug], |r| {
            r.get(0)
        })
        .optional()?
    {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO tracks (slug, name) VALUES (?1, ?2)",
        params![slug, name],
    )?;
    Ok(conn.last_insert_rowid())
}

struct ExistingBehaviour {
    id: String,
    section_id: i64,
    position: i64,
    label: Option<String>,
    retired: bool,
    used: bool,
}

fn import_level(
    conn: &Connection,
    track_id: i64,
    level: &super::ParsedLevel,
) -> Result<ImportSummary> {
    let mut summary = ImportSummary {
        levels: vec![level.code.clone()],
        ..Default::default()
    };
    let now = clock::now_timestamp();

    let existing: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT id, title, summary FROM levels WHERE code = ?1 COLLATE NOCASE
             ORDER BY track_id = ?2 DESC, id LIMIT 1",
            params![level.code, track_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let level_id = match existing {
        Some((id, title, text)) => {
            if title != level.title || text != level.summary {
                conn.execute(
                    "UPDATE levels SET title = ?2, summary = ?3 WHERE id = ?1",
                    params![id, level.title, level.summary],
                )?;
            }
            id
        }
        None => {
            let position: i64 = conn.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM levels WHERE track_id = ?1",
                [track_id],
                |r| r.get(0),
            )?;
            conn.execute(
                "INSERT INTO levels (track_id, code, title, summary, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![track_id, level.code, level.title, level.summary, position],
            )?;
            summary.levels_added += 1;
            conn.last_insert_rowid()
        }
    };
    let code: String =
        conn.query_row("SELECT code FROM levels WHERE id = ?1", [level_id], |r| {
            r.get(0)
        })?;

    // Sections by title; behaviours by text, across the whole level (a bullet may move).
    let mut sections: HashMap<String, (i64, i64, i64, bool)> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, title, number, position, retired_at IS NOT NULL FROM sections WHERE level_id = ?1",
        )?;
        let rows = stmt.query_map([level_id], |r| {
            Ok((
                r.get::<_, String>(1)?,
                (r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?),
            ))
        })?;
        for row in rows {
            let (title, v) = row?;
            sections.insert(title, v);
        }
    }
    let mut behaviours: HashMap<String, Vec<ExistingBehaviour>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT b.id, b.text, b.section_id, b.position, b.label, b.retired_at IS NOT NULL
             FROM behaviours b JOIN sections s ON s.id = b.section_id
             WHERE s.level_id = ?1 ORDER BY b.retired_at IS NOT NULL, s.position, b.position",
        )?;
        let rows = stmt.query_map([level_id], |r| {
            Ok((
                r.get::<_, String>(1)?,
                ExistingBehaviour {
                    id: r.get(0)?,
                    section_id: r.get(2)?,
                    position: r.get(3)?,
                    label: r.get(4)?,
                    retired: r.get(5)?,
                    used: false,
                },
            ))
        })?;
        for row in rows {
            let (text, b) = row?;
            behaviours.entry(text).or_default().push(b);
        }
    }

    let mut next_section_number: i64 = sections.values().map(|s| s.1).max().unwrap_or(0) + 1;
    let mut kept_sections = Vec::new();
    for (si, section) in level.sections.iter().enumerate() {
        let position = si as i64 + 1;
        let (section_id, number) = match sections.get(&section.title) {
            Some(&(id, number, old_position, retired)) => {
                if old_position != position || retired {
                    conn.execute(
                        "UPDATE sections SET position = ?2, retired_at = NULL WHERE id = ?1",
                        params![id, position],
                    )?;
                }
                (id, number)
            }
            None => {
                let number = next_section_number;
                next_section_number += 1;
                conn.execute(
                    "INSERT INTO sections (level_id, number, title, position) VALUES (?1, ?2, ?3, ?4)",
                    params![level_id, number, section.title, position],
                )?;
                summary.sections_added += 1;
                (conn.last_insert_rowid(), number)
            }
        };
        kept_sections.push(section_id);

        let mut next_number: i64 = conn.query_row(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM behaviours WHERE section_id = ?1",
            [section_id],
            |r| r.get(0),
        )?;
        for (bi, behaviour) in section.behaviours.iter().enumerate() {
            let position = bi as i64 + 1;
            let found = behaviours
                .get_mut(&behaviour.text)
                .and_then(|list| list.iter_mut().find(|b| !b.used));
            match found {
                Some(b) => {
                    b.used = true;
                    if b.section_id != section_id
                        || b.position != position
                        || b.label != behaviour.label
                        || b.retired
                    {
                        conn.execute(
                            "UPDATE behaviours SET section_id = ?2, position = ?3, label = ?4, retired_at = NULL
                             WHERE id = ?1",
                            params![b.id, section_id, position, behaviour.label],
                        )?;
                        summary.behaviours_updated += 1;
                    }
                }
                None => {
                    let id = loop {
                        let candidate = format!("{code}.{number}.{next_number}");
                        next_number += 1;
                        let taken: bool = conn.query_row(
                            "SELECT EXISTS (SELECT 1 FROM behaviours WHERE id = ?1 COLLATE NOCASE)",
                            [&candidate],
                            |r| r.get(0),
                        )?;
                        if !taken {
                            break candidate;
                        }
                    };
                    conn.execute(
                        "INSERT INTO behaviours (id, section_id, number, position, text, label)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            id,
                            section_id,
                            next_number - 1,
                            position,
                            behaviour.text,
                            behaviour.label
                        ],
                    )?;
                    summary.behaviours_added += 1;
                }
            }
        }
    }

    for b in behaviours.values().flatten() {
        if !b.used && !b.retired {
            conn.execute(
                "UPDATE behaviours SET retired_at = ?2 WHERE id = ?1",
                params![b.id, now],
            )?;
            summary.behaviours_retired += 1;
        }
    }
    for &(id, _, _, retired) in sections.values() {
        if !retired && !kept_sections.contains(&id) {
            conn.execute(
                "UPDATE sections SET retired_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
        }
    }
    Ok(summary)
}

/// The whole active ladder, tracks in creation order, levels and sections in order.
pub fn load(conn: &Connection) -> Result<Ladder> {
    let mut stmt = conn.prepare(
        "SELECT l.id, l.code, l.title, l.summary, t.name FROM levels l JOIN tracks t ON t.id = l.track_id
         ORDER BY t.id, l.position",
    )?;
    let mut levels: Vec<(i64, Level)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                Level {
                    code: r.get(1)?,
                    title: r.get(2)?,
                    summary: r.get(3)?,
                    track: r.get(4)?,
                    sections: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut sections = conn.prepare(
        "SELECT id, title FROM sections WHERE level_id = ?1 AND retired_at IS NULL ORDER BY position",
    )?;
    let mut behaviours = conn.prepare(
        "SELECT id, text, label FROM behaviours WHERE section_id = ?1 AND retired_at IS NULL ORDER BY position",
    )?;
    for (level_id, level) in &mut levels {
        let rows: Vec<(i64, String)> = sections
            .query_map([*level_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (section_id, title) in rows {
            let list = behaviours
                .query_map([section_id], |r| {
                    Ok(Behaviour {
                        id: r.get(0)?,
                        text: r.get(1)?,
                        label: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if !list.is_empty() {
                level.sections.push(Section {
                    title,
                    behaviours: list,
                });
            }
        }
    }
    Ok(Ladder {
        levels: levels.into_iter().map(|(_, l)| l).collect(),
    })
}

/// Resolves a behaviour id as typed (case-insensitive) to its stored form and text.
pub fn behaviour(conn: &Connection, id: &str) -> Result<BehaviourRef> {
    conn.query_row(
        "SELECT id, text FROM behaviours WHERE id = ?1 COLLATE NOCASE",
        [id.trim()],
        |r| {
            Ok(BehaviourRef {
                id: r.get(0)?,
                text: r.get(1)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            "behaviour",
            format!("unknown behaviour id '{id}' (see `rungs ladder show` for the ids)"),
        )
    })
}
