"""The words that carry a sentence's content, and how much two sentences share of them.

Outlets state one fact in other words, but they keep its anchors: names, numbers, the rare
content words of the event. Weighted by how rare each is among the story's own sentences (a
word every report uses says little about which fact a sentence states), their overlap ranks
same-fact pairs of real reports better than sentence embeddings alone (see
../shared/benchmarks/stories/README.md).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

import numpy as np

from ..characters import fold_marks
from .quantities import find_quantities

# A word ends in a letter or digit: "'Feather Duvet Lung'" gives "lung", not "lung'".
_WORD = re.compile(r"[^\W\d_](?:[\w'-]*\w)?|\d+")
_STOPWORD_LIST = """
    a about above according after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each earlier
    few for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just later me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up
    very us was we were what when where which while who whom why will with would you your yours
    said says say told tells reported reports added noted stated according today tonight
    yesterday tomorrow morning afternoon evening night week weekend month year monday tuesday
    wednesday thursday friday saturday sunday
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())
# Word forms meet at this many letters: "closed"/"close", "Lukashenko"/"Lukashenka".
STEM_LETTERS = 5


def content_words(text: str, skip: list[tuple[int, int]] | None = None) -> frozenset[str]:
    """Lower-cased words that carry content, cut to STEM_LETTERS so that inflections and
    transliterations meet; spans in `skip` (dates, figures) are left out. Apostrophes and
    hyphens are compared folded ("don’t" meets "don't")."""
    # each distinct token once: a text repeats its words
    tokens = {m.group() for m in _tokens(text, skip)}
    stems = {_content_word(token)[:STEM_LETTERS] for token in tokens}
    stems.discard("")
    return frozenset(stems)


def _words(text: str, skip: list[tuple[int, int]] | None) -> Iterator[tuple[str, bool]]:
    """Each content word of `text`, lower-cased in full, and whether it is capitalised past
    the sentence's first word (a name)."""
    for m in _tokens(text, skip):
        if word := _content_word(m.group()):
            yield word, m.start() > 0 and m.group()[0].isupper()


def _tokens(text: str, skip: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    """The word matches of `text` (marks folded) that start outside the spans in `skip`."""
    matches = _WORD.finditer(fold_marks(text))
    if not skip:
        return matches
    skipped = {k for a, b in skip for k in range(a, b)}
    return (m for m in matches if m.start() not in skipped)


def _content_word(token: str) -> str:
    """The token lower-cased, without a possessive "'s"; "" for a stopword or a lone letter."""
    word = token.lower()
    if word.endswith("'s"):
        word = word[:-2]
    if word in STOPWORDS or (len(word) < 2 and not word.isdigit()):
        return ""
    return word


def fact_terms(text: str) -> frozenset[str]:
    """Content words plus the sentence's figures as values, so that "$129.99" meets "$129" and
    "ten" meets "10" (a figure gives both its whole part and its rounding)."""
    quantities = find_quantities(text)
    figures = set()
    for q in quantities:
        figures |= {f"#{math.floor(q.value):g}", f"#{round(q.value):g}"}
    return content_words(text, [(q.start, q.end) for q in quantities]) | figures


def common_terms(text: str, zipf: float) -> frozenset[str]:
    """The terms of `fact_terms(text)` that only words common in the language give: words of
    English at or above `zipf` on wordfreq's Zipf scale ("years" 6.0, "reason" 5.3; 6 is once
    in a thousand words). Such a word says nothing of which fact a sentence states, however
    few of one story's sentences use it. Names (capitalised past the first word), figures and
    the things a figure counts ("10 minutes") stay anchors; so does a sentence that is not
    English (too few English function words to tell), whose words English cannot rank."""
    if not _is_english(text):
        return frozenset()
    quantities = find_quantities(text)
    words = list(_words(text, [(q.start, q.end) for q in quantities]))
    counted = {q.noun.lower()[:STEM_LETTERS] for q in quantities if q.noun}
    common = {w[:STEM_LETTERS] for w, name in words if not name and _zipf(w) >= zipf}
    # A stem is kept where any word giving it is rare or a name: "publicist" keeps "publi".
    kept = {w[:STEM_LETTERS] for w, name in words if name or _zipf(w) < zipf}
    return frozenset(common - kept - counted)


def rare_words(texts: list[str], zipf: float) -> list[frozenset[str]]:
    """For each text, the terms of its `fact_terms` that only words rare in English give
    (wordfreq Zipf below `zipf`: "sweat" 4.1, "pizza" 4.4): a thing this seldom written
    about names one fact of a story. A term is rare only if every word of the texts that gives
    it is, in its commonest form: "oceans" (3.8) and "ocean-harboring" do not make "ocean"
    (4.7) rare, nor "stressed" (4.2) "stress" (4.7). Names and figures are left out (a name
    may be an entry of a list, a figure counts anything); so are texts that are not English."""
    found: list[list[tuple[str, bool]]] = []
    commonest: dict[str, float] = defaultdict(float)
    for text in texts:
        quantities = find_quantities(text)
        words = list(_words(text, [(q.start, q.end) for q in quantities]))
        found.append(words if _is_english(text) else [])
        for word, _ in words:
            stem = word[:STEM_LETTERS]
            commonest[stem] = max(commonest[stem], _base_zipf(word))
    return [
        frozenset(w[:STEM_LETTERS] for w, name in words if not name)
        & {t for t, z in commonest.items() if z < zipf}
        for words in found
    ]


# Endings of English inflections and what they replace: "stressed" is "stress", "using" "use".
_INFLECTIONS = (("s", ""), ("es", ""), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e"))


def _base_zipf(word: str) -> float:
    """The frequency in English of the commonest form a word may be: the word, and what its
    first part (the one that gives its stem: "ocean" of "ocean-harboring") is without an
    inflection. Strings that are no word score 0, so only real forms count."""
    part = word.split("-")[0]
    forms = {word, part} | {
        part[: -len(end)] + base for end, base in _INFLECTIONS if part.endswith(end)
    }
    return max(_zipf(f) for f in forms if f)


@lru_cache(maxsize=1 << 16)
def _zipf(word: str) -> float:
    """The word's frequency in English, cached: a story looks up the same words many times."""
    from wordfreq import zipf_frequency  # its import and word list cost 0.2 s: load on first use

    return zipf_frequency(word, "en")


def _is_english(text: str) -> bool:
    """Whether at least a fifth of the sentence's words are English function words (an
    English sentence has some in nearly every clause; German, French or Russian text few)."""
    tokens = [m.group().lower() for m in _WORD.finditer(text) if not m.group().isdigit()]
    return bool(tokens) and sum(t in STOPWORDS for t in tokens) >= len(tokens) / 5


def term_overlap(terms: list[frozenset[str]], groups: list[str]) -> np.ndarray:
    """Pairwise overlap of term sets, each term weighted by log(N / df) over the sets: the
    weighted cosine of the sets. Pairs within one group (one source) are left at 0."""
    n = len(terms)
    out = np.zeros((n, n), dtype=np.float32)
    norms = np.zeros(n, dtype=np.float64)
    for posting in _postings(terms).values():
        weight = math.log(n / len(posting)) ** 2
        rows = np.array(posting)
        norms[rows] += weight
        if len(posting) > 1 and weight:
            out[np.ix_(rows, rows)] += weight  # one pass per term, not per pair of sentences
    norms = np.sqrt(norms).astype(np.float32)
    scale = np.outer(norms, norms)
    out = np.divide(out, scale, out=np.zeros_like(out), where=scale > 0)
    return _apart(out, groups)


def shared_anchors(terms: list[frozenset[str]], groups: list[str], most: int) -> np.ndarray:
    """Pairwise count of the terms two sets of different groups share that are anchors: terms
    found in at most `most` of the sets (one fact's figures, names and rare words, not the
    story's topic)."""
    n = len(terms)
    out = np.zeros((n, n), dtype=np.int16)
    for posting in _postings(terms).values():
        if 1 < len(posting) <= most:
            rows = np.array(posting)
            out[np.ix_(rows, rows)] += 1
    return _apart(out, groups)


def _postings(terms: list[frozenset[str]]) -> dict[str, list[int]]:
    """Each term's positions in `terms`, in the order of the terms (sorted within each set: a
    set's order follows the process's hash seed, and sums over the postings must not)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for k, ts in enumerate(terms):
        for t in sorted(ts):
            postings[t].append(k)
    return postings


def _apart(pairwise: np.ndarray, groups: list[str]) -> np.ndarray:
    """`pairwise` with the pairs within one group (one source) set to 0."""
    n = len(groups)
    labels = np.unique(np.array(groups), return_inverse=True)[1] if n else np.zeros(0, int)
    pairwise[labels[:, None] == labels[None, :]] = 0
    return pairwise
