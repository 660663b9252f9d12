//! Goals of growth conversations in SQLite, and their `Journal` API.
//!
//! The current revision's goals are rows of `goals` (with their behaviours in
//! `goal_behaviours`), rewritten with the rest of the conversation on every save, as
//! `follow_ups` are for a pairing session; every revision keeps them in its JSON.
//! `add_goal` and `set_goal_status` are edits of the conversation (new revisions).

use rusqlite::{Connection, OptionalExtension, params};

use super::conversation::{Goal, GoalInput, GoalItem, GoalStatus};
use super::entries::{self, exec};
use super::{Details, Entry, people};
use crate::ladder::BehaviourRef;
use crate::{Error, Journal, Result};

/// The entry with id `id` (exact), as `Journal::get` shows it.
pub(crate) fn entry(conn: &Connection, id: &str) -> Result<Entry> {
    entries::get(conn, id)
}

/// The active person called `name` (or once called, before a merge): id and current name.
pub(crate) fn person(conn: &Connection, field: &str, name: &str) -> Result<(i64, String)> {
    let typed = super::validate::name(field, name)?;
    let id = people::find(conn, &typed)?.ok_or_else(|| Error::not_found("person", typed))?;
    Ok((id, people::name_of(conn, id)?))
}

/// Gives a fresh id to a goal whose id belongs to another entry's goal (a copied
/// conversation), as follow-up ids are kept unique.
pub(crate) fn keep_ids_unique(
    conn: &Connection,
    id: Option<&str>,
    goals: &mut [Goal],
) -> Result<()> {
    for g in goals {
        let owner: Option<String> = conn
            .prepare_cached("SELECT entry_id FROM goals WHERE id = ?1")?
            .query_row([&g.id], |r| r.get(0))
            .optional()?;
        if owner.is_some_and(|owner| Some(owner.as_str()) != id) {
            g.id = uuid::Uuid::now_v7().to_string();
        }
    }
    Ok(())
}

/// Removes the goal rows of entry `entry_id` (before its new revision's are written).
pub(crate) fn clear(conn: &Connection, entry_id: &str) -> Result<()> {
    exec(
        conn,
        "DELETE FROM goal_behaviours WHERE goal_id IN (SELECT id FROM goals WHERE entry_id = ?1)",
        [entry_id],
    )?;
    exec(conn, "DELETE FROM goals WHERE entry_id = ?1", [entry_id])?;
    Ok(())
}

/// Writes `goals` as the goal rows of entry `entry_id`.
pub(crate) fn write(conn: &Connection, entry_id: &str, goals: &[Goal]) -> Result<()> {
    for (i, g) in goals.iter().enumerate() {
        exec(
            conn,
            "INSERT INTO goals (id, entry_id, position, text, status) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![g.id, entry_id, i as i64, g.text, g.status.as_str()],
        )?;
        for (j, b) in g.behaviours.iter().enumerate() {
            exec(
                conn,
                "INSERT INTO goal_behaviours (goal_id, behaviour_id, position) VALUES (?1, ?2, ?3)",
                params![g.id, b, j as i64],
            )?;
        }
    }
    Ok(())
}

/// The goals of entry `entry_id`, in order.
pub(crate) fn load(conn: &Connection, entry_id: &str) -> Result<Vec<Goal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, status FROM goals WHERE entry_id = ?1 ORDER BY position",
    )?;
    let rows: Vec<(String, String, String)> = stmt
        .query_map([entry_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, text, status) in rows {
        out.push(Goal {
            behaviours: behaviour_ids(conn, &id)?,
            status: GoalStatus::parse(&status)?,
            id,
            text,
        });
    }
    Ok(out)
}

fn behaviour_ids(conn: &Connection, goal_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT behaviour_id FROM goal_behaviours WHERE goal_id = ?1 ORDER BY position",
    )?;
    Ok(stmt
        .query_map([goal_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Goals of conversations not in the trash, newest conversation first.
pub(crate) fn list(conn: &Connection, open_only: bool) -> Result<Vec<GoalItem>> {
    let mut stmt = conn.prepare(
        "SELECT g.id, g.text, g.status, e.date, e.id, p.name
         FROM goals g JOIN entries e ON e.id = g.entry_id
         JOIN entry_people ep ON ep.entry_id = e.id AND ep.role = 'subject'
         JOIN people p ON p.id = ep.person_id
         WHERE e.deleted_at IS NULL AND (?1 = 0 OR g.status = 'open')
         ORDER BY e.date DESC, e.created_at DESC, g.position",
    )?;
    let rows: Vec<(String, String, String, String, String, String)> = stmt
        .query_map([open_only], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut refs = conn.prepare_cached(
        "SELECT b.id, b.text, b.retired_at IS NOT NULL FROM goal_behaviours gb
         JOIN behaviours b ON b.id = gb.behaviour_id WHERE gb.goal_id = ?1 ORDER BY gb.position",
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, text, status, agreed_on, conversation_id, person) in rows {
        let behaviours = refs
            .query_map([&id], |r| {
                Ok(BehaviourRef {
                    id: r.get(0)?,
                    text: r.get(1)?,
                    retired: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        out.push(GoalItem {
            status: GoalStatus::parse(&status)?,
            id,
            text,
            behaviours,
            agreed_on,
            conversation_id,
            person,
        });
    }
    Ok(out)
}

/// A goal id as typed (full, or a unique prefix of 8+ characters) → (goal id, entry id).
fn resolve(conn: &Connection, typed: &str) -> Result<(String, String)> {
    let typed = typed.trim().to_ascii_lowercase();
    let mut stmt = conn.prepare(
        "SELECT id, entry_id FROM goals
         WHERE id = ?1 OR (length(?1) >= 8 AND id >= ?1 AND id < ?1 || 'g') LIMIT 2",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map([&typed], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    match rows.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::not_found("goal", typed)),
        _ => Err(Error::Conflict(format!(
            "goal id prefix '{typed}' is ambiguous; type more of it"
        ))),
    }
}

impl Journal {
    /// Goals of conversations not in the trash (only open ones with `open_only`),
    /// newest conversation first.
    pub fn goals(&self, open_only: bool) -> Result<Vec<GoalItem>> {
        list(self.database().conn(), open_only)
    }

    /// Adds a goal (status open) to a conversation: a new revision of it.
    pub fn add_goal(&mut self, conversation: &str, goal: GoalInput) -> Result<GoalItem> {
        let id = uuid::Uuid::now_v7().to_string();
        let new_id = id.clone();
        self.modify(conversation, move |input| match &mut input.details {
            Details::Conversation(c) => {
                c.goals.push(Goal {
                    id: new_id,
                    text: goal.text,
                    behaviours: goal.behaviours,
                    status: GoalStatus::Open,
                });
                Ok(())
            }
            other => Err(Error::invalid(
                "conversation",
                format!(
                    "goals belong to conversations; this entry is a {} entry",
                    other.kind()
                ),
            )),
        })?;
        self.goal(&id)
    }

    /// Sets a goal's status: a new revision of its conversation.
    pub fn set_goal_status(&mut self, goal: &str, status: GoalStatus) -> Result<GoalItem> {
        let (id, entry_id) = resolve(self.database().conn(), goal)?;
        let goal_id = id.clone();
        self.modify(&entry_id, move |input| {
            if let Details::Conversation(c) = &mut input.details {
                for g in &mut c.goals {
                    if g.id == goal_id {
                        g.status = status;
                    }
                }
            }
            Ok(())
        })?;
        self.goal(&id)
    }

    fn goal(&self, id: &str) -> Result<GoalItem> {
        self.goals(false)?
            .into_iter()
            .find(|g| g.id == id)
            .ok_or_else(|| Error::not_found("goal", id))
    }
}
