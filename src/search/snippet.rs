//! Snippets with the matched words in `<mark>`. Written here rather than with
//! tantivy's `SnippetGenerator`, which cannot see what fuzzy and prefix queries
//! matched: we re-analyse the stored text and mark every word that the query's
//! exact, typo-tolerant, prefix or phrase parts would match.
//!
//! Stemming and edit distances are the costly part, and a journal's texts repeat
//! their words: a [`Matcher`] decides each distinct word once per search. The
//! words are split here exactly as the index's analyzers split them (runs of
//! alphanumeric characters, tokens of 60 bytes or more dropped, lower-cased), without
//! the analyzer's per-token copies, and looked up by their text as written with a fast
//! hash: a snippet is a few hundred lookups.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use super::query::Part;
use super::stem_cache::StemMemo;

const WINDOW: usize = 180;
/// Tokens this long or longer are dropped by the analyzers (`RemoveLongFilter`).
const LONG_TOKEN: usize = 60;

/// Whether a word of the text (lower-cased, and its stem) matches a part of the
/// query. Typos count as the index's automaton counts them: insertions, deletions,
/// substitutions and a swap of two neighbours each cost one.
fn matches(parts: &[Part], stem: &str, word: &str) -> bool {
    parts.iter().any(|p| match p {
        Part::Word {
            raw,
            stem: q,
            prefix,
        } => {
            stem == q
                || (*prefix && (stem.starts_with(q.as_str()) || word.starts_with(raw.as_str())))
                || {
                    let d = Part::distance(raw) as usize;
                    d > 0
                        && word.chars().count().abs_diff(raw.chars().count()) <= d
                        && strsim::osa_distance(word, raw) <= d
                }
        }
        Part::Phrase { stems, .. } => stems.iter().any(|t| t == stem),
    })
}

/// The words of `text` as the index's analyzers split them: byte ranges of runs of
/// alphanumeric characters shorter than [`LONG_TOKEN`] bytes. ASCII bytes (nearly all
/// of a journal) are classified without decoding a character.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    // Whether the character starting at byte `i` is alphanumeric, and its length.
    let at = move |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (word, len) = at(i);
            if !word {
                i += len;
                continue;
            }
            let start = i;
            i += len;
            while i < bytes.len() {
                let (word, len) = at(i);
                if !word {
                    break;
                }
                i += len;
            }
            if i - start < LONG_TOKEN {
                return Some((start, i));
            }
        }
        None
    })
}

/// Marks the words of texts that match one query, remembering its verdict on each
/// distinct word (as written).
pub struct Matcher<'a> {
    parts: &'a [Part],
    verdicts: HashMap<Box<str>, bool, FxBuildHasher>,
}

thread_local! {
    /// The index's memo of stems, kept between searches so that it outlives one
    /// search: new words are rare after the first few.
    static STEMS: std::cell::RefCell<StemMemo> = std::cell::RefCell::default();
}

impl<'a> Matcher<'a> {
    pub fn new(parts: &'a [Part]) -> Self {
        Matcher {
            parts,
            verdicts: HashMap::default(),
        }
    }

    /// Byte ranges of `text` that match.
    pub fn match_ranges(&mut self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (from, to) in words(text) {
            let written = &text[from..to];
            let hit = match self.verdicts.get(written) {
                Some(&hit) => hit,
                None => {
                    let word = written.to_lowercase();
                    let mut stem = word.clone();
                    STEMS.with_borrow_mut(|s| s.stem(&mut stem));
                    let hit = matches(self.parts, &stem, &word);
                    self.verdicts.insert(written.into(), hit);
                    hit
                }
            };
            if hit {
                out.push((from, to));
            }
        }
        out
    }

    /// See [`snippet`].
    pub fn snippet(&mut self, text: &str) -> String {
        let ranges = self.match_ranges(text);
        window(&ranges, text)
    }
}

/// Byte ranges of `text` that match.
pub fn match_ranges(parts: &[Part], text: &str) -> Vec<(usize, usize)> {
    Matcher::new(parts).match_ranges(text)
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A window of about 180 characters around the densest cluster of matches, HTML
/// escaped, matches in `<mark>`. Whitespace (Markdown line breaks) is collapsed.
pub fn snippet(parts: &[Part], text: &str) -> String {
    Matcher::new(parts).snippet(text)
}

fn window(ranges: &[(usize, usize)], text: &str) -> String {
    // The window start that covers the most matches.
    let mut best = (0usize, 0usize);
    for (i, &(start, _)) in ranges.iter().enumerate() {
        let covered = ranges[i..]
            .iter()
            .take_while(|r| r.1 <= start + WINDOW)
            .count();
        if covered > best.1 {
            best = (start, covered);
        }
    }
    let mut from = if ranges.is_empty() {
        0
    } else {
        // Lead in a little, but fill the window when the match is near the end.
        best.0
            .saturating_sub(40)
            .min(text.len().saturating_sub(WINDOW))
    };
    from = floor_boundary(text, from);
    // Start at a word boundary.
    if from > 0
        && let Some(ws) = text[from..].find(char::is_whitespace)
        && ws < 20
    {
        from += ws;
    }
    let mut to = floor_boundary(text, (from + WINDOW).min(text.len()));
    if to < text.len()
        && let Some(ws) = text[..to].rfind(char::is_whitespace)
        && ws > from
    {
        to = ws;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for &(s, e) in ranges.iter().filter(|r| r.0 >= from && r.1 <= to) {
        out.push_str(&escape(&text[at..s]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[s..e]));
        out.push_str("</mark>");
        at = e;
    }
    out.push_str(&escape(&text[at..to]));
    if to < text.len() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words are the plain analyzer's tokens (before lower-casing), for ASCII,
    /// accents, other scripts, digits, punctuation and over-long runs.
    #[test]
    fn words_are_the_analyzers_tokens() {
        let long = "x".repeat(59) + " " + &"y".repeat(60);
        for text in [
            "Rotated the cert-manager certificate; restarted 3 pods.",
            "Café naïve résumé — Straße, ÉCOLE 東京 ёлка",
            "  leading, trailing!  ",
            "",
            "a_b c.d e'f",
            long.as_str(),
        ] {
            let mut analyzer = super::super::schema::plain();
            let mut expected = Vec::new();
            let mut stream = analyzer.token_stream(text);
            while let Some(t) = stream.next() {
                expected.push((t.offset_from, t.offset_to));
            }
            assert_eq!(words(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
