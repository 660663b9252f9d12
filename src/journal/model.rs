//! The shapes of journal data, as the CLI prints them and the app receives them.
//!
//! [`Details`] is generic over how a person is named: `String` (a name) in what
//! users see and send, `i64` (a person id) in stored revisions, so renames and
//! merges never rewrite history.

use serde::{Deserialize, Serialize};

use super::conversation::{Conversation, derived_conversation_title};
use crate::Result;
use crate::ladder::BehaviourRef;

/// An enum of lower-case words, parsed with errors that name the field and list the
/// allowed values. Used for every closed set of words users type.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident, $field:literal { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses user input, naming the field and the allowed values on error.
            pub fn parse(s: &str) -> $crate::Result<Self> {
                let t = s.trim().to_ascii_lowercase();
                match t.as_str() {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::Error::invalid(
                        $field,
                        format!("unknown {} '{}' (expected one of: {})", $field, s,
                            [$($text),+].join(", ")),
                    )),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> $crate::Result<Self> { Self::parse(s) }
        }
    };
}
pub(crate) use word_enum;

word_enum!(
    /// The four kinds of entry.
    Kind, "kind" {
        Pairing = "pairing", Feedback = "feedback", Learning = "learning",
        Conversation = "conversation",
    }
);
word_enum!(
    /// My role in a pairing session.
    Role, "role" { Driver = "driver", Navigator = "navigator", Mentor = "mentor", Mentee = "mentee", Pair = "pair" }
);
word_enum!(
    /// Feedback I gave, or feedback I received.
    Direction, "direction" { Given = "given", Received = "received" }
);
word_enum!(
    Tone, "tone" { Appreciation = "appreciation", Coaching = "coaching" }
);

/// An entry in its current (or a past) revision: the one JSON shape every command prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Entry {
    pub id: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, when given.
    pub time: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub revision: i64,
    /// Set while the entry is in the trash.
    pub deleted_at: Option<String>,
    /// Part of the demo journal (removed by `rungs demo --remove`).
    pub demo: bool,
    pub tags: Vec<String>,
    pub behaviours: Vec<BehaviourRef>,
    #[serde(flatten)]
    pub details: Details,
}

impl Entry {
    pub fn kind(&self) -> Kind {
        self.details.kind()
    }

    /// The entry as input to `update`, for changing a few fields and saving.
    /// A derived feedback title stays derived.
    pub fn to_input(&self) -> EntryInput {
        let title = match &self.details {
            Details::Feedback(f)
                if self.title == derived_feedback_title(f.direction, &f.person) =>
            {
                None
            }
            Details::Conversation(c) if self.title == derived_conversation_title(&c.person) => None,
            _ => Some(self.title.clone()),
        };
        EntryInput {
            title,
            date: self.date.clone(),
            time: self.time.clone(),
            tags: self.tags.clone(),
            behaviours: self.behaviours.iter().map(|b| b.id.clone()).collect(),
            details: self.details.clone(),
        }
    }
}

/// The fields of each kind. Serialized flat into the entry, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(concrete(P = String)))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Details<P = String> {
    Pairing(Pairing<P>),
    Feedback(Feedback<P>),
    Learning(Learning),
    Conversation(Conversation<P>),
}

impl<P> Details<P> {
    pub fn kind(&self) -> Kind {
        match self {
            Details::Pairing(_) => Kind::Pairing,
            Details::Feedback(_) => Kind::Feedback,
            Details::Learning(_) => Kind::Learning,
            Details::Conversation(_) => Kind::Conversation,
        }
    }

    /// The same details with every person mapped through `f`.
    pub fn map_people<Q>(self, mut f: impl FnMut(P) -> Result<Q>) -> Result<Details<Q>> {
        Ok(match self {
            Details::Pairing(p) => Details::Pairing(Pairing {
                partners: p.partners.into_iter().map(&mut f).collect::<Result<_>>()?,
                role: p.role,
                minutes: p.minutes,
                area: p.area,
                ticket: p.ticket,
                notes: p.notes,
                learned: p.learned,
                follow_ups: p.follow_ups,
            }),
            Details::Feedback(fb) => Details::Feedback(Feedback {
                person: f(fb.person)?,
                direction: fb.direction,
                situation: fb.situation,
                observed: fb.observed,
                impact: fb.impact,
                tone: fb.tone,
                reflection: fb.reflection,
            }),
            Details::Learning(l) => Details::Learning(l),
            Details::Conversation(c) => Details::Conversation(Conversation {
                person: f(c.person)?,
                notes: c.notes,
                goals: c.goals,
            }),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(concrete(P = String)))]
pub struct Pairing<P = String> {
    #[serde(default = "Vec::new")]
    pub partners: Vec<P>,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub minutes: Option<u32>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub ticket: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub learned: Option<String>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(concrete(P = String)))]
pub struct Feedback<P = String> {
    pub direction: Direction,
    pub person: P,
    pub situation: String,
    pub observed: String,
    pub impact: String,
    #[serde(default)]
    pub tone: Option<Tone>,
    #[serde(default)]
    pub reflection: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Learning {
    pub body: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// A follow-up of a pairing session. An empty `id` in input means "new".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FollowUp {
    #[serde(default)]
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub done: bool,
}

/// What `add` and `update` take: everything the user writes, as they typed it.
/// Validation turns it into stored form or a field-named error.
pub type EntryInput = EntryContent<String>;

/// The user-written content of an entry. With `P = i64` (people by id) it is what
/// each stored revision holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(concrete(P = String)))]
pub struct EntryContent<P = String> {
    /// Required for pairing and learning; for feedback and conversations, `None` derives it.
    #[serde(default)]
    pub title: Option<String>,
    pub date: String,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Behaviour ids.
    #[serde(default)]
    pub behaviours: Vec<String>,
    #[serde(flatten)]
    pub details: Details<P>,
}

/// The title an entry shows: its own, else for feedback and conversations the
/// derived one, else empty.
pub fn shown_title(title: Option<&str>, details: &Details) -> String {
    match (title, details) {
        (Some(t), _) => t.to_string(),
        (None, Details::Feedback(f)) => derived_feedback_title(f.direction, &f.person),
        (None, Details::Conversation(c)) => derived_conversation_title(&c.person),
        (None, _) => String::new(),
    }
}

/// "Feedback from Lena Fischer" / "Feedback to Tom Becker".
pub fn derived_feedback_title(direction: Direction, person: &str) -> String {
    match direction {
        Direction::Received => format!("Feedback from {person}"),
        Direction::Given => format!("Feedback to {person}"),
    }
}

/// One revision of an entry, as `rungs history` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Revision {
    pub revision: i64,
    pub at: String,
    pub entry: Entry,
    /// The fields this revision changed from the one before, by their serialized
    /// names (`title`, `notes`, `follow_ups`…), sorted by name; empty for
    /// the first revision. Lets a history show what "revert to this" would undo.
    pub changed: Vec<String>,
}

/// The fields that differ between two versions of an entry (bookkeeping such as
/// the revision number and timestamps is not a change of content).
pub fn changed_fields(before: &Entry, after: &Entry) -> Vec<String> {
    const BOOKKEEPING: [&str; 6] = [
        "id",
        "created_at",
        "updated_at",
        "revision",
        "deleted_at",
        "demo",
    ];
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = b.keys().collect();
    keys.extend(a.keys().filter(|k| !b.contains_key(*k)));
    keys.sort();
    keys.into_iter()
        .filter(|k| !BOOKKEEPING.contains(&k.as_str()) && a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// A person, with how many entries (not in the trash) involve them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub mentee: bool,
    pub entries: i64,
}

/// A follow-up with the entry it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FollowUpItem {
    pub id: String,
    pub entry_id: String,
    pub text: String,
    pub done: bool,
    pub entry_title: String,
    pub entry_date: String,
}

/// Which entries `list` returns, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListFilter {
    pub kind: Option<Kind>,
    pub person: Option<String>,
    pub tag: Option<String>,
    /// Inclusive `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Inclusive `YYYY-MM-DD`.
    pub until: Option<String>,
    /// Only entries linked to this behaviour id (its evidence), e.g. `L1.2.4`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub behaviour: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}
