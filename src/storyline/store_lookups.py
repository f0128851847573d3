"""The store's read-only look-ups for listing and showing what it holds: stories found by
search, dates and outlet; an article by its id; articles by their content hash.

A mixin of `Store`, apart from the writes so each module keeps to one job; it reads through the
store's connection, `db`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .errors import StoreError


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as `storyline stories` lists it."""

    id: str  # the story's key
    title: str
    size: int
    outlets: list[str]
    start: str | None  # the first and last day the story's reports tell of; None if unknown
    end: str | None
    briefed: bool


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    hash: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    author: str | None
    path: str | None
    text: str
    story: str | None  # the story's key

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "author": self.author,
            "text": self.text,
            "story": self.story,
        }


class StoreLookups:
    """Read-only look-ups; `Store` inherits them."""

    db: sqlite3.Connection

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
        where, args = ["st.size >= ?"], [min_size]
        if since:
            where.append('st."end" >= ?')
            args.append(since)
        if until:
            where.append("st.start <= ?")
            args.append(until)
        if outlet:
            where.append(
                "EXISTS (SELECT 1 FROM articles o WHERE o.story = st.id AND o.outlet LIKE ?)"
            )
            args.append(f"%{outlet}%")
        for query in filter(None, [search, _phrase(entity) if entity else None]):
            where.append(
                "st.id IN (SELECT a.story FROM articles_fts f JOIN articles a ON a.id = f.rowid"
                " WHERE articles_fts MATCH ?)"
            )
            args.append(query)
        sql = (
            f"SELECT {_ROW_COLUMNS} FROM ({_STORIES}) st WHERE {' AND '.join(where)}"
            " ORDER BY st.size DESC, st.last_day DESC LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, [*args, limit]).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {search!r}: {exc} (FTS5 query syntax)") from exc
        return [_story_row(row) for row in rows]

    def story_row(self, key: str) -> StoryRow | None:
        """One story as `stories` lists it, by its exact key; None when there is none."""
        row = self.db.execute(
            f"SELECT {_ROW_COLUMNS} FROM ({_STORIES}) st WHERE st.key = ?", (key,)
        ).fetchone()
        return _story_row(row) if row else None

    def count_stories(self) -> int:
        """How many stories hold an article."""
        return int(self.db.execute("SELECT count(*) FROM stories WHERE size > 0").fetchone()[0])

    def story_with_key(self, key: str) -> int | None:
        """The id of the story whose key is exactly `key`; None when there is none."""
        row = self.db.execute("SELECT id FROM stories WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else None

    def story_title(self, key: str) -> str | None:
        row = self.db.execute("SELECT title FROM stories WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def article(self, article_id: int) -> ArticleRow | None:
        """A stored article with its story's key; None when there is no such article."""
        row = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a LEFT JOIN stories s ON s.id = a.story"
            " WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return ArticleRow(*row) if row else None

    def story_reports(self, key: str) -> list[ArticleRow]:
        """The articles of a story, by its exact key, in the order they arrived."""
        rows = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a JOIN stories s ON s.id = a.story"
            " WHERE s.key = ? ORDER BY a.id",
            (key,),
        )
        return [ArticleRow(*row) for row in rows]

    def articles_by_hash(self, hashes: list[str]) -> dict[str, tuple[int, str | None]]:
        """{content hash: (article id, story key)} for the stored articles among `hashes`."""
        out: dict[str, tuple[int, str | None]] = {}
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT a.hash, a.id, s.key FROM articles a LEFT JOIN stories s ON s.id = a.story"
                f" WHERE a.hash IN ({marks})",
                chunk,
            )
            out.update({h: (int(i), k) for h, i, k in rows})
        return out


_ARTICLE_COLUMNS = (
    "a.id, a.hash, a.title, a.outlet, a.url, a.published, a.author, a.path, a.text, s.key"
)

# A story as listed: the title and the dates its latest briefing shows, so that the list, the
# story's page, the CLI and the API agree. Before its first briefing, the title is the one the
# story was named by and the dates are its reports' publication dates; `first_day` and
# `last_day` are the clustering window's days (an undated report counts on the day it arrived),
# never shown as the story's dates.
_STORIES = """
SELECT s.id, s.key, s.title, s.size, s.last_day,
       coalesce(b.start, (SELECT min(d.day) FROM articles d WHERE d.story = s.id)) AS start,
       coalesce(b."end", (SELECT max(d.day) FROM articles d WHERE d.story = s.id)) AS "end",
       b.id IS NOT NULL AS briefed
FROM stories s LEFT JOIN briefings b ON b.id = s.key
"""
_ROW_COLUMNS = (
    'st.key, st.title, st.size, st.start, st."end", st.briefed,'
    " (SELECT group_concat(DISTINCT o.outlet) FROM articles o WHERE o.story = st.id)"
)


def _story_row(row: sqlite3.Row | tuple) -> StoryRow:
    key, title, size, start, end, briefed, outlets = tuple(row)
    listed = sorted(outlets.split(",")) if outlets else []
    return StoryRow(key, title, size, listed, start, end, bool(briefed))


def _phrase(text: str) -> str:
    """An FTS5 phrase query for a name, quotes escaped."""
    return '"' + text.replace('"', '""') + '"'
