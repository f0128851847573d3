"""How surely two sentences of different reports state one fact, before any grouping.

Half meaning (embedding cosine), half the anchors the two share (`annotate.words.fact_terms`
plus the days of `annotate.anchors`), each weighted by its rarity in the story;
a long sentence is also compared clause by clause. Copied text is measured apart, by shared
word 3-grams: a copy is a match whatever the other measures say.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from .annotate.words import content_words, fact_terms, shared_anchors, term_overlap
from .model import Entity, Sentence
from .settings import ClaimTuning

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
    best = _best_clause(owner, by_clause, len(sources))
    return (scores + np.maximum(scores, best)) / 2


def closest_meaning(cosine: np.ndarray, vectors: np.ndarray, parts: Clauses | None) -> np.ndarray:
    """Pairwise embedding cosine (`cosine`, of `vectors`), or where higher, that of a clause of
    one sentence with the other whole: a long sentence carrying two facts is close in meaning
    to a sentence stating one of them, however far its whole is."""
    if parts is None or not parts.owner:
        return cosine
    by_clause = parts.vectors @ vectors.T
    return np.maximum(cosine, _best_clause(np.array(parts.owner), by_clause, len(vectors)))


def meets_another_clause(
    parts: Clauses | None, vectors: np.ndarray, long: int, k: int, others: list[int]
) -> bool:
    """Whether sentence `k` is closest (by embedding cosine) to another clause of sentence
    `long` than each of `others` is: then `long` states two facts, and `k` meets the one that
    `others` do not. False where `long` has no clauses."""
    met = clauses_met(parts, vectors, long, [k, *others])
    return met is not None and bool((met[1:] != met[0]).all())


def continues(
    parts: Clauses | None,
    vectors: np.ndarray,
    places: list[int],
    long: int,
    k: int,
    own: list[int],
    free: np.ndarray,
) -> bool:
    """Whether sentence `k` comes right before or after a sentence of `own` (its report's
    members of a claim of sentence `long`; `places`: each sentence's place in its report) and,
    of its report's `free` sentences (a mask), is the closest (by embedding cosine) to the
    clause of `long` it meets: the report tells in two sentences in a row what `long` tells in
    one ("Maitlis demanded how he could be so sure what he was doing on the night of March 10
    …", "he definitely remembers going to get pizza that night"). False where `long` has no
    clauses."""
    if all(abs(places[m] - places[k]) != 1 for m in own):
        return False
    met = clauses_met(parts, vectors, long, [k])
    if parts is None or met is None:
        return False
    clause = parts.vectors[_clause_rows(parts, long)[met[0]]]
    return bool((vectors[free] @ clause <= vectors[k] @ clause).all())


def restating(
    parts: Clauses | None, vectors: np.ndarray, long: int, own: list[int], free: np.ndarray
) -> np.ndarray:
    """Which of the `free` sentences (a mask) meet the clause of sentence `long` that `own` (a
    claim's members of their report) meet: each restates that claim's fact (a report repeats
    its lead), so it is no rival for the fact of another clause ("… his memory of an alibi at
    a pizza restaurant – on the same day it is alleged he raped a 17-year-old girl")."""
    found = np.zeros_like(free)
    rows = np.flatnonzero(free)
    met = clauses_met(parts, vectors, long, [*own, *rows])
    if met is not None:
        found[rows] = np.isin(met[len(own) :], met[: len(own)])
    return found


def clauses_met(
    parts: Clauses | None, vectors: np.ndarray, long: int, sentences: list[int]
) -> np.ndarray | None:
    """The clause of sentence `long` that each of `sentences` is closest to (by embedding
    cosine), numbered within `long`; None where `long` has fewer than two clauses."""
    if parts is None:
        return None
    rows = _clause_rows(parts, long)
    if len(rows) < 2:
        return None
    return (parts.vectors[rows] @ vectors[sentences].T).argmax(axis=0)


def _clause_rows(parts: Clauses, long: int) -> list[int]:
    """The rows of `parts` that are clauses of sentence `long`, in order."""
    return [c for c, owner in enumerate(parts.owner) if owner == long]


def _best_clause(owner: np.ndarray, by_clause: np.ndarray, n: int) -> np.ndarray:
    """(n, n): the best score of a clause of either sentence against the other whole, from
    each clause's scores against every sentence; -1 where neither sentence has clauses."""
    best = np.full((n, n), -1.0, dtype=np.float32)
    for k in np.unique(owner):
        best[k] = by_clause[owner == k].max(axis=0)
    return np.maximum(best, best.T)


def anchor_credit(
    terms: list[frozenset[str]],
    vivid: list[frozenset[str]],
    days: list[frozenset[str]] | None,
    sources: list[str],
    cosine: np.ndarray,
    entities: Iterable[Entity],
    tuning: ClaimTuning,
) -> np.ndarray:
    """How much evidence of its own each pair of sentences has that it states one fact, as
    the amount by which its score may fall short of the floor where it is a mutual best match:
    `anchor_credit` for each anchor the two share, up to `anchors_counted`, where their cosine
    (`closest_meaning`: for a long sentence, its closest clause's) reaches `credit_cosine`;
    0 for a pair that shares none but means nearly the same (`cosine_alone`); -inf for the
    rest, which need the full `claim_threshold`. `days` holds the days each sentence names
    (`annotate.anchors`), anchors like the rest; `vivid` the terms of each that words rare in
    English give (`annotate.words.rare_words`): such an anchor counts twice, and from
    `vivid_cosine` on.

    Within one story every sentence is on topic, so each has a best match in another report,
    and in a story of two reports mutual best matches abound: that alone says nothing. The
    anchors of one fact do: figures, days, names and words that few of the story's sentences
    use (`anchor_per_source` per report). The words of a name that many sentences mention are
    the story's topic however rarely they are spelled out ("Jeffrey" of "Jeffrey Epstein",
    mostly called "Epstein"): the entity index maps the spellings.
    """
    most = round(tuning.anchor_per_source * len(set(sources)))
    entities = list(entities)
    # The index may keep "Jeffrey Epstein" (alias "Epstein") beside "Epstein": count both.
    mentions = {e.name: e.mentions for e in entities}
    topic = frozenset[str]().union(
        *(
            content_words(" ".join([e.name, *e.aliases]))
            for e in entities
            if e.mentions + sum(mentions.get(a, 0) for a in e.aliases) > most
        )
    )
    if days is not None:
        terms = [t | d for t, d in zip(terms, days, strict=True)]
    kept = [t - topic for t in terms]
    anchors = shared_anchors(kept, sources, most)
    evidenced = (anchors > 0) | (cosine >= tuning.cosine_alone)
    # The anchors among the words rare in English as well count twice.
    uses = Counter(term for t in kept for term in t)
    rare = shared_anchors(
        [frozenset(w for w in v & t if uses[w] <= most) for t, v in zip(kept, vivid, strict=True)],
        sources,
        most,
    )
    credit = tuning.anchor_credit * np.minimum(anchors + rare, tuning.anchors_counted)
    # Below the floor a pair needs both halves of the evidence: anchors, and meaning not far
    # apart ("the school will stay closed" and "police closed the road" share "closed"). A
    # word rare in English has few senses, so less closeness will do ("he couldn't sweat" and
    # "losing the function of his body sweating": 0.39).
    close = (cosine >= tuning.credit_cosine) | ((rare > 0) & (cosine >= tuning.vivid_cosine))
    credit = np.where(close, credit, 0.0)
    return np.where(evidenced, credit, -np.inf).astype(np.float32)
