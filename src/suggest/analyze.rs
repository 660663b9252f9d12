//! From text to a bag of weighted terms, the one representation every part of the
//! suggester compares: English stems of the words that carry meaning (stop words
//! dropped), plus the concept tokens (`@document`) of [`super::synonyms`] for the cue
//! words and phrases found. The ladder, linked entries and the text typed all go
//! through the same [`Analyzer`], so they meet on the same terms.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, SimpleTokenizer, Stemmer, TextAnalyzer,
};

use super::synonyms::{FEEDBACK_IN, FEEDBACK_OUT, GROUPS, WEAK};

/// Term → weight (a count, possibly scaled).
pub type Bag = HashMap<String, f32>;

/// Words too common to say anything about a behaviour. SBI labels (situation,
/// observed, impact) are structure, not content.
const STOP_WORDS: &str = "a about above after again against all am an and any are aren as at be \
    because been before being below between both but by can cannot could couldn did didn do does \
    doesn doing don down during each few for from further had hadn has hasn have haven having he \
    her here hers herself him himself his how i if in into is isn it its itself just let ll me \
    more most mustn my no nor not now of off on once only or other our ours ourselves out over own \
    re s same she should shouldn so some such t than that the their theirs them themselves then \
    there these they this those through to too under until up us ve very was wasn we were weren \
    what when where which while who whom why will with won would wouldn you your yours yourself \
    yourselves also even still got get gets getting one two three four five first last next \
    today yesterday tomorrow week weeks day days monday tuesday wednesday thursday friday \
    saturday sunday morning afternoon hour hours minute minutes min mins time times via per \
    like look looks includes level levels success situation observed impact reflection \
    lot lots bit thing things way ways much many well really quite actually";

/// How much a plain word counts against a concept. On a ladder of a few dozen
/// bullets any word it rarely uses ("keep", "people") looks rare; the concepts are
/// the vocabulary chosen to mean something.
const STEM_WEIGHT: f32 = 0.5;

/// The longest phrase in [`GROUPS`], in words.
const MAX_PHRASE: usize = 6;

pub struct Analyzer {
    /// Single cue word (as written, lower-cased) → concept tokens.
    words: HashMap<String, Vec<usize>>,
    /// Cue phrase (its words joined by a space) → concept tokens.
    phrases: HashMap<String, Vec<usize>>,
    /// First words of phrases, to skip lookups that cannot match.
    phrase_starts: HashSet<String>,
    concepts: Vec<String>,
    stop: HashSet<&'static str>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    pub fn new() -> Self {
        let mut a = Analyzer {
            words: HashMap::default(),
            phrases: HashMap::default(),
            phrase_starts: HashSet::default(),
            concepts: Vec::new(),
            stop: STOP_WORDS.split_whitespace().collect(),
        };
        for (concept, cues) in GROUPS {
            let id = a.concepts.len();
            a.concepts.push(format!("@{concept}"));
            for cue in cues.split('|') {
                let words = words(cue);
                let key = words.join(" ");
                match words.len() {
                    0 => {}
                    1 => push_unique(a.words.entry(key).or_default(), id),
                    _ => {
                        a.phrase_starts.insert(words[0].clone());
                        push_unique(a.phrases.entry(key).or_default(), id);
                    }
                }
            }
        }
        a
    }

    /// The weighted terms of `text`.
    pub fn bag(&self, text: &str) -> Bag {
        let tokens = words(text);
        let mut stemmer = TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let mut bag = Bag::default();
        for (i, word) in tokens.iter().enumerate() {
            if self.phrase_starts.contains(word) {
                let mut key = word.clone();
                for next in tokens.iter().skip(i + 1).take(MAX_PHRASE - 1) {
                    key.push(' ');
                    key.push_str(next);
                    if let Some(ids) = self.phrases.get(&key) {
                        for &id in ids {
                            add(&mut bag, &self.concepts[id], 1.0);
                        }
                    }
                }
            }
            if word == "feedback"
                && let Some(dir) = feedback_direction(&tokens, i)
            {
                add(&mut bag, dir, 1.0);
            }
            if self.stop.contains(word.as_str()) || word.len() < 2 || is_number(word) {
                continue;
            }
            // A cue word stands for its concepts; other words for their stem.
            if let Some(ids) = self.words.get(word) {
                for &id in ids {
                    add(&mut bag, &self.concepts[id], 1.0);
                }
                continue;
            }
            let mut stream = stemmer.token_stream(word);
            if let Some(t) = stream.next() {
                add(&mut bag, &t.text, 1.0);
            }
        }
        bag
    }

    /// How much `term` counts in a text: 1, or less for the [`WEAK`] concepts.
    pub fn weight(&self, term: &str) -> f32 {
        match term.strip_prefix('@') {
            Some(c) => WEAK
                .iter()
                .find(|(name, _)| *name == c)
                .map_or(1.0, |(_, w)| *w),
            None => STEM_WEIGHT,
        }
    }
}

/// Lower-cased words as the search index splits them (on anything not a letter or digit).
pub fn words(text: &str) -> Vec<String> {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// `@fb_in` for feedback taken in ("gave me feedback", "seek feedback", "feedback
/// from"), `@fb_out` for feedback given ("gave Jonas feedback", "feedback to").
fn feedback_direction(tokens: &[String], i: usize) -> Option<&'static str> {
    let before = &tokens[i.saturating_sub(3)..i];
    let has = |list: &[&str]| before.iter().any(|w| list.contains(&w.as_str()));
    let next = tokens.get(i + 1).map(String::as_str);
    if before.iter().any(|w| w == "me" || w == "my") || next == Some("from") {
        Some("@fb_in")
    } else if has(FEEDBACK_OUT) || next == Some("to") {
        Some("@fb_out")
    } else if has(FEEDBACK_IN) {
        Some("@fb_in")
    } else {
        None
    }
}

fn is_number(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
}

fn push_unique(v: &mut Vec<usize>, id: usize) {
    if !v.contains(&id) {
        v.push(id);
    }
}

fn add(bag: &mut Bag, term: &str, w: f32) {
    match bag.get_mut(term) {
        Some(v) => *v += w,
        None => {
            bag.insert(term.to_owned(), w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_drops_stop_words_and_adds_concepts() {
        let a = Analyzer::new();
        let bag = a.bag("I wrote a KB article about the certificates");
        assert!(bag.contains_key("wrote"), "{bag:?}");
        assert!(bag.contains_key("@document"));
        assert!(bag.contains_key("@tech"));
        assert!(!bag.contains_key("the"));
    }

    #[test]
    fn phrases_match_word_by_word() {
        let a = Analyzer::new();
        assert!(a.bag("we escalated it").contains_key("@otherteam"));
        assert!(
            a.bag("I collaborate with other teams")
                .contains_key("@otherteam")
        );
        assert!(!a.bag("other people").contains_key("@otherteam"));
    }

    #[test]
    fn feedback_direction_is_read_from_the_words_around_it() {
        let a = Analyzer::new();
        assert!(a.bag("Lena gave me feedback").contains_key("@fb_in"));
        assert!(a.bag("Feedback from Priya").contains_key("@fb_in"));
        assert!(a.bag("I seek feedback").contains_key("@fb_in"));
        assert!(
            a.bag("Gave Jonas coaching feedback")
                .contains_key("@fb_out")
        );
        assert!(a.bag("I give helpful feedback").contains_key("@fb_out"));
    }
}
