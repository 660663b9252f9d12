//! List items and paragraphs → behaviours.
//!
//! A bullet is a behaviour unless it is only a link. `**Label**: text` keeps its
//! label. A parent item that is only a label (ends with `:` or is all bold) and
//! has children is a group label: its children are the behaviours, carrying it.

use super::blocks::{Inline, Item};
use super::{Attribute, ParsedBehaviour};

/// Deeper nesting than this is read flat (a hostile file cannot recurse us deep).
const MAX_DEPTH: usize = 32;

pub fn from_items(items: &[Item], out: &mut Vec<ParsedBehaviour>) {
    let mut stack: Vec<(&Item, Option<String>, usize)> =
        items.iter().rev().map(|i| (i, None, 0)).collect();
    while let Some((item, inherited, depth)) = stack.pop() {
        let inline = &item.inline;
        let is_group = !item.children.is_empty()
            && (inline.text.is_empty()
                || inline.text.ends_with(':')
                || inline.all_strong
                || inline.link_only);
        let child_label = if is_group {
            Some(inline.text.trim_end_matches(':').trim().to_string()).filter(|l| !l.is_empty())
        } else {
            if let Some(b) = behaviour(inline, inherited.as_deref()) {
                out.push(b);
            }
            None
        };
        let depth = (depth + 1).min(MAX_DEPTH);
        for child in item.children.iter().rev() {
            stack.push((child, child_label.clone(), depth));
        }
    }
}

/// One bullet or paragraph as a behaviour; `None` when it is only a link or empty.
pub fn behaviour(inline: &Inline, inherited: Option<&str>) -> Option<ParsedBehaviour> {
    if inline.text.is_empty() || inline.link_only {
        return None;
    }
    let label = own_label(inline).or_else(|| inherited.map(str::to_string));
    Some(ParsedBehaviour {
        text: inline.text.clone(),
        label,
        examples: Vec::new(),
    })
}

/// `**Label**: text`, `**Label:** text` or `**Label** – text` → `Label`.
fn own_label(inline: &Inline) -> Option<String> {
    let lead = inline.lead_strong.as_deref()?;
    if inline.all_strong {
        return None;
    }
    let rest = inline.text.strip_prefix(lead)?.trim_start();
    let label = lead.trim_end_matches(':').trim();
    let separated = lead.ends_with(':')
        || rest.starts_with(':')
        || rest.starts_with("- ")
        || rest.starts_with("– ")
        || rest.starts_with("— ");
    (separated && !label.is_empty()).then(|| label.to_string())
}

/// `**Planning horizon**: a quarter` or `Planning horizon: a quarter` as an
/// attribute of the level: a short name, a colon, a value.
pub fn attribute(inline: &Inline) -> Option<Attribute> {
    let (name, value) = inline.text.split_once(':')?;
    let (name, value) = (name.trim(), value.trim());
    let words = name.split_whitespace().count();
    let value_words = value.split_whitespace().count();
    ((1..=5).contains(&words) && (1..=12).contains(&value_words) && !inline.link_only).then(|| {
        Attribute {
            name: name.to_string(),
            value: value.to_string(),
        }
    })
}

/// Is every item of this list a `name: value` attribute?
pub fn all_attributes(items: &[Item]) -> bool {
    !items.is_empty()
        && items
            .iter()
            .all(|i| i.children.is_empty() && attribute(&i.inline).is_some())
}
