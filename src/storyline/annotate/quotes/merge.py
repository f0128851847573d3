"""Merging statements across sources into one Quote each.

Quotes whose normalised texts are equal, contain one another (four words or more), or have
rapidfuzz token_set_ratio >= MERGE_RATIO at comparable lengths (the shorter at least half the
longer) are one Quote with all their sources and evidence, unless two different speakers were
resolved for them. The first resolved speaker and the first channel are kept; a direct wording
wins over a reported one. Evidence is the quote's first sentence in each source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from ...model import Evidence, Quote
from .said import Said
from .text import norm_text

MERGE_RATIO = 85


def _same_words(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = len(a.split()), len(b.split())
    short, long_ = (a, b) if wa <= wb else (b, a)
    if min(wa, wb) >= 4 and f" {short} " in f" {long_} ":
        return True
    if min(wa, wb) < 0.5 * max(wa, wb) or min(wa, wb) < 3:
        return False
    return fuzz.token_set_ratio(a, b, score_cutoff=MERGE_RATIO) >= MERGE_RATIO


# Too common to say two texts are one quote: left out of the word index that finds candidates.
_STOPWORDS = {
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "is", "are", "was", "were", "be", "been", "will", "would", "it", "this", "that", "we", "i",
    "he", "she", "they", "you", "not", "no", "as", "from", "there", "have", "has", "had",
}  # fmt: skip


@dataclass(slots=True)
class _Group:
    quote: Quote
    norms: list[str]
    speakers: set[str]


def merge(statements: Iterable[tuple[str, Said, Evidence | None]]) -> list[Quote]:
    """Quotes from (source id, statement, evidence), in the order their first source tells them."""
    groups: list[_Group] = []
    by_word: dict[str, set[int]] = {}  # content word → groups whose texts hold it
    for source_id, said, ev in statements:
        norm = norm_text(said.text)
        if not norm:
            continue
        target: _Group | None = None
        gi = len(groups)  # the group it joins; a new one unless a match is found
        words = {w for w in norm.split() if w not in _STOPWORDS} or set(norm.split())
        shared: dict[int, int] = {}
        for w in words:
            for i in by_word.get(w, ()):
                shared[i] = shared.get(i, 0) + 1
        need = min(2, len(words))
        for i in sorted(i for i, n in shared.items() if n >= need):
            g = groups[i]
            if said.speaker and g.speakers and said.speaker not in g.speakers:
                continue
            if any(_same_words(norm, n) for n in g.norms):
                target, gi = g, i
                break
        for w in words:
            by_word.setdefault(w, set()).add(gi)
        if target is None:
            q = Quote(
                speaker=said.speaker,
                text=said.text,
                sources=[source_id],
                kind=said.kind,
                channel=said.channel,
                evidence=[ev] if ev else [],
            )
            groups.append(_Group(q, [norm], {said.speaker} if said.speaker else set()))
            continue
        q = target.quote
        if source_id not in q.sources:
            q.sources.append(source_id)
        if ev and not any(e.source == ev.source and e.sentence == ev.sentence for e in q.evidence):
            q.evidence.append(ev)
        if q.speaker is None and said.speaker:
            q.speaker = said.speaker
        if q.channel is None and said.channel:
            q.channel = said.channel
        if q.kind == "reported" and said.kind == "direct":
            q.kind, q.text = "direct", said.text
        target.norms.append(norm)
        if said.speaker:
            target.speakers.add(said.speaker)
    return [g.quote for g in groups]
