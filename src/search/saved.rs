//! Saved searches: a name and the request, kept in SQLite with the journal. The CLI
//! (`rungs search --save`, `rungs searches`) and the app's sidebar share them through
//! the [`Journal`] methods at the end.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::SearchRequest;
use crate::{Error, Journal, Result, clock, journal::validate};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedSearch {
    pub name: String,
    pub request: SearchRequest,
    pub updated_at: String,
}

/// Saves the search called `name`. A saved search of that name (names compare
/// without regard to case) is replaced only when `replace` says so; otherwise the
/// call fails with [`Error::Conflict`] naming it and nothing changes, so that a
/// name typed again by mistake does not silently lose the search saved under it.
pub fn save(
    conn: &Connection,
    name: &str,
    request: &SearchRequest,
    replace: bool,
) -> Result<SavedSearch> {
    let name = validate::name("name", name)?;
    let json =
        serde_json::to_string(request).map_err(|e| Error::invalid("search", e.to_string()))?;
    let now = clock::now_timestamp();
    let sql = if replace {
        "INSERT INTO saved_searches (name, request, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (name) DO UPDATE SET request = excluded.request, updated_at = excluded.updated_at"
    } else {
        // One statement, so that a search saved by another process between a check
        // and the write is not overwritten either.
        "INSERT INTO saved_searches (name, request, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (name) DO NOTHING"
    };
    if conn.execute(sql, params![name, json, now])? == 0 {
        let existing = get(conn, &name).map_or(name, |s| s.name);
        return Err(Error::Conflict(format!(
            "a saved search named \"{existing}\" already exists; save under another name or replace it"
        )));
    }
    get(conn, &name)
}

pub fn get(conn: &Connection, name: &str) -> Result<SavedSearch> {
    conn.query_row(
        "SELECT name, request, updated_at FROM saved_searches WHERE name = ?1",
        [name.trim()],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("saved search", name.trim()))
    .and_then(|(name, json, updated_at)| {
        Ok(SavedSearch {
            request: serde_json::from_str(&json).map_err(|e| {
                Error::Conflict(format!("saved search '{name}' cannot be read: {e}"))
            })?,
            name,
            updated_at,
        })
    })
}

pub fn list(conn: &Connection) -> Result<Vec<SavedSearch>> {
    let names: Vec<String> = {
        let mut stmt =
            conn.prepare("SELECT name FROM saved_searches ORDER BY name COLLATE NOCASE")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    names.iter().map(|n| get(conn, n)).collect()
}

pub fn delete(conn: &Connection, name: &str) -> Result<()> {
    match conn.execute("DELETE FROM saved_searches WHERE name = ?1", [name.trim()])? {
        0 => Err(Error::not_found("saved search", name.trim())),
        _ => Ok(()),
    }
}

impl Journal {
    /// The saved searches, by name (case-insensitive).
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        list(self.database().conn())
    }

    /// Saves `request` as `name`; a saved search of that name is replaced only with
    /// `replace`, else refused ([`Error::Conflict`], see [`save`]). The request
    /// is run first, so one whose filters name an unknown person, behaviour or level,
    /// or a bad date, is refused with that field's error and nothing is stored.
    pub fn save_search(
        &mut self,
        name: &str,
        request: &SearchRequest,
        replace: bool,
    ) -> Result<SavedSearch> {
        validate::name("name", name)?;
        self.search(&SearchRequest {
            limit: Some(1),
            offset: None,
            ..request.clone()
        })?;
        save(self.database().conn(), name, request, replace)
    }

    pub fn delete_saved_search(&self, name: &str) -> Result<()> {
        delete(self.database().conn(), name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Details, EntryInput, Learning};

    fn learning(title: &str) -> EntryInput {
        EntryInput {
            title: Some(title.into()),
            date: "2026-11-20".into(),
            time: None,
            tags: vec!["tls".into()],
            behaviours: vec![],
            details: Details::Learning(Learning {
                body: format!("Notes about {title}"),
                source: None,
            }),
        }
    }

    fn titles(j: &mut Journal, req: &SearchRequest) -> Vec<String> {
        j.search(req)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.title)
            .collect()
    }

    #[test]
    fn a_saved_search_is_listed_rerun_and_deleted() {
        let mut j = Journal::open_in_memory().unwrap();
        j.add(learning("Certificate renewal")).unwrap();
        j.add(learning("Proxy timeouts")).unwrap();
        let req = SearchRequest {
            query: "certifcate".into(),
            tag: Some("tls".into()),
            ..Default::default()
        };
        let saved = j.save_search("  Certs ", &req, false).unwrap();
        assert_eq!(saved.name, "Certs");
        let list = j.saved_searches().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].request, req);
        assert_eq!(titles(&mut j, &list[0].request), ["Certificate renewal"]);
        j.delete_saved_search("Certs").unwrap();
        assert!(j.saved_searches().unwrap().is_empty());
        assert!(matches!(
            j.delete_saved_search("Certs"),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn a_taken_name_is_refused_naming_it_unless_replacing() {
        let mut j = Journal::open_in_memory().unwrap();
        j.add(learning("Certificate renewal")).unwrap();
        let first = SearchRequest {
            query: "certificate".into(),
            ..Default::default()
        };
        let second = SearchRequest {
            query: "proxy".into(),
            ..Default::default()
        };
        j.save_search("Certs", &first, false).unwrap();
        // The same name in another case is the same saved search.
        let err = j.save_search(" certs ", &second, false).unwrap_err();
        assert!(matches!(&err, Error::Conflict(_)), "{err:?}");
        assert!(
            err.to_string().contains("\"Certs\" already exists"),
            "{err}"
        );
        let list = j.saved_searches().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].request, first, "the refused save changed nothing");

        let replaced = j.save_search("certs", &second, true).unwrap();
        assert_eq!(replaced.name, "Certs", "replacing keeps the stored name");
        let list = j.saved_searches().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].request, second);
        // `replace` on a new name simply saves it.
        j.save_search("Proxies", &second, true).unwrap();
        assert_eq!(j.saved_searches().unwrap().len(), 2);
    }

    #[test]
    fn a_search_that_cannot_run_is_refused_naming_the_field_and_not_stored() {
        let mut j = Journal::open_in_memory().unwrap();
        j.add(learning("Certificate renewal")).unwrap();
        let unknown = SearchRequest {
            person: Some("Nobody Known".into()),
            ..Default::default()
        };
        let err = j.save_search("who", &unknown, false).unwrap_err();
        assert!(
            matches!(&err, Error::NotFound { what: "person", .. }),
            "{err:?}"
        );
        let bad_date = SearchRequest {
            since: Some("last tuesdayish".into()),
            ..Default::default()
        };
        let err = j.save_search("when", &bad_date, false).unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "since"),
            "{err:?}"
        );
        let err = j
            .save_search(" ", &SearchRequest::default(), false)
            .unwrap_err();
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "name"));
        assert!(j.saved_searches().unwrap().is_empty());
    }
}
