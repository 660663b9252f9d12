//! `rungs unlink ID BEHAVIOUR...`: remove behaviour links from an entry.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Entry id (or a unique prefix of 8+ characters)
    id: String,
    /// Behaviour ids to unlink
    #[arg(required = true, value_name = "BEHAVIOUR")]
    behaviours: Vec<String>,
    /// Print the entry as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    let entry = journal.unlink(&a.id, &a.behaviours)?;
    if a.json {
        output::json(&entry)
    } else {
        output::print(&super::link::linked(&entry))
    }
}
