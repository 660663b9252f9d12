//! The ladder Rungs ships with: two levels of the DevOps Support Engineer track
//! (from OctopusDeploy/People, Apache-2.0; see `ladders/support/NOTICE.md`).
//!
//! It is imported into every new data directory. Its behaviour ids are pinned in
//! `bundled_ids.json` (id → text), committed beside this file, so they are the
//! same in every data directory and never change across releases, whatever was
//! imported before. A release that adds a bullet adds its id there; an id in that
//! table is never given to other text.

use std::collections::HashMap;
use std::sync::LazyLock;

use sha2::{Digest, Sha256};

pub const TRACK_SLUG: &str = "support";
pub const TRACK_NAME: &str = "DevOps Support Engineer";

pub const FILES: &[(&str, &str)] = &[
    (
        "L1-Junior-DevOps-Support-Engineer.md",
        include_str!("../../ladders/support/L1-Junior-DevOps-Support-Engineer.md"),
    ),
    (
        "L2-DevOps-Support-Engineer.md",
        include_str!("../../ladders/support/L2-DevOps-Support-Engineer.md"),
    ),
];

const PINNED_JSON: &str = include_str!("bundled_ids.json");

/// id → text of every bundled behaviour, as pinned.
pub static PINNED: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(PINNED_JSON).expect("bundled_ids.json is valid JSON");
    map.into_iter()
        .map(|(id, text)| (id, text.as_str().expect("texts are strings").to_string()))
        .collect()
});

static BY_TEXT: LazyLock<HashMap<(String, String), String>> = LazyLock::new(|| {
    PINNED
        .iter()
        .map(|(id, text)| ((level_of(id).to_string(), text.clone()), id.clone()))
        .collect()
});

fn level_of(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

/// The pinned id of a bundled behaviour of level `code` with this text.
pub fn pinned_id(code: &str, text: &str) -> Option<&'static str> {
    BY_TEXT
        .get(&(code.to_string(), text.to_string()))
        .map(String::as_str)
}

/// Is this id reserved by the pinned table?
pub fn is_pinned(id: &str) -> bool {
    PINNED.iter().any(|(p, _)| p.eq_ignore_ascii_case(id))
}

/// A fingerprint of the bundled files and ids: when a release changes them, the
/// next open re-imports them (matching existing behaviours, so ids and links survive).
pub fn fingerprint() -> String {
    let mut h = Sha256::new();
    for (name, text) in FILES {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    h.update(PINNED_JSON.as_bytes());
    format!("{:x}", h.finalize())
}
