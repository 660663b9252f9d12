//! The entry flags `add` and `edit` share, and how they apply to an entry.
//!
//! Every text flag accepts `-` to read the text from stdin (one flag at most).
//! In `edit`, a flag given replaces its field, a repeated list flag replaces the
//! whole list, and `--clear FIELD` empties an optional field.

use std::io::Read;

use clap::Args;

use crate::journal::{
    Conversation, Details, Direction, EntryInput, Feedback, FollowUp, Kind, Learning, Pairing,
    Role, Tone,
};
use crate::{Error, Result};

/// Flags every kind has.
#[derive(Args, Debug, Default)]
pub struct Common {
    /// Title (feedback and conversations: derived from the person when not given; `-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Day it happened, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Time of day, HH:MM
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// Ladder behaviour this evidences, e.g. L1.2.4 (repeatable)
    #[arg(long = "behaviour", value_name = "ID")]
    pub behaviours: Vec<String>,
    /// Tag, one word such as argo-cd (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Args, Debug, Default)]
pub struct PairingFlags {
    /// Length of the session in minutes
    #[arg(long, value_name = "N")]
    pub minutes: Option<u32>,
    /// Who you paired with (repeatable)
    #[arg(long = "partner", value_name = "NAME")]
    pub partners: Vec<String>,
    /// Your role: driver, navigator, mentor, mentee or pair
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Product area, e.g. "Argo CD"
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,
    /// Ticket reference or URL
    #[arg(long, value_name = "REF")]
    pub ticket: Option<String>,
    /// Notes, Markdown (`-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// What you learned (`-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    pub learned: Option<String>,
    /// Something to follow up on (repeatable; `-` reads stdin)
    #[arg(long = "follow-up", value_name = "TEXT")]
    pub follow_ups: Vec<String>,
}

#[derive(Args, Debug, Default)]
pub struct FeedbackFlags {
    /// given or received
    #[arg(long, value_name = "DIRECTION")]
    pub direction: Option<String>,
    /// Who gave or received it
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Situation: when and where (`-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    pub situation: Option<String>,
    /// Behaviour: what was observed (`-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    pub observed: Option<String>,
    /// Impact: what it led to (`-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    pub impact: Option<String>,
    /// appreciation or coaching
    #[arg(long, value_name = "TONE")]
    pub tone: Option<String>,
    /// Your reflection on it (`-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    pub reflection: Option<String>,
}

/// A conversation's own flag; its notes are `--notes` (in `add conversation`, and
/// in `edit` the pairing session's `--notes`, which applies to both kinds).
#[derive(Args, Debug, Default)]
pub struct ConversationFlags {
    /// Who the conversation was with: your lead or mentor, or a mentee
    #[arg(long = "with", value_name = "NAME")]
    pub with: Option<String>,
}

#[derive(Args, Debug, Default)]
pub struct LearningFlags {
    /// The learning, Markdown (`-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    pub body: Option<String>,
    /// Where it came from: a doc, a talk, a ticket (`-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
}

/// Replaces a `-` value with stdin, allowing it for one field only.
#[derive(Default)]
pub struct Stdin {
    used_by: Option<&'static str>,
}

impl Stdin {
    pub fn resolve(&mut self, field: &'static str, value: &mut Option<String>) -> Result<()> {
        if value.as_deref() != Some("-") {
            return Ok(());
        }
        if let Some(first) = self.used_by {
            return Err(Error::invalid(
                field,
                format!("only one field can read stdin ('-'), and {first} already does"),
            ));
        }
        self.used_by = Some(field);
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(format!("{field}: reading stdin"), e))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::invalid(field, "stdin is not valid UTF-8"))?;
        *value = Some(text);
        Ok(())
    }

    /// [`Stdin::resolve`] for each value of a repeatable flag.
    pub fn resolve_list(&mut self, field: &'static str, values: &mut [String]) -> Result<()> {
        for v in values.iter_mut().filter(|v| v.as_str() == "-") {
            let mut one = Some(std::mem::take(v));
            self.resolve(field, &mut one)?;
            *v = one.unwrap_or_default();
        }
        Ok(())
    }
}

impl Common {
    pub fn read_stdin(&mut self, stdin: &mut Stdin) -> Result<()> {
        stdin.resolve("title", &mut self.title)
    }
}

impl PairingFlags {
    pub fn read_stdin(&mut self, stdin: &mut Stdin) -> Result<()> {
        stdin.resolve("notes", &mut self.notes)?;
        stdin.resolve("learned", &mut self.learned)?;
        stdin.resolve_list("follow-up", &mut self.follow_ups)
    }

    /// The flags given, by field name.
    pub fn given(&self) -> Vec<&'static str> {
        let mut g = Vec::new();
        if self.minutes.is_some() {
            g.push("minutes")
        }
        if !self.partners.is_empty() {
            g.push("partner")
        }
        if self.role.is_some() {
            g.push("role")
        }
        if self.area.is_some() {
            g.push("area")
        }
        if self.ticket.is_some() {
            g.push("ticket")
        }
        if self.notes.is_some() {
            g.push("notes")
        }
        if self.learned.is_some() {
            g.push("learned")
        }
        if !self.follow_ups.is_empty() {
            g.push("follow-up")
        }
        g
    }

    pub fn apply(self, p: &mut Pairing) -> Result<()> {
        if self.minutes.is_some() {
            p.minutes = self.minutes;
        }
        if !self.partners.is_empty() {
            p.partners = self.partners;
        }
        if let Some(r) = self.role {
            p.role = Some(Role::parse(&r)?);
        }
        set(&mut p.area, self.area);
        set(&mut p.ticket, self.ticket);
        set(&mut p.notes, self.notes);
        set(&mut p.learned, self.learned);
        if !self.follow_ups.is_empty() {
            // A follow-up whose text is kept keeps its id and whether it is done.
            let old = std::mem::take(&mut p.follow_ups);
            p.follow_ups = self
                .follow_ups
                .into_iter()
                .map(|text| {
                    old.iter()
                        .find(|f| f.text == text.trim())
                        .cloned()
                        .unwrap_or(FollowUp {
                            id: String::new(),
                            text,
                            done: false,
                        })
                })
                .collect();
        }
        Ok(())
    }
}

impl FeedbackFlags {
    pub fn read_stdin(&mut self, stdin: &mut Stdin) -> Result<()> {
        stdin.resolve("situation", &mut self.situation)?;
        stdin.resolve("observed", &mut self.observed)?;
        stdin.resolve("impact", &mut self.impact)?;
        stdin.resolve("reflection", &mut self.reflection)
    }

    pub fn given(&self) -> Vec<&'static str> {
        let mut g = Vec::new();
        if self.direction.is_some() {
            g.push("direction")
        }
        if self.person.is_some() {
            g.push("person")
        }
        if self.situation.is_some() {
            g.push("situation")
        }
        if self.observed.is_some() {
            g.push("observed")
        }
        if self.impact.is_some() {
            g.push("impact")
        }
        if self.tone.is_some() {
            g.push("tone")
        }
        if self.reflection.is_some() {
            g.push("reflection")
        }
        g
    }

    pub fn apply(self, f: &mut Feedback) -> Result<()> {
        if let Some(d) = self.direction {
            f.direction = Direction::parse(&d)?;
        }
        if let Some(p) = self.person {
            f.person = p;
        }
        if let Some(s) = self.situation {
            f.situation = s;
        }
        if let Some(s) = self.observed {
            f.observed = s;
        }
        if let Some(s) = self.impact {
            f.impact = s;
        }
        if let Some(t) = self.tone {
            f.tone = Some(Tone::parse(&t)?);
        }
        set(&mut f.reflection, self.reflection);
        Ok(())
    }
}

impl LearningFlags {
    pub fn read_stdin(&mut self, stdin: &mut Stdin) -> Result<()> {
        stdin.resolve("body", &mut self.body)?;
        stdin.resolve("source", &mut self.source)
    }

    pub fn given(&self) -> Vec<&'static str> {
        let mut g = Vec::new();
        if self.body.is_some() {
            g.push("body")
        }
        if self.source.is_some() {
            g.push("source")
        }
        g
    }

    pub fn apply(self, l: &mut Learning) -> Result<()> {
        if let Some(b) = self.body {
            l.body = b;
        }
        set(&mut l.source, self.source);
        Ok(())
    }
}

impl ConversationFlags {
    pub fn given(&self) -> Vec<&'static str> {
        if self.with.is_some() {
            vec!["with"]
        } else {
            Vec::new()
        }
    }

    /// The core calls the conversation's partner `person`; on the command line it
    /// is `--with`, so an error about it names the flag the user typed.
    pub fn name_flags(e: Error) -> Error {
        match e {
            Error::Invalid { field, message } if field == "person" => {
                Error::invalid("with", message)
            }
            e => e,
        }
    }

    pub fn apply(self, c: &mut Conversation, notes: Option<String>) -> Result<()> {
        if let Some(p) = self.with {
            c.person = p;
        }
        set(&mut c.notes, notes);
        Ok(())
    }
}

impl Common {
    pub fn apply(self, input: &mut EntryInput) {
        if self.title.is_some() {
            input.title = self.title;
        }
        if let Some(d) = self.date {
            input.date = d;
        }
        set(&mut input.time, self.time);
        if !self.behaviours.is_empty() {
            input.behaviours = self.behaviours;
        }
        if !self.tags.is_empty() {
            input.tags = self.tags;
        }
    }
}

fn set(field: &mut Option<String>, value: Option<String>) {
    if value.is_some() {
        *field = value;
    }
}

/// Fails naming every required flag that was not given.
pub fn require(missing: &[(&str, bool)]) -> Result<()> {
    let names: Vec<&str> = missing
        .iter()
        .filter(|(_, given)| !given)
        .map(|(n, _)| *n)
        .collect();
    match names.as_slice() {
        [] => Ok(()),
        [one] => Err(Error::invalid(*one, format!("is required (give --{one})"))),
        many => Err(Error::invalid(
            many.join(", "),
            format!(
                "are required (give {})",
                many.iter()
                    .map(|n| format!("--{n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// The flag name (`--partner`, `--follow-up`) a `--clear` field name refers to.
pub fn flag_name(field: &str) -> String {
    let f = field.trim().to_ascii_lowercase().replace('_', "-");
    match f.as_str() {
        "tags" => "tag".into(),
        "behaviours" | "behaviors" => "behaviour".into(),
        "partners" => "partner".into(),
        "follow-ups" | "followups" => "follow-up".into(),
        _ => f,
    }
}

/// Empties the optional field `name` of `input` (`edit --clear FIELD`).
pub fn clear(input: &mut EntryInput, name: &str) -> Result<()> {
    let kind = input.details.kind();
    let field = name.trim().to_ascii_lowercase().replace('_', "-");
    let required = |f: &str| {
        Err(Error::invalid(
            "clear",
            format!("{f} is required for a {kind} entry and cannot be cleared"),
        ))
    };
    match (field.as_str(), &mut input.details) {
        ("title", Details::Feedback(_) | Details::Conversation(_)) => input.title = None,
        ("title", _) => return required("title"),
        ("date", _) => return required("date"),
        ("time", _) => input.time = None,
        ("tags" | "tag", _) => input.tags.clear(),
        ("behaviours" | "behaviour" | "behaviors", _) => input.behaviours.clear(),
        ("partners" | "partner", Details::Pairing(p)) => p.partners.clear(),
        ("role", Details::Pairing(p)) => p.role = None,
        ("minutes", Details::Pairing(p)) => p.minutes = None,
        ("area", Details::Pairing(p)) => p.area = None,
        ("ticket", Details::Pairing(p)) => p.ticket = None,
        ("notes", Details::Pairing(p)) => p.notes = None,
        ("learned", Details::Pairing(p)) => p.learned = None,
        ("follow-ups" | "follow-up" | "followups", Details::Pairing(p)) => p.follow_ups.clear(),
        ("tone", Details::Feedback(f)) => f.tone = None,
        ("reflection", Details::Feedback(f)) => f.reflection = None,
        ("source", Details::Learning(l)) => l.source = None,
        ("notes", Details::Conversation(c)) => c.notes = None,
        ("direction" | "person" | "situation" | "observed" | "impact", Details::Feedback(_))
        | ("body", Details::Learning(_))
        | ("with" | "person", Details::Conversation(_)) => return required(&field),
        _ => {
            return Err(Error::invalid(
                "clear",
                format!(
                    "'{name}' is not an optional field of a {kind} entry (clearable: {})",
                    clearable(kind).join(", ")
                ),
            ));
        }
    }
    Ok(())
}

fn clearable(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Pairing => &[
            "time",
            "tags",
            "behaviours",
            "partners",
            "role",
            "minutes",
            "area",
            "ticket",
            "notes",
            "learned",
            "follow-ups",
        ],
        Kind::Feedback => &["title", "time", "tags", "behaviours", "tone", "reflection"],
        Kind::Learning => &["time", "tags", "behaviours", "source"],
        Kind::Conversation => &["title", "time", "tags", "behaviours", "notes"],
    }
}
