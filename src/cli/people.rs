//! `rungs people`: everyone the journal names, with their entry counts.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Print JSON: [{id, name, mentee, entries}]
    #[arg(long)]
    json: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let people = journal.people()?;
    if a.json {
        output::json(&people)
    } else {
        output::print(&output::people(&people))
    }
}
