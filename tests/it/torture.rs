//! Crash torture and concurrent writers, at the process level. A writer process (the
//! `rungs` CLI run in a loop, or the library as the desktop app uses it, with its
//! background indexer) adds entries and records each id only once the write has
//! returned; it is killed with SIGKILL at a random moment (seeded, the seed printed).
//! After every kill the journal must reopen with `PRAGMA integrity_check` ok, hold
//! every acknowledged entry, and find all of them in search once it has caught up.
//!
//! The writers are this test binary run again in helper mode ([`writer_process`],
//! ignored unless started by these tests), so they need no binary of their own.
//! `make test` runs a few dozen kills and a few hundred concurrent entries; `make
//! torture` runs the full scale and prints the figures (`RUNGS_TORTURE_KILLS`,
//! `RUNGS_TORTURE_ENTRIES`, `RUNGS_TORTURE_SEED`; see RELIABILITY.md).

use std::collections::HashSet;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use proptest::prelude::RngExt;
use proptest::test_runner::{RngAlgorithm, TestRng};
use rungs::Journal;
use rungs::journal::{Details, EntryInput, Learning};
use rungs::search::SearchRequest;

use crate::util::{TODAY, rungs_bin};

/// Which writer a helper process is: `cli` (the `rungs` binary in a loop) or `library`.
const WRITER_VAR: &str = "RUNGS_TORTURE_WRITER";
const DIR_VAR: &str = "RUNGS_TORTURE_DIR";
/// The file the helper appends each acknowledged id to, one per line.
const ACKS_VAR: &str = "RUNGS_TORTURE_ACKS";
/// A prefix making this writer's titles unique.
const TAG_VAR: &str = "RUNGS_TORTURE_TAG";
/// Stop after this many entries (unset: write until killed).
const COUNT_VAR: &str = "RUNGS_TORTURE_COUNT";
/// The library writer's pace: before its entry N it waits until the acknowledgement
/// file named here holds N - 1 ids, so the fast library and the slow CLI (a process
/// per entry) write side by side from the first entry to the last.
const FOLLOW_VAR: &str = "RUNGS_TORTURE_FOLLOW";
/// An acknowledgement line: a UUID and a newline.
const ACK_LINE: u64 = 37;

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

fn body(title: &str) -> String {
    format!("Torture body of {title}: written, acknowledged, then maybe killed.")
}

/// The helper process. Not a test of its own: the tests below start this binary with
/// `--exact torture::writer_process --ignored` and the variables above set.
#[test]
#[ignore = "a writer process started by the torture tests, not a test by itself"]
fn writer_process() {
    let kind = std::env::var(WRITER_VAR)
        .expect("started by the torture tests only: RUNGS_TORTURE_WRITER is not set");
    let dir = PathBuf::from(std::env::var(DIR_VAR).expect(DIR_VAR));
    let tag = std::env::var(TAG_VAR).unwrap_or_default();
    let count = std::env::var(COUNT_VAR)
        .ok()
        .map(|v| v.parse::<u64>().expect(COUNT_VAR));
    let mut acks = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(std::env::var(ACKS_VAR).expect(ACKS_VAR))
        .expect("open the acknowledgement file");
    // One write(2) per id, after the write it acknowledges has returned.
    let mut ack = |id: &str| acks.write_all(format!("{id}\n").as_bytes()).unwrap();
    let more = |i: u64| count.is_none_or(|c| i < c);
    match kind.as_str() {
        "library" => {
            // As the desktop app runs the core: one journal, a background indexer.
            let mut journal = Journal::open(&dir).expect("open the journal");
            journal
                .start_background_indexing()
                .expect("start background indexing");
            let follow = std::env::var_os(FOLLOW_VAR).map(PathBuf::from);
            let mut i = 0;
            while more(i) {
                if let Some(other) = &follow {
                    let behind = || std::fs::metadata(other).map_or(0, |m| m.len() / ACK_LINE) < i;
                    while behind() {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
                i += 1;
                let title = format!("{tag} library {i}");
                let entry = journal
                    .add(EntryInput {
                        title: Some(title.clone()),
                        date: "2026-11-20".into(),
                        time: None,
                        tags: vec!["torture".into()],
                        behaviours: vec!["L1.1.2".into()],
                        details: Details::Learning(Learning {
                            body: body(&title),
                            source: None,
                        }),
                    })
                    .expect("library add");
                ack(&entry.id);
            }
            // What the app does on close: commit the index.
            journal.flush_index().expect("flush the index");
        }
        "cli" => {
            let mut i = 0;
            while more(i) {
                i += 1;
                let title = format!("{tag} cli {i}");
                let out = Command::new(rungs_bin())
                    .env("RUNGS_TODAY", TODAY)
                    .arg("--data-dir")
                    .arg(&dir)
                    .args(["add", "learning", "--date", "2026-11-20"])
                    .args(["--tag", "torture", "--behaviour", "L1.1.2"])
                    .args(["--title", &title, "--body", &body(&title)])
                    .output()
                    .expect("run rungs");
                assert!(
                    out.status.success(),
                    "rungs add failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                // "Added learning ID: TITLE"
                let stdout = String::from_utf8(out.stdout).unwrap();
                let id = stdout
                    .strip_prefix("Added learning ")
                    .and_then(|rest| rest.split(':').next())
                    .unwrap_or_else(|| panic!("unexpected output: {stdout}"));
                ack(id);
            }
        }
        other => panic!("{WRITER_VAR}={other:?}: expected cli or library"),
    }
}

/// Starts a helper writer in a process group of its own (so a kill reaches the
/// `rungs` process it may be running too).
fn spawn_writer(
    kind: &str,
    dir: &Path,
    acks: &Path,
    tag: &str,
    count: Option<u64>,
    follow: Option<&Path>,
) -> Child {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["--exact", "torture::writer_process", "--ignored", "--quiet"])
        .args(["--test-threads", "1"])
        .process_group(0)
        .env(WRITER_VAR, kind)
        .env(DIR_VAR, dir)
        .env(ACKS_VAR, acks)
        .env(TAG_VAR, tag)
        .env("RUNGS_TODAY", TODAY)
        .env_remove("RUNGS_DATA_DIR")
        .env_remove(rungs::journal::failpoint::VAR)
        .stdout(Stdio::null());
    if let Some(n) = count {
        c.env(COUNT_VAR, n.to_string());
    }
    if let Some(other) = follow {
        c.env(FOLLOW_VAR, other);
    }
    // Another cargo relinking this binary at the same moment makes exec fail with
    // "text file busy" for an instant: try again rather than fail the torture.
    for _ in 0..50 {
        match c.spawn() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(Duration::from_millis(100))
            }
            started => return started.expect("start a writer process"),
        }
    }
    panic!("cannot start a writer process: text file busy")
}

/// SIGKILLs the writer's whole process group and waits until none of it is left, so
/// no dying process still holds a lock or finishes a write while the journal is checked.
fn kill_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    let killed = Command::new("kill")
        .args(["-KILL", "--", &group])
        .status()
        .unwrap();
    assert!(killed.success(), "kill -KILL {group} failed");
    child.wait().unwrap();
    // Liveness only: a killed process is gone within moments. A zombie is gone too
    // (it runs no more code), whoever reaps it: PID 1 of a container may never.
    let pgrp = child.id().to_string();
    let deadline = Instant::now() + Duration::from_secs(30);
    while live_in_group(&pgrp) {
        assert!(
            Instant::now() < deadline,
            "process group {pgrp} survived SIGKILL"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Whether any process of group `pgrp` is still alive (not a zombie), from /proc.
fn live_in_group(pgrp: &str) -> bool {
    std::fs::read_dir("/proc").unwrap().flatten().any(|e| {
        // "PID (COMM) STATE PPID PGRP ...": COMM may hold spaces, so split after ')'.
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            return false;
        };
        let Some((_, rest)) = stat.rsplit_once(')') else {
            return false;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        fields.len() > 2 && fields[2] == pgrp && fields[0] != "Z"
    })
}

/// Every id in the acknowledgement file (a line cut short by the kill does not count).
fn acknowledged(acks: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(acks).unwrap_or_default();
    let complete = match text.rfind('\n') {
        Some(end) => &text[..=end],
        None => "",
    };
    complete.lines().map(String::from).collect()
}

struct Verified {
    /// Reopening the journal and bringing its index up to date.
    catch_up: Duration,
    /// Rows in the index outbox when the journal reopened.
    outbox: i64,
    entries: usize,
}

/// Reopens the journal as the next start would and checks it: integrity ok, every
/// acknowledged id stored and, after catch-up, found by search, and the index holding
/// exactly the stored entries.
fn verify(
    dir: &Path,
    acked: &HashSet<String>,
    newest: &[String],
    full: bool,
    context: &str,
) -> Verified {
    let outbox = rusqlite::Connection::open(dir.join("journal.sqlite3"))
        .and_then(|c| c.query_row("SELECT COUNT(*) FROM index_outbox", [], |r| r.get(0)))
        .unwrap_or(0);
    let started = Instant::now();
    let mut journal = Journal::open(dir)
        .unwrap_or_else(|e| panic!("{context}: the journal does not reopen: {e}"));
    journal
        .flush_index()
        .unwrap_or_else(|e| panic!("{context}: the index does not catch up: {e}"));
    let catch_up = started.elapsed();
    let conn = journal.database().conn();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{context}: integrity_check");
    let stored: HashSet<String> = conn
        .prepare("SELECT id FROM entries")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let lost: Vec<&String> = acked.difference(&stored).collect();
    assert!(
        lost.is_empty(),
        "{context}: acknowledged but not stored: {lost:?}"
    );
    // The newest entries are found as the user looks for them: by their title.
    for id in newest.iter().rev().take(3) {
        let title = journal.get(id).unwrap().title;
        let r = journal
            .search(&SearchRequest {
                query: format!("\"{title}\""),
                ..Default::default()
            })
            .unwrap();
        assert!(
            r.hits.iter().any(|h| &h.id == id),
            "{context}: searching for \"{title}\" does not find it"
        );
    }
    drop(journal);
    // The index on disk, read as any reader would: as many live documents as stored
    // entries, each newly acknowledged id among them; and now and then (`full`) the
    // whole set, each id once. Reading every document after every kill would make the
    // full run quadratic in the entries written.
    let index = tantivy::Index::open_in_dir(dir.join(rungs::paths::INDEX_DIR))
        .unwrap_or_else(|e| panic!("{context}: the index does not open: {e}"));
    let id_field = index.schema().get_field("id").unwrap();
    let searcher = index.reader().unwrap().searcher();
    assert_eq!(
        searcher.num_docs() as usize,
        stored.len(),
        "{context}: index and database disagree"
    );
    let count = |id: &str| {
        let term = tantivy::Term::from_field_text(id_field, id);
        let q = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        searcher.search(&q, &tantivy::collector::Count).unwrap()
    };
    let checked: Vec<&String> = if full {
        acked.iter().collect()
    } else {
        newest.iter().collect()
    };
    for id in checked {
        assert_eq!(
            count(id),
            1,
            "{context}: acknowledged {id} is indexed {} times",
            count(id)
        );
    }
    if full {
        let indexed = indexed_ids(&searcher, id_field);
        let unique: HashSet<&String> = indexed.iter().collect();
        assert_eq!(
            unique.len(),
            indexed.len(),
            "{context}: an entry indexed twice"
        );
        assert!(
            unique.iter().all(|id| stored.contains(*id)),
            "{context}: indexed but not stored"
        );
    }
    Verified {
        catch_up,
        outbox,
        entries: stored.len(),
    }
}

/// The id of every live document.
fn indexed_ids(searcher: &tantivy::Searcher, id: tantivy::schema::Field) -> Vec<String> {
    use tantivy::schema::Value;
    let docs = searcher
        .search(
            &tantivy::query::AllQuery,
            &tantivy::collector::DocSetCollector,
        )
        .unwrap();
    docs.into_iter()
        .map(|addr| {
            let doc: tantivy::TantivyDocument = searcher.doc(addr).unwrap();
            doc.get_first(id)
                .and_then(|v| v.as_str())
                .unwrap()
                .to_string()
        })
        .collect()
}

fn seed() -> u64 {
    let seed = env_number(
        "RUNGS_TORTURE_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64,
    );
    eprintln!("torture: seed {seed} (RUNGS_TORTURE_SEED={seed} repeats these kill times)");
    seed
}

fn rng(seed: u64) -> TestRng {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// Minimum, median and maximum, in milliseconds.
fn spread(mut times: Vec<Duration>) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "min {:.1} ms, median {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    )
}

#[test]
fn writers_killed_at_random_moments_lose_nothing_they_acknowledged() {
    let kills = env_number("RUNGS_TORTURE_KILLS", 24);
    let mut rng = rng(seed());
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut acked = HashSet::new();
    let mut catch_ups = Vec::new();
    let (mut outbox_max, mut entries) = (0, 0);
    let mut by_kind = [0u64; 2];
    let started = Instant::now();
    for kill in 0..kills {
        let kind = if rng.random_bool(0.5) {
            "cli"
        } else {
            "library"
        };
        by_kind[usize::from(kind == "library")] += 1;
        let acks = dir.path().join(format!("acks-{kill}"));
        let mut child = spawn_writer(kind, &data, &acks, &format!("k{kill}"), None, None);
        // Anywhere from before the journal opens to several entries in.
        std::thread::sleep(Duration::from_millis(rng.random_range(0..=400)));
        kill_group(&mut child);
        let new = acknowledged(&acks);
        acked.extend(new.iter().cloned());
        let context = format!("kill {kill} ({kind} writer)");
        let full = kill % 50 == 49 || kill + 1 == kills;
        let v = verify(&data, &acked, &new, full, &context);
        catch_ups.push(v.catch_up);
        if (kill + 1) % 100 == 0 {
            eprintln!(
                "torture: {} kills, {} acknowledged, {:.0} s",
                kill + 1,
                acked.len(),
                started.elapsed().as_secs_f64()
            );
        }
        outbox_max = outbox_max.max(v.outbox);
        entries = v.entries;
    }
    let report = format!(
        "torture: {kills} kills ({} CLI, {} library) in {:.0} s; {} entries acknowledged, \
         {entries} stored (the rest written but killed before acknowledging), 0 lost; \
         catch-up after restart: {}; up to {outbox_max} outbox rows at restart",
        by_kind[0],
        by_kind[1],
        started.elapsed().as_secs_f64(),
        acked.len(),
        spread(catch_ups),
    );
    eprintln!("{report}");
    assert!(
        acked.len() as u64 >= kills / 4,
        "the writers made too little progress to test anything: {report}"
    );
}

#[test]
fn the_cli_and_the_library_writing_at_once_lose_and_double_nothing() {
    let total = env_number("RUNGS_TORTURE_ENTRIES", 300);
    let (cli_n, library_n) = (total / 2, total - total / 2);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Create the journal first, so both race on writes rather than on the first open.
    drop(Journal::open(&data).unwrap());
    let (cli_acks, library_acks) = (dir.path().join("cli"), dir.path().join("library"));
    let started = Instant::now();
    let mut cli = spawn_writer("cli", &data, &cli_acks, "together", Some(cli_n), None);
    let mut library = spawn_writer(
        "library",
        &data,
        &library_acks,
        "together",
        Some(library_n),
        Some(&cli_acks),
    );
    assert!(
        library.wait().unwrap().success(),
        "the library writer failed"
    );
    let library_done = started.elapsed();
    assert!(cli.wait().unwrap().success(), "the CLI writer failed");
    let cli_done = started.elapsed();
    let (from_cli, from_library) = (acknowledged(&cli_acks), acknowledged(&library_acks));
    assert_eq!(from_cli.len() as u64, cli_n);
    assert_eq!(from_library.len() as u64, library_n);
    let acked: HashSet<String> = from_cli.iter().chain(&from_library).cloned().collect();
    assert_eq!(acked.len() as u64, total, "an id acknowledged twice");
    let newest = [
        from_cli.last().unwrap().clone(),
        from_library.last().unwrap().clone(),
    ];
    let v = verify(&data, &acked, &newest, true, "two writers");
    assert_eq!(
        v.entries as u64, total,
        "entries stored besides the acknowledged ones"
    );
    // Titles are unique per writer and per entry: none stored twice under a new id.
    let journal = Journal::open(&data).unwrap();
    let titles: i64 = journal
        .database()
        .conn()
        .query_row("SELECT COUNT(DISTINCT title) FROM entries", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(titles as u64, total);
    eprintln!(
        "torture: {total} entries written at once ({cli_n} by the CLI in {:.1} s, {library_n} \
         by the library in {:.1} s): 0 lost, 0 doubled, all searchable; catch-up on reopen {:.1} ms",
        cli_done.as_secs_f64(),
        library_done.as_secs_f64(),
        v.catch_up.as_secs_f64() * 1000.0
    );
}
