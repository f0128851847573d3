"""What two reports of one event share besides their vectors: the words of their titles, the
names and figures of their leads, the passages they quote word for word, and how far apart
their dates are.

A vector says what a report is about; two reports of one topic (two MacBook reviews, two
opinion pieces on Hong Kong) are as close as two reports of one event told in other words. What
tells the event apart is its anchors: the rare names and figures the reports repeat, the
words their titles share, and the passages they quote from one source (a statement, a court
filing, a case report) word for word, however differently each tells the rest. Each anchor
counts by how rare it is among the reports being grouped, read as if among `idf_prior`
unrelated others too, so that in a small pile (one event's pages briefed alone) a name every
report shares still counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from .annotate.words import STEM_LETTERS, STOPWORDS, content_words, fact_terms
from .characters import SENTENCE_GAP, fold_marks

NAME_CHARS = 1200  # names are read from the opening of the text, where a report names its event
# Words in a row two reports must quote alike to share a passage: a short quote ("a 30-minute
# activity") is a phrase any report may use, and one company statement quoted in two
# reports of other events is about this long (WeWork's "We are going to eliminate and
# scale back certain functions and responsibilities", twelve words, counts once).
PASSAGE_WORDS = 12

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s$")
# What stands between quote marks (folded straight), or runs from an opening mark to the end of
# its paragraph, as a quote that goes on in the next paragraph does.
_QUOTED = re.compile(r'"([^"\n]+)(?:"|$)', re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One report's anchors, as stems (see `annotate.words.content_words`)."""

    title: frozenset[str]  # content words of the title
    lead: frozenset[str]  # content words and figures of the title and lead
    names: frozenset[str]  # capitalised words inside sentences that the text never lower-cases
    passages: frozenset[int]  # hashed runs of quoted words (`passages`)


def report_evidence(title: str, opening: str) -> Evidence:
    """A report's anchors from its title (or "") and the opening of its text."""
    from .cluster import opening_texts

    _, lead, _ = opening_texts(title, opening)
    return evidence(title, lead, opening)


def evidence(title: str, lead: str, text: str) -> Evidence:
    """A report's anchors from its title, lead and text."""
    return Evidence(
        content_words(title),
        fact_terms(f"{title}\n{lead}"),
        names(text[:NAME_CHARS]),
        passages(text),
    )


def names(text: str) -> frozenset[str]:
    """Words capitalised inside a sentence (not at its start, where every word is) that the
    text never writes in lower case: names, not title-case headings or ordinary words."""
    # one reading of the words, by sentence: a sentence gap is whitespace, which no word holds
    sentences = [_WORD.findall(s) for line in text.split("\n") for s in SENTENCE_GAP.split(line)]
    lower = {w.lower() for words in sentences for w in words if w[0].islower()}
    found = set()
    for words in sentences:
        for word in words[1:]:
            if word[0].isupper() and (key := word.lower()) not in lower and key not in STOPWORDS:
                found.add(_POSSESSIVE.sub("", key)[:STEM_LETTERS])
    return frozenset(found)


def passages(text: str) -> frozenset[int]:
    """Every run of PASSAGE_WORDS words inside quote marks, hashed: two reports that quote one
    source share these word for word, whatever else they write. Only quoted words count,
    never the rest of a text: the lines a site prints under each of its reports (a sign-up
    offer, a credit, a press release's "about us") are shared by reports of other events, and
    they are seldom quoted. Figures are left out, so that "30 min" and "30 minute" break a
    run only at the word they differ by. The hashes are Python's, so they are compared within
    one process, as a consolidation's are."""
    found = set()
    for quote in _QUOTED.finditer(fold_marks(text)):
        words = [w.lower() for w in _WORD.findall(quote.group(1))]
        found.update(
            hash(tuple(words[k : k + PASSAGE_WORDS])) for k in range(len(words) - PASSAGE_WORDS + 1)
        )
    return frozenset(found)


# title, lead and name terms, numbered; passages as their sorted hashes
TermAnchors = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


class TermNumbers:
    """Terms numbered as they are first met, so that a report's anchors are kept as arrays of
    numbers: a region's anchors are then put together by numpy, not by a Python loop over every
    term of every report (which cost a region's size again at each consolidation).

    Passages are kept as their hashes, never numbered here: nearly every one is a report's
    own, and numbering them for good would fill the numbering with terms that no other report
    meets (an ingest run starts it afresh, and reads its region again, when it grows large).
    `anchor_rarities` numbers them within the region instead."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.numbers)

    def anchors(self, found: Evidence) -> TermAnchors:
        """A report's title, lead and name anchors as term numbers, and its passages."""
        hashes = np.fromiter(found.passages, np.int64, len(found.passages))
        return (
            self._of(found.title),
            self._of(found.lead),
            self._of(found.names),
            np.sort(hashes),
        )

    def _of(self, terms: frozenset[str]) -> np.ndarray:
        number = self.numbers.setdefault
        found = np.fromiter((number(t, len(self.numbers)) for t in terms), np.int64, len(terms))
        return np.sort(found)  # a sparse row's columns, in order


def anchor_rarities(anchors: list[TermAnchors], prior: int) -> list[SharedAnchors]:
    """The title, lead, name and passage anchors of a pile of reports, each kind rated by
    rarity among them (`SharedAnchors`)."""
    *numbered, hashed = ([a[kind] for a in anchors] for kind in range(4))
    return [
        *(SharedAnchors(sets, prior) for sets in numbered),
        SharedAnchors(hashed, prior, hashed=True),
    ]


class SharedAnchors:
    """The terms of a pile of sets (of sorted term numbers), each rated by its rarity,
    log((n + prior) / df): what two sets share is the sum of the rarities of their common
    terms. `hashed` sets hold any int64 (hashes), numbered here among the pile's."""

    def __init__(self, sets: list[np.ndarray], prior: int, hashed: bool = False) -> None:
        n = len(sets)
        ends = np.cumsum([0, *map(len, sets)])
        terms = np.concatenate(sets) if n else np.zeros(0, dtype=np.int64)
        if hashed:  # numbered in their order, so that each set's stay sorted
            terms = np.unique(terms, return_inverse=True)[1].ravel()
        width = int(terms.max()) + 1 if len(terms) else 0
        # the rows are built as they are held (no sorting of the pile): a region costs its
        # terms once, not a sort of them at each consolidation
        self.present = sparse.csr_matrix(
            (np.ones(len(terms), dtype=np.float32), terms, ends), shape=(n, width)
        )
        df = np.bincount(terms, minlength=width)
        idf = np.log((n + prior) / np.maximum(df, 1)).astype(np.float32)
        self.rarity = sparse.csr_matrix((idf[terms], terms, ends), shape=(n, width))

    def between(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """What sets `left[k]` and `right[k]` share, for each k: only the pairs asked for are
        rated, never all n × n."""
        shared = self.rarity[left].multiply(self.present[right])
        return np.asarray(shared.sum(axis=1), dtype=np.float32).ravel()


def day_gaps(ordinals: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Days between reports `left[k]` and `right[k]` (by their days' ordinals, 0 if undated);
    0 where either is undated (an undated report can be of any day)."""
    a, b = ordinals[left], ordinals[right]
    return np.where((a == 0) | (b == 0), 0, np.abs(a - b))


def day_ordinals(days: list[date | None]) -> np.ndarray:
    """The days as ordinals, 0 for an undated report."""
    return np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)
