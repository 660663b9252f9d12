-- Growth conversations: a fourth kind of entry, and the goals agreed in one.
--
-- A conversation is a row of `entries` (kind 'conversation'): its date, its notes in the
-- `notes` column (shared with pairing sessions), the person it was with in
-- `entry_people` with role 'subject' (as a feedback entry's person). Its goals are in
-- every revision's JSON (`$.goals`) and, for the current revision, in `goals` and
-- `goal_behaviours`, rewritten on every save like `follow_ups`. A goal is agreed on
-- its conversation's date; its status is one of open, achieved, dropped.
--
-- SQLite cannot change a CHECK constraint in place, so `entries` is rebuilt with the
-- wider one (SQLite's documented procedure: new table, copy with the same rowids,
-- drop, rename, then its indexes and triggers again). The store runs migrations with
-- foreign keys off, so dropping the old table cascades nothing; the migration ends
-- with a foreign key check.
CREATE TABLE entries_new (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('pairing', 'feedback', 'learning', 'conversation')),
    title      TEXT,
    date       TEXT NOT NULL,
    time       TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    deleted_at TEXT,
    demo       INTEGER NOT NULL DEFAULT 0,
    role       TEXT,
    minutes    INTEGER,
    area       TEXT,
    ticket     TEXT,
    notes      TEXT,
    learned    TEXT,
    direction  TEXT,
    situation  TEXT,
    observed   TEXT,
    impact     TEXT,
    tone       TEXT,
    reflection TEXT,
    body       TEXT,
    source     TEXT
) STRICT;

INSERT INTO entries_new (rowid, id, kind, title, date, time, created_at, updated_at, revision,
        deleted_at, demo, role, minutes, area, ticket, notes, learned, direction, situation,
        observed, impact, tone, reflection, body, source)
    SELECT rowid, id, kind, title, date, time, created_at, updated_at, revision,
        deleted_at, demo, role, minutes, area, ticket, notes, learned, direction, situation,
        observed, impact, tone, reflection, body, source
    FROM entries;

DROP TABLE entries;
ALTER TABLE entries_new RENAME TO entries;

CREATE INDEX entries_by_date ON entries(date DESC, time DESC, created_at DESC);
CREATE INDEX entries_timeline
    ON entries (date DESC, time IS NULL, time DESC, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

CREATE TRIGGER outbox_entry_insert AFTER INSERT ON entries
BEGIN INSERT INTO index_outbox (entry_id) VALUES (NEW.id); END;
CREATE TRIGGER outbox_entry_update AFTER UPDATE ON entries
BEGIN INSERT INTO index_outbox (entry_id) VALUES (NEW.id); END;
CREATE TRIGGER outbox_entry_delete AFTER DELETE ON entries
BEGIN INSERT INTO index_outbox (entry_id) VALUES (OLD.id); END;

-- The current revision's goals, in order.
CREATE TABLE goals (
    id       TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('open', 'achieved', 'dropped'))
) STRICT;
CREATE INDEX goals_by_entry ON goals(entry_id);

-- The behaviours each goal is about, in order.
CREATE TABLE goal_behaviours (
    goal_id      TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    behaviour_id TEXT NOT NULL REFERENCES behaviours(id),
    position     INTEGER NOT NULL,
    PRIMARY KEY (goal_id, behaviour_id)
) STRICT;
CREATE INDEX goal_behaviours_by_behaviour ON goal_behaviours(behaviour_id);

-- A goal's text is part of its conversation's search document: whatever changes a
-- goal queues the conversation, as the other link tables do.
CREATE TRIGGER outbox_goal_insert AFTER INSERT ON goals
BEGIN INSERT INTO index_outbox (entry_id) VALUES (NEW.entry_id); END;
CREATE TRIGGER outbox_goal_update AFTER UPDATE ON goals
BEGIN INSERT INTO index_outbox (entry_id) VALUES (NEW.entry_id); END;
CREATE TRIGGER outbox_goal_delete AFTER DELETE ON goals
BEGIN INSERT INTO index_outbox (entry_id) VALUES (OLD.entry_id); END;
