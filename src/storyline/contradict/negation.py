"""Negation: a clause of one voice that denies what a clause of another voice states."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Contradiction, Sentence
from ..settings import ContradictionTuning
from .sides import contradiction
from .words import content_words

_NEGATION = re.compile(
    r"\b(no|not|never|none|nothing|neither|nor|without|cannot|unknown|unclear|unlikely|"
    r"impossible|unconfirmed|denied|ruled out|in the negative)\b|n['’]t\b",
    re.I,
)
# Words that are themselves a denial of the shared idea ("the cause is unknown").
_NEGATED_WORDS = {
    "unknown",
    "unclear",
    "unlikely",
    "impossible",
    "unconfirmed",
    "denied",
    "ruled out",
    "in the negative",
}
# Clauses end at a contrast, a semicolon, or a dash that sets off an aside ("no symptoms of
# plague - like fever" denies the symptoms, not the fever).
_CLAUSE_SPLIT = re.compile(
    r",\s(?:however|but|while|although|though|whereas)\b|;\s|\bbut\b|\s[-–—]+\s"
)


def negation_disputes(
    pairs, sentences: list[Sentence], tuning: ContradictionTuning = ContradictionTuning()
) -> list[Contradiction]:
    """A clause that denies what a clause of another voice states. The two must share words
    that are specific to them: the name of what the whole story is about ("MacBook Pro" in a
    review) ties every sentence to every other."""
    clauses = {(s.source, s.index): _clauses(s.text) for s in sentences}
    df = Counter(w for s in sentences for w in set(content_words(s.text)))
    common = {w for w, n in df.items() if n > tuning.common_word_share * len(sentences)}
    found = []
    for a, b in pairs:
        for ca in clauses[(a.source, a.index)]:
            for cb in clauses[(b.source, b.index)]:
                shared = _overlap(ca, cb, tuning.negation_shared)
                if len(shared - common) < tuning.negation_specific:
                    continue
                na, nb = _negated(ca, shared), _negated(cb, shared)
                if na is None or nb is None or na == nb:
                    continue
                sides = [(ca.strip(), a), (cb.strip(), b)]
                # Other reports that state or deny the same thing join the matching side.
                for s in sentences:
                    for c in clauses[(s.source, s.index)] if s not in (a, b) else []:
                        for words, negated in ((ca, na), (cb, nb)):
                            joint = _overlap(c, words, tuning.negation_shared)
                            if joint and _negated(c, joint) == negated:
                                sides.append((words.strip(), s))
                                break
                about = " ".join(w for w in dict.fromkeys(content_words(ca)) if w in shared)[:60]
                found.append(contradiction(about, "negation", sides))
    return found


def _overlap(a: str, b: str, least: int) -> set[str]:
    """Content words two clauses share, if they share at least `least` and half of the
    shorter: two words ("press", "talks") are too few to make two clauses one statement."""
    wa, wb = set(content_words(a)), set(content_words(b))
    shared = wa & wb
    enough = len(shared) >= least and len(shared) >= 0.5 * min(len(wa), len(wb))
    return shared if enough else set()


def _negated(clause: str, shared: set[str]) -> bool | None:
    """True if the clause denies something the other clause also names, False if it denies
    nothing, None if it denies something else (its polarity then says nothing about the pair)."""
    cues = list(_NEGATION.finditer(clause))
    if not cues:
        return False
    for cue in cues:
        scope = content_words(clause[cue.end() : cue.end() + 40])[:3]
        if cue.group().lower() in _NEGATED_WORDS or set(scope) & shared:
            return True
    return None


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE_SPLIT.split(text) if c and len(content_words(c)) >= 2]
