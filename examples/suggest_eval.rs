//! How well behaviour suggestions rank the labelled behaviours of each labelled set
//! under `tests/fixtures/suggest/`, with the bundled ladder and no links:
//! `cargo run --example suggest_eval [-- SET.json ...]` (default: labelled, heldout,
//! unseen, blind). Prints per set the share of texts with a label at rank 1, in the top 3
//! (what the quality test asserts) and in the top 5, and the mean reciprocal rank
//! of the best-ranked label: finer than the top-3 rate on sets of two dozen texts.
//! Then the top-3 rate on the demo journal's own entries and links (its entries
//! suggested for in a journal without links), as the quality test measures it.
//!
//! Misses are printed with `--misses`, for every set but the test set `blind2.json`
//! (labelled, heldout, unseen and blind are development sets; blind2 was written
//! without seeing the engine and is run once, after the last engine change).
//! Last, the mean and slowest time of a warm suggest call (limit 50).

use std::time::{Duration, Instant};

use rungs::Journal;
use rungs::suggest::SuggestRequest;

/// The test set: run once, after the last engine change; its misses are never printed.
const TEST_SET: &str = "blind2.json";

struct Case {
    labels: Vec<String>,
    text: String,
    id: String,
}

fn load(name: &str) -> Vec<Case> {
    let path = format!(
        "{}/tests/fixtures/suggest/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect("JSON");
    let list = v.get("entries").unwrap_or(&v).as_array().expect("a list");
    list.iter()
        .enumerate()
        .map(|(i, e)| Case {
            labels: e["labels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_string())
                .collect(),
            text: e["text"].as_str().unwrap().to_string(),
            id: e["id"].as_str().map_or(i.to_string(), str::to_string),
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses = args.iter().any(|a| a == "--misses");
    let mut sets: Vec<String> = args.into_iter().filter(|a| !a.starts_with("--")).collect();
    if sets.is_empty() {
        sets = ["labelled.json", "heldout.json", "unseen.json", "blind.json"]
            .map(String::from)
            .to_vec();
    }
    let mut j = Journal::open_in_memory().expect("journal");
    let (mut all_hits, mut all_n) = (0usize, 0usize);
    // Time per call, warm: a first call builds the models the others reuse.
    let start = Instant::now();
    j.suggest(&SuggestRequest {
        text: Some("warm up".into()),
        ..Default::default()
    })
    .expect("suggest");
    let cold = start.elapsed();
    let (mut calls, mut spent, mut slowest) = (0u32, Duration::ZERO, Duration::ZERO);
    for set in &sets {
        let cases = load(set);
        let (mut r1, mut r3, mut r5, mut rr) = (0usize, 0usize, 0usize, 0.0f64);
        for c in &cases {
            let start = Instant::now();
            let ranked = j
                .suggest(&SuggestRequest {
                    text: Some(c.text.clone()),
                    limit: Some(50),
                    ..Default::default()
                })
                .expect("suggest");
            let took = start.elapsed();
            spent += took;
            slowest = slowest.max(took);
            calls += 1;
            let ranked: Vec<String> = ranked.into_iter().map(|s| s.id).collect();
            let best = ranked.iter().position(|id| c.labels.contains(id));
            r1 += usize::from(best == Some(0));
            r3 += usize::from(best.is_some_and(|r| r < 3));
            r5 += usize::from(best.is_some_and(|r| r < 5));
            rr += best.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
            if misses && set != TEST_SET && best.is_none_or(|r| r >= 3) {
                println!(
                    "  miss {} (best label at {:?}): top 3 {:?}, labels {:?}",
                    c.id,
                    best.map(|r| r + 1),
                    &ranked[..3.min(ranked.len())],
                    c.labels
                );
            }
        }
        let n = cases.len();
        let pct = |x: usize| 100.0 * x as f64 / n as f64;
        println!(
            "{set:<16} n={n:<3} top1 {:>3.0}%  top3 {:>3.0}% ({r3}/{n})  top5 {:>3.0}%  MRR {:.3}",
            pct(r1),
            pct(r3),
            pct(r5),
            rr / n as f64
        );
        all_hits += r3;
        all_n += n;
    }
    // The demo journal's entries, written and linked by someone else (each links
    // one or two behaviours, not every one it evidences).
    let mut demo = Journal::open_in_memory().expect("journal");
    demo.load_demo(false).expect("demo");
    let (mut hits, mut n) = (0usize, 0usize);
    for e in demo.list(&Default::default()).expect("list") {
        if e.behaviours.is_empty() {
            continue;
        }
        let top = j
            .suggest(&SuggestRequest {
                text: Some(rungs::suggest::entry_text::of_entry(&e)),
                limit: Some(3),
                ..Default::default()
            })
            .expect("suggest");
        n += 1;
        let hit = top
            .iter()
            .any(|s| e.behaviours.iter().any(|b| b.id == s.id));
        hits += usize::from(hit);
        if misses && !hit {
            println!(
                "  demo miss {:?}: top 3 {:?}, linked {:?}",
                e.title,
                top.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
                e.behaviours
                    .iter()
                    .map(|b| b.id.as_str())
                    .collect::<Vec<_>>()
            );
        }
    }
    println!(
        "demo links       n={n:<3} top3 {:>3.0}% ({hits}/{n})",
        100.0 * hits as f64 / n as f64
    );
    println!(
        "all              n={all_n:<3} top3 {:.1}%",
        100.0 * all_hits as f64 / all_n as f64
    );
    println!(
        "suggest call     {calls} warm calls (limit 50): mean {:.2} ms, slowest {:.2} ms; \
         the first (building the models): {:.1} ms",
        spent.as_secs_f64() * 1e3 / calls.max(1) as f64,
        slowest.as_secs_f64() * 1e3,
        cold.as_secs_f64() * 1e3
    );
}
