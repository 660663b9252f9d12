//! The ladder in SQLite: reading a stored level for [`plan`](super::plan),
//! writing a plan, and reading the ladder back for display and for entries.
//!
//! Behaviours are never deleted by an import: one that leaves the file is
//! retired (`retired_at`), so its id is never given to another behaviour and the
//! entries that link to it keep it. A reworded one keeps its id, and its earlier
//! wording goes to `behaviour_wordings`.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};

use super::plan::{Change, LevelPlan, StoredBehaviour, StoredLevel, StoredSection};
use super::{Behaviour, BehaviourRef, Ladder, Level, ParsedLevel, Section};
use crate::{Error, Result, clock};

/// Every behaviour id ever given out (lower-cased), removed imports included.
pub fn taken_ids(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT lower(id) FROM behaviours UNION SELECT lower(id) FROM removed_behaviour_ids",
    )?;
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The stored level `code` of track `track_id`, with every section and behaviour.
pub fn stored_level(conn: &Connection, track_id: i64, code: &str) -> Result<Option<StoredLevel>> {
    let Some(id) = conn
        .query_row(
            "SELECT id FROM levels WHERE track_id = ?1 AND code = ?2 COLLATE NOCASE",
            params![track_id, code],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT id, number, title, retired_at IS NOT NULL FROM sections WHERE level_id = ?1 ORDER BY position",
    )?;
    let sections = stmt
        .query_map([id], |r| {
            Ok(StoredSection {
                id: r.get(0)?,
                number: r.get(1)?,
                title: r.get(2)?,
                retired: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT b.id, b.section_id, b.number, b.text, b.retired_at IS NOT NULL
         FROM behaviours b JOIN sections s ON s.id = b.section_id
         WHERE s.level_id = ?1 ORDER BY s.position, b.position",
    )?;
    let behaviours = stmt
        .query_map([id], |r| {
            Ok(StoredBehaviour {
                id: r.get(0)?,
                section_id: r.get(1)?,
                number: r.get(2)?,
                text: r.get(3)?,
                retired: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(StoredLevel {
        id,
        sections,
        behaviours,
    }))
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serializes")
}

/// Writes one planned level of track `track_id`. Returns the level's id.
pub fn apply_level(
    conn: &Connection,
    track_id: i64,
    parsed: &ParsedLevel,
    plan: &LevelPlan,
) -> Result<i64> {
    let now = clock::now_timestamp();
    let level_id = match plan.stored {
        Some(id) => {
            conn.execute(
                "UPDATE levels SET title = ?2, summary = ?3, attributes = ?4 WHERE id = ?1",
                params![id, parsed.title, parsed.summary, json(&parsed.attributes)],
            )?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO levels (track_id, code, title, summary, attributes, position)
                 VALUES (?1, ?2, ?3, ?4, ?5,
                         (SELECT COALESCE(MAX(position), 0) + 1 FROM levels WHERE track_id = ?1))",
                params![
                    track_id,
                    parsed.code,
                    parsed.title,
                    parsed.summary,
                    json(&parsed.attributes)
                ],
            )?;
            conn.last_insert_rowid()
        }
    };
    // Positions first move out of the way (negative), then take their new values.
    conn.execute(
        "UPDATE behaviours SET position = -position WHERE section_id IN (SELECT id FROM sections WHERE level_id = ?1)",
        [level_id],
    )?;
    let mut insert_behaviour = conn.prepare_cached(
        "INSERT INTO behaviours (id, section_id, number, position, text, label, examples)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut place_behaviour = conn.prepare_cached(
        "UPDATE behaviours SET section_id = ?2, number = ?3, position = ?4 WHERE id = ?1",
    )?;
    // Only a real change touches text, label or retirement: that re-indexes the
    // entries linking to the behaviour (trigger), which an unchanged import must not.
    let mut update_behaviour = conn.prepare_cached(
        "UPDATE behaviours SET text = ?2, label = ?3, examples = ?4, retired_at = NULL
         WHERE id = ?1 AND (text IS NOT ?2 OR label IS NOT ?3 OR examples IS NOT ?4
                            OR retired_at IS NOT NULL)",
    )?;
    let mut keep_wording = conn.prepare_cached(
        "INSERT INTO behaviour_wordings (behaviour_id, text, replaced_at) VALUES (?1, ?2, ?3)",
    )?;
    for (si, (ps, sp)) in parsed.sections.iter().zip(&plan.sections).enumerate() {
        let position = si as i64 + 1;
        let section_id = match sp.stored {
            Some(id) => {
                conn.execute(
                    "UPDATE sections SET title = ?2, heading = ?3, code = ?4, summary = ?5, examples = ?6,
                            position = ?7, retired_at = NULL WHERE id = ?1",
                    params![id, ps.title, ps.heading, ps.code, ps.summary, json(&ps.examples), position],
                )?;
                id
            }
            None => {
                conn.execute(
                    "INSERT INTO sections (level_id, number, title, heading, code, summary, examples, position)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![level_id, sp.number, ps.title, ps.heading, ps.code, ps.summary, json(&ps.examples), position],
                )?;
                conn.last_insert_rowid()
            }
        };
        for (bi, (pb, bp)) in ps.behaviours.iter().zip(&sp.behaviours).enumerate() {
            let position = bi as i64 + 1;
            let examples = json(&pb.examples);
            match &bp.change {
                Change::Added => {
                    insert_behaviour.execute(params![
                        bp.id, section_id, bp.number, position, pb.text, pb.label, examples
                    ])?;
                }
                change => {
                    if let Change::Reworded { from } = change {
                        keep_wording.execute(params![bp.id, from, now])?;
                    }
                    place_behaviour.execute(params![bp.id, section_id, bp.number, position])?;
                    update_behaviour.execute(params![bp.id, pb.text, pb.label, examples])?;
                }
            }
        }
    }
    let mut retire = conn.prepare_cached("UPDATE behaviours SET retired_at = ?2 WHERE id = ?1")?;
    for (id, _) in &plan.retired {
        retire.execute(params![id, now])?;
    }
    let mut retire_section =
        conn.prepare_cached("UPDATE sections SET retired_at = ?2, position = -id WHERE id = ?1")?;
    for id in &plan.retired_sections {
        retire_section.execute(params![id, now])?;
    }
    // Retired behaviours keep distinct positions after the active ones.
    conn.execute(
        "UPDATE behaviours SET position = 100000 + number
         WHERE position < 0 AND section_id IN (SELECT id FROM sections WHERE level_id = ?1)",
        [level_id],
    )?;
    Ok(level_id)
}

/// Orders a track's levels by the number in their codes when every code has one,
/// else keeps the order they were imported in.
pub fn order_levels(conn: &Connection, track_id: i64) -> Result<()> {
    let mut stmt =
        conn.prepare("SELECT id, code FROM levels WHERE track_id = ?1 ORDER BY position")?;
    let mut levels: Vec<(i64, String)> = stmt
        .query_map([track_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let numbers: Vec<Option<u32>> = levels
        .iter()
        .map(|(_, c)| super::parse::names::level_number(c))
        .collect();
    if numbers.iter().all(Option::is_some) {
        let key: HashMap<i64, u32> = levels
            .iter()
            .zip(&numbers)
            .map(|((id, _), n)| (*id, n.unwrap_or(0)))
            .collect();
        levels.sort_by_key(|(id, _)| key[id]);
    }
    for (i, (id, _)) in levels.iter().enumerate() {
        conn.execute(
            "UPDATE levels SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
            params![id, i as i64 + 1],
        )?;
    }
    Ok(())
}

/// The ladder with active behaviours only.
pub fn load(conn: &Connection) -> Result<Ladder> {
    load_with(conn, false)
}

/// The ladder, tracks in creation order, levels and sections in order. Retired
/// behaviours are included (flagged) only with `retired`.
pub fn load_with(conn: &Connection, retired: bool) -> Result<Ladder> {
    let mut stmt = conn.prepare(
        "SELECT l.id, l.code, l.title, l.summary, t.name, l.attributes
         FROM levels l JOIN tracks t ON t.id = l.track_id ORDER BY t.id, l.position",
    )?;
    let mut levels: Vec<(i64, Level)> = stmt
        .query_map([], |r| {
            let attributes: String = r.get(5)?;
            Ok((
                r.get(0)?,
                Level {
                    code: r.get(1)?,
                    title: r.get(2)?,
                    summary: r.get(3)?,
                    track: r.get(4)?,
                    attributes: serde_json::from_str(&attributes).unwrap_or_default(),
                    sections: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut sections = conn.prepare_cached(
        "SELECT id, title, code, summary, examples FROM sections WHERE level_id = ?1 ORDER BY position",
    )?;
    let mut behaviours = conn.prepare_cached(
        "SELECT id, text, label, examples, retired_at IS NOT NULL FROM behaviours
         WHERE section_id = ?1 AND (?2 OR retired_at IS NULL) ORDER BY position",
    )?;
    // Earlier wordings are few: one query for all, not one per behaviour.
    let mut wordings: HashMap<String, Vec<String>> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT behaviour_id, text FROM behaviour_wordings ORDER BY rowid")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
        let (id, text) = row?;
        wordings.entry(id).or_default().push(text);
    }
    for (level_id, level) in &mut levels {
        let rows: Vec<(i64, String, Option<String>, String, String)> = sections
            .query_map([*level_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (section_id, title, code, summary, examples) in rows {
            let mut list = behaviours
                .query_map(params![section_id, retired], |r| {
                    let examples: String = r.get(3)?;
                    Ok(Behaviour {
                        id: r.get(0)?,
                        text: r.get(1)?,
                        label: r.get(2)?,
                        examples: serde_json::from_str(&examples).unwrap_or_default(),
                        previous: Vec::new(),
                        retired: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for b in &mut list {
                b.previous = wordings.remove(&b.id).unwrap_or_default();
            }
            if !list.is_empty() {
                level.sections.push(Section {
                    title,
                    code,
                    summary,
                    examples: serde_json::from_str(&examples).unwrap_or_default(),
                    behaviours: list,
                });
            }
        }
    }
    Ok(Ladder {
        levels: levels
            .into_iter()
            .map(|(_, l)| l)
            .filter(|l| !l.sections.is_empty())
            .collect(),
    })
}

/// Resolves a behaviour id as typed (case-insensitive) to its stored form and text.
/// Cached: entry saves call it once per linked behaviour, bulk imports thousands of times.
pub fn behaviour(conn: &Connection, id: &str) -> Result<BehaviourRef> {
    conn.prepare_cached(
        "SELECT id, text, retired_at IS NOT NULL FROM behaviours WHERE id = ?1 COLLATE NOCASE",
    )?
    .query_row([id.trim()], |r| {
        Ok(BehaviourRef {
            id: r.get(0)?,
            text: r.get(1)?,
            retired: r.get(2)?,
        })
    })
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            "behaviour",
            format!("unknown behaviour id '{id}' (see `rungs ladder show` for the ids)"),
        )
    })
}
