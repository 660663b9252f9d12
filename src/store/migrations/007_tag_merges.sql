-- A merged tag keeps its row, as a merged person does: `merged_into` points at the
-- tag that absorbed it, and only tags without one are unique by name key. Migration
-- 004 deleted the spellings it merged (released, so it stays as it is); the hook
-- (`m007.rs`) brings them back from the revisions that still name them.
ALTER TABLE tags ADD COLUMN merged_into INTEGER REFERENCES tags(id);
DROP INDEX tags_key;
CREATE UNIQUE INDEX tags_active_key ON tags(name_key) WHERE merged_into IS NULL;
CREATE INDEX tags_by_key ON tags(name_key);
