//! `rungs import PATH`: a JSON export (a file) or a Markdown vault (a folder). Into
//! an empty journal it is the journal again; into one with entries it merges by
//! entry id and reports conflicts (see `transfer::merge`).

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{output, progress};
use crate::transfer::{ImportMode, ImportSummary};
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// A file from `rungs export --format json`, or a folder from `--format markdown`
    #[arg(value_name = "PATH")]
    path: PathBuf,
    /// Print JSON: {mode, added, updated, unchanged, edited, conflicts, …}
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    let bar = progress::Bar::new("Importing", "entries");
    let done = if a.path.is_dir() {
        journal.import_markdown(&a.path, &mut |d, t| bar.update(d, t))
    } else {
        journal.import_json(&a.path, &mut |d, t| bar.update(d, t))
    };
    bar.finish();
    let done = done?;
    if a.json {
        return output::json(&done);
    }
    output::print(&text(&done))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn text(s: &ImportSummary) -> String {
    let mut out = match s.mode {
        ImportMode::Whole => format!(
            "Imported {} into the empty journal.\n",
            plural(s.added, "entry", "entries")
        ),
        ImportMode::Merge => format!(
            "Merged: {} added, {} updated, {} unchanged.\n",
            plural(s.added, "entry", "entries"),
            s.updated,
            s.unchanged
        ),
    };
    if s.metadata_missing {
        out.push_str(&format!(
            "The vault has no {}: only its entry files were read; the ladder, people and \
             history were left as they are.\n",
            crate::transfer::vault::JOURNAL_FILE
        ));
    }
    if s.edited > 0 {
        out.push_str(&format!(
            "{} edited in the vault, each saved as a new revision.\n",
            plural(s.edited, "entry was", "entries were")
        ));
    }
    if s.mode == ImportMode::Merge
        && s.people_added + s.tags_added + s.behaviours_added + s.saved_searches_added > 0
    {
        out.push_str(&format!(
            "Also added: {}, {}, {}, {}.\n",
            plural(s.people_added, "person", "people"),
            plural(s.tags_added, "tag", "tags"),
            plural(s.behaviours_added, "behaviour", "behaviours"),
            plural(s.saved_searches_added, "saved search", "saved searches"),
        ));
    }
    for p in &s.people_renamed {
        out.push_str(&format!(
            "{} is called {} in the import; the name here is kept.\n",
            p.kept, p.imported
        ));
    }
    if !s.conflicts.is_empty() {
        out.push_str(&format!(
            "{} changed both here and in the import; this journal's version is kept and the \
             imported one added beside it as a copy:\n",
            plural(s.conflicts.len(), "entry was", "entries were")
        ));
        for c in &s.conflicts {
            out.push_str(&format!(
                "  {}: here revision {} ({}), imported revision {} ({}) -> copy {}\n",
                c.entry_id,
                c.local_revision,
                c.local_at,
                c.incoming_revision,
                c.incoming_at,
                c.copy_id
            ));
        }
    }
    out
}
