"""The store's part for consolidation: the stories around some days, read whole, and their
articles regrouped into stories. Mixed into `Store`, which owns the connection."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy loads with the first vector: listing stories never needs it
    import numpy as np

REGION_TEXT_CHARS = 2500  # enough of a text for its lead and the names of its opening


@dataclass(slots=True)
class RegionArticle:
    """A stored article as consolidation reads it: its vector and days."""

    article_id: int
    story: int
    vector: np.ndarray
    day: date | None
    first_day: date | None  # of its story
    last_day: date | None


class StoreRegions:
    db: sqlite3.Connection

    def add_story(self, article_id: int, day: date | None, key: str | None = None) -> int: ...

    def story_key(self, story: int) -> str: ...  # defined by Store

    def region(
        self, spans: list[tuple[date, date]], known: Mapping[int, np.ndarray] | None = None
    ) -> list[RegionArticle]:
        """The articles of the stories that reach into one of the day spans (first, last) that
        are dated within a span, or undated, ordered by id: what consolidation groups again. A
        story's articles beyond the spans stay where they are, so a story that runs for months
        costs a consolidation no more than its days in the spans. The vectors of articles in
        `known` (the last region's, by id) are taken from it, not read again."""
        if not spans:
            return []
        where = " OR ".join("(first_day <= ? AND last_day >= ?)" for _ in spans)
        within = " OR ".join("a.day BETWEEN ? AND ?" for _ in spans)
        bounds = [d.isoformat() for first, last in spans for d in (last, first)]
        days = [d.isoformat() for span in spans for d in span]
        rows = self.db.execute(
            "SELECT a.id, a.story, a.day, s.first_day, s.last_day"
            " FROM articles a JOIN stories s ON s.id = a.story"
            f" WHERE a.vector IS NOT NULL AND a.story IN (SELECT id FROM stories WHERE {where})"
            f" AND (a.day IS NULL OR {within}) ORDER BY a.id",
            [*bounds, *days],
        ).fetchall()
        known = known or {}
        read = self._vectors([row[0] for row in rows if row[0] not in known])
        return [
            RegionArticle(
                article_id,
                story,
                known[article_id] if article_id in known else read[article_id],
                _day(day),
                _day(first),
                _day(last),
            )
            for article_id, story, day, first, last in rows
        ]

    def _vectors(self, article_ids: list[int], chunk: int = 500) -> dict[int, np.ndarray]:
        found = {}
        for start in range(0, len(article_ids), chunk):
            part = article_ids[start : start + chunk]
            rows = self.db.execute(
                f"SELECT id, vector FROM articles WHERE id IN ({','.join('?' * len(part))})", part
            )
            found.update((article_id, _vector(vector)) for article_id, vector in rows)
        return found

    def openings(self, article_ids: list[int], chunk: int = 500) -> dict[int, tuple[str, str]]:
        """(title or "", opening of the text) of each of `article_ids`: what a report's anchors
        are read from. Apart from `region`, so that anchors known already cost no text read."""
        found = {}
        for start in range(0, len(article_ids), chunk):
            part = article_ids[start : start + chunk]
            rows = self.db.execute(
                "SELECT id, coalesce(title, ''), substr(text, 1, ?) FROM articles"
                f" WHERE id IN ({','.join('?' * len(part))})",
                [REGION_TEXT_CHARS, *part],
            )
            found.update((article_id, (title, text)) for article_id, title, text in rows)
        return found

    def regroup(self, groups: list[list[RegionArticle]]) -> None:
        """Make each group of a region's articles one story: a group keeps the story most of
        its articles are in (larger groups choose first), with that story's articles beyond
        the region; stories left empty are removed, and the briefings of stories whose
        articles changed are dropped. A story whose articles stay as they were is not written
        (most of them, once a region has been consolidated). The caller commits."""
        import numpy as np

        taken: set[int] = set()
        before = {a.story for group in groups for a in group}
        sizes = self._sizes(before)
        held: dict[int, list[RegionArticle]] = {}  # the region's articles by their story
        for a in (a for group in groups for a in group):
            held.setdefault(a.story, []).append(a)
        inside = Counter({story: len(articles) for story, articles in held.items()})
        changed = []  # (story, its group, the articles moved into it)
        for group in sorted(groups, key=lambda g: (-len(g), min(a.article_id for a in g))):
            counts = Counter(a.story for a in group)
            free = [s for s in counts if s not in taken]
            story = (
                min(free, key=lambda s: (-counts[s], s))
                if free
                else self.add_story(group[0].article_id, group[0].day)
            )
            taken.add(story)
            moved = [a.article_id for a in group if a.story != story]
            if moved or len(group) != inside[story]:
                changed.append((story, group, moved))
            # else the same articles: the story stands as stored
        emptied = before - taken
        # What changed stories hold beyond the region, read before any article moves.
        beyond = {
            story: self._beyond_region(story, held[story])
            for story in [s for s, _, _ in changed] + sorted(emptied)
            if sizes.get(story, 0) > inside[story]
        }
        for story, group, moved in changed:
            self._drop_briefing(story)
            self.db.executemany(
                "UPDATE articles SET story = ? WHERE id = ?", [(story, m) for m in moved]
            )
            rest = sizes.get(story, 0) - inside[story]
            rest_sum, rest_days = beyond.get(story, (0.0, []))
            dated = [a.day for a in group if a.day] + rest_days or [
                d for a in group for d in (a.first_day, a.last_day) if d
            ]
            total = np.sum([a.vector for a in group], axis=0) + rest_sum
            self._set_story(story, len(group) + rest, total, dated)
        for story in emptied:
            self._drop_briefing(story)
            if story in beyond:  # its articles beyond the region are the story now
                self._set_story(story, sizes[story] - inside[story], *beyond[story])
            else:
                self.db.execute("DELETE FROM stories WHERE id = ?", (story,))

    def _set_story(self, story: int, size: int, total: np.ndarray, days: list[date]) -> None:
        self.db.execute(
            "UPDATE stories SET size = ?, vsum = ?, first_day = ?, last_day = ?, updated = ?"
            " WHERE id = ?",
            (size, _blob(total), min(days).isoformat(), max(days).isoformat(), _now(), story),
        )

    def _sizes(self, stories: set[int], chunk: int = 500) -> dict[int, int]:
        ids, found = sorted(stories), {}
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            rows = self.db.execute(
                f"SELECT id, size FROM stories WHERE id IN ({','.join('?' * len(part))})", part
            )
            found.update(rows.fetchall())
        return found

    def _beyond_region(
        self, story: int, articles: list[RegionArticle]
    ) -> tuple[np.ndarray, list[date]]:
        """The vector sum of a story's articles beyond the region (the story's less those of
        its `articles` in the region) and their first and last days (the story's, if they are
        undated). Read only for a story that changed: most stand as stored."""
        import numpy as np

        [vsum] = self.db.execute("SELECT vsum FROM stories WHERE id = ?", (story,)).fetchone()
        first, last = self._days_beyond(story, [a.article_id for a in articles])
        rest_sum = _vector(vsum) - np.sum([a.vector for a in articles], axis=0)
        days = [d for d in (_day(first), _day(last)) if d] or [
            d for d in (articles[0].first_day, articles[0].last_day) if d
        ]
        return rest_sum, days

    def _days_beyond(self, story: int, inside: list[int]) -> tuple[str | None, str | None]:
        """The first and last days of a story's dated articles other than `inside`: read from
        the ends of the story's articles in day order (articles_story_day), not from all of
        them, since a story that runs for months would make every region cost more."""
        outside = f"story = ? AND day IS NOT NULL AND id NOT IN ({','.join('?' * len(inside))})"
        ends = [
            self.db.execute(
                f"SELECT day FROM articles WHERE {outside} ORDER BY day {order} LIMIT 1",
                [story, *inside],
            ).fetchone()
            for order in ("ASC", "DESC")
        ]
        first, last = (row[0] if row else None for row in ends)
        return first, last

    def _drop_briefing(self, story: int) -> None:
        """Forget a story's briefing: its articles changed, so it no longer tells the story."""
        key = self.story_key(story)
        self.db.execute("DELETE FROM briefing_articles WHERE briefing_id = ?", (key,))
        self.db.execute("DELETE FROM briefings WHERE id = ?", (key,))

    def story_days(self, stories: set[int]) -> set[date]:
        """The last days of some stories: where consolidation must look to see them."""
        found: set[date] = set()
        ids = sorted(stories)
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            rows = self.db.execute(
                f"SELECT last_day FROM stories WHERE id IN ({','.join('?' * len(part))})", part
            )
            found.update(date.fromisoformat(row[0]) for row in rows)
        return found

    def nearest_story_days(self, vectors: np.ndarray, count: int, chunk: int = 4096) -> set[date]:
        """The last days of the `count` stories whose centroids are closest to each of
        `vectors`, among every stored story: an undated report can be of any day, so it is
        judged by its content alone. One pass over the stories, `chunk` at a time."""
        import numpy as np

        best = np.full((len(vectors), 0), -np.inf, dtype=np.float32)
        best_days = np.zeros((len(vectors), 0), dtype=np.int64)
        rows = self.db.execute("SELECT vsum, last_day FROM stories WHERE size > 0")
        while part := rows.fetchmany(chunk):
            sums = np.stack([_vector(vsum) for vsum, _ in part])
            centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
            days = np.array([date.fromisoformat(last).toordinal() for _, last in part])
            scores = np.hstack([best, vectors @ centroids.T])
            ordinals = np.hstack([best_days, np.broadcast_to(days, (len(vectors), len(days)))])
            keep = np.argsort(-scores, axis=1, kind="stable")[:, :count]
            best = np.take_along_axis(scores, keep, axis=1)
            best_days = np.take_along_axis(ordinals, keep, axis=1)
        return {date.fromordinal(int(o)) for o in best_days.ravel()}

    def stories_of(self, article_ids: list[int], chunk: int = 500) -> list[int]:
        """The story each of `article_ids` is in now, in their order."""
        found: dict[int, int] = {}
        for start in range(0, len(article_ids), chunk):
            part = article_ids[start : start + chunk]
            rows = self.db.execute(
                f"SELECT id, story FROM articles WHERE id IN ({','.join('?' * len(part))})", part
            )
            found.update(rows.fetchall())
        return [found[a] for a in article_ids]

    def article_days(self) -> list[date]:
        """The distinct days of the stored stories, in order (for `recluster`'s regions)."""
        rows = self.db.execute("SELECT DISTINCT last_day FROM stories ORDER BY last_day")
        return [date.fromisoformat(row[0]) for row in rows]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _blob(vector: np.ndarray) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype=np.float32).tobytes()


def _vector(blob: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(blob, dtype=np.float32).copy()
