"""What two reports of one event share besides their vectors: the words of their titles, the
names and figures of their leads, and how far apart their dates are.

A vector says what a report is about; two reports of one topic (two MacBook reviews, two
opinion pieces on Hong Kong) are as close as two reports of one event told in other words. What
tells the event apart is its anchors: the rare names and figures the reports repeat, and the
words their titles share. Each anchor counts by how rare it is among the reports being grouped,
read as if among `idf_prior` unrelated others too, so that in a small pile (one event's pages
briefed alone) a name every report shares still counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from .annotate.words import STEM_LETTERS, STOPWORDS, content_words, fact_terms
from .characters import SENTENCE_GAP

NAME_CHARS = 1200  # names are read from the opening of the text, where a report names its event

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One report's anchors, as stems (see `annotate.words.content_words`)."""

    title: frozenset[str]  # content words of the title
    lead: frozenset[str]  # content words and figures of the title and lead
    names: frozenset[str]  # capitalised words inside sentences that the text never lower-cases


def report_evidence(title: str, opening: str) -> Evidence:
    """A report's anchors from its title (or "") and the opening of its text."""
    from .cluster import opening_texts

    _, lead, _ = opening_texts(title, opening)
    return evidence(title, lead, opening)


def evidence(title: str, lead: str, text: str) -> Evidence:
    """A report's anchors from its title, lead and text."""
    return Evidence(content_words(title), fact_terms(f"{title}\n{lead}"), names(text[:NAME_CHARS]))


def names(text: str) -> frozenset[str]:
    """Words capitalised inside a sentence (not at its start, where every word is) that the
    text never writes in lower case: names, not title-case headings or ordinary words."""
    lower = {w.lower() for w in _WORD.findall(text) if w[0].islower()}
    found = set()
    for sentence in (s for line in text.split("\n") for s in SENTENCE_GAP.split(line)):
        for word in _WORD.findall(sentence)[1:]:
            key = word.lower()
            if word[0].isupper() and key not in lower and key not in STOPWORDS:
                found.add(_POSSESSIVE.sub("", key)[:STEM_LETTERS])
    return frozenset(found)


def shared_weight(sets: list[frozenset[str]], prior: int) -> sparse.csr_matrix:
    """Pairwise sum of the rarity, log((n + prior) / df), of the terms two sets share; a sparse
    n×n matrix (its diagonal holds each set's own weight)."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for k, terms in enumerate(sets):
        for term in terms:
            rows.append(k)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    n = len(sets)
    present = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, len(vocabulary))
    )
    df = np.asarray(present.sum(axis=0)).ravel()
    idf = np.log((n + prior) / np.maximum(df, 1)).astype(np.float32)
    return (present @ sparse.diags(idf) @ present.T).tocsr()


def day_gaps(days: list[date | None], rows: slice) -> np.ndarray:
    """Days between the reports of `rows` and every report; 0 where either is undated (an
    undated report can be of any day)."""
    ordinal = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)
    gaps = np.abs(ordinal[rows, None] - ordinal[None, :])
    gaps[(ordinal[rows] == 0)[:, None] | (ordinal == 0)[None, :]] = 0
    return gaps


def capped(matrix: sparse.csr_matrix, rows: slice, cap: float) -> np.ndarray:
    """Rows of a shared-weight matrix as a dense block, each value at most `cap`: a few rare
    shared anchors make the case, more add nothing."""
    return np.minimum(matrix[rows].toarray(), cap)
