//! The demo journal: realistic, spread over six months, both levels linked, marked
//! as demo, refused on a journal with entries, and removable without touching the
//! user's own entries.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::util::{Env, TODAY};

fn entries(env: &Env) -> Vec<Value> {
    env.json(&["list", "--json"]).as_array().unwrap().clone()
}

#[test]
fn demo_fills_an_empty_journal_with_a_realistic_half_year() {
    let env = Env::new();
    let summary = env.json(&["demo", "--json"]);
    let all = entries(&env);
    assert_eq!(summary["entries"].as_u64().unwrap() as usize, all.len());
    assert!(all.len() >= 60, "{} entries", all.len());
    let count = |k: &str| all.iter().filter(|e| e["kind"] == k).count();
    assert!(count("pairing") >= 20 && count("feedback") >= 10 && count("learning") >= 10);
    assert!(all.iter().all(|e| e["demo"] == true));

    // Spread over the six months before today.
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let days: Vec<i64> = all
        .iter()
        .map(|e| {
            (today - NaiveDate::parse_from_str(e["date"].as_str().unwrap(), "%Y-%m-%d").unwrap())
                .num_days()
        })
        .collect();
    assert!(days.iter().all(|d| (0..=183).contains(d)), "{days:?}");
    let months: HashSet<i64> = days.iter().map(|d| d / 30).collect();
    assert!(months.len() >= 6, "entries in every month: {months:?}");

    let people = env.json(&["people", "--json"]);
    let people = people.as_array().unwrap();
    assert!(people.len() >= 5);
    assert_eq!(people.iter().filter(|p| p["mentee"] == true).count(), 2);
    assert!(people.iter().any(|p| p["name"] == "Lena Fischer"));

    let follow_ups = env.json(&["followups", "--json"]);
    let follow_ups = follow_ups.as_array().unwrap();
    assert!(follow_ups.iter().any(|f| f["done"] == true));
    assert!(follow_ups.iter().any(|f| f["done"] == false));

    let linked: HashSet<&str> = all
        .iter()
        .flat_map(|e| e["behaviours"].as_array().unwrap())
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert!(linked.iter().any(|id| id.starts_with("L1.")));
    assert!(linked.iter().any(|id| id.starts_with("L2.")));
    assert!(linked.len() >= 20, "{linked:?}");

    // Written about the products a support engineer works on, not filler.
    let text = env.ok(&["list", "--json"]);
    for word in [
        "Octopus",
        "Codefresh",
        "Argo CD",
        "Kubernetes",
        "certificate",
        "RBAC",
    ] {
        assert!(text.contains(word), "demo never mentions {word}");
    }
    assert!(!text.to_lowercase().contains("lorem"));
    assert!(!text.contains('<'), "no HTML in demo text");
}

#[test]
fn demo_refuses_a_journal_with_entries_unless_forced() {
    let env = Env::new();
    let mine = env.add_pairing("My own session", &["--partner", "Lena Fischer"]);
    let err = env.fails(&["demo"]);
    assert!(
        err.contains("already has entries") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(entries(&env).len(), 1);

    env.ok(&["demo", "--force"]);
    let n = entries(&env).len();
    assert!(n > 60);
    // Forcing again replaces the demo instead of doubling it.
    env.ok(&["demo", "--force"]);
    assert_eq!(entries(&env).len(), n);

    let removed = env.json(&["demo", "--remove", "--json"]);
    assert_eq!(removed["entries"].as_u64().unwrap() as usize, n - 1);
    let left = entries(&env);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], mine.as_str());
    // My partner stays (my entry names her); demo-only people are gone.
    let people = env.json(&["people", "--json"]);
    let names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Lena Fischer"]);
    assert!(
        env.json(&["followups", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(env.ok(&["demo", "--remove"]).contains("0 entries"));
}

#[test]
fn demo_entries_the_user_changed_are_theirs_and_stay() {
    let env = Env::new();
    env.ok(&["demo"]);
    let all = entries(&env);
    let id = |i: usize| all[i]["id"].as_str().unwrap().to_string();
    let (edited, linked, reverted, trashed) = (id(0), id(1), id(2), id(3));
    env.ok(&["edit", &edited, "--tag", "edited"]);
    assert_eq!(
        env.json(&["history", &edited, "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Changed by the user: no longer demo, whatever the change was.
    assert_eq!(env.json(&["show", &edited, "--json"])["demo"], false);
    env.ok(&["link", &linked, "L2.1.1"]);
    env.ok(&["edit", &reverted, "--title", "My own words"]);
    env.ok(&["revert", &reverted, "--to", "1"]);
    // Trashing alone does not make a demo entry the user's.
    env.ok(&["delete", &trashed]);
    assert_eq!(env.json(&["show", &trashed, "--json"])["demo"], true);

    let summary = env.json(&["demo", "--remove", "--json"]);
    assert_eq!(summary["kept"], 3, "{summary}");
    assert_eq!(summary["entries"].as_u64().unwrap() as usize, all.len() - 3);
    let left: Vec<String> = entries(&env)
        .iter()
        .map(|e| {
            assert_eq!(e["demo"], false);
            e["id"].as_str().unwrap().to_string()
        })
        .collect();
    let mut expected = vec![edited.clone(), linked.clone(), reverted.clone()];
    expected.sort();
    let mut left = left;
    left.sort();
    assert_eq!(left, expected);
    assert!(
        env.json(&["trash", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    // The kept entries work as before, people and history included.
    for id in [&edited, &linked, &reverted] {
        let history = env.json(&["history", id, "--json"]);
        assert!(history.as_array().unwrap().len() >= 2);
        env.ok(&["show", id]);
    }
    assert_eq!(
        env.json(&["history", &reverted, "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // Removing again finds nothing left to remove or keep.
    let again = env.json(&["demo", "--remove", "--json"]);
    assert_eq!(
        (again["entries"].as_u64(), again["kept"].as_u64()),
        (Some(0), Some(0))
    );
}

#[test]
fn the_remove_summary_says_how_many_changed_entries_were_kept() {
    let env = Env::new();
    env.ok(&["demo"]);
    let first = entries(&env)[0]["id"].as_str().unwrap().to_string();
    env.ok(&["edit", &first, "--tag", "edited"]);
    let out = env.ok(&["demo", "--remove"]);
    assert!(
        out.contains("Kept 1 demo entry you changed; it is yours now."),
        "{out}"
    );
}

#[test]
fn a_merge_alone_does_not_make_demo_entries_the_users() {
    let env = Env::new();
    env.ok(&["demo"]);
    let n = entries(&env).len();
    env.ok(&["person", "merge", "Priya Raman", "Tom Becker"]);
    let summary = env.json(&["demo", "--remove", "--json"]);
    assert_eq!(summary["entries"].as_u64().unwrap() as usize, n);
    assert_eq!(summary["kept"], 0);
    assert!(entries(&env).is_empty());
}

#[test]
fn demo_people_named_by_old_revisions_of_my_entries_stay() {
    let env = Env::new();
    env.ok(&["demo"]);
    // My own entry once named a demo person, then no longer does.
    let mine = env.add_pairing(
        "Pairing on the Argo CD upgrade",
        &["--partner", "Priya Raman"],
    );
    env.ok(&["edit", &mine, "--partner", "Someone Else"]);
    let feedback = env.add_feedback("given", "Jonas Weber");
    env.ok(&["edit", &feedback, "--person", "Someone Else"]);

    env.ok(&["demo", "--remove"]);
    assert_eq!(entries(&env).len(), 2);
    let history = env.json(&["history", &mine, "--json"]);
    assert_eq!(history[0]["entry"]["partners"], json!(["Priya Raman"]));
    let history = env.json(&["history", &feedback, "--json"]);
    assert_eq!(history[0]["entry"]["title"], "Feedback to Jonas Weber");
    env.ok(&["revert", &mine, "--to", "1"]);
    assert_eq!(
        env.json(&["show", &mine, "--json"])["partners"],
        json!(["Priya Raman"])
    );
    // Demo people nothing of mine names are gone.
    let people = env.json(&["people", "--json"]);
    let mut names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["Jonas Weber", "Priya Raman", "Someone Else"]);
}

#[test]
fn synthetic_journals_are_deterministic_and_searchable() {
    let (a, b) = (Env::new(), Env::new());
    for env in [&a, &b] {
        let s = env.json(&["demo", "--synthetic", "300", "--seed", "7", "--json"]);
        assert_eq!(s["entries"], 300);
        assert!(s["people"].as_u64().unwrap() >= 30, "{s}");
    }
    let strip = |env: &Env| -> Vec<(String, String, String)> {
        entries(env)
            .iter()
            .map(|e| {
                (
                    e["title"].to_string(),
                    e["date"].to_string(),
                    e["kind"].to_string(),
                )
            })
            .collect()
    };
    assert_eq!(strip(&a), strip(&b));
    let all = entries(&a);
    assert_eq!(all.len(), 300);
    let people: HashSet<String> = a
        .json(&["people", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].to_string())
        .collect();
    assert!(people.len() >= 30, "{}", people.len());
    let r = a.json(&["search", "--limit", "1", "--json"]);
    assert_eq!(r["total"], 300);
    let other = Env::new();
    other.ok(&["demo", "--synthetic", "300", "--seed", "8"]);
    assert_ne!(strip(&other), strip(&a));
    a.ok(&["demo", "--remove"]);
    assert!(entries(&a).is_empty());
}

#[test]
fn demo_people_the_user_renamed_or_marked_stay() {
    let env = Env::new();
    env.ok(&["demo"]);
    env.ok(&["person", "rename", "Priya Raman", "Priya R."]);
    env.ok(&["person", "mentee", "Daniel Kowalski"]);
    env.ok(&["demo", "--remove"]);
    let people = env.json(&["people", "--json"]);
    let mut names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["Daniel Kowalski", "Priya R."]);
    assert!(people.as_array().unwrap().iter().all(|p| p["entries"] == 0));
}

#[test]
fn loading_the_demo_again_keeps_the_demo_entries_the_user_changed() {
    let env = Env::new();
    env.ok(&["demo"]);
    let n = entries(&env).len();
    let first = entries(&env)[0]["id"].as_str().unwrap().to_string();
    env.ok(&["edit", &first, "--title", "Mine now"]);
    let out = env.ok(&["demo", "--force"]);
    assert!(out.contains("1 of its entries you changed stayed"), "{out}");
    let all = entries(&env);
    assert_eq!(all.len(), n + 1);
    let mine: Vec<&Value> = all.iter().filter(|e| e["demo"] == false).collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["title"], "Mine now");
}

#[test]
fn demo_status_says_when_the_demo_can_be_loaded_and_when_removed() {
    use rungs::demo::DemoStatus;
    use rungs::journal::ListFilter;
    let env = Env::new();
    let mut j = rungs::Journal::open(&env.data_dir()).unwrap();
    let status = |j: &rungs::Journal| j.demo_status().unwrap();
    assert_eq!(
        status(&j),
        DemoStatus {
            empty: true,
            demo_entries: 0
        }
    );

    let loaded = j.load_demo(false).unwrap();
    assert_eq!(
        status(&j),
        DemoStatus {
            empty: false,
            demo_entries: loaded.entries
        }
    );
    // A demo entry in the trash is still the demo's; one the user changed is theirs.
    let ids: Vec<String> = j
        .list(&ListFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    j.delete(&ids[0]).unwrap();
    j.modify(&ids[1], |input| {
        input.tags.push("mine".into());
        Ok(())
    })
    .unwrap();
    assert_eq!(status(&j).demo_entries, loaded.entries - 1);

    let removed = j.remove_demo().unwrap();
    assert_eq!((removed.entries, removed.kept), (loaded.entries - 1, 1));
    assert_eq!(
        status(&j),
        DemoStatus {
            empty: false,
            demo_entries: 0
        }
    );
    // The user's last entry, moved to the trash, still counts: no demo offered.
    j.delete(&ids[1]).unwrap();
    assert!(!status(&j).empty, "an entry in the trash still counts");
}
