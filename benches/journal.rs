//! `cargo bench --bench journal`: Rungs measured at scale, beside the bare engines,
//! in one process so the figures share the same noisy machine.
//!
//! It builds an N-entry synthetic journal (`RUNGS_BENCH_N`, default 100,000) with the
//! generator `rungs demo --synthetic` uses, then measures through the library API:
//! bulk import, full reindex, opening, the query mix (top 10 with snippets and facets),
//! single saves (latency, time until visible in search, segments left) and peak
//! memory. The same query mix runs interleaved on SQLite FTS5 and on a bare tantivy
//! index over the same text, and each Rungs save alternates with a bare SQLite
//! insert + commit. It prints a table and writes `target/bench/journal.json` (or the file
//! named by `RUNGS_BENCH_OUT`; `make bench-smoke` writes `journal-smoke.json`).
//! Figures are reported, never asserted: see BENCHMARKS.md.

#[path = "journal/bare.rs"]
mod bare;
#[path = "journal/corpus.rs"]
mod corpus;
#[path = "journal/fts5.rs"]
mod fts5;
#[path = "journal/mix.rs"]
mod mix;
#[path = "journal/stats.rs"]
mod stats;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use rungs::Journal;
use rungs::demo::synthetic;
use rungs::search::SearchRequest;
use serde_json::{Value, json};

use stats::Samples;

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, got '{v}'")),
        _ => default,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

const ENGINES: [&str; 3] = ["rungs", "bare", "fts5"];

/// A plain SQLite table written the way Rungs writes: WAL, `synchronous = FULL`,
/// `BEGIN IMMEDIATE`, one row, commit. The floor for a single save.
struct BareSqlite(rusqlite::Connection);

impl BareSqlite {
    fn open(path: &Path) -> BareSqlite {
        let conn = rusqlite::Connection::open(path).unwrap();
        let _: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .unwrap();
        conn.execute_batch(
            "PRAGMA synchronous = FULL;
             CREATE TABLE entries (id INTEGER PRIMARY KEY, title TEXT, body TEXT, date TEXT);",
        )
        .unwrap();
        BareSqlite(conn)
    }

    fn save(&mut self, doc: &corpus::Doc) {
        let tx = self
            .0
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        tx.execute(
            "INSERT INTO entries (title, body, date) VALUES (?1, ?2, ?3)",
            rusqlite::params![doc.title, doc.body, doc.date],
        )
        .unwrap();
        tx.commit().unwrap();
    }
}

/// Single saves of synthetic entries, each made findable by a unique word in its
/// title; every other one is followed by a bare SQLite insert + commit.
struct Saver<'a> {
    journal: &'a mut Journal,
    bare: &'a mut BareSqlite,
    rng: &'a mut synthetic::Rng,
    ids: &'a [String],
    today: chrono::NaiveDate,
    next: usize,
}

#[derive(Default)]
struct SaveFigures {
    save: Samples,
    bare_save: Samples,
    /// From a save returning until a search finds it.
    visible: Samples,
}

impl Saver<'_> {
    fn run(&mut self, count: usize) -> SaveFigures {
        let mut out = SaveFigures::default();
        let visible_every = (count / 200).max(1);
        let mut report = progress("saves");
        for k in 0..count {
            let i = self.next;
            self.next += 1;
            let mut input = synthetic::entry(self.rng, self.today, self.ids);
            let token = format!("benchsave{i}");
            input.title = Some(format!(
                "{} {token}",
                input.title.as_deref().unwrap_or("Feedback")
            ));
            let t = Instant::now();
            let entry = self.journal.add(input).expect("save");
            out.save.push(t.elapsed());
            if k % visible_every == 0 {
                let t = Instant::now();
                let req = SearchRequest {
                    query: format!("{token} "),
                    limit: Some(10),
                    ..Default::default()
                };
                while !self
                    .journal
                    .search(&req)
                    .unwrap()
                    .hits
                    .iter()
                    .any(|h| h.id == entry.id)
                {
                    assert!(
                        t.elapsed() < Duration::from_secs(30),
                        "save {i} never became visible"
                    );
                    std::thread::sleep(Duration::from_millis(1));
                }
                out.visible.push(t.elapsed());
            }
            if k % 2 == 0 {
                let doc = corpus::doc(&entry);
                let t = Instant::now();
                self.bare.save(&doc);
                out.bare_save.push(t.elapsed());
            }
            report(k + 1, count);
        }
        out
    }
}

fn progress(label: &str) -> impl FnMut(usize, usize) {
    let label = label.to_string();
    let mut last = Instant::now();
    move |done, total| {
        if last.elapsed() > Duration::from_secs(5) || done == total {
            eprintln!("  {label}: {done}/{total}");
            last = Instant::now();
        }
    }
}

fn main() {
    let n = env_usize("RUNGS_BENCH_N", 100_000);
    let saves = env_usize("RUNGS_BENCH_SAVES", 10_000);
    let rounds = env_usize("RUNGS_BENCH_ROUNDS", 100);
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("rungs");
    let today = rungs::clock::today().expect("today");
    let queries = mix::queries(today);
    eprintln!(
        "journal bench: n = {n}, saves = {saves}, rounds = {rounds}, {cores} cores, in {}",
        tmp.path().display()
    );

    // 1. Bulk import through the library (SQLite + index), then a full reindex.
    stats::reset_peak_rss();
    let mut journal = Journal::open(&data).expect("open journal");
    let t = Instant::now();
    journal
        .load_synthetic(n, 1, &mut progress("import"))
        .expect("import");
    let import_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    journal.reindex(&mut progress("reindex")).expect("reindex");
    let reindex_s = t.elapsed().as_secs_f64();
    let rungs_build_rss_mb = stats::proc_status_mb("VmHWM");
    drop(journal);

    // 2. Open the existing journal and answer a first query.
    let t = Instant::now();
    let mut journal = Journal::open(&data).expect("reopen journal");
    let first = journal.search(&queries[0].rungs()).expect("first search");
    let open_ms = ms(t.elapsed());
    assert!(first.total > 0, "the first query found nothing");

    // 3. The same text into FTS5 and a bare tantivy index.
    eprintln!("  building FTS5 and bare tantivy over the same text");
    let docs = corpus::read_all(&journal);
    assert_eq!(docs.len(), n, "entries read back");
    let t = Instant::now();
    let fts = fts5::Fts5::build(&tmp.path().join("fts5.sqlite3"), &docs);
    let fts5_load_per_s = n as f64 / t.elapsed().as_secs_f64();
    let bare_dir = tmp.path().join("bare-index");
    std::fs::create_dir_all(&bare_dir).unwrap();
    let t = Instant::now();
    let bare = bare::Bare::build(&bare_dir, &docs);
    let bare_load_per_s = n as f64 / t.elapsed().as_secs_f64();
    drop(docs);

    // 4. The query mix, interleaved: every round runs each query on every engine,
    // the engine order rotating, so drift on the machine hits all three alike.
    let mut hits: BTreeMap<(&str, usize), usize> = BTreeMap::new();
    for (qi, q) in queries.iter().enumerate() {
        hits.insert(
            ("rungs", qi),
            journal.search(&q.rungs()).unwrap().hits.len(),
        );
        hits.insert(("bare", qi), bare.search(q).len());
        hits.insert(("fts5", qi), fts.search(q).len());
    }
    eprintln!("  query mix: {rounds} rounds of {} queries", queries.len());
    let mut lat: BTreeMap<(&str, &str), Samples> = BTreeMap::new();
    for round in 0..rounds {
        for q in &queries {
            for k in 0..ENGINES.len() {
                let engine = ENGINES[(round + k) % ENGINES.len()];
                let t = Instant::now();
                match engine {
                    "rungs" => {
                        std::hint::black_box(journal.search(&q.rungs()).unwrap());
                    }
                    "bare" => {
                        std::hint::black_box(bare.search(q));
                    }
                    _ => {
                        std::hint::black_box(fts.search(q));
                    }
                }
                lat.entry((engine, q.class)).or_default().push(t.elapsed());
            }
        }
    }
    let all = |engine: &str| {
        let mut s = Samples::default();
        for c in mix::CLASSES {
            s.extend(&lat[&(engine, c)]);
        }
        s
    };
    let (rungs_all, bare_all, fts_all) = (all("rungs"), all("bare"), all("fts5"));

    // 5. Single saves, each followed (alternately) by a bare SQLite insert + commit;
    // every so often, how long until the saved entry is found by search.
    let ids: Vec<String> = journal
        .ladder()
        .unwrap()
        .levels
        .iter()
        .flat_map(|l| &l.sections)
        .flat_map(|s| &s.behaviours)
        .map(|b| b.id.clone())
        .collect();
    let mut bare_sql = BareSqlite::open(&tmp.path().join("bare.sqlite3"));
    let mut rng = synthetic::Rng::new(0x5A7E5);
    let mut saver = Saver {
        journal: &mut journal,
        bare: &mut bare_sql,
        rng: &mut rng,
        ids: &ids,
        today,
        next: 0,
    };
    // First the default (inline) mode, the CLI's: index work on the save path.
    let inline_saves = (saves / 5).max(50);
    eprintln!("  {inline_saves} saves, indexing inline");
    let inline = saver.run(inline_saves);
    // Then the app's mode: a background thread indexes and commits.
    saver
        .journal
        .start_background_indexing()
        .expect("background indexing");
    eprintln!("  {saves} saves, indexing in the background");
    let background = saver.run(saves);
    let (save, bare_save, visible) = (&background.save, &background.bare_save, &background.visible);
    journal.flush_index().expect("flush");
    let segments_after_saves = journal.search_index().segment_count();
    let peak_rss_mb = stats::proc_status_mb("VmHWM");

    // 6. Report.
    let f = |x: f64| (x * 100.0).round() / 100.0;
    let search_p99 = rungs_all.pct(99.0);
    let mut out = json!({
        "n": n,
        "cores": cores,
        "saves": saves,
        "rounds": rounds,
        "import_per_s": f(n as f64 / import_s),
        "import_s": f(import_s),
        "reindex_s": f(reindex_s),
        "open_ms": f(open_ms),
        "search_p50_ms": f(rungs_all.pct(50.0)),
        "search_p95_ms": f(rungs_all.pct(95.0)),
        "search_p99_ms": f(search_p99),
        "fts5_p50_ms": f(fts_all.pct(50.0)),
        "fts5_p95_ms": f(fts_all.pct(95.0)),
        "fts5_p99_ms": f(fts_all.pct(99.0)),
        "bare_p50_ms": f(bare_all.pct(50.0)),
        "bare_p95_ms": f(bare_all.pct(95.0)),
        "bare_p99_ms": f(bare_all.pct(99.0)),
        "fts5_load_per_s": f(fts5_load_per_s),
        "bare_load_per_s": f(bare_load_per_s),
        "save_p50_ms": f(save.pct(50.0)),
        "save_p99_ms": f(save.pct(99.0)),
        "save_max_ms": f(save.max()),
        "bare_save_p50_ms": f(bare_save.pct(50.0)),
        "bare_save_p99_ms": f(bare_save.pct(99.0)),
        "visible_ms": f(visible.pct(99.0)),
        "visible_p50_ms": f(visible.pct(50.0)),
        "visible_samples": visible.len(),
        "inline_saves": inline.save.len(),
        "inline_save_p50_ms": f(inline.save.pct(50.0)),
        "inline_save_p99_ms": f(inline.save.pct(99.0)),
        "inline_bare_save_p99_ms": f(inline.bare_save.pct(99.0)),
        "inline_visible_ms": f(inline.visible.pct(99.0)),
        "segments_after_saves": segments_after_saves,
        "peak_rss_mb": f(peak_rss_mb),
        "rungs_build_peak_rss_mb": f(rungs_build_rss_mb),
        "ratio_search_p99_to_bare_p99": f(search_p99 / bare_all.pct(99.0)),
        "ratio_search_p99_to_fts5_p99": f(search_p99 / fts_all.pct(99.0)),
        "ratio_save_p99_to_bare_save_p99": f(save.pct(99.0) / bare_save.pct(99.0)),
        "fts5_filtered_plan": fts.filtered_plan(),
    });
    let mut by_class = serde_json::Map::new();
    for c in mix::CLASSES {
        let mut row = serde_json::Map::new();
        for e in ENGINES {
            let s = &lat[&(e, c)];
            row.insert(format!("{e}_p50_ms"), json!(f(s.pct(50.0))));
            row.insert(format!("{e}_p99_ms"), json!(f(s.pct(99.0))));
        }
        by_class.insert(c.to_string(), Value::Object(row));
    }
    out["by_query"] = Value::Object(by_class);

    print_table(&out, &lat, &queries, &hits);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    // `make bench-smoke` names its own file, so a smoke run never overwrites a full one.
    let name = std::env::var("RUNGS_BENCH_OUT").unwrap_or_else(|_| "journal.json".into());
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&out).unwrap() + "\n").unwrap();
    println!("\nwrote {}", path.display());
}

fn print_table(
    out: &Value,
    lat: &BTreeMap<(&str, &str), Samples>,
    queries: &[mix::Query],
    hits: &BTreeMap<(&str, usize), usize>,
) {
    let g = |k: &str| out[k].as_f64().unwrap_or(0.0);
    println!(
        "\nRungs journal benchmark: n = {}, {} cores",
        out["n"], out["cores"]
    );
    println!(
        "\nsearch latency, ms (p50 / p99)   {:>15} {:>15} {:>15}",
        "Rungs", "bare tantivy", "FTS5"
    );
    for c in mix::CLASSES {
        let cell = |e: &str| {
            format!(
                "{:.2} / {:.2}",
                lat[&(e, c)].pct(50.0),
                lat[&(e, c)].pct(99.0)
            )
        };
        println!(
            "  {c:<31}{:>15} {:>15} {:>15}",
            cell("rungs"),
            cell("bare"),
            cell("fts5")
        );
    }
    for (label, suffix) in [("p50", "p50_ms"), ("p95", "p95_ms"), ("p99", "p99_ms")] {
        println!(
            "  all queries {label:<20}{:>15.2} {:>15.2} {:>15.2}",
            g(&format!("search_{suffix}")),
            g(&format!("bare_{suffix}")),
            g(&format!("fts5_{suffix}"))
        );
    }
    println!(
        "\nhits per query (top 10)          {:>15} {:>15} {:>15}",
        "Rungs", "bare tantivy", "FTS5"
    );
    for (i, q) in queries.iter().enumerate() {
        let label = format!("{}: {}", q.class, q.text);
        println!(
            "  {label:<31}{:>15} {:>15} {:>15}",
            hits[&("rungs", i)],
            hits[&("bare", i)],
            hits[&("fts5", i)]
        );
    }
    println!(
        "\nbulk load, entries/s             {:>15.0} {:>15.0} {:>15.0}",
        g("import_per_s"),
        g("bare_load_per_s"),
        g("fts5_load_per_s")
    );
    println!(
        "  (Rungs: SQLite + index through the library; bare tantivy: index only; FTS5: one transaction)"
    );

    let bare_p99 = g("bare_p99_ms");
    let fts5_p99 = g("fts5_p99_ms");
    let rows: Vec<(&str, String, String, bool)> = vec![
        (
            "search p99",
            format!(
                "{:.2} ms ({:.2}x bare, {:.3}x FTS5)",
                g("search_p99_ms"),
                g("ratio_search_p99_to_bare_p99"),
                g("ratio_search_p99_to_fts5_p99")
            ),
            "<= 2x bare, <= 0.1x FTS5".into(),
            g("search_p99_ms") <= 2.0 * bare_p99 && g("search_p99_ms") <= fts5_p99 / 10.0,
        ),
        (
            "search p50",
            format!("{:.2} ms", g("search_p50_ms")),
            "<= 1.5 ms".into(),
            g("search_p50_ms") <= 1.5,
        ),
        (
            "bulk import",
            format!("{:.0} entries/s", g("import_per_s")),
            ">= 15,000/s".into(),
            g("import_per_s") >= 15_000.0,
        ),
        (
            "full reindex",
            format!("{:.2} s", g("reindex_s")),
            "<= 6 s".into(),
            g("reindex_s") <= 6.0,
        ),
        (
            "open + first query",
            format!("{:.0} ms", g("open_ms")),
            "<= 300 ms".into(),
            g("open_ms") <= 300.0,
        ),
        (
            "save p50 / p99",
            format!(
                "{:.2} / {:.2} ms ({:.2}x bare {:.2} / {:.2})",
                g("save_p50_ms"),
                g("save_p99_ms"),
                g("ratio_save_p99_to_bare_save_p99"),
                g("bare_save_p50_ms"),
                g("bare_save_p99_ms")
            ),
            "p99 <= 1.5x bare".into(),
            g("ratio_save_p99_to_bare_save_p99") <= 1.5,
        ),
        (
            "visible after save p50 / p99",
            format!("{:.0} / {:.0} ms", g("visible_p50_ms"), g("visible_ms")),
            "<= 250 ms".into(),
            g("visible_ms") <= 250.0,
        ),
        (
            "segments after saves",
            format!(
                "{} (after {} saves)",
                out["segments_after_saves"], out["saves"]
            ),
            "<= 30".into(),
            out["segments_after_saves"].as_u64().unwrap_or(u64::MAX) <= 30,
        ),
        (
            "peak RSS",
            format!(
                "{:.0} MB (Rungs alone while building: {:.0} MB)",
                g("peak_rss_mb"),
                g("rungs_build_peak_rss_mb")
            ),
            "-".into(),
            true,
        ),
    ];
    println!(
        "\n{:<30} {:<52} {:<26} verdict",
        "figure", "measured", "target"
    );
    for (name, value, target, ok) in rows {
        println!(
            "{name:<30} {value:<52} {target:<26} {}",
            if ok { "met" } else { "MISSED" }
        );
    }
    println!(
        "\nFTS5 plan for filtered queries: {}",
        out["fts5_filtered_plan"].as_str().unwrap_or("")
    );
}
