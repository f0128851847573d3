"""Stories for a batch job: clustered by time-window partitions that a cluster runs apart, then
joined across the partitions' borders.

Each partition spans `partition_days` and also holds, as borrowed context, the articles of the
last `window_days` before it: a story that crosses the border is then seen whole on one side. A
partition is grouped as `storyline ingest` consolidates its stories (`consolidate.group`:
linked pairs, whatever their order), and the stories of two partitions are one when they share
a borrowed article or when their centroids are as close as an article must be to join a story.
Undated articles form a partition of their own, whose stories join the closest dated story on
the same rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np

from ..consolidate import group
from ..settings import Settings
from ..story_evidence import TermNumbers, report_evidence

UNDATED = -1


def partition_rows(row: dict[str, Any], partition_days: int, window_days: int) -> Iterator[dict]:
    """The row in its own partition and, if it falls in the last `window_days` of that
    partition, borrowed into the next one."""
    day = row["day"]
    if day is None:
        yield {**row, "partition": UNDATED, "home": True}
        return
    ordinal = date.fromisoformat(day).toordinal()
    partition = ordinal // partition_days
    yield {**row, "partition": partition, "home": True}
    if (partition + 1) * partition_days - ordinal <= window_days:
        yield {**row, "partition": partition + 1, "home": False}


def cluster_partition(rows: list[dict[str, Any]], settings: Settings) -> list[dict[str, Any]]:
    """One partition's stories: each row with its local story, as `partition:number`."""
    rows = sorted(rows, key=lambda r: (r["unit"], r["item"]))
    vectors = np.array([r["vector"] for r in rows], dtype=np.float32)
    days = [date.fromisoformat(r["day"]) if r["day"] else None for r in rows]
    terms = TermNumbers()
    anchors = [terms.anchors(report_evidence(r["title"] or "", r["opening"])) for r in rows]
    labels = group(vectors, anchors, days, settings.stories, settings.window_days)
    return [
        {**r, "local": f"{r['partition']}:{int(label)}"}
        for r, label in zip(rows, labels, strict=True)
    ]


def join_borders(rows: list[dict[str, Any]], settings: Settings) -> dict[str, str]:
    """Local story → global story, from (hash, local, home, day, vector) rows of every
    partition: one global story per set of local stories joined across borders."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    home: dict[str, str] = {}
    sums: dict[str, np.ndarray] = {}
    spans: dict[str, tuple[str, str]] = {}
    for r in rows:
        local = r["local"]
        root(local)
        vector = np.asarray(r["vector"], dtype=np.float32)
        sums[local] = sums.get(local, 0) + vector
        if r["day"]:
            first, last = spans.get(local, (r["day"], r["day"]))
            spans[local] = (min(first, r["day"]), max(last, r["day"]))
        if r["home"]:
            home[r["hash"]] = local
    for r in rows:  # a borrowed article ties its story here to its home story
        if not r["home"]:
            union(r["local"], home[r["hash"]])
    _join_close(sums, spans, union, root, settings)
    return {local: root(local) for local in sums}


def _join_close(sums, spans, union, root, settings: Settings) -> None:
    """Stories of neighbouring partitions (and undated ones with any) whose centroids are as
    close as an article must be to join a story, and whose days are within the story window.
    Only neighbours are compared, so the work grows with the partitions, not their square."""
    by_partition: dict[int, list[str]] = defaultdict(list)
    for name in sorted(sums):
        by_partition[int(name.split(":")[0])].append(name)
    unit = {k: v / max(float(np.linalg.norm(v)), 1e-12) for k, v in sums.items()}
    dated = sorted(p for p in by_partition if p != UNDATED)
    pairs = [(p, p + 1) for p in dated if p + 1 in by_partition]
    pairs += [(UNDATED, p) for p in dated if UNDATED in by_partition]
    for pa, pb in pairs:
        left, right = by_partition[pa], by_partition[pb]
        close = np.vstack([unit[k] for k in left]) @ np.vstack([unit[k] for k in right]).T
        for i, j in zip(*np.nonzero(close >= settings.story_threshold), strict=True):
            a, b = left[int(i)], right[int(j)]
            if pa == UNDATED or _near_in_time(spans.get(a), spans.get(b), settings):
                union(a, b)


def _near_in_time(a, b, settings: Settings) -> bool:
    if a is None or b is None:
        return True
    gap = max(
        date.fromisoformat(b[0]).toordinal() - date.fromisoformat(a[1]).toordinal(),
        date.fromisoformat(a[0]).toordinal() - date.fromisoformat(b[1]).toordinal(),
    )
    return gap <= settings.window_days
