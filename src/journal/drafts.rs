//! Drafts: the half-written state of a capture or edit form, saved as the user types
//! so closing the window never loses it. A draft is the form's own JSON (it need not
//! pass validation yet), kept in SQLite's `meta` table under `draft:<slot>`, written
//! in one transaction like everything else. Saving the entry discards its draft.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::Journal;
use crate::{Error, Result, clock};

/// The most a draft may hold (the form's JSON).
pub const MAX_DRAFT_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    /// Which form: `new` for quick capture, `edit:<entry id>` for an edit.
    pub slot: String,
    /// The form's state as the UI serialised it (JSON).
    pub data: String,
    pub saved_at: String,
}

fn key(slot: &str) -> Result<String> {
    let slot = slot.trim();
    let ok = !slot.is_empty()
        && slot.len() <= 80
        && slot
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_'));
    if !ok {
        return Err(Error::invalid(
            "slot",
            format!("'{slot}' is not a draft slot (letters, digits, ':', '-', '_'; up to 80)"),
        ));
    }
    Ok(format!("draft:{slot}"))
}

#[derive(Serialize, Deserialize)]
struct Stored {
    data: String,
    saved_at: String,
}

impl Journal {
    /// Saves (replacing) the draft in `slot`. `data` must be JSON.
    pub fn save_draft(&mut self, slot: &str, data: &str) -> Result<Draft> {
        let key = key(slot)?;
        if data.len() > MAX_DRAFT_BYTES {
            return Err(Error::invalid(
                "draft",
                format!("is {} bytes; the limit is {MAX_DRAFT_BYTES}", data.len()),
            ));
        }
        serde_json::from_str::<serde_json::Value>(data)
            .map_err(|e| Error::invalid("draft", format!("is not JSON ({e})")))?;
        let stored = Stored {
            data: data.to_string(),
            saved_at: clock::now_timestamp(),
        };
        let value = serde_json::to_string(&stored).expect("a draft serializes");
        self.db.write(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [&key, &value],
            )?;
            Ok(())
        })?;
        Ok(Draft {
            slot: slot.trim().to_string(),
            data: stored.data,
            saved_at: stored.saved_at,
        })
    }

    /// The draft in `slot`, if there is one.
    pub fn draft(&self, slot: &str) -> Result<Option<Draft>> {
        let key = key(slot)?;
        let value: Option<String> = self
            .db
            .conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", [&key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(value.and_then(|v| parse(slot.trim(), &v)))
    }

    /// Every draft, newest first.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        let mut stmt = self
            .db
            .conn()
            .prepare("SELECT key, value FROM meta WHERE key LIKE 'draft:%'")?;
        let rows: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut drafts: Vec<Draft> = rows
            .iter()
            .filter_map(|(k, v)| parse(&k["draft:".len()..], v))
            .collect();
        drafts.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        Ok(drafts)
    }

    /// Removes the draft in `slot` (nothing happens when there is none).
    pub fn discard_draft(&mut self, slot: &str) -> Result<()> {
        let key = key(slot)?;
        self.db.write(|tx| {
            tx.execute("DELETE FROM meta WHERE key = ?1", [&key])?;
            Ok(())
        })
    }
}

fn parse(slot: &str, value: &str) -> Option<Draft> {
    let s: Stored = serde_json::from_str(value).ok()?;
    Some(Draft {
        slot: slot.to_string(),
        data: s.data,
        saved_at: s.saved_at,
    })
}

#[cfg(test)]
mod tests {
    use crate::Journal;

    #[test]
    fn drafts_round_trip_replace_and_discard() {
        let mut j = Journal::open_in_memory().unwrap();
        assert_eq!(j.draft("new").unwrap(), None);
        j.save_draft("new", r#"{"title":"half"}"#).unwrap();
        j.save_draft("new", r#"{"title":"half written"}"#).unwrap();
        j.save_draft("edit:0193abcd", r#"{"title":"x"}"#).unwrap();
        let d = j.draft("new").unwrap().unwrap();
        assert_eq!(d.data, r#"{"title":"half written"}"#);
        assert_eq!(j.drafts().unwrap().len(), 2);
        j.discard_draft("new").unwrap();
        assert_eq!(j.draft("new").unwrap(), None);
        assert_eq!(j.drafts().unwrap().len(), 1);
    }

    #[test]
    fn bad_drafts_are_refused_by_field() {
        let mut j = Journal::open_in_memory().unwrap();
        let e = j.save_draft("new", "{not json").unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(e.to_string().starts_with("draft:"), "{e}");
        let e = j.save_draft("../etc", "{}").unwrap_err();
        assert!(e.to_string().starts_with("slot:"), "{e}");
        assert_eq!(j.drafts().unwrap(), vec![]);
    }

    #[test]
    fn drafts_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut j = Journal::open(dir.path()).unwrap();
            j.save_draft("new", r#"{"body":"keep me"}"#).unwrap();
        }
        let j = Journal::open(dir.path()).unwrap();
        assert_eq!(
            j.draft("new").unwrap().unwrap().data,
            r#"{"body":"keep me"}"#
        );
    }
}
