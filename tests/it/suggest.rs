//! Behaviour suggestions: quality on a hand-labelled set of support-work entries,
//! the `rungs suggest` command, `--entry`, the user's links, the level filter,
//! the cache, and bad input.

use std::collections::HashSet;

use rungs::Journal;
use rungs::suggest::{SuggestRequest, Suggestion};
use serde::Deserialize;

use crate::util::Env;

#[derive(Deserialize)]
struct Labelled {
    entries: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    #[serde(default)]
    id: String,
    #[serde(default)]
    split: String,
    labels: Vec<String>,
    text: String,
}

/// A set under `tests/fixtures/suggest/`: `{"entries": [...]}` or a bare list.
fn load_set(name: &str) -> Vec<Case> {
    let path = format!(
        "{}/tests/fixtures/suggest/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("labelled set");
    serde_json::from_str::<Labelled>(&text)
        .map(|l| l.entries)
        .or_else(|_| serde_json::from_str::<Vec<Case>>(&text))
        .expect("labelled JSON")
}

fn labelled() -> Vec<Case> {
    load_set("labelled.json")
}

/// Top-3 hits on a held-out set; its misses are not printed, so that nobody tunes
/// the engine to its texts.
fn held_out_rate(j: &mut Journal, cases: &[Case]) -> Rate {
    let mut rate = Rate { hits: 0, total: 0 };
    for c in cases {
        let top = suggest_text(j, &c.text, 3);
        rate.total += 1;
        rate.hits += usize::from(top.iter().any(|s| c.labels.contains(&s.id)));
    }
    rate
}

fn suggest_text(j: &mut Journal, text: &str, limit: u32) -> Vec<Suggestion> {
    j.suggest(&SuggestRequest {
        text: Some(text.into()),
        limit: Some(limit),
        ..Default::default()
    })
    .expect("suggest")
}

/// Words as plain keyword overlap sees them: lower-cased, a few stop words dropped.
fn keywords(text: &str) -> HashSet<String> {
    const STOP: &[&str] = &[
        "i", "a", "an", "the", "and", "or", "to", "of", "in", "on", "for", "with", "my", "our",
        "is", "it", "as", "at", "by", "be", "we", "me", "m", "s", "t", "that", "this", "from",
        "how", "what", "when", "even", "if", "they", "re", "your", "you",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .collect()
}

/// The baseline: behaviours ranked by how many distinct words they share with the text.
fn keyword_top3(ladder: &[(String, HashSet<String>)], text: &str) -> Vec<String> {
    let words = keywords(text);
    let mut scored: Vec<(usize, usize, &String)> = ladder
        .iter()
        .enumerate()
        .map(|(i, (id, kw))| (kw.intersection(&words).count(), i, id))
        .filter(|(n, _, _)| *n > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, id)| id.clone())
        .collect()
}

struct Rate {
    hits: usize,
    total: usize,
}

impl Rate {
    fn pct(&self) -> f64 {
        100.0 * self.hits as f64 / self.total.max(1) as f64
    }
}

/// Hit rates (top 3 holds a labelled behaviour) per split, printing the misses.
fn evaluate(j: &mut Journal, cases: &[Case], name: &str) -> (Rate, Rate) {
    let (mut train, mut validation) = (Rate { hits: 0, total: 0 }, Rate { hits: 0, total: 0 });
    for c in cases {
        let top: Vec<String> = suggest_text(j, &c.text, 3)
            .into_iter()
            .map(|s| s.id)
            .collect();
        let hit = top.iter().any(|id| c.labels.contains(id));
        let rate = if c.split == "validation" {
            &mut validation
        } else {
            &mut train
        };
        rate.total += 1;
        if hit {
            rate.hits += 1;
        } else {
            println!(
                "  [{name}] miss {} ({}): top 3 {top:?}, labels {:?}",
                c.id, c.split, c.labels
            );
        }
    }
    (train, validation)
}

/// Floor for blind.json: its measured rate (85%) minus a margin.
const BLIND_FLOOR: f64 = 78.0;
/// Floor for blind2.json, the test set: its one measured rate (87%) minus a margin.
const BLIND2_FLOOR: f64 = 82.0;
/// Floor for the demo journal's own links: its measured rate (55%) minus a margin.
const DEMO_FLOOR: f64 = 51.0;

/// Top-3 hit rates, measured (bundled ladder; before -> after the generalisation
/// work of Nov 2026: diversified ranking, more cue words and evidence hints written
/// from what each behaviour means):
/// - labelled.json (train and validation were both seen while tuning): 87% -> 92%
///   all (train 97%, validation 82%); keyword-overlap baseline 42%. Asserted >= 80%.
/// - demo journal's own links, ladder only (written and linked by someone else):
///   43/65 = 66% -> 40/65 = 62%.
/// - heldout.json (24, written by an earlier fixer before changing the engine):
///   14/24 = 58% -> 17/24 = 71% ladder only (79% before the last change, which
///   dropped cue words that misfire in general text, e.g. "cluster" as a pattern).
///   Its aggregate rate was watched while choosing the changes above, its misses
///   never printed or read.
/// - unseen.json (24, written by a reviewer): 17/24 = 71% -> 20/24 = 83% ladder
///   only; watched and never read, like heldout.
/// - blind.json (60, written by another helper against the ladder alone, without
///   reading the engine or its fixtures; never opened by whoever tuned the engine,
///   measured after the engine changes): 41/60 = 68% ladder only; then, after one
///   more change chosen without it (the misfiring cue words dropped, cue words for a
///   broad range of issues and for judgement added), 42/60 = 70% ladder only, 68%
///   with the demo links.
///
/// Then the bundled example entries ([`rungs::suggest::exemplars`]: 20 per
/// behaviour, written from the behaviours' meaning by people who saw no evaluation
/// set), scored by nearest neighbours and added to the ladder's score. Their weight,
/// the number of neighbours and the minimum document frequency were chosen on
/// labelled, heldout, unseen and blind, which were all development sets from then on
/// (their misses could be read). Top-3 (top-1) before -> after, same tree:
/// - labelled 48/52 = 92% (65%) -> 50/52 = 96% (71%);
/// - heldout 17/24 = 71% (38%) -> 22/24 = 92% (46%), asserted >= 80%;
/// - unseen 20/24 = 83% (54%) -> 22/24 = 92% (79%), asserted >= 80%;
/// - blind 42/60 = 70% (38%) -> 51/60 = 85% (67%), asserted >= [`BLIND_FLOOR`];
/// - the demo journal's own links 40/65 = 62% -> 36/65 = 55%, asserted >=
///   [`DEMO_FLOOR`]: the one check that got worse. Its entries are long technical
///   stories linked to one to three of the several behaviours each evidences, and
///   the examples move other plausible behaviours into the top 3.
///
/// The test set, blind2.json (60 entries written by someone who saw neither the
/// engine nor the other sets), was never opened by whoever tuned the engine and was
/// run once, after the last change above: 52/60 = 87% top 3 (63% top 1) ladder
/// only, 87% with the demo links. Asserted >= [`BLIND2_FLOOR`]. The 80% on
/// labelled entries not seen while tuning is reached on it.
///
/// Caveats found by a review (word runs shared between every pair of texts): the
/// sets and the examples were all written by helpers of the same kind, from briefs
/// alike, and it shows. Five blind.json texts share a run of 7-8 words with an
/// example ("we moved from zendesk views to the new", "fewer 'which version are you
/// on' replies"), one unseen.json text one of 7; the example writers were told not
/// to read `tests/` and said they did not, and the examples came after blind.json,
/// so this reads as the same scenario written twice, but it flatters the
/// development figures above. blind2 shares no run of 7 words with any example.
/// Seven blind2 texts retell blind.json scenarios (same situation, usually the same
/// labels); without them blind2 scores 45/53 = 85% top 3 (58% top 1). Entries
/// written by other people, or as long as the demo journal's, may score lower.
#[test]
fn quality_on_the_labelled_set() {
    let cases = labelled();
    assert!(
        cases.len() >= 40,
        "the labelled set has {} entries",
        cases.len()
    );

    let mut j = Journal::open_in_memory().unwrap();
    let ladder: Vec<(String, HashSet<String>)> = j
        .ladder()
        .unwrap()
        .levels
        .iter()
        .flat_map(|l| &l.sections)
        .flat_map(|s| &s.behaviours)
        .map(|b| (b.id.clone(), keywords(&b.text)))
        .collect();

    let mut base = (Rate { hits: 0, total: 0 }, Rate { hits: 0, total: 0 });
    for c in &cases {
        let top = keyword_top3(&ladder, &c.text);
        let rate = if c.split == "validation" {
            &mut base.1
        } else {
            &mut base.0
        };
        rate.total += 1;
        rate.hits += usize::from(top.iter().any(|id| c.labels.contains(id)));
    }

    let (train, validation) = evaluate(&mut j, &cases, "ladder only");
    let all = Rate {
        hits: train.hits + validation.hits,
        total: train.total + validation.total,
    };

    // The same texts in a journal whose links come from the demo journal.
    let mut demo = Journal::open_in_memory().unwrap();
    demo.load_demo(false).unwrap();
    let (dtrain, dvalidation) = evaluate(&mut demo, &cases, "demo links");

    // A second, independent check: the demo journal's entries, written and linked by
    // someone else, suggested for in a journal without links.
    let demo_entries = demo.list(&Default::default()).unwrap();
    let mut own = Rate { hits: 0, total: 0 };
    for e in &demo_entries {
        if e.behaviours.is_empty() {
            continue;
        }
        let text = rungs::suggest::entry_text::of_entry(e);
        let top: Vec<String> = suggest_text(&mut j, &text, 3)
            .into_iter()
            .map(|s| s.id)
            .collect();
        own.total += 1;
        if e.behaviours.iter().any(|b| top.contains(&b.id)) {
            own.hits += 1;
        } else {
            println!(
                "  [demo entries] miss \"{}\": top 3 {top:?}, linked {:?}",
                e.title,
                e.behaviours
                    .iter()
                    .map(|b| b.id.as_str())
                    .collect::<Vec<_>>()
            );
        }
    }
    println!(
        "suggest top-3 hit rate on the demo journal's own links (ladder only): {}/{} ({:.0}%)",
        own.hits,
        own.total,
        own.pct()
    );
    assert!(
        own.pct() >= DEMO_FLOOR,
        "demo links check {:.0}% below {DEMO_FLOOR}%",
        own.pct()
    );
    println!(
        "suggest top-3 hit rate, ladder only: train {}/{} ({:.0}%), validation {}/{} ({:.0}%), all {:.0}%",
        train.hits,
        train.total,
        train.pct(),
        validation.hits,
        validation.total,
        validation.pct(),
        all.pct()
    );
    println!(
        "suggest top-3 hit rate, with the demo journal's links: train {:.0}%, validation {:.0}%",
        dtrain.pct(),
        dvalidation.pct()
    );
    println!(
        "baseline (plain keyword overlap) top-3 hit rate: train {:.0}%, validation {:.0}%, all {:.0}%",
        base.0.pct(),
        base.1.pct(),
        100.0 * (base.0.hits + base.1.hits) as f64 / cases.len() as f64
    );
    assert!(
        all.pct() >= 80.0,
        "top-3 hit rate {:.0}% is below 80%",
        all.pct()
    );

    for (name, file, floor) in [
        (
            "heldout (fixer's, written before tuning)",
            "heldout.json",
            80.0,
        ),
        ("unseen (reviewer's)", "unseen.json", 80.0),
        (
            "blind (written without seeing the engine)",
            "blind.json",
            BLIND_FLOOR,
        ),
        (
            "blind2 (test set, run once after the last engine change)",
            "blind2.json",
            BLIND2_FLOOR,
        ),
    ] {
        let set = load_set(file);
        let bare = held_out_rate(&mut j, &set);
        assert!(
            bare.pct() >= floor,
            "{name}: {:.0}% below the measured level minus a margin ({floor}%)",
            bare.pct()
        );
        let linked = held_out_rate(&mut demo, &set);
        println!(
            "held-out {name}: ladder only {}/{} ({:.0}%), with the demo links {}/{} ({:.0}%)",
            bare.hits,
            bare.total,
            bare.pct(),
            linked.hits,
            linked.total,
            linked.pct()
        );
    }
}

const KB_TEXT: &str = "Wrote a KB article on the x509 unknown authority error behind TLS-inspecting \
                       proxies, the third ticket this month with the same root cause";

#[test]
fn cli_prints_json_and_human_text_and_reads_stdin() {
    let env = Env::new();
    let v = env.json(&["suggest", "--text", KB_TEXT, "--json", "--limit", "3"]);
    let list = v.as_array().expect("a JSON array");
    assert_eq!(list.len(), 3);
    for s in list {
        for key in ["id", "level", "section", "text"] {
            assert!(
                s[key].as_str().is_some_and(|x| !x.is_empty()),
                "{key} in {s}"
            );
        }
        assert!(s["score"].as_f64().unwrap() > 0.0);
    }
    let scores: Vec<f64> = list.iter().map(|s| s["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    let ids: Vec<&str> = list.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert!(
        ids.iter()
            .any(|id| ["L1.2.4", "L2.3.4", "L2.3.2", "L1.5.3", "L2.2.4"].contains(id)),
        "a documentation or pattern behaviour for a KB article: {ids:?}"
    );

    let out = env
        .cmd(&["suggest", "--text", "-", "--json", "--limit", "3"])
        .write_stdin(KB_TEXT)
        .output()
        .unwrap();
    assert!(out.status.success());
    let from_stdin: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_stdin, v, "stdin gives the same suggestions");

    let human = env.ok(&["suggest", "--text", KB_TEXT]);
    assert!(human.starts_with(&format!("1. {}", ids[0])), "{human}");
    assert!(human.contains(list[0]["text"].as_str().unwrap()), "{human}");

    let none = env.ok(&["suggest", "--text", "zzz qqq"]);
    assert!(none.starts_with("No suggestions"), "{none}");
    assert_eq!(
        env.json(&["suggest", "--text", "zzz qqq", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn level_filter_keeps_one_level() {
    let env = Env::new();
    for (flag, level) in [("L2", "L2"), ("l1", "L1")] {
        let v = env.json(&[
            "suggest", "--text", KB_TEXT, "--level", flag, "--json", "--limit", "42",
        ]);
        let list = v.as_array().unwrap();
        assert!(!list.is_empty());
        assert!(list.iter().all(|s| s["level"] == level), "{flag}: {v}");
        assert!(
            list.iter()
                .all(|s| s["id"].as_str().unwrap().starts_with(level))
        );
    }
    let all = env.json(&["suggest", "--text", KB_TEXT, "--json", "--limit", "42"]);
    let levels: HashSet<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["level"].as_str().unwrap())
        .collect();
    assert_eq!(
        levels,
        HashSet::from(["L1", "L2"]),
        "without --level both levels appear"
    );
}

/// Text the bundled ladder alone has no reason to link to L1.4.3 ("I bring positive
/// energy, take responsibility for my work, and follow through on commitments").
const VAULT_TEXT: &str = "Rotated the Vault unseal keys on the staging cluster with Marta";

fn rank(list: &[Suggestion], id: &str) -> Option<usize> {
    list.iter().position(|s| s.id == id)
}

#[test]
fn links_from_similar_entries_raise_a_behaviour_and_the_cache_follows_them() {
    let mut j = Journal::open_in_memory().unwrap();
    let before = suggest_text(&mut j, VAULT_TEXT, 42);
    let rank_before = rank(&before, "L1.4.3");
    assert!(
        rank_before.is_none_or(|r| r >= 3),
        "L1.4.3 already near the top: {before:?}"
    );

    for (i, body) in [
        "Vault unseal keys rotated on the production cluster, Marta watched",
        "Rotated Vault unseal keys again for the staging cluster",
        "Vault: unseal key rotation checklist for each cluster",
    ]
    .iter()
    .enumerate()
    {
        j.add(rungs::journal::EntryInput {
            title: Some(format!("Vault rotation {i}")),
            date: "2026-11-20".into(),
            time: None,
            tags: vec![],
            behaviours: vec!["L1.4.3".into()],
            details: rungs::journal::Details::Learning(rungs::journal::Learning {
                body: body.to_string(),
                source: None,
            }),
        })
        .unwrap();
    }
    // The same Journal: the cached profiles must notice the new links.
    let after = suggest_text(&mut j, VAULT_TEXT, 42);
    let rank_after = rank(&after, "L1.4.3").expect("L1.4.3 suggested after the links");
    assert!(
        rank_after < 3,
        "L1.4.3 at {rank_after} after three similar linked entries: {after:?}"
    );

    // A changed ladder (as an import would change it) is seen at the next call too.
    j.database()
        .conn()
        .execute(
            "UPDATE behaviours SET text = 'I look after the secrets engine and its unseal keys' WHERE id = 'L2.2.1'",
            [],
        )
        .unwrap();
    let changed = suggest_text(&mut j, VAULT_TEXT, 42);
    let l221 = changed
        .iter()
        .find(|s| s.id == "L2.2.1")
        .expect("L2.2.1 now matches");
    assert_eq!(
        l221.text,
        "I look after the secrets engine and its unseal keys"
    );
}

#[test]
fn entry_uses_its_text_and_leaves_out_what_it_already_links() {
    let env = Env::new();
    let added = env.json(&[
        "add",
        "learning",
        "--title",
        "KB article: x509 behind proxies",
        "--date",
        "2026-11-20",
        "--body",
        KB_TEXT,
        "--json",
    ]);
    let id = added["id"].as_str().unwrap();
    let for_entry = env.json(&["suggest", "--entry", id, "--json", "--limit", "5"]);
    let for_text = env.json(&["suggest", "--text", KB_TEXT, "--json", "--limit", "5"]);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (entry_ids, text_ids) = (ids(&for_entry), ids(&for_text));
    let shared = entry_ids.iter().filter(|x| text_ids.contains(x)).count();
    assert!(
        shared >= 3,
        "--entry reads the entry's text: {entry_ids:?} vs {text_ids:?}"
    );

    // Link the top two suggestions: they are no longer suggested for this entry.
    env.ok(&["link", id, &entry_ids[0], &entry_ids[1]]);
    let again = ids(&env.json(&["suggest", "--entry", id, "--json", "--limit", "42"]));
    assert!(
        !again.contains(&entry_ids[0]) && !again.contains(&entry_ids[1]),
        "{again:?}"
    );
    assert!(!again.is_empty());
    // A prefix of the id works as everywhere else.
    let by_prefix = ids(&env.json(&["suggest", "--entry", &id[..12], "--json", "--limit", "42"]));
    assert_eq!(by_prefix, again);
}

#[test]
fn bad_input_is_refused_naming_the_flag() {
    let env = Env::new();
    let err = env.fails(&["suggest"]);
    assert!(err.contains("--text") && err.contains("--entry"), "{err}");
    let err = env.fails(&["suggest", "--text", "x", "--entry", "y"]);
    assert!(err.contains("--text") && err.contains("--entry"), "{err}");
    let err = env.fails(&["suggest", "--entry", "0000000000000000"]);
    assert!(err.contains("entry") && err.contains("not found"), "{err}");
    let err = env.fails(&["suggest", "--text", "kb article", "--level", "L9"]);
    assert!(
        err.contains("level") && err.contains("L9") && err.contains("L1"),
        "{err}"
    );
    let err = env.fails(&["suggest", "--text", "kb article", "--limit", "0"]);
    assert!(err.contains("--limit"), "{err}");
    let err = env.fails(&["suggest", "--text", "   "]);
    assert!(err.contains("text") && err.contains("empty"), "{err}");
    let err = env.fails_with_stdin(&["suggest", "--text", "-"], "");
    assert!(err.contains("text") && err.contains("empty"), "{err}");

    // The core checks the same, for the app.
    let mut j = Journal::open_in_memory().unwrap();
    let e = j
        .suggest(&SuggestRequest {
            limit: Some(0),
            text: Some("kb".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.to_string().starts_with("limit:"), "{e}");
    let e = j.suggest(&SuggestRequest::default()).unwrap_err();
    assert!(e.to_string().starts_with("text:"), "{e}");
}

fn vault_entry(i: usize, behaviour: &str) -> rungs::journal::EntryInput {
    rungs::journal::EntryInput {
        title: Some(format!("Vault rotation {i}")),
        date: "2026-11-20".into(),
        time: None,
        tags: vec![],
        behaviours: vec![behaviour.into()],
        details: rungs::journal::Details::Learning(rungs::journal::Learning {
            body: "Rotated the Vault unseal keys on the cluster; unseal key rotation checklist"
                .into(),
            source: None,
        }),
    }
}

/// Scores of every behaviour for `text` from a suggester, by id.
fn all_scores(
    s: &mut rungs::suggest::Suggester,
    j: &Journal,
    text: &str,
) -> std::collections::HashMap<String, f64> {
    s.suggest(
        j.database().conn(),
        &SuggestRequest {
            text: Some(text.into()),
            limit: Some(100),
            ..Default::default()
        },
        None,
    )
    .unwrap()
    .into_iter()
    .map(|x| (x.id, x.score))
    .collect()
}

/// The link profiles are updated incrementally after saves, links, unlinks and
/// deletes; what they say must match a model built from scratch on the same
/// journal (up to the idf of terms the changes did not touch).
#[test]
fn incremental_link_profiles_follow_saves_links_and_deletes_like_a_rebuild() {
    let mut j = Journal::open_in_memory().unwrap();
    j.load_demo(false).unwrap();
    let mut inc = rungs::suggest::Suggester::default();
    let texts = [
        VAULT_TEXT,
        KB_TEXT,
        "Paired with a junior on a Helm upgrade",
    ];
    let check = |inc: &mut rungs::suggest::Suggester, j: &Journal, step: &str| {
        for text in texts {
            let a = all_scores(inc, j, text);
            let b = all_scores(&mut rungs::suggest::Suggester::default(), j, text);
            let top = b.values().cloned().fold(0.0, f64::max);
            for (id, sb) in &b {
                let sa = a.get(id).copied().unwrap_or(0.0);
                assert!(
                    (sa - sb).abs() <= 0.02 * top + 1e-3,
                    "{step}: {id} for {text:?}: incremental {sa} vs rebuilt {sb}"
                );
            }
        }
    };
    check(&mut inc, &j, "warm");
    let vault_rank = |inc: &mut rungs::suggest::Suggester, j: &Journal| {
        let mut s: Vec<(String, f64)> = all_scores(inc, j, VAULT_TEXT).into_iter().collect();
        s.sort_by(|a, b| b.1.total_cmp(&a.1));
        s.iter().position(|(id, _)| id == "L1.4.3")
    };
    assert!(vault_rank(&mut inc, &j).is_none_or(|r| r >= 3));

    let ids: Vec<String> = (0..3)
        .map(|i| j.add(vault_entry(i, "L1.4.3")).unwrap().id)
        .collect();
    check(&mut inc, &j, "after three saves");
    assert!(vault_rank(&mut inc, &j).is_some_and(|r| r < 3));

    j.unlink(&ids[0], &["L1.4.3".into()]).unwrap();
    j.link(&ids[0], &["L2.2.1".into()]).unwrap();
    check(&mut inc, &j, "after unlink and link");

    for id in &ids {
        j.delete(id).unwrap();
    }
    check(&mut inc, &j, "after deletes");
    assert!(
        vault_rank(&mut inc, &j).is_none_or(|r| r >= 3),
        "deleted entries no longer shape L1.4.3"
    );
}

/// `input` (the app's form, saved or not) reads as the saved entry reads: the same
/// suggestions as `entry` for the same content, its linked behaviours left out.
#[test]
fn input_is_read_like_the_entry_it_saves_as() {
    use rungs::journal::{Details, Direction, EntryInput, Feedback};
    let mut j = Journal::open_in_memory().unwrap();
    j.load_demo(false).unwrap();
    let feedback = EntryInput {
        // No title: the one saving derives ("Feedback to Jonas") is read.
        title: None,
        date: "2026-11-20".into(),
        time: None,
        tags: vec!["vault".into()],
        behaviours: vec!["L1.4.3".into()],
        details: Details::Feedback(Feedback {
            direction: Direction::Given,
            person: "Jonas".into(),
            situation: "Vault unseal key rotation on the staging cluster".into(),
            observed: "He wrote the rotation checklist and shared it with the team".into(),
            impact: "The next rotation took ten minutes".into(),
            tone: None,
            reflection: None,
        }),
    };
    for input in [vault_entry(0, "L1.4.3"), feedback] {
        let saved = j.add(input.clone()).unwrap();
        let ask = |r: SuggestRequest| SuggestRequest {
            limit: Some(42),
            ..r
        };
        let for_entry = j
            .suggest(&ask(SuggestRequest {
                entry: Some(saved.id.clone()),
                ..Default::default()
            }))
            .unwrap();
        let for_input = j
            .suggest(&ask(SuggestRequest {
                input: Some(input.clone()),
                ..Default::default()
            }))
            .unwrap();
        assert!(!for_input.is_empty());
        assert_eq!(for_input, for_entry, "{:?}", input.details.kind());
        assert!(for_input.iter().all(|s| s.id != "L1.4.3"), "{for_input:?}");
        // Its text is the entry's, not an empty one: unlinked, L1.4.3 comes back.
        let unlinked = EntryInput {
            behaviours: Vec::new(),
            ..input.clone()
        };
        let all = j
            .suggest(&ask(SuggestRequest {
                input: Some(unlinked),
                ..Default::default()
            }))
            .unwrap();
        assert!(all.iter().any(|s| s.id == "L1.4.3"), "{all:?}");
    }

    let e = j
        .suggest(&SuggestRequest {
            text: Some("kb".into()),
            input: Some(vault_entry(1, "L1.4.3")),
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.to_string().starts_with("text:"), "{e}");
}
