"""The clauses of a long sentence: where one sentence of a report carries several facts.

"Kicking off in June, the 30-date run will mark the first time the four tour together in 25
years" states two facts that another report states in two sentences. Compared whole, such a
sentence resembles each of those a little; compared by clause, it matches each of them well.
Clauses are cut at punctuation and at the conjunctions that join two statements; a piece too
short to state anything stays with its neighbour.
"""

from __future__ import annotations

import itertools
import re

from ..characters import CLAUSE_DASH

_BOUNDARY = re.compile(
    rf"\s*(?:[,;:]\s+|{CLAUSE_DASH}|\s\(|\)\s*"
    r"|\s(?:but|while|and|after|before|which|who|because|although|though|as)\s)"
)


def clauses(text: str, long_words: int, min_words: int) -> list[str]:
    """The clauses of a sentence of `long_words` words or more, each of `min_words` or more and
    in the sentence's own characters; a shorter sentence, or one that does not divide, is its
    own single clause."""
    if len(text.split()) < long_words:
        return [text]
    cuts = [0, *(m.start() for m in _BOUNDARY.finditer(text) if m.start() > 0), len(text)]
    spans: list[list[int]] = []
    for start, end in itertools.pairwise(cuts):
        if spans and min(_words(text[slice(*spans[-1])]), _words(text[start:end])) < min_words:
            spans[-1][1] = end  # too short to state anything: stays with its neighbour
        else:
            spans.append([start, end])
    if len(spans) > 1 and _words(text[slice(*spans[-1])]) < min_words:
        spans[-2][1] = spans.pop()[1]
    found = [text[a:b].strip(" ,;:()-‒–—―") for a, b in spans]
    return found if len(found) > 1 else [text]


def _words(piece: str) -> int:
    """Words of a piece, not counting the punctuation or conjunction that opens it."""
    return len(_BOUNDARY.sub(" ", f" {piece} ").split())


def long_sentence_clauses(
    texts: list[str], long_words: int, min_words: int
) -> tuple[list[str], list[int]]:
    """The clauses of those of `texts` that divide, with the position of the text of each."""
    found, owner = [], []
    for k, text in enumerate(texts):
        pieces = clauses(text, long_words, min_words)
        if len(pieces) > 1:
            found += pieces
            owner += [k] * len(pieces)
    return found, owner
