"""How surely two sentences of different reports state one fact, before any grouping.

Half meaning (embedding cosine), half the anchors the two share (`annotate.words.fact_terms`
plus the days of `annotate.anchors`), each weighted by its rarity in the story;
a long sentence is also compared clause by clause. Copied text is measured apart, by shared
word 3-grams: a copy is a match whatever the other measures say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .annotate.words import fact_terms, term_overlap
from .model import Sentence

_TOKEN = re.compile(r"\w+")


def trigram_containment(sentences: list[Sentence]) -> np.ndarray:
    """Share of the shorter sentence's word 3-grams that the other sentence also has."""
    grams = []
    for s in sentences:
        words = _TOKEN.findall(s.text.lower())
        grams.append({tuple(words[i : i + 3]) for i in range(len(words) - 2)})
    n = len(sentences)
    out = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        if not grams[i]:
            continue
        for j in range(i + 1, n):
            if grams[j] and sentences[i].source != sentences[j].source:
                shared = len(grams[i] & grams[j])
                if shared:
                    out[i, j] = out[j, i] = shared / min(len(grams[i]), len(grams[j]))
    return out


@dataclass(slots=True)
class Clauses:
    """The clauses of a story's long sentences (`annotate.clauses`), each with the position of
    its sentence."""

    texts: list[str]
    owner: list[int]
    vectors: np.ndarray  # (m, d), L2-normalised
    terms: list[frozenset[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.terms = [fact_terms(t) for t in self.texts]


def pair_scores(
    vectors: np.ndarray,
    terms: list[frozenset[str]],
    sources: list[str],
    weight: float,
    parts: Clauses | None = None,
) -> np.ndarray:
    """How surely each pair of sentences states one fact: `weight` of embedding cosine, the
    rest shared terms. With `parts`, the pair's score is averaged with the best score of a
    clause of one sentence against the other whole, where that is higher: a sentence carrying
    two facts then meets each report that states one of them alone (bench/score_alignment.py
    measures both)."""
    cosine = vectors @ vectors.T
    scores = weight * cosine + (1 - weight) * term_overlap(terms, sources)
    if parts is None or not parts.owner:
        return scores
    owner = np.array(parts.owner)
    overlap = term_overlap(parts.terms + terms, [sources[k] for k in owner] + sources)
    m = len(owner)
    by_clause = weight * (parts.vectors @ vectors.T) + (1 - weight) * overlap[:m, m:]
    best = np.full_like(scores, -1.0)
    for k in np.unique(owner):
        best[k] = by_clause[owner == k].max(axis=0)
    best = np.maximum(best, best.T)
    return (scores + np.maximum(scores, best)) / 2
