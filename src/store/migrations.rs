//! Forward-only schema migrations. Append new ones; never edit a released one
//! (`validate()` and the migrate-from-every-schema tests hold us to that).

mod m004;
mod m007;

use rusqlite::Transaction;
use rusqlite_migration::{M, Migrations};

/// In numeric order: a migration's place in this list is its schema version.
fn list() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("migrations/001_journal.sql")),
        M::up(include_str!("migrations/002_index_outbox.sql")),
        M::up(include_str!("migrations/003_saved_searches.sql")),
        M::up_with_hook(
            include_str!("migrations/004_name_keys.sql"),
            |tx: &Transaction| m004::up(tx),
        ),
        M::up(include_str!("migrations/005_ladder_import.sql")),
        M::up(include_str!("migrations/006_timeline_index.sql")),
        M::up_with_hook(
            include_str!("migrations/007_tag_merges.sql"),
            |tx: &Transaction| m007::up(tx),
        ),
        // Rebuilds `entries` (run with foreign keys off: see `Database::migrate`).
        M::up(include_str!("migrations/008_conversations.sql")).foreign_key_check(),
    ]
}

pub fn migrations() -> Migrations<'static> {
    Migrations::new(list())
}

/// The schema version this build writes (SQLite's `user_version`).
pub fn latest_version() -> i64 {
    list().len() as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
