//! The coverage heatmap: the brief's behaviours (rows, in ladder order, grouped by
//! level then section) × the months of its period (columns); a cell counts the
//! evidence entries dated in that month and within the period, and lists them.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::brief::{Data, Scope, evidence};
use super::{Heatmap, HeatmapCell, HeatmapRow};
use crate::Result;

/// Reads what the heatmap needs and computes it.
pub fn build(conn: &Connection, scope: &Scope) -> Result<Heatmap> {
    Ok(from_data(&Data::load(conn, scope.clone())?))
}

pub(crate) fn from_data(data: &Data) -> Heatmap {
    let months = months(&data.scope.since, &data.scope.until);
    let mut rows = Vec::new();
    for (level_ref, level, _) in &data.levels {
        for section in &level.sections {
            for b in &section.behaviours {
                let entries = data.in_period(&b.id);
                let cells = months
                    .iter()
                    .map(|m| {
                        let here: Vec<_> = entries
                            .iter()
                            .filter(|e| e.date.starts_with(m.as_str()))
                            .map(|e| evidence(e))
                            .collect();
                        HeatmapCell {
                            count: here.len() as u32,
                            entries: here,
                        }
                    })
                    .collect();
                rows.push(HeatmapRow {
                    behaviour: b.id.clone(),
                    text: b.text.clone(),
                    level: level_ref.code.clone(),
                    section: section.title.clone(),
                    cells,
                });
            }
        }
    }
    Heatmap { months, rows }
}

/// `YYYY-MM` of every month from `since`'s to `until`'s, both included.
pub fn months(since: &str, until: &str) -> Vec<String> {
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let (Some(from), Some(to)) = (parse(since), parse(until)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        out.push(format!("{y:04}-{m:02}"));
        if m == 12 {
            (y, m) = (y + 1, 1);
        } else {
            m += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::months;

    #[test]
    fn months_span_the_period_across_a_year_end() {
        assert_eq!(
            months("2025-11-30", "2026-02-01"),
            ["2025-11", "2025-12", "2026-01", "2026-02"]
        );
        assert_eq!(months("2026-03-01", "2026-03-31"), ["2026-03"]);
    }
}
