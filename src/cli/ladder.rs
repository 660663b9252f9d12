//! `rungs ladder show|import|remove`: the career ladder entries link to.

use std::path::PathBuf;

use clap::Subcommand;

use super::output;
use crate::ladder::import::ImportReport;
use crate::ladder::remove::RemoveReport;
use crate::ladder::{ImportOptions, Ladder};
use crate::{Journal, Result};

#[derive(Subcommand)]
pub enum Command {
    /// Print every level, section and behaviour with its id
    Show {
        /// Include retired behaviours (no longer in their ladder file), flagged
        #[arg(long)]
        retired: bool,
        /// Print JSON: {"levels":[{code,title,summary,track,sections:[{title,behaviours:[{id,text}]}]}]}
        #[arg(long)]
        json: bool,
    },
    /// Import ladder files (Markdown, or YAML front matter); importing again changes
    /// nothing, and an edited ladder keeps the ids of what did not change
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The track the levels belong to [default: inferred from the file, and reported]
        #[arg(long, value_name = "NAME")]
        track: Option<String>,
        /// Print what would be imported, and what would change, writing nothing
        #[arg(long)]
        dry_run: bool,
        /// Print JSON: {"unchanged": n, "reworded": [...], "added": [...], "retired": [...], ...}
        #[arg(long)]
        json: bool,
    },
    /// Remove an imported track or level that no entry links to
    Remove {
        /// TRACK, or TRACK/CODE for one level
        #[arg(value_name = "TRACK[/CODE]")]
        target: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(mut journal: Journal, command: Command) -> Result<()> {
    match command {
        Command::Show { retired, json } => {
            let ladder = if retired {
                journal.ladder_with_retired()?
            } else {
                journal.ladder()?
            };
            if json {
                output::json(&ladder)
            } else {
                output::print(&render(&ladder))
            }
        }
        Command::Import {
            files,
            track,
            dry_run,
            json,
        } => {
            let read = crate::ladder::import::read_files(&files)?;
            let report = journal.import_ladder(&read, &ImportOptions { track, dry_run })?;
            if json {
                output::json(&report)
            } else {
                output::print(&render_report(&report))
            }
        }
        Command::Remove { target, json } => {
            let report = journal.remove_ladder(&target)?;
            if json {
                output::json(&report)
            } else {
                output::print(&render_removal(&report))
            }
        }
    }
}

fn render(ladder: &Ladder) -> String {
    let mut s = String::new();
    let mut track = "";
    for level in &ladder.levels {
        if level.track != track {
            track = &level.track;
            s.push_str(&format!("== {track} ==\n\n"));
        }
        s.push_str(&format!("{}: {}\n", level.code, level.title));
        if !level.summary.is_empty() {
            s.push_str(&format!("  {}\n", level.summary));
        }
        for a in &level.attributes {
            match a.name.as_str() {
                "" => s.push_str(&format!("  {}\n", a.value)),
                name => s.push_str(&format!("  {name}: {}\n", a.value)),
            }
        }
        for section in &level.sections {
            match &section.code {
                Some(code) => s.push_str(&format!("\n  {} ({code})\n", section.title)),
                None => s.push_str(&format!("\n  {}\n", section.title)),
            }
            for b in &section.behaviours {
                let flag = if b.retired { " [retired]" } else { "" };
                s.push_str(&format!("    {:<8} {}{flag}\n", b.id, b.text));
            }
        }
        s.push('\n');
    }
    s
}

fn render_report(r: &ImportReport) -> String {
    let mut s = String::new();
    for t in &r.tracks {
        let new = if t.new { "new track" } else { "track" };
        match &t.inferred_from {
            Some(why) => s.push_str(&format!(
                "{new} \"{}\" (inferred from {why}; choose another with --track NAME)\n",
                t.name
            )),
            None => s.push_str(&format!("{new} \"{}\"\n", t.name)),
        }
    }
    if r.dry_run {
        s.push_str("\nDry run: nothing was written. This would be imported:\n");
        for level in &r.levels {
            s.push_str(&format!(
                "\n{}: {}  [{}]\n",
                level.code, level.title, level.track
            ));
            for section in &level.sections {
                s.push_str(&format!("  {}\n", section.title));
                for b in &section.behaviours {
                    let change = if b.change == "unchanged" {
                        String::new()
                    } else {
                        format!(" ({})", b.change)
                    };
                    s.push_str(&format!("    {:<10} {}{change}\n", b.id, b.text));
                }
            }
        }
        s.push('\n');
    }
    let levels: Vec<String> = r
        .levels
        .iter()
        .map(|l| {
            if l.new {
                format!("{} (new)", l.code)
            } else {
                l.code.clone()
            }
        })
        .collect();
    s.push_str(&format!(
        "Levels: {}\n{} unchanged, {} reworded, {} added, {} retired{}\n",
        levels.join(", "),
        r.unchanged,
        r.reworded.len(),
        r.added.len(),
        r.retired.len(),
        if r.changed() { "" } else { "; nothing changed" }
    ));
    for w in &r.reworded {
        s.push_str(&format!(
            "  reworded {}: \"{}\" → \"{}\"\n",
            w.id, w.from, w.to
        ));
    }
    // A first import adds everything: listing it all would drown the summary.
    if r.added.len() <= 20 {
        for b in &r.added {
            s.push_str(&format!("  added    {}: {}\n", b.id, b.text));
        }
    }
    for b in &r.retired {
        s.push_str(&format!(
            "  retired  {}: {} (kept on the entries that link to it)\n",
            b.id, b.text
        ));
    }
    s
}

fn render_removal(r: &RemoveReport) -> String {
    let mut s = format!(
        "Removed {} ({} behaviours) from track \"{}\"",
        r.levels.join(", "),
        r.behaviours,
        r.track
    );
    if r.track_removed {
        s.push_str("; the track is gone too");
    }
    s.push_str(".\n");
    if r.profile_cleared {
        s.push_str("Your profile's current level was one of them: set it again with `rungs profile --level`.\n");
    }
    s
}
