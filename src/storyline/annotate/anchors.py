"""What a sentence refers to beyond its words: the days it names and the entities it mentions.

Outlets word one fact differently but keep what it is about. "Launches today" in a report of 19
November, "launched Tuesday" and "launch tomorrow (November 19)" in one of the 18th name one day;
"Mr. Garrett" and "Myles Garrett", "Lukashenka" and "Lukashenko" name one person. As terms beside
a sentence's content words (`words.fact_terms`), they let such statements meet.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from ..model import Entity, Sentence
from .dates import DateMention

SentenceKey = tuple[str, int]


@dataclass(slots=True)
class Anchors:
    """Per sentence, in the story's order: "@YYYY-MM-DD" for each day it names (relative days
    resolved against its report's date) and "@E<n>" for each entity it mentions."""

    days: list[frozenset[str]]
    entities: list[frozenset[str]]

    def terms(self, with_days: bool = True) -> list[frozenset[str]]:
        if not with_days:
            return self.entities
        return [d | e for d, e in zip(self.days, self.entities, strict=True)]


def sentence_anchors(
    sentences: list[Sentence],
    dates: dict[SentenceKey, list[DateMention]],
    entities: list[Entity],
) -> Anchors:
    """The days and entities each sentence refers to."""
    starts: dict[str, list[int]] = defaultdict(list)
    keys: dict[str, list[SentenceKey]] = defaultdict(list)
    for s in sentences:
        starts[s.source].append(s.start)
        keys[s.source].append((s.source, s.index))
    mentioned: dict[SentenceKey, set[str]] = defaultdict(set)
    for entity in entities:
        for mention in entity.spans:
            at = bisect.bisect_right(starts.get(mention.source, []), mention.start) - 1
            if at >= 0:
                mentioned[keys[mention.source][at]].add(f"@{entity.id}")
    order = [(s.source, s.index) for s in sentences]
    return Anchors(
        days=[
            frozenset(f"@{m.first.isoformat()}" for m in dates.get(k, []) if m.granularity == "day")
            for k in order
        ],
        entities=[frozenset(mentioned.get(k, ())) for k in order],
    )
