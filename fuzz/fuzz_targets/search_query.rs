//! Any text as a search query, over the demo journal: a result or a clear error,
//! never a panic, and snippets that are always well-formed marked-up HTML text.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use rungs::Journal;
use rungs::search::{SearchRequest, Sort, query};

thread_local! {
    static JOURNAL: RefCell<Journal> = RefCell::new({
        let mut j = Journal::open_in_memory().unwrap();
        j.load_demo(false).unwrap();
        j
    });
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = query::parse(text);
    JOURNAL.with(|j| {
        let mut j = j.borrow_mut();
        for sort in [Sort::Relevance, Sort::Date] {
            let request = SearchRequest {
                query: text.to_string(),
                sort,
                limit: Some(50),
                ..Default::default()
            };
            match j.search(&request) {
                Ok(results) => {
                    for hit in &results.hits {
                        // Escaped text with only <mark> tags in it.
                        let stripped = hit.snippet.replace("<mark>", "").replace("</mark>", "");
                        assert!(
                            !stripped.contains('<'),
                            "unescaped snippet: {}",
                            hit.snippet
                        );
                        let stripped = hit.title_html.replace("<mark>", "").replace("</mark>", "");
                        assert!(
                            !stripped.contains('<'),
                            "unescaped title: {}",
                            hit.title_html
                        );
                    }
                }
                Err(e) => assert_eq!(e.code(), "invalid_input", "{e}"),
            }
        }
    });
});
