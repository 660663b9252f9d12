//! `rungs brief [--person NAME] [--level CODE] [--target CODE] [--since D] [--until D]
//! --format md|html|json [--out FILE]`: the brief for a growth conversation, to
//! stdout or to a file (written whole or not at all).

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::output;
use crate::report::{BriefFormat, BriefRequest};
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Someone you mentor: their sessions with you and the feedback you gave them
    /// [default: your own brief]
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// The level to review, CODE or TRACK/CODE [default: your profile's level]
    #[arg(long, value_name = "CODE")]
    level: Option<String>,
    /// The level to grow into [default: the next level in the track]
    #[arg(long, value_name = "CODE")]
    target: Option<String>,
    /// Start of the period, YYYY-MM-DD [default: the last growth conversation, else 90
    /// days before --until]
    #[arg(long, value_name = "YYYY-MM-DD")]
    since: Option<String>,
    /// End of the period, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    until: Option<String>,
    /// md (Markdown), html (one self-contained page) or json
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// Write to FILE instead of stdout
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let format = BriefFormat::parse(&a.format)?;
    let request = BriefRequest {
        person: a.person,
        level: a.level,
        target: a.target,
        since: a.since,
        until: a.until,
    };
    match a.out {
        Some(path) => {
            journal.save_brief(&request, format, &path)?;
            output::print(&format!("Wrote {}\n", path.display()))
        }
        None => output::print(&journal.export_brief(&request, format)?),
    }
}
