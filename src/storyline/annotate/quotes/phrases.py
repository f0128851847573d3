"""Speaker noun phrases: where one ends, whether it can be a speaker, the subject of a clause."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ADVERBIAL,
    AUXILIARIES,
    CLAUSE_OPENERS,
    OTHER_PRONOUNS,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    TRAILING_ADVERBS,
)
from .text import capitalised_runs

# NP boundaries inside an attribution: what follows the speaker's name is an adjunct.
_NP_STOP = re.compile(
    r"(?:,|;|\.(?=\s|$)|\s+(?:in|during|on|at|after|before|when|while|as|to|about|from|answering"
    r"|adding|referring|speaking|commenting|according|for|with|who|which|whose|that|this|in the"
    r"|earlier|later|last|yesterday|today)\b)"
)


def cut_np(rest: str) -> tuple[str, int]:
    """The noun phrase at the start of `rest`, and its length."""
    lead = len(rest) - len(rest.lstrip())
    body = rest[lead:]
    m = _NP_STOP.search(body)
    np = body[: m.start()] if m else body
    np = np.rstrip(" .!?")
    return np, lead


def np_ok(np: str, lowercase: bool = False) -> bool:
    """Whether `np` can be a speaker phrase; `lowercase` admits "opposition councillor X"."""
    words = np.split()
    if not words or len(words) > 12:
        return False
    first = words[0]
    if first.lower() in PERSON_PRONOUNS | OTHER_PRONOUNS:
        return len(words) == 1
    if first.lower() in {"the", "a", "an", "this", "our", "his", "her", "their", "its"}:
        return True
    if lowercase and first.lower() not in PREPOSITIONS | CLAUSE_OPENERS:
        return True
    return first[0].isupper() or first[0].isdigit()


@dataclass(slots=True)
class Candidate:
    """A mention to try on the resolver, taken from a speaker phrase."""

    text: str
    offset: int  # in the speaker phrase
    run: bool = False  # a capitalised run: its suffixes are tried too
    complement: bool = False  # the run follows a preposition: not the phrase's head


def tail_run(text: str, base: int) -> Candidate | None:
    """The capitalised run that ends `text`, if any ("… Dmitry Peskov")."""
    runs = capitalised_runs(text)
    if not runs or runs[-1].possessive or runs[-1].end < len(text.rstrip(" .")):
        return None
    words = text[: runs[-1].start].split()
    if words and words[-1].lower() in {"and", "or", "&"}:
        return None  # "Smith and Jones": two speakers, not the last one
    complement = bool(words) and words[-1].lower() in PREPOSITIONS
    return Candidate(runs[-1].text, base + runs[-1].start, True, complement)


COMMA_SEG = re.compile(r"[^,]+")

_VERBISH = re.compile(r"^(?:[a-z]+ed|has|have|had|was|were|is|are|will|would)$")


def subject_of(pre: str, offset: int) -> tuple[str, int] | None:
    """The subject noun phrase of `pre` (the words before a reporting verb), with its offset.

    Leading adverbials ("Earlier,", "In turn,", "Commenting on …,") are dropped; a conjunction
    starts a new clause ("…, and Halvard said"; "Police closed the road and said"); the phrase
    ends before a relative clause ("Rune Falk, who led the operation,"); trailing adverbs
    ("Lukashenka himself", "Bigan also") are dropped. None when no noun phrase is left.
    """
    segs = [(m.group(), m.start()) for m in COMMA_SEG.finditer(pre) if m.group().strip()]
    for idx in range(len(segs) - 1, 0, -1):
        seg, at = segs[idx]
        m = re.match(r"\s*(?:and|but|while|whereas)\s+(?=\S)", seg)
        if m:
            segs = [(seg[m.end() :], at + m.end())]
            break
    if len(segs) == 1 and re.search(r"\s(?:and|but)$", segs[0][0].rstrip()):
        seg, at = segs[0]
        words = list(re.finditer(r"\S+", seg))
        for k, w in enumerate(words[1:], 1):
            if _VERBISH.match(w.group()):
                segs = [(seg[: words[k - 1].end()], at)]
                break
        else:
            return None
    while segs:
        words = segs[0][0].split()
        low = words[0].lower().strip("\"'")
        if not (low in ADVERBIAL or low[:1].isdigit() or (low.endswith("ing") and len(segs) > 1)):
            break
        if len(segs) > 1:
            segs = segs[1:]
            continue
        # One segment opening with an adverbial and no comma ("Later Peskov said"): only a
        # pronoun or a name at its end can be the subject.
        seg, at = segs[0]
        last = words[-1]
        if last.lower() in PERSON_PRONOUNS | {"they", "we", "i"}:
            return last, offset + at + seg.rfind(last)
        run = tail_run(seg.rstrip(), 0)
        if run is None:
            return None
        return seg[run.offset :].rstrip(), offset + at + run.offset
    if not segs:
        return None
    kept = [segs[0]]
    for seg, at in segs[1:]:
        w = seg.split()
        if w and w[0].lower() in {"who", "which", "whose", "for", "in", "as", "on", "at", "with"}:
            break
        kept.append((seg, at))
    first_seg, first_at = kept[0]
    lead = len(first_seg) - len(first_seg.lstrip())
    np_at = offset + first_at + lead
    np = pre[first_at + lead : kept[-1][1] + len(kept[-1][0])].rstrip()
    words = np.split()
    while words and words[-1].lower() in TRAILING_ADVERBS:
        words.pop()
    if not words:
        return None
    np = np[: np.rfind(words[-1]) + len(words[-1])]
    first_words = first_seg.lower().split()
    if any(w in AUXILIARIES for w in first_words) or len(words) > 30:
        return None
    if any(w.lower() in {"has", "have", "had"} for w in words):  # "talks have ended": a clause
        return None
    if first_words[0] in {"it", "this", "that", "there"} or not np_ok(" ".join(words[:12])):
        return None
    return np, np_at
