//! `rungs export --format json|markdown --out PATH`: the whole journal, to take
//! elsewhere or keep in git (see `transfer`).

use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};

use super::{output, progress};
use crate::{Journal, Result};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One JSON file with everything: entries, every revision, people, tags, ladders…
    Json,
    /// A folder of Markdown files, one per entry, with YAML front matter
    Markdown,
}

#[derive(ClapArgs)]
pub struct Args {
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// The file (json) or folder (markdown) to write
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Replace PATH if it exists
    #[arg(long)]
    force: bool,
    /// Print JSON: {path, entries, revisions, people, files}
    #[arg(long)]
    json: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let bar = progress::Bar::new("Exporting", "entries");
    let done = match a.format {
        Format::Json => journal.export_json(&a.out, a.force, &mut |d, t| bar.update(d, t)),
        Format::Markdown => journal.export_markdown(&a.out, a.force, &mut |d, t| bar.update(d, t)),
    };
    bar.finish();
    let done = done?;
    if a.json {
        return output::json(&done);
    }
    output::print(&format!(
        "Exported {} {} ({} {}) to {}.\n",
        done.entries,
        if done.entries == 1 {
            "entry"
        } else {
            "entries"
        },
        done.revisions,
        if done.revisions == 1 {
            "revision"
        } else {
            "revisions"
        },
        done.path.display()
    ))
}
