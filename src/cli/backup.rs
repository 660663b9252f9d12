//! `rungs backup create --out FILE` and `rungs backup restore FILE`.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand};

use super::{output, progress};
use crate::{Journal, Result};

#[derive(Subcommand)]
pub enum Command {
    /// Copy the journal to FILE (safe while the app is open)
    Create(CreateArgs),
    /// Replace the journal with a backup; the journal as it was is kept in backups/
    Restore(RestoreArgs),
}

#[derive(ClapArgs)]
pub struct CreateArgs {
    /// Where to write the backup
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
    /// Print JSON: {path, bytes, schema_version}
    #[arg(long)]
    json: bool,
}

#[derive(ClapArgs)]
pub struct RestoreArgs {
    /// A backup made by `rungs backup create` (or a journal.sqlite3 copy)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print JSON: {restored_from, kept_aside, schema_version}
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, c: Command) -> Result<()> {
    match c {
        Command::Create(a) => {
            let done = journal.backup(&a.out, a.force)?;
            if a.json {
                return output::json(&done);
            }
            output::print(&format!(
                "Backed up the journal to {} ({} KiB).\n",
                done.path.display(),
                done.bytes.div_ceil(1024)
            ))
        }
        Command::Restore(a) => {
            let bar = progress::Bar::new("Indexing", "entries");
            let done = journal.restore(&a.file, &mut |d, t| bar.update(d, t));
            bar.finish();
            let done = done?;
            if a.json {
                return output::json(&done);
            }
            output::print(&format!(
                "Restored the journal from {}.\nThe journal as it was is kept in {}.\n",
                done.restored_from.display(),
                done.kept_aside.display()
            ))
        }
    }
}
