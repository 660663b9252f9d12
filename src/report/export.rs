//! The brief as a file: JSON in the exact shape (for tools), Markdown that
//! renders cleanly on GitHub, and one self-contained, print-friendly HTML page (inline
//! CSS, no scripts, no remote resources) with the heatmap as inline SVG.
//!
//! Whatever the user wrote is escaped for the format it lands in (Markdown: every
//! character with a meaning is backslash-escaped, `<` and `&` included, so no HTML
//! gets through; HTML: entity-escaped text), so an entry holding `<script>` or
//! `<img onerror=…>` produces no active content anywhere. Files are written through
//! a temporary file in the same directory and renamed into place.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use serde::Serialize;

use super::{
    BehaviourEvidence, Brief, BriefFormat, Coverage, EvidenceEntry, FeedbackQuote, Heatmap,
    SinceSource, TalkingPointKind,
};
use crate::journal::{GoalStatus, Kind};
use crate::{Error, Result};

/// The brief as text in `format`.
pub fn render(brief: &Brief, format: BriefFormat) -> String {
    match format {
        BriefFormat::Json => json(brief),
        BriefFormat::Md => markdown(brief),
        BriefFormat::Html => html(brief),
    }
}

/// Writes `text` to `path` atomically: a temporary file beside it, flushed to disk,
/// then renamed over it. On any error nothing is left behind and an existing file
/// at `path` is untouched.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let shown = path.display();
    let mut tmp = tempfile::Builder::new()
        .prefix(".rungs-brief-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(format!("cannot write {shown}"), e))?;
    tmp.write_all(text.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Error::io(format!("cannot write {shown}"), e))?;
    tmp.persist(path)
        .map_err(|e| Error::io(format!("cannot write {shown}"), e.error))?;
    Ok(())
}

// ---- JSON: exactly the fields ----

#[derive(Serialize)]
struct JsonBrief<'a> {
    person: Option<&'a str>,
    level: &'a str,
    target: Option<&'a str>,
    since: &'a str,
    until: &'a str,
    behaviours: Vec<JsonBehaviour<'a>>,
    gaps: &'a [String],
    stale: &'a [String],
    goals: Vec<JsonGoal<'a>>,
    talking_points: Vec<JsonPoint<'a>>,
}

#[derive(Serialize)]
struct JsonBehaviour<'a> {
    id: &'a str,
    level: &'a str,
    section: &'a str,
    text: &'a str,
    count: u32,
    latest: Option<&'a str>,
    entries: Vec<JsonEntry<'a>>,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    id: &'a str,
    kind: Kind,
    title: &'a str,
    date: &'a str,
}

#[derive(Serialize)]
struct JsonGoal<'a> {
    id: &'a str,
    text: &'a str,
    status: GoalStatus,
    behaviours: Vec<&'a str>,
    agreed_on: &'a str,
    /// Ids of the evidence entries since the goal was agreed.
    evidence_since: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonPoint<'a> {
    text: &'a str,
    kind: TalkingPointKind,
    entries: &'a [String],
}

fn behaviours(brief: &Brief) -> impl Iterator<Item = &BehaviourEvidence> {
    brief
        .levels
        .iter()
        .flat_map(|l| &l.sections)
        .flat_map(|s| &s.behaviours)
}

fn json(brief: &Brief) -> String {
    let out = JsonBrief {
        person: brief.person.as_deref(),
        level: &brief.level.code,
        target: brief.target.as_ref().map(|t| t.code.as_str()),
        since: &brief.since,
        until: &brief.until,
        behaviours: behaviours(brief)
            .map(|b| JsonBehaviour {
                id: &b.id,
                level: &b.level,
                section: &b.section,
                text: &b.text,
                count: b.count,
                latest: b.latest.as_deref(),
                entries: b
                    .entries
                    .iter()
                    .map(|e| JsonEntry {
                        id: &e.id,
                        kind: e.kind,
                        title: &e.title,
                        date: &e.date,
                    })
                    .collect(),
            })
            .collect(),
        gaps: &brief.gaps,
        stale: &brief.stale,
        goals: brief
            .goals
            .iter()
            .map(|g| JsonGoal {
                id: &g.id,
                text: &g.text,
                status: g.status,
                behaviours: g.behaviours.iter().map(|b| b.id.as_str()).collect(),
                agreed_on: &g.agreed_on,
                evidence_since: g.evidence_since.iter().map(|e| e.id.as_str()).collect(),
            })
            .collect(),
        talking_points: brief
            .talking_points
            .iter()
            .map(|p| JsonPoint {
                text: &p.text,
                kind: p.kind,
                entries: &p.entries,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).expect("the brief serializes");
    s.push('\n');
    s
}

// ---- shared wording ----

fn whose(brief: &Brief) -> String {
    match &brief.person {
        Some(p) => p.clone(),
        None => "me".to_string(),
    }
}

fn since_note(brief: &Brief) -> String {
    match (&brief.since_source, &brief.last_conversation) {
        (SinceSource::LastConversation, Some(c)) => {
            format!(
                "since the last growth conversation, with {} on {}",
                c.person, c.date
            )
        }
        (SinceSource::Default, _) => format!(
            "no earlier growth conversation: the {} days before {}",
            super::brief::DEFAULT_DAYS,
            brief.until
        ),
        _ => "as asked".to_string(),
    }
}

/// "1 entry", "3 entries".
fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}

fn point_label(kind: TalkingPointKind) -> &'static str {
    match kind {
        TalkingPointKind::Strength => "Strength",
        TalkingPointKind::Gap => "Gap",
        TalkingPointKind::Theme => "Theme",
    }
}

fn status_label(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Open => "open",
        GoalStatus::Achieved => "achieved",
        GoalStatus::Dropped => "dropped",
    }
}

// ---- Markdown ----

/// User text as one line of inline Markdown that shows exactly as written: line
/// breaks become spaces, and every character that could start markup in the middle
/// of a line (emphasis, code, links, HTML, entities, tables, GitHub's math and
/// strikethrough) is backslash-escaped. Callers never put it at the start of a line,
/// where list and heading markers would matter.
pub fn md(s: &str) -> String {
    let line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_entry(e: &EvidenceEntry) -> String {
    let mut s = format!("{} {} **{}**", e.date, e.kind, md(&e.title));
    if !e.snippet.is_empty() {
        s.push_str(&format!(": {}", md(&e.snippet)));
    }
    s.push_str(&format!(" `{}`", e.id));
    s
}

fn md_quote(q: &FeedbackQuote) -> String {
    let tone = q.tone.map(|t| format!(", {t}")).unwrap_or_default();
    format!(
        "{} {}{}: *Situation:* {} *Behaviour:* {} *Impact:* {} `{}`",
        q.date,
        md(&q.person),
        tone,
        md(&q.situation),
        md(&q.behaviour),
        md(&q.impact),
        q.entry_id
    )
}

fn markdown(brief: &Brief) -> String {
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(w, "# Growth conversation brief: {}\n", md(&whose(brief)));
    let _ = writeln!(
        w,
        "- **Period:** {} to {} ({})",
        brief.since,
        brief.until,
        md(&since_note(brief))
    );
    let _ = writeln!(
        w,
        "- **Level:** {} {}",
        md(&brief.level.code),
        md(&brief.level.title)
    );
    match &brief.target {
        Some(t) => {
            let _ = writeln!(w, "- **Target:** {} {}", md(&t.code), md(&t.title));
        }
        None => {
            let _ = writeln!(w, "- **Target:** none (no next level in the track)");
        }
    }

    let _ = writeln!(w, "\n## Talking points\n");
    if brief.talking_points.is_empty() {
        let _ = writeln!(
            w,
            "Nothing stands out yet: link entries to behaviours to get some."
        );
    }
    for p in &brief.talking_points {
        let ids = p
            .entries
            .iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(w, "- **{}:** {}", point_label(p.kind), md(&p.text));
        if !ids.is_empty() {
            let _ = write!(w, " (evidence: {ids})");
        }
        let _ = writeln!(w);
    }

    let _ = writeln!(w, "\n## Goals from the last growth conversation\n");
    match &brief.last_conversation {
        None => {
            let _ = writeln!(w, "No growth conversation recorded yet.");
        }
        Some(c) if brief.goals.is_empty() => {
            let _ = writeln!(
                w,
                "No goals were recorded at the conversation of {}.",
                c.date
            );
        }
        Some(_) => {}
    }
    for g in &brief.goals {
        let bs = g
            .behaviours
            .iter()
            .map(|b| b.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            w,
            "- **{}** {} (agreed on {}; behaviours: {}; evidence since: {})",
            status_label(g.status),
            md(&g.text),
            g.agreed_on,
            if bs.is_empty() {
                "none".to_string()
            } else {
                md(&bs)
            },
            entries(g.evidence_since.len())
        );
        for e in &g.evidence_since {
            let _ = writeln!(w, "  - {}", md_entry(e));
        }
    }

    for level in &brief.levels {
        let role = if level.target {
            "target level"
        } else {
            "level"
        };
        let _ = writeln!(
            w,
            "\n## {} {} ({role})",
            md(&level.level.code),
            md(&level.level.title)
        );
        for section in &level.sections {
            let _ = writeln!(w, "\n### {}\n", md(&section.title));
            let _ = writeln!(w, "| Behaviour | In period | Latest | Strongest evidence |");
            let _ = writeln!(w, "|---|---|---|---|");
            for b in &section.behaviours {
                let latest = match (&b.latest, b.coverage) {
                    (None, _) => "gap".to_string(),
                    (Some(d), Coverage::Stale) => format!("{d} (stale)"),
                    (Some(d), _) => d.clone(),
                };
                let strongest = b
                    .strongest
                    .iter()
                    .map(md_entry)
                    .collect::<Vec<_>>()
                    .join("<br>");
                let _ = writeln!(
                    w,
                    "| **{}** {} | {} | {} | {} |",
                    md(&b.id),
                    md(&b.text),
                    b.count,
                    latest,
                    strongest
                );
            }
            let quotes: Vec<(&str, &FeedbackQuote)> = section
                .behaviours
                .iter()
                .flat_map(|b| b.feedback.iter().map(move |q| (b.id.as_str(), q)))
                .collect();
            if !quotes.is_empty() {
                let _ = writeln!(w, "\nFeedback received on these behaviours:\n");
                for (id, q) in quotes {
                    let _ = writeln!(w, "- **{}** {}", md(id), md_quote(q));
                }
            }
        }
    }

    let list = |w: &mut String, title: &str, empty: &str, items: Vec<String>| {
        let _ = writeln!(w, "\n## {title}\n");
        if items.is_empty() {
            let _ = writeln!(w, "{empty}");
        }
        for i in items {
            let _ = writeln!(w, "- {i}");
        }
    };
    let text_of = |id: &str| {
        behaviours(brief)
            .find(|b| b.id == id)
            .map(|b| (b.text.clone(), b.latest.clone()))
            .unwrap_or_default()
    };
    list(
        w,
        "Gaps",
        "None: every behaviour has evidence.",
        brief
            .gaps
            .iter()
            .map(|id| format!("**{}** {}", md(id), md(&text_of(id).0)))
            .collect(),
    );
    list(
        w,
        "Stale",
        "None.",
        brief
            .stale
            .iter()
            .map(|id| {
                let (text, latest) = text_of(id);
                format!(
                    "**{}** {} (last evidence {})",
                    md(id),
                    md(&text),
                    latest.unwrap_or_default()
                )
            })
            .collect(),
    );
    list(
        w,
        "Feedback received in the period",
        "None.",
        brief.feedback_received.iter().map(md_quote).collect(),
    );
    list(
        w,
        "Feedback given in the period",
        "None.",
        brief.feedback_given.iter().map(md_quote).collect(),
    );
    list(
        w,
        "Learnings in the period",
        "None.",
        brief.learnings.iter().map(md_entry).collect(),
    );
    list(
        w,
        "Open follow-ups",
        "None.",
        brief
            .open_follow_ups
            .iter()
            .map(|f| {
                format!(
                    "{} (from {} **{}** `{}`)",
                    md(&f.text),
                    f.entry_date,
                    md(&f.entry_title),
                    f.entry_id
                )
            })
            .collect(),
    );
    markdown_heatmap(w, &brief.heatmap);
    s
}

fn markdown_heatmap(w: &mut String, h: &Heatmap) {
    let _ = writeln!(w, "\n## Evidence per month\n");
    if h.rows.is_empty() || h.months.is_empty() {
        let _ = writeln!(w, "No behaviours to show.");
        return;
    }
    let _ = writeln!(w, "| Behaviour | {} |", h.months.join(" | "));
    let _ = writeln!(w, "|---|{}", "---:|".repeat(h.months.len()));
    for r in &h.rows {
        let cells = r
            .cells
            .iter()
            .map(|c| {
                if c.count == 0 {
                    "·".to_string()
                } else {
                    c.count.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" | ");
        let _ = writeln!(w, "| {} | {} |", md(&r.behaviour), cells);
    }
}

// ---- HTML ----

/// Text for HTML content or a quoted attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --accent: #0b6e4f; --gap: #9a3412; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; table-layout: fixed; }
col.c-behaviour { width: 40%; } col.c-count { width: 5.5rem; } col.c-latest { width: 7.5rem; }
td.date { white-space: nowrap; }
.ev + .ev { margin-top: .35rem; }
tr.quotes td { background: #fbfcfd; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; color: var(--muted); }
.tag { display: inline-block; font-size: .75rem; font-weight: 600; padding: 0 .4rem; border-radius: .6rem;
  background: var(--soft); border: 1px solid var(--line); }
.gap { color: var(--gap); font-weight: 600; }
.stale { color: var(--muted); font-style: italic; }
blockquote { margin: .25rem 0 .5rem; padding: .25rem .75rem; border-left: 3px solid var(--accent); background: var(--soft); }
blockquote p { margin: .1rem 0; }
ul { padding-left: 1.25rem; }
li { margin: .2rem 0; }
.cites { margin: .15rem 0 .35rem; font-size: .92em; }
.heatmap { overflow-x: auto; }
.heatmap svg { font: 11px system-ui, sans-serif; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr, li, blockquote, svg { break-inside: avoid; }
  .heatmap { overflow: visible; }
}
";

fn html_entry(e: &EvidenceEntry) -> String {
    let mut s = format!(
        "<span class=\"id\">{}</span> {} <strong>{}</strong>",
        esc(&e.date),
        esc(e.kind.as_str()),
        esc(&e.title)
    );
    if !e.snippet.is_empty() {
        s.push_str(&format!(": {}", esc(&e.snippet)));
    }
    s
}

/// Every entry the brief itself carries (behaviour evidence, goals' evidence,
/// learnings) by id, so a talking point can cite its entries by date, kind and title.
fn cited_entries(brief: &Brief) -> std::collections::HashMap<&str, &EvidenceEntry> {
    behaviours(brief)
        .flat_map(|b| b.entries.iter().chain(&b.strongest))
        .chain(brief.goals.iter().flat_map(|g| &g.evidence_since))
        .chain(&brief.learnings)
        .map(|e| (e.id.as_str(), e))
        .collect()
}

fn html_quote(q: &FeedbackQuote) -> String {
    let tone = q
        .tone
        .map(|t| format!(" <span class=\"tag\">{}</span>", esc(t.as_str())))
        .unwrap_or_default();
    format!(
        "<blockquote><p><span class=\"id\">{}</span> {}{}</p>\
         <p><strong>Situation:</strong> {}</p><p><strong>Behaviour:</strong> {}</p>\
         <p><strong>Impact:</strong> {}</p></blockquote>",
        esc(&q.date),
        esc(&q.person),
        tone,
        esc(&q.situation),
        esc(&q.behaviour),
        esc(&q.impact)
    )
}

fn html(brief: &Brief) -> String {
    let mut s = String::new();
    let w = &mut s;
    let title = format!("Growth conversation brief: {}", whose(brief));
    let _ = write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    let target = match &brief.target {
        Some(t) => format!("{} {}", esc(&t.code), esc(&t.title)),
        None => "none (no next level in the track)".to_string(),
    };
    let _ = writeln!(
        w,
        "<p class=\"meta\">{} to {} ({}) · Level {} {} · Target {}</p>",
        esc(&brief.since),
        esc(&brief.until),
        esc(&since_note(brief)),
        esc(&brief.level.code),
        esc(&brief.level.title),
        target
    );

    let _ = writeln!(w, "<h2>Talking points</h2>");
    if brief.talking_points.is_empty() {
        let _ = writeln!(
            w,
            "<p>Nothing stands out yet: link entries to behaviours to get some.</p>"
        );
    } else {
        let cited = cited_entries(brief);
        let _ = writeln!(w, "<ul>");
        for p in &brief.talking_points {
            let _ = write!(
                w,
                "<li><span class=\"tag\">{}</span> {}",
                point_label(p.kind),
                esc(&p.text)
            );
            if !p.entries.is_empty() {
                let _ = write!(w, "<ul class=\"cites\">");
                for id in &p.entries {
                    let line = match cited.get(id.as_str()) {
                        Some(e) => format!(
                            "<span class=\"id\">{}</span> {} <strong>{}</strong>",
                            esc(&e.date),
                            esc(e.kind.as_str()),
                            esc(&e.title)
                        ),
                        None => format!("<span class=\"id\">{}</span>", esc(id)),
                    };
                    let _ = write!(w, "<li>{line}</li>");
                }
                let _ = write!(w, "</ul>");
            }
            let _ = writeln!(w, "</li>");
        }
        let _ = writeln!(w, "</ul>");
    }

    let _ = writeln!(w, "<h2>Goals from the last growth conversation</h2>");
    match &brief.last_conversation {
        None => {
            let _ = writeln!(w, "<p>No growth conversation recorded yet.</p>");
        }
        Some(c) if brief.goals.is_empty() => {
            let _ = writeln!(
                w,
                "<p>No goals were recorded at the conversation of {}.</p>",
                esc(&c.date)
            );
        }
        Some(_) => {
            let _ = writeln!(w, "<ul>");
            for g in &brief.goals {
                let bs = g
                    .behaviours
                    .iter()
                    .map(|b| esc(&b.id))
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = write!(
                    w,
                    "<li><span class=\"tag\">{}</span> {} <span class=\"id\">agreed on {}; {}; evidence since: {}</span>",
                    status_label(g.status),
                    esc(&g.text),
                    esc(&g.agreed_on),
                    if bs.is_empty() {
                        "no behaviours".to_string()
                    } else {
                        bs
                    },
                    entries(g.evidence_since.len())
                );
                if !g.evidence_since.is_empty() {
                    let _ = write!(w, "<ul>");
                    for e in &g.evidence_since {
                        let _ = write!(w, "<li>{}</li>", html_entry(e));
                    }
                    let _ = write!(w, "</ul>");
                }
                let _ = writeln!(w, "</li>");
            }
            let _ = writeln!(w, "</ul>");
        }
    }

    let _ = writeln!(w, "<h2>Evidence per month</h2>");
    let _ = writeln!(
        w,
        "<p class=\"meta\">Evidence entries per behaviour and month in the period; a cell's \
         tooltip lists its entries.</p>\n<div class=\"heatmap\">{}</div>",
        heatmap_svg(&brief.heatmap)
    );

    for level in &brief.levels {
        let role = if level.target {
            "target level"
        } else {
            "level"
        };
        let _ = writeln!(
            w,
            "<h2>{} {} ({role})</h2>",
            esc(&level.level.code),
            esc(&level.level.title)
        );
        for section in &level.sections {
            let _ = writeln!(w, "<h3>{}</h3>", esc(&section.title));
            let _ = writeln!(
                w,
                "<table><colgroup><col class=\"c-behaviour\"><col class=\"c-count\"><col class=\"c-latest\"><col></colgroup>\
                 <thead><tr><th>Behaviour</th><th>In period</th><th>Latest</th><th>Strongest evidence</th></tr></thead><tbody>"
            );
            for b in &section.behaviours {
                let latest = match (&b.latest, b.coverage) {
                    (None, _) => "<span class=\"gap\">gap</span>".to_string(),
                    (Some(d), Coverage::Stale) => {
                        format!("<span class=\"stale\">{} (stale)</span>", esc(d))
                    }
                    (Some(d), _) => esc(d),
                };
                let strongest = b
                    .strongest
                    .iter()
                    .map(|e| format!("<div class=\"ev\">{}</div>", html_entry(e)))
                    .collect::<String>();
                let quotes = b.feedback.iter().map(html_quote).collect::<String>();
                let _ = writeln!(
                    w,
                    "<tr><td><span class=\"id\">{}</span> {}</td><td class=\"num\">{}</td><td class=\"date\">{}</td><td>{}</td></tr>",
                    esc(&b.id),
                    esc(&b.text),
                    b.count,
                    latest,
                    strongest
                );
                if !quotes.is_empty() {
                    let _ = writeln!(
                        w,
                        "<tr class=\"quotes\"><td colspan=\"4\"><span class=\"id\">Feedback on {}</span>{}</td></tr>",
                        esc(&b.id),
                        quotes
                    );
                }
            }
            let _ = writeln!(w, "</tbody></table>");
        }
    }

    let text_of = |id: &str| {
        behaviours(brief)
            .find(|b| b.id == id)
            .map(|b| (b.text.clone(), b.latest.clone()))
            .unwrap_or_default()
    };
    let list = |w: &mut String, title: &str, empty: &str, items: Vec<String>| {
        let _ = writeln!(w, "<h2>{title}</h2>");
        if items.is_empty() {
            let _ = writeln!(w, "<p>{empty}</p>");
        } else {
            let _ = writeln!(w, "<ul>");
            for i in items {
                let _ = writeln!(w, "<li>{i}</li>");
            }
            let _ = writeln!(w, "</ul>");
        }
    };
    list(
        w,
        "Gaps",
        "None: every behaviour has evidence.",
        brief
            .gaps
            .iter()
            .map(|id| {
                format!(
                    "<span class=\"id\">{}</span> {}",
                    esc(id),
                    esc(&text_of(id).0)
                )
            })
            .collect(),
    );
    list(
        w,
        "Stale",
        "None.",
        brief
            .stale
            .iter()
            .map(|id| {
                let (text, latest) = text_of(id);
                format!(
                    "<span class=\"id\">{}</span> {} <span class=\"stale\">(last evidence {})</span>",
                    esc(id),
                    esc(&text),
                    esc(&latest.unwrap_or_default())
                )
            })
            .collect(),
    );
    let quotes = |qs: &[FeedbackQuote]| qs.iter().map(html_quote).collect::<Vec<_>>();
    list(
        w,
        "Feedback received in the period",
        "None.",
        quotes(&brief.feedback_received),
    );
    list(
        w,
        "Feedback given in the period",
        "None.",
        quotes(&brief.feedback_given),
    );
    list(
        w,
        "Learnings in the period",
        "None.",
        brief.learnings.iter().map(html_entry).collect(),
    );
    list(
        w,
        "Open follow-ups",
        "None.",
        brief
            .open_follow_ups
            .iter()
            .map(|f| {
                format!(
                    "{} <span class=\"id\">(from {} {})</span>",
                    esc(&f.text),
                    esc(&f.entry_date),
                    esc(&f.entry_title)
                )
            })
            .collect(),
    );
    let _ = writeln!(w, "</main>\n</body>\n</html>");
    s
}

/// Heatmap geometry, in SVG units: cell width and height, the behaviour id column,
/// the month header, and the average width of a character of the 11-unit font (to
/// make room for the group lines).
const CELL_W: usize = 52;
const CELL_H: usize = 20;
const LABEL: usize = 84;
const HEAD: usize = 24;
const CHAR_W: usize = 7;

/// Fill and text colour of a cell with `count` entries (the count is printed too,
/// so the map reads in black and white).
fn shade(count: u32) -> (&'static str, &'static str) {
    match count {
        0 => ("#ebedf0", "#59636e"),
        1 => ("#b7e4c7", "#1f2328"),
        2 => ("#74c69d", "#1f2328"),
        3 => ("#40916c", "#ffffff"),
        _ => ("#1b4332", "#ffffff"),
    }
}

/// The heatmap as inline SVG: a row per behaviour (a group line before each new
/// level and section), a column per month; every cell shows its count and lists its
/// entries in a `<title>` (the tooltip) and an `aria-label`.
pub fn heatmap_svg(h: &Heatmap) -> String {
    if h.rows.is_empty() || h.months.is_empty() {
        return "<p>No behaviours to show.</p>".to_string();
    }
    let mut body = String::new();
    let mut y = HEAD;
    let mut group: Option<(&str, &str)> = None;
    let mut widest = 0;
    for r in &h.rows {
        if group != Some((r.level.as_str(), r.section.as_str())) {
            group = Some((&r.level, &r.section));
            let label = format!("{} · {}", r.level, r.section);
            widest = widest.max(label.chars().count() * CHAR_W);
            let _ = write!(
                body,
                "<text x=\"0\" y=\"{}\" font-weight=\"600\">{}</text>",
                y + CELL_H - 5,
                esc(&label)
            );
            y += CELL_H;
        }
        let _ = write!(
            body,
            "<g role=\"row\"><text x=\"0\" y=\"{}\" role=\"rowheader\"><title>{}</title>{}</text>",
            y + CELL_H - 6,
            esc(&r.text),
            esc(&r.behaviour)
        );
        for (i, (cell, month)) in r.cells.iter().zip(&h.months).enumerate() {
            let mut label = format!(
                "{} in {}: {}",
                r.behaviour,
                month,
                entries(cell.count as usize)
            );
            let mut tip = label.clone();
            for e in &cell.entries {
                tip.push_str(&format!("\n{} {}", e.date, e.title));
            }
            if !cell.entries.is_empty() {
                label.push_str(": ");
                label.push_str(
                    &cell
                        .entries
                        .iter()
                        .map(|e| e.title.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                );
            }
            let (fill, ink) = shade(cell.count);
            let x = LABEL + i * CELL_W;
            let _ = write!(
                body,
                "<rect role=\"img\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{fill}\" aria-label=\"{}\"><title>{}</title></rect>",
                x + 1,
                y + 1,
                CELL_W - 2,
                CELL_H - 2,
                esc(&label),
                esc(&tip)
            );
            if cell.count > 0 {
                let _ = write!(
                    body,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\" aria-hidden=\"true\">{}</text>",
                    x + CELL_W / 2,
                    y + CELL_H - 6,
                    cell.count
                );
            }
        }
        let _ = write!(body, "</g>");
        y += CELL_H;
    }
    let mut head = String::new();
    for (i, m) in h.months.iter().enumerate() {
        let _ = write!(
            head,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" role=\"columnheader\">{}</text>",
            LABEL + i * CELL_W + CELL_W / 2,
            HEAD - 8,
            esc(m)
        );
    }
    let width = (LABEL + h.months.len() * CELL_W).max(widest) + 8;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{y}\" viewBox=\"0 0 {width} {y}\" role=\"table\" aria-label=\"Evidence per behaviour and month\">{head}{body}</svg>"
    )
}
