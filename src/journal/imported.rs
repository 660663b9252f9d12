//! Saving an entry inside a transaction someone else holds: an import writes many
//! entries in one transaction, through the same validation and storage as
//! [`super::Journal::update`] (a changed entry gets a new revision; unchanged
//! content changes nothing).

use rusqlite::Connection;

use super::{EntryInput, entries};
use crate::Result;

/// Saves `input` as a new entry (`id` None) or a new revision of `id`; returns the id.
pub(crate) fn save_imported(
    tx: &Connection,
    id: Option<&str>,
    input: EntryInput,
) -> Result<String> {
    match id {
        // A new entry: one INSERT per row, no link rows to clear first.
        None => entries::NewEntries::new(false)
            .insert(tx, input)
            .map(|e| e.id),
        Some(_) => entries::save(tx, id, input, false),
    }
}
