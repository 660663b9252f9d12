//! `rungs profile [--level CODE]`: the user's current level, which later
//! features read (the next level's behaviours, the gaps to work on).

use clap::Args as ClapArgs;

use super::output;
use crate::ladder::Profile;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Set the current level: CODE when only one track has it, else TRACK/CODE
    #[arg(long, value_name = "CODE", conflicts_with = "clear_level")]
    level: Option<String>,
    /// Unset the current level
    #[arg(long)]
    clear_level: bool,
    /// Print JSON: {"level": {track, track_slug, code, title} | null, "next_level": … | null}
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    let profile = match (&a.level, a.clear_level) {
        (Some(level), _) => journal.set_profile_level(Some(level))?,
        (None, true) => journal.set_profile_level(None)?,
        (None, false) => journal.profile()?,
    };
    if a.json {
        output::json(&profile)
    } else {
        output::print(&render(&profile))
    }
}

fn render(p: &Profile) -> String {
    match &p.level {
        None => "No current level set (set it with `rungs profile --level CODE`).\n".into(),
        Some(l) => {
            let mut s = format!("Current level: {} {} ({})\n", l.code, l.title, l.track);
            match &p.next_level {
                Some(n) => s.push_str(&format!("Next level:    {} {}\n", n.code, n.title)),
                None => s.push_str("Next level:    none (the top of this track)\n"),
            }
            s
        }
    }
}
