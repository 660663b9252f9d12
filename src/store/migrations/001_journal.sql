-- The first schema: the ladder, people, entries and everything hanging off them.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE tracks (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE levels (
    id       INTEGER PRIMARY KEY,
    track_id INTEGER NOT NULL REFERENCES tracks(id),
    code     TEXT NOT NULL,
    title    TEXT NOT NULL,
    summary  TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    UNIQUE (track_id, code)
) STRICT;

-- `number` is the section's part of its behaviours' ids: given once, never reused.
CREATE TABLE sections (
    id         INTEGER PRIMARY KEY,
    level_id   INTEGER NOT NULL REFERENCES levels(id),
    number     INTEGER NOT NULL,
    title      TEXT NOT NULL,
    position   INTEGER NOT NULL,
    retired_at TEXT,
    UNIQUE (level_id, number)
) STRICT;

-- Behaviours are never deleted: a behaviour dropped from a ladder file is retired,
-- so its id is never given to another behaviour and links to it keep their meaning.
CREATE TABLE behaviours (
    id         TEXT PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES sections(id),
    number     INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    label      TEXT,
    retired_at TEXT,
    UNIQUE (section_id, number)
) STRICT;

-- A merged person keeps its row (merged_into points at the survivor), so old
-- revisions that name it still resolve.
CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    mentee      INTEGER NOT NULL DEFAULT 0,
    demo        INTEGER NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES people(id),
    created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX people_active_name ON people(name COLLATE NOCASE) WHERE merged_into IS NULL;

-- One row per entry, holding its current revision. Kind fields that do not apply are NULL.
-- A NULL title on feedback means "derived from direction and person".
CREATE TABLE entries (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('pairing', 'feedback', 'learning')),
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
CREATE INDEX entries_by_date ON entries(date DESC, time DESC, created_at DESC);

-- Pairing partners ('partner') and the feedback's person ('subject').
CREATE TABLE entry_people (
    entry_id  TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    role      TEXT NOT NULL CHECK (role IN ('partner', 'subject')),
    position  INTEGER NOT NULL,
    PRIMARY KEY (entry_id, person_id, role)
) STRICT;
CREATE INDEX entry_people_by_person ON entry_people(person_id);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE entry_tags (
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (entry_id, tag_id)
) STRICT;
CREATE INDEX entry_tags_by_tag ON entry_tags(tag_id);

CREATE TABLE entry_behaviours (
    entry_id     TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    behaviour_id TEXT NOT NULL REFERENCES behaviours(id),
    position     INTEGER NOT NULL,
    PRIMARY KEY (entry_id, behaviour_id)
) STRICT;
CREATE INDEX entry_behaviours_by_behaviour ON entry_behaviours(behaviour_id);

CREATE TABLE follow_ups (
    id       TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    done     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX follow_ups_by_entry ON follow_ups(entry_id);

-- Every revision of every entry, the current one included, as JSON with people by id.
CREATE TABLE revisions (
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    at       TEXT NOT NULL,
    content  TEXT NOT NULL,
    PRIMARY KEY (entry_id, revision)
) STRICT;
