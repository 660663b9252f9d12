//! Facet counts over the whole result set, read from fast columns.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentReader};

pub const FACET_FIELDS: [&str; 5] = ["kind", "person", "tag", "behaviour", "level"];

/// For each facet, each value and how many results have it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub kind: BTreeMap<String, u64>,
    pub person: BTreeMap<String, u64>,
    pub tag: BTreeMap<String, u64>,
    pub behaviour: BTreeMap<String, u64>,
    pub level: BTreeMap<String, u64>,
}

pub struct FacetCollector;

pub struct SegmentFacets {
    columns: Vec<Option<StrColumn>>,
    /// Per column, a count per term ordinal: the values are few (people, tags,
    /// behaviours), the matching documents may be most of the journal.
    counts: Vec<Vec<u64>>,
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let mut columns = Vec::new();
        let mut counts = Vec::new();
        for f in FACET_FIELDS {
            let column = segment.fast_fields().str(f)?;
            counts.push(vec![0; column.as_ref().map_or(0, |c| c.num_terms())]);
            columns.push(column);
        }
        Ok(SegmentFacets { columns, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        let mut out = Facets::default();
        for f in fruits {
            for (dst, src) in [
                (&mut out.kind, f.kind),
                (&mut out.person, f.person),
                (&mut out.tag, f.tag),
                (&mut out.behaviour, f.behaviour),
                (&mut out.level, f.level),
            ] {
                for (k, v) in src {
                    *dst.entry(k).or_default() += v;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (column, counts) in self.columns.iter().zip(&mut self.counts) {
            if let Some(c) = column {
                for ord in c.term_ords(doc) {
                    counts[ord as usize] += 1;
                }
            }
        }
    }

    fn harvest(self) -> Facets {
        let mut maps: Vec<BTreeMap<String, u64>> = Vec::new();
        for (column, counts) in self.columns.iter().zip(self.counts) {
            let mut m = BTreeMap::new();
            if let Some(c) = column {
                for (ord, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                    let ord = ord as u64;
                    let mut s = String::new();
                    if c.ord_to_str(ord, &mut s).unwrap_or(false) {
                        m.insert(s, n);
                    }
                }
            }
            maps.push(m);
        }
        let mut it = maps.into_iter();
        Facets {
            kind: it.next().unwrap_or_default(),
            person: it.next().unwrap_or_default(),
            tag: it.next().unwrap_or_default(),
            behaviour: it.next().unwrap_or_default(),
            level: it.next().unwrap_or_default(),
        }
    }
}
