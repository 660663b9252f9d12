//! What the ladder itself says about each behaviour: its own words, its section's
//! title, its level's summary and (for the bundled ladder only) its evidence
//! [`hints`](super::hints), weighted, scored against the text
//! with BM25 (term frequency saturates, rare terms count more, long behaviours are
//! not favoured). Built once per ladder version, with the similarity of every two
//! behaviours' profiles that the ranking uses to avoid near-copies in the top places.

use rustc_hash::FxHashMap as HashMap;

use super::analyze::{Analyzer, Bag};
use crate::ladder::Ladder;

/// How much each part of the ladder counts towards a behaviour's profile.
const W_TEXT: f32 = 1.0;
const W_SECTION: f32 = 0.5;
const W_SUMMARY: f32 = 0.1;
const W_HINT: f32 = 0.5;
/// BM25 parameters: term frequency saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.5;
/// How much a term said again adds (0: a term counts once however often it appears).
const QUERY_REPEAT: f32 = 0.5;

/// A behaviour that can be suggested.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: String,
    pub level: String,
    pub section: String,
    pub text: String,
}

pub struct LadderModel {
    pub candidates: Vec<Candidate>,
    docs: Vec<Bag>,
    lens: Vec<f32>,
    avg_len: f32,
    idf: HashMap<String, f32>,
    /// Cosine similarity of every two candidates' idf-weighted profiles.
    pub similar: Vec<Vec<f32>>,
}

impl LadderModel {
    pub fn build(ladder: &Ladder, analyzer: &Analyzer) -> Self {
        let mut candidates = Vec::new();
        let mut docs = Vec::new();
        for level in &ladder.levels {
            let summary = analyzer.bag(&level.summary);
            for section in &level.sections {
                let title = analyzer.bag(&section.title);
                for b in &section.behaviours {
                    let mut doc = Bag::default();
                    let hints = super::hints::for_behaviour(&b.id, &b.text).unwrap_or("");
                    for (bag, w) in [
                        (analyzer.bag(&b.text), W_TEXT),
                        (title.clone(), W_SECTION),
                        (summary.clone(), W_SUMMARY),
                        (analyzer.bag(hints), W_HINT),
                    ] {
                        for (t, n) in bag {
                            *doc.entry(t).or_default() += n * w;
                        }
                    }
                    docs.push(doc);
                    candidates.push(Candidate {
                        id: b.id.clone(),
                        level: level.code.clone(),
                        section: section.title.clone(),
                        text: b.text.clone(),
                    });
                }
            }
        }
        let n = docs.len() as f32;
        let mut df: HashMap<String, f32> = HashMap::default();
        // A term only in a section title or a level summary counts as part of a
        // document, so it does not look common just because it is everywhere.
        for doc in &docs {
            for (t, &w) in doc {
                *df.entry(t.clone()).or_default() += w.min(1.0);
            }
        }
        let idf = df
            .into_iter()
            .map(|(t, d)| (t, (1.0 + (n - d + 0.5) / (d + 0.5)).ln()))
            .collect();
        let lens: Vec<f32> = docs.iter().map(|d| d.values().sum()).collect();
        let avg_len = lens.iter().sum::<f32>() / n.max(1.0);
        let similar = similarities(&docs, &idf);
        LadderModel {
            candidates,
            docs,
            lens,
            avg_len,
            idf,
            similar,
        }
    }

    /// BM25 of `query` against every candidate, in candidate order.
    pub fn scores(&self, query: &Bag, analyzer: &Analyzer) -> Vec<f32> {
        let mut out = vec![0.0; self.docs.len()];
        for (term, &qtf) in query {
            let Some(&idf) = self.idf.get(term) else {
                continue;
            };
            let qw = query_weight(qtf) * analyzer.weight(term);
            for (i, doc) in self.docs.iter().enumerate() {
                if let Some(&tf) = doc.get(term) {
                    let norm = K1 * (1.0 - B + B * self.lens[i] / self.avg_len);
                    out[i] += qw * idf * tf * (K1 + 1.0) / (tf + norm);
                }
            }
        }
        out
    }
}

/// Cosine similarity of every two profiles, each term weighed by its idf.
fn similarities(docs: &[Bag], idf: &HashMap<String, f32>) -> Vec<Vec<f32>> {
    let units: Vec<Bag> = docs
        .iter()
        .map(|d| {
            let mut v: Bag = d
                .iter()
                .map(|(t, &w)| (t.clone(), w * idf.get(t).copied().unwrap_or(0.0)))
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            v.values_mut().for_each(|x| *x /= norm);
            v
        })
        .collect();
    units
        .iter()
        .map(|a| {
            units
                .iter()
                .map(|b| a.iter().map(|(t, x)| x * b.get(t).unwrap_or(&0.0)).sum())
                .collect()
        })
        .collect()
}

/// A term said twice counts more than once, but not twice as much.
fn query_weight(count: f32) -> f32 {
    1.0 + QUERY_REPEAT * count.max(1.0).ln()
}
