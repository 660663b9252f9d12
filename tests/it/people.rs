//! People: listing, renaming, merging (entries follow), mentees.

use serde_json::json;

use crate::util::Env;

#[test]
fn people_are_listed_with_entry_counts() {
    let env = Env::new();
    env.add_pairing("One", &["--partner", "Tom Becker"]);
    env.add_pairing(
        "Two",
        &["--partner", "tom becker", "--partner", "Ana Silva"],
    );
    let people = env.json(&["people", "--json"]);
    let list = people.as_array().unwrap();
    assert_eq!(
        list.len(),
        2,
        "names are unique case-insensitively: {people}"
    );
    assert_eq!(list[0]["name"], "Ana Silva");
    assert_eq!(list[1]["name"], "Tom Becker");
    assert_eq!(list[1]["entries"], 2);
    assert_eq!(list[1]["mentee"], false);
    assert!(list[1]["id"].is_i64());
    let human = env.ok(&["people"]);
    assert!(human.contains("Tom Becker     2 entries"), "{human}");
}

#[test]
fn rename_shows_everywhere_and_history_follows() {
    let env = Env::new();
    let id = env.add_feedback("received", "Lena Fischer");
    let p = env.json(&[
        "person",
        "rename",
        "lena fischer",
        "Lena Fischer-Wolf",
        "--json",
    ]);
    assert_eq!(p["name"], "Lena Fischer-Wolf");
    let e = env.json(&["show", &id, "--json"]);
    assert_eq!(e["person"], "Lena Fischer-Wolf");
    assert_eq!(e["title"], "Feedback from Lena Fischer-Wolf");
    assert_eq!(
        env.json(&["history", &id, "--json"])[0]["entry"]["person"],
        "Lena Fischer-Wolf"
    );
    // Changing only the case of a name is a rename too.
    env.ok(&["person", "rename", "Lena Fischer-Wolf", "lena fischer-wolf"]);
    assert_eq!(
        env.json(&["people", "--json"])[0]["name"],
        "lena fischer-wolf"
    );
}

#[test]
fn merge_moves_entries_and_keeps_the_old_name_as_an_alias() {
    let env = Env::new();
    let a = env.add_pairing("A", &["--partner", "Tom B"]);
    let b = env.add_pairing("B", &["--partner", "Tom Becker"]);
    let both = env.add_pairing("Both", &["--partner", "Tom B", "--partner", "Tom Becker"]);
    env.ok(&["person", "mentee", "Tom B"]);
    let merged = env.json(&["person", "merge", "Tom B", "Tom Becker", "--json"]);
    assert_eq!(merged["name"], "Tom Becker");
    assert_eq!(merged["entries"], 3);
    assert_eq!(merged["mentee"], true);
    let people = env.json(&["people", "--json"]);
    assert_eq!(people.as_array().unwrap().len(), 1);
    for id in [&a, &b] {
        assert_eq!(
            env.json(&["show", id, "--json"])["partners"],
            json!(["Tom Becker"])
        );
    }
    assert_eq!(
        env.json(&["show", &both, "--json"])["partners"],
        json!(["Tom Becker"])
    );
    // The old name still finds the person, in filters and in new entries.
    let listed = env.json(&["list", "--person", "Tom B", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 3);
    let c = env.add_pairing("C", &["--partner", "Tom B"]);
    assert_eq!(
        env.json(&["show", &c, "--json"])["partners"],
        json!(["Tom Becker"])
    );
    assert_eq!(env.json(&["people", "--json"]).as_array().unwrap().len(), 1);
    // Reverting to a revision from before the merge names the survivor.
    env.ok(&["edit", &a, "--title", "A2"]);
    env.ok(&["revert", &a, "--to", "1"]);
    assert_eq!(
        env.json(&["show", &a, "--json"])["partners"],
        json!(["Tom Becker"])
    );
}

#[test]
fn mentee_on_and_off() {
    let env = Env::new();
    env.add_pairing("A", &["--partner", "Mia Wong"]);
    assert_eq!(
        env.json(&["person", "mentee", "mia wong", "--json"])["mentee"],
        true
    );
    assert!(env.ok(&["people"]).contains("mentee"));
    assert_eq!(
        env.json(&["person", "mentee", "Mia Wong", "--off", "--json"])["mentee"],
        false
    );
}

#[test]
fn names_and_tags_are_one_whatever_the_case_in_any_script() {
    let env = Env::new();
    let a = env.add_pairing("A", &["--partner", "Ölaf Ünal", "--tag", "Überblick"]);
    let b = env.add_pairing("B", &["--partner", "ölaf ünal", "--tag", "überblick"]);
    let people = env.json(&["people", "--json"]);
    assert_eq!(people.as_array().unwrap().len(), 1, "{people}");
    assert_eq!(people[0]["name"], "Ölaf Ünal");
    assert_eq!(people[0]["entries"], 2);
    let shown = env.json(&["show", &b, "--json"]);
    assert_eq!(shown["partners"], json!(["Ölaf Ünal"]));
    assert_eq!(shown["tags"], json!(["Überblick"]));
    for (flag, value) in [("--tag", "ÜBERBLICK"), ("--person", "ÖLAF ÜNAL")] {
        let listed = env.json(&["list", flag, value, "--json"]);
        assert_eq!(listed.as_array().unwrap().len(), 2, "{flag} {value}");
    }
    // One entry naming both spellings names one person.
    let c = env.add_pairing("C", &["--partner", "Ölaf Ünal", "--partner", "ÖLAF ÜNAL"]);
    assert_eq!(
        env.json(&["show", &c, "--json"])["partners"],
        json!(["Ölaf Ünal"])
    );
    // A rename may change only the case; it may not take someone else's name.
    env.add_pairing("D", &["--partner", "Émile Dubois"]);
    let err = env.fails(&["person", "rename", "ölaf ünal", "ÉMILE DUBOIS"]);
    assert!(err.contains("already someone else"), "{err}");
    let renamed = env.json(&["person", "rename", "ÖLAF ÜNAL", "ölaf ünal", "--json"]);
    assert_eq!(renamed["name"], "ölaf ünal");
    assert_eq!(
        env.json(&["show", &a, "--json"])["partners"],
        json!(["ölaf ünal"])
    );
}

#[test]
fn a_merge_is_a_new_revision_of_every_entry_it_changes() {
    let env = Env::new();
    let a = env.add_pairing("A", &["--partner", "Tom B", "--partner", "Ana Silva"]);
    let both = env.add_pairing("Both", &["--partner", "Tom B", "--partner", "Tom Becker"]);
    let other = env.add_pairing("Other", &["--partner", "Ana Silva"]);
    let trashed = env.add_pairing("Trashed", &["--partner", "Tom B"]);
    env.ok(&["delete", &trashed]);
    let feedback = env.add_feedback("received", "Tom B");

    env.ok(&["person", "merge", "Tom B", "Tom Becker"]);
    let history = |id: &str| env.json(&["history", id, "--json"]);
    let h = history(&a);
    assert_eq!(h.as_array().unwrap().len(), 2, "{h}");
    assert_eq!(h[1]["revision"], 2);
    assert_eq!(
        h[1]["entry"]["partners"],
        json!(["Tom Becker", "Ana Silva"])
    );
    let h = history(&both);
    assert_eq!(h.as_array().unwrap().len(), 2, "{h}");
    assert_eq!(h[1]["entry"]["partners"], json!(["Tom Becker"]));
    let h = history(&feedback);
    assert_eq!(h.as_array().unwrap().len(), 2, "{h}");
    assert_eq!(h[1]["entry"]["title"], "Feedback from Tom Becker");
    // The trashed entry changed too; an entry the merge does not touch did not.
    assert_eq!(history(&trashed).as_array().unwrap().len(), 2);
    assert_eq!(history(&other).as_array().unwrap().len(), 1);
    assert_eq!(env.json(&["show", &a, "--json"])["revision"], 2);
    env.ok(&["undelete", &trashed]);
    assert_eq!(
        env.json(&["show", &trashed, "--json"])["partners"],
        json!(["Tom Becker"])
    );
}
