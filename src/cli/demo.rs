//! `rungs demo [--force]`, `rungs demo --remove`: the sample journal.

use clap::Args as ClapArgs;

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Add the demo even though the journal has entries (yours stay)
    #[arg(long, conflicts_with = "remove")]
    force: bool,
    /// Remove the demo entries for good; your own entries, and demo entries you changed, stay
    #[arg(long)]
    remove: bool,
    /// Instead of the demo, write N synthetic entries (for scale tests; removable with --remove)
    #[arg(long, value_name = "N", conflicts_with = "remove")]
    synthetic: Option<usize>,
    /// Seed of the synthetic journal (the same seed gives the same entries)
    #[arg(long, value_name = "S", default_value_t = 1, requires = "synthetic")]
    seed: u64,
    /// Print what was done as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    if let Some(n) = a.synthetic {
        return synthetic(journal, n, a.seed, a.json);
    }
    let summary = if a.remove {
        journal.remove_demo()?
    } else {
        journal.load_demo(a.force)?
    };
    if a.json {
        return output::json(&summary);
    }
    output::print(&if a.remove {
        let mut s = format!(
            "Removed the demo journal: {} entries, {} people.\n",
            summary.entries, summary.people
        );
        if summary.kept > 0 {
            s.push_str(&format!(
                "Kept {} demo {} you changed; {} yours now.\n",
                summary.kept,
                if summary.kept == 1 {
                    "entry"
                } else {
                    "entries"
                },
                if summary.kept == 1 {
                    "it is"
                } else {
                    "they are"
                }
            ));
        }
        s
    } else {
        let mut s = format!(
            "Loaded the demo journal: {} entries, {} people. Try `rungs list` and \
             `rungs followups --open`; `rungs demo --remove` takes it out again.\n",
            summary.entries, summary.people
        );
        if summary.kept > 0 {
            s.push_str(&format!(
                "The earlier demo was replaced; {} of its entries you changed stayed, as yours.\n",
                summary.kept
            ));
        }
        s
    })
}

fn synthetic(mut journal: Journal, n: usize, seed: u64, json: bool) -> Result<()> {
    use std::io::IsTerminal;
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(n as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "Writing {bar:40} {pos}/{len} entries ({eta} left)",
            )
            .expect("valid template"),
        );
        b
    });
    let started = std::time::Instant::now();
    let summary = journal.load_synthetic(n, seed, &mut |done, _| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if json {
        return output::json(&summary);
    }
    output::print(&format!(
        "Wrote {} synthetic entries (seed {seed}) in {:.1} s.\n",
        summary.entries,
        started.elapsed().as_secs_f64()
    ))
}
