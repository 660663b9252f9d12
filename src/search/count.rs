//! The total and facets of a search without scoring anything. tantivy's union of a
//! query's parts computes and adds up a score for every match of every clause, and a
//! count throws them all away: for a three-word search that was half its time (a
//! third of the journal matches some word). Here each clause's matches are OR-ed into
//! a bitset per segment (typo and prefix expansions are bitsets already, see
//! [`super::loose`]), the filters AND-ed in, and the facets counted once per match.

use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocId, Searcher, SegmentReader};

use super::facets::{CountAndFacets, Facets};
use super::query::Clause;
use tantivy::collector::{Collector, SegmentCollector};

/// A clause ready to run on every segment.
enum Ready<'a> {
    Weight(Box<dyn Weight>),
    Loose(&'a super::loose::LooseQuery),
}

/// One bit per document of a segment.
struct Bits(Vec<u64>);

impl Bits {
    fn new(max_doc: DocId) -> Bits {
        Bits(vec![0; (max_doc as usize).div_ceil(64)])
    }

    fn insert(&mut self, doc: DocId) {
        self.0[doc as usize / 64] |= 1 << (doc % 64);
    }

    /// Adds the documents of `clause` in `segment`.
    fn add(&mut self, clause: &Ready, segment: &SegmentReader) -> tantivy::Result<()> {
        match clause {
            Ready::Weight(w) => w.for_each_no_score(segment, &mut |docs| {
                for &d in docs {
                    self.insert(d);
                }
            }),
            Ready::Loose(q) => {
                let docs = q.docs(segment)?;
                for (i, word) in self.0.iter_mut().enumerate() {
                    *word |= u64::from_le_bytes(docs.tinyset(i as u32).into_bytes());
                }
                Ok(())
            }
        }
    }

    fn retain(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    /// Each document in the set, in order.
    fn docs(&self) -> impl Iterator<Item = DocId> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            let mut w = word;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let bit = w.trailing_zeros();
                    w &= w - 1;
                    i as u32 * 64 + bit
                })
            })
        })
    }
}

/// How many live documents match any of `parts` (each a list of clauses) and every
/// one of `filters`, and their facets.
pub(crate) fn count_any(
    searcher: &Searcher,
    counts: &CountAndFacets,
    parts: &[Vec<Clause>],
    filters: &[Box<dyn Query>],
) -> tantivy::Result<(u64, Facets)> {
    let no_scores = EnableScoring::disabled_from_searcher(searcher);
    let clauses: Vec<Ready> = parts
        .iter()
        .flatten()
        .map(|c| {
            Ok(match c {
                Clause::Exact(q, _) => Ready::Weight(q.weight(no_scores)?),
                Clause::Loose(q, _) => Ready::Loose(q),
            })
        })
        .collect::<tantivy::Result<_>>()?;
    let filters: Vec<Box<dyn Weight>> = filters
        .iter()
        .map(|q| q.weight(no_scores))
        .collect::<tantivy::Result<_>>()?;
    let mut fruits = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let mut hits = Bits::new(segment.max_doc());
        for c in &clauses {
            hits.add(c, segment)?;
        }
        for f in &filters {
            let mut kept = Bits::new(segment.max_doc());
            f.for_each_no_score(segment, &mut |docs| {
                for &d in docs {
                    kept.insert(d);
                }
            })?;
            hits.retain(&kept);
        }
        if let Some(alive) = segment.alive_bitset() {
            for doc in hits.docs().collect::<Vec<_>>() {
                if alive.is_deleted(doc) {
                    hits.0[doc as usize / 64] &= !(1 << (doc % 64));
                }
            }
        }
        let mut seg = counts.for_segment(ord as u32, segment)?;
        seg.collect_bits(&hits.0);
        fruits.push(seg.harvest());
    }
    counts.merge_fruits(fruits)
}

#[cfg(test)]
mod tests {
    use std::ops::Bound;

    use tantivy::Term;
    use tantivy::query::{BooleanQuery, Occur, RangeQuery};

    use super::*;
    use crate::journal::Journal;
    use crate::search::{SearchRequest, filter, query, term};

    /// The same total and facets as tantivy's own union of the same parts and
    /// filters, over several segments holding deleted documents.
    #[test]
    fn counts_what_tantivys_union_counts() {
        let mut j = Journal::open_in_memory().unwrap();
        j.load_synthetic(400, 11, &mut |_, _| {}).unwrap();
        let found = j
            .search(&SearchRequest {
                query: "certificate ".into(),
                limit: Some(60),
                ..Default::default()
            })
            .unwrap();
        for hit in found.hits.iter().step_by(3) {
            j.delete(&hit.id).unwrap();
        }
        j.load_synthetic(50, 12, &mut |_, _| {}).unwrap();
        j.flush_index().unwrap();
        let person = j.people().unwrap()[0].name.clone();
        let ix = j.search_index();
        let f = ix.fields;
        let searcher = ix.reader.searcher();
        assert!(searcher.segment_readers().len() > 1, "several segments");
        assert!(
            searcher
                .segment_readers()
                .iter()
                .any(|s| s.alive_bitset().is_some()),
            "deleted documents"
        );
        let mut checked = 0;
        for text in [
            "certificate ",
            "rotated certificate restarted ",
            "\"sync waves\" helm ",
            "certifcate kube",
            "ten",
        ] {
            let parts = query::parse(text);
            let clauses: Vec<Vec<query::Clause>> = parts
                .iter()
                .map(|p| query::clauses(&ix.fields, p))
                .collect();
            let range = || -> Box<dyn Query> {
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(f.date, 20240101)),
                    Bound::Included(Term::from_field_u64(f.date, 20250630)),
                ))
            };
            for filters in [
                Vec::new(),
                vec![filter(term(f.person, &person)).1],
                vec![filter(range()).1, filter(term(f.kind, "pairing")).1],
            ] {
                let mut all: Vec<(Occur, Box<dyn Query>)> = vec![(
                    Occur::Must,
                    Box::new(BooleanQuery::new(
                        clauses
                            .iter()
                            .map(|c| (Occur::Should, query::part_query(c)))
                            .collect(),
                    )),
                )];
                all.extend(filters.iter().map(|q| (Occur::Must, q.box_clone())));
                let counts = CountAndFacets(&ix.facet_tables);
                let expected = searcher.search(&BooleanQuery::new(all), &counts).unwrap();
                let got = count_any(&searcher, &counts, &clauses, &filters).unwrap();
                assert_eq!(got, expected, "{text:?} {filters:?}");
                if expected.0 > 0 {
                    checked += 1;
                }
            }
        }
        assert!(checked >= 12, "only {checked} searches found something");
    }
}
