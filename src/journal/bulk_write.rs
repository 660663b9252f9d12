//! Many new entries at once (the synthetic journal, bulk imports): one transaction,
//! each entry written as [`entries::save`] writes a new one but with the lookups a
//! long run repeats answered from memory ([`entries::NewEntries`]), and the search
//! index fed from the entries in memory while SQLite is written.
//!
//! Profiling a 100,000-entry load showed the save path at ≈ 380,000 instructions per
//! entry and the index drain reading every entry back from SQLite; with the caller
//! feeding the index writer directly, its threads tokenise while this thread writes
//! SQLite. Crash safety is the outbox's as ever: the rows the transaction queues stay
//! until an index commit covering them, so a crash before it indexes them again.

use super::entries::NewEntries;
use super::{EntryInput, Journal, failpoint};
use crate::Result;

impl Journal {
    /// Validates and saves `inputs` as new entries (marked as demo entries if `demo`),
    /// all in one transaction: an invalid one fails the whole call, nothing written.
    /// Returns the new entries' ids, in order.
    pub(crate) fn add_new(&mut self, inputs: Vec<EntryInput>, demo: bool) -> Result<Vec<String>> {
        if self.indexer.is_some() {
            // The background thread drains the outbox, as after any save.
            return self.write(|tx| {
                let mut new = NewEntries::new(demo);
                inputs
                    .into_iter()
                    .map(|input| new.insert(tx, input).map(|e| e.id))
                    .collect()
            });
        }
        // Whatever is queued goes into the writer first: the index may then take this
        // transaction's entries straight from memory.
        self.sync_index();
        let cache = BulkCache::set(self.db.conn())?;
        let search = &mut self.search;
        let mut fed = Fed::No;
        let written = self.db.write(|tx| {
            if search.can_feed(tx)? {
                fed = Fed::Yes;
            }
            let mut new = NewEntries::new(demo);
            let mut ids = Vec::with_capacity(inputs.len());
            for input in inputs {
                let entry = new.insert(tx, input)?;
                if fed == Fed::Yes
                    && let Err(e) = search.feed(&entry)
                {
                    tracing::warn!(error = %e, "search index fed from the outbox instead");
                    fed = Fed::Failed;
                }
                ids.push(entry.id);
            }
            Ok((ids, outbox_max(tx)?))
        });
        match (&written, fed) {
            (Ok((ids, upto)), Fed::Yes) => search.fed(*upto, ids.len()),
            // What the writer holds uncommitted goes; the outbox still has all of it.
            (_, Fed::Yes | Fed::Failed) => search.unfeed(),
            (_, Fed::No) => {}
        }
        cache.restore(self.db.conn());
        let (ids, _) = written?;
        failpoint::hit(failpoint::AFTER_SQLITE_COMMIT);
        self.sync_index();
        Ok(ids)
    }
}

/// SQLite's page cache and checkpoints while bulk transactions run (held across a
/// whole load by its caller, so the cache stays warm from one transaction to the next).
///
/// The default 2 MB cache is smaller than a thousand entries' dirty pages: SQLite
/// then spills pages to the WAL in the middle of the transaction and writes them again
/// when they change, 30 `pwrite`s per entry (strace of `rungs demo --synthetic
/// 20000`: 609,402 calls, 1.5 s of system time). With room for the whole transaction,
/// each page is written once.
///
/// Checkpointing every 1,000 pages copied the WAL into the database after every
/// transaction (a thousand entries write about 4,000 pages): the date indexes' pages,
/// which every transaction changes, were copied every time, and the checkpoints were
/// a fifth of the loading thread's time. Every [`BULK_CHECKPOINT_PAGES`] copies each
/// page once per several transactions.
pub(crate) struct BulkCache {
    cache: i64,
    checkpoint: i64,
}

/// `PRAGMA cache_size` in KiB when negative: 64 MiB, used only as pages are needed.
const BULK_CACHE_KIB: i64 = -65_536;
/// WAL pages between checkpoints while loading (80 MB of WAL at most, give or take a
/// transaction).
const BULK_CHECKPOINT_PAGES: i64 = 20_000;

impl BulkCache {
    pub(crate) fn set(conn: &rusqlite::Connection) -> Result<BulkCache> {
        let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let checkpoint: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
        conn.execute_batch(&format!(
            "PRAGMA cache_size = {BULK_CACHE_KIB}; PRAGMA wal_autocheckpoint = {};",
            checkpoint.max(BULK_CHECKPOINT_PAGES)
        ))?;
        Ok(BulkCache { cache, checkpoint })
    }

    /// Back to the connection's own settings (the memory goes back with it).
    pub(crate) fn restore(self, conn: &rusqlite::Connection) {
        let back = format!(
            "PRAGMA cache_size = {}; PRAGMA wal_autocheckpoint = {};",
            self.cache, self.checkpoint
        );
        if let Err(e) = conn.execute_batch(&back) {
            tracing::warn!(error = %e, "SQLite page cache left at the bulk size");
        }
    }
}

/// Whether this transaction's entries went into the index writer directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fed {
    No,
    Yes,
    /// Some did, then the writer failed: the outbox is drained instead.
    Failed,
}

fn outbox_max(tx: &rusqlite::Connection) -> Result<i64> {
    Ok(tx
        .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM index_outbox")?
        .query_row([], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::super::entries;
    use super::*;
    use crate::demo::synthetic;
    use crate::journal::{Conversation, Details, Feedback, FollowUp, Goal, Pairing};
    use crate::search::SearchRequest;

    /// The same journal state for both paths: people (one merged away), tags and a
    /// follow-up whose id a new entry then reuses.
    fn pairing(partners: Vec<String>, follow_ups: Vec<FollowUp>) -> Details {
        Details::Pairing(Pairing {
            partners,
            role: None,
            minutes: Some(30),
            area: None,
            ticket: None,
            notes: Some("Paired on the proxy".into()),
            learned: None,
            follow_ups,
        })
    }

    fn setup(j: &mut Journal) -> String {
        let pairing = |partners: &[&str], tags: &[&str]| EntryInput {
            title: Some("Setup".into()),
            date: "2026-01-05".into(),
            time: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            behaviours: Vec::new(),
            details: pairing(
                partners.iter().map(|p| p.to_string()).collect(),
                vec![FollowUp {
                    id: String::new(),
                    text: "Check the proxy".into(),
                    done: false,
                }],
            ),
        };
        let e = j.add(pairing(&["lena fischer"], &["Kubernetes"])).unwrap();
        j.add(pairing(&["Old Name", "Tom Becker"], &["helm"]))
            .unwrap();
        j.merge_people("Old Name", "Tom Becker").unwrap();
        match e.details {
            Details::Pairing(p) => p.follow_ups[0].id.clone(),
            _ => unreachable!(),
        }
    }

    /// Synthetic entries plus the awkward cases: names and tags in another case or
    /// spacing, a merged-away name, repeated and foreign follow-up ids, behaviour ids
    /// as typed, a conversation with goals, feedback with a derived title.
    fn inputs(j: &Journal, foreign_follow_up: &str) -> Vec<EntryInput> {
        let ids: Vec<String> = j
            .ladder()
            .unwrap()
            .levels
            .iter()
            .flat_map(|l| &l.sections)
            .flat_map(|s| &s.behaviours)
            .map(|b| b.id.clone())
            .collect();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let mut rng = synthetic::Rng::new(7);
        let mut out: Vec<EntryInput> = (0..150)
            .map(|_| synthetic::entry(&mut rng, today, &ids))
            .collect();
        let follow_up = |id: &str, text: &str| FollowUp {
            id: id.into(),
            text: text.into(),
            done: false,
        };
        out.push(EntryInput {
            title: Some("  Awkward pairing ".into()),
            date: "2026-02-03".into(),
            time: Some("09:05".into()),
            tags: vec!["kubernetes".into(), "#NewTag".into(), "newtag".into()],
            behaviours: vec![format!(" {} ", ids[0].to_uppercase()), ids[0].clone()],
            details: pairing(
                vec!["LENA   Fischer".into(), "old name".into()],
                vec![
                    follow_up(foreign_follow_up, "Reuses another entry's id"),
                    follow_up("", "No id"),
                    follow_up("same", "Twice"),
                    follow_up("same", "Twice again"),
                ],
            ),
        });
        out.push(EntryInput {
            title: None,
            date: "2026-02-04".into(),
            time: None,
            tags: vec!["NEWTAG".into()],
            behaviours: vec![ids[1].clone()],
            details: Details::Feedback(Feedback {
                person: "Tom Becker".into(),
                situation: "In the review".into(),
                observed: "Clear steps".into(),
                impact: "Saved an hour".into(),
                direction: crate::journal::Direction::Received,
                tone: None,
                reflection: None,
            }),
        });
        out.push(EntryInput {
            title: None,
            date: "2026-02-05".into(),
            time: None,
            tags: Vec::new(),
            behaviours: Vec::new(),
            details: Details::Conversation(Conversation {
                person: "Mia Wong".into(),
                notes: Some("Growth plan".into()),
                goals: vec![Goal {
                    id: String::new(),
                    text: "Lead an incident review".into(),
                    behaviours: vec![ids[2].clone()],
                    status: Default::default(),
                }],
            }),
        });
        out
    }

    /// Every table, row by row in insertion order, ids and timestamps replaced by
    /// their order of first appearance (they are random and clock-dependent).
    fn dump(j: &Journal) -> Vec<String> {
        let conn = j.database().conn();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut out = Vec::new();
        for t in tables {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid"))
                .unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let cols: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                out.push(format!("{t}: {}", cols.join(" | ")));
            }
        }
        normalise(out)
    }

    fn normalise(lines: Vec<String>) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        let uuid = |w: &[u8]| {
            w.len() == 36
                && w.iter().enumerate().all(|(i, b)| match i {
                    8 | 13 | 18 | 23 => *b == b'-',
                    _ => b.is_ascii_hexdigit(),
                })
        };
        let stamp = |w: &[u8]| {
            w.len() == 24
                && w.iter().enumerate().all(|(i, b)| match i {
                    4 | 7 => *b == b'-',
                    10 => *b == b'T',
                    13 | 16 => *b == b':',
                    19 => *b == b'.',
                    23 => *b == b'Z',
                    _ => b.is_ascii_digit(),
                })
        };
        lines
            .into_iter()
            .map(|line| {
                let b = line.as_bytes();
                let mut out = String::new();
                let mut i = 0;
                while i < b.len() {
                    if i + 36 <= b.len() && uuid(&b[i..i + 36]) {
                        let id = &line[i..i + 36];
                        let n = seen.iter().position(|s| s == id).unwrap_or_else(|| {
                            seen.push(id.to_string());
                            seen.len() - 1
                        });
                        out.push_str(&format!("<id{n}>"));
                        i += 36;
                    } else if i + 24 <= b.len() && stamp(&b[i..i + 24]) {
                        out.push_str("<time>");
                        i += 24;
                    } else {
                        let c = line[i..].chars().next().unwrap();
                        out.push(c);
                        i += c.len_utf8();
                    }
                }
                out
            })
            .collect()
    }

    fn two_journals() -> (Journal, Journal, Vec<String>, Vec<String>) {
        let mut one = Journal::open_in_memory().unwrap();
        let mut bulk = Journal::open_in_memory().unwrap();
        let foreign_one = setup(&mut one);
        let foreign_bulk = setup(&mut bulk);
        let inputs_one = inputs(&one, &foreign_one);
        let inputs_bulk = inputs(&bulk, &foreign_bulk);
        let ids_one: Vec<String> = one
            .write(|tx| {
                inputs_one
                    .into_iter()
                    .map(|i| entries::save(tx, None, i, true))
                    .collect()
            })
            .unwrap();
        let ids_bulk = bulk.add_new(inputs_bulk, true).unwrap();
        (one, bulk, ids_one, ids_bulk)
    }

    /// The bulk path writes exactly the rows `entries::save` writes, every table row
    /// for row, and the API reads back the same entries, which the index finds alike.
    #[test]
    fn bulk_insert_writes_what_save_writes() {
        let (mut one, mut bulk, ids_one, ids_bulk) = two_journals();
        assert_eq!(ids_one.len(), 153);
        let (a, b) = (dump(&one), dump(&bulk));
        assert!(a.iter().any(|l| l.starts_with("entry_tags:")));
        assert!(a.iter().any(|l| l.starts_with("goal_behaviours:")));
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y);
        }
        // Entry by entry through the API.
        for (x, y) in ids_one.iter().zip(&ids_bulk) {
            let x = serde_json::to_string(&one.get(x).unwrap()).unwrap();
            let y = serde_json::to_string(&bulk.get(y).unwrap()).unwrap();
            assert_eq!(normalise(vec![x]), normalise(vec![y]));
        }
        // The awkward pairing: the foreign follow-up id was replaced, names resolved.
        let awkward = bulk.get(&ids_bulk[150]).unwrap();
        let Details::Pairing(p) = &awkward.details else {
            panic!("a pairing")
        };
        assert_eq!(p.partners, ["lena fischer", "Tom Becker"]);
        assert_eq!(awkward.tags, ["Kubernetes", "NewTag"]);
        assert_eq!(p.follow_ups.len(), 4);
        assert_eq!(bulk.history(&ids_bulk[150]).unwrap().len(), 1);
        // Both indexes find the same entries.
        for q in [
            "certificate",
            "tentacle proxy",
            "incident review",
            "hour",
            "fischer",
        ] {
            let search = |j: &mut Journal| {
                let r = j
                    .search(&SearchRequest {
                        query: q.into(),
                        limit: Some(1000),
                        ..Default::default()
                    })
                    .unwrap();
                let mut titles: Vec<(String, String)> =
                    r.hits.into_iter().map(|h| (h.date, h.title)).collect();
                titles.sort();
                (r.total, titles)
            };
            let (found, titles) = search(&mut bulk);
            assert!(found > 0, "{q}");
            assert_eq!(search(&mut one), (found, titles), "{q}");
        }
    }

    /// What the bulk path hands the index is what `entries::get` reads back.
    #[test]
    fn inserted_entry_is_what_get_reads() {
        let mut j = Journal::open_in_memory().unwrap();
        let foreign = setup(&mut j);
        let inputs = inputs(&j, &foreign);
        j.write(|tx| {
            let mut new = entries::NewEntries::new(false);
            for input in inputs {
                let e = new.insert(tx, input)?;
                assert_eq!(e, entries::get(tx, &e.id)?);
            }
            Ok(())
        })
        .unwrap();
    }

    /// A crash after the bulk transaction, before the index commit that covers it:
    /// the outbox still holds the entries, so the next start indexes them.
    #[test]
    fn a_crash_before_the_index_commit_loses_nothing() {
        use crate::paths::{DATABASE_FILE, INDEX_DIR};
        use crate::search::CommitPolicy;
        let dir = tempfile::tempdir().unwrap();
        let crashed = tempfile::tempdir().unwrap();
        let mut j = Journal::open(dir.path()).unwrap();
        let foreign = setup(&mut j);
        j.flush_index().unwrap();
        j.search_index().set_policy(CommitPolicy {
            max_docs: usize::MAX,
            max_delay: std::time::Duration::MAX,
        });
        let inputs = inputs(&j, &foreign);
        let n = j.add_new(inputs, false).unwrap().len();
        // What a crash leaves: the committed database, the index's files as they are.
        let conn = j.database().conn();
        let queued: i64 = conn
            .query_row(
                "SELECT COUNT(DISTINCT entry_id) FROM index_outbox",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(queued, n as i64);
        conn.execute(
            "VACUUM INTO ?1",
            [crashed.path().join(DATABASE_FILE).to_str().unwrap()],
        )
        .unwrap();
        std::fs::create_dir(crashed.path().join(INDEX_DIR)).unwrap();
        for f in std::fs::read_dir(dir.path().join(INDEX_DIR)).unwrap() {
            let f = f.unwrap();
            if f.file_name() != ".tantivy-writer.lock" && f.file_name() != ".tantivy-meta.lock" {
                std::fs::copy(f.path(), crashed.path().join(INDEX_DIR).join(f.file_name()))
                    .unwrap();
            }
        }
        let found = |j: &mut Journal| {
            j.search(&SearchRequest {
                query: "certificate".into(),
                ..Default::default()
            })
            .unwrap()
            .total
        };
        let expected = found(&mut j);
        assert!(expected > 10);
        drop(j);
        let mut after = Journal::open(crashed.path()).unwrap();
        assert_eq!(found(&mut after), expected);
    }

    /// An invalid entry fails the whole call with `save`'s error, writing nothing:
    /// no rows, nothing queued, nothing in the index.
    #[test]
    fn an_invalid_entry_writes_nothing() {
        let mut j = Journal::open_in_memory().unwrap();
        let foreign = setup(&mut j);
        let mut bad = inputs(&j, &foreign);
        let before = dump(&j);
        let good = bad.len();
        bad[100].behaviours.push("no.such.behaviour".into());
        let expected = j
            .write(|tx| entries::save(tx, None, bad[100].clone(), true))
            .unwrap_err();
        let cache = |j: &Journal| -> i64 {
            let conn = j.database().conn();
            conn.query_row("PRAGMA cache_size", [], |r| r.get(0))
                .unwrap()
        };
        let own_cache = cache(&j);
        assert_ne!(own_cache, BULK_CACHE_KIB);
        let got = j.add_new(bad.clone(), true).unwrap_err();
        assert_eq!(cache(&j), own_cache);
        assert_eq!(got.to_string(), expected.to_string());
        assert!(matches!(got, crate::Error::Invalid { ref field, .. } if field == "behaviour"));
        bad[100].behaviours.pop();
        bad[120].date = "2026-13-01".into();
        let got = j.add_new(bad.clone(), true).unwrap_err();
        assert!(matches!(got, crate::Error::Invalid { ref field, .. } if field == "date"));
        assert_eq!(dump(&j), before);
        let found = |j: &mut Journal| {
            j.search(&SearchRequest {
                query: "certificate".into(),
                ..Default::default()
            })
            .unwrap()
            .total
        };
        assert_eq!(found(&mut j), 0);
        // The writer's rolled-back batch did not survive into a later commit.
        bad[120].date = "2026-12-01".into();
        assert_eq!(j.add_new(bad, true).unwrap().len(), good);
        assert_eq!(cache(&j), own_cache);
        let n = found(&mut j);
        assert!(n > 0 && n < good as u64, "{n}");
        j.flush_index().unwrap();
        assert_eq!(found(&mut j), n);
        // Each entry once: nothing of the failed attempts was committed with it.
        let docs = j.search_index().reader.searcher().num_docs();
        assert_eq!(docs, good as u64 + 2);
    }
}
