//! Preparing a growth conversation: the brief (evidence per behaviour of my level and
//! the next, gaps, stale behaviours, feedback, goals, talking points), the coverage
//! heatmap (behaviours × months), and the brief's exports (Markdown, HTML, JSON).
//!
//! Everything here is read from SQLite and derived on demand; nothing is stored.
//! [`brief`] computes a [`Brief`] from a [`BriefRequest`], [`heatmap`] the
//! [`Heatmap`], [`export`] writes the formats. The `Journal` methods are in [`api`].

mod api;
pub mod brief;
pub mod export;
pub mod heatmap;

use serde::{Deserialize, Serialize};

use crate::journal::model::word_enum;
use crate::journal::{Direction, FollowUpItem, GoalStatus, Kind, Tone};
use crate::ladder::{BehaviourRef, LevelRef};

word_enum!(
    /// The formats a brief exports to.
    BriefFormat, "format" { Md = "md", Html = "html", Json = "json" }
);

/// What a brief is about. Every field is optional; the defaults are the issue's:
/// - `person`: `None` is my own brief; a name is the brief of someone I mentor (their
///   evidence: pairing sessions where they are a partner, and feedback I gave them,
///   which counts as feedback they received).
/// - `until`: today (`RUNGS_TODAY` pins it).
/// - `since`: the date of the last growth conversation with that person (for my own
///   brief: with anyone not marked as a mentee), else 90 days before `until`.
/// - `level`: the profile's current level (none set is an error saying how to set it).
/// - `target`: the level after `level` in its track (none when there is no next level).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BriefRequest {
    #[serde(default)]
    pub person: Option<String>,
    /// `CODE` or `TRACK/CODE`.
    #[serde(default)]
    pub level: Option<String>,
    /// `CODE` or `TRACK/CODE`.
    #[serde(default)]
    pub target: Option<String>,
    /// Inclusive `YYYY-MM-DD`.
    #[serde(default)]
    pub since: Option<String>,
    /// Inclusive `YYYY-MM-DD`.
    #[serde(default)]
    pub until: Option<String>,
}

/// The brief for one growth conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Brief {
    /// Whose brief: `None` for mine, else the person's current name.
    pub person: Option<String>,
    pub level: LevelRef,
    pub target: Option<LevelRef>,
    /// The period, inclusive `YYYY-MM-DD`.
    pub since: String,
    pub until: String,
    /// Where `since` came from when it was not given.
    pub since_source: SinceSource,
    /// The last growth conversation up to `until` (whose goals are listed), if any.
    pub last_conversation: Option<ConversationRef>,
    /// The level, then the target level, each with its sections and behaviours.
    pub levels: Vec<BriefLevel>,
    /// Behaviour ids with no evidence at all up to `until`, in ladder order.
    pub gaps: Vec<String>,
    /// Behaviour ids with evidence before `since` but none in the period.
    pub stale: Vec<String>,
    /// Feedback received in the period, newest first (for a mentee: feedback I gave them).
    pub feedback_received: Vec<FeedbackQuote>,
    /// Feedback given in the period, newest first (for a mentee: feedback they gave me).
    pub feedback_given: Vec<FeedbackQuote>,
    /// Learnings in the period, newest first (mine only: a learning has no person).
    pub learnings: Vec<EvidenceEntry>,
    /// Follow-ups not done yet, of sessions up to `until` (for a mentee: sessions with them).
    pub open_follow_ups: Vec<FollowUpItem>,
    /// The goals agreed at the last growth conversation.
    pub goals: Vec<GoalProgress>,
    pub talking_points: Vec<TalkingPoint>,
    pub heatmap: Heatmap,
}

/// How the brief's `since` was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SinceSource {
    /// Given in the request.
    Given,
    /// The date of the last growth conversation.
    LastConversation,
    /// No conversation before `until`: 90 days before it.
    Default,
}

/// A growth conversation, as the brief refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConversationRef {
    pub id: String,
    pub date: String,
    pub person: String,
    pub title: String,
}

/// One level of the brief: the current level or the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BriefLevel {
    pub level: LevelRef,
    /// True for the target level.
    pub target: bool,
    pub sections: Vec<BriefSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BriefSection {
    pub title: String,
    pub behaviours: Vec<BehaviourEvidence>,
}

/// Where a behaviour stands in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Evidence in the period.
    Evidenced,
    /// Evidence before the period, none in it.
    Stale,
    /// No evidence at all up to `until`.
    Gap,
}

/// The evidence for one behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BehaviourEvidence {
    pub id: String,
    /// The level's code.
    pub level: String,
    /// The section's title.
    pub section: String,
    pub text: String,
    /// Evidence entries in the period.
    pub count: u32,
    /// The date of the latest evidence up to `until` (before the period for a stale one).
    pub latest: Option<String>,
    pub coverage: Coverage,
    /// Every evidence entry in the period, newest first.
    pub entries: Vec<EvidenceEntry>,
    /// The strongest of them (see [`brief`] for the ranking), at most three.
    pub strongest: Vec<EvidenceEntry>,
    /// Feedback received in the period that links to the behaviour, newest first.
    pub feedback: Vec<FeedbackQuote>,
}

/// An entry as evidence: enough to cite it and open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvidenceEntry {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    pub date: String,
    /// One line of plain text from the entry's main field (Markdown dropped).
    pub snippet: String,
}

/// A feedback entry quoted in Situation–Behaviour–Impact form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedbackQuote {
    pub entry_id: String,
    pub date: String,
    /// The other person: who gave it (received) or who got it (given).
    pub person: String,
    /// As stored on the entry (a mentee's brief shows my given feedback as theirs received).
    pub direction: Direction,
    pub tone: Option<Tone>,
    pub situation: String,
    /// The observed behaviour.
    pub behaviour: String,
    pub impact: String,
    /// Behaviour ids the entry links to.
    pub behaviours: Vec<String>,
}

/// A goal of the last conversation and what happened since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalProgress {
    pub id: String,
    pub text: String,
    pub status: GoalStatus,
    pub behaviours: Vec<BehaviourRef>,
    pub agreed_on: String,
    pub conversation_id: String,
    /// Evidence linked to the goal's behaviours dated from `agreed_on` to `until`,
    /// newest first.
    pub evidence_since: Vec<EvidenceEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum TalkingPointKind {
    /// A behaviour with strong evidence in the period.
    Strength,
    /// Behaviours of the target level (or the level) with no evidence yet.
    Gap,
    /// Something feedback keeps coming back to.
    Theme,
}

/// Something to bring up, with the entries that back it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TalkingPoint {
    pub text: String,
    pub kind: TalkingPointKind,
    /// Entry ids.
    pub entries: Vec<String>,
    /// Behaviour ids it is about.
    pub behaviours: Vec<String>,
}

/// Behaviours (rows, in ladder order: grouped by level, then section) × months
/// (columns, oldest first); a cell counts the evidence entries dated in that month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Heatmap {
    /// `YYYY-MM`, every month from `since`'s to `until`'s.
    pub months: Vec<String>,
    pub rows: Vec<HeatmapRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeatmapRow {
    pub behaviour: String,
    pub text: String,
    /// The level's code.
    pub level: String,
    /// The section's title.
    pub section: String,
    /// One per month, in the order of [`Heatmap::months`].
    pub cells: Vec<HeatmapCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeatmapCell {
    pub count: u32,
    /// The evidence entries of the month, newest first.
    pub entries: Vec<EvidenceEntry>,
}
