-- Names and tags are unique ignoring case in every script, not only in ASCII:
-- "Ölaf Ünal" is "ölaf ünal", "Überblick" is "überblick". SQLite's NOCASE folds ASCII
-- only, so the folded key is computed in Rust (`str::to_lowercase`) and stored beside
-- the name. The migration's hook fills the keys, makes one of people (and tags) that
-- were told apart only by non-ASCII case, then adds the unique indexes below.
ALTER TABLE people ADD COLUMN name_key TEXT;
ALTER TABLE tags ADD COLUMN name_key TEXT;
