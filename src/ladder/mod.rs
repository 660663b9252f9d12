//! The career ladder: levels, their sections and the behaviour bullets entries link to.
//!
//! A ladder arrives as Markdown ([`parse`]), is stored with stable behaviour ids
//! ([`store`]), and the first user's ladder ships inside the binary ([`bundled`]).

pub mod bundled;
pub mod parse;
pub mod store;

use serde::{Deserialize, Serialize};

pub use parse::{ParsedBehaviour, ParsedLadder, ParsedLevel, ParsedSection, parse_ladder};
pub use store::ImportSummary;

/// The ladder as stored, active behaviours only, in ladder order.
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
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    pub title: String,
    pub behaviours: Vec<Behaviour>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Behaviour {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A behaviour as an entry refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BehaviourRef {
    pub id: String,
    pub text: String,
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
