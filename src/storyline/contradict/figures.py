"""Figures and dates: two counterpart sentences that give one measure or one event's date, with
values that cannot both be true. A part and the total, two figures of two things, a figure among
several, and rounding are not disagreements."""

from __future__ import annotations

import re
from datetime import date

from ..annotate.quantities import Quantity, find_quantities
from ..conflicts import clashing_figures, dates_clash
from ..model import Contradiction, Sentence
from .sides import contradiction, one_voice_says_both
from .words import content_words

# Words that make a figure a total or a part of one: two such figures measure different things.
_TOTAL = re.compile(
    r"\b(?:total(?:ling|ing)?(?:\s+of)?|in\s+all|altogether|overall|all\s+told|so\s+far|"
    r"to\s+date|cumulative|bringing\s+(?:the\s+)?(?:total|number|count)\s+to)\b\W*$"
    r"|^\W*(?:\w+\s+){0,2}(?:in\s+all|in\s+total|altogether|overall|all\s+told|so\s+far|to\s+date)\b",
    re.I,
)
_PART = re.compile(
    r"\b(?:add(?:s|ed|ing)?|new|more|additional|another|extra|further|joins?|joined)\b"
    r"(?:\s+\w+){0,3}\s*$|^\W*(?:\w+\s+){0,3}(?:more|new|added|additional|were\s+added)\b",
    re.I,
)


def number_disputes(
    pairs: list[tuple[Sentence, Sentence]],
    sentences: list[Sentence],
    same_topic,
    voices: dict[str, str],
) -> list[Contradiction]:
    quantities = {(s.source, s.index): find_quantities(s.text) for s in sentences}
    found = []
    for a, b in pairs:
        qa, qb = quantities[(a.source, a.index)], quantities[(b.source, b.index)]
        for x, y in clashing_figures(qa, qb):
            # One figure of the measure per side: a sentence that lists several gives parts,
            # not a total.
            if _several(x, qa) or _several(y, qb):
                continue
            if _scope(a.text, x) != _scope(b.text, y):
                continue  # "five companies added" and "14 companies in all"
            if x.unit != "count" and not _shared_context(a.text, b.text, x, y):
                continue
            sides = [(_number(x), a), (_number(y), b)]
            # Other reports of the same figure about the same thing join its side.
            for s in sentences:
                if s in (a, b):
                    continue
                for q, anchor in ((x, a), (y, b)):
                    if same_topic(s, anchor) and any(
                        q.comparable(z) and q.agrees_with(z)
                        for z in quantities[(s.source, s.index)]
                    ):
                        sides.append((_number(q), s))
            if one_voice_says_both(sides, voices):
                continue
            found.append(contradiction(_measure(x), "number", sides))
    return found


def _scope(text: str, q: Quantity) -> str | None:
    """Whether a figure counts a part added ("five new firms") or the total ("14 in all")."""
    before, after = text[max(0, q.start - 40) : q.start], text[q.end : q.end + 30]
    if _TOTAL.search(before[-25:]) or _TOTAL.match(after):
        return "total"
    if _PART.search(before) or _PART.match(after):
        return "part"
    return None


def _several(q: Quantity, others: list[Quantity]) -> bool:
    return any(q.comparable(z) and not q.agrees_with(z) for z in others if z is not q)


def _number(q: Quantity) -> str:
    """The figure as the report wrote it: "42 workers", "six weeks", "$ 1 billion"."""
    return f"{q.text} {q.noun}" if q.unit == "count" else q.text


def _measure(q: Quantity) -> str:
    return {"count": q.noun or "count", "%": "share", "days": "duration"}.get(q.unit, "amount")


def _shared_context(a: str, b: str, x: Quantity, y: Quantity) -> bool:
    """Amounts and percentages need the same words around them to be the same measure."""
    near_a = set(content_words(a[max(0, x.start - 40) : x.end + 40]))
    near_b = set(content_words(b[max(0, y.start - 40) : y.end + 40]))
    return len(near_a & near_b) >= 2


def date_disputes(pairs, dates) -> list[Contradiction]:
    found = []
    for a, b in pairs:
        da, db = dates.get((a.source, a.index), []), dates.get((b.source, b.index), [])
        if len(da) != 1 or len(db) != 1:
            continue  # none, or several: which one is the event's is not clear
        (x,), (y,) = da, db
        if not dates_clash(x, y):
            continue
        about = "date of: " + clip(a.text)
        sides = [(_period(x.first, x.last), a), (_period(y.first, y.last), b)]
        found.append(contradiction(about, "date", sides))
    return found


def clip(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _period(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
