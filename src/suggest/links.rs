//! What the user's own links say about each behaviour: the entries already linked
//! to it, each as a tf-idf vector of its words (the same [`Analyzer`] terms), summed
//! into one profile per behaviour. A text close to the entries someone linked to a
//! behaviour is likely evidence of it too.
//!
//! Only the most recently linked entries of each behaviour count ([`PER_BEHAVIOUR`]
//! in a long-lived journal, fewer for a one-shot CLI call), so building stays fast
//! on a journal of 100,000 entries.
//!
//! The model is kept up to date *incrementally*: [`LinkModel::refresh`] re-reads
//! each behaviour's list of `(entry, revision)` (one indexed query per behaviour),
//! analyses only the entries it has not seen at that revision, and rebuilds only
//! the profiles whose list changed. A save therefore costs the profiles of the
//! saved entry's behaviours, not the whole model. The idf weights are updated for
//! the terms whose document count changed; all profiles are re-weighed (from the
//! cached bags) only when the entry set has drifted by [`REWEIGH_DRIFT`] since the
//! last full weighing, which on a small journal is every change.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rusqlite::{Connection, OptionalExtension};

use super::analyze::{Analyzer, Bag};
use super::entry_text;
use super::profile::Candidate;
use crate::Result;

/// The most recent linked entries that shape a behaviour's profile.
pub const PER_BEHAVIOUR: usize = 100;
/// The same for a one-shot call (the CLI): the most recent 10 say most of what
/// 100 would, and keep a cold call on a 100,000-entry journal to milliseconds.
pub const ONE_SHOT_PER_BEHAVIOUR: usize = 10;
/// Characters of an entry read for its profile (a long body says little more).
const MAX_CHARS: usize = 3_000;
/// Share of analysed entries added or dropped since the last full weighing after
/// which every profile is re-weighed with fresh idf. Between full weighings the
/// untouched profiles keep slightly stale idf; at 1% the scores stay within a few
/// per cent of a rebuild, and on a large journal (thousands of linked entries) a
/// full weighing (no SQL, no analysis) comes once every few dozen saves.
const REWEIGH_DRIFT: f32 = 0.01;

/// kind, title, role, direction, the rest of the text.
type Row = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

pub struct LinkModel {
    per_behaviour: usize,
    /// Per candidate: its linked entries `(id, revision)`, most recent first.
    members: Vec<Vec<(String, i64)>>,
    /// Entry id → (revision, analysed bag) for every entry in some member list.
    bags: HashMap<String, (i64, Bag)>,
    /// Entry id → its tf-idf unit vector (weighed when it was read, or at the
    /// last full weighing).
    units: HashMap<String, Bag>,
    /// Term → how many of `bags` hold it.
    df: HashMap<String, f32>,
    idf: HashMap<String, f32>,
    /// Entries added or dropped since the last full weighing.
    drift: usize,
    /// Per candidate: the sum of its linked entries' unit vectors.
    profiles: Vec<Bag>,
    norms: Vec<f32>,
    /// Per candidate: how many entries shaped the profile.
    pub counts: Vec<usize>,
}

impl LinkModel {
    /// A model without links for `n` candidates, reading at most `per_behaviour`
    /// entries per behaviour when refreshed.
    pub fn new(n: usize, per_behaviour: usize) -> Self {
        LinkModel {
            per_behaviour: per_behaviour.max(1),
            members: vec![Vec::new(); n],
            bags: HashMap::default(),
            units: HashMap::default(),
            df: HashMap::default(),
            idf: HashMap::default(),
            drift: 0,
            profiles: vec![Bag::default(); n],
            norms: vec![0.0; n],
            counts: vec![0; n],
        }
    }

    /// Brings the profiles up to date with the journal.
    pub fn refresh(
        &mut self,
        conn: &Connection,
        candidates: &[Candidate],
        analyzer: &Analyzer,
    ) -> Result<()> {
        let mut ids_of = conn.prepare_cached(
            "SELECT eb.entry_id, e.revision FROM entry_behaviours eb
               JOIN entries e ON e.id = eb.entry_id
              WHERE eb.behaviour_id = ?1 AND e.deleted_at IS NULL
              ORDER BY eb.rowid DESC LIMIT ?2",
        )?;
        let mut dirty = Vec::new();
        for (i, c) in candidates.iter().enumerate() {
            let list: Vec<(String, i64)> = ids_of
                .query_map(rusqlite::params![c.id, self.per_behaviour as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            if list != self.members[i] {
                self.members[i] = list;
                dirty.push(i);
            }
        }
        if dirty.is_empty() {
            return Ok(());
        }

        // Entries no list holds any more, or held at an older revision, leave.
        let wanted: HashMap<&str, i64> = self
            .members
            .iter()
            .flatten()
            .map(|(id, rev)| (id.as_str(), *rev))
            .collect();
        let stale: Vec<String> = self
            .bags
            .iter()
            .filter(|(id, (rev, _))| wanted.get(id.as_str()) != Some(rev))
            .map(|(id, _)| id.clone())
            .collect();
        let mut touched: HashSet<String> = HashSet::default();
        for id in &stale {
            self.units.remove(id);
            let (_, bag) = self.bags.remove(id).expect("listed");
            for t in bag.keys() {
                if let Some(d) = self.df.get_mut(t) {
                    *d -= 1.0;
                }
                touched.insert(t.clone());
            }
        }
        let missing: Vec<(String, i64)> = wanted
            .iter()
            .filter(|(id, _)| !self.bags.contains_key(**id))
            .map(|(id, rev)| (id.to_string(), *rev))
            .collect();
        for (id, rev) in &missing {
            let Some(text) = text_of(conn, id)? else {
                continue;
            };
            let bag = analyzer.bag(&text);
            for t in bag.keys() {
                *self.df.entry(t.clone()).or_default() += 1.0;
                touched.insert(t.clone());
            }
            self.bags.insert(id.clone(), (*rev, bag));
        }
        self.df.retain(|_, d| *d > 0.5);

        self.drift += stale.len() + missing.len();
        let n = self.bags.len() as f32;
        let full = self.idf.is_empty() || self.drift as f32 > REWEIGH_DRIFT * n;
        if full {
            self.idf = self
                .df
                .iter()
                .map(|(t, d)| (t.clone(), (1.0 + n / d).ln()))
                .collect();
            self.drift = 0;
            dirty = (0..candidates.len()).collect();
        } else {
            for t in touched {
                match self.df.get(&t) {
                    Some(d) => self.idf.insert(t, (1.0 + n / d).ln()),
                    None => self.idf.remove(&t),
                };
            }
        }
        if full {
            self.units.clear();
        }
        for (id, (_, bag)) in &self.bags {
            if !self.units.contains_key(id) {
                self.units.insert(id.clone(), unit(weigh(bag, &self.idf)));
            }
        }
        for i in dirty {
            let mut p = Bag::default();
            for (id, _) in &self.members[i] {
                if let Some(u) = self.units.get(id) {
                    for (t, w) in u {
                        *p.entry(t.clone()).or_default() += w;
                    }
                }
            }
            self.norms[i] = norm(&p);
            self.counts[i] = self.members[i]
                .iter()
                .filter(|(id, _)| self.bags.contains_key(id))
                .count();
            self.profiles[i] = p;
        }
        Ok(())
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

/// The text an entry lends its behaviours' profiles (`None` once it is gone): the
/// text [`entry_text::of_entry`] gives, read from its columns without building an
/// `Entry`, the rest after title and hints cut at [`MAX_CHARS`]. One difference: an
/// untitled feedback entry reads no title, since the derived one names a person and
/// renaming a person does not bump the revision the cached bags are keyed on.
fn text_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT kind, title, role, direction,
                    concat_ws(char(10), area, notes, learned, situation, observed, impact,
                              reflection, body,
                              (SELECT group_concat(text, char(10) ORDER BY position)
                                 FROM follow_ups f WHERE f.entry_id = e.id),
                              (SELECT group_concat(text, char(10) ORDER BY position)
                                 FROM goals g WHERE g.entry_id = e.id),
                              (SELECT group_concat(t.name, char(10) ORDER BY et.position)
                                 FROM entry_tags et JOIN tags t ON t.id = et.tag_id
                                WHERE et.entry_id = e.id))
             FROM entries e WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    Ok(row.map(|(kind, title, role, direction, rest)| {
        let hint = entry_text::hints(&kind, role.as_deref(), direction.as_deref());
        let title = title.unwrap_or_default();
        format!("{title}\n{hint}\n{}", truncate(&rest, MAX_CHARS))
    }))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Journal;

    /// The links read an entry as `entry_text::of_entry` does (an untitled feedback
    /// entry without its derived title), so a text and its links meet on the same terms.
    #[test]
    fn an_entry_lends_its_links_the_text_entry_text_gives() {
        let mut j = Journal::open_in_memory().unwrap();
        j.load_demo(false).unwrap();
        let conn = j.database().conn();
        let rows: Vec<(String, Option<String>)> = conn
            .prepare("SELECT id, title FROM entries")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut kinds = HashSet::default();
        for (id, title) in &rows {
            let mut e = j.get(id).unwrap();
            kinds.insert(e.kind());
            e.title = title.clone().unwrap_or_default();
            let want = entry_text::of_entry(&e);
            assert!(want.chars().count() < MAX_CHARS, "{id} is cut");
            assert_eq!(text_of(conn, id).unwrap().as_deref(), Some(want.as_str()));
        }
        assert_eq!(kinds.len(), 3, "every kind is read: {kinds:?}");
        assert!(rows.iter().any(|(_, t)| t.is_none()), "an untitled entry");
        assert_eq!(text_of(conn, "no such entry").unwrap(), None);
    }
}
