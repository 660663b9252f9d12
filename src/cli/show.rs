//! `rungs show ID`: one entry, every field.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Entry id (or a unique prefix of 8+ characters)
    id: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let entry = journal.get(&a.id)?;
    if a.json {
        output::json(&entry)
    } else {
        output::print(&output::entry_detail(&entry))
    }
}
