"""The store: one SQLite file (WAL mode, recorded schema version) holding articles and briefings.

Articles are keyed by the hash of their cleaned text, so storing one twice changes nothing.
Every write is one transaction: an interrupted run leaves the store as it was before it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import StoreError
from .model import Article, Briefing

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id        INTEGER PRIMARY KEY,
    hash      TEXT NOT NULL UNIQUE,
    path      TEXT,
    url       TEXT,
    outlet    TEXT,
    title     TEXT,
    published TEXT,
    text      TEXT NOT NULL,
    words     INTEGER NOT NULL,
    added     TEXT NOT NULL
);
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


@dataclass(frozen=True, slots=True)
class StoredBriefing:
    id: str
    title: str
    start: str | None
    end: str | None
    sources: int
    updated: str


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
                for statement in filter(str.strip, _SCHEMA.split(";")):
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

    def _add_article(self, article: Article) -> tuple[int, bool]:
        row = self.db.execute(
            "INSERT INTO articles (hash, path, url, outlet, title, published, text, words, added)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING RETURNING id",
            (
                article.content_hash,
                article.path,
                article.url,
                article.outlet,
                article.title,
                article.published,
                article.text,
                article.words,
                _now(),
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
            for source in briefing.sources:
                article_id, is_new = self._add_article(source.article)
                new += is_new
                self.db.execute(
                    "INSERT OR REPLACE INTO briefing_articles (briefing_id, article_id, source)"
                    " VALUES (?, ?, ?)",
                    (story.id, article_id, source.id),
                )
        return new

    def briefings(self) -> list[StoredBriefing]:
        rows = self.db.execute(
            'SELECT id, title, start, "end", sources, updated FROM briefings ORDER BY updated DESC'
        )
        return [StoredBriefing(**dict(row)) for row in rows]

    def briefing(self, id_or_prefix: str) -> Briefing:
        """A stored briefing by its id or an unambiguous prefix of it."""
        pattern = id_or_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.db.execute(
            "SELECT id, body FROM briefings WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (pattern + "%",)
        ).fetchall()
        if not rows:
            raise StoreError(
                f"no briefing {id_or_prefix!r} in {self.path}; `storyline stories` lists them"
            )
        if len(rows) > 1:
            raise StoreError(f"{id_or_prefix!r} matches several briefings; give more of the id")
        return Briefing.from_dict(json.loads(rows[0]["body"]))

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
