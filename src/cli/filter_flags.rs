//! The filters `list` and `search` share.

use clap::Args;

use crate::Result;
use crate::journal::Kind;

#[derive(Args, Debug, Default)]
pub struct Filters {
    /// Only this kind: pairing, feedback or learning
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only entries naming this person
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only entries with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// From this day on, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Up to and including this day, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
}

impl Filters {
    /// The kind, checked (the core checks the other values against the journal).
    pub fn kind(&self) -> Result<Option<Kind>> {
        self.kind.as_deref().map(Kind::parse).transpose()
    }
}
