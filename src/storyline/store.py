"""The store: one SQLite file (WAL mode, recorded schema version) holding articles, the stories
they are grouped into, and briefings.

Articles are keyed by the hash of their cleaned text, so storing one twice changes nothing.
Every write is one transaction: an interrupted run leaves the store as it was before it, with
each article either stored and assigned to a story, or absent. Article texts are indexed with
FTS5 for search.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StoreError
from .model import Article, Briefing

if TYPE_CHECKING:  # numpy loads with the first vector: listing stories never needs it
    import numpy as np

SCHEMA_VERSION = 2

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
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
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
"""

# What turns a store of an older schema version into the next one: version → statements. A store
# created anew gets `_SCHEMA` whole and needs none of them.
_UPGRADES = {
    1: ["ALTER TABLE articles ADD COLUMN author TEXT"],
}


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as `storyline stories` lists it."""

    id: str  # the story's key
    title: str
    size: int
    outlets: list[str]
    start: str
    end: str
    briefed: bool


class Store:
    """A storyline store. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open the store {self.path}: {exc}; pass another file with --db"
            ) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store {self.path} has schema version {version}, newer than this "
                f"storyline understands ({SCHEMA_VERSION}); upgrade storyline"
            )
        if version < SCHEMA_VERSION:
            with self.transaction():
                # executescript() would commit on its own; keep the migration one transaction
                for upgrade in range(version or SCHEMA_VERSION, SCHEMA_VERSION):
                    for statement in _UPGRADES[upgrade]:
                        self.db.execute(statement)
                for statement in _statements(_SCHEMA):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _add_article(
        self, article: Article, day: date | None = None, vector: np.ndarray | None = None
    ) -> tuple[int, bool]:
        row = self.db.execute(
            "INSERT INTO articles (hash, path, url, outlet, title, published, author, text, words,"
            " added, day, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(hash) DO NOTHING RETURNING id",
            (
                article.content_hash,
                article.path,
                article.url,
                article.outlet,
                article.title,
                article.published,
                article.author,
                article.text,
                article.words,
                _now(),
                day.isoformat() if day else None,
                _blob(vector) if vector is not None else None,
            ),
        ).fetchone()
        if row is not None:
            return int(row[0]), True
        existing = self.db.execute(
            "SELECT id FROM articles WHERE hash = ?", (article.content_hash,)
        ).fetchone()
        return int(existing[0]), False

    def add_articles(self, articles: list[Article]) -> int:
        """Store articles not yet stored; return how many were new."""
        with self.transaction():
            return sum(self._add_article(a)[1] for a in articles)

    def save_briefing(self, briefing: Briefing) -> int:
        """Store a briefing and its articles in one transaction; return how many were new."""
        new = 0
        now = _now()
        story = briefing.story
        body = json.dumps(briefing.to_dict(include_text=True), ensure_ascii=False)
        with self.transaction():
            self.db.execute(
                'INSERT INTO briefings (id, title, start, "end", sources, created, updated, body)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                ' title=excluded.title, start=excluded.start, "end"=excluded."end",'
                " sources=excluded.sources, updated=excluded.updated, body=excluded.body",
                (
                    story.id,
                    story.title,
                    story.start,
                    story.end,
                    len(briefing.sources),
                    now,
                    now,
                    body,
                ),
            )
            # A story takes the title its briefing chose.
            self.db.execute("UPDATE stories SET title = ? WHERE key = ?", (story.title, story.id))
            for source in briefing.sources:
                article_id, is_new = self._add_article(source.article)
                new += is_new
                self.db.execute(
                    "INSERT OR REPLACE INTO briefing_articles (briefing_id, article_id, source)"
                    " VALUES (?, ?, ?)",
                    (story.id, article_id, source.id),
                )
        return new

    def briefing(self, id_or_prefix: str) -> Briefing:
        """A stored briefing by its id or an unambiguous prefix of it."""
        row = self._by_prefix("briefings", "id", "body", id_or_prefix, "briefing")
        return Briefing.from_dict(json.loads(row[0]))

    def current_briefing(self, story: int) -> Briefing | None:
        """The story's stored briefing while it still covers all the story's articles; None
        when the story was never briefed or has grown since."""
        size = self.db.execute("SELECT count(*) FROM articles WHERE story = ?", (story,))
        try:
            kept = self.briefing(self.story_key(story))
        except StoreError:
            return None
        return kept if len(kept.sources) == size.fetchone()[0] else None

    def _by_prefix(self, table: str, key: str, column: str, prefix: str, what: str) -> tuple:
        """The one row whose `key` starts with `prefix`; a clear error for none or several."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.db.execute(
            f"SELECT {column} FROM {table} WHERE {key} LIKE ? ESCAPE '\\' LIMIT 2",
            (pattern + "%",),
        ).fetchall()
        if not rows:
            raise StoreError(f"no {what} {prefix!r} in {self.path}; `storyline stories` lists them")
        if len(rows) > 1:
            raise StoreError(f"{prefix!r} matches several {what}s; give more of the id")
        return tuple(rows[0])

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    # -- stories ------------------------------------------------------------------------------

    def known(self, article: Article) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE hash = ?", (article.content_hash,))
        return row.fetchone() is not None

    def add_to_stories(
        self, batch: list[tuple[Article, np.ndarray, date | None]], index
    ) -> list[tuple[int, bool]]:
        """Store a batch of articles and assign each new one to a story, in one transaction.

        `index` is the run's StoryIndex. Returns (story id, new article?) per article. If the
        transaction fails the index no longer matches the store: reload it with `live_stories`.
        """
        out = []
        with self.transaction():
            for article, vector, day in batch:
                article_id, new = self._add_article(article, day, vector)
                if not new:
                    story, stored = self.db.execute(
                        "SELECT story, vector FROM articles WHERE id = ?", (article_id,)
                    ).fetchone()
                    if story is None:  # left unassigned by an interrupted recluster
                        story = self.assign_stored(article_id, _vector(stored), day, index)
                    out.append((story, False))
                    continue
                placed = index.assign(vector, day, lambda a=article, d=day: self._new_story(a, d))
                self._join_story(placed.story, article_id, vector, day)
                out.append((placed.story, True))
        return out

    def _new_story(self, article: Article, day: date | None) -> int:
        today = (day or date.today()).isoformat()
        title = article.title or _lead_title(article.text)
        row = self.db.execute(
            "INSERT INTO stories (key, title, size, vsum, first_day, last_day, updated)"
            " VALUES (?, ?, 0, ?, ?, ?, ?) RETURNING id",
            # vsum: one float32 zero until an article joins (a size of 0 says it is empty)
            (secrets.token_hex(6), title, bytes(4), today, today, _now()),
        ).fetchone()
        return int(row[0])

    def _join_story(
        self, story: int, article_id: int, vector: np.ndarray, day: date | None
    ) -> None:
        size, vsum, first, last = self.db.execute(
            "SELECT size, vsum, first_day, last_day FROM stories WHERE id = ?", (story,)
        ).fetchone()
        total = _vector(vsum) + vector if size else vector
        if day is not None:
            first, last = (
                (day.isoformat(), day.isoformat())
                if size == 0
                else (min(first, day.isoformat()), max(last, day.isoformat()))
            )
        self.db.execute(
            "UPDATE stories SET size = size + 1, vsum = ?, first_day = ?, last_day = ?,"
            " updated = ? WHERE id = ?",
            (_blob(total), first, last, _now(), story),
        )
        self.db.execute("UPDATE articles SET story = ? WHERE id = ?", (story, article_id))

    def live_stories(self, index, newest: date | None) -> None:
        """Load into `index` the stories still open on `newest` (all of them when None)."""
        since = (newest - index.window).isoformat() if newest else "0000-00-00"
        rows = self.db.execute(
            "SELECT id, vsum, size, last_day FROM stories WHERE last_day >= ? AND size > 0"
            " ORDER BY id",
            (since,),
        )
        for story, vsum, size, last in rows:
            index.load(story, _vector(vsum), size, date.fromisoformat(last))

    def newest_day(self) -> date | None:
        row = self.db.execute("SELECT max(last_day) FROM stories").fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def story_articles(self, story: int) -> list[Article]:
        rows = self.db.execute(
            "SELECT text, title, url, outlet, published, author, path FROM articles"
            " WHERE story = ? ORDER BY id",
            (story,),
        )
        return [Article(**dict(row)) for row in rows]

    def story_key(self, story: int) -> str:
        return str(self.db.execute("SELECT key FROM stories WHERE id = ?", (story,)).fetchone()[0])

    def story_id(self, key_or_prefix: str) -> int:
        """A story's id from its key or an unambiguous prefix of it."""
        return int(self._by_prefix("stories", "key", "id", key_or_prefix, "story")[0])

    def stories(
        self,
        search: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        entity: str | None = None,
        limit: int = 50,
        min_size: int = 1,
    ) -> list[StoryRow]:
        """Stories, largest and latest first, filtered by full-text search, dates and outlet.

        `search` is an FTS5 query over titles, texts and outlets; `entity` a name that one of the
        story's articles must contain as a phrase.
        """
        where, args = ["s.size >= ?"], [min_size]
        if since:
            where.append("s.last_day >= ?")
            args.append(since)
        if until:
            where.append("s.first_day <= ?")
            args.append(until)
        if outlet:
            where.append(
                "EXISTS (SELECT 1 FROM articles o WHERE o.story = s.id AND o.outlet LIKE ?)"
            )
            args.append(f"%{outlet}%")
        for query in filter(None, [search, _phrase(entity) if entity else None]):
            where.append(
                "s.id IN (SELECT a.story FROM articles_fts f JOIN articles a ON a.id = f.rowid"
                " WHERE articles_fts MATCH ?)"
            )
            args.append(query)
        sql = (
            "SELECT s.key, s.title, s.size, s.first_day, s.last_day,"
            " (SELECT group_concat(DISTINCT o.outlet) FROM articles o WHERE o.story = s.id),"
            " EXISTS (SELECT 1 FROM briefings b WHERE b.id = s.key)"
            f" FROM stories s WHERE {' AND '.join(where)}"
            " ORDER BY s.size DESC, s.last_day DESC LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, [*args, limit]).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {search!r}: {exc} (FTS5 query syntax)") from exc
        return [
            StoryRow(
                key,
                title,
                size,
                sorted((outlets or "").split(",")) if outlets else [],
                first,
                last,
                bool(briefed),
            )
            for key, title, size, first, last, outlets, briefed in rows
        ]

    def reset_stories(self) -> None:
        """Forget every story (and briefing): `recluster` rebuilds them."""
        with self.transaction():
            self.db.execute("UPDATE articles SET story = NULL")
            self.db.execute("DELETE FROM briefing_articles")
            self.db.execute("DELETE FROM briefings")
            self.db.execute("DELETE FROM stories")

    def article_vectors(self, batch: int = 1000) -> Iterator[tuple[int, np.ndarray, date | None]]:
        """(id, vector, day) of every article in the order they arrived; streamed in pages.

        Replaying arrival order makes `recluster` rebuild what online ingest would have built.
        """
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT id, vector, day FROM articles WHERE vector IS NOT NULL AND id > ?"
                " ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            for article_id, vector, day in rows:
                yield article_id, _vector(vector), date.fromisoformat(day) if day else None
            last = rows[-1][0]

    def assign_stored(self, article_id: int, vector: np.ndarray, day: date | None, index) -> int:
        """Assign a stored article to a story (for `recluster`); the caller commits."""
        title, text = self.db.execute(
            "SELECT title, text FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        stub = Article(text=text, title=title)
        placed = index.assign(vector, day, lambda: self._new_story(stub, day))
        self._join_story(placed.story, article_id, vector, day)
        return placed.story


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _lead_title(text: str, limit: int = 120) -> str:
    """An untitled article's first sentence, cut at a word when long: a story needs a name."""
    first = text.split("\n", 1)[0]
    first = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + " …"


def _blob(vector: np.ndarray) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype=np.float32).tobytes()


def _vector(blob: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(blob, dtype=np.float32).copy()


def _phrase(text: str) -> str:
    """An FTS5 phrase query for a name, quotes escaped."""
    return '"' + text.replace('"', '""') + '"'


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
