//! `rungs list`: entries newest first, filtered by kind, person, tag and dates.

use clap::Args as ClapArgs;

use super::filter_flags::Filters;
use super::output;
use crate::journal::ListFilter;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    #[command(flatten)]
    filters: Filters,
    /// At most this many entries
    #[arg(long, value_name = "N")]
    limit: Option<u32>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let filter = ListFilter {
        kind: a.filters.kind()?,
        person: a.filters.person,
        tag: a.filters.tag,
        since: a.filters.since,
        until: a.filters.until,
        behaviour: None,
        limit: a.limit,
        offset: None,
    };
    let entries = journal.list(&filter)?;
    if a.json {
        output::json(&entries)
    } else {
        output::print(&output::entry_lines(
            &entries,
            "No entries match. Add one with `rungs add pairing|feedback|learning`, or try `rungs demo`.",
        ))
    }
}
