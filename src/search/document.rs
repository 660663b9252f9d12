//! From a stored entry to the document the index holds. The benchmark's other
//! engines index the same text through [`body_text`] and [`people`].

use tantivy::TantivyDocument;

use super::schema::Fields;
use crate::journal::{Details, Entry};

/// The entry's searchable text other than its title, in a stable order.
pub fn body_text(e: &Entry) -> String {
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
        Details::Conversation(c) => {
            parts.extend(c.notes.as_deref());
            parts.extend(c.goals.iter().map(|g| g.text.as_str()));
        }
    }
    parts.join("\n\n")
}

/// The names of the people the entry is about.
pub fn people(e: &Entry) -> Vec<&str> {
    match &e.details {
        Details::Pairing(p) => p.partners.iter().map(String::as_str).collect(),
        Details::Feedback(f) => vec![f.person.as_str()],
        Details::Learning(_) => Vec::new(),
        Details::Conversation(c) => vec![c.person.as_str()],
    }
}

/// `2026-11-20` → `20261120`.
pub fn date_number(date: &str) -> u64 {
    date.replace('-', "").parse().unwrap_or(0)
}

pub(crate) fn build(f: &Fields, e: &Entry) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &e.id);
    doc.add_text(f.kind, e.kind().as_str());
    let body = body_text(e);
    doc.add_text(f.title, &e.title);
    doc.add_text(f.plain_title, &e.title);
    doc.add_text(f.plain_text, &body);
    doc.add_text(f.text, body);
    for p in people(e) {
        doc.add_text(f.names, p);
        doc.add_text(f.person, p);
    }
    for t in &e.tags {
        doc.add_text(f.names, t);
        doc.add_text(f.tag, t.to_lowercase());
    }
    let mut levels: Vec<&str> = Vec::new();
    for b in &e.behaviours {
        doc.add_text(f.behaviour_text, &b.text);
        doc.add_text(f.behaviour, &b.id);
        if let Some(level) = b.id.rsplitn(3, '.').nth(2)
            && !levels.contains(&level)
        {
            levels.push(level);
            doc.add_text(f.level, level);
        }
    }
    doc.add_u64(f.date, date_number(&e.date));
    doc
}
