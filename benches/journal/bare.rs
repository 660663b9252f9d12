//! The floor: a bare tantivy index over the same text with tantivy's default
//! tokenizer, no stemming, no facets, one field pair (title, body). Typos are a
//! fuzzy term (distance 1), the word being typed a prefix; snippets from tantivy's
//! `SnippetGenerator` on the body.

use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, FuzzyTermQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TEXT, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::corpus::Doc;
use crate::mix::Query as MixQuery;

pub struct Bare {
    index: Index,
    reader: IndexReader,
    title: Field,
    body: Field,
    person: Field,
    date: Field,
}

fn day(date: &str) -> u64 {
    date.replace('-', "").parse().unwrap_or(0)
}

impl Bare {
    /// Creates the index in `dir` and loads `docs` with one writer and one commit.
    pub fn build(dir: &Path, docs: &[Doc]) -> Bare {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT | STORED);
        let body = b.add_text_field("body", TEXT | STORED);
        let person = b.add_text_field("person", STRING);
        let date = b.add_u64_field("date", INDEXED | FAST);
        let index = Index::create_in_dir(dir, b.build()).expect("create bare index");
        let mut writer: tantivy::IndexWriter = index.writer(100_000_000).unwrap();
        for d in docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(title, &d.title);
            doc.add_text(body, &d.body);
            for p in &d.people {
                doc.add_text(person, p);
            }
            doc.add_u64(date, day(&d.date));
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        writer.wait_merging_threads().unwrap();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .unwrap();
        Bare {
            index,
            reader,
            title,
            body,
            person,
            date,
        }
    }

    fn query(&self, q: &MixQuery) -> Box<dyn Query> {
        let words: Vec<String> = q.text.split_whitespace().map(str::to_lowercase).collect();
        let fields = [self.title, self.body];
        let main: Box<dyn Query> = if q.typo || q.prefix {
            let (last, rest) = words.split_last().expect("a word");
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for w in rest {
                clauses.push((
                    Occur::Should,
                    self.either(&fields, w, |t| {
                        Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
                    }),
                ));
            }
            let typo = q.typo;
            clauses.push((
                Occur::Should,
                self.either(&fields, last, |t| {
                    if typo {
                        Box::new(FuzzyTermQuery::new(t, 1, true))
                    } else {
                        Box::new(FuzzyTermQuery::new_prefix(t, 0, true))
                    }
                }),
            ));
            Box::new(BooleanQuery::new(clauses))
        } else {
            let parser = QueryParser::for_index(&self.index, fields.to_vec());
            let text = if q.phrase {
                format!("\"{}\"", q.text)
            } else {
                q.text.clone()
            };
            parser.parse_query(&text).expect("bare query")
        };
        match &q.filter {
            None => main,
            Some(f) => {
                let range = RangeQuery::new(
                    std::ops::Bound::Included(Term::from_field_u64(self.date, day(&f.since))),
                    std::ops::Bound::Included(Term::from_field_u64(self.date, day(&f.until))),
                );
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, main),
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_text(self.person, &f.person),
                            IndexRecordOption::Basic,
                        )),
                    ),
                    (Occur::Must, Box::new(range)),
                ]))
            }
        }
    }

    fn either(
        &self,
        fields: &[Field],
        word: &str,
        make: impl Fn(Term) -> Box<dyn Query>,
    ) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            fields
                .iter()
                .map(|f| (Occur::Should, make(Term::from_field_text(*f, word))))
                .collect(),
        ))
    }

    /// Top 10 with a body snippet each: (title, snippet html).
    pub fn search(&self, q: &MixQuery) -> Vec<(String, String)> {
        let query = self.query(q);
        let searcher = self.reader.searcher();
        let top = searcher
            .search(&*query, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let snippets = SnippetGenerator::create(&searcher, &*query, self.body).unwrap();
        top.into_iter()
            .map(|(_, addr)| {
                let doc: TantivyDocument = searcher.doc(addr).unwrap();
                let title = doc
                    .get_first(self.title)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string();
                (title, snippets.snippet_from_doc(&doc).to_html())
            })
            .collect()
    }
}
