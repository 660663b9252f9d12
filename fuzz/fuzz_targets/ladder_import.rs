//! Any bytes as a ladder file: parsing must return a ladder or an error, never panic,
//! and a parsed ladder must plan (dry run) and import (rolled back) without panicking.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use rungs::Journal;
use rungs::ladder::{ImportOptions, import};

thread_local! {
    // One journal (with the bundled ladder) for every input: opening one per input
    // would spend the run importing the bundled ladder.
    static JOURNAL: RefCell<Journal> = RefCell::new(Journal::open_in_memory().unwrap());
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name the importer sees (it reads codes and
    // titles from names too).
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) => (NAMES[*b as usize % NAMES.len()], rest),
        None => ("ladder.md", data),
    };
    let files = vec![(name.to_string(), bytes.to_vec())];
    JOURNAL.with(|j| {
        let mut j = j.borrow_mut();
        let dry_run = ImportOptions {
            track: None,
            dry_run: true,
        };
        if j.import_ladder(&files, &dry_run).is_err() {
            return;
        }
        // The real import, in a transaction rolled back so every input starts alike.
        let conn = j.database().conn();
        let tx = conn.unchecked_transaction().unwrap();
        let parsed = import::parse_files(&files).unwrap();
        let _ = import::run(&tx, parsed, None, false);
        drop(tx);
    });
});

const NAMES: &[&str] = &[
    "ladder.md",
    "L3-senior.md",
    "ladder/Platform Engineer/L4.md",
    "front-matter.yaml",
    "README",
    "",
];
