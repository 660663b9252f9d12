//! The obvious alternative: SQLite's own full-text search (FTS5, bundled with
//! rusqlite) over the same text, ranked by bm25 with the title weighted like Rungs
//! does, snippets from `snippet()`. Filtered queries use FTS5's best plan: the
//! full-text match drives the join (`CROSS JOIN`), filters are checked per match.

use std::path::Path;

use rusqlite::{Connection, params};

use crate::corpus::Doc;
use crate::mix::{Filter, Query};

pub struct Fts5 {
    conn: Connection,
}

/// Hits returned (rowid, title, snippet), for a sanity check of the result.
pub type Hits = Vec<(i64, String, String)>;

impl Fts5 {
    /// Creates the table in `path` and loads `docs` in one transaction.
    pub fn build(path: &Path, docs: &[Doc]) -> Fts5 {
        let conn = Connection::open(path).expect("open fts5 db");
        let enabled: bool = conn
            .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
                r.get(0)
            })
            .expect("compile options");
        assert!(enabled, "rusqlite's bundled SQLite lacks FTS5");
        let _: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .unwrap();
        conn.execute_batch(
            "PRAGMA synchronous = FULL;
             CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'porter unicode61');
             INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
             CREATE TABLE meta (id INTEGER PRIMARY KEY, date TEXT NOT NULL);
             CREATE TABLE people (id INTEGER NOT NULL, person TEXT NOT NULL);",
        )
        .expect("fts5 schema");
        let tx = conn.unchecked_transaction().unwrap();
        {
            let mut fts = tx
                .prepare("INSERT INTO fts (rowid, title, body) VALUES (?1, ?2, ?3)")
                .unwrap();
            let mut meta = tx
                .prepare("INSERT INTO meta (id, date) VALUES (?1, ?2)")
                .unwrap();
            let mut people = tx
                .prepare("INSERT INTO people (id, person) VALUES (?1, ?2)")
                .unwrap();
            for (i, d) in docs.iter().enumerate() {
                let id = i as i64 + 1;
                fts.execute(params![id, d.title, d.body]).unwrap();
                meta.execute(params![id, d.date]).unwrap();
                for p in &d.people {
                    people.execute(params![id, p]).unwrap();
                }
            }
        }
        tx.execute_batch("CREATE INDEX people_by_entry ON people (id, person);")
            .unwrap();
        tx.commit().unwrap();
        Fts5 { conn }
    }

    /// The FTS5 query language form of `q` (FTS5 has no typo tolerance: a typo is
    /// searched as typed).
    fn match_expr(q: &Query) -> String {
        let words = q.text.split_whitespace().collect::<Vec<_>>();
        if q.phrase {
            format!("\"{}\"", words.join(" "))
        } else if q.prefix {
            let (last, rest) = words.split_last().expect("a word");
            rest.iter()
                .map(|w| format!("\"{w}\""))
                .chain([format!("\"{last}\"*")])
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(" ")
        }
    }

    pub fn search(&self, q: &Query) -> Hits {
        let expr = Self::match_expr(q);
        let row = |r: &rusqlite::Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
        match &q.filter {
            None => {
                let mut stmt = self
                    .conn
                    .prepare_cached(
                        "SELECT rowid, title, snippet(fts, 1, '<mark>', '</mark>', '…', 24)
                         FROM fts WHERE fts MATCH ?1 ORDER BY rank LIMIT 10",
                    )
                    .unwrap();
                stmt.query_map([&expr], row)
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap()
            }
            Some(Filter {
                person,
                since,
                until,
            }) => {
                let mut stmt = self
                    .conn
                    .prepare_cached(
                        "SELECT fts.rowid, fts.title,
                                snippet(fts, 1, '<mark>', '</mark>', '…', 24)
                         FROM fts CROSS JOIN meta ON meta.id = fts.rowid
                         WHERE fts MATCH ?1 AND meta.date BETWEEN ?2 AND ?3
                           AND EXISTS (SELECT 1 FROM people p
                                       WHERE p.id = fts.rowid AND p.person = ?4)
                         ORDER BY fts.rank LIMIT 10",
                    )
                    .unwrap();
                stmt.query_map(params![expr, since, until, person], row)
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap()
            }
        }
    }

    /// SQLite's plan for the filtered query, for the report.
    pub fn filtered_plan(&self) -> String {
        let mut stmt = self
            .conn
            .prepare(
                "EXPLAIN QUERY PLAN
                 SELECT fts.rowid, fts.title, snippet(fts, 1, '<mark>', '</mark>', '…', 24)
                 FROM fts CROSS JOIN meta ON meta.id = fts.rowid
                 WHERE fts MATCH 'x' AND meta.date BETWEEN 'a' AND 'b'
                   AND EXISTS (SELECT 1 FROM people p WHERE p.id = fts.rowid AND p.person = 'p')
                 ORDER BY fts.rank LIMIT 10",
            )
            .unwrap();
        stmt.query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect::<Vec<_>>()
            .join("; ")
    }
}
