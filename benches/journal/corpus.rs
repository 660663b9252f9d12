//! The text every engine indexes, read back from the Rungs journal itself so the
//! three engines search exactly the same entries (title, the same body text the
//! Rungs index holds, people, date).

use rungs::Journal;
use rungs::journal::{Details, Entry, ListFilter};

pub struct Doc {
    pub title: String,
    pub body: String,
    pub people: Vec<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// The body text in the order the Rungs index builds it (`search::document::body_text`).
fn body(e: &Entry) -> String {
    let mut parts: Vec<&str> = Vec::new();
    match &e.details {
        Details::Pairing(p) => {
            parts.extend(p.notes.as_deref());
            parts.extend(p.learned.as_deref());
            parts.extend(p.follow_ups.iter().map(|f| f.text.as_str()));
            parts.extend(p.area.as_deref());
            parts.extend(p.ticket.as_deref());
        }
        Details::Feedback(f) => {
            parts.push(&f.situation);
            parts.push(&f.observed);
            parts.push(&f.impact);
            parts.extend(f.reflection.as_deref());
        }
        Details::Learning(l) => {
            parts.push(&l.body);
            parts.extend(l.source.as_deref());
        }
    }
    parts.join("\n\n")
}

pub fn doc(e: &Entry) -> Doc {
    let people = match &e.details {
        Details::Pairing(p) => p.partners.clone(),
        Details::Feedback(f) => vec![f.person.clone()],
        Details::Learning(_) => Vec::new(),
    };
    Doc {
        title: e.title.clone(),
        body: body(e),
        people,
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
