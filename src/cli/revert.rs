//! `rungs revert ID --to N`: make revision N current again, as a new revision.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Entry id (or a unique prefix of 8+ characters)
    id: String,
    /// The revision to go back to (see `rungs history ID`)
    #[arg(long, value_name = "REVISION")]
    to: i64,
    /// Print the entry as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    let entry = journal.revert(&a.id, a.to)?;
    if a.json {
        output::json(&entry)
    } else {
        output::print(&format!(
            "Reverted {} to revision {} (saved as revision {})\n",
            entry.id, a.to, entry.revision
        ))
    }
}
