-- The search index is derived data. Every committed change that alters what an entry
-- looks like in search queues the entry here, in the same transaction (by trigger, so
-- no code path can forget). Whoever holds the index writer drains it.
CREATE TABLE index_outbox (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id  TEXT NOT NULL,
    queued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- Entries written before the outbox existed must be indexed too.
INSERT INTO index_outbox (entry_id) SELECT id FROM entries;

CREATE TRIGGER outbox_entry_insert AFTER INSERT ON entries
BEGIN INSERT INTO index_outbox (entry_id) VALUES (NEW.id); END;
CREATE TRIGGER outbox_entry_update AFTER UPDATE ON entries
BEGIN INSERT INTO index_outbox (entry_id) VALUES (NEW.id); END;
CREATE TRIGGER outbox_entry_delete AFTER DELETE ON entries
BEGIN INSERT INTO index_outbox (entry_id) VALUES (OLD.id); END;

CREATE TRIGGER outbox_entry_people_insert AFTER INSERT ON entry_people
BEGIN INSERT INTO index_outbox (entry_id) VALUES (NEW.entry_id); END;
CREATE TRIGGER outbox_entry_people_delete AFTER DELETE ON entry_people
BEGIN INSERT INTO index_outbox (entry_id) VALUES (OLD.entry_id); END;
CREATE TRIGGER outbox_entry_people_update AFTER UPDATE ON entry_people
BEGIN INSERT INTO index_outbox (entry_id) VALUES (NEW.entry_id); END;

CREATE TRIGGER outbox_person_rename AFTER UPDATE OF name ON people
BEGIN
    INSERT INTO index_outbox (entry_id)
    SELECT entry_id FROM entry_people WHERE person_id = NEW.id;
END;

CREATE TRIGGER outbox_tag_rename AFTER UPDATE OF name ON tags
BEGIN
    INSERT INTO index_outbox (entry_id)
    SELECT entry_id FROM entry_tags WHERE tag_id = NEW.id;
END;

CREATE TRIGGER outbox_behaviour_change AFTER UPDATE OF text, label, retired_at ON behaviours
BEGIN
    INSERT INTO index_outbox (entry_id)
    SELECT entry_id FROM entry_behaviours WHERE behaviour_id = NEW.id;
END;
