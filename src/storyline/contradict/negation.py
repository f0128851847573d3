"""Negation: a clause of one voice that denies what a clause of another voice states.

A denial disputes a statement only when both say the same predicate with opposite polarity:
"no chemicals had leaked into the river" against "chemicals leaked into the river". The same
fact told with a negation on one side and an antonym or a halting verb on the other ("no ferry
crossed" and "halting every crossing"; "will not open" and "will stay closed") is a paraphrase,
so the denied words must be the other side's own words, and a polarity-flipping word on one
side only leaves the pair alone: a false contradiction misleads more than a missed one.
"""

from __future__ import annotations

import re
from collections import Counter

from ..characters import CLAUSE_DASH
from ..model import Contradiction, Sentence
from ..settings import ContradictionTuning
from .sides import contradiction
from .words import content_words

# What a negation denies is the word right after it: the predicate of "did not close", the
# thing of "no chemicals reached".
_NEGATION = re.compile(
    r"\b(?:not|never|cannot|no|none|nothing|nobody|neither|nor|without|denied|ruled out|"
    r"in the negative)\b|n['’]t\b",
    re.I,
)
# Adverbs between a negation and what it denies ("has not yet reopened").
_BETWEEN = frozenset(
    "yet ever even still already just immediately currently always necessarily officially "
    "actually really".split()
)
# Words that state an absence or a stop without a negation: "halted", "stay closed", "remain
# shut". A clause with one of them says the negative of its other words in other terms.
_FLIPS = re.compile(
    r"\b(?:halt|stop|suspend|cancel|call(?:s|ed|ing)?\s+off|clos(?:e|ed|es|ing|ure)\b|shut|"
    r"ban(?:s|ned|ning)?\b|block|bar(?:s|red|ring)?\b|prevent|fail|refus|reject|lack|absent|"
    r"zero\b|empty|idle|strand|scrap|abandon|postpon|prohibit|avert|spared|escap|free\s+of)",
    re.I,
)
# Clauses end at a contrast, a semicolon, or a dash that sets off an aside ("no symptoms of
# plague - like fever" denies the symptoms, not the fever).
_CLAUSE_SPLIT = re.compile(
    rf",\s(?:however|but|while|although|though|whereas)\b|;\s|\bbut\b|{CLAUSE_DASH}"
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
                na, nb = _denies(ca, cb, shared, strict=True), _denies(cb, ca, shared, strict=True)
                if na is None or nb is None or na == nb:
                    continue
                sides = [(ca.strip(), a), (cb.strip(), b)]
                # Other reports that state or deny the same thing join the matching side: a
                # denial in other words ("no chemicals reached") denies the same thing.
                for s in sentences:
                    for c in clauses[(s.source, s.index)] if s not in (a, b) else []:
                        for words, negated in ((ca, na), (cb, nb)):
                            joint = _overlap(c, words, tuning.negation_shared)
                            if joint and _denies(c, words, joint, strict=False) == negated:
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


def _denies(clause: str, other: str, shared: set[str], strict: bool) -> bool | None:
    """True if the clause denies what `other` states, False if it denies nothing, None if its
    polarity says nothing about the pair: it denies something else, or one of the two says a
    negative in other terms ("halted", "stay closed").

    The first words a negation denies must include one the two clauses share (the attribution
    "Peskov said" is shared, not denied). Strict, the first denied word is also the other
    clause's own: the predicate after "not", the thing after "no"; a report joining a side
    already found may deny it in other words."""
    if _flips(clause) != _flips(other):
        return None
    cues = list(_NEGATION.finditer(clause))
    if not cues:
        return False
    theirs = {_stem(w) for w in content_words(other)}
    for cue in cues:
        denied = [w for w in content_words(clause[cue.end() : cue.end() + 60]) if w not in _BETWEEN]
        if not set(denied[:3]) & shared:
            continue
        if not strict or _stem(denied[0]) in theirs:
            return True
    return None


def _flips(clause: str) -> set[str]:
    return {_stem(m.group()) for m in _FLIPS.finditer(clause)}


def _stem(word: str) -> str:
    """Inflections of one word meet: "crossed", "crossing", "crosses" -> "cross"."""
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE_SPLIT.split(text) if c and len(content_words(c)) >= 2]
