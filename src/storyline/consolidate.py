"""Stories that hold together whatever the order the reports came in.

Online assignment (cluster.py) places each article once, by the centroids of the moment: an
early article sets a story's centroid, and two stories that turn out to be one never meet. So
after each batch the articles around the batch's days are grouped again from scratch, as news
aggregators do at their second level: two reports are linked when their vectors and shared
anchors (story_evidence.py) make the case, and a story is a connected group of links. That
merges stories that are one event, moves an article to the story it is linked with, and splits
a story whose halves no longer link. The links of a pair depend only on the pair and on the
reports around it, never on the order they arrived in, so neither does the grouping. Within
an ingest run, the links among reports the last region held are remembered (region_memory.py):
a consolidation scores only the pairs that involve a report new to its region.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .settings import StoryTuning
from .story_evidence import TermAnchors, anchor_rarities, day_gaps, day_ordinals

BLOCK = 512  # rows of the pair cosines computed at once: memory is BLOCK × n, not n × n
MARGIN = 1e-4  # below the least cosine a linked pair can have, against rounding


def links(
    vectors: np.ndarray,
    anchors: list[TermAnchors],
    days: list[date | None],
    tuning: StoryTuning,
    window_days: int,
    fresh: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The linked pairs of a region's reports, as positions (left, right), left < right.
    `anchors` are each report's title, lead and name anchors as term numbers and its passages
    as hashes (`TermNumbers.anchors`). With `fresh` (a mask of the reports), only the pairs
    that involve a fresh report are scored: the links among the others are known from the last
    region, so a consolidation costs the reports that came since it, not the whole region
    again."""
    n = len(anchors)
    fresh = np.ones(n, dtype=bool) if fresh is None else fresh
    kinds = anchor_rarities(anchors, tuning.idf_prior)
    quoted = kinds[-1].present  # report × passage
    # Anchors add at most their capped weights: a pair less close than that below the link
    # score can never link, and most pairs of a region are such. Only the rest are scored, so
    # a region costs one matrix product of its vectors, not n × n anchor look-ups. A pair
    # that shares no quoted passage gains nothing from passages: only the few pairs that
    # share one (a sparse product, as passages are seldom shared) are scored from the floor
    # that passages lower, which would hold three times the pairs otherwise.
    *words, passages = anchor_weights(tuning)
    most = tuning.anchor_cap * sum(words)
    floor = min(tuning.link_score - most, tuning.link_cosine) - MARGIN
    quoting_floor = floor - tuning.anchor_cap * passages
    ordinals = day_ordinals(days)
    rows, positions = np.flatnonzero(fresh), np.arange(n)
    found_left, found_right = [], []
    for start in range(0, len(rows), BLOCK):
        block = rows[start : start + BLOCK]
        # each pair once: a fresh report against every other report, and against the fresh
        # ones after it
        columns = np.flatnonzero(~fresh | (positions >= block[0]))
        cosine = vectors[block] @ vectors[columns].T
        once = ~fresh[columns][None, :] | (columns[None, :] > block[:, None])
        scored = cosine >= floor
        quoting = (quoted[block] @ quoted[columns].T).tocoo()
        scored[quoting.row, quoting.col] |= cosine[quoting.row, quoting.col] >= quoting_floor
        r, c = np.nonzero(scored & once)
        left, right = block[r], columns[c]
        gaps = day_gaps(ordinals, left, right)
        near = gaps <= tuning.max_gap_windows * window_days
        left, right, gaps, close = left[near], right[near], gaps[near], cosine[r[near], c[near]]
        shared = [kind.between(left, right) for kind in kinds]
        score = link_scores(close, shared, gaps, tuning, window_days)
        linked = (score >= tuning.link_score) | (close >= tuning.link_cosine)
        found_left.append(np.minimum(left, right)[linked])
        found_right.append(np.maximum(left, right)[linked])
    empty = np.zeros(0, dtype=np.int64)
    return np.concatenate([empty, *found_left]), np.concatenate([empty, *found_right])


def group(
    vectors: np.ndarray,
    anchors: list[TermAnchors],
    days: list[date | None],
    tuning: StoryTuning,
    window_days: int,
) -> np.ndarray:
    """A story label for each report of a pile grouped from scratch (`links`, `partition`)."""
    linked = links(vectors, anchors, days, tuning, window_days)
    return partition(vectors, linked, days, tuning.join_centroid, window_days)


def link_scores(
    cosine: np.ndarray,
    shared: list[np.ndarray],
    gaps: np.ndarray,
    tuning: StoryTuning,
    window_days: int,
) -> np.ndarray:
    """The link scores of pairs of reports: the cosine of their vectors, plus the rarity of
    the title, lead, name and passage anchors they share (`shared`, in that order), capped and
    weighted, less what their day gaps cost."""
    score = np.asarray(cosine, dtype=np.float32).copy()
    for weight, rarity in zip(anchor_weights(tuning), shared, strict=True):
        score += weight * np.minimum(rarity, tuning.anchor_cap)
    # A report dated a few days off may be late or dated by its first version: it pays
    # per day beyond the window; far beyond, it tells another event.
    score -= tuning.late_penalty * np.maximum(gaps - window_days, 0)
    return score


def anchor_weights(tuning: StoryTuning) -> tuple[float, float, float, float]:
    """The weights of the title, lead, name and passage anchors two reports share."""
    return (tuning.title_weight, tuning.lead_weight, tuning.name_weight, tuning.passage_weight)


def partition(
    vectors: np.ndarray,
    linked: tuple[np.ndarray, np.ndarray],
    days: list[date | None],
    join_centroid: float,
    window_days: int,
) -> np.ndarray:
    """A story label for each report of a region: the connected groups of its linked pairs
    (`links`), then lone reports joined to the story closest to them. Labels are numbered by
    each group's first report, so equal inputs in any order give equal groups."""
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    left, right = linked
    graph = sparse.csr_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return _join_lone(vectors, labels, days, join_centroid, window_days)


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
    members = sparse.csr_matrix(  # story × report, to sum each story's vectors at once
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(len(sizes), len(labels))
    )
    sums = members @ vectors.astype(np.float64)
    centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    ordinal = day_ordinals(days)
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
