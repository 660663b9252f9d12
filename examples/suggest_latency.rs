//! Latency of behaviour suggestions and of search, in process, on an existing
//! journal: `cargo run --release --example suggest_latency -- DATA_DIR`.
//!
//! Suggestions: every text of the labelled set (`tests/fixtures/suggest/labelled.json`)
//! five times, plus every word-by-word prefix of one text (typing). Search: a mix
//! of plain, typo, prefix, phrase and filtered queries. Prints p50/p99 in ms.
//!
//! It also saves entries (WRITES TO THE JOURNAL: run it on a copy) to time the
//! first suggestion after a save (the link profiles are refreshed incrementally),
//! and times a cold build with the CLI's link cap.

use std::time::Instant;

use rungs::Journal;
use rungs::search::SearchRequest;
use rungs::suggest::SuggestRequest;

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{name}: n={} p50={:.3} ms p99={:.3} ms max={:.3} ms",
        ms.len(),
        pct(&ms, 0.5),
        pct(&ms, 0.99),
        ms[ms.len() - 1]
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: suggest_latency DATA_DIR");
    let t = Instant::now();
    let mut j = Journal::open(std::path::Path::new(&dir)).expect("open journal");
    println!("open: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);

    let labelled: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/suggest/labelled.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let texts: Vec<String> = labelled["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect();
    let request = |text: &str| SuggestRequest {
        text: Some(text.into()),
        limit: Some(5),
        ..Default::default()
    };

    let t = Instant::now();
    j.suggest(&request(&texts[0])).unwrap();
    println!(
        "suggest, first call (builds the profiles): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let mut ms = Vec::new();
    for _ in 0..5 {
        for text in &texts {
            let t = Instant::now();
            j.suggest(&request(text)).unwrap();
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    report("suggest, labelled texts", ms);

    // The first suggestion after each save: the saved entry links a behaviour, so
    // that behaviour's link profile must follow.
    let mut ms = Vec::new();
    for (i, text) in texts.iter().take(20).enumerate() {
        j.add(rungs::journal::EntryInput {
            title: Some(format!("suggest_latency save {i}")),
            date: "2026-11-20".into(),
            time: None,
            tags: vec![],
            behaviours: vec![["L1.2.4", "L2.3.2", "L1.4.3", "L2.2.5"][i % 4].into()],
            details: rungs::journal::Details::Learning(rungs::journal::Learning {
                body: text.clone(),
                source: None,
            }),
        })
        .expect("save");
        let t = Instant::now();
        j.suggest(&request(&texts[(i + 1) % texts.len()])).unwrap();
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    report("suggest, first call after a save (linked entry)", ms);

    let mut ms = Vec::new();
    for _ in 0..5 {
        j.set_suggest_link_cap(rungs::suggest::links::ONE_SHOT_PER_BEHAVIOUR);
        let t = Instant::now();
        j.suggest(&request(&texts[0])).unwrap();
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    report("suggest, cold build with the CLI's link cap", ms);
    j.set_suggest_link_cap(rungs::suggest::links::PER_BEHAVIOUR);

    let words: Vec<&str> = texts[4].split_whitespace().collect();
    let mut ms = Vec::new();
    for n in 1..=words.len() {
        let t = Instant::now();
        j.suggest(&request(&words[..n].join(" "))).unwrap();
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    report("suggest, typing word by word", ms);

    let queries: &[(&str, Option<&str>)] = &[
        ("certificate", None),
        ("argo sync", None),
        ("kubernetes agent", None),
        ("certifcate", None),
        ("kube", None),
        ("\"storage class\"", None),
        ("tentacle polling", None),
        ("kb article", None),
        ("escalation customer", None),
        ("rbac permissions", Some("L2")),
    ];
    let t = Instant::now();
    j.search(&SearchRequest {
        query: "warm up".into(),
        ..Default::default()
    })
    .unwrap();
    println!(
        "search, first call: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut ms = Vec::new();
    let mut hits = 0;
    for _ in 0..20 {
        for (q, level) in queries {
            let t = Instant::now();
            let r = j
                .search(&SearchRequest {
                    query: (*q).into(),
                    level: level.map(str::to_string),
                    limit: Some(20),
                    ..Default::default()
                })
                .unwrap();
            ms.push(t.elapsed().as_secs_f64() * 1e3);
            hits += r.total;
        }
    }
    report("search, query mix with snippets and facets", ms);
    println!("(search total hits over the mix: {hits})");
}
