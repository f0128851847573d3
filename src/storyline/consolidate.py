"""Stories that hold together whatever the order the reports came in.

Online assignment (cluster.py) places each article once, by the centroids of the moment: an
early article sets a story's centroid, and two stories that turn out to be one never meet. So
after each batch the articles around the batch's days are grouped again from scratch, as news
aggregators do at their second level: two reports are linked when their vectors and shared
anchors (story_evidence.py) make the case, and a story is a connected group of links. That
merges stories that are one event, moves an article to the story it is linked with, and splits
a story whose halves no longer link. The links of a pair depend only on the pair and on the
reports around it, never on the order they arrived in, so neither does the grouping.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .settings import StoryTuning
from .story_evidence import Evidence, capped, day_gaps, shared_weight

BLOCK = 512  # rows of the pair scores computed at once: memory is BLOCK × n, not n × n


def partition(
    vectors: np.ndarray,
    evidence: list[Evidence],
    days: list[date | None],
    tuning: StoryTuning,
    window_days: int,
) -> np.ndarray:
    """A story label for each article: the connected groups of linked pairs. Labels are
    numbered by each group's first article, so equal inputs in any order give equal groups."""
    n = len(evidence)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    prior = tuning.idf_prior
    title = shared_weight([e.title for e in evidence], prior)
    lead = shared_weight([e.lead for e in evidence], prior)
    names = shared_weight([e.names for e in evidence], prior)
    links_from, links_to = [], []
    for start in range(0, n, BLOCK):
        rows = slice(start, min(n, start + BLOCK))
        cosine = vectors[rows] @ vectors.T
        score = (
            cosine
            + tuning.title_weight * capped(title, rows, tuning.anchor_cap)
            + tuning.lead_weight * capped(lead, rows, tuning.anchor_cap)
            + tuning.name_weight * capped(names, rows, tuning.anchor_cap)
        )
        gaps = day_gaps(days, rows)
        # A report dated a few days off may be late or dated by its first version: it pays
        # per day beyond the window; far beyond, it tells another event.
        score -= tuning.late_penalty * np.maximum(gaps - window_days, 0)
        linked = (score >= tuning.link_score) | (cosine >= tuning.link_cosine)
        linked &= gaps <= tuning.max_gap_windows * window_days
        r, c = np.nonzero(linked)
        links_from.append(r + start)
        links_to.append(c)
    graph = sparse.csr_matrix(
        (
            np.ones(sum(map(len, links_from)), dtype=np.int8),
            (np.concatenate(links_from), np.concatenate(links_to)),
        ),
        shape=(n, n),
    )
    _, labels = connected_components(graph, directed=False)
    return _join_lone(vectors, labels, days, tuning.join_centroid, window_days)


def _join_lone(
    vectors: np.ndarray,
    labels: np.ndarray,
    days: list[date | None],
    floor: float,
    window_days: int,
) -> np.ndarray:
    """A report linked to no other joins the story (or lone report) whose centroid it is
    closest to, if that is at least `floor` close and within the window of its day: as online
    assignment would place it. All lone reports are placed against the same stories at once,
    and joins are merged as links, so the order they came in does not matter."""
    sizes = np.bincount(labels)
    lone = np.flatnonzero(sizes[labels] == 1)
    if not len(lone) or len(sizes) < 2:
        return labels
    sums = np.zeros((len(sizes), vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, labels, vectors)
    centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    ordinal = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)
    dated = np.where(ordinal > 0, ordinal, np.nan)
    first = np.full(len(sizes), np.inf)
    last = np.full(len(sizes), -np.inf)
    np.fmin.at(first, labels, dated)
    np.fmax.at(last, labels, dated)
    scores = vectors[lone] @ centroids.T
    scores[np.arange(len(lone)), labels[lone]] = -np.inf  # not its own
    joins_from, joins_to = [], []
    for row, k in enumerate(lone):
        story = int(np.argmax(scores[row]))
        near = (
            not ordinal[k]
            or not np.isfinite(first[story])
            or first[story] - window_days <= ordinal[k] <= last[story] + window_days
        )
        if scores[row, story] >= floor and near:
            joins_from.append(labels[k])
            joins_to.append(story)
    graph = sparse.csr_matrix(
        (np.ones(len(joins_from), dtype=np.int8), (joins_from, joins_to)),
        shape=(len(sizes), len(sizes)),
    )
    _, merged = connected_components(graph, directed=False)
    return merged[labels]
