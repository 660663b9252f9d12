//! Evidence hints for the bundled ladder's behaviours (`bundled_hints.json`): what
//! evidence of each behaviour typically looks like in support work, hand-written
//! from the behaviour's text and general practice. The ladder's dozen words per
//! behaviour rarely meet the words people write in a journal; the hints add the
//! activities and artefacts that stand for it. A hint applies only while the
//! behaviour's id *and* text are the bundled ones, so an imported or edited ladder
//! gets only the general machinery.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    behaviours: Vec<Hint>,
}

#[derive(Deserialize)]
struct Hint {
    id: String,
    text: String,
    hints: String,
}

fn table() -> &'static HashMap<(String, String), String> {
    static TABLE: OnceLock<HashMap<(String, String), String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: File = serde_json::from_str(include_str!("bundled_hints.json"))
            .expect("bundled_hints.json is valid (checked by a test)");
        file.behaviours
            .into_iter()
            .map(|h| ((h.id, h.text), h.hints))
            .collect()
    })
}

/// The hints for a behaviour, when it is a bundled one with its bundled text.
pub fn for_behaviour(id: &str, text: &str) -> Option<&'static str> {
    table()
        .get(&(id.to_owned(), text.to_owned()))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_behaviour_has_hints_and_nothing_else_does() {
        let pinned = &*crate::ladder::bundled::PINNED;
        for (id, text) in pinned {
            assert!(for_behaviour(id, text).is_some(), "{id}: {text}");
        }
        assert_eq!(
            pinned.len(),
            table().len(),
            "a hint for a behaviour the ladder lacks"
        );
        assert!(for_behaviour("L1.2.4", "I document things").is_none());
    }
}
