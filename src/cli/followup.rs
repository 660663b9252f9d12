//! `rungs followup done ID [--undo]`: tick a follow-up off, or back on.

use clap::Subcommand;

use super::output;
use crate::{Journal, Result};

#[derive(Subcommand)]
pub enum Command {
    /// Mark a follow-up as done (--undo marks it open again)
    Done {
        /// Follow-up id (see `rungs followups`), or a unique prefix of 8+ characters
        id: String,
        #[arg(long)]
        undo: bool,
        /// Print the follow-up as JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(mut journal: Journal, command: Command) -> Result<()> {
    let Command::Done { id, undo, json } = command;
    let item = journal.set_follow_up_done(&id, !undo)?;
    if json {
        output::json(&item)
    } else {
        output::print(&format!(
            "[{}] {}\n",
            if item.done { "x" } else { " " },
            item.text
        ))
    }
}
