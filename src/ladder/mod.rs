//! The career ladder: levels, their sections and the behaviour bullets entries link to.
//!
//! A ladder arrives as Markdown ([`parse`]), joins a track ([`tracks`]), is matched
//! against what is stored ([`plan`]: unchanged, reworded, added, retired) and
//! written in one transaction ([`import`], [`store`]) with stable behaviour ids.
//! The first user's ladder ships inside the binary with pinned ids ([`bundled`]).
//! [`levels`] resolves `--level CODE` or `TRACK/CODE` for every command;
//! [`profile`] keeps the user's current level; [`remove`] undoes an import;
//! [`evidence`] counts the entries behind each behaviour.
//! The `Journal` methods for all of this are in [`api`].

mod api;
pub mod bundled;
pub mod evidence;
pub mod import;
pub mod levels;
pub mod parse;
pub mod plan;
pub mod profile;
pub mod remove;
pub mod store;
pub mod tracks;

use serde::{Deserialize, Serialize};

pub use evidence::Evidence;
pub use import::{ImportOptions, ImportReport};
pub use levels::{LevelRef, resolve_level};
pub use parse::{
    Attribute, ParsedBehaviour, ParsedLadder, ParsedLevel, ParsedSection, parse_ladder,
};
pub use profile::Profile;

/// The ladder as stored, in ladder order (retired behaviours only when asked for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ladder {
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Level {
    pub code: String,
    pub title: String,
    pub summary: String,
    pub track: String,
    /// Facts about the level that are not behaviours ("Planning horizon").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    pub title: String,
    /// A competency code from the heading (`Craftsmanship (C3)` → `C3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// `<details>` example blocks of the section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    pub behaviours: Vec<Behaviour>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Behaviour {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    /// Earlier wordings, oldest first, when the ladder reworded it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous: Vec<String>,
    /// No longer in the ladder file; kept so links to it keep their meaning.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
}

/// A behaviour as an entry refers to it (`retired`: no longer in its ladder).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BehaviourRef {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
}

impl Ladder {
    pub fn behaviour_count(&self) -> usize {
        self.levels
            .iter()
            .flat_map(|l| &l.sections)
            .map(|s| s.behaviours.len())
            .sum()
    }

    pub fn section_count(&self) -> usize {
        self.levels.iter().map(|l| l.sections.len()).sum()
    }
}
