//! `rungs delete ID`: move an entry to the trash (nothing is deleted for real).

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Entry id (or a unique prefix of 8+ characters)
    id: String,
    /// Print the entry as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    let entry = journal.delete(&a.id)?;
    if a.json {
        output::json(&entry)
    } else {
        output::print(&format!(
            "Moved to the trash: {}  {}\n(`rungs undelete {}` brings it back)\n",
            entry.id, entry.title, entry.id
        ))
    }
}
