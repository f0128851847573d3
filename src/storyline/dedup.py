"""Which sources are one voice: syndicated copies, light rewrites, and one outlet's reports.

A wire story republished by ten papers is one report, not ten. Two articles are dependent when
their word 5-gram sets overlap heavily (MinHash estimate of Jaccard similarity), or when most
paragraphs of the shorter one reappear nearly unchanged in the other (a copy with an intro or an
ending of its own). Two reports of one outlet are one voice whatever their text.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from .model import Source, count_words

NUM_PERM = 128
SEED = 1
SHINGLE = 5
# Jaccard of word 5-grams above which two whole articles are one text: independent reports of
# one event share names and phrases but rarely a third of their 5-grams.
ARTICLE_JACCARD = 0.5
# A paragraph this close to one of the other article's paragraphs is a copy of it ...
PARAGRAPH_JACCARD = 0.6
# ... and an article with this share of its paragraphs copied depends on the other.
COPIED_SHARE = 0.5
MIN_PARAGRAPH_WORDS = 8

_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Dependence:
    """Why two sources count as one voice."""

    a: str
    b: str
    reason: str  # "same outlet", "copy", "shared paragraphs"
    similarity: float


# MinHash as datasketch 2 computes it (scheme "affine32", seed 1), so the estimates are the ones
# the thresholds were set with; written out because importing datasketch loads its LSH indexes
# and SciPy, about half a second of a cold start.
_U32 = np.uint32


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """One set of hash permutations a*h + b (mod 2^32, `a` odd) shared by every signature."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=_U32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=_U32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer: spreads the input hashes before the affine permutations."""
    h = h ^ (h >> _U32(16))
    h = h * _U32(0x85EBCA6B)
    h = h ^ (h >> _U32(13))
    h = h * _U32(0xC2B2AE35)
    return h ^ (h >> _U32(16))


def _minhash(text: str) -> np.ndarray:
    """The MinHash signature of the text's word 5-grams (all maxima for a text without words)."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))}
    hashes = [
        int.from_bytes(hashlib.sha1(s.encode("utf-8")).digest()[:4], "little")
        for s in shingles
        if s
    ]
    if not hashes:
        return np.full(NUM_PERM, np.iinfo(_U32).max, dtype=_U32)
    a, b = _permutations()
    permuted = _fmix32(np.array(hashes, dtype=_U32)[:, None]) * a + b
    return permuted.min(axis=0)


def _jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """The share of equal signature slots: an estimate of the Jaccard similarity of the sets."""
    return float(np.count_nonzero(first == second)) / NUM_PERM


def dependences(sources: list[Source]) -> list[Dependence]:
    """Every pair of sources that is not independent, with the reason."""
    whole = {s.id: _minhash(s.text) for s in sources}
    paragraphs = {
        s.id: [_minhash(p) for p in s.text.split("\n\n") if count_words(p) >= MIN_PARAGRAPH_WORDS]
        for s in sources
    }
    found = []
    for a, b in combinations(sources, 2):
        if same_outlet(a.article.outlet, b.article.outlet):
            found.append(Dependence(a.id, b.id, "same outlet", 1.0))
            continue
        jaccard = _jaccard(whole[a.id], whole[b.id])
        if jaccard >= ARTICLE_JACCARD:
            found.append(Dependence(a.id, b.id, "copy", jaccard))
            continue
        share = _copied_share(paragraphs[a.id], paragraphs[b.id])
        if share >= COPIED_SHARE:
            found.append(Dependence(a.id, b.id, "shared paragraphs", share))
    return found


def same_outlet(a: str | None, b: str | None) -> bool:
    """Whether two reports are of one outlet, and so one voice whatever their texts."""
    return bool(a and b and a.casefold() == b.casefold())


def _copied_share(first: list[np.ndarray], second: list[np.ndarray]) -> float:
    """Share of the shorter article's paragraphs that the other has nearly unchanged."""
    if not first or not second:
        return 0.0
    shorter, longer = (first, second) if len(first) <= len(second) else (second, first)
    copied = sum(any(_jaccard(p, q) >= PARAGRAPH_JACCARD for q in longer) for p in shorter)
    return copied / len(shorter)


def voices(sources: list[Source]) -> dict[str, str]:
    """Map each source id to its voice: the first source of its group of dependent sources."""
    parent = {s.id: s.id for s in sources}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order = {s.id: n for n, s in enumerate(sources)}
    for dep in dependences(sources):
        ra, rb = root(dep.a), root(dep.b)
        if ra != rb:
            first, second = sorted((ra, rb), key=order.__getitem__)
            parent[second] = first
    return {s.id: root(s.id) for s in sources}
