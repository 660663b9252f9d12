//! `rungs followups`: follow-ups from pairing sessions, newest first.

use clap::Args as ClapArgs;
use serde::Serialize;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Only the ones not done yet
    #[arg(long)]
    open: bool,
    /// Print JSON: [{id, entry_id, text, done}]
    #[arg(long)]
    json: bool,
}

/// The JSON shape of the contract.
#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    entry_id: &'a str,
    text: &'a str,
    done: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let items = journal.follow_ups(a.open)?;
    if a.json {
        let out: Vec<Item> = items
            .iter()
            .map(|f| Item {
                id: &f.id,
                entry_id: &f.entry_id,
                text: &f.text,
                done: f.done,
            })
            .collect();
        output::json(&out)
    } else {
        output::print(&output::follow_ups(&items, a.open))
    }
}
