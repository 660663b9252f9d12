-- Saved searches: a name and the search request as JSON.
CREATE TABLE saved_searches (
    name       TEXT PRIMARY KEY COLLATE NOCASE,
    request    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
