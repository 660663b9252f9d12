//! The demo journal: half a year of a support engineer's real-sounding entries, so a
//! new user sees what Rungs is for before writing their own. Dates are relative to
//! today (`RUNGS_TODAY` pins them). Demo rows are marked, and removing the demo
//! deletes them for good: they are not the user's data. A demo entry the user has
//! changed is theirs, and stays.

pub mod synthetic;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::journal::bulk_write::BulkCache;
use crate::journal::{self, EntryInput, Journal};
use crate::search::CommitPolicy;
use crate::{Error, Result, clock};

const JOURNAL: &str = include_str!("journal.json");

#[derive(Deserialize)]
struct DemoFile {
    people: Vec<DemoPerson>,
    entries: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct DemoPerson {
    name: String,
    mentee: bool,
}

/// What loading or removing the demo did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoSummary {
    pub entries: usize,
    pub people: usize,
    /// Removing: demo entries the user had changed, kept as theirs.
    pub kept: usize,
}

/// What the journal holds of the demo, for the app's first-run offers: the demo can be
/// loaded into an empty journal and removed while its entries are there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoStatus {
    /// No entry at all, trash included ([`Journal::load_demo`] accepts the journal).
    pub empty: bool,
    /// Demo entries the user has not changed, trash included: what
    /// [`Journal::remove_demo`] deletes.
    pub demo_entries: usize,
}

/// The demo entries, dated relative to `today`.
fn entries(today: chrono::NaiveDate) -> Result<(Vec<DemoPerson>, Vec<EntryInput>)> {
    let file: DemoFile =
        serde_json::from_str(JOURNAL).map_err(|e| Error::invalid("demo journal", e.to_string()))?;
    let mut out = Vec::with_capacity(file.entries.len());
    for (i, mut v) in file.entries.into_iter().enumerate() {
        let obj = v
            .as_object_mut()
            .ok_or_else(|| Error::invalid("demo journal", format!("entry {i} is not an object")))?;
        let days = obj
            .remove("days_ago")
            .and_then(|d| d.as_u64())
            .ok_or_else(|| Error::invalid("demo journal", format!("entry {i}: days_ago")))?;
        let date = today - chrono::Days::new(days);
        obj.insert("date".into(), date.format("%Y-%m-%d").to_string().into());
        let input: EntryInput = serde_json::from_value(v)
            .map_err(|e| Error::invalid("demo journal", format!("entry {i}: {e}")))?;
        out.push(input);
    }
    Ok((file.people, out))
}

impl Journal {
    /// Loads the demo journal. Refuses a journal that has entries unless `force`;
    /// with `force`, a demo already loaded is replaced, the user's entries stay.
    pub fn load_demo(&mut self, force: bool) -> Result<DemoSummary> {
        if !force && !self.is_empty()? {
            return Err(Error::Conflict(
                "the journal already has entries; `rungs demo --force` adds the demo beside them"
                    .into(),
            ));
        }
        let (people, inputs) = entries(clock::today()?)?;
        self.write(|tx| {
            let replaced = journal::remove_demo(tx)?;
            let mut created = 0;
            for p in &people {
                let before: i64 = tx.query_row("SELECT COUNT(*) FROM people", [], |r| r.get(0))?;
                tx.execute(
                    "INSERT INTO people (name, name_key, mentee, demo, created_at)
                     VALUES (?1, ?2, ?3, 1, ?4) ON CONFLICT DO NOTHING",
                    rusqlite::params![
                        p.name,
                        journal::validate::name_key(&p.name),
                        p.mentee,
                        clock::now_timestamp()
                    ],
                )?;
                let after: i64 = tx.query_row("SELECT COUNT(*) FROM people", [], |r| r.get(0))?;
                created += (after - before) as usize;
            }
            for input in inputs.iter().cloned() {
                journal::save_demo_entry(tx, input)?;
            }
            Ok(DemoSummary {
                entries: inputs.len(),
                people: created,
                kept: replaced.kept,
            })
        })
    }

    /// Whether the journal is empty and how many demo entries it holds.
    pub fn demo_status(&self) -> Result<DemoStatus> {
        Ok(DemoStatus {
            empty: self.is_empty()?,
            demo_entries: journal::demo_entries(self.database().conn())?,
        })
    }

    /// Deletes every demo entry the user has not changed, and demo people nothing
    /// of the user's names (see `journal::remove_demo`).
    pub fn remove_demo(&mut self) -> Result<DemoSummary> {
        self.write(|tx| {
            let r = journal::remove_demo(tx)?;
            Ok(DemoSummary {
                entries: r.entries,
                people: r.people,
                kept: r.kept,
            })
        })
    }

    /// Writes `n` deterministic synthetic entries (marked as demo) through the bulk
    /// path (`Journal::add_new`): one transaction per thousand entries, fed to the
    /// index writer as they are written, one index commit at the end.
    pub fn load_synthetic(
        &mut self,
        n: usize,
        seed: u64,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<DemoSummary> {
        let today = clock::today()?;
        let ids: Vec<String> = self
            .ladder()?
            .levels
            .iter()
            .flat_map(|l| &l.sections)
            .flat_map(|s| &s.behaviours)
            .map(|b| b.id.clone())
            .collect();
        // Counted, not listed: a list counts every person's entries (a scan of the
        // whole journal, twice per load).
        let count_people = |j: &Journal| -> Result<usize> {
            let n: i64 = j.database().conn().query_row(
                "SELECT COUNT(*) FROM people WHERE merged_into IS NULL",
                [],
                |r| r.get(0),
            )?;
            Ok(n as usize)
        };
        let people_before = count_people(self)?;
        let mut rng = synthetic::Rng::new(seed);
        // Each batch is drained into the index writer as it is written, but committed
        // (segments written and fsynced) once at the end: the outbox keeps the work
        // until then, so a crash midway loses nothing.
        let policy = self.search_index().set_policy(CommitPolicy {
            max_docs: usize::MAX,
            max_delay: Duration::MAX,
        });
        // SQLite's page cache stays large from one transaction to the next.
        let cache = BulkCache::set(self.database().conn())?;
        // The entries are made on another thread while this one writes the previous
        // thousand (the generator was a sixth of the loading thread's work).
        let load = || -> Result<()> {
            std::thread::scope(|scope| {
                let (send, batches) = std::sync::mpsc::sync_channel::<Vec<EntryInput>>(2);
                let ids = &ids;
                scope.spawn(move || {
                    let mut made = 0;
                    while made < n {
                        let batch = (n - made).min(1000);
                        let inputs = (0..batch)
                            .map(|_| synthetic::entry(&mut rng, today, ids))
                            .collect();
                        if send.send(inputs).is_err() {
                            return; // the writer stopped on an error
                        }
                        made += batch;
                    }
                });
                let mut done = 0;
                for inputs in batches {
                    done += inputs.len();
                    self.add_new(inputs, true)?;
                    progress(done, n);
                }
                Ok(())
            })
        };
        let loaded = load();
        cache.restore(self.database().conn());
        self.search_index().set_policy(policy);
        loaded?;
        self.flush_index()?;
        Ok(DemoSummary {
            entries: n,
            people: count_people(self)?.saturating_sub(people_before),
            kept: 0,
        })
    }
}
