"""Articles into the store's stories: the run's `StoryIndex` (cluster.py) decides which story an
article joins, and the store records it. Ingest and `recluster` both place articles here.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from .cluster import StoryIndex
from .model import Article
from .settings import Settings
from .store import Store


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
    store: Store, index: StoryIndex, batch: list[tuple[Article, np.ndarray | None, date | None]]
) -> list[tuple[int, bool]]:
    """Store (article, vector, day)s in one transaction, each article in a story; (story id,
    new article?) for each. A stored article needs no vector.

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
                story = place(store, index, article_id, stored, day)
            out.append((story, new))
    return out


def place(
    store: Store, index: StoryIndex, article_id: int, vector: np.ndarray, day: date | None
) -> int:
    """Put a stored article in the story the index chooses, or in a new one; the story's id.
    The caller commits."""
    placed = index.assign(vector, day, lambda: store.add_story(article_id, day))
    store.join_story(placed.story, article_id, vector, day)
    return placed.story
