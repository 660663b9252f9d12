//! Forward-only schema migrations. Append new ones; never edit a released one
//! (`validate()` and the migrate-from-every-schema tests hold us to that).

use rusqlite_migration::{M, Migrations};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/001_journal.sql")),
    M::up(include_str!("migrations/002_index_outbox.sql")),
    M::up(include_str!("migrations/003_saved_searches.sql")),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// The schema version this build writes (SQLite's `user_version`).
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
