//! Live entries read in bulk, for the search index: one query per table for a whole
//! set of entries, instead of `entries::get`'s dozen small queries per entry.
//!
//! Reindexing 100,000 entries and draining a bulk import spent most of their time
//! reading entries back one by one; this gives the same [`Entry`] values (a unit test
//! compares them with `entries::get`) at a fraction of the cost.

use std::collections::HashMap;

use rusqlite::Connection;

use super::entries::row_parts;
use super::model::{Details, Entry, FollowUp, shown_title};
use crate::ladder::BehaviourRef;
use crate::{Error, Result};

/// Which entries to read: a subquery giving entry ids, bound to `?1` and `?2`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope {
    /// Entries with `lo < rowid <= hi` (a reindex walks the table in chunks).
    Rowids(i64, i64),
    /// Entries queued in the outbox with `lo < seq <= hi`.
    Outbox(i64, i64),
}

impl Scope {
    fn ids(self) -> (&'static str, [i64; 2]) {
        match self {
            Scope::Rowids(lo, hi) => (
                "SELECT id FROM entries WHERE rowid > ?1 AND rowid <= ?2",
                [lo, hi],
            ),
            Scope::Outbox(lo, hi) => (
                "SELECT entry_id FROM index_outbox WHERE seq > ?1 AND seq <= ?2",
                [lo, hi],
            ),
        }
    }
}

/// The live (not trashed) entries in `scope`, in no particular order.
pub(crate) fn live_entries(conn: &Connection, scope: Scope) -> Result<Vec<Entry>> {
    let (ids, args) = scope.ids();
    let names = people_names(conn)?;
    let name = |id: i64| -> Result<String> {
        names
            .get(&id)
            .cloned()
            .ok_or_else(|| Error::not_found("person", id.to_string()))
    };

    // Link tables first, grouped by entry and ordered by position.
    let mut people: HashMap<String, Vec<(i64, String, i64)>> = HashMap::new();
    let sql = format!(
        "SELECT entry_id, position, role, person_id FROM entry_people WHERE entry_id IN ({ids})"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        people
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?, r.get(3)?));
    }
    drop(rows);
    let mut tags: HashMap<String, Vec<(i64, String)>> = HashMap::new();
    let sql = format!(
        "SELECT et.entry_id, et.position, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
         WHERE et.entry_id IN ({ids})"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        tags.entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?));
    }
    drop(rows);
    let mut behaviours: HashMap<String, Vec<(i64, BehaviourRef)>> = HashMap::new();
    let sql = format!(
        "SELECT eb.entry_id, eb.position, eb.behaviour_id, b.text, b.retired_at IS NOT NULL
         FROM entry_behaviours eb JOIN behaviours b ON b.id = eb.behaviour_id
         WHERE eb.entry_id IN ({ids})"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        behaviours.entry(r.get(0)?).or_default().push((
            r.get(1)?,
            BehaviourRef {
                id: r.get(2)?,
                text: r.get(3)?,
                retired: r.get(4)?,
            },
        ));
    }
    drop(rows);
    let mut follow_ups: HashMap<String, Vec<(i64, FollowUp)>> = HashMap::new();
    let sql = format!(
        "SELECT entry_id, position, id, text, done FROM follow_ups WHERE entry_id IN ({ids})"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        follow_ups.entry(r.get(0)?).or_default().push((
            r.get(1)?,
            FollowUp {
                id: r.get(2)?,
                text: r.get(3)?,
                done: r.get(4)?,
            },
        ));
    }
    drop(rows);

    fn in_order<T>(mut v: Vec<(i64, T)>) -> Vec<T> {
        v.sort_by_key(|(p, _)| *p);
        v.into_iter().map(|(_, t)| t).collect()
    }

    let sql = format!(
        "SELECT kind, title, date, time, role, minutes, area, ticket, notes, learned,
                direction, situation, observed, impact, tone, reflection, body, source,
                id, created_at, updated_at, revision, deleted_at, demo = 1
         FROM entries WHERE deleted_at IS NULL AND id IN ({ids})"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (_, title, date, time, mut details) = row_parts(r)?;
        let id: String = r.get(18)?;
        let linked = |role: &str| -> Vec<i64> {
            let mut v: Vec<(i64, i64)> = people
                .get(&id)
                .into_iter()
                .flatten()
                .filter(|(_, r, _)| r == role)
                .map(|(pos, _, person)| (*pos, *person))
                .collect();
            v.sort_by_key(|(p, _)| *p);
            v.into_iter().map(|(_, person)| person).collect()
        };
        match &mut details {
            Details::Pairing(p) => {
                p.partners = linked("partner");
                p.follow_ups = in_order(follow_ups.remove(&id).unwrap_or_default());
            }
            Details::Feedback(f) => {
                f.person = *linked("subject")
                    .first()
                    .ok_or_else(|| Error::Conflict(format!("feedback {id} has no person")))?;
            }
            Details::Learning(_) => {}
            // Conversations are few: their goals are read one conversation at a time.
            Details::Conversation(c) => {
                c.person = *linked("subject")
                    .first()
                    .ok_or_else(|| Error::Conflict(format!("conversation {id} has no person")))?;
                c.goals = super::goals::load(conn, &id)?;
            }
        }
        let details = details.map_people(name)?;
        let title = shown_title(title.as_deref(), &details);
        out.push(Entry {
            title,
            date,
            time,
            created_at: r.get(19)?,
            updated_at: r.get(20)?,
            revision: r.get(21)?,
            deleted_at: r.get(22)?,
            demo: r.get(23)?,
            tags: in_order(tags.remove(&id).unwrap_or_default()),
            behaviours: in_order(behaviours.remove(&id).unwrap_or_default()),
            details,
            id,
        });
    }
    Ok(out)
}

/// Every person's current name by id, merged people under the name of whom they
/// were merged into (as `people::name_of` resolves them).
fn people_names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, merged_into FROM people")?;
    let all: HashMap<i64, (String, Option<i64>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = HashMap::with_capacity(all.len());
    for &id in all.keys() {
        let mut at = id;
        for _ in 0..64 {
            match all.get(&at) {
                Some((_, Some(next))) => at = *next,
                _ => break,
            }
        }
        if let Some((name, None)) = all.get(&at) {
            out.insert(id, name.clone());
        }
    }
    Ok(out)
}

/// The highest rowid of `entries` (a reindex walks up to it in chunks).
pub(crate) fn max_rowid(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(rowid), 0) FROM entries", [], |r| {
            r.get(0)
        })?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Journal;

    /// The bulk reader gives exactly what `entries::get` gives, for every kind, after
    /// renames, merges, trashing and edits.
    #[test]
    fn bulk_read_equals_reading_one_by_one() {
        let mut j = Journal::open_in_memory().unwrap();
        j.load_synthetic(300, 3, &mut |_, _| {}).unwrap();
        let conn = j.database().conn();
        let mut ids: Vec<String> = conn
            .prepare("SELECT id FROM entries")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        ids.sort();
        let people = j.people().unwrap();
        j.rename_person(&people[0].name, "Renamed Person").unwrap();
        j.merge_people(&people[1].name, &people[2].name).unwrap();
        j.delete(&ids[0]).unwrap();
        let conn = j.database().conn();
        let mut bulk = live_entries(conn, Scope::Rowids(0, max_rowid(conn).unwrap())).unwrap();
        bulk.sort_by(|a, b| a.id.cmp(&b.id));
        let one_by_one: Vec<Entry> = ids
            .iter()
            .map(|id| super::super::entries::get(conn, id).unwrap())
            .filter(|e| e.deleted_at.is_none())
            .collect();
        assert_eq!(bulk.len(), 299);
        assert_eq!(bulk, one_by_one);
        assert!(
            bulk.iter()
                .any(|e| e.tags.len() > 1 && !e.behaviours.is_empty())
        );
        // A chunk of rowids and an outbox range read only their live entries.
        let ids_where = |sql: &str| -> Vec<String> {
            let mut v: Vec<String> = conn
                .prepare(sql)
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            v.sort();
            v
        };
        let sorted_ids = |mut v: Vec<Entry>| -> Vec<String> {
            let mut ids: Vec<String> = v.drain(..).map(|e| e.id).collect();
            ids.sort();
            ids
        };
        let part = live_entries(conn, Scope::Rowids(5, 40)).unwrap();
        assert_eq!(
            sorted_ids(part),
            ids_where(
                "SELECT id FROM entries WHERE rowid > 5 AND rowid <= 40 AND deleted_at IS NULL"
            )
        );
        let before: i64 = conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM index_outbox", [], |r| {
                r.get(0)
            })
            .unwrap();
        conn.execute(
            "UPDATE entries SET title = 'changed' WHERE id IN (?1, ?2, ?3)",
            [&ids[0], &ids[7], &ids[9]],
        )
        .unwrap();
        let after = live_entries(conn, Scope::Outbox(before, before + 10)).unwrap();
        assert_eq!(
            sorted_ids(after.clone()),
            vec![ids[7].clone(), ids[9].clone()]
        );
        assert!(after.iter().all(|e| e.title == "changed"));
    }
}
