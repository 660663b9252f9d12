//! Matching a parsed level against the stored one, without writing anything:
//! the same plan drives `--dry-run` and the real import.
//!
//! In order: a bundled behaviour takes its pinned id; the same text anywhere in
//! the level keeps its id (a reorder or a move is no change); clearly similar text
//! in the same section is a rewording (same id, the old wording kept); what is
//! left of the stored behaviours is retired, what is left of the file is added
//! under new ids, never reusing one.

use std::collections::{HashMap, HashSet};

use super::{ParsedLevel, bundled};

/// How similar two wordings must be to count as one behaviour reworded.
pub const REWORD_THRESHOLD: f64 = 0.6;

#[derive(Debug, Clone, Default)]
pub struct StoredLevel {
    pub id: i64,
    pub sections: Vec<StoredSection>,
    pub behaviours: Vec<StoredBehaviour>,
}

#[derive(Debug, Clone)]
pub struct StoredSection {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub retired: bool,
}

#[derive(Debug, Clone)]
pub struct StoredBehaviour {
    pub id: String,
    pub section_id: i64,
    pub number: i64,
    pub text: String,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Unchanged,
    Reworded {
        from: String,
    },
    /// Back in the file after it had been retired.
    Restored,
    Added,
}

#[derive(Debug, Clone)]
pub struct BehaviourPlan {
    pub id: String,
    /// Its number within the section (for a new or moved behaviour, a fresh one).
    pub number: i64,
    pub change: Change,
}

#[derive(Debug, Clone)]
pub struct SectionPlan {
    pub stored: Option<i64>,
    pub number: i64,
    pub behaviours: Vec<BehaviourPlan>,
}

#[derive(Debug, Clone)]
pub struct LevelPlan {
    pub stored: Option<i64>,
    pub sections: Vec<SectionPlan>,
    pub retired_sections: Vec<i64>,
    /// Stored behaviours no longer in the file: (id, text).
    pub retired: Vec<(String, String)>,
}

/// Plans one level. `prefix` starts its ids (`L2`, `developer/D1`); `taken` holds
/// every id given out anywhere (lower-cased) and gains the new ones.
pub fn level(
    stored: Option<&StoredLevel>,
    parsed: &ParsedLevel,
    prefix: &str,
    bundled_track: bool,
    taken: &mut HashSet<String>,
) -> LevelPlan {
    let empty = StoredLevel::default();
    let st = stored.unwrap_or(&empty);

    // Sections by display title, active ones first.
    let mut section_used = vec![false; st.sections.len()];
    let mut next_section = st.sections.iter().map(|s| s.number).max().unwrap_or(0) + 1;
    let mut sections: Vec<SectionPlan> = Vec::new();
    for ps in &parsed.sections {
        let found = (0..st.sections.len())
            .filter(|&i| !section_used[i] && st.sections[i].title.eq_ignore_ascii_case(&ps.title))
            .min_by_key(|&i| st.sections[i].retired);
        let (stored_id, number) = match found {
            Some(i) => {
                section_used[i] = true;
                (Some(st.sections[i].id), st.sections[i].number)
            }
            None => {
                // A bundled section takes the number its pinned ids carry.
                let pinned = bundled_track
                    .then(|| {
                        ps.behaviours
                            .iter()
                            .find_map(|b| bundled::pinned_id(&parsed.code, &b.text))
                            .and_then(|id| id.split('.').nth(1)?.parse::<i64>().ok())
                    })
                    .flatten()
                    .filter(|n| {
                        !st.sections.iter().any(|s| s.number == *n)
                            && !sections.iter().any(|s| s.number == *n)
                    });
                let n = pinned.unwrap_or_else(|| {
                    while sections.iter().any(|s| s.number == next_section) {
                        next_section += 1;
                    }
                    next_section
                });
                next_section = next_section.max(n + 1);
                (None, n)
            }
        };
        sections.push(SectionPlan {
            stored: stored_id,
            number,
            behaviours: Vec::new(),
        });
    }

    // slot[s][b]: the stored behaviour (index) each parsed behaviour matched.
    let mut slot: Vec<Vec<Option<(usize, Change)>>> = parsed
        .sections
        .iter()
        .map(|s| vec![None; s.behaviours.len()])
        .collect();
    let mut used = vec![false; st.behaviours.len()];
    let by_id: HashMap<String, usize> = st
        .behaviours
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.to_lowercase(), i))
        .collect();

    // 1. Pinned ids of the bundled ladder.
    let mut pinned_new: HashMap<(usize, usize), &'static str> = HashMap::new();
    if bundled_track {
        for (si, ps) in parsed.sections.iter().enumerate() {
            for (bi, pb) in ps.behaviours.iter().enumerate() {
                if let Some(id) = bundled::pinned_id(&parsed.code, &pb.text) {
                    match by_id.get(&id.to_lowercase()) {
                        Some(&i) if !used[i] => {
                            used[i] = true;
                            slot[si][bi] = Some((i, matched(&st.behaviours[i], &pb.text)));
                        }
                        Some(_) => {}
                        None => {
                            pinned_new.insert((si, bi), id);
                        }
                    }
                }
            }
        }
    }

    // 2. The same text: same section first, then anywhere in the level; active first.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, b) in st.behaviours.iter().enumerate() {
        by_text.entry(b.text.as_str()).or_default().push(i);
    }
    for list in by_text.values_mut() {
        list.sort_by_key(|&i| st.behaviours[i].retired);
    }
    for (si, ps) in parsed.sections.iter().enumerate() {
        for (bi, pb) in ps.behaviours.iter().enumerate() {
            if slot[si][bi].is_some() || pinned_new.contains_key(&(si, bi)) {
                continue;
            }
            let Some(list) = by_text.get(pb.text.as_str()) else {
                continue;
            };
            let same_section =
                |&&i: &&usize| Some(st.behaviours[i].section_id) == sections[si].stored;
            let pick = list
                .iter()
                .filter(|&&i| !used[i])
                .find(same_section)
                .or_else(|| list.iter().find(|&&i| !used[i]))
                .copied();
            if let Some(i) = pick {
                used[i] = true;
                slot[si][bi] = Some((i, matched(&st.behaviours[i], &pb.text)));
            }
        }
    }

    // 3. Rewordings: clearly similar text in the same section, best pairs first.
    for (si, ps) in parsed.sections.iter().enumerate() {
        let Some(section_id) = sections[si].stored else {
            continue;
        };
        let open_new: Vec<usize> = (0..ps.behaviours.len())
            .filter(|&bi| slot[si][bi].is_none() && !pinned_new.contains_key(&(si, bi)))
            .collect();
        let open_old: Vec<usize> = (0..st.behaviours.len())
            .filter(|&i| {
                !used[i] && !st.behaviours[i].retired && st.behaviours[i].section_id == section_id
            })
            .collect();
        if open_new.is_empty() || open_old.is_empty() {
            continue;
        }
        let pairs = reword_pairs(
            open_new.iter().map(|&bi| ps.behaviours[bi].text.as_str()),
            open_old.iter().map(|&i| st.behaviours[i].text.as_str()),
        );
        let mut pairs: Vec<(f64, usize, usize)> = pairs
            .into_iter()
            .map(|(sim, n, o)| (sim, open_new[n], open_old[o]))
            .collect();
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, bi, i) in pairs {
            if slot[si][bi].is_none() && !used[i] {
                used[i] = true;
                slot[si][bi] = Some((i, matched(&st.behaviours[i], &ps.behaviours[bi].text)));
            }
        }
    }

    // 4. Build the sections: kept ids in place or moved, new ids for the rest.
    let mut next_number: HashMap<i64, i64> = HashMap::new();
    let section_of: HashMap<i64, &StoredSection> = st.sections.iter().map(|s| (s.id, s)).collect();
    for b in &st.behaviours {
        if let Some(s) = section_of.get(&b.section_id) {
            let n = next_number.entry(s.number).or_insert(1);
            *n = (*n).max(b.number + 1);
        }
    }
    let numbers_in_use: HashSet<(i64, i64)> = st
        .behaviours
        .iter()
        .map(|b| (b.section_id, b.number))
        .collect();
    for (si, row) in slot.iter_mut().enumerate() {
        let snum = sections[si].number;
        for (bi, found) in row.iter_mut().enumerate() {
            let plan = match found.take() {
                Some((i, change)) => {
                    let b = &st.behaviours[i];
                    // Staying in its section, it keeps its number.
                    let number = if Some(b.section_id) == sections[si].stored {
                        b.number
                    } else {
                        fresh(&mut next_number, snum)
                    };
                    BehaviourPlan {
                        id: b.id.clone(),
                        number,
                        change,
                    }
                }
                None => {
                    let id = match pinned_new.get(&(si, bi)) {
                        Some(id) if !taken.contains(&id.to_lowercase()) => id.to_string(),
                        _ => loop {
                            let n = fresh(&mut next_number, snum);
                            let id = format!("{prefix}.{snum}.{n}");
                            if !taken.contains(&id.to_lowercase()) && !bundled::is_pinned(&id) {
                                break id;
                            }
                        },
                    };
                    taken.insert(id.to_lowercase());
                    let number = id
                        .rsplit('.')
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|n: &i64| {
                            // A pinned id's own number, unless that number is in use.
                            !sections[si]
                                .stored
                                .is_some_and(|sid| numbers_in_use.contains(&(sid, *n)))
                        })
                        .unwrap_or_else(|| fresh(&mut next_number, snum));
                    let e = next_number.entry(snum).or_insert(1);
                    *e = (*e).max(number + 1);
                    BehaviourPlan {
                        id,
                        number,
                        change: Change::Added,
                    }
                }
            };
            sections[si].behaviours.push(plan);
        }
    }

    let retired = st
        .behaviours
        .iter()
        .zip(&used)
        .filter(|(b, used)| !**used && !b.retired)
        .map(|(b, _)| (b.id.clone(), b.text.clone()))
        .collect();
    let retired_sections = st
        .sections
        .iter()
        .zip(&section_used)
        .filter(|(s, used)| !**used && !s.retired)
        .map(|(s, _)| s.id)
        .collect();
    LevelPlan {
        stored: stored.map(|s| s.id),
        sections,
        retired_sections,
        retired,
    }
}

fn matched(b: &StoredBehaviour, text: &str) -> Change {
    if b.text != text {
        Change::Reworded {
            from: b.text.clone(),
        }
    } else if b.retired {
        Change::Restored
    } else {
        Change::Unchanged
    }
}

fn fresh(next: &mut HashMap<i64, i64>, section: i64) -> i64 {
    let n = next.entry(section).or_insert(1);
    let v = *n;
    *n += 1;
    v
}

/// At most this many stored behaviours are compared with each new one.
const CANDIDATES: usize = 8;
/// How many index entries one new behaviour may visit while finding its
/// candidates (its rarest words first): what keeps a re-import near-linear.
const VISIT_BUDGET: usize = 4_096;
/// Longer texts are compared by shared words only (edit distance is quadratic).
const EDIT_DISTANCE_MAX_CHARS: usize = 600;

/// A behaviour's text prepared once: lower-cased, and its distinct words as ids.
struct Prepared {
    lower: String,
    chars: usize,
    words: Vec<u32>,
}

fn prepare(text: &str, vocab: &mut HashMap<String, u32>) -> Prepared {
    let lower = text.to_lowercase();
    let mut words: Vec<u32> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let next = vocab.len() as u32;
            *vocab.entry(w.to_string()).or_insert(next)
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    Prepared {
        chars: lower.chars().count(),
        lower,
        words,
    }
}

/// Candidate rewordings `(similarity, new index, old index)` at or above
/// [`REWORD_THRESHOLD`]. Each text is prepared once; the old ones go into a word
/// index, and each new text is compared only with the [`CANDIDATES`] old ones
/// sharing the most of its rarer words, so the cost grows with the number of
/// behaviours, not with its square. Texts sharing no word are never a rewording.
pub fn reword_pairs<'a>(
    new: impl Iterator<Item = &'a str>,
    old: impl Iterator<Item = &'a str>,
) -> Vec<(f64, usize, usize)> {
    let mut vocab = HashMap::new();
    let old: Vec<Prepared> = old.map(|t| prepare(t, &mut vocab)).collect();
    let new: Vec<Prepared> = new.map(|t| prepare(t, &mut vocab)).collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
    for (i, o) in old.iter().enumerate() {
        for &w in &o.words {
            postings[w as usize].push(i as u32);
        }
    }
    let mut shared = vec![0u32; old.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut pairs = Vec::new();
    for (ni, n) in new.iter().enumerate() {
        let mut words = n.words.clone();
        words.sort_by_key(|&w| postings[w as usize].len());
        let mut visited = 0;
        for w in words {
            let list = &postings[w as usize];
            if list.is_empty() {
                continue;
            }
            if visited > 0 && visited + list.len() > VISIT_BUDGET {
                break;
            }
            visited += list.len();
            for &o in list {
                if shared[o as usize] == 0 {
                    touched.push(o);
                }
                shared[o as usize] += 1;
            }
        }
        touched.sort_by_key(|&o| (std::cmp::Reverse(shared[o as usize]), o));
        for &o in touched.iter().take(CANDIDATES) {
            let s = prepared_similarity(n, &old[o as usize]);
            if s >= REWORD_THRESHOLD {
                pairs.push((s, ni, o as usize));
            }
        }
        for o in touched.drain(..) {
            shared[o as usize] = 0;
        }
    }
    pairs
}

fn prepared_similarity(a: &Prepared, b: &Prepared) -> f64 {
    let common = {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.words.len() && j < b.words.len() {
            match a.words[i].cmp(&b.words[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    };
    let total = a.words.len() + b.words.len();
    let dice = if total == 0 {
        0.0
    } else {
        2.0 * common as f64 / total as f64
    };
    if dice >= REWORD_THRESHOLD
        || a.chars > EDIT_DISTANCE_MAX_CHARS
        || b.chars > EDIT_DISTANCE_MAX_CHARS
    {
        return dice;
    }
    dice.max(strsim::normalized_levenshtein(&a.lower, &b.lower))
}

/// 0..1: the better of edit-distance similarity and shared words (Dice).
pub fn similarity(a: &str, b: &str) -> f64 {
    let mut vocab = HashMap::new();
    prepared_similarity(&prepare(a, &mut vocab), &prepare(b, &mut vocab))
}

#[cfg(test)]
mod tests {
    use super::similarity;

    #[test]
    fn rewording_is_clearly_similar_text() {
        assert!(
            similarity(
                "I write clear responses to customers",
                "I write clear, kind responses to customers"
            ) >= 0.6
        );
        assert!(similarity("I lead incidents", "I mentor new engineers") < 0.6);
    }
}
