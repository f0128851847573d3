"""Claims → a short extractive summary in which every sentence cites the sources behind it."""

from __future__ import annotations

import numpy as np

from .corroborate import reads_alone
from .model import Claim, SummarySentence, count_words

# A claim this close to one already chosen says nothing new.
DUPLICATE_SIMILARITY = 0.75
MIN_SENTENCES = 3


def summarize(
    claims: list[Claim],
    vectors: np.ndarray,
    words: int,
    redundancy: float,
    source_lengths: dict[str, int],
) -> list[SummarySentence]:
    """Pick claims by maximal marginal relevance within a word budget, then order them for reading.

    `vectors` holds one normalised row per claim. Relevance is the claim's score (support across
    independent sources, centrality, and how early the reports tell it); novelty is the distance
    to the claims already chosen. The chosen sentences are then ordered by how early the reports
    place them, which puts what happened before its context.
    """
    if not claims:
        return []
    scores = np.array([c.score for c in claims])
    relevance = scores / max(float(scores.max()), 1e-12)
    chosen: list[int] = []
    budget = words
    # A summary sentence must read alone. A claim only one outlet makes is used just to reach
    # MIN_SENTENCES when too few claims are shared: a lone report is what corroboration is not.
    readable = [k for k, c in enumerate(claims) if reads_alone(c.text)] or list(range(len(claims)))
    shared = {k for k in readable if claims[k].independent > 1}
    for candidates in (shared, set(readable) - shared):
        while candidates and budget > 0 and (candidates is shared or len(chosen) < MIN_SENTENCES):

            def mmr(k: int) -> float:
                novelty = max((float(vectors[k] @ vectors[j]) for j in chosen), default=0.0)
                return redundancy * relevance[k] - (1 - redundancy) * novelty

            best = max(sorted(candidates), key=mmr)
            candidates.discard(best)
            length = count_words(claims[best].text)
            repeats = any(float(vectors[best] @ vectors[j]) >= DUPLICATE_SIMILARITY for j in chosen)
            if chosen and (repeats or length > budget):
                continue
            chosen.append(best)
            budget -= length

    def reading_position(k: int) -> tuple[float, int]:
        claim = claims[k]
        earliest = min(e.sentence / max(source_lengths[e.source], 1) for e in claim.evidence)
        return (earliest, k)

    return [_cite(claims[k]) for k in sorted(chosen, key=reading_position)]


def _cite(claim: Claim) -> SummarySentence:
    evidence = next(e for e in claim.evidence if e.text == claim.text)
    return SummarySentence(claim.text, list(claim.sources), claim.id, evidence)
