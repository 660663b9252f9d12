//! The brief: for every behaviour of my level and the target level, the evidence in
//! the period, then gaps, stale behaviours, feedback, learnings, open follow-ups, the
//! goals of the last growth conversation and talking points.
//!
//! **Evidence** is an entry (not in the trash, dated up to `until`) linked to the
//! behaviour. In my brief: every pairing session, feedback entry (received, and given:
//! giving feedback is how some behaviours show) and learning. In the brief of someone
//! I mentor (`person`): the pairing sessions where they are a partner and the feedback
//! I gave them, which is feedback they received. A conversation is never evidence.
//!
//! **Strongest** entries of a behaviour, at most [`STRONGEST`], ranked by:
//! 1. what the entry says about the behaviour: feedback received in appreciation
//!    (someone else saw it) first; then pairing sessions, learnings and feedback
//!    without a tone (the work itself); coaching feedback last (it points at what to
//!    grow, not at a strength);
//! 2. focus: an entry linked to fewer behaviours is more specific evidence;
//! 3. substance: more text written;
//! 4. the newer entry, then the id (so the order is stable).
//!
//! A behaviour is a **gap** with no evidence at all up to `until`, **stale** with
//! evidence before `since` and none from `since` to `until` (never both).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::{
    BehaviourEvidence, Brief, BriefLevel, BriefRequest, BriefSection, ConversationRef, Coverage,
    EvidenceEntry, FeedbackQuote, GoalProgress, SinceSource, TalkingPoint, TalkingPointKind,
    heatmap,
};
use crate::journal::{self, Details, Direction, Entry, FollowUpItem, Tone};
use crate::ladder::{self, LevelRef};
use crate::{Error, Result, clock};

/// How many strongest entries a behaviour shows.
pub const STRONGEST: usize = 3;
/// The period when neither `since` nor a conversation says otherwise.
pub const DEFAULT_DAYS: u64 = 90;
/// How many talking points of each kind the brief offers, at most.
pub const POINTS_PER_KIND: usize = 3;
/// Snippet length, in characters.
pub const SNIPPET_CHARS: usize = 140;

/// The brief's inputs with every default applied.
#[derive(Debug, Clone)]
pub struct Scope {
    /// Whose brief: `None` mine, else (person id, current name).
    pub person: Option<(i64, String)>,
    pub level: LevelRef,
    pub target: Option<LevelRef>,
    pub since: String,
    pub until: String,
    pub since_source: SinceSource,
    pub last_conversation: Option<ConversationRef>,
}

impl Scope {
    /// Applies the defaults of [`BriefRequest`], naming the field of any bad input.
    pub fn resolve(conn: &Connection, request: &BriefRequest) -> Result<Self> {
        let until = match non_empty(&request.until) {
            Some(u) => clock::parse_date("until", u)?,
            None => clock::today()?,
        };
        let person = non_empty(&request.person)
            .map(|name| journal::goals::person(conn, "person", name))
            .transpose()?;
        let level = match non_empty(&request.level) {
            Some(code) => ladder::resolve_level(conn, code)?,
            None => ladder::profile::load(conn)?.level.ok_or_else(|| {
                Error::invalid(
                    "level",
                    "no level given and no current level set: set yours with \
                     `rungs profile --level CODE` (the codes are in `rungs ladder show`), \
                     or pass --level CODE",
                )
            })?,
        };
        let target = match non_empty(&request.target) {
            Some(code) => {
                let t = ladder::resolve_level(conn, code).map_err(|e| match e {
                    Error::Invalid { message, .. } => Error::invalid("target", message),
                    other => other,
                })?;
                if t.id == level.id {
                    return Err(Error::invalid(
                        "target",
                        format!(
                            "'{code}' is the brief's level itself; pick the level to grow into"
                        ),
                    ));
                }
                Some(t)
            }
            None => ladder::levels::next_level(conn, &level)?,
        };
        let last_conversation = last_conversation(conn, person.as_ref().map(|p| p.0), until)?;
        let (since, since_source) = match non_empty(&request.since) {
            Some(s) => (clock::parse_date("since", s)?, SinceSource::Given),
            None => match &last_conversation {
                Some(c) => (
                    clock::parse_date("since", &c.date)?,
                    SinceSource::LastConversation,
                ),
                None => (
                    until
                        .checked_sub_days(Days::new(DEFAULT_DAYS))
                        .unwrap_or(NaiveDate::MIN),
                    SinceSource::Default,
                ),
            },
        };
        if since > until {
            return Err(Error::invalid(
                "since",
                format!("{since} is after until ({until})"),
            ));
        }
        Ok(Scope {
            person,
            level,
            target,
            since: since.format("%Y-%m-%d").to_string(),
            until: until.format("%Y-%m-%d").to_string(),
            since_source,
            last_conversation,
        })
    }

    fn in_period(&self, date: &str) -> bool {
        self.since.as_str() <= date && date <= self.until.as_str()
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The last conversation up to `until`: with `person`, or for my own brief with
/// anyone not marked as a mentee.
fn last_conversation(
    conn: &Connection,
    person: Option<i64>,
    until: NaiveDate,
) -> Result<Option<ConversationRef>> {
    let row = conn
        .query_row(
            "SELECT e.id, e.date, p.name, e.title FROM entries e
             JOIN entry_people ep ON ep.entry_id = e.id AND ep.role = 'subject'
             JOIN people p ON p.id = ep.person_id
             WHERE e.kind = 'conversation' AND e.deleted_at IS NULL AND e.date <= ?1
               AND (CASE WHEN ?2 IS NULL THEN p.mentee = 0 ELSE p.id = ?2 END)
             ORDER BY e.date DESC, e.time IS NULL, e.time DESC, e.created_at DESC, e.id DESC
             LIMIT 1",
            params![until.format("%Y-%m-%d").to_string(), person],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(|(id, date, person, title)| ConversationRef {
        title: title.unwrap_or_else(|| journal::derived_conversation_title(&person)),
        id,
        date,
        person,
    }))
}

/// The SQL condition (on `entries e`, person id bound as `?2`) for the entries that
/// are evidence in a brief: see the module docs.
fn evidence_condition(person: bool) -> &'static str {
    if person {
        "((e.kind = 'pairing' AND EXISTS (SELECT 1 FROM entry_people ep WHERE ep.entry_id = e.id
              AND ep.role = 'partner' AND ep.person_id = ?2))
          OR (e.kind = 'feedback' AND e.direction = 'given' AND EXISTS (SELECT 1 FROM entry_people ep
              WHERE ep.entry_id = e.id AND ep.role = 'subject' AND ep.person_id = ?2)))"
    } else {
        "e.kind IN ('pairing', 'feedback', 'learning')"
    }
}

/// What the brief and the heatmap are computed from, read once.
pub(crate) struct Data {
    pub scope: Scope,
    /// The level, then the target.
    pub levels: Vec<(LevelRef, ladder::Level, bool)>,
    /// Behaviour id → its evidence (entry id, date), newest first, up to `until`.
    pub links: HashMap<String, Vec<(String, String)>>,
    /// Every entry the brief cites, by id.
    pub entries: HashMap<String, Entry>,
}

impl Data {
    pub fn load(conn: &Connection, scope: Scope) -> Result<Self> {
        let ladder = ladder::store::load(conn)?;
        let mut levels = Vec::new();
        for (l, target) in
            std::iter::once((&scope.level, false)).chain(scope.target.as_ref().map(|t| (t, true)))
        {
            let level = ladder
                .levels
                .iter()
                .find(|x| x.track == l.track && x.code == l.code)
                .cloned()
                .unwrap_or_else(|| ladder::Level {
                    code: l.code.clone(),
                    title: l.title.clone(),
                    summary: String::new(),
                    track: l.track.clone(),
                    attributes: Vec::new(),
                    sections: Vec::new(),
                });
            levels.push((l.clone(), level, target));
        }
        let mut links: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT eb.behaviour_id, e.id, e.date FROM entry_behaviours eb
             JOIN entries e ON e.id = eb.entry_id
             WHERE e.deleted_at IS NULL AND e.date <= ?1 AND {}
             ORDER BY e.date DESC, e.id DESC",
            evidence_condition(scope.person.is_some())
        ))?;
        let mut args: Vec<rusqlite::types::Value> = vec![scope.until.clone().into()];
        if let Some((id, _)) = &scope.person {
            args.push((*id).into());
        }
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (behaviour, id, date) = row?;
            links.entry(behaviour).or_default().push((id, date));
        }
        let mut data = Data {
            scope,
            levels,
            links,
            entries: HashMap::new(),
        };
        let wanted: Vec<String> = data
            .behaviour_ids()
            .iter()
            .flat_map(|b| data.links.get(*b).into_iter().flatten())
            .filter(|(_, date)| data.scope.in_period(date))
            .map(|(id, _)| id.clone())
            .collect();
        data.load_entries(conn, wanted)?;
        Ok(data)
    }

    /// The behaviours of the level and the target, in ladder order.
    pub fn behaviour_ids(&self) -> Vec<&str> {
        self.levels
            .iter()
            .flat_map(|(_, l, _)| &l.sections)
            .flat_map(|s| &s.behaviours)
            .map(|b| b.id.as_str())
            .collect()
    }

    fn load_entries(
        &mut self,
        conn: &Connection,
        ids: impl IntoIterator<Item = String>,
    ) -> Result<()> {
        for id in ids {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.entries.entry(id) {
                let e = journal::goals::entry(conn, slot.key())?;
                slot.insert(e);
            }
        }
        Ok(())
    }

    /// Evidence entries of `behaviour` in the period, newest first.
    pub fn in_period(&self, behaviour: &str) -> Vec<&Entry> {
        self.links
            .get(behaviour)
            .into_iter()
            .flatten()
            .filter(|(_, date)| self.scope.in_period(date))
            .filter_map(|(id, _)| self.entries.get(id))
            .collect()
    }

    /// Whether `e` is, in this brief, feedback the brief's person received.
    fn is_received_feedback(&self, e: &Entry) -> bool {
        match &e.details {
            Details::Feedback(f) => match self.scope.person {
                None => f.direction == Direction::Received,
                Some(_) => f.direction == Direction::Given,
            },
            _ => false,
        }
    }
}

/// Computes the brief.
pub fn build(conn: &Connection, request: &BriefRequest) -> Result<Brief> {
    let scope = Scope::resolve(conn, request)?;
    let mut data = Data::load(conn, scope)?;
    let goals = goals(conn, &mut data)?;
    let (feedback_received, feedback_given) = feedback(conn, &mut data)?;
    let learnings = learnings(conn, &mut data)?;
    let open_follow_ups = open_follow_ups(conn, &data.scope)?;

    let mut levels = Vec::new();
    let mut gaps = Vec::new();
    let mut stale = Vec::new();
    for (level_ref, level, target) in &data.levels {
        let mut sections = Vec::new();
        for section in &level.sections {
            let mut behaviours = Vec::new();
            for b in &section.behaviours {
                let ev = evidence_of(&data, &level_ref.code, &section.title, b);
                match ev.coverage {
                    Coverage::Gap => gaps.push(b.id.clone()),
                    Coverage::Stale => stale.push(b.id.clone()),
                    Coverage::Evidenced => {}
                }
                behaviours.push(ev);
            }
            sections.push(BriefSection {
                title: section.title.clone(),
                behaviours,
            });
        }
        levels.push(BriefLevel {
            level: level_ref.clone(),
            target: *target,
            sections,
        });
    }
    let talking_points = talking_points(&data, &levels, &feedback_received);
    let heatmap = heatmap::from_data(&data);
    let scope = data.scope;
    Ok(Brief {
        person: scope.person.map(|p| p.1),
        level: scope.level,
        target: scope.target,
        since: scope.since,
        until: scope.until,
        since_source: scope.since_source,
        last_conversation: scope.last_conversation,
        levels,
        gaps,
        stale,
        feedback_received,
        feedback_given,
        learnings,
        open_follow_ups,
        goals,
        talking_points,
        heatmap,
    })
}

fn evidence_of(
    data: &Data,
    level: &str,
    section: &str,
    b: &ladder::Behaviour,
) -> BehaviourEvidence {
    let all = data.links.get(&b.id).map(Vec::as_slice).unwrap_or_default();
    let latest = all.iter().map(|(_, d)| d.clone()).max();
    let entries = data.in_period(&b.id);
    let coverage = match (&latest, entries.is_empty()) {
        (None, _) => Coverage::Gap,
        (Some(_), true) => Coverage::Stale,
        (Some(_), false) => Coverage::Evidenced,
    };
    let mut ranked = entries.clone();
    ranked.sort_by(|a, b| {
        strength(data, b)
            .cmp(&strength(data, a))
            .then(a.behaviours.len().cmp(&b.behaviours.len()))
            .then(text_len(b).cmp(&text_len(a)))
            .then(b.date.cmp(&a.date))
            .then(b.id.cmp(&a.id))
    });
    BehaviourEvidence {
        id: b.id.clone(),
        level: level.to_string(),
        section: section.to_string(),
        text: b.text.clone(),
        count: entries.len() as u32,
        latest,
        coverage,
        strongest: ranked.iter().take(STRONGEST).map(|e| evidence(e)).collect(),
        feedback: entries
            .iter()
            .filter(|e| data.is_received_feedback(e))
            .filter_map(|e| quote(e))
            .collect(),
        entries: entries.iter().map(|e| evidence(e)).collect(),
    }
}

/// Rank 1 of "strongest" (see the module docs): higher is stronger.
/// Appreciation the brief's person received ranks first; which stored
/// direction that is depends on whose brief it is (a mentee's received
/// feedback is stored as `given` by the journal's owner).
fn strength(data: &Data, e: &Entry) -> u8 {
    match &e.details {
        Details::Feedback(f) => match f.tone {
            Some(Tone::Coaching) => 1,
            Some(Tone::Appreciation) if data.is_received_feedback(e) => 3,
            _ => 2,
        },
        _ => 2,
    }
}

/// Rank 3 of "strongest": how much the entry says.
fn text_len(e: &Entry) -> usize {
    crate::search::document::body_text(e).len()
}

/// An entry as the brief cites it.
pub fn evidence(e: &Entry) -> EvidenceEntry {
    EvidenceEntry {
        id: e.id.clone(),
        kind: e.kind(),
        title: e.title.clone(),
        date: e.date.clone(),
        snippet: snippet(e),
    }
}

/// One line of the entry's main text (the journal's excerpt; a conversation's notes).
fn snippet(e: &Entry) -> String {
    match &e.details {
        Details::Conversation(c) => {
            crate::render::excerpt(c.notes.as_deref().unwrap_or_default(), SNIPPET_CHARS)
        }
        _ => crate::render::excerpt(&journal::browse::excerpt_of(e), SNIPPET_CHARS),
    }
}

fn quote(e: &Entry) -> Option<FeedbackQuote> {
    let Details::Feedback(f) = &e.details else {
        return None;
    };
    Some(FeedbackQuote {
        entry_id: e.id.clone(),
        date: e.date.clone(),
        person: f.person.clone(),
        direction: f.direction,
        tone: f.tone,
        situation: f.situation.clone(),
        behaviour: f.observed.clone(),
        impact: f.impact.clone(),
        behaviours: e.behaviours.iter().map(|b| b.id.clone()).collect(),
    })
}

/// Feedback in the period: (received, given) from the brief's person's side.
fn feedback(
    conn: &Connection,
    data: &mut Data,
) -> Result<(Vec<FeedbackQuote>, Vec<FeedbackQuote>)> {
    let person = data.scope.person.as_ref().map(|p| p.0);
    let ids: Vec<String> = conn
        .prepare(
            "SELECT e.id FROM entries e
             WHERE e.kind = 'feedback' AND e.deleted_at IS NULL AND e.date BETWEEN ?1 AND ?3
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM entry_people ep WHERE ep.entry_id = e.id
                    AND ep.role = 'subject' AND ep.person_id = ?2))
             ORDER BY e.date DESC, e.time IS NULL, e.time DESC, e.created_at DESC, e.id DESC",
        )?
        .query_map(params![data.scope.since, person, data.scope.until], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    data.load_entries(conn, ids.clone())?;
    let (mut received, mut given) = (Vec::new(), Vec::new());
    for id in &ids {
        let e = &data.entries[id];
        if let Some(q) = quote(e) {
            if data.is_received_feedback(e) {
                received.push(q);
            } else {
                given.push(q);
            }
        }
    }
    Ok((received, given))
}

/// My learnings in the period; none in someone else's brief (a learning has no person).
fn learnings(conn: &Connection, data: &mut Data) -> Result<Vec<EvidenceEntry>> {
    if data.scope.person.is_some() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = conn
        .prepare(
            "SELECT e.id FROM entries e
             WHERE e.kind = 'learning' AND e.deleted_at IS NULL AND e.date BETWEEN ?1 AND ?2
             ORDER BY e.date DESC, e.time IS NULL, e.time DESC, e.created_at DESC, e.id DESC",
        )?
        .query_map(params![data.scope.since, data.scope.until], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    data.load_entries(conn, ids.clone())?;
    Ok(ids.iter().map(|id| evidence(&data.entries[id])).collect())
}

/// Follow-ups not done yet, of sessions dated up to `until` (with the person, in theirs).
fn open_follow_ups(conn: &Connection, scope: &Scope) -> Result<Vec<FollowUpItem>> {
    let mut stmt = conn.prepare(
        "SELECT f.id, f.entry_id, f.text, f.done, COALESCE(e.title, ''), e.date
         FROM follow_ups f JOIN entries e ON e.id = f.entry_id
         WHERE e.deleted_at IS NULL AND f.done = 0 AND e.date <= ?1
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM entry_people ep WHERE ep.entry_id = e.id
                AND ep.role = 'partner' AND ep.person_id = ?2))
         ORDER BY e.date DESC, e.created_at DESC, f.position",
    )?;
    Ok(stmt
        .query_map(
            params![scope.until, scope.person.as_ref().map(|p| p.0)],
            |r| {
                Ok(FollowUpItem {
                    id: r.get(0)?,
                    entry_id: r.get(1)?,
                    text: r.get(2)?,
                    done: r.get(3)?,
                    entry_title: r.get(4)?,
                    entry_date: r.get(5)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?)
}

/// The goals of the last conversation, each with the evidence linked to its
/// behaviours from the day it was agreed to `until`.
fn goals(conn: &Connection, data: &mut Data) -> Result<Vec<GoalProgress>> {
    let Some(conversation) = data.scope.last_conversation.clone() else {
        return Ok(Vec::new());
    };
    let entry = journal::goals::entry(conn, &conversation.id)?;
    let Details::Conversation(c) = &entry.details else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for g in &c.goals {
        let mut seen = HashSet::new();
        let mut since: Vec<(String, String)> = g
            .behaviours
            .iter()
            .flat_map(|b| data.links.get(b).into_iter().flatten())
            .filter(|(_, date)| date.as_str() >= conversation.date.as_str())
            .filter(|(id, _)| seen.insert(id.clone()))
            .cloned()
            .collect();
        since.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        data.load_entries(conn, since.iter().map(|(id, _)| id.clone()))?;
        out.push(GoalProgress {
            id: g.id.clone(),
            text: g.text.clone(),
            status: g.status,
            behaviours: g
                .behaviours
                .iter()
                .map(|b| ladder::store::behaviour(conn, b))
                .collect::<Result<_>>()?,
            agreed_on: conversation.date.clone(),
            conversation_id: conversation.id.clone(),
            evidence_since: since
                .iter()
                .map(|(id, _)| evidence(&data.entries[id]))
                .collect(),
        });
    }
    Ok(out)
}

/// Strengths (the behaviours with the most evidence in the period), gaps (sections of
/// the target level, else the level, with the most behaviours never evidenced; then
/// stale behaviours of the level) and themes (behaviours and tags that feedback
/// received in the period comes back to), each citing its entries.
fn talking_points(
    data: &Data,
    levels: &[BriefLevel],
    received: &[FeedbackQuote],
) -> Vec<TalkingPoint> {
    let mut points = Vec::new();
    let all: Vec<&BehaviourEvidence> = levels
        .iter()
        .flat_map(|l| &l.sections)
        .flat_map(|s| &s.behaviours)
        .collect();

    let mut strong: Vec<&&BehaviourEvidence> = all.iter().filter(|b| b.count >= 2).collect();
    strong.sort_by(|a, b| b.count.cmp(&a.count).then(b.latest.cmp(&a.latest)));
    for b in strong.into_iter().take(POINTS_PER_KIND) {
        points.push(TalkingPoint {
            text: format!(
                "{} \u{201c}{}\u{201d}: {} entries in the period, the latest on {}",
                b.id,
                b.text,
                b.count,
                b.latest.as_deref().unwrap_or_default()
            ),
            kind: TalkingPointKind::Strength,
            entries: b.entries.iter().map(|e| e.id.clone()).collect(),
            behaviours: vec![b.id.clone()],
        });
    }

    let gap_level = levels.iter().find(|l| l.target).or_else(|| levels.first());
    if let Some(level) = gap_level {
        let mut sections: Vec<(&BriefSection, Vec<&BehaviourEvidence>)> = level
            .sections
            .iter()
            .map(|s| {
                let g = s
                    .behaviours
                    .iter()
                    .filter(|b| b.coverage == Coverage::Gap)
                    .collect::<Vec<_>>();
                (s, g)
            })
            .filter(|(_, g)| !g.is_empty())
            .collect();
        sections.sort_by_key(|s| std::cmp::Reverse(s.1.len()));
        for (section, gaps) in sections.into_iter().take(POINTS_PER_KIND) {
            points.push(TalkingPoint {
                text: format!(
                    "No evidence yet toward {} for {} of {} behaviours in \u{201c}{}\u{201d}: {}",
                    level.level.code,
                    gaps.len(),
                    section.behaviours.len(),
                    section.title,
                    gaps.iter()
                        .map(|b| b.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                kind: TalkingPointKind::Gap,
                entries: Vec::new(),
                behaviours: gaps.iter().map(|b| b.id.clone()).collect(),
            });
        }
    }
    let mut stale: Vec<&&BehaviourEvidence> = all
        .iter()
        .filter(|b| b.coverage == Coverage::Stale)
        .collect();
    stale.sort_by(|a, b| a.latest.cmp(&b.latest).then(a.id.cmp(&b.id)));
    for b in stale.into_iter().take(POINTS_PER_KIND) {
        let before: Vec<String> = data
            .links
            .get(&b.id)
            .into_iter()
            .flatten()
            .take(STRONGEST)
            .map(|(id, _)| id.clone())
            .collect();
        points.push(TalkingPoint {
            text: format!(
                "{} \u{201c}{}\u{201d} has had no evidence since {}",
                b.id,
                b.text,
                b.latest.as_deref().unwrap_or_default()
            ),
            kind: TalkingPointKind::Gap,
            entries: before,
            behaviours: vec![b.id.clone()],
        });
    }

    // Themes: a behaviour or a tag that two or more pieces of feedback share.
    let mut by_behaviour: BTreeMap<&str, Vec<&FeedbackQuote>> = BTreeMap::new();
    for q in received {
        for b in &q.behaviours {
            by_behaviour.entry(b.as_str()).or_default().push(q);
        }
    }
    let mut themes: Vec<(String, String, Vec<&FeedbackQuote>, Vec<String>)> = Vec::new();
    for (b, qs) in by_behaviour.into_iter().filter(|(_, qs)| qs.len() >= 2) {
        let text = all
            .iter()
            .find(|x| x.id == b)
            .map(|x| format!(" \u{201c}{}\u{201d}", x.text))
            .unwrap_or_default();
        themes.push((format!("{b}{text}"), b.to_string(), qs, vec![b.to_string()]));
    }
    let mut by_tag: BTreeMap<String, (String, Vec<&FeedbackQuote>)> = BTreeMap::new();
    for q in received {
        if let Some(e) = data.entries.get(&q.entry_id) {
            for t in &e.tags {
                by_tag
                    .entry(t.to_lowercase())
                    .or_insert_with(|| (t.clone(), Vec::new()))
                    .1
                    .push(q);
            }
        }
    }
    for (_, (tag, qs)) in by_tag.into_iter().filter(|(_, (_, qs))| qs.len() >= 2) {
        themes.push((format!("#{tag}"), tag, qs, Vec::new()));
    }
    themes.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.1.cmp(&b.1)));
    for (label, _, qs, behaviours) in themes.into_iter().take(POINTS_PER_KIND) {
        let tone = |t: Tone| qs.iter().filter(|q| q.tone == Some(t)).count();
        let (a, c) = (tone(Tone::Appreciation), tone(Tone::Coaching));
        let mut mix = Vec::new();
        if a > 0 {
            mix.push(format!("{a} appreciation"));
        }
        if c > 0 {
            mix.push(format!("{c} coaching"));
        }
        let mix = if mix.is_empty() {
            String::new()
        } else {
            format!(" ({})", mix.join(", "))
        };
        points.push(TalkingPoint {
            text: format!(
                "Feedback keeps coming back to {label}: {} pieces{mix}",
                qs.len()
            ),
            kind: TalkingPointKind::Theme,
            entries: qs.iter().map(|q| q.entry_id.clone()).collect(),
            behaviours,
        });
    }
    points
}
