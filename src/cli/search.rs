//! `rungs search QUERY [filters] [--save NAME | --saved NAME]`: full-text search.

use std::io::IsTerminal;

use clap::Args as ClapArgs;

use super::filter_flags::Filters;
use super::output;
use crate::search::{SearchRequest, SearchResults, Sort, saved};
use crate::{Error, Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Words to find; "quoted phrases" match exactly; the last word also matches as a prefix
    #[arg(value_name = "QUERY", num_args = 0..)]
    query: Vec<String>,
    #[command(flatten)]
    filters: Filters,
    /// Only entries linked to this behaviour, e.g. L1.2.4
    #[arg(long, value_name = "ID")]
    behaviour: Option<String>,
    /// Only entries linked to a behaviour of this level, e.g. L2
    #[arg(long, value_name = "CODE")]
    level: Option<String>,
    /// relevance (default) or date (newest first)
    #[arg(long, value_name = "ORDER")]
    sort: Option<String>,
    /// At most this many hits (default 20)
    #[arg(long, value_name = "N")]
    limit: Option<u32>,
    /// Save this search under NAME (see `rungs searches`)
    #[arg(long, value_name = "NAME", conflicts_with = "saved")]
    save: Option<String>,
    /// With --save: replace a saved search of that name (without it, a taken name is refused)
    #[arg(long, requires = "save")]
    replace: bool,
    /// Run the saved search NAME (flags given here override its filters)
    #[arg(long, value_name = "NAME")]
    saved: Option<String>,
    /// Print JSON: {total, hits: [{id, kind, title, date, score, snippet}], facets}
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    let mut req = match &a.saved {
        Some(name) => saved::get(journal.database().conn(), name)?.request,
        None => SearchRequest::default(),
    };
    if !a.query.is_empty() {
        req.query = a.query.join(" ");
    }
    if let Some(k) = a.filters.kind()? {
        req.kind = Some(k);
    }
    for (dst, src) in [
        (&mut req.person, a.filters.person),
        (&mut req.tag, a.filters.tag),
        (&mut req.behaviour, a.behaviour),
        (&mut req.level, a.level),
        (&mut req.since, a.filters.since),
        (&mut req.until, a.filters.until),
    ] {
        if src.is_some() {
            *dst = src;
        }
    }
    if let Some(s) = &a.sort {
        req.sort = Sort::parse(s)?;
    }
    if a.limit.is_some() {
        req.limit = a.limit;
    }
    let results = journal.search(&req)?;
    if let Some(name) = &a.save {
        saved::save(journal.database().conn(), name, &req, a.replace).map_err(|e| match e {
            Error::Conflict(m) => Error::Conflict(format!("{m} (--replace replaces it)")),
            e => e,
        })?;
        if !a.json {
            eprintln!(
                "Saved as \"{}\"; run it again with `rungs search --saved {:?}`.",
                name.trim(),
                name.trim()
            );
        }
    }
    if a.json {
        output::json(&results)
    } else {
        output::print(&render(&results, std::io::stdout().is_terminal()))
    }
}

/// Marked HTML snippet → terminal text (matches in reverse video, or [brackets]).
fn terminal(html: &str, colour: bool) -> String {
    let (on, off) = if colour {
        ("\x1b[1;7m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    html.replace("<mark>", on)
        .replace("</mark>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn render(r: &SearchResults, colour: bool) -> String {
    if r.total == 0 {
        return "No matches.\n".into();
    }
    let mut s = format!(
        "{} {} (showing {})\n\n",
        r.total,
        if r.total == 1 { "match" } else { "matches" },
        r.hits.len()
    );
    for h in &r.hits {
        s.push_str(&format!(
            "{}  {:<8}  {}\n",
            h.date,
            h.kind,
            terminal(&h.title_html, colour)
        ));
        if !h.snippet.is_empty() {
            s.push_str(&format!("    {}\n", terminal(&h.snippet, colour)));
        }
        s.push_str(&format!("    {}\n\n", h.id));
    }
    s
}
