//! `rungs history ID`: every revision of an entry, oldest first.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Entry id (or a unique prefix of 8+ characters)
    id: String,
    /// Print JSON: [{revision, at, entry}]
    #[arg(long)]
    json: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let revisions = journal.history(&a.id)?;
    if a.json {
        output::json(&revisions)
    } else {
        output::print(&output::revisions(&revisions))
    }
}
