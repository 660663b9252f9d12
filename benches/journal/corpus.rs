//! The text every engine indexes, read back from the Rungs journal itself so the
//! three engines search exactly the same entries (title, the same body text the
//! Rungs index holds, people, date).

use rungs::Journal;
use rungs::journal::{Entry, ListFilter};
use rungs::search::document;

pub struct Doc {
    pub title: String,
    pub body: String,
    pub people: Vec<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
}

pub fn doc(e: &Entry) -> Doc {
    Doc {
        title: e.title.clone(),
        body: document::body_text(e),
        people: document::people(e).into_iter().map(String::from).collect(),
        date: e.date.clone(),
    }
}

/// Every live entry of the journal, a page at a time.
pub fn read_all(journal: &Journal) -> Vec<Doc> {
    const PAGE: u32 = 5_000;
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = journal
            .list(&ListFilter {
                limit: Some(PAGE),
                offset: Some(offset),
                ..Default::default()
            })
            .expect("list entries");
        out.extend(page.iter().map(doc));
        if page.len() < PAGE as usize {
            return out;
        }
        offset += PAGE;
    }
}
