//! YAML front matter: its `title` names the ladder, and a ladder held in it
//! (`topics` → `content` → `level` + `criteria`/`exampleCriteria`, as in Monzo's
//! progression framework) is imported from it: each topic a section, each
//! criterion a behaviour of its level, example criteria with their examples.
//! The Markdown body of such a file is prose.

use serde_yaml_ng::Value;

use super::names::{level_number, plain_title};
use super::{ParsedBehaviour, ParsedLadder, ParsedLevel, ParsedSection, clean};

pub struct Front {
    pub title: Option<String>,
    value: Value,
}

/// Splits `---\nYAML\n---\nbody`. Text that does not parse as a YAML mapping is
/// not front matter: the whole text is the body.
pub fn split(text: &str) -> (Option<Front>, &str) {
    let Some(rest) = text.strip_prefix("---").and_then(|r| {
        let r = r.trim_start_matches([' ', '\t']);
        r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n'))
    }) else {
        return (None, text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return match serde_yaml_ng::from_str::<Value>(yaml) {
                Ok(value @ Value::Mapping(_)) => {
                    let title = value
                        .get("title")
                        .and_then(scalar)
                        .map(|t| clean(&t))
                        .filter(|t| !t.is_empty());
                    (Some(Front { title, value }), body)
                }
                _ => (None, text),
            };
        }
        offset += line.len();
    }
    (None, text)
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn seq(v: Option<&Value>) -> &[Value] {
    match v {
        Some(Value::Sequence(s)) => s,
        _ => &[],
    }
}

/// The ladder in the front matter, if it holds one (`topics`).
pub fn ladder(front: &Front) -> Option<ParsedLadder> {
    let topics = match front.value.get("topics") {
        Some(Value::Sequence(t)) => t,
        _ => return None,
    };
    let mut levels: Vec<ParsedLevel> = Vec::new();
    for topic in topics {
        let name = topic.get("name").and_then(scalar).unwrap_or_default();
        let heading = topic
            .get("title")
            .and_then(scalar)
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| capitalise(&name));
        let title = plain_title(&heading);
        for content in seq(topic.get("content")) {
            let Some(level) = content.get("level").and_then(scalar).map(|l| clean(&l)) else {
                continue;
            };
            let mut section = ParsedSection {
                title: title.clone(),
                heading: clean(&heading),
                ..Default::default()
            };
            for c in seq(content.get("criteria")) {
                if let Some(text) = scalar(c).map(|t| clean(&t)).filter(|t| !t.is_empty()) {
                    section.behaviours.push(ParsedBehaviour {
                        text,
                        ..Default::default()
                    });
                }
            }
            for ex in seq(content.get("exampleCriteria")) {
                let Some(text) = ex.get("criteria").and_then(scalar).map(|t| clean(&t)) else {
                    continue;
                };
                if text.is_empty() {
                    continue;
                }
                let examples = seq(ex.get("examples"))
                    .iter()
                    .filter_map(scalar)
                    .map(|e| clean(&e))
                    .filter(|e| !e.is_empty())
                    .collect();
                section.behaviours.push(ParsedBehaviour {
                    text,
                    label: None,
                    examples,
                });
            }
            if section.behaviours.is_empty() {
                continue;
            }
            let code = level_code(&level);
            match levels.iter_mut().find(|l| l.code == code) {
                Some(l) => l.sections.push(section),
                None => levels.push(ParsedLevel {
                    title: level_title(&level),
                    code,
                    sections: vec![section],
                    ..Default::default()
                }),
            }
        }
    }
    levels.sort_by_key(|l| level_number(&l.code).unwrap_or(u32::MAX));
    Some(ParsedLadder {
        family: front.title.clone(),
        levels,
    })
}

/// `1` → `L1`; a named level keeps its name as its code.
fn level_code(level: &str) -> String {
    if !level.is_empty() && level.chars().all(|c| c.is_ascii_digit()) {
        format!("L{level}")
    } else {
        super::names::slug(level)
    }
}

fn level_title(level: &str) -> String {
    if !level.is_empty() && level.chars().all(|c| c.is_ascii_digit()) {
        format!("Level {level}")
    } else {
        level.to_string()
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
