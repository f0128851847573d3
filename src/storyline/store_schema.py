"""The store's tables, and the steps that bring a store made by an older storyline up to date.

The version is SQLite's `user_version`. A new store gets the schema script whole; an older one
gets the upgrade steps from its version on, then the script, whose statements all read
`IF NOT EXISTS` and so add only the tables and indexes the store lacks.
"""

from __future__ import annotations

SCHEMA_VERSION = 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id        INTEGER PRIMARY KEY,
    hash      TEXT NOT NULL UNIQUE,
    path      TEXT,
    url       TEXT,
    outlet    TEXT,
    title     TEXT,
    published TEXT,
    author    TEXT,
    text      TEXT NOT NULL,
    words     INTEGER NOT NULL,
    added     TEXT NOT NULL,
    day       TEXT,
    story     INTEGER REFERENCES stories(id),
    vector    BLOB
);
CREATE INDEX IF NOT EXISTS articles_story_day ON articles(story, day);
CREATE TABLE IF NOT EXISTS stories (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    title     TEXT NOT NULL,
    size      INTEGER NOT NULL,
    vsum      BLOB NOT NULL,
    first_day TEXT NOT NULL,
    last_day  TEXT NOT NULL,
    updated   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_last_day ON stories(last_day);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, outlet, content='articles', content_rowid='id'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text, outlet)
    VALUES (new.id, new.title, new.text, new.outlet);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text, outlet)
    VALUES ('delete', old.id, old.title, old.text, old.outlet);
END;
CREATE TABLE IF NOT EXISTS briefings (
    id       TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    start    TEXT,
    "end"    TEXT,
    sources  INTEGER NOT NULL,
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL,
    body     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS briefing_articles (
    briefing_id TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    source      TEXT NOT NULL,
    PRIMARY KEY (briefing_id, article_id)
);
CREATE TABLE IF NOT EXISTS fetch_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    checked       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejects (
    id     INTEGER PRIMARY KEY,
    input  TEXT NOT NULL,
    stage  TEXT NOT NULL,
    reason TEXT NOT NULL,
    added  TEXT NOT NULL
);
"""

# What turns a store of an older schema version into the next one: version → statements. A store
# created anew gets `_SCHEMA` whole and needs none of them.
_UPGRADES = {
    1: ["ALTER TABLE articles ADD COLUMN author TEXT"],
    # fetch_state and rejects are new tables, which the schema script adds. A version-2 store
    # that `watch` used holds a fetch_state table already, made by the same statement.
    2: [],
    # articles_story_day, which the schema script adds, finds a story's articles of some days
    # without reading its others (consolidation's regions), and serves every look-up by story
    3: ["DROP INDEX IF EXISTS articles_story"],
}


def upgrade_statements(version: int) -> list[str]:
    """The statements that bring a store at `version` (0 for a new file) to `SCHEMA_VERSION`."""
    steps = range(version or SCHEMA_VERSION, SCHEMA_VERSION)
    return [statement for step in steps for statement in _UPGRADES[step]] + _statements(_SCHEMA)


def _statements(script: str) -> list[str]:
    """Split a schema script into statements, keeping trigger bodies (BEGIN … END;) whole."""
    statements, current = [], []
    for line in script.splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        inside_trigger = text.upper().startswith("CREATE TRIGGER") and not text.endswith("END;")
        if text.endswith(";") and not inside_trigger:
            statements.append(text)
            current = []
    return statements
