//! The index schema. Bump [`SCHEMA_VERSION`] whenever fields or analysis change: an
//! index with another version is thrown away and rebuilt from SQLite.

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

use super::stem_cache::CachedStemmer;

pub const SCHEMA_VERSION: u32 = 3;
/// English stemming for prose.
pub const STEMMED: &str = "rungs_en";
/// Lower-cased words without stemming, for names and tags.
pub const PLAIN: &str = "rungs_plain";

#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub title: Field,
    /// Every other text field of the entry, for matching and snippets.
    pub text: Field,
    /// People's names and tags, searchable as words.
    pub names: Field,
    /// Texts of the linked behaviours.
    pub behaviour_text: Field,
    /// Title and text again, unstemmed: typo and prefix matching compare what was
    /// typed with words as written (a misspelt word's stem is no guide).
    pub plain_title: Field,
    pub plain_text: Field,
    // Facets and filters: exact values, fast columns.
    pub person: Field,
    pub tag: Field,
    pub behaviour: Field,
    pub level: Field,
    /// The entry's date as YYYYMMDD.
    pub date: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let prose = |tokenizer: &str, stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { o.set_stored() } else { o }
    };
    // Typo and prefix matches only ask which documents hold a word (they score alike,
    // see `loose`): no positions, frequencies or lengths, a third less to index.
    let words = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_fieldnorms(false)
                .set_index_option(IndexRecordOption::Basic),
        )
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        title: b.add_text_field("title", prose(STEMMED, true)),
        text: b.add_text_field("text", prose(STEMMED, true)),
        names: b.add_text_field("names", prose(PLAIN, false)),
        behaviour_text: b.add_text_field("behaviour_text", prose(STEMMED, false)),
        plain_title: b.add_text_field("plain_title", words(PLAIN)),
        plain_text: b.add_text_field("plain_text", words(PLAIN)),
        person: b.add_text_field("person", STRING | FAST),
        tag: b.add_text_field("tag", STRING | FAST),
        behaviour: b.add_text_field("behaviour", STRING | FAST),
        level: b.add_text_field("level", STRING | FAST),
        date: b.add_u64_field("date", INDEXED | STORED | FAST),
    };
    (b.build(), fields)
}

pub fn stemmed() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

pub fn plain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .build()
}

pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register(STEMMED, stemmed());
    index.tokenizers().register(PLAIN, plain());
}

/// Every token of `text` as the analyzer produces it.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}
