//! `rungs ladder show|import`: the career ladder entries link to.

use std::path::PathBuf;

use clap::Subcommand;

use super::output;
use crate::ladder::Ladder;
use crate::{Error, Journal, Result};

#[derive(Subcommand)]
pub enum Command {
    /// Print every level, section and behaviour with its id
    Show {
        /// Print JSON: {"levels":[{code,title,summary,sections:[{title,behaviours:[{id,text}]}]}]}
        #[arg(long)]
        json: bool,
    },
    /// Import ladder Markdown files (one level per file); importing again changes nothing
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print what changed as JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(mut journal: Journal, command: Command) -> Result<()> {
    match command {
        Command::Show { json } => {
            let ladder = journal.ladder()?;
            if json {
                output::json(&ladder)
            } else {
                output::print(&render(&ladder))
            }
        }
        Command::Import { files, json } => {
            let mut read = Vec::new();
            for path in &files {
                let bytes = std::fs::read(path)
                    .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
                read.push((path.display().to_string(), bytes));
            }
            let summary = journal.import_ladder(&read)?;
            if json {
                return output::json(&summary);
            }
            output::print(&if summary.changed() {
                format!(
                    "Imported {}: {} levels, {} sections, {} behaviours added; {} reworded, {} retired.\n",
                    summary.levels.join(", "),
                    summary.levels_added,
                    summary.sections_added,
                    summary.behaviours_added,
                    summary.behaviours_updated,
                    summary.behaviours_retired
                )
            } else {
                format!(
                    "{} already up to date; nothing changed.\n",
                    summary.levels.join(", ")
                )
            })
        }
    }
}

fn render(ladder: &Ladder) -> String {
    let mut s = String::new();
    for level in &ladder.levels {
        s.push_str(&format!("{}: {}\n", level.code, level.title));
        if !level.summary.is_empty() {
            s.push_str(&format!("  {}\n", level.summary));
        }
        for section in &level.sections {
            s.push_str(&format!("\n  {}\n", section.title));
            for b in &section.behaviours {
                s.push_str(&format!("    {:<8} {}\n", b.id, b.text));
            }
        }
        s.push('\n');
    }
    s
}
