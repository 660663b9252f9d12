//! The Rust half of migration 4 (`004_name_keys.sql`): folded name keys for people
//! and tags. Frozen like the SQL: it uses nothing from the journal code, so later
//! changes there cannot change what this migration did.
//!
//! Names that were two people (or two tags) only because SQLite's NOCASE ignores
//! non-ASCII case become one, as `rungs person merge` would make them: the oldest
//! survives, the others point at it, and every entry whose people or tags change
//! gets a new revision saying so (history is never rewritten).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use rusqlite_migration::HookResult;

/// The key this migration stores; `journal::validate::name_key` must agree with it.
fn fold(name: &str) -> String {
    name.to_lowercase()
}

pub fn up(tx: &Transaction) -> HookResult {
    let mut changed = BTreeSet::new();
    merge_people(tx, &mut changed)?;
    merge_tags(tx, &mut changed)?;
    for entry in &changed {
        record_revision(tx, entry)?;
    }
    tx.execute_batch(
        "DROP INDEX people_active_name;
         CREATE UNIQUE INDEX people_active_key ON people(name_key) WHERE merged_into IS NULL;
         CREATE INDEX people_by_key ON people(name_key);
         CREATE UNIQUE INDEX tags_key ON tags(name_key);
         CREATE TRIGGER people_key_required BEFORE INSERT ON people WHEN NEW.name_key IS NULL
         BEGIN SELECT RAISE(ABORT, 'people.name_key must be set'); END;
         CREATE TRIGGER tags_key_required BEFORE INSERT ON tags WHEN NEW.name_key IS NULL
         BEGIN SELECT RAISE(ABORT, 'tags.name_key must be set'); END;",
    )?;
    Ok(())
}

/// `(id, name)` rows of `sql`, keyed and grouped by folded name (oldest id first).
fn groups(conn: &Connection, sql: &str) -> rusqlite::Result<BTreeMap<String, Vec<i64>>> {
    let mut stmt = conn.prepare(sql)?;
    let rows: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (id, name) in rows {
        out.entry(fold(&name)).or_default().push(id);
    }
    Ok(out)
}

fn merge_people(tx: &Transaction, changed: &mut BTreeSet<String>) -> rusqlite::Result<()> {
    for (key, ids) in groups(tx, "SELECT id, name FROM people ORDER BY id")? {
        for id in &ids {
            tx.execute(
                "UPDATE people SET name_key = ?2 WHERE id = ?1",
                params![id, key],
            )?;
        }
    }
    let active = groups(
        tx,
        "SELECT id, name FROM people WHERE merged_into IS NULL ORDER BY id",
    )?;
    for ids in active.values().filter(|ids| ids.len() > 1) {
        let into = ids[0];
        for &from in &ids[1..] {
            let mut stmt =
                tx.prepare("SELECT DISTINCT entry_id FROM entry_people WHERE person_id = ?1")?;
            let entries: Vec<String> = stmt
                .query_map([from], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            changed.extend(entries);
            // An entry naming both keeps one link, at the earlier position.
            tx.execute(
                "DELETE FROM entry_people WHERE person_id = ?1 AND EXISTS (
                     SELECT 1 FROM entry_people o WHERE o.entry_id = entry_people.entry_id
                     AND o.role = entry_people.role AND o.person_id = ?2)",
                params![from, into],
            )?;
            tx.execute(
                "UPDATE entry_people SET person_id = ?2 WHERE person_id = ?1",
                params![from, into],
            )?;
            tx.execute(
                "UPDATE people SET mentee = mentee OR (SELECT mentee FROM people WHERE id = ?1),
                                   demo = demo AND (SELECT demo FROM people WHERE id = ?1)
                 WHERE id = ?2",
                params![from, into],
            )?;
            tx.execute(
                "UPDATE people SET merged_into = ?2 WHERE id = ?1",
                params![from, into],
            )?;
        }
    }
    Ok(())
}

fn merge_tags(tx: &Transaction, changed: &mut BTreeSet<String>) -> rusqlite::Result<()> {
    for (key, ids) in groups(tx, "SELECT id, name FROM tags ORDER BY id")? {
        let into = ids[0];
        tx.execute(
            "UPDATE tags SET name_key = ?2 WHERE id = ?1",
            params![into, key],
        )?;
        for &from in &ids[1..] {
            let mut stmt = tx.prepare("SELECT entry_id FROM entry_tags WHERE tag_id = ?1")?;
            let entries: Vec<String> = stmt
                .query_map([from], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            changed.extend(entries);
            tx.execute(
                "DELETE FROM entry_tags WHERE tag_id = ?1 AND EXISTS (
                     SELECT 1 FROM entry_tags o WHERE o.entry_id = entry_tags.entry_id
                     AND o.tag_id = ?2)",
                params![from, into],
            )?;
            tx.execute(
                "UPDATE entry_tags SET tag_id = ?2 WHERE tag_id = ?1",
                params![from, into],
            )?;
            // Old revisions keep tags by name, so the spelling they had stays there.
            tx.execute("DELETE FROM tags WHERE id = ?1", [from])?;
        }
    }
    Ok(())
}

/// A new revision of `entry`: its latest content with the people and tags it has now.
fn record_revision(tx: &Transaction, entry: &str) -> rusqlite::Result<()> {
    let latest: Option<(i64, String)> = tx
        .query_row(
            "SELECT revision, content FROM revisions WHERE entry_id = ?1
             ORDER BY revision DESC LIMIT 1",
            [entry],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((revision, json)) = latest else {
        return Ok(());
    };
    let Ok(serde_json::Value::Object(mut content)) = serde_json::from_str(&json) else {
        // Not ours to repair here: history shows the revision as unreadable already.
        return Ok(());
    };
    let ids = |role: &str| -> rusqlite::Result<Vec<i64>> {
        let mut stmt = tx.prepare(
            "SELECT person_id FROM entry_people WHERE entry_id = ?1 AND role = ?2
             ORDER BY position",
        )?;
        stmt.query_map(params![entry, role], |r| r.get(0))?
            .collect()
    };
    if content.contains_key("partners") {
        content.insert("partners".into(), ids("partner")?.into());
    }
    if let Some(&person) = ids("subject")?.first() {
        content.insert("person".into(), person.into());
    }
    let mut stmt = tx.prepare(
        "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
         WHERE et.entry_id = ?1 ORDER BY et.position",
    )?;
    let tags: Vec<String> = stmt
        .query_map([entry], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    content.insert("tags".into(), tags.into());
    let json = serde_json::Value::Object(content).to_string();
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    tx.execute(
        "INSERT INTO revisions (entry_id, revision, at, content) VALUES (?1, ?2, ?3, ?4)",
        params![entry, revision + 1, at, json],
    )?;
    tx.execute(
        "UPDATE entries SET revision = ?2, updated_at = ?3 WHERE id = ?1",
        params![entry, revision + 1, at],
    )?;
    Ok(())
}
