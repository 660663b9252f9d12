//! `rungs list`: entries newest first, filtered by kind, person, tag and dates.

use clap::Args as ClapArgs;

use super::output;
use crate::journal::{Kind, ListFilter};
use crate::{Journal, Result, clock};

#[derive(ClapArgs)]
pub struct Args {
    /// Only this kind: pairing, feedback or learning
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// Only entries naming this person
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// Only entries with this tag
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// From this day on, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    since: Option<String>,
    /// Up to and including this day, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    until: Option<String>,
    /// At most this many entries
    #[arg(long, value_name = "N")]
    limit: Option<u32>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let filter = ListFilter {
        kind: a.kind.as_deref().map(Kind::parse).transpose()?,
        person: a.person,
        tag: a.tag,
        since: a.since.as_deref().map(|d| day("since", d)).transpose()?,
        until: a.until.as_deref().map(|d| day("until", d)).transpose()?,
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

fn day(field: &str, d: &str) -> Result<String> {
    Ok(clock::parse_date(field, d)?.format("%Y-%m-%d").to_string())
}
