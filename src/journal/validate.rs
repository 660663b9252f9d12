//! Input checks shared by every boundary: each error names the field and the
//! problem, and nothing is written until the whole entry passes.

use std::collections::HashSet;

use rusqlite::Connection;

use super::conversation::Goal;
use super::model::{Details, EntryInput, FollowUp};
use crate::{Error, Result, clock, ladder};

/// Long Markdown fields (notes, body, SBI…).
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// One-line fields (title, area, ticket, source, names).
pub const MAX_LINE_CHARS: usize = 500;
pub const MAX_TAG_CHARS: usize = 64;
pub const MAX_LIST: usize = 100;
pub const MAX_MINUTES: u32 = 24 * 60;

/// Checks and normalises `input`: trims text, drops empty optionals, dedupes
/// lists, canonicalises behaviour ids. Returns the content to store.
pub fn check(conn: &Connection, input: EntryInput) -> Result<EntryInput> {
    check_with(input, &mut |id| ladder::store::behaviour(conn, id))
}

/// [`check`], resolving behaviour ids through `behaviour` (as
/// `ladder::store::behaviour` does): a bulk insert answers repeated ids from a cache.
pub(crate) fn check_with(
    mut input: EntryInput,
    behaviour: &mut dyn FnMut(&str) -> Result<ladder::BehaviourRef>,
) -> Result<EntryInput> {
    let kind = input.details.kind();
    input.date = clock::parse_date("date", input.date.trim())?
        .format("%Y-%m-%d")
        .to_string();
    input.time = optional_line("time", input.time)?
        .map(|t| clock::parse_time("time", &t).map(|t| t.format("%H:%M").to_string()))
        .transpose()?;
    // A title given must say something; only feedback and conversations may leave it
    // out (`None`), to have it derived from the direction and the person.
    let given = input.title.is_some();
    input.title = optional_line("title", input.title)?;
    let derived = matches!(kind, super::Kind::Feedback | super::Kind::Conversation);
    if input.title.is_none() && (given || !derived) {
        return Err(Error::invalid("title", "must not be empty"));
    }
    input.tags = tags(input.tags)?;
    input.behaviours = behaviours(behaviour, input.behaviours)?;
    input.details = match input.details {
        Details::Pairing(mut p) => {
            p.partners = names("partner", p.partners)?;
            if let Some(m) = p.minutes
                && !(1..=MAX_MINUTES).contains(&m)
            {
                return Err(Error::invalid(
                    "minutes",
                    format!("{m} is out of range (1 to {MAX_MINUTES})"),
                ));
            }
            p.area = optional_line("area", p.area)?;
            p.ticket = optional_line("ticket", p.ticket)?;
            p.notes = optional_text("notes", p.notes)?;
            p.learned = optional_text("learned", p.learned)?;
            p.follow_ups = follow_ups(p.follow_ups)?;
            Details::Pairing(p)
        }
        Details::Feedback(mut f) => {
            f.person = name("person", &f.person)?;
            f.situation = required_text("situation", &f.situation)?;
            f.observed = required_text("observed", &f.observed)?;
            f.impact = required_text("impact", &f.impact)?;
            f.reflection = optional_text("reflection", f.reflection)?;
            Details::Feedback(f)
        }
        Details::Learning(mut l) => {
            l.body = required_text("body", &l.body)?;
            l.source = optional_line("source", l.source)?;
            Details::Learning(l)
        }
        Details::Conversation(mut c) => {
            c.person = name("person", &c.person)?;
            c.notes = optional_text("notes", c.notes)?;
            c.goals = goals(behaviour, c.goals)?;
            Details::Conversation(c)
        }
    };
    Ok(input)
}

fn size_check(field: &str, s: &str) -> Result<()> {
    if s.len() > MAX_TEXT_BYTES {
        return Err(Error::invalid(
            field,
            format!(
                "is {} bytes; the limit is 1 MiB ({MAX_TEXT_BYTES} bytes)",
                s.len()
            ),
        ));
    }
    Ok(())
}

fn required_text(field: &str, s: &str) -> Result<String> {
    size_check(field, s)?;
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, "is required and must not be empty"));
    }
    Ok(t.to_string())
}

fn optional_text(field: &str, s: Option<String>) -> Result<Option<String>> {
    match s {
        None => Ok(None),
        Some(s) => {
            size_check(field, &s)?;
            let t = s.trim();
            Ok((!t.is_empty()).then(|| t.to_string()))
        }
    }
}

fn line(field: &str, s: &str) -> Result<String> {
    let t = s.trim();
    let chars = t.chars().count();
    if chars > MAX_LINE_CHARS {
        return Err(Error::invalid(
            field,
            format!("is {chars} characters; the limit is {MAX_LINE_CHARS}"),
        ));
    }
    if t.contains(['\n', '\r']) {
        return Err(Error::invalid(field, "must be a single line"));
    }
    Ok(t.to_string())
}

fn optional_line(field: &str, s: Option<String>) -> Result<Option<String>> {
    match s {
        None => Ok(None),
        Some(s) => {
            size_check(field, &s)?;
            let t = line(field, &s)?;
            Ok((!t.is_empty()).then_some(t))
        }
    }
}

/// The key people's names and tags are unique by: case folded in every script
/// ("Ölaf" is "ölaf", not only "Tom" is "tom"). Stored beside the name (migration 4).
pub fn name_key(s: &str) -> String {
    s.to_lowercase()
}

/// A person's name: one line, not empty, inner whitespace collapsed.
pub fn name(field: &str, s: &str) -> Result<String> {
    size_check(field, s)?;
    let t = line(field, s)?;
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    Ok(t)
}

fn list_len<T>(field: &str, list: &[T]) -> Result<()> {
    if list.len() > MAX_LIST {
        return Err(Error::invalid(
            field,
            format!("has {} items; the limit is {MAX_LIST}", list.len()),
        ));
    }
    Ok(())
}

fn names(field: &str, list: Vec<String>) -> Result<Vec<String>> {
    list_len(field, &list)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for n in list {
        let n = name(field, &n)?;
        if seen.insert(name_key(&n)) {
            out.push(n);
        }
    }
    Ok(out)
}

fn tags(list: Vec<String>) -> Result<Vec<String>> {
    list_len("tag", &list)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for raw in list {
        let t = raw.trim().trim_start_matches('#').trim();
        if t.is_empty() {
            return Err(Error::invalid("tag", "must not be empty"));
        }
        if t.chars().any(|c| c.is_whitespace() || c == ',') {
            return Err(Error::invalid(
                "tag",
                format!(
                    "'{t}' contains a space or comma; use a single word such as '{}'",
                    t.split(|c: char| c.is_whitespace() || c == ',')
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                        .join("-")
                ),
            ));
        }
        if t.chars().count() > MAX_TAG_CHARS {
            return Err(Error::invalid(
                "tag",
                format!("'{t}' is longer than {MAX_TAG_CHARS} characters"),
            ));
        }
        if seen.insert(name_key(t)) {
            out.push(t.to_string());
        }
    }
    Ok(out)
}

fn behaviours(
    behaviour: &mut dyn FnMut(&str) -> Result<ladder::BehaviourRef>,
    list: Vec<String>,
) -> Result<Vec<String>> {
    list_len("behaviour", &list)?;
    let mut out: Vec<String> = Vec::new();
    for id in list {
        let b = behaviour(&id)?;
        if !out.contains(&b.id) {
            out.push(b.id);
        }
    }
    Ok(out)
}

/// A conversation's goals: one line of text each, known behaviours, unique ids
/// (an empty or repeated id gets a new one).
fn goals(
    behaviour: &mut dyn FnMut(&str) -> Result<ladder::BehaviourRef>,
    list: Vec<Goal>,
) -> Result<Vec<Goal>> {
    list_len("goal", &list)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for g in list {
        let text = required_text("goal", &g.text)?;
        let text = line("goal", &text)?;
        let id = if g.id.is_empty() || !seen.insert(g.id.clone()) {
            uuid::Uuid::now_v7().to_string()
        } else {
            g.id
        };
        out.push(Goal {
            id,
            text,
            behaviours: behaviours(behaviour, g.behaviours)?,
            status: g.status,
        });
    }
    Ok(out)
}

fn follow_ups(list: Vec<FollowUp>) -> Result<Vec<FollowUp>> {
    list_len("follow-up", &list)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for f in list {
        let text = required_text("follow-up", &f.text)?;
        let text = line("follow-up", &text)?;
        let id = if f.id.is_empty() || !seen.insert(f.id.clone()) {
            uuid::Uuid::now_v7().to_string()
        } else {
            f.id
        };
        out.push(FollowUp {
            id,
            text,
            done: f.done,
        });
    }
    Ok(out)
}
