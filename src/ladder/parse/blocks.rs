//! pulldown-cmark events → a flat list of top-level [`Block`]s (lists as trees),
//! each paragraph and item with the inline facts the ladder rules need: is it all
//! bold, all italic, only a link, does it start with a bold label.
//!
//! Built with explicit stacks rather than recursion, so arbitrarily deep nesting
//! in a hostile file cannot overflow the stack.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::clean;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        depth: u8,
        text: String,
    },
    Para(Inline),
    List(Vec<Item>),
    /// A blockquote as plain text.
    Quote(String),
    /// A `<details>` block as plain text (summary first).
    Details(String),
    /// HTML, a table, a code block or a `---` rule: never behaviours.
    Other(&'static str),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub inline: Inline,
    pub children: Vec<Item>,
}

/// A paragraph or an item's own text, with what it is made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    /// Every letter or digit is bold.
    pub all_strong: bool,
    /// Every letter or digit is italic or bold.
    pub all_emphasis: bool,
    /// Every letter or digit is inside a link.
    pub link_only: bool,
    /// The text of a bold span the paragraph starts with.
    pub lead_strong: Option<String>,
}

/// Counts of letters and digits by style, while text is collected.
#[derive(Debug, Default)]
struct InlineBuf {
    text: String,
    total: usize,
    strong: usize,
    emphasis: usize,
    link: usize,
    lead_start: Option<usize>,
    lead_strong: Option<String>,
    lead_done: bool,
}

impl InlineBuf {
    fn push(&mut self, t: &str, style: &Style) {
        let n = t.chars().filter(|c| c.is_alphanumeric()).count();
        self.total += n;
        if style.strong > 0 {
            self.strong += n;
        }
        if style.strong > 0 || style.emphasis > 0 {
            self.emphasis += n;
        }
        if style.link > 0 {
            self.link += n;
        }
        self.text.push_str(t);
    }

    fn start_strong(&mut self) {
        if !self.lead_done && self.lead_start.is_none() && self.total == 0 {
            self.lead_start = Some(self.text.len());
        }
    }

    fn end_strong(&mut self) {
        if let Some(start) = self.lead_start.take()
            && !self.lead_done
        {
            self.lead_strong = Some(clean(&self.text[start..])).filter(|s| !s.is_empty());
            self.lead_done = true;
        }
    }

    fn merge(&mut self, other: InlineBuf) {
        if self.total == 0 && self.lead_strong.is_none() {
            self.lead_strong = other.lead_strong;
        }
        self.lead_done = true;
        self.text.push(' ');
        self.text.push_str(&other.text);
        self.total += other.total;
        self.strong += other.strong;
        self.emphasis += other.emphasis;
        self.link += other.link;
    }

    fn finish(self) -> Inline {
        let some = self.total > 0;
        Inline {
            text: clean(&self.text),
            all_strong: some && self.strong == self.total,
            all_emphasis: some && self.emphasis == self.total,
            link_only: some && self.link == self.total,
            lead_strong: self.lead_strong,
        }
    }
}

#[derive(Debug, Default)]
struct Style {
    strong: usize,
    emphasis: usize,
    link: usize,
}

enum Frame {
    Heading(u8, String),
    Para(InlineBuf),
    List(Vec<Item>),
    Item(InlineBuf, Vec<Item>),
}

/// Reads Markdown into top-level blocks.
pub fn read(text: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    let mut out = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut style = Style::default();
    // Plain-text sinks that swallow everything inside them.
    let mut quote: Option<(usize, String)> = None;
    let mut details: Option<(usize, String)> = None;
    let mut skip = 0usize; // tables, code blocks, images, footnote definitions, metadata

    for event in Parser::new_ext(text, options) {
        if let Some((depth, buf)) = details.as_mut() {
            match &event {
                Event::Html(h) | Event::InlineHtml(h) => {
                    let opens = count_tag(h, "<details");
                    let closes = count_tag(h, "</details");
                    buf.push(' ');
                    buf.push_str(&strip_tags(h));
                    *depth = (*depth + opens).saturating_sub(closes);
                    if *depth == 0 {
                        let (_, buf) = details.take().expect("details open");
                        out.push(Block::Details(clean(&buf)));
                    }
                }
                Event::Text(t) | Event::Code(t) => buf.push_str(t),
                Event::SoftBreak | Event::HardBreak | Event::End(_) => buf.push(' '),
                _ => {}
            }
            continue;
        }
        if let Some((depth, buf)) = quote.as_mut() {
            match &event {
                Event::Start(Tag::BlockQuote(_)) => *depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => {
                    *depth -= 1;
                    if *depth == 0 {
                        let (_, buf) = quote.take().expect("quote open");
                        push_block(&mut frames, &mut out, Block::Quote(clean(&buf)));
                    }
                }
                Event::Text(t) | Event::Code(t) => buf.push_str(t),
                Event::SoftBreak | Event::HardBreak | Event::End(_) => buf.push(' '),
                _ => {}
            }
            continue;
        }
        if skip > 0 {
            match &event {
                Event::Start(Tag::Table(_) | Tag::CodeBlock(_) | Tag::Image { .. })
                | Event::Start(Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_)) => skip += 1,
                Event::End(
                    TagEnd::Table
                    | TagEnd::CodeBlock
                    | TagEnd::Image
                    | TagEnd::FootnoteDefinition
                    | TagEnd::MetadataBlock(_),
                ) => skip -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    frames.push(Frame::Heading(level as u8, String::new()))
                }
                Tag::Paragraph => frames.push(Frame::Para(InlineBuf::default())),
                Tag::List(_) => frames.push(Frame::List(Vec::new())),
                Tag::Item => frames.push(Frame::Item(InlineBuf::default(), Vec::new())),
                // A GFM alert (`> [!NOTE]`) arrives as a kind, not as text.
                Tag::BlockQuote(kind) => {
                    let start = if kind.is_some() { "NOTE " } else { "" };
                    quote = Some((1, start.to_string()))
                }
                Tag::Strong => {
                    if let Some(buf) = inline_buf(&mut frames) {
                        buf.start_strong();
                    }
                    style.strong += 1;
                }
                Tag::Emphasis => style.emphasis += 1,
                Tag::Link { .. } => style.link += 1,
                Tag::Table(_)
                | Tag::CodeBlock(_)
                | Tag::Image { .. }
                | Tag::FootnoteDefinition(_)
                | Tag::MetadataBlock(_) => {
                    skip = 1;
                    if matches!(tag, Tag::Table(_) | Tag::CodeBlock(_)) {
                        let what = if matches!(tag, Tag::Table(_)) {
                            "table"
                        } else {
                            "code block"
                        };
                        push_block(&mut frames, &mut out, Block::Other(what));
                    }
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) => {
                    if let Some(Frame::Heading(depth, text)) = frames.pop() {
                        push_block(
                            &mut frames,
                            &mut out,
                            Block::Heading {
                                depth,
                                text: clean(&text),
                            },
                        );
                    }
                }
                TagEnd::Paragraph => {
                    if let Some(Frame::Para(buf)) = frames.pop() {
                        match frames.last_mut() {
                            Some(Frame::Item(item, _)) => item.merge(buf),
                            _ => push_block(&mut frames, &mut out, Block::Para(buf.finish())),
                        }
                    }
                }
                TagEnd::List(_) => {
                    if let Some(Frame::List(items)) = frames.pop() {
                        match frames.last_mut() {
                            Some(Frame::Item(_, children)) => children.extend(items),
                            _ => push_block(&mut frames, &mut out, Block::List(items)),
                        }
                    }
                }
                TagEnd::Item => {
                    if let Some(Frame::Item(buf, children)) = frames.pop()
                        && let Some(Frame::List(items)) = frames.last_mut()
                    {
                        items.push(Item {
                            inline: buf.finish(),
                            children,
                        });
                    }
                }
                TagEnd::Strong => {
                    style.strong = style.strong.saturating_sub(1);
                    if let Some(buf) = inline_buf(&mut frames) {
                        buf.end_strong();
                    }
                }
                TagEnd::Emphasis => style.emphasis = style.emphasis.saturating_sub(1),
                TagEnd::Link => style.link = style.link.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => push_text(&mut frames, &t, &style),
            Event::SoftBreak | Event::HardBreak => push_text(&mut frames, " ", &Style::default()),
            Event::InlineHtml(h) if h.trim_start().to_ascii_lowercase().starts_with("<br") => {
                push_text(&mut frames, " ", &Style::default())
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if count_tag(&h, "<details") > count_tag(&h, "</details") {
                    details = Some((
                        count_tag(&h, "<details") - count_tag(&h, "</details"),
                        strip_tags(&h),
                    ));
                } else if frames.is_empty() && !h.trim().is_empty() {
                    // One HTML block arrives as several events; count it once.
                    if out.last() != Some(&Block::Other("html")) {
                        out.push(Block::Other("html"));
                    }
                }
            }
            Event::Rule => push_block(&mut frames, &mut out, Block::Other("rule")),
            _ => {}
        }
    }
    // Unclosed sinks at the end of the file still count.
    if let Some((_, buf)) = details {
        out.push(Block::Details(clean(&buf)));
    }
    out
}

/// The paragraph, item or heading text is being collected into.
fn inline_buf(frames: &mut [Frame]) -> Option<&mut InlineBuf> {
    match frames.last_mut() {
        Some(Frame::Para(buf) | Frame::Item(buf, _)) => Some(buf),
        _ => None,
    }
}

fn push_text(frames: &mut [Frame], t: &str, style: &Style) {
    match frames.last_mut() {
        Some(Frame::Heading(_, h)) => h.push_str(t),
        Some(Frame::Para(buf) | Frame::Item(buf, _)) => buf.push(t, style),
        _ => {}
    }
}

/// Blocks nested in a list item other than paragraphs and lists (a quote, a
/// heading) are not part of the item's text; only top-level ones are kept.
fn push_block(frames: &mut [Frame], out: &mut Vec<Block>, block: Block) {
    if frames.is_empty() {
        out.push(block);
    }
}

fn count_tag(html: &str, tag: &str) -> usize {
    html.to_ascii_lowercase().matches(tag).count()
}

/// The text of an HTML fragment (`<summary>Example</summary>` → `Example`).
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// What a file was found to hold, for the error about an unrecognised shape.
/// `no_behaviours`: say that no list item was a behaviour.
pub fn census(blocks: &[Block], no_behaviours: bool) -> String {
    let mut headings = Vec::new();
    let (mut paras, mut lists, mut items, mut quotes, mut other) = (0, 0, 0, 0, 0);
    for b in blocks {
        match b {
            Block::Heading { depth, text } => {
                headings.push(format!("{} {text}", "#".repeat(*depth as usize)))
            }
            Block::Para(_) => paras += 1,
            Block::List(list) => {
                lists += 1;
                items += list.len();
            }
            Block::Quote(_) | Block::Details(_) => quotes += 1,
            Block::Other(_) => other += 1,
        }
    }
    let mut parts = Vec::new();
    if headings.is_empty() {
        parts.push("no headings".to_string());
    } else {
        let shown: Vec<_> = headings.iter().take(3).map(|h| format!("`{h}`")).collect();
        let more = if headings.len() > 3 { ", …" } else { "" };
        parts.push(format!(
            "{} headings ({}{more})",
            headings.len(),
            shown.join(", ")
        ));
    }
    parts.push(format!("{paras} paragraphs"));
    let none = if no_behaviours {
        ", none of them a behaviour"
    } else {
        ""
    };
    parts.push(format!("{lists} lists ({items} items{none})"));
    if quotes > 0 {
        parts.push(format!("{quotes} quotes or details blocks"));
    }
    if other > 0 {
        parts.push(format!("{other} HTML, table, code or rule blocks"));
    }
    parts.join(", ")
}
