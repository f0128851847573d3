"""What the routes read from the store, shared by the API and the pages.

The store's methods do the reading; this module turns what they find, or fail to find, into
what a route answers. Errors are raised as `HTTPException`s with messages meant for a client:
they never name the store's file.
"""

from __future__ import annotations

import logging
import re
import threading

from starlette.exceptions import HTTPException

from ..errors import NothingToBrief, StoreError
from ..model import Briefing
from ..settings import Settings
from ..store import ArticleRow, Store, StoryRow

log = logging.getLogger(__name__)

MAX_LIMIT = 100
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def story_number(store: Store, key: str) -> int:
    """A story's row id from its exact key; 404 when there is none."""
    story = store.story_with_key(key)
    if story is None:
        raise HTTPException(404, f"no story {key!r}; GET /api/stories lists them")
    return story


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


# SQLite's largest row id: a larger one names no article, and cannot even be asked for.
MAX_ROW_ID = 2**63 - 1


def article(store: Store, article_id: int) -> ArticleRow:
    """A stored article; 404 when there is none."""
    row = store.article(article_id) if article_id <= MAX_ROW_ID else None
    if row is None:
        raise HTTPException(404, f"no article {article_id}")
    return row


def source_articles(store: Store, briefing: Briefing) -> dict[str, int]:
    """{source id: article id} for a briefing's sources, matched by content hash."""
    by_hash = store.articles_by_hash([s.article.content_hash for s in briefing.sources])
    return {
        s.id: by_hash[s.article.content_hash][0]
        for s in briefing.sources
        if s.article.content_hash in by_hash
    }
