//! Growth conversations: the fourth kind of entry (date, with whom, notes in
//! Markdown) and the goals agreed in one, each linked to ladder behaviours with a
//! status (open, achieved, dropped).
//!
//! Goals live inside their conversation's content, as follow-ups live inside a
//! pairing session's: adding a goal or changing its status is a new revision of
//! the conversation, so history, revert and the trash work for them as for any
//! other field, and a goal is agreed on its conversation's date. The `goals` and
//! `goal_behaviours` tables (migration 008) hold the current revision's goals for
//! queries, like `follow_ups` does.

use serde::{Deserialize, Serialize};

use super::model::word_enum;
use crate::ladder::BehaviourRef;

word_enum!(
    /// Where a goal stands.
    GoalStatus, "status" { Open = "open", Achieved = "achieved", Dropped = "dropped" }
);

// `word_enum!` writes the enum, so `#[default]` cannot go on a variant.
#[allow(clippy::derivable_impls)]
impl Default for GoalStatus {
    fn default() -> Self {
        GoalStatus::Open
    }
}

/// A growth conversation: who it was with, and what was said and agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(concrete(P = String)))]
pub struct Conversation<P = String> {
    /// The person the conversation was with: my lead or mentor when it is about my
    /// growth, a mentee (`rungs person mentee`) when it is about theirs.
    pub person: P,
    /// Markdown.
    #[serde(default)]
    pub notes: Option<String>,
    /// The goals agreed, in the order they were added.
    #[serde(default)]
    pub goals: Vec<Goal>,
}

/// A goal agreed in a conversation. An empty `id` in input means "new".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Goal {
    #[serde(default)]
    pub id: String,
    pub text: String,
    /// Behaviour ids the goal is about.
    #[serde(default)]
    pub behaviours: Vec<String>,
    #[serde(default)]
    pub status: GoalStatus,
}

/// A goal with its conversation, as `rungs goals` and the app list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalItem {
    pub id: String,
    pub text: String,
    pub status: GoalStatus,
    pub behaviours: Vec<BehaviourRef>,
    /// The conversation's date: when the goal was agreed.
    pub agreed_on: String,
    pub conversation_id: String,
    /// Who the conversation was with.
    pub person: String,
}

/// What `Journal::add_goal` takes: the text and the behaviour ids, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalInput {
    pub text: String,
    #[serde(default)]
    pub behaviours: Vec<String>,
}

/// "Growth conversation with Lena Fischer": the title of a conversation saved without one.
pub fn derived_conversation_title(person: &str) -> String {
    format!("Growth conversation with {person}")
}
