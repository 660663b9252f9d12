//! Which track an imported ladder joins, and the codes of levels that have none.
//!
//! `--track NAME` decides; otherwise the track is inferred, in this order: the
//! ladder's own title (front matter, or an H1 above the levels), the title the
//! level headings share once level words are taken off (`Senior DevOps Support
//! Engineer` → `DevOps Support Engineer`), the folder name. A guess that names a
//! track already in the journal joins it, so L3 of the support ladder lands next
//! to the bundled L1 and L2.

use rusqlite::Connection;

use super::ParsedLadder;
use super::parse::names::{core_title, plain_title, rank_words, slug};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackChoice {
    pub name: String,
    pub slug: String,
    /// The stored track, when the import joins one.
    pub existing: Option<i64>,
    /// How the track was inferred (`None`: given with `--track`).
    pub inferred_from: Option<String>,
}

struct Stored {
    id: i64,
    slug: String,
    name: String,
}

fn stored(conn: &Connection) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare("SELECT id, slug, name FROM tracks ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Stored {
            id: r.get(0)?,
            slug: r.get(1)?,
            name: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn find<'a>(tracks: &'a [Stored], name: &str) -> Option<&'a Stored> {
    let s = slug(name);
    tracks
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(name.trim()) || t.slug == s || slug(&t.name) == s)
}

/// The track named by the user (`--track`), stored or new.
pub fn named(conn: &Connection, name: &str) -> Result<TrackChoice> {
    let name = plain_title(name);
    if slug(&name).is_empty() {
        return Err(Error::invalid("track", "must contain a letter or a digit"));
    }
    let tracks = stored(conn)?;
    Ok(match find(&tracks, &name) {
        Some(t) => TrackChoice {
            name: t.name.clone(),
            slug: t.slug.clone(),
            existing: Some(t.id),
            inferred_from: None,
        },
        None => TrackChoice {
            slug: slug(&name),
            name,
            existing: None,
            inferred_from: None,
        },
    })
}

/// Infers the track of `ladder`, read from the file at `path`.
pub fn infer(conn: &Connection, ladder: &ParsedLadder, path: &str) -> Result<TrackChoice> {
    let mut candidates: Vec<(String, String)> = Vec::new();
    if let Some(family) = &ladder.family {
        let name = without_generic_words(&plain_title(family));
        candidates.push((name, format!("the ladder's title \"{family}\"")));
    }
    if let Some(shared) = shared_title(ladder) {
        candidates.push((shared, "the level titles".into()));
    }
    if let Some(folder) = folder_name(path) {
        candidates.push((folder, "the folder name".into()));
    }
    candidates.retain(|(name, _)| !slug(name).is_empty());
    let tracks = stored(conn)?;
    // A guess naming a stored track wins: that is the track the user already has.
    for (name, why) in &candidates {
        if let Some(t) = find(&tracks, name) {
            return Ok(TrackChoice {
                name: t.name.clone(),
                slug: t.slug.clone(),
                existing: Some(t.id),
                inferred_from: Some(why.clone()),
            });
        }
    }
    let (name, why) = candidates
        .into_iter()
        .next()
        .unwrap_or_else(|| ("Imported".into(), "nothing in the file (a default)".into()));
    Ok(TrackChoice {
        slug: slug(&name),
        name,
        existing: None,
        inferred_from: Some(why),
    })
}

/// `Backend Engineering Framework` → `Backend Engineering`.
fn without_generic_words(name: &str) -> String {
    const GENERIC: &[&str] = &[
        "framework",
        "progression",
        "career",
        "ladder",
        "ladders",
        "levels",
        "level",
        "track",
        "matrix",
    ];
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| GENERIC.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    words.join(" ")
}

/// The words every level title shares once level words and codes are taken off.
fn shared_title(ladder: &ParsedLadder) -> Option<String> {
    let cores: Vec<Vec<String>> = ladder
        .levels
        .iter()
        .map(|l| {
            core_title(&l.title)
                .split_whitespace()
                .map(str::to_string)
                .collect()
        })
        .collect();
    let first = cores.first()?;
    // The longest run of words of the first title found in every other one.
    for len in (1..=first.len()).rev() {
        for start in 0..=first.len() - len {
            let run = &first[start..start + len];
            let in_all = cores.iter().all(|c| {
                c.windows(len)
                    .any(|w| w.iter().zip(run).all(|(a, b)| a.eq_ignore_ascii_case(b)))
            });
            if in_all {
                return Some(run.join(" "));
            }
        }
    }
    None
}

fn folder_name(path: &str) -> Option<String> {
    const GENERIC: &[&str] = &[
        "",
        ".",
        "..",
        "tmp",
        "docs",
        "doc",
        "public",
        "ladders",
        "ladder",
        "downloads",
        "home",
        "desktop",
        "documents",
        "src",
        "data",
        "files",
        "fixtures",
    ];
    let folder = std::path::Path::new(path)
        .parent()?
        .file_name()?
        .to_str()?
        .to_string();
    let words = folder.replace(['-', '_'], " ");
    let name = plain_title(&words);
    (!GENERIC.contains(&folder.to_lowercase().as_str()) && !folder.starts_with('.')).then_some(name)
}

/// Gives every level without a code one, by one rule wherever the title was
/// written (an H1, an H2 under a title, front matter, the file name): the title's
/// rank words (`Senior Engineer` → `senior`, `Senior I Engineer` → `senior-i`,
/// `OSPO Engineer II` → `ii`); for a title without any, or when two levels of the
/// file share them, the title without the track's words (`Mobile Engineer` in track
/// `Mobile` → `engineer`), else the whole title, as a slug. Codes stay unique
/// within the file.
pub fn assign_codes(ladder: &mut ParsedLadder, track_name: &str) {
    let track_words: Vec<String> = track_name
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut used: Vec<String> = ladder
        .levels
        .iter()
        .filter(|l| !l.code.is_empty())
        .map(|l| l.code.to_lowercase())
        .collect();
    // Each level's rank words, and how many levels of the file share them.
    let rank_of: Vec<String> = ladder
        .levels
        .iter()
        .map(|l| slug(&rank_words(&l.title).join(" ")))
        .collect();
    let mut shared: std::collections::HashMap<&str, usize> = Default::default();
    for r in &rank_of {
        *shared.entry(r.as_str()).or_default() += 1;
    }
    for (i, level) in ladder.levels.iter_mut().enumerate() {
        if !level.code.is_empty() {
            continue;
        }
        let rank = &rank_of[i];
        let rest: Vec<&str> = level
            .title
            .split_whitespace()
            .filter(|w| !track_words.contains(&w.to_lowercase()))
            .collect();
        let mut code = if !rank.is_empty() && !used.contains(rank) && shared[rank.as_str()] == 1 {
            rank.clone()
        } else {
            slug(&rest.join(" "))
        };
        if code.is_empty() {
            code = slug(&level.title);
        }
        if code.is_empty() {
            code = format!("level-{}", i + 1);
        }
        let base = code.clone();
        let mut n = 2;
        while used.contains(&code) {
            code = format!("{base}-{n}");
            n += 1;
        }
        used.push(code.clone());
        level.code = code;
    }
}
