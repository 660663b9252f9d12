//! `rungs link ID BEHAVIOUR...`: say which ladder behaviours an entry evidences.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Entry id (or a unique prefix of 8+ characters)
    id: String,
    /// Behaviour ids, e.g. L1.2.4 (see `rungs ladder show`)
    #[arg(required = true, value_name = "BEHAVIOUR")]
    behaviours: Vec<String>,
    /// Print the entry as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    let entry = journal.link(&a.id, &a.behaviours)?;
    if a.json {
        output::json(&entry)
    } else {
        output::print(&super::link::linked(&entry))
    }
}

/// The entry's links after a change.
pub fn linked(entry: &crate::journal::Entry) -> String {
    let mut s = format!("{}  {}\n", entry.id, entry.title);
    if entry.behaviours.is_empty() {
        s.push_str("  no behaviours linked\n");
    }
    for b in &entry.behaviours {
        s.push_str(&format!("  {}  {}\n", b.id, b.text));
    }
    s
}
