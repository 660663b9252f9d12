//! The Rust half of migration 7 (`007_tag_merges.sql`): tags merged by migration 004
//! get their rows back. Frozen like the SQL; it uses nothing from the journal code.
//!
//! Migration 004 merged tags told apart only by non-ASCII case ("überblick" into
//! "Überblick") and deleted the merged rows. Their ids are gone and nothing
//! pointed at them (entry links were moved to the survivor; revisions keep tags by
//! name), but their spellings survive in the revisions that used them. Each such
//! spelling, with no row of its own and an active tag of the same key, comes back
//! as a row merged into that tag. The ids are new; the names are what the user wrote.

use rusqlite::{OptionalExtension, Transaction, params};
use rusqlite_migration::HookResult;

/// The key migration 004 stored; `journal::validate::name_key` agrees with it.
fn fold(name: &str) -> String {
    name.to_lowercase()
}

pub fn up(tx: &Transaction) -> HookResult {
    let mut stmt = tx.prepare(
        "SELECT DISTINCT j.value FROM revisions r, json_each(r.content, '$.tags') j
         WHERE json_valid(r.content) AND json_type(r.content, '$.tags') = 'array'
           AND j.type = 'text'
         ORDER BY j.value",
    )?;
    let spellings: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in spellings {
        let key = fold(&name);
        let survivor: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, name FROM tags WHERE name_key = ?1 AND merged_into IS NULL",
                [&key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((into, survivor_name)) = survivor else {
            continue;
        };
        let has_row: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM tags WHERE name = ?1 COLLATE BINARY)",
            [&name],
            |r| r.get(0),
        )?;
        if survivor_name == name || has_row {
            continue;
        }
        // A spelling equal to a kept one but for ASCII case was never a row of its
        // own (names were unique ignoring ASCII case from schema 1): nothing to restore.
        tx.execute(
            "INSERT INTO tags (name, name_key, merged_into) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![name, key, into],
        )?;
    }
    Ok(())
}
