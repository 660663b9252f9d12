//! Property: whatever valid content is saved comes back exactly as stored (after the
//! documented normalisation), and every save is a revision that reads back the same.

use proptest::prelude::*;
use rungs::Journal;
use rungs::journal::{Details, EntryInput, FollowUp, Pairing, Role};

fn text() -> impl Strategy<Value = String> {
    // Printable text including Markdown, quotes, emoji and non-Latin script.
    "[a-zA-Z0-9 *_`#<>&'\"é✓日本-]{1,60}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn pairing() -> impl Strategy<Value = EntryInput> {
    (
        text(),
        (2000i32..2030, 1u32..=12, 1u32..=28),
        proptest::option::of((0u32..24, 0u32..60)),
        proptest::collection::vec("[a-z][a-z0-9-]{0,15}", 0..4),
        proptest::collection::vec("[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}", 0..3),
        proptest::option::of(1u32..=1440),
        proptest::option::of(text()),
        proptest::collection::vec((text(), any::<bool>()), 0..4),
        proptest::collection::vec(
            prop::sample::select(vec!["L1.1.1", "L1.2.4", "L2.3.2", "L2.5.6"]),
            0..3,
        ),
    )
        .prop_map(
            |(title, (y, m, d), time, tags, partners, minutes, notes, follow_ups, behaviours)| {
                EntryInput {
                    title: Some(title),
                    date: format!("{y:04}-{m:02}-{d:02}"),
                    time: time.map(|(h, m)| format!("{h:02}:{m:02}")),
                    tags,
                    behaviours: behaviours.into_iter().map(String::from).collect(),
                    details: Details::Pairing(Pairing {
                        partners,
                        role: Some(Role::Pair),
                        minutes,
                        area: None,
                        ticket: None,
                        notes,
                        learned: None,
                        follow_ups: follow_ups
                            .into_iter()
                            .map(|(text, done)| FollowUp {
                                id: String::new(),
                                text,
                                done,
                            })
                            .collect(),
                    }),
                }
            },
        )
}

/// What validation does to input: dedupe lists (case-insensitively for names and tags).
fn normalised(mut input: EntryInput) -> EntryInput {
    fn dedupe(v: &mut Vec<String>, fold: bool) {
        let mut seen = std::collections::HashSet::new();
        v.retain(|s| seen.insert(if fold { s.to_lowercase() } else { s.clone() }));
    }
    dedupe(&mut input.tags, true);
    dedupe(&mut input.behaviours, false);
    if let Details::Pairing(p) = &mut input.details {
        dedupe(&mut p.partners, true);
    }
    input
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn saved_entries_read_back_exactly(input in pairing(), edit in pairing()) {
        let mut journal = Journal::open_in_memory().unwrap();
        let saved = journal.add(input.clone()).unwrap();
        let mut back = saved.to_input();
        // Follow-up ids are assigned on save; compare the rest.
        if let Details::Pairing(p) = &mut back.details {
            for f in &mut p.follow_ups {
                prop_assert_eq!(f.id.len(), 36);
                f.id.clear();
            }
        }
        prop_assert_eq!(back, normalised(input.clone()));
        prop_assert_eq!(&journal.get(&saved.id).unwrap(), &saved);

        let updated = journal.update(&saved.id, edit.clone()).unwrap();
        let history = journal.history(&saved.id).unwrap();
        prop_assert_eq!(history.last().unwrap().entry.title.clone(), updated.title.clone());
        prop_assert_eq!(history[0].entry.title.clone(), saved.title.clone());
        prop_assert_eq!(history.len() as i64, updated.revision);
    }
}
