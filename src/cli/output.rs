//! Printing: `--json` for tools, plain aligned text for people. A closed pipe
//! (`rungs list | head`) ends output quietly instead of panicking.

use std::io::{self, Write};

use serde::Serialize;

use crate::journal::{Details, Entry, FollowUpItem, GoalItem, Person, Revision};
use crate::{Error, Result};

/// Writes `text` to stdout; a closed pipe is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::io("writing to stdout", e)),
    }
}

/// Pretty JSON of `value`, one trailing newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::io("serializing JSON", io::Error::other(e)))?;
    s.push('\n');
    print(&s)
}

/// One line per entry: date, kind, title and who or what it was about.
pub fn entry_line(e: &Entry) -> String {
    let context = match &e.details {
        Details::Pairing(p) => {
            let mut parts = Vec::new();
            if !p.partners.is_empty() {
                parts.push(format!("with {}", p.partners.join(", ")));
            }
            if let Some(m) = p.minutes {
                parts.push(format!("{m} min"));
            }
            parts.join(", ")
        }
        Details::Feedback(f) => f.tone.map(|t| t.to_string()).unwrap_or_default(),
        Details::Learning(l) => l.source.clone().unwrap_or_default(),
        Details::Conversation(c) => match c.goals.len() {
            0 => format!("with {}", c.person),
            1 => format!("with {}, 1 goal", c.person),
            n => format!("with {}, {n} goals", c.person),
        },
    };
    let mut line = format!(
        "{}  {}  {:<8}  {}",
        e.id,
        e.date,
        e.kind().as_str(),
        e.title
    );
    if !context.is_empty() {
        line.push_str(&format!("  ({context})"));
    }
    line
}

pub fn entry_lines(entries: &[Entry], empty: &str) -> String {
    if entries.is_empty() {
        return format!("{empty}\n");
    }
    let mut s = String::new();
    for e in entries {
        s.push_str(&entry_line(e));
        s.push('\n');
    }
    s
}

/// The full entry, field by field, Markdown shown as written.
pub fn entry_detail(e: &Entry) -> String {
    let mut s = String::new();
    let mut field = |name: &str, value: &str| {
        if !value.is_empty() {
            if value.contains('\n') {
                s.push_str(&format!("\n{name}:\n"));
                for l in value.lines() {
                    s.push_str(&format!("  {l}\n"));
                }
            } else {
                s.push_str(&format!("{:<12}{value}\n", format!("{name}:")));
            }
        }
    };
    field("Title", &e.title);
    field("Kind", e.kind().as_str());
    let when = match &e.time {
        Some(t) => format!("{} {t}", e.date),
        None => e.date.clone(),
    };
    field("Date", &when);
    field("Id", &e.id);
    if e.deleted_at.is_some() {
        field("In trash", "yes (rungs undelete ID brings it back)");
    }
    if e.demo {
        field("Demo", "yes (rungs demo --remove deletes it)");
    }
    match &e.details {
        Details::Pairing(p) => {
            field("Partners", &p.partners.join(", "));
            field("Role", p.role.map(|r| r.as_str()).unwrap_or(""));
            field(
                "Minutes",
                &p.minutes.map(|m| m.to_string()).unwrap_or_default(),
            );
            field("Area", p.area.as_deref().unwrap_or(""));
            field("Ticket", p.ticket.as_deref().unwrap_or(""));
            field("Notes", p.notes.as_deref().unwrap_or(""));
            field("Learned", p.learned.as_deref().unwrap_or(""));
            if !p.follow_ups.is_empty() {
                let list: Vec<String> = p
                    .follow_ups
                    .iter()
                    .map(|f| {
                        format!(
                            "[{}] {}  ({})",
                            if f.done { "x" } else { " " },
                            f.text,
                            f.id
                        )
                    })
                    .collect();
                field("Follow-ups", &format!("{}\n", list.join("\n")));
            }
        }
        Details::Feedback(f) => {
            field("Direction", f.direction.as_str());
            field("Person", &f.person);
            field("Tone", f.tone.map(|t| t.as_str()).unwrap_or(""));
            field("Situation", &f.situation);
            field("Behaviour", &f.observed);
            field("Impact", &f.impact);
            field("Reflection", f.reflection.as_deref().unwrap_or(""));
        }
        Details::Learning(l) => {
            field("Source", l.source.as_deref().unwrap_or(""));
            field("Body", &l.body);
        }
        Details::Conversation(c) => {
            field("With", &c.person);
            field("Notes", c.notes.as_deref().unwrap_or(""));
            if !c.goals.is_empty() {
                let list: Vec<String> = c
                    .goals
                    .iter()
                    .map(|g| {
                        let on = if g.behaviours.is_empty() {
                            String::new()
                        } else {
                            format!(" [{}]", g.behaviours.join(", "))
                        };
                        format!("[{}] {}{on}  ({})", g.status, g.text, g.id)
                    })
                    .collect();
                field("Goals", &format!("{}\n", list.join("\n")));
            }
        }
    }
    field("Tags", &e.tags.join(", "));
    if !e.behaviours.is_empty() {
        let list: Vec<String> = e
            .behaviours
            .iter()
            .map(|b| {
                let flag = if b.retired { " [retired]" } else { "" };
                format!("{}  {}{flag}", b.id, b.text)
            })
            .collect();
        field("Behaviours", &format!("{}\n", list.join("\n")));
    }
    field("Created", &e.created_at);
    field(
        "Updated",
        &format!("{} (revision {})", e.updated_at, e.revision),
    );
    s
}

pub fn revisions(list: &[Revision]) -> String {
    let mut s = String::new();
    for r in list {
        s.push_str(&format!(
            "revision {}  {}  {}\n",
            r.revision, r.at, r.entry.title
        ));
    }
    s
}

pub fn people(list: &[Person]) -> String {
    if list.is_empty() {
        return "No people yet. People appear when an entry names them.\n".into();
    }
    let width = list
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut s = String::new();
    for p in list {
        let count = format!(
            "{:>4} {}",
            p.entries,
            if p.entries == 1 { "entry" } else { "entries" }
        );
        let line = format!(
            "{:<width$}  {count:<12}{}",
            p.name,
            if p.mentee { "mentee" } else { "" }
        );
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// Goals, one block each: status, id, text, then the conversation and behaviours.
pub fn goals(list: &[GoalItem], open_only: bool) -> String {
    if list.is_empty() {
        return if open_only {
            "No open goals.\n".into()
        } else {
            "No goals yet. Add one to a conversation with `rungs goal add CONVERSATION_ID --text ...`.\n"
                .into()
        };
    }
    let mut s = String::new();
    for g in list {
        s.push_str(&format!(
            "[{}] {}  {}\n      agreed on {} with {} ({})\n",
            g.status, g.id, g.text, g.agreed_on, g.person, g.conversation_id
        ));
        for b in &g.behaviours {
            let flag = if b.retired { " [retired]" } else { "" };
            s.push_str(&format!("      {}  {}{flag}\n", b.id, b.text));
        }
    }
    s
}

pub fn follow_ups(list: &[FollowUpItem], open_only: bool) -> String {
    if list.is_empty() {
        return if open_only {
            "No open follow-ups.\n".into()
        } else {
            "No follow-ups yet. Add them to pairing sessions with --follow-up.\n".into()
        };
    }
    let mut s = String::new();
    for f in list {
        s.push_str(&format!(
            "[{}] {}  {}\n      from {} \"{}\"\n",
            if f.done { "x" } else { " " },
            f.id,
            f.text,
            f.entry_date,
            f.entry_title
        ));
    }
    s
}
