//! `rungs reindex`: rebuild the search index from the database.

use std::time::Instant;

use clap::Args as ClapArgs;

use super::{output, progress};
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {}

pub fn run(mut journal: Journal, _: Args) -> Result<()> {
    let bar = progress::Bar::new("Indexing", "entries");
    let started = Instant::now();
    let n = journal.reindex(&mut |done, total| bar.update(done, total))?;
    bar.finish();
    output::print(&format!(
        "Rebuilt the search index: {n} {} in {:.1} s.\n",
        if n == 1 { "entry" } else { "entries" },
        started.elapsed().as_secs_f64()
    ))
}
