//! Blocks → levels and sections.
//!
//! First find which heading depth names levels: the shallowest depth with a level
//! code (`L2:`, `D1 -`); else a depth below a title where every heading reads as a
//! level (`Junior Engineer`, `Developer 2`); else the H1s; else the whole file is
//! one level. Shallower headings are the ladder's own title (the track); deeper
//! ones, and short bold paragraphs, are sections. Within a level, bullets are the
//! behaviours, or, when a level has no bullets at all, its paragraphs are.

use super::behaviours::{self, all_attributes, attribute};
use super::blocks::{Block, Inline, Item};
use super::names::{
    code_from_file_name, has_level_words, section_title, split_code, title_from_file_name,
};
use super::{Attribute, ParsedLadder, ParsedLevel, ParsedSection};

pub fn build(blocks: &[Block], file_name: &str, front_title: Option<String>) -> ParsedLadder {
    let depth = level_depth(blocks);
    // Paragraphs are behaviours only in a ladder with no bullet behaviours at all.
    let has_bullets = blocks.iter().any(|b| match b {
        Block::List(items) => {
            let mut found = Vec::new();
            behaviours::from_items(items, &mut found);
            !found.is_empty()
        }
        _ => false,
    });
    let mut family = front_title.clone();
    let mut levels = Vec::new();
    let mut current = (depth == 0).then(|| {
        let title = front_title
            .as_deref()
            .map(super::names::plain_title)
            .unwrap_or_else(|| title_from_file_name(file_name));
        LevelBuilder::new(String::new(), title)
    });
    for block in blocks {
        match block {
            Block::Heading { depth: d, text } if *d == depth => {
                levels.extend(current.take().map(|l| l.finish(has_bullets)));
                let (code, title) = match split_code(text) {
                    Some((code, rest)) if rest.is_empty() => (code.clone(), code),
                    Some(split) => split,
                    None => (String::new(), text.clone()),
                };
                current = Some(LevelBuilder::new(code, title));
            }
            Block::Heading { depth: d, text } if *d < depth => {
                levels.extend(current.take().map(|l| l.finish(has_bullets)));
                if family.is_none() && !text.is_empty() {
                    family = Some(text.clone());
                }
            }
            Block::Heading { text, .. } => {
                if let Some(level) = current.as_mut() {
                    level.start_section(text);
                }
            }
            other => {
                if let Some(level) = current.as_mut() {
                    level.block(other);
                }
            }
        }
    }
    levels.extend(current.take().map(|l| l.finish(has_bullets)));
    levels.retain(|l| !l.sections.is_empty());
    // One level without a code of its own takes it from the file name (`L3-senior.md`).
    if let [level] = levels.as_mut_slice()
        && level.code.is_empty()
        && let Some(code) = code_from_file_name(file_name)
    {
        level.code = code;
    }
    ParsedLadder { family, levels }
}

/// The heading depth that names levels (0: the whole file is one level).
fn level_depth(blocks: &[Block]) -> u8 {
    let headings: Vec<(usize, u8, &str)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading { depth, text } => Some((i, *depth, text.as_str())),
            _ => None,
        })
        .collect();
    if let Some(d) = headings
        .iter()
        .filter(|(_, _, t)| split_code(t).is_some())
        .map(|(_, d, _)| *d)
        .min()
    {
        return d;
    }
    let has_content = |i: usize, d: u8| {
        blocks[i + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading { depth, .. } if *depth <= d))
            .any(|b| !matches!(b, Block::Heading { .. } | Block::Other(_)))
    };
    for d in 2..=4u8 {
        let shallower_level = headings
            .iter()
            .any(|(_, hd, t)| *hd < d && has_level_words(t));
        let at: Vec<_> = headings
            .iter()
            .filter(|(i, hd, _)| *hd == d && has_content(*i, d))
            .collect();
        if !shallower_level && at.len() >= 2 && at.iter().all(|(_, _, t)| has_level_words(t)) {
            return d;
        }
    }
    if headings.iter().any(|(_, d, _)| *d == 1) {
        1
    } else {
        0
    }
}

enum Piece<'a> {
    List(&'a [Item]),
    Para(&'a Inline),
}

struct SectionBuilder<'a> {
    section: ParsedSection,
    pieces: Vec<Piece<'a>>,
}

struct LevelBuilder<'a> {
    level: ParsedLevel,
    /// Content before the first section heading.
    pre: Vec<Piece<'a>>,
    pre_examples: Vec<String>,
    sections: Vec<SectionBuilder<'a>>,
}

impl<'a> LevelBuilder<'a> {
    fn new(code: String, title: String) -> Self {
        LevelBuilder {
            level: ParsedLevel {
                code,
                title,
                ..Default::default()
            },
            pre: Vec::new(),
            pre_examples: Vec::new(),
            sections: Vec::new(),
        }
    }

    fn start_section(&mut self, heading: &str) {
        let (title, code) = section_title(heading);
        self.sections.push(SectionBuilder {
            section: ParsedSection {
                title,
                heading: heading.to_string(),
                code,
                ..Default::default()
            },
            pieces: Vec::new(),
        });
    }

    fn pieces(&mut self) -> &mut Vec<Piece<'a>> {
        match self.sections.last_mut() {
            Some(s) => &mut s.pieces,
            None => &mut self.pre,
        }
    }

    fn block(&mut self, block: &'a Block) {
        match block {
            Block::List(items) => self.pieces().push(Piece::List(items)),
            Block::Para(inline) => self.paragraph(inline),
            Block::Quote(text) => self.quote(text),
            Block::Details(text) if !text.is_empty() => match self.sections.last_mut() {
                Some(s) => s.section.examples.push(text.clone()),
                None => self.pre_examples.push(text.clone()),
            },
            _ => {}
        }
    }

    fn paragraph(&mut self, inline: &'a Inline) {
        let text = inline.text.as_str();
        if inline.link_only || text.is_empty() {
            return;
        }
        if inline.all_strong {
            // A bold line: a section title when short, else something about the level.
            if is_section_title(text) {
                self.start_section(text);
            } else {
                let attr = attribute(inline).unwrap_or_else(|| Attribute {
                    name: String::new(),
                    value: text.to_string(),
                });
                self.level.attributes.push(attr);
            }
            return;
        }
        // `***Core Competencies` with no closing marks: Markdown leaves the stars.
        let unmarked = text.trim_start_matches(['*', '_']);
        if unmarked.len() < text.len()
            && !unmarked.contains(['*', '_'])
            && is_section_title(unmarked)
        {
            self.start_section(unmarked.trim());
            return;
        }
        if inline.all_emphasis {
            // An italic line describes the level (`_At this point, …_`).
            if self.level.summary.is_empty() && self.sections.is_empty() && self.pre.is_empty() {
                self.level.summary = text.trim_matches(['*', '_']).to_string();
            }
            return;
        }
        self.pieces().push(Piece::Para(inline));
    }

    fn quote(&mut self, text: &str) {
        if text.is_empty() || is_callout(text) {
            return;
        }
        match self.sections.last_mut() {
            Some(s) if s.pieces.is_empty() && s.section.summary.is_empty() => {
                s.section.summary = text.to_string()
            }
            Some(_) => {}
            None if self.level.summary.is_empty() && self.pre.is_empty() => {
                self.level.summary = text.to_string()
            }
            None => {}
        }
    }

    fn finish(self, file_has_bullets: bool) -> ParsedLevel {
        let LevelBuilder {
            mut level,
            pre,
            pre_examples,
            sections,
        } = self;
        let has_sections = !sections.is_empty();
        // A lone paragraph is prose, not a ladder written as paragraphs.
        let paragraphs = pre
            .iter()
            .chain(sections.iter().flat_map(|s| &s.pieces))
            .filter(|p| matches!(p, Piece::Para(_)))
            .count();
        let list_mode = file_has_bullets || paragraphs < 2;
        let mut implicit = ParsedSection {
            title: level.title.clone(),
            heading: level.title.clone(),
            examples: pre_examples,
            ..Default::default()
        };
        // Attributes before the first section come before the bold lines found later.
        let mut first: Vec<Attribute> = Vec::new();
        for piece in &pre {
            match piece {
                Piece::List(items) if has_sections && all_attributes(items) => {
                    first.extend(items.iter().filter_map(|i| attribute(&i.inline)))
                }
                Piece::Para(p)
                    if has_sections && p.lead_strong.is_some() && attribute(p).is_some() =>
                {
                    first.extend(attribute(p))
                }
                piece => collect(piece, list_mode, &mut implicit),
            }
        }
        level.attributes.splice(0..0, first);
        if !implicit.behaviours.is_empty() {
            level.sections.push(implicit);
        }
        for SectionBuilder {
            mut section,
            pieces,
        } in sections
        {
            for piece in &pieces {
                collect(piece, list_mode, &mut section);
            }
            if !section.behaviours.is_empty() {
                level.sections.push(section);
            }
        }
        level
    }
}

fn collect(piece: &Piece<'_>, list_mode: bool, section: &mut ParsedSection) {
    match piece {
        Piece::List(items) => behaviours::from_items(items, &mut section.behaviours),
        Piece::Para(p) if !list_mode => section.behaviours.extend(behaviours::behaviour(p, None)),
        Piece::Para(_) => {}
    }
}

/// A short bold line without a sentence's full stop or a `name: value` shape.
fn is_section_title(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    (1..=8).contains(&words) && !text.ends_with('.') && !text.trim_end_matches(':').contains(": ")
}

/// `> **NOTE**`, `> [!TIP]`, `> Warning: …`: a callout, not a summary.
fn is_callout(text: &str) -> bool {
    let first = text
        .trim_start_matches(['[', '!', '*', '_', ' '])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(
        first.as_str(),
        "NOTE" | "TIP" | "IMPORTANT" | "WARNING" | "CAUTION" | "INFO"
    )
}
