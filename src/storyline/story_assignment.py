"""Articles into the store's stories: the run's `StoryIndex` (cluster.py) decides which story an
article joins, and the store records it; then `consolidate_around` groups the stories around the
batch's days again, whatever order their articles came in (consolidate.py). Ingest and
`recluster` both place articles here.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from . import blas
from .cluster import StoryIndex
from .model import Article
from .region_memory import RegionMemory
from .settings import Settings
from .store import RegionArticle, Store


def live_index(settings: Settings, store: Store) -> StoryIndex:
    """A StoryIndex holding the stored stories still open on the store's newest day."""
    index = StoryIndex(settings.story_threshold, settings.window_days)
    newest = store.newest_day()
    for story, vector_sum, size, last_day in store.live_stories(
        newest - index.window if newest else None
    ):
        index.load(story, vector_sum, size, last_day)
    return index


def store_batch(
    store: Store,
    index: StoryIndex,
    batch: list[tuple[Article, np.ndarray | None, date | None]],
    undated_day: date | None = None,
) -> list[tuple[int, int, bool]]:
    """Store (article, vector, day)s in one transaction, each article in a story; (article id,
    story id, new article?) for each. A stored article needs no vector. An undated article is
    placed as if of `undated_day` (the day of the articles it came with), and stays undated.

    Should the transaction fail, the index no longer matches the store: start from a new
    `live_index`.
    """
    out = []
    with store.transaction():
        for article, vector, day in batch:
            article_id, new = store.add_article(article, day, vector)
            story = None if new else store.story_of(article_id)
            if story is None:  # new, or left out of every story by an interrupted recluster
                stored = vector if new else store.article_vector(article_id)
                story = place(store, index, article_id, stored, day or undated_day)
            out.append((article_id, story, new))
    return out


def place(
    store: Store, index: StoryIndex, article_id: int, vector: np.ndarray, day: date | None
) -> int:
    """Put a stored article in the story the index chooses, or in a new one; the story's id.
    The caller commits."""
    placed = index.assign(vector, day, lambda: store.add_story(article_id, day))
    store.join_story(placed.story, article_id, vector, day)
    return placed.story


def consolidate_around(
    store: Store, settings: Settings, days: set[date], memory: RegionMemory | None = None
) -> None:
    """Group again the articles within `window_days` of `days` of the stories
    that reach there (consolidate.py), and record the groups as stories in one transaction.
    Only those articles are read: memory stays bounded by what is live.

    `memory`, kept by the caller between calls, holds what the last region found: the next
    region mostly holds the same articles, and only those new to it are scored again."""
    if not days:
        return
    window = timedelta(days=settings.window_days)
    spans: list[tuple[date, date]] = []
    for day in sorted(days):
        if spans and day - window <= spans[-1][1]:
            spans[-1] = (spans[-1][0], day + window)
        else:
            spans.append((day - window, day + window))
    memory = memory or RegionMemory()
    with store.transaction():
        region = store.region(spans, memory.vectors)
        if not region:
            return
        # The region's products are small: a second BLAS thread gains little, and its spinning
        # while it waits tripled the CPU time of grouping a region on a busy machine.
        with blas.limited(settings.threads):
            labels = memory.group(region, store.openings, settings.stories, settings.window_days)
        groups: dict[int, list[RegionArticle]] = {}
        for article, label in zip(region, labels, strict=True):
            groups.setdefault(int(label), []).append(article)
        store.regroup(list(groups.values()))
