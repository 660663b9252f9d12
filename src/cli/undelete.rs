//! `rungs undelete ID`: bring an entry back from the trash.

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
    let entry = journal.undelete(&a.id)?;
    if a.json {
        output::json(&entry)
    } else {
        output::print(&format!("Restored: {}  {}\n", entry.id, entry.title))
    }
}
