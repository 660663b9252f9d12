//! Any bytes as a journal export (`rungs import FILE.json`): refused with an error or
//! imported, never a panic; into an empty journal (loaded whole) or, when the first
//! byte is odd, into one that already has an entry (merged by entry id).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rungs::Journal;
use rungs::journal::{Details, EntryInput, Learning};

fuzz_target!(|data: &[u8]| {
    let Some((first, bytes)) = data.split_first() else {
        return;
    };
    // Only what parses as an export reaches the import; the parse is the same serde
    // the importer runs first, and opening a journal per input would slow the rest.
    if serde_json::from_slice::<rungs::transfer::Document>(bytes).is_err() {
        return;
    }
    let file = std::env::temp_dir().join(format!("rungs-fuzz-import-{}.json", std::process::id()));
    std::fs::write(&file, bytes).unwrap();
    let mut journal = Journal::open_in_memory().unwrap();
    if first % 2 == 1 {
        journal
            .add(EntryInput {
                title: Some("Already here".into()),
                date: "2026-11-20".into(),
                time: None,
                tags: vec!["certs".into()],
                behaviours: vec![],
                details: Details::Learning(Learning {
                    body: "An entry before the import".into(),
                    source: None,
                }),
            })
            .unwrap();
    }
    let _ = journal.import_json(&file, &mut |_, _| {});
    // Whatever was imported reads back.
    journal.list(&Default::default()).unwrap();
});
