//! `rungs demo [--force]`, `rungs demo --remove`: the sample journal.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Add the demo even though the journal has entries (yours stay)
    #[arg(long, conflicts_with = "remove")]
    force: bool,
    /// Remove the demo entries for good; your own entries stay
    #[arg(long)]
    remove: bool,
    /// Print what was done as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    let summary = if a.remove {
        journal.remove_demo()?
    } else {
        journal.load_demo(a.force)?
    };
    if a.json {
        return output::json(&summary);
    }
    output::print(&if a.remove {
        format!(
            "Removed the demo journal: {} entries, {} people.\n",
            summary.entries, summary.people
        )
    } else {
        format!(
            "Loaded the demo journal: {} entries, {} people. Try `rungs list` and \
             `rungs followups --open`; `rungs demo --remove` takes it out again.\n",
            summary.entries, summary.people
        )
    })
}
