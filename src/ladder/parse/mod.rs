//! Ladder file → levels, sections and behaviours, for the Markdown shapes people
//! actually write. Nothing here matches lines: pulldown-cmark turns the text into
//! [`blocks`], [`levels`] finds the level and section structure in them, and
//! [`behaviours`] reads list items and paragraphs. A ladder held in YAML front
//! matter (topics → levels → criteria) is read by [`front_matter`] instead.
//! [`names`] knows level codes, level words and heading decoration.
//!
//! A file whose shape is not recognised is an error that says what was found;
//! it never imports as an empty ladder.

mod behaviours;
mod blocks;
mod front_matter;
mod levels;
pub mod names;

use serde::Serialize;

use crate::{Error, Result};

/// A parsed ladder file, before it is given a track and stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedLadder {
    /// The file's own title for the whole ladder (front matter `title`, or an H1
    /// above the level headings): the first guess at the track.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    pub levels: Vec<ParsedLevel>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedLevel {
    /// The code as written in the heading or file name (`L2`, `D1`); empty when
    /// the ladder has none, and the importer derives one from the title.
    pub code: String,
    pub title: String,
    pub summary: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
    pub sections: Vec<ParsedSection>,
}

/// A fact about a level that is not a behaviour ("Planning horizon: quarter").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedSection {
    /// For display: emoji, `:shortcode:` and a `(C3)` code taken off.
    pub title: String,
    /// As written in the file.
    pub heading: String,
    /// The competency code from a `(C3)` suffix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// `<details>` blocks: examples of the section, not behaviours.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    pub behaviours: Vec<ParsedBehaviour>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedBehaviour {
    /// Plain text (`Label: text` for a labelled bullet).
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

impl ParsedLadder {
    pub fn behaviour_count(&self) -> usize {
        self.levels
            .iter()
            .flat_map(|l| &l.sections)
            .map(|s| s.behaviours.len())
            .sum()
    }
}

/// Parses raw file bytes. `name` is the file name (used in errors, and for the
/// level when the file has no level heading).
pub fn parse_ladder(name: &str, bytes: &[u8]) -> Result<ParsedLadder> {
    let field = format!("ladder file {name}");
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::invalid(&field, format!("is not UTF-8 text ({e})")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body) = front_matter::split(text);
    if let Some(front) = &front
        && let Some(ladder) = front_matter::ladder(front)
    {
        return check(&field, ladder, || {
            "YAML front matter with topics but no criteria".into()
        });
    }
    let body = dedent(body);
    let found = blocks::read(&body);
    let title = front.as_ref().and_then(|f| f.title.clone());
    let (ladder, rejected) = levels::build(&found, name, title);
    if let Some(why) = rejected {
        return Err(Error::invalid(
            &field,
            format!(
                "is not a ladder Rungs recognises: found {}; {why}. Expected level headings \
                 (`# L2: Title`) with section headings and bullet points, or a ladder in YAML \
                 front matter",
                blocks::census(&found, false)
            ),
        ));
    }
    check(&field, ladder, || blocks::census(&found, true))
}

fn check(
    field: &str,
    mut ladder: ParsedLadder,
    found: impl FnOnce() -> String,
) -> Result<ParsedLadder> {
    ladder.levels.retain(|l| !l.sections.is_empty());
    if ladder.behaviour_count() == 0 {
        return Err(Error::invalid(
            field,
            format!(
                "is not a ladder Rungs recognises: found {}, but no behaviours. Expected level \
                 headings (`# L2: Title`) with section headings and bullet points, one \
                 paragraph per behaviour, or a ladder in YAML front matter",
                found()
            ),
        ));
    }
    Ok(ladder)
}

/// Removes indentation every line shares, so a file indented as a whole (`  # L2`)
/// is not read as one code block.
fn dedent(text: &str) -> std::borrow::Cow<'_, str> {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if indent == 0 {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let cut = line
            .char_indices()
            .take_while(|(i, c)| *i < indent && (*c == ' ' || *c == '\t'))
            .count();
        out.push_str(&line[cut..]);
    }
    out.into()
}

/// Collapses runs of whitespace and trims.
pub(crate) fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
