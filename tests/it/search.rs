//! Search end to end on a small fixture journal: every query feature, every
//! filter, sort, snippets, facets, saved searches; and the index kept in step with
//! SQLite across crashes, a held writer lock, schema changes and a deleted index.

use std::collections::HashSet;
use std::os::unix::process::CommandExt;

use rungs::Journal;
use rungs::journal::{Details, EntryInput, Learning};
use rungs::search::SearchRequest;
use serde_json::Value;

use crate::util::{Env, rungs_bin};

/// Five entries with known words in known places.
fn fixture() -> Env {
    let env = Env::new();
    env.ok(&[
        "add",
        "pairing",
        "--title",
        "Argo CD sync waves for a customer",
        "--date",
        "2026-10-02",
        "--partner",
        "Tom Becker",
        "--tag",
        "argo-cd",
        "--behaviour",
        "L1.2.1",
        "--notes",
        "We ordered the hooks with syncWave annotations so the database migrated first.",
        "--follow-up",
        "Write a knowledge base article about sync waves",
    ]);
    env.ok(&[
        "add", "learning", "--title", "cert-manager renewals", "--date", "2026-10-10",
        "--body", "Certificates renew when two thirds of their lifetime has passed. The ingress picks up the new secret.",
        "--tag", "certificates", "--behaviour", "L2.2.1",
    ]);
    env.ok(&[
        "add",
        "feedback",
        "--direction",
        "received",
        "--person",
        "Lena Fischer",
        "--date",
        "2026-10-15",
        "--situation",
        "During the Octopus tentacle outage call",
        "--observed",
        "You kept the customer informed every thirty minutes",
        "--impact",
        "The customer trusted our timeline",
        "--tone",
        "appreciation",
        "--behaviour",
        "L1.2.5",
    ]);
    env.ok(&[
        "add", "pairing", "--title", "Polling tentacle certificate thumbprint mismatch", "--date", "2026-10-20",
        "--partner", "Mia Wong", "--tag", "octopus", "--tag", "certificates", "--behaviour", "L2.2.1",
        "--notes", "The tentacle certificate was regenerated, so the server rejected it. Kubernetes was not involved.",
    ]);
    env.ok(&[
        "add", "learning", "--title", "RBAC for service accounts", "--date", "2026-11-01",
        "--body", "A RoleBinding grants a ClusterRole inside one namespace only. Kubernetes service accounts need it.",
        "--tag", "rbac",
    ]);
    env
}

fn search(env: &Env, args: &[&str]) -> Value {
    let mut full = vec!["search"];
    full.extend_from_slice(args);
    full.push("--json");
    env.json(&full)
}

fn titles(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn stemming_matches_other_forms_of_a_word() {
    let env = fixture();
    // "renewing" and "renew" share a stem.
    let r = search(&env, &["renewing "]);
    assert_eq!(titles(&r), ["cert-manager renewals"]);
    let r = search(&env, &["migrate "]);
    assert_eq!(titles(&r), ["Argo CD sync waves for a customer"]);
}

#[test]
fn typos_are_forgiven_by_length() {
    let env = fixture();
    // 10 letters, two letters missing (distance 2 allowed from 9 characters).
    let r = search(&env, &["certifcats "]);
    assert!(
        titles(&r).contains(&"cert-manager renewals".to_string()),
        "{r}"
    );
    // 7 letters, one typo.
    let r = search(&env, &["tentcle "]);
    assert_eq!(r["total"], 2, "{r}");
    // A 4-letter word gets no typo tolerance: "hoks" is not "hooks".
    assert_eq!(search(&env, &["hoks "])["total"], 0);
    // Exact matches rank above typo matches.
    env.ok(&[
        "add",
        "learning",
        "--title",
        "Tentacle",
        "--date",
        "2026-11-02",
        "--body",
        "tentacle",
    ]);
    env.ok(&[
        "add",
        "learning",
        "--title",
        "Tentacles",
        "--date",
        "2026-11-03",
        "--body",
        "tentcles x",
    ]);
    let r = search(&env, &["tentacle "]);
    assert_eq!(titles(&r)[0], "Tentacle");
}

#[test]
fn the_last_word_matches_as_a_prefix_while_typing() {
    let env = fixture();
    assert_eq!(
        titles(&search(&env, &["thumbpr"])),
        ["Polling tentacle certificate thumbprint mismatch"]
    );
    // Finished with a space, it is a whole word again.
    assert_eq!(search(&env, &["thumbpr "])["total"], 0);
}

#[test]
fn quoted_phrases_match_in_order() {
    let env = fixture();
    let r = search(&env, &["\"two thirds\""]);
    assert_eq!(titles(&r), ["cert-manager renewals"]);
    assert_eq!(search(&env, &["\"thirds two\""])["total"], 0);
}

#[test]
fn entries_matching_every_word_rank_first() {
    let env = fixture();
    // "kubernetes" is in two entries, "tentacle" in two; only one has both.
    let r = search(&env, &["kubernetes tentacle "]);
    assert_eq!(r["total"], 3, "{r}");
    assert_eq!(
        titles(&r)[0],
        "Polling tentacle certificate thumbprint mismatch"
    );
}

#[test]
fn titles_rank_higher_than_bodies() {
    let env = fixture();
    let r = search(&env, &["rbac "]);
    assert_eq!(titles(&r)[0], "RBAC for service accounts");
    let r = search(&env, &["certificate "]);
    assert_eq!(
        titles(&r)[0],
        "Polling tentacle certificate thumbprint mismatch"
    );
}

#[test]
fn people_tags_and_behaviour_texts_are_searchable() {
    let env = fixture();
    assert_eq!(
        titles(&search(&env, &["mia "])),
        ["Polling tentacle certificate thumbprint mismatch"]
    );
    assert_eq!(
        titles(&search(&env, &["lena "])),
        ["Feedback from Lena Fischer"]
    );
    assert_eq!(search(&env, &["argo-cd "])["total"], 1);
    // L1.2.5: "I prioritise tasks with help from my team, and I keep people informed…"
    assert!(
        titles(&search(&env, &["prioritise "])).contains(&"Feedback from Lena Fischer".to_string())
    );
    // Follow-ups too.
    assert_eq!(search(&env, &["knowledge "])["total"], 1);
}

#[test]
fn every_filter_narrows_the_results() {
    let env = fixture();
    let all = search(&env, &[]);
    assert_eq!(all["total"], 5);
    assert_eq!(search(&env, &["--kind", "learning"])["total"], 2);
    assert_eq!(
        titles(&search(&env, &["--person", "tom becker"])),
        ["Argo CD sync waves for a customer"]
    );
    assert_eq!(search(&env, &["--tag", "certificates"])["total"], 2);
    assert_eq!(search(&env, &["--behaviour", "l2.2.1"])["total"], 2);
    assert_eq!(search(&env, &["--level", "L1"])["total"], 2);
    assert_eq!(search(&env, &["--level", "l2"])["total"], 2);
    assert_eq!(
        search(&env, &["--since", "2026-10-15", "--until", "2026-10-20"])["total"],
        2
    );
    assert_eq!(
        search(&env, &["certificate", "--kind", "pairing"])["total"],
        1
    );
    // Unknown filter values are named.
    for (args, needle) in [
        (
            vec!["search", "x", "--person", "Nobody"],
            "person not found",
        ),
        (vec!["search", "x", "--behaviour", "L9.1.1"], "behaviour"),
        (vec!["search", "x", "--level", "L7"], "level"),
        (vec!["search", "x", "--kind", "memo"], "kind"),
        (vec!["search", "x", "--since", "2026-02-30"], "since"),
        (vec!["search", "x", "--sort", "random"], "sort"),
        (vec!["search", "x", "--limit", "0"], "limit"),
    ] {
        let err = env.fails(&args);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn sort_by_date_puts_newest_first() {
    let env = fixture();
    let r = search(&env, &["certificate", "--sort", "date"]);
    let dates: Vec<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert_eq!(dates[0], "2026-10-20");
    assert_eq!(
        search(&env, &["--limit", "2"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn snippets_mark_matches_and_escape_html() {
    let env = fixture();
    env.ok(&[
        "add",
        "learning",
        "--title",
        "Escaping",
        "--date",
        "2026-11-05",
        "--body",
        "Never paste <script>alert(1)</script> into a ticket & always check the ingress.",
    ]);
    let r = search(&env, &["ingres"]);
    for hit in r["hits"].as_array().unwrap() {
        let s = hit["snippet"].as_str().unwrap();
        assert!(s.contains("<mark>ingress</mark>"), "{s}");
        assert!(!s.contains("<script>"), "{s}");
    }
    let escaped = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["title"] == "Escaping")
        .unwrap();
    assert!(
        escaped["snippet"]
            .as_str()
            .unwrap()
            .contains("&lt;script&gt;"),
        "{escaped}"
    );
    // Typo matches are highlighted too.
    let r = search(&env, &["certficates "]);
    assert!(
        r["hits"][0]["snippet"].as_str().unwrap().contains("<mark>"),
        "{r}"
    );
}

#[test]
fn facets_count_the_whole_result_set() {
    let env = fixture();
    let r = search(&env, &["certificate", "--limit", "1"]);
    assert_eq!(r["hits"].as_array().unwrap().len(), 1);
    let f = &r["facets"];
    assert_eq!(f["kind"]["pairing"], 1);
    assert_eq!(f["kind"]["learning"], 1);
    assert_eq!(f["tag"]["certificates"], 2);
    assert_eq!(f["behaviour"]["L2.2.1"], 2);
    assert_eq!(f["person"]["Mia Wong"], 1);
    assert_eq!(f["level"]["L2"], 2);
}

#[test]
fn facets_count_the_results_per_month_of_their_date() {
    let env = fixture();
    env.ok(&[
        "add",
        "learning",
        "--title",
        "Certificate chains on the old proxy",
        "--date",
        "2025-12-31",
        "--body",
        "The intermediate certificate was missing.",
    ]);
    // Every result counts, not only the page shown; months without results are absent.
    let r = search(&env, &["certificate", "--limit", "1"]);
    assert_eq!(
        r["facets"]["month"],
        serde_json::json!({"2025-12": 1, "2026-10": 2}),
        "{r}"
    );
    // The fixture's months: October 2026 (four entries) and November 2026 (one).
    let r = search(&env, &["kubernetes"]);
    assert_eq!(
        r["facets"]["month"],
        serde_json::json!({"2026-10": 1, "2026-11": 1}),
        "{r}"
    );
    // A date filter narrows the months too.
    let r = search(&env, &["certificate", "--since", "2026-01-01"]);
    assert_eq!(
        r["facets"]["month"],
        serde_json::json!({"2026-10": 2}),
        "{r}"
    );
}

#[test]
fn saved_searches_are_listed_and_rerun() {
    let env = fixture();
    env.ok(&[
        "search",
        "certificate",
        "--kind",
        "pairing",
        "--save",
        "Cert sessions",
    ]);
    let list = env.json(&["searches", "--json"]);
    assert_eq!(list[0]["name"], "Cert sessions");
    assert_eq!(list[0]["request"]["query"], "certificate");
    assert_eq!(list[0]["request"]["kind"], "pairing");
    assert!(
        env.ok(&["searches"])
            .contains("Cert sessions: \"certificate\"  (kind pairing)")
    );
    // Saving again under a taken name (in any case) is refused, naming it, and
    // changes nothing; --replace replaces it.
    let err = env.fails(&["search", "proxy", "--save", "cert sessions"]);
    assert!(
        err.contains("\"Cert sessions\" already exists") && err.contains("--replace"),
        "{err}"
    );
    assert_eq!(
        env.json(&["searches", "--json"])[0]["request"]["query"],
        "certificate"
    );
    env.ok(&["search", "proxy", "--save", "cert sessions", "--replace"]);
    let list = env.json(&["searches", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["request"]["query"], "proxy");
    assert!(
        env.fails(&["search", "proxy", "--replace"])
            .contains("--save"),
        "--replace needs --save"
    );
    env.ok(&[
        "search",
        "certificate",
        "--kind",
        "pairing",
        "--save",
        "Cert sessions",
        "--replace",
    ]);
    let rerun = search(&env, &["--saved", "cert sessions"]);
    assert_eq!(
        titles(&rerun),
        ["Polling tentacle certificate thumbprint mismatch"]
    );
    // A new matching entry shows up when the saved search runs again.
    env.ok(&[
        "add",
        "pairing",
        "--title",
        "Another certificate session",
        "--date",
        "2026-11-10",
    ]);
    assert_eq!(search(&env, &["--saved", "Cert sessions"])["total"], 2);
    env.ok(&["searches", "--delete", "Cert sessions"]);
    assert!(
        env.fails(&["search", "--saved", "Cert sessions"])
            .contains("saved search not found")
    );
}

#[test]
fn edits_renames_deletes_and_demo_removal_reach_the_index() {
    let env = fixture();
    let id = env.json(&["search", "rbac", "--json"])["hits"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["edit", &id, "--title", "Namespaced role bindings"]);
    assert_eq!(search(&env, &["bindings "])["hits"][0]["id"], id.as_str());
    env.ok(&["delete", &id]);
    assert_eq!(search(&env, &["bindings "])["total"], 0);
    env.ok(&["undelete", &id]);
    assert_eq!(search(&env, &["bindings "])["total"], 1);
    env.ok(&["person", "rename", "Mia Wong", "Mia Wong-Lee"]);
    assert_eq!(search(&env, &["--person", "Mia Wong-Lee"])["total"], 1);
    assert_eq!(search(&env, &["wong-lee"])["total"], 1);
}

fn titles_found(env: &Env, expected: usize) -> HashSet<String> {
    let r = env.json(&["search", "--limit", "1000", "--json"]);
    assert_eq!(
        r["total"].as_u64().unwrap() as usize,
        expected,
        "entries in the index"
    );
    titles(&r).into_iter().collect()
}

#[test]
fn work_stays_in_the_outbox_while_another_process_holds_the_writer() {
    let env = fixture();
    // Stand in for the app: hold the index writer in this process.
    let mut app = Journal::open(&env.data_dir()).unwrap();
    assert!(app.search_index().is_writer());
    env.ok(&[
        "add",
        "learning",
        "--title",
        "Written while the app held the index",
        "--date",
        "2026-11-11",
        "--body",
        "outbox",
    ]);
    let conn = rusqlite::Connection::open(env.db_path()).unwrap();
    let queued: i64 = conn
        .query_row("SELECT COUNT(*) FROM index_outbox", [], |r| r.get(0))
        .unwrap();
    assert!(
        queued > 0,
        "the CLI could not index, so the work waits in the outbox"
    );
    // The app drains it (on its timer) and finds the entry.
    let r = app
        .search(&SearchRequest {
            query: "outbox".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.hits.len(), 1);
    drop(app);
    let queued: i64 = conn
        .query_row("SELECT COUNT(*) FROM index_outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(queued, 0);
    assert_eq!(search(&env, &["outbox"])["total"], 1);
}

#[test]
fn a_crash_right_after_the_sqlite_commit_is_caught_up_on_the_next_start() {
    // RUNGS_FAILPOINT aborts the CLI exactly between the SQLite commit and any index
    // work (src/journal/failpoint.rs): the worst moment, reached every time.
    let env = Env::new();
    let learning = |title: &str, body: &str| {
        env.ok(&[
            "add",
            "learning",
            "--title",
            title,
            "--date",
            "2026-11-20",
            "--body",
            body,
        ]);
    };
    learning("Indexed before the crash", "an ordinary entry");
    let out = env
        .cmd(&[
            "add",
            "learning",
            "--title",
            "Committed then crashed",
            "--date",
            "2026-11-20",
            "--body",
            "quokka failpoint body",
        ])
        .env(rungs::journal::failpoint::VAR, "after-sqlite-commit")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the failpoint must abort the process"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("after-sqlite-commit"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The entry is safe in SQLite and waits in the outbox; the index never saw it.
    let conn = rusqlite::Connection::open(env.db_path()).unwrap();
    let queued: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM index_outbox o JOIN entries e ON e.id = o.entry_id
             WHERE e.title = 'Committed then crashed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(queued >= 1, "the crashed save left no outbox row");
    drop(conn);
    // The next start catches up from the outbox: the entry is found, the outbox empties.
    let r = search(&env, &["quokka"]);
    assert_eq!(titles(&r), ["Committed then crashed"], "{r}");
    let conn = rusqlite::Connection::open(env.db_path()).unwrap();
    let left: i64 = conn
        .query_row("SELECT COUNT(*) FROM index_outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    // Without the variable nothing aborts.
    learning("After the crash", "quokka again");
    assert_eq!(search(&env, &["quokka"])["total"], 2);
}

#[test]
fn a_writer_killed_at_random_moments_loses_nothing_it_acknowledged() {
    let env = Env::new();
    let log = env.dir.path().join("acknowledged.txt");
    for round in 0..4u64 {
        let script = format!(
            "i=0; while true; do i=$((i+1)); \
               \"$RUNGS\" --data-dir \"$DIR\" add learning --title \"round {round} entry $i\" \
               --date 2026-11-20 --body \"crash test body $i\" >/dev/null && echo \"round {round} entry $i\" >> \"$LOG\"; \
             done"
        );
        let mut child = std::process::Command::new("sh")
            .process_group(0)
            .arg("-c")
            .arg(script)
            .env("RUNGS", rungs_bin())
            .env("DIR", env.data_dir())
            .env("LOG", &log)
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300 + round * 170));
        // SIGKILL the loop and the rungs process it is running, wherever it is.
        let group = format!("-{}", child.id());
        assert!(
            std::process::Command::new("kill")
                .args(["-KILL", "--", &group])
                .status()
                .unwrap()
                .success()
        );
        child.wait().unwrap();
    }
    let acknowledged: HashSet<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert!(
        acknowledged.len() >= 4,
        "the writer made progress: {}",
        acknowledged.len()
    );
    let journal = Journal::open(&env.data_dir()).unwrap();
    let ok: String = journal
        .database()
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    drop(journal);
    // Entries written but killed before acknowledging may exist too; none acknowledged is missing.
    let r = env.json(&["search", "--limit", "1000", "--json"]);
    let found: HashSet<String> = titles(&r).into_iter().collect();
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|t| !found.contains(*t))
        .collect();
    assert!(
        missing.is_empty(),
        "acknowledged but not found: {missing:?}"
    );
    let listed = env.json(&["list", "--json"]).as_array().unwrap().len();
    assert_eq!(
        r["total"].as_u64().unwrap() as usize,
        listed,
        "index and database agree"
    );
}

#[test]
fn the_index_is_rebuilt_after_a_schema_change_or_deletion() {
    let env = fixture();
    let index = env.data_dir().join("index");
    std::fs::write(index.join("rungs-index-version"), "0").unwrap();
    let db_before = std::fs::read(env.db_path()).unwrap().len();
    assert_eq!(titles_found(&env, 5).len(), 5);
    assert_eq!(
        std::fs::read_to_string(index.join("rungs-index-version")).unwrap(),
        rungs::search::SCHEMA_VERSION.to_string()
    );
    std::fs::remove_dir_all(&index).unwrap();
    assert_eq!(titles_found(&env, 5).len(), 5);
    // Garbage in the index directory: rebuilt, not a failure to start.
    for f in std::fs::read_dir(&index).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "json") {
            std::fs::write(&p, "{not json").unwrap();
        }
    }
    assert_eq!(titles_found(&env, 5).len(), 5);
    assert!(
        env.ok(&["reindex"])
            .contains("Rebuilt the search index: 5 entries")
    );
    assert!(std::fs::read(env.db_path()).unwrap().len() >= db_before);
}

/// The index on disk as any other reader would find it: every file passes its
/// checksum, and how many entries it holds.
fn index_on_disk(env: &Env) -> Result<u64, String> {
    let index =
        tantivy::Index::open_in_dir(env.data_dir().join("index")).map_err(|e| e.to_string())?;
    let bad = index.validate_checksum().map_err(|e| e.to_string())?;
    if !bad.is_empty() {
        return Err(format!("corrupt files: {bad:?}"));
    }
    let reader = index.reader().map_err(|e| e.to_string())?;
    Ok(reader.searcher().num_docs())
}

#[test]
fn a_damaged_segment_file_is_rebuilt_on_disk_by_the_next_command_and_by_reindex() {
    let base = fixture();
    assert_eq!(index_on_disk(&base), Ok(5));
    for ext in ["store", "pos", "term", "idx"] {
        for emptied in [true, false] {
            for reindex in [false, true] {
                let env = Env::new();
                snapshot(&base.data_dir(), &env.data_dir());
                let mut damaged = 0;
                for p in walkdir(&env.data_dir().join("index")) {
                    if p.extension().is_some_and(|e| e == ext) {
                        let len = std::fs::metadata(&p).unwrap().len();
                        let keep = if emptied { 0 } else { len / 2 };
                        std::fs::OpenOptions::new()
                            .write(true)
                            .open(&p)
                            .unwrap()
                            .set_len(keep)
                            .unwrap();
                        damaged += 1;
                    }
                }
                assert!(damaged > 0, "no .{ext} file to damage");
                let case = format!(".{ext} emptied={emptied} reindex={reindex}");
                if reindex {
                    let out = env.ok(&["reindex"]);
                    assert!(
                        out.contains("Rebuilt the search index: 5 entries"),
                        "{case}: {out}"
                    );
                } else {
                    assert_eq!(titles_found(&env, 5).len(), 5, "{case}");
                }
                // Recreated on disk, not rebuilt in memory by every command from now on.
                assert_eq!(index_on_disk(&env), Ok(5), "{case}");
            }
        }
    }
}

#[test]
fn reindex_rebuilds_on_disk_or_says_why_it_cannot() {
    let env = Env::new();
    std::fs::create_dir_all(env.data_dir().join("index")).unwrap();
    let notes = env.data_dir().join("index").join("my-notes.txt");
    std::fs::write(&notes, "not an index").unwrap();
    // Commands still work (on a temporary index) and leave the folder alone...
    env.ok(&[
        "add",
        "learning",
        "--title",
        "Kept",
        "--date",
        "2026-11-20",
        "--body",
        "b",
    ]);
    assert_eq!(titles_found(&env, 1).len(), 1);
    // ...but reindex does not pretend: it names the folder it will not touch.
    let err = env.fails(&["reindex"]);
    assert!(err.contains("is not a Rungs search index"), "{err}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "not an index");
    std::fs::remove_file(&notes).unwrap();
    env.ok(&["reindex"]);
    assert_eq!(index_on_disk(&env), Ok(1));
}

#[test]
fn reindex_counts_in_words() {
    let env = Env::new();
    env.ok(&[
        "add",
        "learning",
        "--title",
        "Only one",
        "--date",
        "2026-11-20",
        "--body",
        "b",
    ]);
    let out = env.ok(&["reindex"]);
    assert!(
        out.contains("Rebuilt the search index: 1 entry in"),
        "{out}"
    );
}

#[test]
fn many_single_cli_saves_leave_few_segments() {
    // Each `rungs add` commits once and exits: the merges its commit starts must
    // finish before it does, or segments pile up (300 adds once left 104).
    let env = Env::new();
    for i in 0..200 {
        env.ok(&[
            "add",
            "learning",
            "--title",
            &format!("cli save {i}"),
            "--date",
            "2026-11-20",
            "--body",
            "one entry per process",
        ]);
    }
    let index = tantivy::Index::open_in_dir(env.data_dir().join("index")).unwrap();
    let segments = index.searchable_segment_ids().unwrap().len();
    assert!(segments <= 30, "{segments} segments after 200 CLI saves");
    assert_eq!(titles_found(&env, 200).len(), 200);
}

#[test]
fn many_single_saves_leave_few_segments() {
    let dir = tempfile::tempdir().unwrap();
    let mut journal = Journal::open(dir.path()).unwrap();
    for i in 0..10_000 {
        journal
            .add(EntryInput {
                title: Some(format!("save {i}")),
                date: "2026-11-20".into(),
                time: None,
                tags: vec![],
                behaviours: vec![],
                details: Details::Learning(Learning {
                    body: format!("body {i}"),
                    source: None,
                }),
            })
            .unwrap();
    }
    journal.flush_index().unwrap();
    let segments = journal.search_index().segment_count();
    assert!(segments <= 30, "{segments} segments");
    let r = journal
        .search(&SearchRequest {
            limit: Some(1000),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 10_000);
}

#[test]
fn a_foreign_index_folder_in_the_data_directory_is_never_deleted() {
    let env = Env::new();
    let folder = env.data_dir().join("index");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "my own notes").unwrap();
    env.ok(&[
        "add",
        "learning",
        "--title",
        "Still searchable",
        "--date",
        "2026-11-01",
        "--body",
        "b",
    ]);
    assert_eq!(
        std::fs::read_to_string(folder.join("notes.txt")).unwrap(),
        "my own notes"
    );
    // Search still works, from a temporary index.
    assert_eq!(search(&env, &["searchable"])["total"], 1);
}

#[test]
fn two_processes_adding_at_once_leave_every_entry_searchable() {
    const CLI_ENTRIES: usize = 40;
    const LIBRARY_ENTRIES: usize = 40;
    let env = Env::new();
    env.ok(&["list"]); // create the journal before the race
    let script = format!(
        "for i in $(seq 1 {CLI_ENTRIES}); do \
           \"$RUNGS\" --data-dir \"$DIR\" add learning --title \"concurrent cli $i\" \
           --date 2026-11-20 --body \"zeppelin harbour $i\" >/dev/null || exit 1; \
         done"
    );
    let mut cli = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("RUNGS", rungs_bin())
        .env("DIR", env.data_dir())
        .env("RUNGS_TODAY", crate::util::TODAY)
        .spawn()
        .unwrap();
    // The library stands in for the app: it holds the index writer while the CLI writes.
    let mut app = Journal::open(&env.data_dir()).unwrap();
    for i in 1..=LIBRARY_ENTRIES {
        app.add(EntryInput {
            title: Some(format!("concurrent app {i}")),
            date: "2026-11-21".into(),
            time: None,
            tags: vec![],
            behaviours: vec![],
            details: Details::Learning(Learning {
                body: format!("zeppelin harbour from the app {i}"),
                source: None,
            }),
        })
        .unwrap();
    }
    assert!(cli.wait().unwrap().success(), "the CLI writer failed");
    let r = app
        .search(&SearchRequest {
            query: "zeppelin harbour".into(),
            limit: Some(1000),
            ..Default::default()
        })
        .unwrap();
    let found: HashSet<String> = r.hits.iter().map(|h| h.title.clone()).collect();
    drop(app);
    let mut missing = Vec::new();
    for i in 1..=CLI_ENTRIES {
        let t = format!("concurrent cli {i}");
        if !found.contains(&t) {
            missing.push(t);
        }
    }
    for i in 1..=LIBRARY_ENTRIES {
        let t = format!("concurrent app {i}");
        if !found.contains(&t) {
            missing.push(t);
        }
    }
    assert!(missing.is_empty(), "not found in search: {missing:?}");
    assert_eq!(
        r.total as usize,
        CLI_ENTRIES + LIBRARY_ENTRIES,
        "none doubled"
    );
    // A later CLI process sees the same.
    assert_eq!(
        search(&env, &["zeppelin harbour", "--limit", "1000"])["total"],
        (CLI_ENTRIES + LIBRARY_ENTRIES) as u64
    );
}

fn learning(title: &str) -> EntryInput {
    EntryInput {
        title: Some(title.into()),
        date: "2026-11-20".into(),
        time: None,
        tags: vec![],
        behaviours: vec![],
        details: Details::Learning(Learning {
            body: format!("Notes about {title}"),
            source: None,
        }),
    }
}

fn total(journal: &mut Journal, query: &str) -> u64 {
    journal
        .search(&SearchRequest {
            query: format!("{query} "),
            ..Default::default()
        })
        .unwrap()
        .total
}

#[test]
fn background_indexing_commits_off_the_save_path_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut journal = Journal::open(dir.path()).unwrap();
    journal.start_background_indexing().unwrap();
    assert!(journal.is_indexing_in_background());
    // The caller no longer holds the writer: a save only wakes the indexer thread.
    assert!(!journal.search_index().is_writer());
    let first = journal.add(learning("Zebrafish tanks")).unwrap();
    journal.flush_index().unwrap();
    let found = journal
        .search(&SearchRequest {
            query: "zebrafish ".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        found.hits.iter().map(|h| &h.id).collect::<Vec<_>>(),
        [&first.id]
    );
    // Without a flush the thread commits on its own (liveness, not speed: 30 s).
    journal.add(learning("Quokka enclosure")).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while total(&mut journal, "quokka") == 0 {
        assert!(std::time::Instant::now() < deadline, "never indexed");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // Reindexing pauses the thread, rebuilds, and resumes it.
    assert_eq!(journal.reindex(&mut |_, _| {}).unwrap(), 2);
    assert!(journal.is_indexing_in_background());
    journal.add(learning("Wombat burrows")).unwrap();
    // Stopping commits what is pending; the caller indexes inline again.
    assert!(journal.stop_background_indexing());
    assert!(journal.search_index().is_writer());
    assert_eq!(total(&mut journal, "wombat"), 1);
    journal.start_background_indexing().unwrap();
    journal.add(learning("Axolotl gills")).unwrap();
    drop(journal);
    // Dropping the journal committed the last save and emptied the outbox.
    let mut journal = Journal::open(dir.path()).unwrap();
    let outbox: i64 = journal
        .database()
        .conn()
        .query_row("SELECT COUNT(*) FROM index_outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(outbox, 0);
    for word in ["zebrafish", "quokka", "wombat", "axolotl"] {
        assert_eq!(total(&mut journal, word), 1, "{word}");
    }
}

/// Adds a learning through the CLI, aborting it right after the SQLite commit
/// (`RUNGS_FAILPOINT`): the entry is saved but waits in the outbox, never indexed.
fn add_unindexed(env: &Env, title: &str, body: &str) {
    let out = env
        .cmd(&[
            "add",
            "learning",
            "--title",
            title,
            "--date",
            "2026-11-20",
            "--body",
            body,
        ])
        .env(rungs::journal::failpoint::VAR, "after-sqlite-commit")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the failpoint must abort the process"
    );
}

fn outbox_len(journal: &Journal) -> i64 {
    journal
        .database()
        .conn()
        .query_row("SELECT COUNT(*) FROM index_outbox", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn opening_for_background_indexing_leaves_the_catch_up_to_the_indexer_thread() {
    use rungs::journal::Indexing;
    let env = Env::new();
    // The first command creates the journal (a write of its own, the bundled ladder).
    env.ok(&[
        "add",
        "learning",
        "--title",
        "Indexed",
        "--date",
        "2026-11-20",
        "--body",
        "x",
    ]);
    add_unindexed(&env, "Saved then crashed", "quokka outbox body");
    let queued: i64 = rusqlite::Connection::open(env.db_path())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM index_outbox", [], |r| r.get(0))
        .unwrap();
    assert!(queued >= 1, "the crashed save left no outbox row");

    let mut journal = Journal::open_with(&env.data_dir(), Indexing::Background).unwrap();
    assert!(journal.is_indexing_in_background());
    // Opening did not drain the outbox on this thread (an inline catch-up deletes the
    // rows it commits; the indexer thread never deletes any, the next save does).
    assert_eq!(outbox_len(&journal), queued);
    // The thread catches up on its own (liveness, not speed: 30 s).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while total(&mut journal, "quokka") == 0 {
        assert!(std::time::Instant::now() < deadline, "never caught up");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(
        outbox_len(&journal),
        queued,
        "the indexer thread wrote to SQLite"
    );
    // The next save trims what the thread committed, in its own transaction.
    let saved = journal.add(learning("Wombat burrows")).unwrap();
    assert_eq!(outbox_ids(&journal), [saved.id]);
    drop(journal);

    // Opened inline (the CLI), the caller's thread catches up, committed by its flush.
    add_unindexed(&env, "Saved then crashed again", "quokka second body");
    let mut journal = Journal::open(&env.data_dir()).unwrap();
    assert!(!journal.is_indexing_in_background());
    journal.flush_index().unwrap();
    assert_eq!(outbox_len(&journal), 0);
    assert_eq!(total(&mut journal, "quokka"), 2);
}

#[test]
fn background_indexing_needs_a_journal_on_disk() {
    let mut journal = Journal::open_in_memory().unwrap();
    let err = journal.start_background_indexing().unwrap_err();
    assert!(err.to_string().contains("on disk"), "{err}");
    assert!(!journal.is_indexing_in_background());
    journal.add(learning("Still indexed inline")).unwrap();
    assert_eq!(total(&mut journal, "inline"), 1);
}

fn outbox_ids(journal: &Journal) -> Vec<String> {
    let conn = journal.database().conn();
    let mut stmt = conn
        .prepare("SELECT DISTINCT entry_id FROM index_outbox ORDER BY entry_id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// What a crash leaves on disk: the database (with its WAL) and the index, copied
/// while the journal is open.
fn snapshot(from: &std::path::Path, to: &std::path::Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &dest).unwrap();
    }
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else if p.file_name().is_some_and(|n| n != ".tantivy-writer.lock") {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_background_indexer_leaves_outbox_trimming_to_the_saves_and_a_crash_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut journal = Journal::open(dir.path()).unwrap();
    journal.start_background_indexing().unwrap();
    let first = journal.add(learning("Zebrafish tanks")).unwrap();
    journal.flush_index().unwrap();
    assert_eq!(total(&mut journal, "zebrafish"), 1);
    // Committed to the index, but the thread did not delete the outbox rows: the
    // index's commit payload says how far it got.
    assert_eq!(outbox_ids(&journal), std::slice::from_ref(&first.id));
    // The next save deletes them in its own transaction; only its own rows remain.
    let second = journal.add(learning("Quokka enclosure")).unwrap();
    assert_eq!(outbox_ids(&journal), std::slice::from_ref(&second.id));
    journal.flush_index().unwrap();
    let third = journal.add(learning("Wombat burrows")).unwrap();

    // A crash now: committed-but-not-deleted outbox rows, maybe an uncommitted save.
    let crashed = tempfile::tempdir().unwrap();
    snapshot(dir.path(), crashed.path());
    let mut after = Journal::open(crashed.path()).unwrap();
    for word in ["zebrafish", "quokka", "wombat"] {
        assert_eq!(total(&mut after, word), 1, "{word}");
    }
    // Rows the index had committed are trimmed, and nothing is indexed twice.
    assert!(outbox_ids(&after).is_empty());
    assert_eq!(total(&mut after, "notes"), 3);
    drop(after);

    // Stopping hands the writer back and trims the outbox.
    assert!(journal.stop_background_indexing());
    assert!(outbox_ids(&journal).is_empty());
    assert_eq!(total(&mut journal, "wombat"), 1);
    assert_eq!(third.title, "Wombat burrows");
}

#[test]
fn an_index_ahead_of_its_database_is_rebuilt() {
    // A backup of the database restored under a newer index: the index must not keep
    // entries the database does not have.
    let dir = tempfile::tempdir().unwrap();
    let mut journal = Journal::open(dir.path()).unwrap();
    journal.add(learning("Zebrafish tanks")).unwrap();
    journal.flush_index().unwrap();
    let old = tempfile::tempdir().unwrap();
    snapshot(dir.path(), old.path());
    journal.add(learning("Quokka enclosure")).unwrap();
    journal.add(learning("Wombat burrows")).unwrap();
    drop(journal);
    let newer_index = dir.path().join(rungs::paths::INDEX_DIR);
    std::fs::remove_dir_all(old.path().join(rungs::paths::INDEX_DIR)).unwrap();
    snapshot(&newer_index, &old.path().join(rungs::paths::INDEX_DIR));
    let mut restored = Journal::open(old.path()).unwrap();
    assert_eq!(total(&mut restored, "zebrafish"), 1);
    assert_eq!(total(&mut restored, "quokka"), 0);
    assert_eq!(total(&mut restored, "notes"), 1);
}

#[test]
fn an_index_that_lost_commits_the_outbox_already_let_go_of_is_rebuilt() {
    // The index is written without fsync: after an OS crash it may come back as it was
    // a few commits ago, while SQLite (synced) has already deleted the outbox rows
    // those commits covered. Simulated by putting back an older copy of the index.
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join(rungs::paths::INDEX_DIR);
    let mut journal = Journal::open(dir.path()).unwrap();
    journal.add(learning("Zebrafish tanks")).unwrap();
    journal.flush_index().unwrap();
    let old = tempfile::tempdir().unwrap();
    snapshot(&index_dir, old.path());
    // Inline commits trim the outbox themselves; with a background indexer the next
    // save does: both paths.
    journal.add(learning("Quokka enclosure")).unwrap();
    journal.flush_index().unwrap();
    journal.start_background_indexing().unwrap();
    journal.add(learning("Wombat burrows")).unwrap();
    journal.flush_index().unwrap();
    journal.add(learning("Axolotl gills")).unwrap();
    drop(journal);
    let conn = rusqlite::Connection::open(dir.path().join(rungs::paths::DATABASE_FILE)).unwrap();
    let (left, ever): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM index_outbox),
                    (SELECT seq FROM sqlite_sequence WHERE name = 'index_outbox')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(left, 0, "the saves after the copy were not trimmed");
    let watermark: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [rungs::search::PURGED_KEY],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(watermark, ever.to_string());
    drop(conn);

    std::fs::remove_dir_all(&index_dir).unwrap();
    snapshot(old.path(), &index_dir);
    let mut reopened = Journal::open(dir.path()).unwrap();
    for word in ["zebrafish", "quokka", "wombat", "axolotl"] {
        assert_eq!(total(&mut reopened, word), 1, "{word}");
    }
    assert_eq!(total(&mut reopened, "notes"), 4);
    drop(reopened);
    // The rebuild's commit covers the watermark: the next open does not rebuild again
    // (a file the rebuild wrote is still there, unchanged).
    let before = walkdir(&index_dir);
    let mut again = Journal::open(dir.path()).unwrap();
    assert_eq!(total(&mut again, "notes"), 4);
    drop(again);
    let after = walkdir(&index_dir);
    assert!(
        before
            .iter()
            .any(|p| after.contains(p) && p.extension().is_some_and(|e| e == "store")),
        "the index was rebuilt again on the next open: {before:?} / {after:?}"
    );
}
