"""A sentence's temporal expressions as `DateMention`s, resolved against its reference date."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ...model import Sentence, Source
from .patterns import scan
from .reference import parse_iso_date
from .resolve import Resolved, resolve


@dataclass(slots=True)
class DateMention:
    source: str
    sentence: int
    start: int  # character offsets into the article text
    end: int
    text: str
    first: date
    last: date
    granularity: str  # "day", "week", "month", "period" or "year"
    relative: bool  # counted from the reference date: "on Monday", "yesterday", "last week"
    yearless: bool = False  # a day or month without a year, which took the reference's year


def _mentions(text: str, reference: date | None) -> Iterator[tuple[int, int, Resolved]]:
    for hit in scan(text):
        resolved = resolve(hit, reference, text)
        if resolved is not None:
            start = hit.start if resolved.start is None else resolved.start
            yield start, hit.end, resolved


def find_dates(sentence: Sentence, reference: date | None) -> list[DateMention]:
    """The temporal expressions of a sentence, resolved against its source's reference date.

    Expressions that need a reference (relative ones, dates without a year) are left out when
    `reference` is None. Offsets are into the article text, like the sentence's own.
    """
    text = sentence.text
    return [
        DateMention(
            source=sentence.source,
            sentence=sentence.index,
            start=sentence.start + start,
            end=sentence.start + end,
            text=text[start:end],
            first=r.first,
            last=r.last,
            granularity=r.granularity,
            relative=r.relative,
            yearless=r.yearless,
        )
        for start, end, r in _mentions(text, reference)
    ]


def sentence_dates(sources: list[Source]) -> dict[tuple[str, int], list[DateMention]]:
    """Every sentence's dates, counted from its source's reference date, by (source id,
    sentence index): found once for all the stages that compare or order them."""
    out = {}
    for source in sources:
        reference = parse_iso_date(source.reference_date)
        for sentence in source.sentences:
            out[(source.id, sentence.index)] = find_dates(sentence, reference)
    return out
