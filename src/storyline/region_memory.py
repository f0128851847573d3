"""What an ingest run keeps of the region it consolidated last, so that the next consolidation
costs the reports that came since, not the whole region again.

Consolidations follow each other every few hundred articles, and their regions (the stories
around the days just ingested) mostly hold the same reports. A report's anchors and its links
to the reports of the last region do not change: only the pairs that involve a report new to
the region are scored (consolidate.links). The links among the others are those the last
region found; the rarity of their anchors is read as it was then, among that region's reports.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .consolidate import links, partition
from .settings import StoryTuning
from .store_regions import RegionArticle
from .story_evidence import TermAnchors, TermNumbers, report_evidence

# Terms met, per report of the region, before terms are numbered afresh: a report holds some
# fifty, and a region's reports share many.
TERMS_MET_PER_REPORT = 100


class RegionMemory:
    """The last consolidated region: its reports' anchors and vectors by article id, and its
    links as pairs of article ids. As bounded as a region: the numbering of terms starts again (and
    the next region is read whole) once it has met several times the terms a region holds."""

    def __init__(self) -> None:
        self._forget()

    def _forget(self) -> None:
        self.terms = TermNumbers()
        self.anchors: dict[int, TermAnchors] = {}
        self.vectors: dict[int, np.ndarray] = {}
        self.linked = np.zeros((2, 0), dtype=np.int64)  # article ids, one column a pair

    def group(
        self,
        region: list[RegionArticle],
        openings: Callable[[list[int]], dict[int, tuple[str, str]]],
        tuning: StoryTuning,
        window_days: int,
    ) -> np.ndarray:
        """A story label for each of a region's reports (ordered by article id), as
        `consolidate.partition` gives it; `openings` reads (title, opening) of article ids."""
        ids = np.array([a.article_id for a in region], dtype=np.int64)
        fresh = np.array([a.article_id not in self.anchors for a in region], dtype=bool)
        read = openings([int(k) for k in ids[fresh]])
        anchors = [
            self.anchors[a.article_id]
            if a.article_id in self.anchors
            else self.terms.anchors(report_evidence(*read[a.article_id]))
            for a in region
        ]
        vectors = np.stack([a.vector for a in region])
        days = [a.day for a in region]
        left, right = links(vectors, anchors, days, tuning, window_days, fresh)
        # the last region's links between reports still here, as positions in this one
        kept = np.isin(self.linked, ids).all(axis=0)
        known = np.searchsorted(ids, self.linked[:, kept])
        left, right = np.concatenate([known[0], left]), np.concatenate([known[1], right])
        self.anchors = dict(zip(ids.tolist(), anchors, strict=True))
        self.vectors = {a.article_id: a.vector for a in region}
        self.linked = np.stack([ids[left], ids[right]])
        if len(self.terms) > TERMS_MET_PER_REPORT * max(len(region), 100):
            self._forget()
        return partition(vectors, (left, right), days, tuning.join_centroid, window_days)
