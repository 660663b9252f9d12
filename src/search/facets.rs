//! The total and the facet counts over the whole result set, in one pass, from a
//! per-segment table of each document's facet values (built from the fast columns).
//! The date facet counts months (`YYYY-MM`), from the `date` column (`YYYYMMDD`), so
//! the month codes sit in the same table and cost nothing extra per result.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentReader};

pub const FACET_FIELDS: [&str; 5] = ["kind", "person", "tag", "behaviour", "level"];

/// For each facet, each value and how many results have it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Facets {
    pub kind: BTreeMap<String, u64>,
    pub person: BTreeMap<String, u64>,
    pub tag: BTreeMap<String, u64>,
    pub behaviour: BTreeMap<String, u64>,
    pub level: BTreeMap<String, u64>,
    /// Results per month of their date, keyed `YYYY-MM`.
    #[serde(default)]
    pub month: BTreeMap<String, u64>,
}

/// Per segment, every document's facet values as small integers, built once from the
/// fast columns and kept while the segment lives. Counting facets over a result set
/// is then one pass adding ones into a vector, instead of five column lookups per
/// matching document (which cost ~60 ns a document: 5 ms for 87,000 results).
#[derive(Default)]
pub struct FacetTables {
    tables: Mutex<HashMap<SegmentId, Arc<SegmentTable>>>,
}

struct SegmentTable {
    /// Document `d`'s codes are `codes[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    codes: Vec<u32>,
    /// Code `c` of facet `f` is term ordinal `c - offsets[f]` of that facet's column;
    /// codes from `offsets[5]` on are the segment's distinct months, ascending;
    /// `offsets[6]` is the number of codes.
    offsets: [u32; 7],
    /// Each code's facet value (a term of its column, or a month as `YYYY-MM`), read
    /// once with the table: looking terms up in a column's dictionary for every
    /// search cost more than the rest of the counting.
    labels: Vec<String>,
}

impl SegmentTable {
    fn build(segment: &SegmentReader) -> tantivy::Result<SegmentTable> {
        let columns = FACET_FIELDS
            .iter()
            .map(|f| segment.fast_fields().str(f))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut offsets = [0u32; 7];
        for (i, c) in columns.iter().enumerate() {
            let terms = c.as_ref().map_or(0, |c| c.num_terms()) as u32;
            offsets[i + 1] = offsets[i] + terms;
        }
        let max_doc = segment.max_doc();
        let dates = segment.fast_fields().u64("date").ok();
        let month_of = |doc: DocId| {
            dates
                .as_ref()
                .and_then(|c| c.first(doc))
                .map(|d| (d / 100) as u32)
        };
        let mut months: Vec<u32> = (0..max_doc).filter_map(month_of).collect();
        months.sort_unstable();
        months.dedup();
        offsets[6] = offsets[5] + months.len() as u32;
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut codes = Vec::with_capacity(max_doc as usize * 4);
        starts.push(0);
        for doc in 0..max_doc {
            for (i, c) in columns.iter().enumerate() {
                if let Some(c) = c {
                    codes.extend(c.term_ords(doc).map(|o| offsets[i] + o as u32));
                }
            }
            if let Some(m) = month_of(doc)
                && let Ok(at) = months.binary_search(&m)
            {
                codes.push(offsets[5] + at as u32);
            }
            starts.push(codes.len() as u32);
        }
        let mut labels = Vec::with_capacity(offsets[6] as usize);
        for (i, c) in columns.iter().enumerate() {
            for ord in 0..(offsets[i + 1] - offsets[i]) {
                let mut s = String::new();
                if let Some(c) = c {
                    c.ord_to_str(u64::from(ord), &mut s)?;
                }
                labels.push(s);
            }
        }
        labels.extend(
            months
                .iter()
                .map(|m| format!("{:04}-{:02}", m / 100, m % 100)),
        );
        Ok(SegmentTable {
            starts,
            codes,
            offsets,
            labels,
        })
    }
}

impl FacetTables {
    /// Forgets the tables of segments no longer searched (merged away).
    pub fn retain(&self, live: &[SegmentId]) {
        self.lock().retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentTable>>> {
        self.tables.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Counts the results and their facets in one pass.
pub struct CountAndFacets<'a>(pub &'a FacetTables);

pub struct SegmentCounts {
    table: Arc<SegmentTable>,
    total: u64,
    counts: Vec<u32>,
}

impl Collector for CountAndFacets<'_> {
    type Fruit = (u64, Facets);
    type Child = SegmentCounts;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentCounts> {
        let cached = self.0.lock().get(&segment.segment_id()).cloned();
        let table = match cached {
            Some(t) => t,
            None => {
                let t = Arc::new(SegmentTable::build(segment)?);
                self.0.lock().insert(segment.segment_id(), Arc::clone(&t));
                t
            }
        };
        let counts = vec![0; table.offsets[6] as usize];
        Ok(SegmentCounts {
            table,
            total: 0,
            counts,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(u64, Facets)>) -> tantivy::Result<(u64, Facets)> {
        let mut out = Facets::default();
        let mut total = 0;
        for (n, f) in fruits {
            total += n;
            for (dst, src) in [
                (&mut out.kind, f.kind),
                (&mut out.person, f.person),
                (&mut out.tag, f.tag),
                (&mut out.behaviour, f.behaviour),
                (&mut out.level, f.level),
                (&mut out.month, f.month),
            ] {
                for (k, v) in src {
                    *dst.entry(k).or_default() += v;
                }
            }
        }
        Ok((total, out))
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = (u64, Facets);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let SegmentTable { starts, codes, .. } = &*self.table;
        self.total += docs.len() as u64;
        for &doc in docs {
            let (from, to) = (starts[doc as usize], starts[doc as usize + 1]);
            for &code in &codes[from as usize..to as usize] {
                self.counts[code as usize] += 1;
            }
        }
    }

    fn harvest(self) -> (u64, Facets) {
        let SegmentTable {
            offsets, labels, ..
        } = &*self.table;
        let mut maps: Vec<BTreeMap<String, u64>> = Vec::with_capacity(6);
        for i in 0..6 {
            let codes = offsets[i] as usize..offsets[i + 1] as usize;
            maps.push(
                self.counts[codes.clone()]
                    .iter()
                    .zip(&labels[codes])
                    .filter(|(n, _)| **n > 0)
                    .map(|(&n, label)| (label.clone(), u64::from(n)))
                    .collect(),
            );
        }
        let mut it = maps.into_iter();
        let facets = Facets {
            kind: it.next().unwrap_or_default(),
            person: it.next().unwrap_or_default(),
            tag: it.next().unwrap_or_default(),
            behaviour: it.next().unwrap_or_default(),
            level: it.next().unwrap_or_default(),
            month: it.next().unwrap_or_default(),
        };
        (self.total, facets)
    }
}
