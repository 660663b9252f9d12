//! `rungs goals [--open] [--json]`: the goals of growth conversations, newest
//! conversation first.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Only the open ones
    #[arg(long)]
    open: bool,
    /// Print JSON: [{id, text, status, behaviours, agreed_on, conversation_id, person}]
    #[arg(long)]
    json: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let goals = journal.goals(a.open)?;
    if a.json {
        output::json(&goals)
    } else {
        output::print(&output::goals(&goals, a.open))
    }
}
