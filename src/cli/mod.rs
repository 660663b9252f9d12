//! The `rungs` command line: one file per subcommand, each a thin layer that parses
//! flags, calls [`Journal`], and prints human text or `--json`.

mod add;
mod backup;
mod brief;
mod delete;
mod demo;
mod edit;
mod entry_flags;
mod export;
mod filter_flags;
mod followup;
mod followups;
mod goal;
mod goals;
mod history;
mod import;
mod ladder;
mod link;
mod list;
mod output;
mod people;
mod person;
mod profile;
mod progress;
mod reindex;
mod revert;
mod search;
mod searches;
mod show;
mod suggest;
mod trash;
mod undelete;
mod unlink;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::{Journal, Result, paths};

#[derive(Parser)]
#[command(
    name = "rungs",
    version,
    about = "A journal of pairing sessions, feedback and learnings, tied to your career ladder",
    long_about = "Rungs keeps a journal of pairing sessions, feedback and learnings, and links each \
                  entry to the behaviours of your career ladder that it evidences.\n\n\
                  The journal lives in --data-dir, else $RUNGS_DATA_DIR, else your user data \
                  directory. The desktop app opens the same journal.",
    propagate_version = true
)]
pub struct Cli {
    /// The journal's data directory [default: $RUNGS_DATA_DIR, else the per-user data directory]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show, import or remove career ladders
    #[command(subcommand)]
    Ladder(ladder::Command),
    /// Add a pairing session, feedback, a learning or a growth conversation
    #[command(subcommand)]
    Add(add::Command),
    /// List entries, newest first
    List(list::Args),
    /// Show one entry
    Show(show::Args),
    /// Change an entry (a new revision; the old one is kept)
    Edit(Box<edit::Args>),
    /// Move an entry to the trash
    Delete(delete::Args),
    /// Bring an entry back from the trash
    Undelete(undelete::Args),
    /// List entries in the trash
    Trash(trash::Args),
    /// Show every revision of an entry
    History(history::Args),
    /// Make an earlier revision current again (as a new revision)
    Revert(revert::Args),
    /// Link an entry to ladder behaviours
    Link(link::Args),
    /// Unlink an entry from ladder behaviours
    Unlink(unlink::Args),
    /// List people
    People(people::Args),
    /// Rename, merge or mark a person as a mentee
    #[command(subcommand)]
    Person(person::Command),
    /// List follow-ups from pairing sessions
    Followups(followups::Args),
    /// Tick a follow-up off
    #[command(subcommand)]
    Followup(followup::Command),
    /// List the goals agreed in growth conversations
    Goals(goals::Args),
    /// Add a goal to a conversation, or set a goal's status
    #[command(subcommand)]
    Goal(goal::Command),
    /// The brief for a growth conversation: evidence per behaviour, gaps, goals, talking points
    Brief(brief::Args),
    /// Search every entry: typo-tolerant, as you type, with filters
    Search(search::Args),
    /// Suggest ladder behaviours for a text or an entry
    Suggest(suggest::Args),
    /// List or delete saved searches
    Searches(searches::Args),
    /// Rebuild the search index from the journal
    Reindex(reindex::Args),
    /// Load the demo journal into an empty journal, or remove it
    Demo(demo::Args),
    /// Show or set your current level on the ladder
    Profile(profile::Args),
    /// Back the journal up to a file, or restore it from one
    #[command(subcommand)]
    Backup(backup::Command),
    /// Export the whole journal as JSON or as a Markdown vault
    Export(export::Args),
    /// Import a JSON export or a Markdown vault (merging into a journal with entries)
    Import(import::Args),
}

/// Runs the CLI with the process's arguments; errors go to stderr, exit code 1.
pub fn main() -> ExitCode {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("RUNGS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let dir = paths::resolve_data_dir(cli.data_dir.as_deref())?;
    let open = || Journal::open(&dir);
    match cli.command {
        Command::Ladder(c) => ladder::run(open()?, c),
        Command::Add(c) => add::run(open()?, c),
        Command::List(a) => list::run(open()?, a),
        Command::Show(a) => show::run(open()?, a),
        Command::Edit(a) => edit::run(open()?, *a),
        Command::Delete(a) => delete::run(open()?, a),
        Command::Undelete(a) => undelete::run(open()?, a),
        Command::Trash(a) => trash::run(open()?, a),
        Command::History(a) => history::run(open()?, a),
        Command::Revert(a) => revert::run(open()?, a),
        Command::Link(a) => link::run(open()?, a),
        Command::Unlink(a) => unlink::run(open()?, a),
        Command::People(a) => people::run(open()?, a),
        Command::Person(c) => person::run(open()?, c),
        Command::Followups(a) => followups::run(open()?, a),
        Command::Followup(c) => followup::run(open()?, c),
        Command::Goals(a) => goals::run(open()?, a),
        Command::Goal(c) => goal::run(open()?, c),
        Command::Brief(a) => brief::run(open()?, a),
        Command::Demo(a) => demo::run(open()?, a),
        Command::Profile(a) => profile::run(open()?, a),
        Command::Search(a) => search::run(open()?, a),
        Command::Suggest(a) => suggest::run(open()?, a),
        Command::Searches(a) => searches::run(open()?, a),
        Command::Reindex(a) => reindex::run(open()?, a),
        Command::Backup(c) => backup::run(open()?, c),
        Command::Export(a) => export::run(open()?, a),
        Command::Import(a) => import::run(open()?, a),
    }
}
