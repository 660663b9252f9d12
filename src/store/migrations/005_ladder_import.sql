-- The ladder importer: what a level says besides its behaviours, section decoration
-- and examples, the old wordings of reworded behaviours, the ids of removed imports
-- (never given out again), and the user's profile (the current level).
ALTER TABLE levels ADD COLUMN attributes TEXT NOT NULL DEFAULT '[]';

ALTER TABLE sections ADD COLUMN heading TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN code TEXT;
ALTER TABLE sections ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN examples TEXT NOT NULL DEFAULT '[]';

ALTER TABLE behaviours ADD COLUMN examples TEXT NOT NULL DEFAULT '[]';

-- A reworded behaviour keeps its id; each wording it had before is kept here.
CREATE TABLE behaviour_wordings (
    behaviour_id TEXT NOT NULL REFERENCES behaviours(id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    replaced_at  TEXT NOT NULL
) STRICT;
CREATE INDEX behaviour_wordings_by_behaviour ON behaviour_wordings(behaviour_id);

-- `rungs ladder remove` deletes an unlinked import; its ids stay taken.
CREATE TABLE removed_behaviour_ids (
    id TEXT PRIMARY KEY COLLATE NOCASE
) STRICT;

-- One row: the user's current level (later features read it).
CREATE TABLE profile (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    level_id INTEGER REFERENCES levels(id)
) STRICT;
