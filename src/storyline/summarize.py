"""Claims → a short extractive summary in which every sentence cites the sources behind it."""

from __future__ import annotations

import numpy as np

from .corroborate import reads_alone
from .model import Claim, Contradiction, SummarySentence, count_words

# A claim this close to one already chosen says nothing new.
DUPLICATE_SIMILARITY = 0.75
MIN_SENTENCES = 3
MAX_DISAGREEMENTS = 2


def summarize(
    claims: list[Claim],
    vectors: np.ndarray,
    words: int,
    redundancy: float,
    source_lengths: dict[str, int],
    contradictions: list[Contradiction] | tuple[()] = (),
) -> list[SummarySentence]:
    """Pick claims by maximal marginal relevance within a word budget, then order them for reading.

    `vectors` holds one normalised row per claim. Relevance is the claim's score (support across
    independent sources, centrality, and how early the reports tell it); novelty is the distance
    to the claims already chosen. The chosen sentences are then ordered by how early the reports
    place them, which puts what happened before its context.

    A claim that takes one side of a disagreement is never stated as fact; the summary ends with
    one line per disagreement (MAX_DISAGREEMENTS at most) that says who reports what.
    """
    if not claims:
        return []
    scores = np.array([c.score for c in claims])
    relevance = scores / max(float(scores.max()), 1e-12)
    chosen: list[int] = []
    budget = words
    # A summary sentence must read alone. A claim only one outlet makes is used just to reach
    # MIN_SENTENCES when too few claims are shared: a lone report is what corroboration is not.
    disputed = {
        (e.source, e.sentence) for c in contradictions for side in c.sides for e in side.evidence
    }
    lines = [_disagreement(n, c) for n, c in enumerate(contradictions[:MAX_DISAGREEMENTS])]
    budget -= sum(count_words(line.text) for line in lines)
    undisputed = [
        k
        for k, c in enumerate(claims)
        if not any((e.source, e.sentence) in disputed for e in c.evidence)
    ]
    readable = [k for k in undisputed if reads_alone(claims[k].text)] or undisputed
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

    return [_cite(claims[k]) for k in sorted(chosen, key=reading_position)] + lines


def _disagreement(number: int, c: Contradiction) -> SummarySentence:
    """'Reports differ on the visit: "working" (S2, S4); "official" (S3, S5).'"""
    sides = "; ".join(f'"{side.text}" ({", ".join(side.sources)})' for side in c.sides)
    text = f"Reports differ on the {c.about}: {sides}."
    return SummarySentence(text, c.sources, "", c.sides[0].evidence[0], contradiction=number)


def _cite(claim: Claim) -> SummarySentence:
    evidence = next(e for e in claim.evidence if e.text == claim.text)
    return SummarySentence(claim.text, list(claim.sources), claim.id, evidence)
