"""The store: one SQLite file (WAL mode, recorded schema version) holding articles, the stories
they are grouped into, and briefings; and, for ingest, the inputs it skipped and feeds' validators.
The store owns every SQL statement: the rest of storyline calls its methods.

Articles are keyed by the hash of their cleaned text, so storing one twice changes nothing.
Every write is one transaction: an interrupted run leaves the store as it was before it, with
each article either stored and assigned to a story, or absent. Article texts are indexed with
FTS5 for search.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .characters import SENTENCE_GAP
from .errors import StoreError
from .model import Article, Briefing, Reject
from .store_lookups import ArticleRow, StoreLookups, StoryRow
from .store_regions import RegionArticle, StoreRegions, _blob, _now, _vector
from .store_schema import SCHEMA_VERSION, upgrade_statements

if TYPE_CHECKING:  # numpy loads with the first vector: listing stories never needs it
    import numpy as np

# The store's public names, wherever they are defined: callers import them all from here.
__all__ = ["SCHEMA_VERSION", "ArticleRow", "RegionArticle", "Store", "StoryRow"]


class Store(StoreRegions, StoreLookups):
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
                for statement in upgrade_statements(version):
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

    def add_article(
        self, article: Article, day: date | None = None, vector: np.ndarray | None = None
    ) -> tuple[int, bool]:
        """Store an article unless it is stored already; (its id, new?). The caller commits."""
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
        if vector is not None:  # stored bare before (`add_articles`, a briefing's sources)
            self.db.execute(
                "UPDATE articles SET vector = ?, day = coalesce(day, ?)"
                " WHERE id = ? AND vector IS NULL",
                (_blob(vector), day.isoformat() if day else None, existing[0]),
            )
        return int(existing[0]), False

    def add_articles(self, articles: list[Article]) -> int:
        """Store articles not yet stored; return how many were new."""
        with self.transaction():
            return sum(self.add_article(a)[1] for a in articles)

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
                article_id, is_new = self.add_article(source.article)
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

    def latest_briefing(self, story: int) -> tuple[Briefing, int] | None:
        """The story's latest stored briefing and how many articles the story holds now (more
        than the briefing's sources once the story has grown); None before its first briefing."""
        row = self.db.execute(
            "SELECT b.body, (SELECT count(*) FROM articles a WHERE a.story = s.id)"
            " FROM stories s JOIN briefings b ON b.id = s.key WHERE s.id = ?",
            (story,),
        ).fetchone()
        return (Briefing.from_dict(json.loads(row[0])), int(row[1])) if row else None

    def current_briefing(self, story: int) -> Briefing | None:
        """The story's stored briefing while it still covers all the story's articles; None
        when the story was never briefed or has grown since."""
        kept = self.latest_briefing(story)
        return kept[0] if kept and len(kept[0].sources) == kept[1] else None

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

    def needs_vector(self, article: Article) -> bool:
        """True unless the article is stored with the vector that places it in a story: an
        article kept bare (`add_articles`, a briefing's sources) needs one to join a story."""
        row = self.db.execute(
            "SELECT vector IS NULL FROM articles WHERE hash = ?", (article.content_hash,)
        ).fetchone()
        return row is None or bool(row[0])

    def story_of(self, article_id: int) -> int | None:
        """The story a stored article is in; None when it is in none."""
        row = self.db.execute("SELECT story FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0]

    def article_vector(self, article_id: int) -> np.ndarray:
        """The vector a stored article was placed by."""
        row = self.db.execute("SELECT vector FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _vector(row[0])

    def add_story(self, article_id: int, day: date | None, key: str | None = None) -> int:
        """A new, empty story named after the stored article that starts it; its id. The caller
        commits, and puts the article in it with `join_story`. `key` names it (a batch job's
        stories are named by their articles); a new random one by default."""
        title, text = self.db.execute(
            "SELECT title, text FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        title = title or _lead_title(text)
        today = (day or date.today()).isoformat()
        row = self.db.execute(
            "INSERT INTO stories (key, title, size, vsum, first_day, last_day, updated)"
            " VALUES (?, ?, 0, ?, ?, ?, ?) RETURNING id",
            # vsum: one float32 zero until an article joins (a size of 0 says it is empty)
            (key or secrets.token_hex(6), title, bytes(4), today, today, _now()),
        ).fetchone()
        return int(row[0])

    def join_story(self, story: int, article_id: int, vector: np.ndarray, day: date | None) -> None:
        """Put a stored article in a story, whose running vector sum and days grow with it. The
        caller commits."""
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

    def live_stories(self, since: date | None) -> Iterator[tuple[int, np.ndarray, int, date]]:
        """(id, vector sum, size, last day) of each story with an article on or after `since`
        (of every story when None), for a run's StoryIndex to start from."""
        # Sorted here, not by ORDER BY id: to spare that sort, SQLite would read every story
        # ever made in id order instead of the few live ones through stories_last_day, which
        # made each new index cost more as the store grew (5 ms a time at 100,000 articles).
        rows = self.db.execute(
            "SELECT id, vsum, size, last_day FROM stories WHERE last_day >= ? AND size > 0",
            (since.isoformat() if since else "0000-00-00",),
        ).fetchall()
        for story, vsum, size, last in sorted(rows, key=lambda row: row[0]):
            yield story, _vector(vsum), size, date.fromisoformat(last)

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

    # -- what ingest keeps besides articles ---------------------------------------------------

    def add_rejects(self, rejects: list[Reject]) -> None:
        """Keep the inputs a run skipped, with their reasons, so they can be listed later."""
        now = _now()
        with self.transaction():
            self.db.executemany(
                "INSERT INTO rejects (input, stage, reason, added) VALUES (?, ?, ?, ?)",
                [(r.input, r.stage, r.reason, now) for r in rejects],
            )

    def rejects(self, limit: int = 100) -> list[tuple[Reject, str]]:
        """The latest `limit` skipped inputs, each with when it was skipped, oldest first."""
        rows = self.db.execute(
            "SELECT input, stage, reason, added FROM"
            " (SELECT * FROM rejects ORDER BY id DESC LIMIT ?) ORDER BY id",
            (limit,),
        )
        return [(Reject(name, stage, reason), added) for name, stage, reason, added in rows]

    def fetch_state(self, url: str) -> tuple[str | None, str | None] | None:
        """A feed's validators (ETag, Last-Modified) from its last complete poll; None if none."""
        row = self.db.execute(
            "SELECT etag, last_modified FROM fetch_state WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row is not None else None

    def save_fetch_state(self, validators: dict[str, tuple[str | None, str | None]]) -> None:
        """Remember feeds' validators, {url: (ETag, Last-Modified)}, for their next poll."""
        now = _now()
        with self.transaction():
            self.db.executemany(
                "INSERT INTO fetch_state (url, etag, last_modified, checked) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
                " last_modified = excluded.last_modified, checked = excluded.checked",
                [(url, etag, modified, now) for url, (etag, modified) in validators.items()],
            )

    def stored_urls(self, urls: list[str], chunk: int = 200) -> set[str]:
        """Which of `urls` the store holds already, as an article's URL or the path it came from."""
        found: set[str] = set()
        for start in range(0, len(urls), chunk):
            part = urls[start : start + chunk]
            marks = ",".join("?" * len(part))
            rows = self.db.execute(
                f"SELECT url, path FROM articles WHERE url IN ({marks}) OR path IN ({marks})",
                part * 2,
            )
            found.update(value for row in rows for value in row if value)
        return found


def _lead_title(text: str, limit: int = 120) -> str:
    """An untitled article's first sentence, cut at a word when long: a story needs a name."""
    first = text.split("\n", 1)[0]
    first = SENTENCE_GAP.split(first, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + " …"
