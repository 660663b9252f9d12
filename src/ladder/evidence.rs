//! How much evidence each behaviour has: how many entries (not in the trash) link to
//! it and the date of the latest. The ladder view shows it beside every behaviour, so
//! the gaps (no evidence, or only old evidence) stand out; `ListFilter::behaviour`
//! lists the entries themselves.

use rusqlite::Connection;
use serde::Serialize;

use crate::Result;

/// The evidence of one behaviour. Behaviours without any are not listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evidence {
    /// The behaviour id (`L1.2.4`).
    pub behaviour: String,
    /// Entries not in the trash that link to it.
    pub entries: u32,
    /// The date (`YYYY-MM-DD`) of the latest of them.
    pub latest: String,
}

/// Every behaviour with at least one linked entry, by id.
pub fn all(conn: &Connection) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare(
        "SELECT eb.behaviour_id, COUNT(*), MAX(e.date)
         FROM entry_behaviours eb JOIN entries e ON e.id = eb.entry_id
         WHERE e.deleted_at IS NULL
         GROUP BY eb.behaviour_id ORDER BY eb.behaviour_id",
    )?;
    Ok(stmt
        .query_map([], |r| {
            Ok(Evidence {
                behaviour: r.get(0)?,
                entries: r.get(1)?,
                latest: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::Evidence;
    use crate::journal::{Details, EntryInput, Journal, Learning, ListFilter};

    fn learning(title: &str, date: &str, behaviours: &[&str]) -> EntryInput {
        EntryInput {
            title: Some(title.into()),
            date: date.into(),
            time: None,
            tags: vec![],
            behaviours: behaviours.iter().map(|b| b.to_string()).collect(),
            details: Details::Learning(Learning {
                body: "body".into(),
                source: None,
            }),
        }
    }

    fn titles(j: &Journal, behaviour: &str) -> crate::Result<Vec<String>> {
        let filter = ListFilter {
            behaviour: Some(behaviour.into()),
            ..Default::default()
        };
        Ok(j.list(&filter)?.into_iter().map(|e| e.title).collect())
    }

    #[test]
    fn counts_and_latest_date_follow_links_and_the_trash() {
        let mut j = Journal::open_in_memory().unwrap();
        assert_eq!(j.evidence().unwrap(), vec![]);
        j.add(learning("old", "2026-01-05", &["L1.1.1"])).unwrap();
        let newer = j
            .add(learning("new", "2026-03-02", &["L1.1.1", "L2.1.1"]))
            .unwrap();
        j.add(learning("none", "2026-04-01", &[])).unwrap();
        let ev = |behaviour: &str, entries: u32, latest: &str| Evidence {
            behaviour: behaviour.into(),
            entries,
            latest: latest.into(),
        };
        assert_eq!(
            j.evidence().unwrap(),
            vec![ev("L1.1.1", 2, "2026-03-02"), ev("L2.1.1", 1, "2026-03-02")]
        );
        // An entry in the trash is no evidence; unlinking takes it away too.
        j.delete(&newer.id).unwrap();
        assert_eq!(j.evidence().unwrap(), vec![ev("L1.1.1", 1, "2026-01-05")]);
        j.undelete(&newer.id).unwrap();
        j.unlink(&newer.id, &["L1.1.1".into()]).unwrap();
        assert_eq!(
            j.evidence().unwrap(),
            vec![ev("L1.1.1", 1, "2026-01-05"), ev("L2.1.1", 1, "2026-03-02")]
        );
    }

    #[test]
    fn the_list_filter_by_behaviour_lists_its_evidence() {
        let mut j = Journal::open_in_memory().unwrap();
        j.add(learning("a", "2026-01-05", &["L1.1.1"])).unwrap();
        j.add(learning("b", "2026-02-05", &["L1.1.1", "L1.1.2"]))
            .unwrap();
        j.add(learning("c", "2026-03-05", &["L1.1.2"])).unwrap();
        // Newest first, the id matched ignoring case.
        assert_eq!(titles(&j, "l1.1.1").unwrap(), ["b", "a"]);
        assert_eq!(titles(&j, "L1.1.2").unwrap(), ["c", "b"]);
        // A behaviour nobody linked yet has no evidence; an unknown id is an error.
        assert_eq!(titles(&j, "L2.1.1").unwrap(), Vec::<String>::new());
        let err = titles(&j, "L9.9.9").unwrap_err();
        assert_eq!(err.code(), "not_found");
        assert!(err.to_string().contains("L9.9.9"), "{err}");
    }
}
