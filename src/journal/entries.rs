//! Entries in SQLite: the current revision lives in `entries` and its link tables
//! (what queries filter on); every revision, the current one included, is kept as
//! JSON in `revisions` (what history and revert read).
//!
//! `entries.demo` is [`DEMO`] for an entry of the demo journal, [`DEMO_KEPT`] once the
//! user has changed it (it is theirs now: `rungs demo --remove` keeps it), else 0.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::conversation::Conversation;
use super::model::{
    Details, Entry, EntryContent, EntryInput, Feedback, FollowUp, Kind, Learning, ListFilter,
    Pairing, Revision, shown_title,
};
use super::{people, validate};
use crate::{Error, Result, clock, ladder::BehaviourRef};

/// `execute` through the connection's statement cache: saving and indexing run the
/// same few statements for every entry, and preparing them costs more than running them.
pub(crate) fn exec(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(p)
}

/// `query_row` through the connection's statement cache (see [`exec`]).
pub(crate) fn row<T>(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
    f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.prepare_cached(sql)?.query_row(p, f)
}

/// `entries.demo`: part of the demo journal, removable for good.
pub(crate) const DEMO: i64 = 1;
/// `entries.demo`: came from the demo, then the user changed it; theirs now.
pub(crate) const DEMO_KEPT: i64 = 2;

/// Who writes a revision: it decides whether a demo entry becomes the user's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Writer {
    /// The user changing the entry (add, edit, link, revert, ticking a follow-up).
    User,
    /// The demo journal being loaded.
    Demo,
    /// A change that follows from another one (a person merge): recorded as a
    /// revision, but the entry is not the user's work because of it, and an entry in
    /// the trash gets it too.
    Follow,
}

/// Bookkeeping of an entry that is not part of what the user wrote.
struct Meta {
    id: String,
    created_at: String,
    updated_at: String,
    revision: i64,
    deleted_at: Option<String>,
    demo: bool,
}

/// Validates `input` and saves it as a new entry (`id` None) or a new revision of
/// `id`. Saving content identical to the current revision changes nothing.
pub(crate) fn save(
    conn: &Connection,
    id: Option<&str>,
    input: EntryInput,
    demo: bool,
) -> Result<String> {
    if let Some(id) = id {
        let kind = kind_of(conn, id)?;
        if kind != input.details.kind() {
            return Err(Error::invalid(
                "kind",
                format!(
                    "an entry cannot change kind (it is {kind}, not {})",
                    input.details.kind()
                ),
            ));
        }
    }
    let checked = validate::check(conn, input)?;
    let content = resolve(conn, id, checked, demo)?;
    let writer = if demo { Writer::Demo } else { Writer::User };
    store(conn, id, content, writer)
}

/// Writes already-valid content (people by id) as the next revision.
pub(crate) fn store(
    conn: &Connection,
    id: Option<&str>,
    content: EntryContent<i64>,
    writer: Writer,
) -> Result<String> {
    let now = clock::now_timestamp();
    let (id, revision, new) = match id {
        Some(id) => {
            let meta = meta(conn, id)?;
            if let Some(at) = meta.deleted_at
                && writer != Writer::Follow
            {
                return Err(Error::Conflict(format!(
                    "entry {id} is in the trash (since {at}); run `rungs undelete {id}` first"
                )));
            }
            if load_content(conn, id)? == content {
                return Ok(id.to_string());
            }
            if writer == Writer::User {
                exec(
                    conn,
                    "UPDATE entries SET demo = ?2 WHERE id = ?1 AND demo = ?3",
                    params![id, DEMO_KEPT, DEMO],
                )?;
            }
            (id.to_string(), meta.revision + 1, false)
        }
        None => (uuid::Uuid::now_v7().to_string(), 1, true),
    };
    let demo = if writer == Writer::Demo { DEMO } else { 0 };
    write_current(conn, &id, &content, &now, revision, new, demo)?;
    link_tags(conn, &id, &content.tags)?;
    exec(
        conn,
        "INSERT INTO revisions (entry_id, revision, at, content) VALUES (?1, ?2, ?3, ?4)",
        params![id, revision, now, to_json(&content)?],
    )?;
    Ok(id)
}

fn to_json(content: &EntryContent<i64>) -> Result<String> {
    serde_json::to_string(content)
        .map_err(|e| Error::invalid("entry", format!("cannot be serialised: {e}")))
}

/// Saves many new entries in one transaction (a bulk import): for each, exactly what
/// [`save`] does for a new entry (the same validation and errors, the same rows), but
/// what a long run asks again and again is answered from memory: behaviour ids, people
/// and tags already resolved in this transaction. Keep one per transaction: another
/// writer may rename or merge people and tags between transactions.
pub(crate) struct NewEntries {
    writer: Writer,
    /// Behaviour ids as typed, and as stored, to the behaviour.
    behaviours: HashMap<String, BehaviourRef>,
    /// Person name keys to (id, current name).
    people: HashMap<String, (i64, String)>,
    /// Person ids to their current name.
    names: HashMap<i64, String>,
    /// Tag name keys to the stored spelling and the active tag's id.
    tags: HashMap<String, (String, Option<i64>)>,
}

impl NewEntries {
    /// `demo`: entries (and people created for them) of the demo journal.
    pub(crate) fn new(demo: bool) -> Self {
        NewEntries {
            writer: if demo { Writer::Demo } else { Writer::User },
            behaviours: HashMap::new(),
            people: HashMap::new(),
            names: HashMap::new(),
            tags: HashMap::new(),
        }
    }

    /// Validates and inserts `input` as a new entry; returns the entry as
    /// [`get`] would read it back (without reading it back).
    pub(crate) fn insert(&mut self, conn: &Connection, input: EntryInput) -> Result<Entry> {
        // Follow-up ids the input gave (validation replaces empty and repeated ones).
        let given: Vec<String> = match &input.details {
            Details::Pairing(p) => p.follow_ups.iter().map(|f| f.id.clone()).collect(),
            _ => Vec::new(),
        };
        let cache = &mut self.behaviours;
        let input = validate::check_with(input, &mut |typed| {
            if let Some(b) = cache.get(typed) {
                return Ok(b.clone());
            }
            let b = crate::ladder::store::behaviour(conn, typed)?;
            cache.insert(typed.to_string(), b.clone());
            cache.insert(b.id.clone(), b.clone());
            Ok(b)
        })?;
        let demo = self.writer == Writer::Demo;

        // As `resolve` does, with what this transaction resolved already remembered.
        let mut tags = Vec::with_capacity(input.tags.len());
        let mut tag_ids = Vec::with_capacity(input.tags.len());
        for t in &input.tags {
            let key = validate::name_key(t);
            if !self.tags.contains_key(&key) {
                let stored: String = row(
                    conn,
                    "SELECT name FROM tags WHERE name_key = ?1 AND merged_into IS NULL",
                    [&key],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_else(|| t.clone());
                let stored_key = validate::name_key(&stored);
                exec(
                    conn,
                    "INSERT INTO tags (name, name_key) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                    params![stored, stored_key],
                )?;
                let id: Option<i64> = row(
                    conn,
                    "SELECT id FROM tags WHERE name_key = ?1 AND merged_into IS NULL",
                    [&stored_key],
                    |r| r.get(0),
                )
                .optional()?;
                self.tags.insert(key.clone(), (stored, id));
            }
            let (stored, id) = &self.tags[&key];
            tags.push(stored.clone());
            tag_ids.push(*id);
        }
        let (people, names) = (&mut self.people, &mut self.names);
        let mut details = input.details.map_people(|name| {
            let key = validate::name_key(&name);
            if let Some((id, _)) = people.get(&key) {
                return Ok(*id);
            }
            let id = people::resolve_or_create(conn, &name, demo)?;
            let current = people::name_of(conn, id)?;
            names.insert(id, current.clone());
            people.insert(key, (id, current));
            Ok(id)
        })?;
        match &mut details {
            Details::Conversation(c) => super::goals::keep_ids_unique(conn, None, &mut c.goals)?,
            Details::Pairing(p) => {
                for (f, given) in p.follow_ups.iter_mut().zip(&given) {
                    if given.is_empty() || f.id != *given {
                        continue; // a fresh id: nobody else's
                    }
                    let owned: Option<String> = row(
                        conn,
                        "SELECT entry_id FROM follow_ups WHERE id = ?1",
                        [&f.id],
                        |r| r.get(0),
                    )
                    .optional()?;
                    if owned.is_some() {
                        f.id = uuid::Uuid::now_v7().to_string();
                    }
                }
            }
            _ => {}
        }
        let content = EntryContent {
            title: input.title,
            date: input.date,
            time: input.time,
            tags,
            behaviours: input.behaviours,
            details,
        };

        // As `store` does for a new entry.
        let now = clock::now_timestamp();
        let id = uuid::Uuid::now_v7().to_string();
        let mark = if demo { DEMO } else { 0 };
        write_current(conn, &id, &content, &now, 1, true, mark)?;
        link_tag_ids(conn, &id, &tag_ids)?;
        exec(
            conn,
            "INSERT INTO revisions (entry_id, revision, at, content) VALUES (?1, ?2, ?3, ?4)",
            params![id, 1, now, to_json(&content)?],
        )?;
        if matches!(content.details, Details::Conversation(_)) {
            // Rare; their goals are read back as `get` reads them.
            return get(conn, &id);
        }

        // The entry as `render` shows it, from what was just written.
        let tags = content
            .tags
            .into_iter()
            .zip(&tag_ids)
            .filter_map(|(t, id)| id.map(|_| t))
            .collect();
        let behaviours = content
            .behaviours
            .iter()
            .map(|b| self.behaviours[b].clone())
            .collect();
        let names = &self.names;
        let details = content.details.map_people(|p| Ok(names[&p].clone()))?;
        Ok(Entry {
            title: shown_title(content.title.as_deref(), &details),
            date: content.date,
            time: content.time,
            created_at: now.clone(),
            updated_at: now,
            revision: 1,
            deleted_at: None,
            demo,
            tags,
            behaviours,
            details,
            id,
        })
    }
}

/// Turns names into person ids (creating people as needed), tags into their stored
/// spelling, and keeps follow-up ids unique across the journal.
fn resolve(
    conn: &Connection,
    id: Option<&str>,
    input: EntryInput,
    demo: bool,
) -> Result<EntryContent<i64>> {
    let mut tags = Vec::with_capacity(input.tags.len());
    for t in &input.tags {
        let stored: Option<String> = row(
            conn,
            "SELECT name FROM tags WHERE name_key = ?1 AND merged_into IS NULL",
            [validate::name_key(t)],
            |r| r.get(0),
        )
        .optional()?;
        tags.push(stored.unwrap_or_else(|| t.clone()));
    }
    let mut details = input
        .details
        .map_people(|name| people::resolve_or_create(conn, &name, demo))?;
    if let Details::Conversation(c) = &mut details {
        super::goals::keep_ids_unique(conn, id, &mut c.goals)?;
    }
    if let Details::Pairing(p) = &mut details {
        for f in &mut p.follow_ups {
            let owner: Option<String> = row(
                conn,
                "SELECT entry_id FROM follow_ups WHERE id = ?1",
                [&f.id],
                |r| r.get(0),
            )
            .optional()?;
            if owner.is_some_and(|owner| Some(owner.as_str()) != id) {
                f.id = uuid::Uuid::now_v7().to_string();
            }
        }
    }
    Ok(EntryContent {
        title: input.title,
        date: input.date,
        time: input.time,
        tags,
        behaviours: input.behaviours,
        details,
    })
}

/// Makes `c` the current content of entry `id`: a `new` entry's row is inserted
/// (marked `demo`) and has no link rows to clear; an existing one is updated (its
/// kind, creation time and demo mark kept) and its link rows replaced. One statement
/// either way, so a new entry queues one outbox row for itself, not two.
fn write_current(
    conn: &Connection,
    id: &str,
    c: &EntryContent<i64>,
    now: &str,
    revision: i64,
    new: bool,
    demo: i64,
) -> Result<()> {
    let none = None::<String>;
    let (pairing, feedback, learning) = match &c.details {
        Details::Pairing(p) => (Some(p), None, None),
        Details::Feedback(f) => (None, Some(f), None),
        Details::Learning(l) => (None, None, Some(l)),
        Details::Conversation(_) => (None, None, None),
    };
    // A conversation's notes share the pairing notes' column.
    let notes = match &c.details {
        Details::Pairing(p) => &p.notes,
        Details::Conversation(c) => &c.notes,
        _ => &none,
    };
    exec(
        conn,
        "INSERT INTO entries (id, title, date, time, updated_at, revision,
            role, minutes, area, ticket, notes, learned,
            direction, situation, observed, impact, tone,
            reflection, body, source, kind, created_at, demo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?5, ?22)
         ON CONFLICT (id) DO UPDATE SET title = ?2, date = ?3, time = ?4, updated_at = ?5,
            revision = ?6, role = ?7, minutes = ?8, area = ?9, ticket = ?10, notes = ?11,
            learned = ?12, direction = ?13, situation = ?14, observed = ?15, impact = ?16,
            tone = ?17, reflection = ?18, body = ?19, source = ?20",
        params![
            id,
            c.title,
            c.date,
            c.time,
            now,
            revision,
            pairing.and_then(|p| p.role.map(|r| r.as_str())),
            pairing.and_then(|p| p.minutes),
            pairing.map_or(&none, |p| &p.area),
            pairing.map_or(&none, |p| &p.ticket),
            notes,
            pairing.map_or(&none, |p| &p.learned),
            feedback.map(|f| f.direction.as_str()),
            feedback.map(|f| &f.situation),
            feedback.map(|f| &f.observed),
            feedback.map(|f| &f.impact),
            feedback.and_then(|f| f.tone.map(|t| t.as_str())),
            feedback.map_or(&none, |f| &f.reflection),
            learning.map(|l| &l.body),
            learning.map_or(&none, |l| &l.source),
            c.details.kind().as_str(),
            demo,
        ],
    )?;
    if !new {
        super::goals::clear(conn, id)?;
        for table in [
            "entry_people",
            "entry_tags",
            "entry_behaviours",
            "follow_ups",
        ] {
            exec(
                conn,
                &format!("DELETE FROM {table} WHERE entry_id = ?1"),
                [id],
            )?;
        }
    }
    let mut people_stmt = conn.prepare_cached(
        "INSERT INTO entry_people (entry_id, person_id, role, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    match &c.details {
        Details::Pairing(p) => {
            for (i, person) in p.partners.iter().enumerate() {
                people_stmt.execute(params![id, person, "partner", i as i64])?;
            }
            let mut stmt = conn.prepare_cached(
                "INSERT INTO follow_ups (id, entry_id, position, text, done) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, f) in p.follow_ups.iter().enumerate() {
                stmt.execute(params![f.id, id, i as i64, f.text, f.done])?;
            }
        }
        Details::Feedback(f) => {
            people_stmt.execute(params![id, f.person, "subject", 0])?;
        }
        Details::Learning(_) => {}
        Details::Conversation(c) => {
            people_stmt.execute(params![id, c.person, "subject", 0])?;
            super::goals::write(conn, id, &c.goals)?;
        }
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO entry_behaviours (entry_id, behaviour_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, b) in c.behaviours.iter().enumerate() {
        stmt.execute(params![id, b, i as i64])?;
    }
    Ok(())
}

/// Links entry `id` to its tags by name, creating the tags it is the first to use.
fn link_tags(conn: &Connection, id: &str, tags: &[String]) -> Result<()> {
    for (i, tag) in tags.iter().enumerate() {
        let key = validate::name_key(tag);
        exec(
            conn,
            "INSERT INTO tags (name, name_key) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![tag, key],
        )?;
        exec(
            conn,
            "INSERT INTO entry_tags (entry_id, tag_id, position)
             SELECT ?1, id, ?3 FROM tags WHERE name_key = ?2 AND merged_into IS NULL",
            params![id, key, i as i64],
        )?;
    }
    Ok(())
}

/// Links entry `id` to tags already resolved to ids (`None`: no active tag, no link,
/// as [`link_tags`] inserts none then).
fn link_tag_ids(conn: &Connection, id: &str, tag_ids: &[Option<i64>]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO entry_tags (entry_id, tag_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, tag) in tag_ids.iter().enumerate() {
        if let Some(tag) = tag {
            stmt.execute(params![id, tag, i as i64])?;
        }
    }
    Ok(())
}

/// Resolves an id as the user typed it: the full id, or a unique prefix of 8+ characters.
pub(crate) fn resolve_id(conn: &Connection, typed: &str) -> Result<String> {
    let typed = typed.trim().to_ascii_lowercase();
    let well_formed = !typed.is_empty() && typed.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if well_formed {
        let exact: Option<String> = row(
            conn,
            "SELECT id FROM entries WHERE id = ?1",
            [&typed],
            |r| r.get(0),
        )
        .optional()?;
        if let Some(id) = exact {
            return Ok(id);
        }
        if typed.len() >= 8 {
            let mut stmt =
                conn.prepare("SELECT id FROM entries WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 2")?;
            let ids: Vec<String> = stmt
                .query_map([&typed], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            match ids.as_slice() {
                [one] => return Ok(one.clone()),
                [_, _] => {
                    return Err(Error::Conflict(format!(
                        "entry id prefix '{typed}' is ambiguous; type more of it"
                    )));
                }
                _ => {}
            }
        }
    }
    Err(Error::not_found("entry", typed))
}

fn meta(conn: &Connection, id: &str) -> Result<Meta> {
    row(conn,
        "SELECT id, created_at, updated_at, revision, deleted_at, demo = 1 FROM entries WHERE id = ?1",
        [id],
        |r| {
            Ok(Meta {
                id: r.get(0)?,
                created_at: r.get(1)?,
                updated_at: r.get(2)?,
                revision: r.get(3)?,
                deleted_at: r.get(4)?,
                demo: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("entry", id))
}

fn kind_of(conn: &Connection, id: &str) -> Result<Kind> {
    let kind: String = row(conn, "SELECT kind FROM entries WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::not_found("entry", id))?;
    Kind::parse(&kind)
}

fn opt_enum<T>(
    v: Option<String>,
    parse: impl Fn(&str) -> Result<T>,
) -> rusqlite::Result<Option<T>> {
    v.map(|s| parse(&s)).transpose().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

/// The current revision's content, from the relational tables.
pub(crate) fn load_content(conn: &Connection, id: &str) -> Result<EntryContent<i64>> {
    let people = |role: &str| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare_cached(
            "SELECT person_id FROM entry_people WHERE entry_id = ?1 AND role = ?2 ORDER BY position",
        )?;
        Ok(stmt
            .query_map(params![id, role], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    };
    let strings = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare_cached(sql)?;
        Ok(stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    };
    let row = row(
        conn,
        "SELECT kind, title, date, time, role, minutes, area, ticket, notes, learned,
                    direction, situation, observed, impact, tone, reflection, body, source
             FROM entries WHERE id = ?1",
        [id],
        row_parts,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("entry", id))?;
    let (kind, title, date, time, mut details) = row;
    match &mut details {
        Details::Pairing(p) => {
            p.partners = people("partner")?;
            let mut stmt = conn.prepare_cached(
                "SELECT id, text, done FROM follow_ups WHERE entry_id = ?1 ORDER BY position",
            )?;
            p.follow_ups = stmt
                .query_map([id], |r| {
                    Ok(FollowUp {
                        id: r.get(0)?,
                        text: r.get(1)?,
                        done: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Details::Feedback(f) => {
            f.person = *people("subject")?
                .first()
                .ok_or_else(|| Error::Conflict(format!("feedback {id} has no person")))?;
        }
        Details::Learning(_) => {}
        Details::Conversation(c) => {
            c.person = *people("subject")?
                .first()
                .ok_or_else(|| Error::Conflict(format!("conversation {id} has no person")))?;
            c.goals = super::goals::load(conn, id)?;
        }
    }
    debug_assert_eq!(kind, details.kind());
    Ok(EntryContent {
        title,
        date,
        time,
        tags: strings(
            "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
             WHERE et.entry_id = ?1 ORDER BY et.position",
        )?,
        behaviours: strings(
            "SELECT behaviour_id FROM entry_behaviours WHERE entry_id = ?1 ORDER BY position",
        )?,
        details,
    })
}

type Parts = (Kind, Option<String>, String, Option<String>, Details<i64>);

pub(super) fn row_parts(r: &Row<'_>) -> rusqlite::Result<Parts> {
    let kind: String = r.get(0)?;
    let kind = opt_enum(Some(kind), Kind::parse)?.expect("kind is set");
    let text = |i: usize| r.get::<_, Option<String>>(i);
    let details = match kind {
        Kind::Pairing => Details::Pairing(Pairing {
            partners: Vec::new(),
            role: opt_enum(text(4)?, super::Role::parse)?,
            minutes: r.get(5)?,
            area: text(6)?,
            ticket: text(7)?,
            notes: text(8)?,
            learned: text(9)?,
            follow_ups: Vec::new(),
        }),
        Kind::Feedback => Details::Feedback(Feedback {
            direction: opt_enum(text(10)?, super::Direction::parse)?
                .unwrap_or(super::Direction::Received),
            person: 0,
            situation: text(11)?.unwrap_or_default(),
            observed: text(12)?.unwrap_or_default(),
            impact: text(13)?.unwrap_or_default(),
            tone: opt_enum(text(14)?, super::Tone::parse)?,
            reflection: text(15)?,
        }),
        Kind::Learning => Details::Learning(Learning {
            body: text(16)?.unwrap_or_default(),
            source: text(17)?,
        }),
        Kind::Conversation => Details::Conversation(Conversation {
            person: 0,
            notes: text(8)?,
            goals: Vec::new(),
        }),
    };
    Ok((kind, text(1)?, r.get(2)?, text(3)?, details))
}

/// Content with people by id → the entry as users see it (current names, behaviour texts).
fn render(conn: &Connection, meta: Meta, c: EntryContent<i64>) -> Result<Entry> {
    let details = c.details.map_people(|id| people::name_of(conn, id))?;
    let title = shown_title(c.title.as_deref(), &details);
    let mut behaviours = Vec::with_capacity(c.behaviours.len());
    let mut stmt =
        conn.prepare_cached("SELECT text, retired_at IS NOT NULL FROM behaviours WHERE id = ?1")?;
    for id in c.behaviours {
        let (text, retired) = stmt.query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        behaviours.push(BehaviourRef { id, text, retired });
    }
    Ok(Entry {
        id: meta.id,
        title,
        date: c.date,
        time: c.time,
        created_at: meta.created_at,
        updated_at: meta.updated_at,
        revision: meta.revision,
        deleted_at: meta.deleted_at,
        demo: meta.demo,
        tags: c.tags,
        behaviours,
        details,
    })
}

pub(crate) fn get(conn: &Connection, id: &str) -> Result<Entry> {
    let meta = meta(conn, id)?;
    let content = load_content(conn, id)?;
    render(conn, meta, content)
}

pub(crate) fn list(conn: &Connection, filter: &ListFilter, trash: bool) -> Result<Vec<Entry>> {
    let (mut sql, args) = filtered("SELECT e.id", conn, filter, trash)?;
    // The trash lists what was deleted last first: that is what one looks for there.
    sql.push_str(if trash {
        " ORDER BY e.deleted_at DESC, e.id DESC"
    } else {
        " ORDER BY e.date DESC, e.time IS NULL, e.time DESC, e.created_at DESC, e.id DESC"
    });
    if let Some(limit) = filter.limit {
        sql.push_str(&format!(
            " LIMIT {limit} OFFSET {}",
            filter.offset.unwrap_or(0)
        ));
    }
    let mut stmt = conn.prepare(&sql)?;
    let ids: Vec<String> = stmt
        .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter().map(|id| get(conn, id)).collect()
}

/// How many entries match `filter` (its limit and offset ignored).
pub(crate) fn count(conn: &Connection, filter: &ListFilter, trash: bool) -> Result<u32> {
    let (sql, args) = filtered("SELECT COUNT(*)", conn, filter, trash)?;
    let n: i64 = row(conn, &sql, rusqlite::params_from_iter(args), |r| r.get(0))?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// `select` over the entries `filter` keeps, with the arguments its clauses bind.
fn filtered(
    select: &str,
    conn: &Connection,
    filter: &ListFilter,
    trash: bool,
) -> Result<(String, Vec<rusqlite::types::Value>)> {
    let mut sql = format!("{select} FROM entries e WHERE ");
    sql.push_str(if trash {
        "e.deleted_at IS NOT NULL"
    } else {
        "e.deleted_at IS NULL"
    });
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, v: rusqlite::types::Value| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if let Some(kind) = filter.kind {
        arg(
            &mut sql,
            " AND e.kind = ?",
            kind.as_str().to_string().into(),
        );
    }
    if let Some(name) = &filter.person {
        let id = people::find(conn, name)?.ok_or_else(|| Error::not_found("person", name))?;
        arg(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM entry_people ep WHERE ep.entry_id = e.id AND ep.person_id = ?)",
            id.into(),
        );
    }
    if let Some(tag) = &filter.tag {
        let tag = tag.trim().trim_start_matches('#');
        let tag_id: i64 = row(
            conn,
            "SELECT id FROM tags WHERE name_key = ?1 AND merged_into IS NULL",
            [validate::name_key(tag)],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("tag", tag))?;
        arg(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM entry_tags et WHERE et.entry_id = e.id AND et.tag_id = ?)",
            tag_id.into(),
        );
    }
    if let Some(behaviour) = &filter.behaviour {
        let typed = behaviour.trim();
        let id: String = row(
            conn,
            "SELECT id FROM behaviours WHERE id = ?1 COLLATE NOCASE",
            [typed],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("behaviour", typed))?;
        arg(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM entry_behaviours eb WHERE eb.entry_id = e.id AND eb.behaviour_id = ?)",
            id.into(),
        );
    }
    if let Some(since) = &filter.since {
        let d = clock::parse_date("since", since.trim())?;
        arg(
            &mut sql,
            " AND e.date >= ?",
            d.format("%Y-%m-%d").to_string().into(),
        );
    }
    if let Some(until) = &filter.until {
        let d = clock::parse_date("until", until.trim())?;
        arg(
            &mut sql,
            " AND e.date <= ?",
            d.format("%Y-%m-%d").to_string().into(),
        );
    }
    Ok((sql, args))
}

pub(crate) fn set_deleted(conn: &Connection, id: &str, deleted: bool) -> Result<()> {
    let meta = meta(conn, id)?;
    match (deleted, meta.deleted_at.is_some()) {
        (true, true) => Err(Error::Conflict(format!(
            "entry {id} is already in the trash"
        ))),
        (false, false) => Err(Error::Conflict(format!("entry {id} is not in the trash"))),
        _ => {
            let at = deleted.then(clock::now_timestamp);
            exec(
                conn,
                "UPDATE entries SET deleted_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            Ok(())
        }
    }
}

pub(crate) fn history(conn: &Connection, id: &str) -> Result<Vec<Revision>> {
    let base = meta(conn, id)?;
    let mut stmt = conn.prepare(
        "SELECT revision, at, content FROM revisions WHERE entry_id = ?1 ORDER BY revision",
    )?;
    let rows: Vec<(i64, String, String)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<Revision> = Vec::with_capacity(rows.len());
    for (revision, at, json) in rows {
        let content = parse_content(id, revision, &json)?;
        let meta = Meta {
            id: base.id.clone(),
            created_at: base.created_at.clone(),
            updated_at: at.clone(),
            revision,
            deleted_at: None,
            demo: base.demo,
        };
        let entry = render(conn, meta, content)?;
        let changed = out
            .last()
            .map(|prev| super::model::changed_fields(&prev.entry, &entry))
            .unwrap_or_default();
        out.push(Revision {
            revision,
            at,
            entry,
            changed,
        });
    }
    Ok(out)
}

fn parse_content(id: &str, revision: i64, json: &str) -> Result<EntryContent<i64>> {
    serde_json::from_str(json).map_err(|e| {
        Error::Conflict(format!(
            "revision {revision} of entry {id} cannot be read ({e})"
        ))
    })
}

/// Every entry naming person `from` names `into` instead (a merge), each as a new
/// revision so history shows when its people changed; entries in the trash too.
/// Returns how many entries changed.
pub(crate) fn replace_person(conn: &Connection, from: i64, into: i64) -> Result<usize> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT entry_id FROM entry_people WHERE person_id = ?1 ORDER BY entry_id",
    )?;
    let ids: Vec<String> = stmt
        .query_map([from], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        let content = load_content(conn, id)?;
        let mut content = EntryContent {
            details: content
                .details
                .map_people(|p| Ok(if p == from { into } else { p }))?,
            ..content
        };
        if let Details::Pairing(p) = &mut content.details {
            // An entry naming both keeps one, at the earlier position.
            let mut seen = std::collections::HashSet::new();
            p.partners.retain(|id| seen.insert(*id));
        }
        store(conn, Some(id), content, Writer::Follow)?;
    }
    Ok(ids.len())
}

/// Makes revision `to` current again, as a new revision (history is never rewritten).
pub(crate) fn revert(conn: &Connection, id: &str, to: i64) -> Result<()> {
    let json: String = row(
        conn,
        "SELECT content FROM revisions WHERE entry_id = ?1 AND revision = ?2",
        params![id, to],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            "revision",
            format!("entry {id} has no revision {to} (see `rungs history {id}`)"),
        )
    })?;
    let content = parse_content(id, to, &json)?;
    // People merged since then are represented by whoever they were merged into.
    let mut content = EntryContent {
        details: content.details.map_people(|p| people::survivor(conn, p))?,
        ..content
    };
    if let Details::Pairing(p) = &mut content.details {
        let mut seen = std::collections::HashSet::new();
        p.partners.retain(|id| seen.insert(*id));
    }
    store(conn, Some(id), content, Writer::User).map(|_| ())
}
