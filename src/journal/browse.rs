//! Reading the journal a page at a time, for a timeline that scrolls through 100,000
//! entries without loading them all: a page of entries plus the total that matches,
//! and the tags that exist (for filters and autocomplete).

use serde::{Deserialize, Serialize};

use super::{Entry, Journal, ListFilter, entries};
use crate::Result;

/// One page of entries, newest first, and how many match the filter in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryPage {
    pub total: u32,
    pub offset: u32,
    pub entries: Vec<Entry>,
    /// A one-line plain-text summary of each entry (same order as `entries`), made
    /// from its Markdown by [`crate::render::excerpt`].
    pub excerpts: Vec<String>,
}

/// How long an excerpt in a page may be, in characters.
pub const EXCERPT_CHARS: usize = 160;

/// The text an entry's summary is made from: what was learned (or the notes, or the
/// area) of a pairing, the observed behaviour of feedback, a learning's text.
pub fn excerpt_of(entry: &Entry) -> String {
    let source = match &entry.details {
        super::Details::Pairing(p) => p
            .learned
            .as_deref()
            .or(p.notes.as_deref())
            .or(p.area.as_deref())
            .unwrap_or_default(),
        super::Details::Feedback(f) => &f.observed,
        super::Details::Learning(l) => &l.body,
        super::Details::Conversation(c) => c.notes.as_deref().unwrap_or_default(),
    };
    crate::render::excerpt(source, EXCERPT_CHARS)
}

/// Pages are capped so one request never loads the whole journal.
pub const MAX_PAGE: u32 = 500;

impl Journal {
    /// The page of entries `filter.offset .. + filter.limit` (default 100, at most
    /// [`MAX_PAGE`]); `trash` pages through the trash instead.
    pub fn list_page(&self, filter: &ListFilter, trash: bool) -> Result<EntryPage> {
        let conn = self.db.conn();
        let limit = filter.limit.unwrap_or(100).clamp(1, MAX_PAGE);
        let offset = filter.offset.unwrap_or(0);
        let total = entries::count(conn, filter, trash)?;
        let page = ListFilter {
            limit: Some(limit),
            offset: Some(offset),
            ..filter.clone()
        };
        let entries = entries::list(conn, &page, trash)?;
        Ok(EntryPage {
            total,
            offset,
            excerpts: entries.iter().map(excerpt_of).collect(),
            entries,
        })
    }

    /// Every tag in use by an entry not in the trash, by name.
    pub fn tags(&self) -> Result<Vec<String>> {
        let mut stmt = self.db.conn().prepare(
            "SELECT t.name FROM tags t
             WHERE EXISTS (SELECT 1 FROM entry_tags et JOIN entries e ON e.id = et.entry_id
                           WHERE et.tag_id = t.id AND e.deleted_at IS NULL)
             ORDER BY t.name COLLATE NOCASE",
        )?;
        Ok(stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::journal::{Details, EntryInput, Journal, Kind, Learning, ListFilter};

    fn learning(title: &str, date: &str, tags: &[&str]) -> EntryInput {
        EntryInput {
            title: Some(title.into()),
            date: date.into(),
            time: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            behaviours: vec![],
            details: Details::Learning(Learning {
                body: "body".into(),
                source: None,
            }),
        }
    }

    #[test]
    fn pages_cover_every_entry_once_newest_first_with_total() {
        let mut j = Journal::open_in_memory().unwrap();
        for day in 1..=25 {
            j.add(learning(
                &format!("t{day}"),
                &format!("2026-01-{day:02}"),
                &["k8s"],
            ))
            .unwrap();
        }
        let mut seen = Vec::new();
        let mut offset = 0;
        loop {
            let filter = ListFilter {
                limit: Some(10),
                offset: Some(offset),
                ..Default::default()
            };
            let page = j.list_page(&filter, false).unwrap();
            assert_eq!(page.total, 25);
            assert_eq!(page.offset, offset);
            if page.entries.is_empty() {
                break;
            }
            seen.extend(page.entries.into_iter().map(|e| e.title));
            offset += 10;
        }
        let expected: Vec<String> = (1..=25).rev().map(|d| format!("t{d}")).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn total_follows_filters_and_trash() {
        let mut j = Journal::open_in_memory().unwrap();
        let a = j.add(learning("a", "2026-01-01", &["k8s"])).unwrap();
        j.add(learning("b", "2026-01-02", &["dns"])).unwrap();
        j.delete(&a.id).unwrap();
        let by_tag = ListFilter {
            tag: Some("dns".into()),
            kind: Some(Kind::Learning),
            ..Default::default()
        };
        assert_eq!(j.list_page(&by_tag, false).unwrap().total, 1);
        assert_eq!(j.list_page(&ListFilter::default(), false).unwrap().total, 1);
        let trash = j.list_page(&ListFilter::default(), true).unwrap();
        assert_eq!(trash.total, 1);
        assert_eq!(trash.entries[0].id, a.id);
        // Tags of trashed entries are not offered.
        assert_eq!(j.tags().unwrap(), vec!["dns".to_string()]);
    }
}
