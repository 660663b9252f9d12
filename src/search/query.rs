//! From what the user typed to a tantivy query: stemmed terms, typo tolerance
//! (edit distance 1 from 5 characters, 2 from 9), the last word as a prefix while
//! typing, quoted phrases. Title matches weigh most; fuzzy and prefix matches weigh
//! less than exact ones.

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

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
    Phrase(Vec<String>),
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
            let tokens = schema::tokens(&mut stemmed, &after[..end]);
            if !tokens.is_empty() {
                parts.push(Part::Phrase(tokens));
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
            _ => parts.push(Part::Phrase(stems)),
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

fn term_variants(field: Field, token: &str, raw_len: &str, prefix: bool, weight: f32) -> Vec<Box<dyn Query>> {
    let term = Term::from_field_text(field, token);
    let mut out: Vec<Box<dyn Query>> = vec![boosted(
        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
        weight,
    )];
    let d = Part::distance(raw_len);
    if d > 0 {
        out.push(boosted(Box::new(FuzzyTermQuery::new(term.clone(), d, true)), weight * FUZZY_WEIGHT));
    }
    if prefix {
        out.push(boosted(Box::new(FuzzyTermQuery::new_prefix(term, 0, true)), weight * PREFIX_WEIGHT));
    }
    out
}

/// The query matching one part anywhere in the entry.
pub fn part_query(f: &Fields, part: &Part) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    match part {
        Part::Word { raw, stem, prefix } => {
            for (field, weight) in [(f.title, TITLE_BOOST), (f.text, TEXT_BOOST), (f.behaviour_text, BEHAVIOUR_BOOST)] {
                for q in term_variants(field, stem, raw, *prefix, weight) {
                    should.push((Occur::Should, q));
                }
            }
            for q in term_variants(f.names, raw, raw, *prefix, NAMES_BOOST) {
                should.push((Occur::Should, q));
            }
        }
        Part::Phrase(tokens) if tokens.len() == 1 => {
            for (field, weight) in [(f.title, TITLE_BOOST), (f.text, TEXT_BOOST), (f.behaviour_text, BEHAVIOUR_BOOST)] {
                let t = Term::from_field_text(field, &tokens[0]);
                should.push((Occur::Should, boosted(Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)), weight)));
            }
        }
        Part::Phrase(tokens) => {
            for (field, weight) in [(f.title, TITLE_BOOST), (f.text, TEXT_BOOST), (f.behaviour_text, BEHAVIOUR_BOOST)] {
                let terms = tokens.iter().map(|t| Term::from_field_text(field, t)).collect();
                should.push((Occur::Should, boosted(Box::new(PhraseQuery::new(terms)), weight)));
            }
        }
    }
    Box::new(BooleanQuery::new(should))
}
