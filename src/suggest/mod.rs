//! Behaviour suggestions: which ladder behaviours does this entry evidence?
//!
//! The app asks while the user types, so a call must take milliseconds: everything
//! that does not depend on the text is computed once and kept in [`Suggester`] until
//! the journal changes. Three sources are scored and added up:
//!
//! - [`profile`]: what the ladder says (behaviour text, section title, level summary),
//!   BM25 over stemmed words and the support-work concepts of [`synonyms`];
//! - [`links`]: what the user's links say (entries linked to a behaviour lend it
//!   their words), weighted by how many entries back the profile;
//! - [`exemplars`]: for the bundled ladder, how close the text is to the example
//!   entries shipped for each behaviour (nearest neighbours).
//!
//! The ranking is then diversified ([`diversify`]): a behaviour much like one ranked
//! above it (the same habit worded again at another level or under "what success
//! looks like") gives way a little to a different one, so that the first three
//! cover more than one reading of the entry.
//!
//! For an entry (`entry`, or `input` from the app's form), the behaviours it
//! already links to are left out: suggestions are for what to add. Since an entry's own words only shape the
//! profiles of the behaviours it links to, leaving those out also keeps the entry
//! from suggesting itself back.

pub mod analyze;
pub mod entry_text;
pub mod exemplars;
pub mod hints;
pub mod links;
pub mod profile;
pub mod synonyms;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::journal::{Entry, EntryInput};
use crate::ladder::{self, Ladder};
use crate::{Error, Result};
use analyze::Analyzer;
use exemplars::ExemplarModel;
use links::LinkModel;
use profile::LadderModel;

/// How many suggestions when the request does not say.
pub const DEFAULT_LIMIT: u32 = 5;
/// Text longer than this is refused (the same limit as an entry's text fields).
pub const MAX_TEXT: usize = 1 << 20;
/// Weight of the links' cosine similarity against the ladder's BM25 score.
const LINK_WEIGHT: f32 = 12.0;
/// Links count fully only once this many entries back a profile: `n / (n + LINK_CONFIDENCE)`.
const LINK_CONFIDENCE: f32 = 3.0;
/// How much a behaviour's score drops for its likeness to one ranked above it:
/// `score * (1 - DIVERSITY * similarity)` (see [`diversify`]).
const DIVERSITY: f32 = 0.6;

/// What to suggest for (one of the three): a text being typed, an entry already
/// saved, or an entry being written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SuggestRequest {
    pub text: Option<String>,
    /// An entry id (or a unique prefix of 8+ characters).
    pub entry: Option<String>,
    /// An entry as the app's form holds it (saved or not): its text is read as
    /// `entry`'s would be, and the behaviours it links are left out. Optional in
    /// TypeScript, so that callers without it need not say `input: null`.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub input: Option<EntryInput>,
    /// Only behaviours of this level, e.g. `L2`.
    pub level: Option<String>,
    /// At most this many suggestions (default [`DEFAULT_LIMIT`]).
    pub limit: Option<u32>,
}

/// One suggested behaviour, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    pub id: String,
    pub level: String,
    pub section: String,
    pub text: String,
    pub score: f64,
}

/// The precomputed profiles, rebuilt only when the journal changed.
#[derive(Default)]
pub struct Suggester {
    analyzer: Analyzer,
    /// `(PRAGMA data_version, total_changes)` when the profiles were built: any
    /// commit, by this connection or another, changes it.
    stamp: Option<(i64, u64)>,
    ladder: Option<(Ladder, LadderModel)>,
    /// The link profiles and the outbox sequence they were last refreshed at.
    links: Option<(i64, LinkModel)>,
    /// Linked entries read per behaviour (`None`: [`links::PER_BEHAVIOUR`]).
    link_cap: Option<usize>,
    /// The bundled ladder's example entries, as they apply to the ladder's behaviours.
    exemplars: ExemplarModel,
}

impl Suggester {
    /// A suggester whose link profiles read at most `per_behaviour` of each
    /// behaviour's most recently linked entries: for a one-shot call (the CLI),
    /// where reading [`links::PER_BEHAVIOUR`] each would cost more than it adds.
    pub fn with_link_cap(per_behaviour: usize) -> Self {
        Suggester {
            link_cap: Some(per_behaviour),
            ..Default::default()
        }
    }

    /// Ranks behaviours for `request`; `entry` is the stored entry when the request
    /// names one (the caller resolved it).
    pub fn suggest(
        &mut self,
        conn: &Connection,
        request: &SuggestRequest,
        entry: Option<&Entry>,
    ) -> Result<Vec<Suggestion>> {
        let limit = request.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 {
            return Err(Error::invalid("limit", "must be at least 1"));
        }
        let (text, linked): (String, Vec<&str>) = match (&request.text, &request.input, entry) {
            (None, None, None) => {
                return Err(Error::invalid(
                    "text",
                    "give a text, an entry or an input to suggest for",
                ));
            }
            (Some(t), None, None) => (t.clone(), Vec::new()),
            (None, Some(i), None) => (
                entry_text::of_input(i),
                i.behaviours.iter().map(String::as_str).collect(),
            ),
            (None, None, Some(e)) => (
                entry_text::of_entry(e),
                e.behaviours.iter().map(|b| b.id.as_str()).collect(),
            ),
            _ => {
                return Err(Error::invalid(
                    "text",
                    "give one of a text, an entry or an input, not several",
                ));
            }
        };
        // A stored entry's fields were checked when it was saved.
        if entry.is_none() && text.len() > MAX_TEXT {
            let field = if request.input.is_some() {
                "input"
            } else {
                "text"
            };
            return Err(Error::invalid(field, "longer than 1 MiB"));
        }
        self.refresh(conn)?;
        let (ladder, model) = self.ladder.as_ref().expect("refreshed");
        let level = match &request.level {
            None => None,
            Some(l) => Some(
                ladder
                    .levels
                    .iter()
                    .find(|x| x.code.eq_ignore_ascii_case(l.trim()))
                    .map(|x| x.code.clone())
                    .ok_or_else(|| {
                        let known: Vec<&str> =
                            ladder.levels.iter().map(|x| x.code.as_str()).collect();
                        Error::invalid(
                            "level",
                            format!("unknown level '{l}' (known: {})", known.join(", ")),
                        )
                    })?,
            ),
        };
        let query = self.analyzer.bag(&text);
        let base = model.scores(&query, &self.analyzer);
        let (_, links) = self.links.as_ref().expect("refreshed");
        let from_links = links.scores(&query);
        let from_examples = self.exemplars.scores(&query, &self.analyzer);

        let mut ranked: Vec<(f32, usize)> = model
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| level.as_ref().is_none_or(|l| &c.level == l))
            .filter(|(_, c)| !linked.iter().any(|id| id.eq_ignore_ascii_case(&c.id)))
            .map(|(i, _)| {
                let n = links.counts[i] as f32;
                let conf = n / (n + LINK_CONFIDENCE);
                // Rounded, so that equal scores are equal whatever order the
                // terms were summed in, and ties fall back to ladder order.
                let score = base[i]
                    + LINK_WEIGHT * conf * from_links[i]
                    + exemplars::WEIGHT * from_examples[i];
                ((score * 1e4).round() / 1e4, i)
            })
            .filter(|(s, _)| *s > 0.0)
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let ranked = diversify(ranked, &model.similar, limit as usize);
        Ok(ranked
            .into_iter()
            .take(limit as usize)
            .map(|(score, i)| {
                let c = &model.candidates[i];
                Suggestion {
                    id: c.id.clone(),
                    level: c.level.clone(),
                    section: c.section.clone(),
                    text: c.text.clone(),
                    score: (score as f64 * 1e4).round() / 1e4,
                }
            })
            .collect())
    }

    /// Brings up to date what the journal's changes made stale: the ladder model
    /// when the ladder changed, the link profiles of the behaviours whose linked
    /// entries changed when an entry or a link changed. The search
    /// outbox's sequence counts exactly those changes (every one queues the entry
    /// for reindexing, and draining the queue does not lower it), so unrelated
    /// writes cost one cheap query.
    fn refresh(&mut self, conn: &Connection) -> Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let stamp = (version, conn.total_changes());
        if self.stamp == Some(stamp) && self.ladder.is_some() && self.links.is_some() {
            return Ok(());
        }
        let current = ladder::store::load(conn)?;
        if self.ladder.as_ref().is_none_or(|(l, _)| *l != current) {
            let model = LadderModel::build(&current, &self.analyzer);
            self.exemplars = ExemplarModel::build(&model.candidates, &self.analyzer);
            self.ladder = Some((current, model));
            self.links = None;
        }
        let seq: i64 = conn.query_row(
            "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'index_outbox'), 0)",
            [],
            |r| r.get(0),
        )?;
        if self.links.as_ref().is_none_or(|(s, _)| *s != seq) {
            let (_, model) = self.ladder.as_ref().expect("just built");
            let (_, mut links) = self.links.take().unwrap_or_else(|| {
                let cap = self.link_cap.unwrap_or(links::PER_BEHAVIOUR);
                (0, LinkModel::new(model.candidates.len(), cap))
            });
            // Only the behaviours whose linked entries changed are rebuilt.
            links.refresh(conn, &model.candidates, &self.analyzer)?;
            self.links = Some((seq, links));
        }
        self.stamp = Some(stamp);
        Ok(())
    }
}

/// Re-ranks `ranked` (best first) so that the first `limit` are not near-copies of
/// each other (maximal marginal relevance): each next pick is the behaviour whose
/// score, lowered by its [`profile`] similarity to the closest one already picked,
/// is highest. A ladder says many things twice (a level's "what success looks
/// like" repeats its sections; L1 and L2 word the same habit twice), and an entry
/// usually evidences all the wordings of one habit at once: three wordings of one
/// habit in the top three add nothing when that habit is the right one, and hide
/// the right one when it is not. The scores returned are the lowered ones, so they
/// still fall from first to last.
fn diversify(mut rest: Vec<(f32, usize)>, similar: &[Vec<f32>], limit: usize) -> Vec<(f32, usize)> {
    let mut out: Vec<(f32, usize)> = Vec::with_capacity(limit.min(rest.len()));
    while out.len() < limit && !rest.is_empty() {
        let (k, score) = rest
            .iter()
            .enumerate()
            .map(|(k, &(s, i))| {
                let near = out
                    .iter()
                    .map(|&(_, j)| similar[i][j])
                    .fold(0.0f32, f32::max);
                (k, (s * (1.0 - DIVERSITY * near) * 1e4).round() / 1e4)
            })
            // The best lowered score; on a tie, the one ranked first before.
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .expect("not empty");
        let (_, i) = rest.remove(k);
        out.push((score, i));
    }
    out
}
