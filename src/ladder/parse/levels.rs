//! Blocks → levels and sections.
//!
//! First find which heading depth names levels (see [`level_depth`]): the
//! shallowest depth with a level code (`L2:`, `D1 -`); else a depth where most
//! headings read as levels (`Junior Engineer`, `Developer 2`, `Engineer (M2)`) or
//! the same section names repeat under each; else the H1s; else the whole file is
//! one level. A heading at that depth that is not a level (`## Glossary`) starts
//! prose. Shallower headings are the ladder's own title (the track); deeper ones,
//! and short bold paragraphs, are sections. Within a level, bullets are the
//! behaviours, or, when a level has no bullets at all, its paragraphs are.
//!
//! A file with no sign of levels at all (no level heading, no code or rank in its
//! file name or title) is a ladder only when its sections are mostly behaviour
//! bullets: an ordinary document is refused, not imported.

use super::behaviours::{self, all_attributes, attribute};
use super::blocks::{Block, Inline, Item};
use std::collections::{HashMap, HashSet};

use super::names::{
    code_from_file_name, core_title, has_level_words, has_rank_words, level_heading, section_title,
    split_code, title_from_file_name,
};
use super::{Attribute, ParsedLadder, ParsedLevel, ParsedSection};

pub fn build(
    blocks: &[Block],
    file_name: &str,
    front_title: Option<String>,
) -> (ParsedLadder, Option<String>) {
    let found = level_depth(blocks);
    let depth = found.depth;
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
    // Does a level heading say it is a level (a code, rank words)?
    let mut named_level = false;
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading { depth: d, text } if *d == depth => {
                levels.extend(current.take().map(|l| l.finish(has_bullets)));
                // A heading among the levels that is not one (`## Glossary`) ends
                // the level before it; what follows is prose.
                if found.starts.as_ref().is_none_or(|s| s.contains(&i)) {
                    let (code, title) = level_heading(text);
                    named_level |= !code.is_empty() || has_level_words(&title);
                    current = Some(LevelBuilder::new(code, title));
                }
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
    let shape: Vec<SectionShape> = levels.iter().flat_map(|l| l.1.iter().copied()).collect();
    let mut levels: Vec<ParsedLevel> = levels.into_iter().map(|l| l.0).collect();
    levels.retain(|l| !l.sections.is_empty());
    // One level without a code of its own takes it from the file name (`L3-senior.md`).
    let file_code = code_from_file_name(file_name);
    if let [level] = levels.as_mut_slice()
        && level.code.is_empty()
        && let Some(code) = &file_code
    {
        level.code = code.clone();
    }
    // A front matter title naming a rank (`title: Staff Engineer`) over one level is
    // that level's title, not the ladder's: the track comes from what it shares.
    if let (Some(front), [_]) = (&front_title, levels.as_slice())
        && has_rank_words(front)
        && family.as_ref() == Some(front)
    {
        family = None;
    }
    let signalled = named_level
        || found.starts.is_some()
        || file_code.is_some()
        || has_rank_words(&title_from_file_name(file_name))
        || front_title.as_deref().is_some_and(has_rank_words);
    let rejected = (!signalled && !levels.is_empty())
        .then(|| unsignalled_shape(&shape, has_bullets))
        .flatten();
    (ParsedLadder { family, levels }, rejected)
}

/// What a section held, for telling a ladder from an ordinary document.
#[derive(Debug, Clone, Copy, Default)]
struct SectionShape {
    behaviours: usize,
    /// Paragraphs that are not behaviours, tables and code blocks.
    prose: usize,
}

/// A file with no sign of being a ladder (no level heading, no code or rank in
/// its name or title) is one only when its sections are lists of behaviours:
/// a README with a list or two between paragraphs and code is not. `Some`: why not.
fn unsignalled_shape(sections: &[SectionShape], has_bullets: bool) -> Option<String> {
    if !has_bullets {
        return Some(
            "no level heading, level code or rank in the file name, and no bullet points: \
             paragraphs alone are read as behaviours only under level headings"
                .into(),
        );
    }
    let ladder = sections
        .iter()
        .filter(|s| s.behaviours > 0 && s.behaviours >= s.prose)
        .count();
    let prose = sections
        .iter()
        .filter(|s| s.prose > 0 && s.prose > s.behaviours)
        .count();
    (ladder == 0 || prose * 4 > ladder).then(|| {
        format!(
            "no level heading or level code, and {prose} of its {} sections are mostly \
             paragraphs, tables or code rather than behaviour bullets",
            ladder + prose
        )
    })
}

/// Which headings start levels.
struct LevelDepth {
    /// 0: the whole file is one level.
    depth: u8,
    /// The block indices of the headings at `depth` that start a level; `None`:
    /// every one does (the H1s of a file with no other sign of levels).
    starts: Option<HashSet<usize>>,
}

/// The heading depth that names levels, and which headings there are levels.
///
/// - The shallowest depth with a level code (`L2:`, `SRE 2:`) names levels; a
///   heading there starts one when it has a code, rank words or the title the
///   coded ones share.
/// - Else the shallowest depth (with two or more headings) where most headings
///   have level words or a `(M2)` code, or where the same section names repeat
///   under several headings (`## Junior …` / `### Delivery`, `## Mobile
///   Engineer` / `### Delivery`): those, and the headings sharing their core
///   title, are levels; another heading there (`## Glossary`) is prose.
/// - Else the H1s; else the whole file is one level.
fn level_depth(blocks: &[Block]) -> LevelDepth {
    let headings: Vec<(usize, u8, &str)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading { depth, text } => Some((i, *depth, text.as_str())),
            _ => None,
        })
        .collect();
    let core = |t: &str| core_title(&level_heading(t).1).to_lowercase();
    if let Some(d) = headings
        .iter()
        .filter(|(_, _, t)| split_code(t).is_some())
        .map(|(_, d, _)| *d)
        .min()
    {
        let cores: HashSet<String> = headings
            .iter()
            .filter(|(_, hd, t)| *hd == d && split_code(t).is_some())
            .map(|(_, _, t)| core(t))
            .filter(|c| !c.is_empty())
            .collect();
        let starts = headings
            .iter()
            .filter(|(_, hd, t)| {
                *hd == d
                    && (split_code(t).is_some() || has_rank_words(t) || cores.contains(&core(t)))
            })
            .map(|(i, _, _)| *i)
            .collect();
        return LevelDepth {
            depth: d,
            starts: Some(starts),
        };
    }
    let has_content = |i: usize, d: u8| {
        blocks[i + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading { depth, .. } if *depth <= d))
            .any(|b| !matches!(b, Block::Heading { .. } | Block::Other(_)))
    };
    // The section names under a heading at depth `d` (to the next one at `d` or above).
    let children = |i: usize, d: u8| -> HashSet<String> {
        blocks[i + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading { depth, .. } if *depth <= d))
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(section_title(text).0.to_lowercase()),
                _ => None,
            })
            .collect()
    };
    let worded = |t: &str| {
        let (code, title) = level_heading(t);
        !code.is_empty() || has_level_words(&title)
    };
    for d in 1..=4u8 {
        let shallower_level = headings
            .iter()
            .any(|(_, hd, t)| *hd < d && has_level_words(t));
        let at: Vec<_> = headings
            .iter()
            .filter(|(i, hd, _)| *hd == d && has_content(*i, d))
            .collect();
        if shallower_level || at.len() < 2 {
            continue;
        }
        let with_words = at.iter().filter(|(_, _, t)| worded(t)).count();
        let kids: Vec<HashSet<String>> = at.iter().map(|(i, _, _)| children(*i, d)).collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for k in &kids {
            for name in k {
                *seen.entry(name.as_str()).or_default() += 1;
            }
        }
        let repeats = |k: &HashSet<String>| {
            k.iter()
                .any(|n| seen.get(n.as_str()).is_some_and(|c| *c >= 2))
        };
        let with_repeats = kids.iter().filter(|k| repeats(k)).count();
        let by_words = with_words >= 2 && with_words * 2 >= at.len();
        let by_structure = with_repeats >= 2 && with_repeats * 2 >= at.len();
        if !by_words && !by_structure {
            continue;
        }
        let cores: HashSet<String> = at
            .iter()
            .filter(|(_, _, t)| worded(t))
            .map(|(_, _, t)| core(t))
            .filter(|c| !c.is_empty())
            .collect();
        let starts = headings
            .iter()
            .filter(|(i, hd, t)| {
                *hd == d
                    && (worded(t)
                        || cores.contains(&core(t))
                        || (by_structure && repeats(&children(*i, d))))
            })
            .map(|(i, _, _)| *i)
            .collect();
        return LevelDepth {
            depth: d,
            starts: Some(starts),
        };
    }
    LevelDepth {
        depth: u8::from(headings.iter().any(|(_, d, _)| *d == 1)),
        starts: None,
    }
}

enum Piece<'a> {
    List(&'a [Item]),
    Para(&'a Inline),
}

struct SectionBuilder<'a> {
    section: ParsedSection,
    pieces: Vec<Piece<'a>>,
    /// Tables and code blocks.
    other: usize,
}

struct LevelBuilder<'a> {
    level: ParsedLevel,
    /// Content before the first section heading.
    pre: Vec<Piece<'a>>,
    pre_examples: Vec<String>,
    pre_other: usize,
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
            pre_other: 0,
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
            other: 0,
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
            Block::Other("table" | "code block") => match self.sections.last_mut() {
                Some(s) => s.other += 1,
                None => self.pre_other += 1,
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

    /// The level, and what each of its sections held (for [`unsignalled_shape`]).
    fn finish(self, file_has_bullets: bool) -> (ParsedLevel, Vec<SectionShape>) {
        let LevelBuilder {
            mut level,
            pre,
            pre_examples,
            pre_other,
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
        let prose = |pieces: &[Piece<'_>], other: usize| {
            other
                + pieces
                    .iter()
                    .filter(|p| list_mode && matches!(p, Piece::Para(_)))
                    .count()
        };
        let mut shape = Vec::new();
        // Introductory prose before the first section is not counted against a ladder.
        if !implicit.behaviours.is_empty() {
            shape.push(SectionShape {
                behaviours: implicit.behaviours.len(),
                prose: prose(&pre, pre_other),
            });
            level.sections.push(implicit);
        }
        for SectionBuilder {
            mut section,
            pieces,
            other,
        } in sections
        {
            for piece in &pieces {
                collect(piece, list_mode, &mut section);
            }
            shape.push(SectionShape {
                behaviours: section.behaviours.len(),
                prose: prose(&pieces, other),
            });
            if !section.behaviours.is_empty() {
                level.sections.push(section);
            }
        }
        (level, shape)
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
