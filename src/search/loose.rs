//! Typo-tolerant and prefix matches of one word in one field, expanded once per
//! segment and remembered.
//!
//! tantivy's `FuzzyTermQuery` builds a Levenshtein automaton for every query (a
//! distance-2 automaton costs milliseconds), then, every time the query runs on a
//! segment, streams that segment's whole term dictionary through it and reads the
//! postings of every matching term into a bitset. A segment's terms and postings never
//! change while it lives (deletes only hide documents, and collectors skip those), so
//! the bitset for (segment, field, word, distance, prefix) is kept here and reused: by
//! the count, all-words and any-word passes of one search, by the next keystroke of
//! the same query (the earlier words do not change), and by repeated searches. The
//! automaton is kept too (it depends on the word only), so a word whose expansion is
//! known in every segment builds none. Both caches are bounded; segment ids are never
//! reused, so entries of merged-away segments are never wrong, only aged out.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, DfaWrapper, EnableScoring, Explanation, FuzzyTermQuery, Query,
    Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, Term};

/// The bitsets kept, in bytes (a 100,000-document segment's bitset is 12.5 KB).
const DOCS_BUDGET: usize = 16 << 20;
/// The automata kept (one per distinct word, distance and prefix flag).
const AUTOMATA_KEPT: usize = 256;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Word {
    text: String,
    distance: u8,
    prefix: bool,
}

/// Least-recently-used entries go first once over budget.
struct Lru<K, V> {
    map: HashMap<K, (V, u64)>,
    tick: u64,
}

impl<K: Eq + std::hash::Hash + Clone, V: Clone> Lru<K, V> {
    fn new() -> Self {
        Lru {
            map: HashMap::new(),
            tick: 0,
        }
    }

    fn get(&mut self, key: &K) -> Option<V> {
        self.tick += 1;
        let tick = self.tick;
        self.map.get_mut(key).map(|(v, used)| {
            *used = tick;
            v.clone()
        })
    }

    fn insert(&mut self, key: K, value: V) {
        self.tick += 1;
        self.map.insert(key, (value, self.tick));
    }

    /// Drops the least recently used entries until `size` of the rest fits `budget`.
    fn shrink(&mut self, budget: usize, size: impl Fn(&V) -> usize) {
        let mut total: usize = self.map.values().map(|(v, _)| size(v)).sum();
        if total <= budget {
            return;
        }
        let mut by_age: Vec<(u64, K)> =
            self.map.iter().map(|(k, (_, t))| (*t, k.clone())).collect();
        by_age.sort_unstable_by_key(|(t, _)| *t);
        for (_, k) in by_age {
            if total <= budget {
                break;
            }
            if let Some((v, _)) = self.map.remove(&k) {
                total -= size(&v);
            }
        }
    }
}

struct Caches {
    automata: Lru<Word, Arc<DfaWrapper>>,
    docs: Lru<(SegmentId, Field, Word), Arc<BitSet>>,
}

static CACHES: LazyLock<Mutex<Caches>> = LazyLock::new(|| {
    Mutex::new(Caches {
        automata: Lru::new(),
        docs: Lru::new(),
    })
});

fn caches() -> MutexGuard<'static, Caches> {
    CACHES.lock().unwrap_or_else(|e| e.into_inner())
}

fn bitset_bytes(b: &Arc<BitSet>) -> usize {
    b.max_value() as usize / 8 + 64
}

/// The automaton matching `word` (any field: it depends on the text only).
fn automaton(word: &Word, field: Field) -> tantivy::Result<Arc<DfaWrapper>> {
    if let Some(a) = caches().automata.get(word) {
        return Ok(a);
    }
    let term = Term::from_field_text(field, &word.text);
    let query = if word.prefix {
        FuzzyTermQuery::new_prefix(term, word.distance, true)
    } else {
        FuzzyTermQuery::new(term, word.distance, true)
    };
    let a = Arc::new(query.automaton()?);
    let mut c = caches();
    c.automata.insert(word.clone(), Arc::clone(&a));
    if c.automata.map.len() > AUTOMATA_KEPT {
        c.automata.shrink(AUTOMATA_KEPT, |_| 1);
    }
    Ok(a)
}

/// Documents of `segment` with a term in `field` that `word` matches.
fn docs(segment: &SegmentReader, field: Field, word: &Word) -> tantivy::Result<Arc<BitSet>> {
    let key = (segment.segment_id(), field, word.clone());
    if let Some(d) = caches().docs.get(&key) {
        return Ok(d);
    }
    let automaton = automaton(word, field)?;
    let mut bits = BitSet::with_max_value(segment.max_doc());
    let inverted = segment.inverted_index(field)?;
    let mut terms = inverted.terms().search(&*automaton).into_stream()?;
    while terms.advance() {
        let mut postings =
            inverted.read_block_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
        loop {
            let block = postings.docs();
            if block.is_empty() {
                break;
            }
            for &doc in block {
                bits.insert(doc);
            }
            postings.advance();
        }
    }
    let bits = Arc::new(bits);
    let mut c = caches();
    c.docs.insert(key, Arc::clone(&bits));
    c.docs.shrink(DOCS_BUDGET, bitset_bytes);
    Ok(bits)
}

/// Documents with a term in `field` within `distance` edits of `text` (transposition
/// counting one), or, with `prefix`, starting with `text`. Every match scores alike
/// (the boost), as tantivy's fuzzy query does.
#[derive(Clone)]
pub struct LooseQuery {
    field: Field,
    word: Word,
}

impl LooseQuery {
    pub fn typo(field: Field, text: &str, distance: u8) -> Self {
        LooseQuery {
            field,
            word: Word {
                text: text.to_string(),
                distance,
                prefix: false,
            },
        }
    }

    pub fn prefix(field: Field, text: &str) -> Self {
        LooseQuery {
            field,
            word: Word {
                text: text.to_string(),
                distance: 0,
                prefix: true,
            },
        }
    }
}

impl LooseQuery {
    /// The documents of `segment` this query matches (kept, see the module docs).
    pub(crate) fn docs(&self, segment: &SegmentReader) -> tantivy::Result<Arc<BitSet>> {
        docs(segment, self.field, &self.word)
    }
}

impl std::fmt::Debug for LooseQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "LooseQuery({:?}, {:?}, distance {}, prefix {})",
            self.field, self.word.text, self.word.distance, self.word.prefix
        )
    }
}

impl Query for LooseQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for LooseQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let bits = docs(reader, self.field, &self.word)?;
        Ok(Box::new(ConstScorer::new(
            BitSetDocSet::from((*bits).clone()),
            boost,
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new("LooseQuery", scorer.score()))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::DocSetCollector;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, IndexWriter, doc};

    use super::*;

    /// The same documents as tantivy's own fuzzy and prefix queries, cached or not,
    /// and the cache follows new segments.
    #[test]
    fn matches_what_tantivys_fuzzy_query_matches() {
        let mut b = Schema::builder();
        let f = b.add_text_field("f", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in [
            "certificate rotated",
            "certifcate typo",
            "certificates plural",
            "tentacle tenant",
            "ten",
            "unrelated words",
            "cetrificate swapped",
        ] {
            w.add_document(doc!(f => text)).unwrap();
        }
        w.commit().unwrap();
        w.add_document(doc!(f => "certificat in a second segment"))
            .unwrap();
        w.commit().unwrap();
        let reader = index.reader().unwrap();
        let searcher = reader.searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let docs = |q: &dyn Query| searcher.search(q, &DocSetCollector).unwrap();
        for (text, distance, prefix) in [
            ("certificate", 2, false),
            ("certificate", 1, false),
            ("ten", 0, true),
            ("tenta", 0, true),
            ("zzzzzz", 1, false),
        ] {
            let term = Term::from_field_text(f, text);
            let (theirs, ours) = if prefix {
                (
                    FuzzyTermQuery::new_prefix(term, distance, true),
                    LooseQuery::prefix(f, text),
                )
            } else {
                (
                    FuzzyTermQuery::new(term, distance, true),
                    LooseQuery::typo(f, text, distance),
                )
            };
            let expected = docs(&theirs);
            assert_eq!(docs(&ours), expected, "{text} {distance} {prefix}, cold");
            assert_eq!(docs(&ours), expected, "{text} {distance} {prefix}, cached");
        }
        let found = docs(&LooseQuery::typo(f, "certificate", 2));
        assert_eq!(found.len(), 5, "{found:?}");
    }

    #[test]
    fn least_recently_used_go_first() {
        let mut lru: Lru<u32, u32> = Lru::new();
        for k in 0..4 {
            lru.insert(k, k);
        }
        lru.get(&0);
        lru.shrink(2, |_| 1);
        let mut kept: Vec<u32> = lru.map.keys().copied().collect();
        kept.sort_unstable();
        assert_eq!(kept, vec![0, 3]);
    }
}
