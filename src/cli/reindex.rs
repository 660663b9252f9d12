//! `rungs reindex`: rebuild the search index from the database.

use std::io::IsTerminal;
use std::time::Instant;

use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};

use super::output;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {}

pub fn run(mut journal: Journal, _: Args) -> Result<()> {
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template("Indexing {bar:40} {pos}/{len} entries ({eta} left)")
                .expect("valid template"),
        );
        Some(b)
    } else {
        None
    };
    let started = Instant::now();
    let n = journal.reindex(&mut |done, total| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    output::print(&format!(
        "Rebuilt the search index: {n} {} in {:.1} s.\n",
        if n == 1 { "entry" } else { "entries" },
        started.elapsed().as_secs_f64()
    ))
}
