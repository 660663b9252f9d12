//! English stemming with a memo of the words already stemmed.
//!
//! Profiling a rebuild showed the Snowball stemmer taking 40 % of all indexing work:
//! it runs for every word of every entry, and a journal uses the same few thousand
//! words over and over. This filter gives exactly the stems tantivy's `Stemmer` gives
//! (it asks that stemmer on a miss) and remembers them per analyzer (each indexing
//! thread has its own copy), forgetting everything once the memo is full. The memo
//! hashes with FxHash: with the standard SipHash, hashing the words cost more than
//! the rest of the lookup (an attacker choosing words gains nothing here: the memo
//! is bounded and private to one analyzer).

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Distinct words remembered before the memo starts over (a few MB at most).
const MAX_WORDS: usize = 50_000;

/// English stems, remembered: exactly the stems tantivy's `Stemmer` gives, asked of it
/// once per distinct word. The index's analyzers use it through [`CachedStemmer`];
/// anything else that stems single words (the suggester) can keep one too.
#[derive(Clone)]
pub struct StemMemo {
    memo: FxHashMap<String, String>,
    /// The real stemmer, over one word at a time.
    stemmer: TextAnalyzer,
}

impl Default for StemMemo {
    fn default() -> Self {
        StemMemo {
            memo: FxHashMap::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

impl StemMemo {
    /// Replaces `word` (lower-cased, as the analyzers pass it on) by its stem.
    pub fn stem(&mut self, word: &mut String) {
        if let Some(stem) = self.memo.get(word.as_str()) {
            if stem != word {
                word.clear();
                word.push_str(stem);
            }
            return;
        }
        let stem = {
            let mut s = self.stemmer.token_stream(word);
            if s.advance() {
                s.token().text.clone()
            } else {
                word.clone()
            }
        };
        if self.memo.len() >= MAX_WORDS {
            self.memo.clear();
        }
        self.memo
            .insert(std::mem::replace(word, stem.clone()), stem);
    }
}

/// A drop-in for `Stemmer::new(Language::English)`.
#[derive(Clone, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            stems: StemMemo::default(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: StemMemo,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut StemMemo,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.stems.stem(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    use super::*;

    fn tokens(mut a: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while let Some(t) = s.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn same_tokens_as_the_uncached_stemmer() {
        let text = "Certificates expired; we rotated the certificate and restarted running \
                    pods. Running, ran, runs: the RUNNER's certificates rotate. Ünïcode wörds too.";
        let plain = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::English))
                .build()
        };
        let cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        // Twice through the same analyzer: the second pass is served from the memo.
        let mut a = cached.clone();
        for _ in 0..2 {
            let mut got = Vec::new();
            let mut s = a.token_stream(text);
            while let Some(t) = s.next() {
                got.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
            }
            assert_eq!(got, tokens(plain(), text));
        }
        assert!(tokens(cached, text).iter().any(|t| t.0 == "certif"));
    }

    #[test]
    fn a_memo_stems_single_words() {
        let mut stems = StemMemo::default();
        for _ in 0..2 {
            let mut w = "certificates".to_string();
            stems.stem(&mut w);
            assert_eq!(w, "certif");
        }
    }
}
