"""Tense of the clause around an expression: does it speak of the past or of the future?

A day or month without a year, or a bare weekday, is placed before or after the reference date by
the tense it is told in ("was signed on Sept. 14", "will meet on Monday").
"""

from __future__ import annotations

import itertools
import re

_FUTURE = re.compile(
    r"(?i)\b(?:(?:will|would|shall|to)\s+(?:not\s+)?(?:be|have\s+been)\s+[a-z]+ed|"
    r"will|won['’]t|shall|would|going\s+to|is\s+to|are\s+to|to\s+be\s+held|scheduled|"
    r"planned|plans?\s+to|due\s+(?:to\s+(?:be|take|start|open|begin|meet|arrive)|on|in)|"
    r"expected|set\s+to|upcoming|intends?\s+to|next)\b|['’]ll\b"
)
_PAST = re.compile(
    r"(?i)\b(?:was|were|had|did|has\s+been|have\s+been|[a-z]+ed|said|told|met|held|began|begun|"
    r"found|took|went|came|gave|made|saw|spoke|left|shut|ago|last|earlier|yesterday)\b"
)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s|\b(?:who|which|whereas|while|but)\b")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def clause_tense(text: str, start: int, end: int, reach: bool = True) -> str | None:
    """ "future", "past" or None (no cue) for the clause holding text[start:end].

    The cues are a few words ("will", "would", "scheduled", "was", "said", "-ed"); the expression's
    own words do not count. With `reach`, a clause without a cue borrows from the next clause
    ("On Monday, the council will meet"), then the previous one, then the whole sentence.
    """
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_BREAK.search(text, end)
    right = right_match.start() + 1 if right_match else len(text)
    sentence = text[left:right]
    s, e = start - left, end - left
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence)]
    clauses = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
    here = next((i for i, (a, b) in enumerate(clauses) if a <= s < b), 0)

    def tense(i: int) -> str | None:
        a, b = clauses[i]
        if i != here:
            if _FUTURE.search(sentence, a, b):
                return "future"
            return "past" if _PAST.search(sentence, a, b) else None
        # In the expression's own clause the nearest cue wins ("He said on Monday that he will
        # resign on Friday"); the expression's own words are no cue ("last Monday").
        cues = [
            (min(abs(m.end() - s), abs(m.start() - e)), rank, name)
            for rank, (name, cue) in enumerate((("future", _FUTURE), ("past", _PAST)))
            for lo, hi in ((a, s), (e, b))
            for m in cue.finditer(sentence, lo, hi)
        ]
        return min(cues)[2] if cues else None

    for i in (here, here + 1, here - 1) if reach else (here,):
        if 0 <= i < len(clauses) and (found := tense(i)) is not None:
            return found
    if not reach:
        return None
    if _FUTURE.search(sentence) and not _PAST.search(sentence):
        return "future"
    return "past" if _PAST.search(sentence) else None
