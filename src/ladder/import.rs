//! One ladder import: files parsed, each given a track, every level planned
//! against what is stored, then written, all inside the caller's one transaction
//! (a bad file anywhere imports nothing). `--dry-run` plans the same and writes
//! nothing, and its report carries the tree that would be imported.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::plan::{self, Change, LevelPlan};
use super::tracks::{self, TrackChoice};
use super::{ParsedLadder, ParsedLevel, bundled, levels::id_prefix, parse_ladder, store};
use crate::{Error, Result};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--track NAME`: the track every file joins; else inferred per file.
    pub track: Option<String>,
    pub dry_run: bool,
}

/// What an import changed (or, with `dry_run`, would change).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub dry_run: bool,
    pub tracks: Vec<TrackReport>,
    pub levels: Vec<LevelReport>,
    pub unchanged: usize,
    pub reworded: Vec<Reworded>,
    pub added: Vec<BehaviourNote>,
    pub retired: Vec<BehaviourNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrackReport {
    pub name: String,
    pub slug: String,
    pub new: bool,
    /// How the track was chosen when `--track` was not given.
    pub inferred_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LevelReport {
    pub track: String,
    pub code: String,
    pub title: String,
    pub new: bool,
    /// The tree that would be imported (dry runs only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<SectionTree>>", optional))]
    pub sections: Vec<SectionTree>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionTree {
    pub title: String,
    pub behaviours: Vec<BehaviourTree>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BehaviourTree {
    pub id: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub label: Option<String>,
    /// unchanged, reworded, restored or added
    pub change: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reworded {
    pub id: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BehaviourNote {
    pub id: String,
    pub text: String,
}

impl ImportReport {
    pub fn changed(&self) -> bool {
        !self.reworded.is_empty()
            || !self.added.is_empty()
            || !self.retired.is_empty()
            || self.levels.iter().any(|l| l.new)
    }
}

/// Reads ladder files from disk as `(path, bytes)` for [`crate::Journal::import_ladder`];
/// a file that cannot be read is an error naming it.
pub fn read_files<P: AsRef<std::path::Path>>(paths: &[P]) -> Result<Vec<(String, Vec<u8>)>> {
    paths
        .iter()
        .map(|path| {
            let path = path.as_ref();
            let bytes = std::fs::read(path)
                .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
            Ok((path.display().to_string(), bytes))
        })
        .collect()
}

/// Parses every file first: a file that is not a ladder fails the whole import.
pub fn parse_files(files: &[(String, Vec<u8>)]) -> Result<Vec<(String, ParsedLadder)>> {
    files
        .iter()
        .map(|(name, bytes)| Ok((name.clone(), parse_ladder(name, bytes)?)))
        .collect()
}

/// Plans every level and, unless `dry_run`, writes it. Call inside one transaction.
pub fn run(
    conn: &Connection,
    parsed: Vec<(String, ParsedLadder)>,
    track: Option<&str>,
    dry_run: bool,
) -> Result<ImportReport> {
    let mut report = ImportReport {
        dry_run,
        ..Default::default()
    };
    let mut files = Vec::new();
    for (path, mut ladder) in parsed {
        let choice = match track {
            Some(name) => tracks::named(conn, name)?,
            None => tracks::infer(conn, &ladder, &path)?,
        };
        tracks::assign_codes(&mut ladder, &choice.name);
        files.push((path, choice, ladder));
    }
    run_planned(conn, files, &mut report)?;
    Ok(report)
}

/// Imports the bundled ladder into its own track, with its pinned ids.
pub fn bundled(conn: &Connection) -> Result<ImportReport> {
    let mut ladder = ParsedLadder::default();
    for (name, text) in bundled::FILES {
        ladder
            .levels
            .extend(parse_ladder(name, text.as_bytes())?.levels);
    }
    let choice = TrackChoice {
        name: bundled::TRACK_NAME.into(),
        slug: bundled::TRACK_SLUG.into(),
        existing: track_by_slug(conn, bundled::TRACK_SLUG)?,
        inferred_from: None,
    };
    let mut report = ImportReport::default();
    run_planned(conn, vec![("bundled".into(), choice, ladder)], &mut report)?;
    Ok(report)
}

fn run_planned(
    conn: &Connection,
    files: Vec<(String, TrackChoice, ParsedLadder)>,
    report: &mut ImportReport,
) -> Result<()> {
    let mut taken = store::taken_ids(conn)?;
    let mut seen: Vec<(String, String, String)> = Vec::new();
    for (path, choice, ladder) in files {
        if !report.tracks.iter().any(|t| t.slug == choice.slug) {
            report.tracks.push(TrackReport {
                name: choice.name.clone(),
                slug: choice.slug.clone(),
                new: choice.existing.is_none(),
                inferred_from: choice.inferred_from.clone(),
            });
        }
        let track_id = match (choice.existing, report.dry_run) {
            (Some(id), _) => Some(id),
            (None, true) => None,
            (None, false) => Some(ensure_track(conn, &choice)?),
        };
        let bundled_track = choice.slug == bundled::TRACK_SLUG;
        for level in &ladder.levels {
            if let Some((_, _, other)) = seen
                .iter()
                .find(|(s, c, _)| *s == choice.slug && c.eq_ignore_ascii_case(&level.code))
            {
                return Err(Error::invalid(
                    format!("ladder file {path}"),
                    format!(
                        "level {} of track {} is also in {other}; a level is imported from one place",
                        level.code, choice.name
                    ),
                ));
            }
            seen.push((choice.slug.clone(), level.code.clone(), path.clone()));
            let stored = match track_id {
                Some(id) => store::stored_level(conn, id, &level.code)?,
                None => None,
            };
            let prefix = id_prefix(&choice.slug, &level.code);
            let plan = plan::level(stored.as_ref(), level, &prefix, bundled_track, &mut taken);
            note(report, &choice, level, &plan);
            if let (Some(track_id), false) = (track_id, report.dry_run) {
                store::apply_level(conn, track_id, level, &plan)?;
            }
        }
        if let (Some(track_id), false) = (track_id, report.dry_run) {
            store::order_levels(conn, track_id)?;
        }
    }
    Ok(())
}

fn track_by_slug(conn: &Connection, slug: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM tracks WHERE slug = ?1", [slug], |r| {
            r.get(0)
        })
        .optional()?)
}

fn ensure_track(conn: &Connection, choice: &TrackChoice) -> Result<i64> {
    if let Some(id) = track_by_slug(conn, &choice.slug)? {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO tracks (slug, name) VALUES (?1, ?2)",
        params![choice.slug, choice.name],
    )?;
    Ok(conn.last_insert_rowid())
}

fn note(report: &mut ImportReport, track: &TrackChoice, level: &ParsedLevel, plan: &LevelPlan) {
    let mut sections = Vec::new();
    for (ps, sp) in level.sections.iter().zip(&plan.sections) {
        let mut behaviours = Vec::new();
        for (pb, bp) in ps.behaviours.iter().zip(&sp.behaviours) {
            let change = match &bp.change {
                Change::Unchanged => {
                    report.unchanged += 1;
                    "unchanged"
                }
                Change::Reworded { from } => {
                    report.reworded.push(Reworded {
                        id: bp.id.clone(),
                        from: from.clone(),
                        to: pb.text.clone(),
                    });
                    "reworded"
                }
                Change::Restored | Change::Added => {
                    report.added.push(BehaviourNote {
                        id: bp.id.clone(),
                        text: pb.text.clone(),
                    });
                    if bp.change == Change::Added {
                        "added"
                    } else {
                        "restored"
                    }
                }
            };
            if report.dry_run {
                behaviours.push(BehaviourTree {
                    id: bp.id.clone(),
                    text: pb.text.clone(),
                    label: pb.label.clone(),
                    change,
                });
            }
        }
        if report.dry_run {
            sections.push(SectionTree {
                title: ps.title.clone(),
                behaviours,
            });
        }
    }
    report
        .retired
        .extend(plan.retired.iter().map(|(id, text)| BehaviourNote {
            id: id.clone(),
            text: text.clone(),
        }));
    report.levels.push(LevelReport {
        track: track.name.clone(),
        code: level.code.clone(),
        title: level.title.clone(),
        new: plan.stored.is_none(),
        sections,
    });
}
