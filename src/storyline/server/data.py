"""What the routes read from the store, shared by the API and the pages.

The store's own methods do the work where they exist; the few look-ups the server needs beyond
them (an article by its id, a story's size, article ids by content hash) are small read-only
queries on the store's connection. Errors are raised as `HTTPException`s with messages meant
for a client: they never name the store's file.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from starlette.exceptions import HTTPException

from ..errors import NothingToBrief, StoreError
from ..model import Briefing
from ..settings import Settings
from ..store import Store, StoryRow

log = logging.getLogger(__name__)

MAX_LIMIT = 100
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def day_param(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD filter from a query string; empty means not given."""
    value = (value or "").strip()
    if not value:
        return None
    if not _ISO_DAY.fullmatch(value):
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD, got {value!r}")
    return value


def find_stories(
    store: Store,
    q: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    entity: str | None,
    limit: int,
    offset: int,
) -> tuple[list[StoryRow], bool]:
    """One page of stories, largest first, and whether another page follows.

    `q` is tried as an FTS5 query first; text that is not valid FTS5 syntax ("bridge-closure",
    a stray quote) is searched as plain words instead, so a search box never fails.
    """
    q = (q or "").strip() or None
    outlet = (outlet or "").strip() or None
    entity = (entity or "").strip() or None
    want = offset + limit + 1
    try:
        rows = store.stories(q, since, until, outlet, entity, want, 1)
    except StoreError:
        try:
            rows = store.stories(_plain_words(q or ""), since, until, outlet, entity, want, 1)
        except StoreError as exc:
            raise HTTPException(400, f"cannot search for {q!r}") from exc
    return rows[offset : offset + limit], len(rows) > offset + limit


def _plain_words(text: str) -> str | None:
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words) or None


def count_stories(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM stories WHERE size > 0").fetchone()[0])


def story_number(store: Store, key: str) -> int:
    """A story's row id from its exact key; 404 when there is none."""
    row = store.db.execute("SELECT id FROM stories WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise HTTPException(404, f"no story {key!r}; GET /api/stories lists them")
    return int(row[0])


def story_title(store: Store, key: str) -> str | None:
    row = store.db.execute("SELECT title FROM stories WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def briefing_for(key: str, settings: Settings, store: Store, work: threading.Lock) -> Briefing:
    """The story's briefing: the stored one while the story has not grown, else a new one.

    Only making a new one takes the pipeline lock (and loads the models on first use), so
    reading stored briefings never waits for an ingest.
    """
    if (kept := store.current_briefing(story_number(store, key))) is not None:
        return kept
    from ..pipeline import brief_story

    with work:
        try:
            return brief_story(key, settings, store)
        except NothingToBrief as exc:
            raise HTTPException(422, f"story {key!r} cannot be briefed: {exc}") from exc


def article(store: Store, article_id: int) -> ArticleRow:
    row = store.db.execute(
        "SELECT a.id, a.hash, a.title, a.outlet, a.url, a.published, a.author, a.path,"
        " a.text, s.key"
        " FROM articles a LEFT JOIN stories s ON s.id = a.story WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise HTTPException(404, f"no article {article_id}")
    return ArticleRow(*row)


def article_ids(store: Store, hashes: list[str]) -> dict[str, tuple[int, str | None]]:
    """{content hash: (article id, story key)} for the stored articles among `hashes`."""
    out: dict[str, tuple[int, str | None]] = {}
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = store.db.execute(
            "SELECT a.hash, a.id, s.key FROM articles a LEFT JOIN stories s ON s.id = a.story"
            f" WHERE a.hash IN ({marks})",
            chunk,
        )
        out.update({h: (int(i), k) for h, i, k in rows})
    return out


def source_articles(store: Store, briefing: Briefing) -> dict[str, int]:
    """{source id: article id} for a briefing's sources, matched by content hash."""
    by_hash = article_ids(store, [s.article.content_hash for s in briefing.sources])
    return {
        s.id: by_hash[s.article.content_hash][0]
        for s in briefing.sources
        if s.article.content_hash in by_hash
    }
