-- The timeline's order for entries not in the trash, so the app reads a page deep in
-- 100,000 entries from this index instead of sorting the whole table for each page
-- (and counts them without touching the table). Matches `journal::entries::list`.
CREATE INDEX entries_timeline
    ON entries (date DESC, time IS NULL, time DESC, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
