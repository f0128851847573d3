"""What the routes read from the store, shared by the API and the pages.

The store's methods do the reading; this module turns what they find, or fail to find, into
what a route answers. Errors are raised as `HTTPException`s with messages meant for a client:
they never name the store's file.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from starlette.exceptions import HTTPException

from ..errors import NothingToBrief, StoreError
from ..model import Briefing
from ..store import ArticleRow, Store, StoryRow
from .briefer import Briefer

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


@dataclass(frozen=True, slots=True)
class Latest:
    """What a reader is shown of a story at once: its latest stored briefing (None before the
    first), how many reports the story holds now, and whether a newer briefing is being made."""

    story: StoryRow
    briefing: Briefing | None
    updating: bool
    failure: str | None  # why the story cannot be briefed, when its last briefing failed

    @property
    def new_reports(self) -> int:
        """Reports that joined the story since its latest briefing."""
        return self.story.size - (len(self.briefing.sources) if self.briefing else 0)

    @property
    def state(self) -> str:
        """`current`, `updating` (a newer briefing is being made) or `stale` (it failed)."""
        if self.briefing is not None and not self.new_reports:
            return "current"
        return "updating" if self.updating else "stale"


def latest(store: Store, key: str, briefer: Briefer) -> Latest:
    """The story's latest stored briefing, never made on the request: a story briefed before it
    grew, or never briefed, is queued for the background briefer instead. 404 when no story."""
    story = story_number(store, key)
    row = store.story_row(key)
    kept = store.latest_briefing(story)
    briefing = kept[0] if kept else None
    stale = kept is None or len(kept[0].sources) != kept[1]
    failure = briefer.failure(key)
    if stale and failure is None and not briefer.updating(key):
        briefer.submit([key])
    return Latest(row, briefing, stale and failure is None, failure)


def current(store: Store, key: str, briefer: Briefer) -> Briefing:
    """The story's briefing covering all its reports, made now if the store lacks it (the API
    asks for it with `fresh`, or before a story's first briefing); 404 or 422."""
    story = story_number(store, key)
    if (kept := store.current_briefing(story)) is not None:
        return kept
    try:
        return briefer.brief_now(key)
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
