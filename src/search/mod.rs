//! Search: a tantivy index derived from SQLite, kept in step through the outbox
//! (`index_outbox`, filled by triggers in the same transaction as every change),
//! and queried with stemming, typo tolerance, prefixes and phrases.
//!
//! The index can be deleted at any time: it is rebuilt from SQLite.

mod background;
mod count;
mod directory;
pub mod document;
mod facets;
mod index;
mod loose;
mod prebuilt;
pub mod query;
pub mod saved;
mod schema;
pub mod snippet;
mod stem_cache;

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Order, TantivyDocument, Term};

pub use background::{BATCH_WINDOW, BackgroundIndexer};
pub use facets::Facets;
pub use index::{CommitPolicy, GENERATION_KEY, PURGED_KEY, SearchIndex};
pub use schema::SCHEMA_VERSION;
pub use stem_cache::StemMemo;

use crate::journal::Kind;
use crate::{Error, Result, clock};

crate::journal::model::word_enum!(
    /// Result order: best match first, or newest first.
    Sort, "sort" { Relevance = "relevance", Date = "date" }
);

// `word_enum!` owns the derive list, so Default is written out.
#[allow(clippy::derivable_impls)]
impl Default for Sort {
    fn default() -> Self {
        Sort::Relevance
    }
}

/// A search: the words typed and the filters chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchRequest {
    pub query: String,
    pub kind: Option<Kind>,
    pub person: Option<String>,
    pub tag: Option<String>,
    pub behaviour: Option<String>,
    pub level: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sort: Sort,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hit {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub date: String,
    pub score: f32,
    /// HTML-escaped text with the matches in `<mark>`…`</mark>`.
    pub snippet: String,
    /// The title, HTML-escaped, with its matches marked.
    pub title_html: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchResults {
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 1000;
/// A query is one line someone typed: as long as any one-line field. Every word
/// becomes fuzzy and exact queries over several fields, so a pasted page (10,000
/// words took a minute) is refused rather than searched.
pub const MAX_QUERY_CHARS: usize = crate::journal::validate::MAX_LINE_CHARS;

fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

fn term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// The filters of `req`, resolved against SQLite (a person by any of their names,
/// a behaviour by id in any case), each an error naming the field when unknown.
fn filters(
    conn: &Connection,
    ix: &SearchIndex,
    req: &SearchRequest,
) -> Result<Vec<(Occur, Box<dyn Query>)>> {
    let f = &ix.fields;
    let mut out = Vec::new();
    if let Some(kind) = req.kind {
        out.push(filter(term(f.kind, kind.as_str())));
    }
    if let Some(name) = &req.person {
        let canonical = crate::journal::person_name(conn, name)?;
        out.push(filter(term(f.person, &canonical)));
    }
    if let Some(tag) = &req.tag {
        let t = tag.trim().trim_start_matches('#').to_lowercase();
        if t.is_empty() {
            return Err(Error::invalid("tag", "must not be empty"));
        }
        out.push(filter(term(f.tag, &t)));
    }
    if let Some(b) = &req.behaviour {
        let b = crate::ladder::store::behaviour(conn, b)?;
        out.push(filter(term(f.behaviour, &b.id)));
    }
    if let Some(level) = &req.level {
        // CODE or TRACK/CODE; the facet holds the level's behaviour-id prefix.
        let level = crate::ladder::resolve_level(conn, level)?;
        out.push(filter(term(f.level, &level.key())));
    }
    let day = |field: &str, d: &Option<String>| -> Result<Option<u64>> {
        d.as_deref()
            .map(|d| {
                clock::parse_date(field, d.trim())
                    .map(|d| document::date_number(&d.format("%Y-%m-%d").to_string()))
            })
            .transpose()
    };
    let (since, until) = (day("since", &req.since)?, day("until", &req.until)?);
    if since.is_some() || until.is_some() {
        use std::ops::Bound;
        let lower = since.map_or(Bound::Unbounded, |d| {
            Bound::Included(Term::from_field_u64(f.date, d))
        });
        let upper = until.map_or(Bound::Unbounded, |d| {
            Bound::Included(Term::from_field_u64(f.date, d))
        });
        out.push(filter(Box::new(RangeQuery::new(lower, upper))));
    }
    Ok(out)
}

fn tantivy_err(e: tantivy::TantivyError) -> Error {
    index::tantivy_err("search", e)
}

/// Runs `req` against the index. Entries matching every part of the query come
/// first (when sorting by relevance), then entries matching some.
pub fn search(conn: &Connection, ix: &SearchIndex, req: &SearchRequest) -> Result<SearchResults> {
    let limit = req.limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::invalid(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let chars = req.query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Error::invalid(
            "query",
            format!("is {chars} characters; the limit is {MAX_QUERY_CHARS}"),
        ));
    }
    let (limit, offset) = (limit as usize, req.offset.unwrap_or(0) as usize);
    let parts = query::parse(&req.query);
    let filters = filters(conn, ix, req)?;
    let f = &ix.fields;
    let with_filters = |main: Box<dyn Query>| -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];
        clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
        Box::new(BooleanQuery::new(clauses))
    };
    let searcher = ix.reader.searcher();
    // Each part's weight (and typo automaton) is built once, however often it runs.
    let scoring = EnableScoring::enabled_from_searcher(&searcher);
    let clauses: Vec<Vec<query::Clause>> = parts.iter().map(|p| query::clauses(f, p)).collect();
    let groups: Vec<Box<dyn Query>> = clauses
        .iter()
        .map(|c| {
            prebuilt::prebuilt(&*query::part_query(c), scoring)
                .map(|q| Box::new(q) as Box<dyn Query>)
        })
        .collect::<tantivy::Result<_>>()
        .map_err(tantivy_err)?;
    let any: Box<dyn Query> = if groups.is_empty() {
        Box::new(AllQuery)
    } else {
        Box::new(BooleanQuery::new(
            groups
                .iter()
                .map(|g| (Occur::Should, g.box_clone()))
                .collect(),
        ))
    };
    let any = with_filters(any);
    let live: Vec<tantivy::index::SegmentId> = searcher
        .segment_readers()
        .iter()
        .map(|r| r.segment_id())
        .collect();
    ix.facet_tables.retain(&live);
    // The total and the facets are counted in the same pass over every match as the
    // ranking of the any-word query (or the date order) where there is one: each
    // pass over the union of a query's parts costs about as much as the other.
    let counts = facets::CountAndFacets(&ix.facet_tables);
    let total;
    let facets;
    let mut ranked: Vec<(f32, DocAddress)> = Vec::new();
    if req.sort == Sort::Date || groups.is_empty() {
        let top = TopDocs::with_limit(limit)
            .and_offset(offset)
            .order_by_fast_field::<u64>("date", Order::Desc);
        let (newest, (t, f)) = searcher
            .search(&*any, &(top, counts))
            .map_err(tantivy_err)?;
        (total, facets) = (t, f);
        ranked = newest.into_iter().map(|(_, d)| (0.0, d)).collect();
    } else {
        let want = offset + limit;
        if groups.len() > 1 {
            let all = with_filters(Box::new(BooleanQuery::new(
                groups
                    .iter()
                    .map(|g| (Occur::Must, g.box_clone()))
                    .collect(),
            )));
            ranked = searcher
                .search(&*all, &TopDocs::with_limit(want).order_by_score())
                .map_err(tantivy_err)?;
        }
        if ranked.len() < want {
            let seen: HashSet<DocAddress> = ranked.iter().map(|(_, d)| *d).collect();
            let top = TopDocs::with_limit(want + seen.len()).order_by_score();
            let (more, (t, f)) = searcher
                .search(&*any, &(top, counts))
                .map_err(tantivy_err)?;
            (total, facets) = (t, f);
            ranked.extend(more.into_iter().filter(|(_, d)| !seen.contains(d)));
        } else {
            // Only the total and facets are left: counted without scoring.
            let filters: Vec<Box<dyn Query>> = filters.iter().map(|(_, q)| q.box_clone()).collect();
            (total, facets) =
                count::count_any(&searcher, &counts, &clauses, &filters).map_err(tantivy_err)?;
        }
        ranked = ranked.into_iter().skip(offset).take(limit).collect();
    }
    let mut hits = Vec::with_capacity(ranked.len());
    let mut marks = snippet::Matcher::new(&parts);
    for (score, addr) in ranked {
        let doc: TantivyDocument = searcher.doc(addr).map_err(tantivy_err)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let date = doc.get_first(f.date).and_then(|v| v.as_u64()).unwrap_or(0);
        let title = text(f.title);
        let body = text(f.text);
        hits.push(Hit {
            id: text(f.id),
            kind: text(f.kind),
            title_html: marks.snippet(&title),
            snippet: marks.snippet(&body),
            title,
            date: format!(
                "{:04}-{:02}-{:02}",
                date / 10000,
                date / 100 % 100,
                date % 100
            ),
            score,
        });
    }
    Ok(SearchResults {
        total,
        hits,
        facets,
    })
}
