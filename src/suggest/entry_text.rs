//! The text that stands for an entry, for `--entry`, for an entry being written in
//! the app (`input`) and for the profiles built from the user's links: its title,
//! every text field and tag, and a few words for what its kind and role already say (a feedback entry *given* is evidence of
//! giving feedback even when its text never says "feedback").

use crate::journal::{Details, Direction, Entry, EntryInput, Role, shown_title};

/// Words implied by the kind of entry, its role and its direction.
pub fn hints(kind: &str, role: Option<&str>, direction: Option<&str>) -> &'static str {
    match (kind, role, direction) {
        ("pairing", Some("mentor"), _) => "pairing session, mentoring",
        ("pairing", Some("mentee"), _) => "pairing session, learning from a mentor",
        ("pairing", _, _) => "pairing session",
        ("feedback", _, Some("given")) => "gave feedback",
        ("feedback", _, _) => "received feedback",
        ("conversation", _, _) => "growth conversation, goals",
        _ => "learned",
    }
}

/// The entry's text, as the suggester reads it.
pub fn of_entry(e: &Entry) -> String {
    of(&e.title, &e.details, &e.tags)
}

/// An entry not saved yet (or being edited), read as it would be once saved: a
/// feedback entry without a title gets the one saving would derive.
pub fn of_input(i: &EntryInput) -> String {
    let title = shown_title(i.title.as_deref(), &i.details);
    of(&title, &i.details, &i.tags)
}

fn of(title: &str, details: &Details, tags: &[String]) -> String {
    let mut parts: Vec<&str> = vec![title];
    let (role, direction) = match details {
        Details::Pairing(p) => (p.role.map(Role::as_str), None),
        Details::Feedback(f) => (None, Some(f.direction)),
        Details::Learning(_) | Details::Conversation(_) => (None, None),
    };
    parts.push(hints(
        details.kind().as_str(),
        role,
        direction.map(Direction::as_str),
    ));
    match details {
        Details::Pairing(p) => {
            parts.extend(p.area.as_deref());
            parts.extend(p.notes.as_deref());
            parts.extend(p.learned.as_deref());
            parts.extend(p.follow_ups.iter().map(|f| f.text.as_str()));
        }
        Details::Feedback(f) => {
            parts.extend([f.situation.as_str(), &f.observed, &f.impact]);
            parts.extend(f.reflection.as_deref());
        }
        Details::Learning(l) => parts.push(&l.body),
        Details::Conversation(c) => {
            parts.extend(c.notes.as_deref());
            parts.extend(c.goals.iter().map(|g| g.text.as_str()));
        }
    }
    parts.extend(tags.iter().map(String::as_str));
    parts.join("\n")
}
