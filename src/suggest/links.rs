//! What the user's own links say about each behaviour: the entries already linked
//! to it, each as a tf-idf vector of its words (the same [`Analyzer`] terms), summed
//! into one profile per behaviour. A text close to the entries someone linked to a
//! behaviour is likely evidence of it too.
//!
//! Only the [`PER_BEHAVIOUR`] most recently linked entries of each behaviour count,
//! so building stays fast on a journal of 100,000 entries.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use super::analyze::{Analyzer, Bag};
use super::entry_text;
use super::profile::Candidate;
use crate::Result;

/// The most recent linked entries that shape a behaviour's profile.
pub const PER_BEHAVIOUR: usize = 100;
/// Characters of an entry read for its profile (a long body says little more).
const MAX_CHARS: usize = 3_000;

/// kind, title, role, direction, the rest of the text.
type Row = (String, String, Option<String>, Option<String>, String);

pub struct LinkModel {
    /// Per candidate: the sum of its linked entries' unit vectors.
    profiles: Vec<Bag>,
    norms: Vec<f32>,
    /// Per candidate: how many entries shaped the profile.
    pub counts: Vec<usize>,
    idf: HashMap<String, f32>,
}

impl LinkModel {
    pub fn empty(n: usize) -> Self {
        LinkModel {
            profiles: vec![Bag::new(); n],
            norms: vec![0.0; n],
            counts: vec![0; n],
            idf: HashMap::new(),
        }
    }

    pub fn build(conn: &Connection, candidates: &[Candidate], analyzer: &Analyzer) -> Result<Self> {
        let mut ids_of = conn.prepare(
            "SELECT entry_id FROM entry_behaviours WHERE behaviour_id = ?1
             ORDER BY rowid DESC LIMIT ?2",
        )?;
        let mut text_of = conn.prepare(
            "SELECT kind, COALESCE(title, ''), role, direction,
                    concat_ws(char(10), area, notes, learned, situation, observed, impact,
                              reflection, body,
                              (SELECT group_concat(text, char(10)) FROM follow_ups f
                                WHERE f.entry_id = e.id),
                              (SELECT group_concat(t.name, ' ') FROM entry_tags et
                                 JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id))
             FROM entries e WHERE id = ?1 AND deleted_at IS NULL",
        )?;
        let mut entry_index: HashMap<String, Option<usize>> = HashMap::new();
        let mut bags: Vec<Bag> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::with_capacity(candidates.len());
        for c in candidates {
            let ids: Vec<String> = ids_of
                .query_map(rusqlite::params![c.id, PER_BEHAVIOUR as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut list = Vec::new();
            for id in ids {
                let slot = match entry_index.get(&id) {
                    Some(slot) => *slot,
                    None => {
                        let row: Option<Row> = text_of
                            .query_row([&id], |r| {
                                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                            })
                            .optional()?;
                        let slot = row.map(|(kind, title, role, direction, body)| {
                            let hint =
                                entry_text::hints(&kind, role.as_deref(), direction.as_deref());
                            let text = format!("{title}\n{hint}\n{}", truncate(&body, MAX_CHARS));
                            bags.push(analyzer.bag(&text));
                            bags.len() - 1
                        });
                        entry_index.insert(id, slot);
                        slot
                    }
                };
                list.extend(slot);
            }
            members.push(list);
        }

        let n = bags.len() as f32;
        let mut df: HashMap<String, f32> = HashMap::new();
        for bag in &bags {
            for t in bag.keys() {
                *df.entry(t.clone()).or_default() += 1.0;
            }
        }
        let idf: HashMap<String, f32> = df
            .into_iter()
            .map(|(t, d)| (t, (1.0 + n / d).ln()))
            .collect();
        let units: Vec<Bag> = bags.iter().map(|b| unit(weigh(b, &idf))).collect();
        let mut profiles = Vec::with_capacity(members.len());
        for list in &members {
            let mut p = Bag::new();
            for &i in list {
                for (t, w) in &units[i] {
                    *p.entry(t.clone()).or_default() += w;
                }
            }
            profiles.push(p);
        }
        Ok(LinkModel {
            norms: profiles.iter().map(norm).collect(),
            counts: members.iter().map(Vec::len).collect(),
            profiles,
            idf,
        })
    }

    /// Cosine similarity of `query` with each candidate's profile (0 without links).
    pub fn scores(&self, query: &Bag) -> Vec<f32> {
        let q = weigh(query, &self.idf);
        let qn = norm(&q);
        self.profiles
            .iter()
            .zip(&self.norms)
            .map(|(p, &pn)| {
                if qn == 0.0 || pn == 0.0 {
                    return 0.0;
                }
                let dot: f32 = q.iter().filter_map(|(t, w)| p.get(t).map(|v| v * w)).sum();
                dot / (qn * pn)
            })
            .collect()
    }
}

fn weigh(bag: &Bag, idf: &HashMap<String, f32>) -> Bag {
    bag.iter()
        .filter_map(|(t, &n)| idf.get(t).map(|i| (t.clone(), (1.0 + n.ln().max(0.0)) * i)))
        .collect()
}

fn norm(b: &Bag) -> f32 {
    b.values().map(|w| w * w).sum::<f32>().sqrt()
}

fn unit(b: Bag) -> Bag {
    let n = norm(&b);
    if n == 0.0 {
        return b;
    }
    b.into_iter().map(|(t, w)| (t, w / n)).collect()
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}
