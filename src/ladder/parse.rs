//! Markdown → ladder, with a real Markdown parser (pulldown-cmark).
//!
//! The shape understood here: one `# L2: Title` heading per level, a blockquote
//! summary, `##` sections, and bullet items as behaviours. Intro paragraphs,
//! blockquotes, HTML and link-only lines are not behaviours.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLadder {
    pub levels: Vec<ParsedLevel>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLevel {
    pub code: String,
    pub title: String,
    pub summary: String,
    pub sections: Vec<ParsedSection>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSection {
    pub title: String,
    pub behaviours: Vec<ParsedBehaviour>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBehaviour {
    pub text: String,
    pub label: Option<String>,
}

/// Parses raw file bytes. `name` is the file name, used in errors and as the
/// fallback for the level code (`L2-DevOps-Support-Engineer.md` → `L2`).
pub fn parse_ladder(name: &str, bytes: &[u8]) -> Result<ParsedLadder> {
    let field = format!("ladder file {name}");
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::invalid(&field, format!("is not UTF-8 text ({e})")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ladder = parse_markdown(name, text);
    let behaviours: usize = ladder
        .levels
        .iter()
        .flat_map(|l| &l.sections)
        .map(|s| s.behaviours.len())
        .sum();
    if behaviours == 0 {
        return Err(Error::invalid(
            &field,
            "holds no behaviours (expected a level heading, section headings and bullet points)",
        ));
    }
    Ok(ladder)
}

#[derive(Default)]
struct Builder {
    levels: Vec<ParsedLevel>,
    fallback_code: String,
}

impl Builder {
    fn level(&mut self) -> &mut ParsedLevel {
        if self.levels.is_empty() {
            self.levels.push(ParsedLevel {
                code: self.fallback_code.clone(),
                title: self.fallback_code.clone(),
                summary: String::new(),
                sections: Vec::new(),
            });
        }
        self.levels.last_mut().expect("a level exists")
    }

    fn section(&mut self) -> &mut ParsedSection {
        let level = self.level();
        if level.sections.is_empty() {
            let title = level.title.clone();
            level.sections.push(ParsedSection {
                title,
                behaviours: Vec::new(),
            });
        }
        level.sections.last_mut().expect("a section exists")
    }
}

fn parse_markdown(name: &str, text: &str) -> ParsedLadder {
    let mut b = Builder {
        fallback_code: code_from_file_name(name),
        ..Default::default()
    };
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut quote_depth = 0usize;
    let mut quote_text = String::new();
    // One text buffer per open list item (nested lists push another).
    let mut items: Vec<String> = Vec::new();

    for event in Parser::new_ext(text, Options::empty()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, raw)) = heading.take() {
                    let title = clean(&raw);
                    if title.is_empty() {
                        continue;
                    }
                    if level == HeadingLevel::H1 {
                        let (code, title) = split_level_heading(&title, &b.fallback_code);
                        b.levels.push(ParsedLevel {
                            code,
                            title,
                            summary: String::new(),
                            sections: Vec::new(),
                        });
                    } else {
                        b.level().sections.push(ParsedSection {
                            title,
                            behaviours: Vec::new(),
                        });
                    }
                }
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth = quote_depth.saturating_sub(1);
                if quote_depth == 0 {
                    let summary = clean(&quote_text);
                    quote_text.clear();
                    // A blockquote right under the level heading is its summary.
                    if let Some(level) = b.levels.last_mut()
                        && level.sections.is_empty()
                        && level.summary.is_empty()
                    {
                        level.summary = summary;
                    }
                }
            }
            Event::Start(Tag::Item) if quote_depth == 0 => items.push(String::new()),
            Event::End(TagEnd::Item) if quote_depth == 0 => {
                if let Some(raw) = items.pop() {
                    let text = clean(&raw);
                    if !text.is_empty() {
                        b.section()
                            .behaviours
                            .push(ParsedBehaviour { text, label: None });
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                push_text(&mut heading, quote_depth, &mut quote_text, &mut items, &t)
            }
            Event::SoftBreak | Event::HardBreak => {
                push_text(&mut heading, quote_depth, &mut quote_text, &mut items, " ")
            }
            // A paragraph between items of a loose list, or after nested lists.
            Event::End(TagEnd::Paragraph) => {
                push_text(&mut heading, quote_depth, &mut quote_text, &mut items, " ")
            }
            _ => {}
        }
    }
    ParsedLadder { levels: b.levels }
}

fn push_text(
    heading: &mut Option<(HeadingLevel, String)>,
    quote_depth: usize,
    quote_text: &mut String,
    items: &mut [String],
    t: &str,
) {
    if let Some((_, h)) = heading {
        h.push_str(t);
    } else if quote_depth > 0 {
        quote_text.push_str(t);
    } else if let Some(item) = items.last_mut() {
        item.push_str(t);
    }
}

/// Collapses runs of whitespace and trims.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `L2: DevOps Support Engineer` → (`L2`, `DevOps Support Engineer`);
/// `L4 Staff Engineer` → (`L4`, `Staff Engineer`); anything else keeps the whole
/// heading as the title, with the code from the file name (or the title itself).
fn split_level_heading(heading: &str, fallback_code: &str) -> (String, String) {
    let (first, rest) = match heading.split_once([':', ' ']) {
        Some((first, rest)) => (
            first.trim(),
            rest.trim_start_matches([':', '-', '–', '—', ' ']),
        ),
        None => (heading, ""),
    };
    if looks_like_code(first) {
        let title = if rest.is_empty() { first } else { rest };
        return (first.to_string(), title.to_string());
    }
    let code = if fallback_code.is_empty() {
        heading.to_string()
    } else {
        fallback_code.to_string()
    };
    (code, heading.to_string())
}

/// `L2`, `D1`, `IC3`, `E5a`: a few letters then digits.
fn looks_like_code(s: &str) -> bool {
    let letters = s.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = &s[letters..];
    (1..=4).contains(&letters)
        && !rest.is_empty()
        && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_alphanumeric())
}

fn code_from_file_name(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    let first = stem.split(['-', '_', ' ', '.']).next().unwrap_or(stem);
    if looks_like_code(first) {
        first.to_uppercase()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_headings() {
        assert_eq!(
            split_level_heading("L2: DevOps Support Engineer", ""),
            ("L2".into(), "DevOps Support Engineer".into())
        );
        assert_eq!(
            split_level_heading("L4 Staff Engineer", ""),
            ("L4".into(), "Staff Engineer".into())
        );
        assert_eq!(
            split_level_heading("Senior Engineer", "S1"),
            ("S1".into(), "Senior Engineer".into())
        );
    }

    #[test]
    fn shape_of_the_support_ladder() {
        let md = "# L9: Test Level\n\n> A summary\n> on two lines.\n\nIntro [link](x.md).\n\n## Impact\n\n- First thing  \n- Second ‘thing’  \n\n## Other\n\nSome paragraph.\n\n- Third, with [a link](y.md) and `code`";
        let l = parse_ladder("x.md", md.as_bytes()).unwrap();
        assert_eq!(l.levels.len(), 1);
        let level = &l.levels[0];
        assert_eq!(level.code, "L9");
        assert_eq!(level.title, "Test Level");
        assert_eq!(level.summary, "A summary on two lines.");
        assert_eq!(level.sections.len(), 2);
        let texts: Vec<_> = level
            .sections
            .iter()
            .flat_map(|s| s.behaviours.iter().map(|b| b.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                "First thing",
                "Second ‘thing’",
                "Third, with a link and code"
            ]
        );
    }

    #[test]
    fn rejects_non_utf8_and_empty() {
        let e = parse_ladder("bad.md", &[0xff, 0xfe, 0x00]).unwrap_err();
        assert!(e.to_string().contains("not UTF-8"), "{e}");
        let e = parse_ladder("empty.md", b"# L1: Nothing\n\nJust prose.").unwrap_err();
        assert!(e.to_string().contains("no behaviours"), "{e}");
    }
}
