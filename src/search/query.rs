//! From what the user typed to a tantivy query: stemmed terms, typo tolerance
//! (edit distance 1 from 5 characters, 2 from 9), the last word as a prefix while
//! typing, quoted phrases. Title matches weigh most; fuzzy and prefix matches weigh
//! less than exact ones.

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use super::loose::LooseQuery;
use super::schema::{self, Fields};

const TITLE_BOOST: f32 = 3.0;
const NAMES_BOOST: f32 = 2.0;
const TEXT_BOOST: f32 = 1.0;
const BEHAVIOUR_BOOST: f32 = 0.5;
const FUZZY_WEIGHT: f32 = 0.2;
const PREFIX_WEIGHT: f32 = 0.4;

/// One unit of the query: a word or a quoted phrase.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Word {
        /// As typed, lower-cased.
        raw: String,
        /// After stemming.
        stem: String,
        /// The last word while the user is still typing it.
        prefix: bool,
    },
    Phrase {
        stems: Vec<String>,
        /// The same words unstemmed, for names.
        raws: Vec<String>,
    },
}

impl Part {
    /// The edit distance allowed for a word of this length.
    pub fn distance(raw: &str) -> u8 {
        match raw.chars().count() {
            0..=4 => 0,
            5..=8 => 1,
            _ => 2,
        }
    }
}

/// Splits the query into words and quoted phrases. A hyphenated word that stems to
/// several tokens (`cert-manager`) is a phrase.
pub fn parse(input: &str) -> Vec<Part> {
    let mut stemmed = schema::stemmed();
    let mut plain = schema::plain();
    let mut parts = Vec::new();
    let ends_open = !input.ends_with(char::is_whitespace) && !input.trim_end().ends_with('"');
    let mut rest = input;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            let stems = schema::tokens(&mut stemmed, &after[..end]);
            let raws = schema::tokens(&mut plain, &after[..end]);
            if !stems.is_empty() {
                parts.push(Part::Phrase { stems, raws });
            }
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        let stems = schema::tokens(&mut stemmed, word);
        let raws = schema::tokens(&mut plain, word);
        match (stems.len(), raws.len()) {
            (0, _) => {}
            (1, 1) => parts.push(Part::Word {
                raw: raws[0].clone(),
                stem: stems[0].clone(),
                prefix: false,
            }),
            _ => parts.push(Part::Phrase { stems, raws }),
        }
    }
    if ends_open && let Some(Part::Word { prefix, .. }) = parts.last_mut() {
        *prefix = true;
    }
    parts
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, boost))
}

/// One way a part can match, and its weight. A count of the matches needs the
/// clauses themselves (see [`super::count`]); a ranking needs them weighted.
pub(crate) enum Clause {
    /// A term or phrase in one field.
    Exact(Box<dyn Query>, f32),
    /// Typo-tolerant or prefix matches in one field.
    Loose(LooseQuery, f32),
}

fn exact(field: Field, token: &str, weight: f32) -> Clause {
    let term = Term::from_field_text(field, token);
    Clause::Exact(
        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
        weight,
    )
}

fn phrase(field: Field, tokens: &[String], weight: f32) -> Clause {
    if tokens.len() == 1 {
        return exact(field, &tokens[0], weight);
    }
    let terms = tokens
        .iter()
        .map(|t| Term::from_field_text(field, t))
        .collect();
    Clause::Exact(Box::new(PhraseQuery::new(terms)), weight)
}

/// Typo-tolerant and prefix variants of a word, against unstemmed words.
fn loose(field: Field, raw: &str, prefix: bool, weight: f32) -> Vec<Clause> {
    let mut out = Vec::new();
    let d = Part::distance(raw);
    if d > 0 {
        out.push(Clause::Loose(
            LooseQuery::typo(field, raw, d),
            weight * FUZZY_WEIGHT,
        ));
    }
    if prefix {
        out.push(Clause::Loose(
            LooseQuery::prefix(field, raw),
            weight * PREFIX_WEIGHT,
        ));
    }
    out
}

/// Every way one part matches anywhere in the entry.
pub(crate) fn clauses(f: &Fields, part: &Part) -> Vec<Clause> {
    let mut should = Vec::new();
    match part {
        Part::Word { raw, stem, prefix } => {
            should.push(exact(f.title, stem, TITLE_BOOST));
            should.push(exact(f.text, stem, TEXT_BOOST));
            should.push(exact(f.behaviour_text, stem, BEHAVIOUR_BOOST));
            should.push(exact(f.names, raw, NAMES_BOOST));
            should.extend(loose(f.plain_title, raw, *prefix, TITLE_BOOST));
            should.extend(loose(f.plain_text, raw, *prefix, TEXT_BOOST));
            should.extend(loose(f.names, raw, *prefix, NAMES_BOOST));
        }
        Part::Phrase { stems, raws } => {
            should.push(phrase(f.title, stems, TITLE_BOOST));
            should.push(phrase(f.text, stems, TEXT_BOOST));
            should.push(phrase(f.behaviour_text, stems, BEHAVIOUR_BOOST));
            should.push(phrase(f.names, raws, NAMES_BOOST));
        }
    }
    should
}

/// The query matching one part anywhere in the entry (its [`clauses`]), scored by
/// the clauses' weights.
pub(crate) fn part_query(clauses: &[Clause]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        clauses
            .iter()
            .map(|c| {
                let q = match c {
                    Clause::Exact(q, w) => boosted(q.box_clone(), *w),
                    Clause::Loose(q, w) => boosted(Box::new(q.clone()), *w),
                };
                (Occur::Should, q)
            })
            .collect(),
    ))
}
