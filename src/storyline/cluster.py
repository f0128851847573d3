"""Articles → stories, online: each new article joins the closest live story or starts one.

An article is one vector: the embeddings of its title, its lead and its body, weighted and
normalised. A story is the normalised mean of its articles' vectors (kept as a running sum, so
adding an article costs one vector addition). Assigning an article is one look-up over the
centroids of the stories still live — those whose latest article is within the time window of
the new one — never a scan of all articles. The look-up is an exact inner-product search in
numpy over a centroid matrix kept up to date row by row; the window bounds its size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from .characters import SENTENCE_GAP
from .model import Article

# How much of an article the vector reads: the lead says what the story is, the title names it.
WEIGHTS = {"title": 0.3, "lead": 0.45, "body": 0.25}
LEAD_CHARS = 400
BODY_CHARS = 1500


def article_texts(article: Article) -> tuple[str, str, str]:
    """(title, lead, body) as the vector reads them."""
    return opening_texts(article.title, article.text)


def opening_texts(title: str | None, text: str) -> tuple[str, str, str]:
    """(title, lead, body) of a title and text: the lead is the opening sentences, up to about
    LEAD_CHARS; an untitled text is named by its lead."""
    lead = text[:LEAD_CHARS]
    cut = [m.end() for m in SENTENCE_GAP.finditer(text, 0, LEAD_CHARS + 200)]
    if cut:
        lead = text[: max((c for c in cut if c <= LEAD_CHARS + 200), default=cut[0])]
    body = text[len(lead) : len(lead) + BODY_CHARS] or lead
    return (title or lead, lead, body)


def article_vectors(articles: list[Article], encode) -> np.ndarray:
    """One normalised vector per article from `encode` (texts → normalised rows)."""
    if not articles:
        return np.zeros((0, 512), dtype=np.float32)
    texts = [t for a in articles for t in article_texts(a)]
    rows = encode(texts).reshape(len(articles), 3, -1)
    weights = np.array([WEIGHTS["title"], WEIGHTS["lead"], WEIGHTS["body"]], dtype=np.float32)
    vectors = np.einsum("k,nkd->nd", weights, rows)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


@dataclass(slots=True)
class Assignment:
    story: int  # the story's key in the index (the store's story id)
    similarity: float  # to the story's centroid before the article joined; 0.0 for a new story
    new: bool


class StoryIndex:
    """Centroids of the live stories, searched by cosine similarity.

    `threshold`: similarity to a centroid at which an article joins that story.
    `window_days`: a story whose latest article is older than this, counted from the article
    being assigned, is no longer live and leaves the index (memory stays bounded).
    """

    def __init__(self, threshold: float, window_days: int, dim: int = 512) -> None:
        self.threshold = threshold
        self.window = timedelta(days=window_days)
        self.dim = dim
        self.ids: list[int] = []
        self.sums = np.zeros((0, dim), dtype=np.float32)
        self.sizes: list[int] = []
        self.last: list[date] = []
        self.centroids = np.zeros((0, dim), dtype=np.float32)
        self._checked: date | None = None  # the day expire() last ran for

    def __len__(self) -> int:
        return len(self.ids)

    def load(self, story: int, vector_sum: np.ndarray, size: int, last_day: date) -> None:
        """Put a stored story back into the index (at the start of a run)."""
        self._append(story, vector_sum, size, last_day)

    def assign(self, vector: np.ndarray, day: date | None, new_id: Callable[[], int]) -> Assignment:
        """Join the closest live story if close enough, else start one with id `new_id()`.

        An article without a date can join any live story: nothing says it is out of time.
        """
        if day is not None:
            self.expire(day)
        best, similarity = self._nearest(vector)
        if best is not None and similarity >= self.threshold:
            self.sums[best] += vector
            self.centroids[best] = _normalised(self.sums[best])
            self.sizes[best] += 1
            if day is not None:
                self.last[best] = max(self.last[best], day)
            return Assignment(self.ids[best], similarity, new=False)
        story = new_id()
        self._append(story, vector, 1, day or self._checked or date.today())
        return Assignment(story, 0.0, new=True)

    def expire(self, day: date) -> None:
        """Drop stories whose latest article is more than the window before `day`."""
        if self._checked is not None and day <= self._checked:
            return  # nothing expires while the days do not advance
        self._checked = day
        keep = [k for k, last in enumerate(self.last) if day - last <= self.window]
        if len(keep) == len(self.ids):
            return
        self.ids = [self.ids[k] for k in keep]
        self.sizes = [self.sizes[k] for k in keep]
        self.last = [self.last[k] for k in keep]
        self.sums = self.sums[keep]
        self.centroids = self.centroids[keep]  # capacity shrinks to what is live

    def _append(self, story: int, vector_sum: np.ndarray, size: int, last_day: date) -> None:
        self.ids.append(story)
        self.sizes.append(size)
        self.last.append(last_day)
        n = len(self.ids) - 1
        if n == len(self.sums):  # grow by doubling, so appending stays cheap on average
            grown = max(16, 2 * n)
            self.sums = np.resize(self.sums, (grown, self.dim))
            self.centroids = np.resize(self.centroids, (grown, self.dim))
        self.sums[n] = vector_sum
        self.centroids[n] = _normalised(vector_sum.astype(np.float32))

    def _nearest(self, vector: np.ndarray) -> tuple[int | None, float]:
        if not self.ids:
            return None, 0.0
        scores = self.centroids[: len(self.ids)] @ vector
        best = int(np.argmax(scores))
        return best, float(scores[best])


def _normalised(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)
