//! `rungs searches [--delete NAME]`: the saved searches.

use clap::Args as ClapArgs;

use super::output;
use crate::search::saved;
use crate::{Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Delete the saved search NAME
    #[arg(long, value_name = "NAME")]
    delete: Option<String>,
    /// Print JSON: [{name, request, updated_at}]
    #[arg(long)]
    json: bool,
}

pub fn run(journal: Journal, a: Args) -> Result<()> {
    let conn = journal.database().conn();
    if let Some(name) = &a.delete {
        saved::delete(conn, name)?;
        return output::print(&format!("Deleted the saved search \"{}\".\n", name.trim()));
    }
    let list = saved::list(conn)?;
    if a.json {
        return output::json(&list);
    }
    if list.is_empty() {
        return output::print(
            "No saved searches. Save one with `rungs search QUERY --save NAME`.\n",
        );
    }
    let mut s = String::new();
    for ss in &list {
        let r = &ss.request;
        let mut filters = Vec::new();
        if let Some(k) = r.kind {
            filters.push(format!("kind {k}"));
        }
        for (label, v) in [
            ("person", &r.person),
            ("tag", &r.tag),
            ("behaviour", &r.behaviour),
            ("level", &r.level),
            ("since", &r.since),
            ("until", &r.until),
        ] {
            if let Some(v) = v {
                filters.push(format!("{label} {v}"));
            }
        }
        s.push_str(&format!(
            "{}: \"{}\"{}\n",
            ss.name,
            r.query,
            if filters.is_empty() {
                String::new()
            } else {
                format!("  ({})", filters.join(", "))
            }
        ));
    }
    output::print(&s)
}
