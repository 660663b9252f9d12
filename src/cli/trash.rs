//! `rungs trash`: entries in the trash.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let entries = journal.trash()?;
    if a.json {
        output::json(&entries)
    } else {
        output::print(&output::entry_lines(&entries, "The trash is empty."))
    }
}
