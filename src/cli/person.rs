//! `rungs person rename|merge|mentee`: keep the people records tidy.

use clap::Subcommand;

use super::output;
use crate::{Journal, Result};

#[derive(Subcommand)]
pub enum Command {
    /// Rename a person; every entry shows the new name
    Rename {
        old: String,
        new: String,
        /// Print the person as JSON
        #[arg(long)]
        json: bool,
    },
    /// Merge FROM into INTO (the same person under two names); entries follow
    Merge {
        from: String,
        into: String,
        /// Print the person as JSON
        #[arg(long)]
        json: bool,
    },
    /// Mark a person as someone you mentor (--off to unmark)
    Mentee {
        name: String,
        #[arg(long)]
        off: bool,
        /// Print the person as JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(mut journal: Journal, command: Command) -> Result<()> {
    let (person, json, message) = match command {
        Command::Rename { old, new, json } => {
            let p = journal.rename_person(&old, &new)?;
            let msg = format!("Renamed {old} to {}\n", p.name);
            (p, json, msg)
        }
        Command::Merge { from, into, json } => {
            let p = journal.merge_people(&from, &into)?;
            let msg = format!("Merged {from} into {} ({} entries)\n", p.name, p.entries);
            (p, json, msg)
        }
        Command::Mentee { name, off, json } => {
            let p = journal.set_mentee(&name, !off)?;
            let msg = if p.mentee {
                format!("{} is marked as someone you mentor\n", p.name)
            } else {
                format!("{} is no longer marked as someone you mentor\n", p.name)
            };
            (p, json, msg)
        }
    };
    if json {
        output::json(&person)
    } else {
        output::print(&message)
    }
}
