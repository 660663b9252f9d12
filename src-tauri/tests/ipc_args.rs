//! The app's IPC arguments, malformed. Tauri deserialises each command argument from
//! the JSON the UI sends with the type's `serde::Deserialize` (the core types that
//! `src/commands.rs` takes), and answers "invalid args `NAME` for command `CMD`: …"
//! when that fails. These tests feed those types what a broken or hostile UI could
//! send: each must be refused (never a panic, never a silently defaulted value), with
//! the field named wherever serde knows it (a missing field, an unknown word).

use rungs::journal::{EntryInput, GoalInput, GoalStatus, ListFilter};
use rungs::report::{BriefFormat, BriefRequest};
use rungs::search::SearchRequest;
use rungs::suggest::SuggestRequest;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Every `(json, words the error must contain)` must fail to deserialise as `T`.
fn refused<T: DeserializeOwned + std::fmt::Debug>(what: &str, cases: &[(Value, &[&str])]) {
    for (value, words) in cases {
        match serde_json::from_value::<T>(value.clone()) {
            Ok(v) => panic!("{what}: {value} was accepted as {v:?}"),
            Err(e) => {
                let message = e.to_string();
                for w in *words {
                    assert!(
                        message.contains(w),
                        "{what}: {value}: {message:?} lacks {w:?}"
                    );
                }
            }
        }
    }
}

fn learning() -> Value {
    json!({"kind": "learning", "title": "T", "date": "2026-11-20", "body": "b"})
}

fn with(mut base: Value, key: &str, v: Value) -> Value {
    base[key] = v;
    base
}

fn without(mut base: Value, key: &str) -> Value {
    base.as_object_mut().unwrap().remove(key);
    base
}

#[test]
fn a_well_formed_entry_input_is_accepted() {
    // The baseline the malformed cases below break one way each.
    let input: EntryInput = serde_json::from_value(learning()).unwrap();
    assert_eq!(input.date, "2026-11-20");
}

#[test]
fn entry_input_add_entry_and_update_entry() {
    refused::<EntryInput>(
        "input",
        &[
            (json!(null), &[]),
            (json!("an entry"), &[]),
            (json!([learning()]), &[]),
            (json!({}), &["date"]),
            (without(learning(), "date"), &["date"]),
            (without(learning(), "kind"), &["kind"]),
            (without(learning(), "body"), &["body"]),
            (with(learning(), "kind", json!("essay")), &["essay"]),
            (with(learning(), "kind", json!(3)), &[]),
            (with(learning(), "date", json!(20261120)), &[]),
            (with(learning(), "date", json!(null)), &[]),
            (with(learning(), "title", json!(["T"])), &[]),
            (with(learning(), "tags", json!("ops")), &[]),
            (with(learning(), "tags", json!([1, 2])), &[]),
            (with(learning(), "behaviours", json!({"L1.1.1": true})), &[]),
            (with(learning(), "body", json!(false)), &[]),
            (
                json!({"kind": "pairing", "title": "T", "date": "2026-11-20", "minutes": -5}),
                &[],
            ),
            (
                json!({"kind": "pairing", "title": "T", "date": "2026-11-20", "minutes": 1e12}),
                &[],
            ),
            (
                json!({"kind": "pairing", "title": "T", "date": "2026-11-20", "role": "pilot"}),
                &["pilot"],
            ),
            (
                json!({"kind": "pairing", "title": "T", "date": "2026-11-20",
                       "follow_ups": [{"text": 7}]}),
                &[],
            ),
            (
                json!({"kind": "feedback", "date": "2026-11-20", "direction": "sideways",
                       "person": "P", "situation": "s", "observed": "o", "impact": "i"}),
                &["sideways"],
            ),
            (
                json!({"kind": "feedback", "date": "2026-11-20", "direction": "given",
                       "situation": "s", "observed": "o", "impact": "i"}),
                &["person"],
            ),
        ],
    );
}

#[test]
fn list_filter_search_and_suggest_requests() {
    refused::<ListFilter>(
        "filter",
        &[
            (json!("all"), &[]),
            (json!({"kind": "essay"}), &["essay"]),
            (json!({"limit": -1}), &[]),
            (json!({"limit": "20"}), &[]),
            (json!({"offset": 1.5}), &[]),
            (json!({"since": 20261120}), &[]),
        ],
    );
    refused::<SearchRequest>(
        "request",
        &[
            (json!(null), &[]),
            (json!({"query": 42}), &[]),
            (json!({"sort": "alphabetical"}), &["alphabetical"]),
            (json!({"limit": 4294967296u64}), &[]),
            (json!({"kind": ["learning"]}), &[]),
        ],
    );
    refused::<SuggestRequest>(
        "request",
        &[
            (json!({"text": ["a"]}), &[]),
            (json!({"limit": -3}), &[]),
            (json!({"input": {"kind": "learning"}}), &["date"]),
        ],
    );
}

#[test]
fn goal_and_brief_arguments() {
    refused::<GoalInput>(
        "goal",
        &[
            (json!({}), &["text"]),
            (json!({"text": null}), &[]),
            (json!({"text": "t", "behaviours": "L1.1.1"}), &[]),
        ],
    );
    refused::<GoalStatus>(
        "status",
        &[
            (json!("done"), &["done"]),
            (json!(1), &[]),
            (json!(null), &[]),
        ],
    );
    refused::<BriefFormat>(
        "format",
        &[
            (json!("pdf"), &["pdf"]),
            (json!("MD"), &["MD"]),
            (json!(0), &[]),
            (json!(null), &[]),
        ],
    );
    refused::<BriefRequest>(
        "request",
        &[
            (json!("all"), &[]),
            (json!({"person": 3}), &[]),
            (json!({"level": {}}), &[]),
        ],
    );
}

#[test]
fn plain_arguments_ids_revisions_and_flags() {
    // `id: String`, `revision: i64`, `done: bool`, `level: Option<String>`.
    refused::<String>(
        "id",
        &[(json!(null), &[]), (json!(7), &[]), (json!({}), &[])],
    );
    refused::<i64>(
        "revision",
        &[(json!("2"), &[]), (json!(2.5), &[]), (json!(1e30), &[])],
    );
    refused::<bool>(
        "done",
        &[(json!("true"), &[]), (json!(1), &[]), (json!(null), &[])],
    );
    refused::<Option<String>>("level", &[(json!(2), &[]), (json!(["L2"]), &[])]);
    refused::<Vec<String>>("behaviours", &[(json!("L1.1.1"), &[]), (json!([1]), &[])]);
}
