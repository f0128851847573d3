"""Each source's reference date, the date its relative and year-less dates are counted from.

A source's reference date is its publication date. Where a source has none, the reference is
inferred from the story. When other reports of the story carry publication dates, the earliest of
them is the reference: reports of one event appear within a day or two of each other, and the
first is closest to the event the undated one tells. Otherwise it is read off the dates the
reports give with a year, plus day-month dates without one placed in the year the story gives; the
date the most sources give wins (ties: one told in the past tense, then the later one).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from ...model import Source
from .arithmetic import closest_year, safe_date
from .patterns import scan
from .resolve import resolve, ymd
from .tense import clause_tense


def parse_iso_date(value: str | None) -> date | None:
    """The date part of an ISO 8601 date or datetime; None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def assign_reference_dates(sources: list[Source]) -> None:
    """Set each source's reference date: its publication date, else one inferred from the story.

    Sources left without a reference (no publication date, and no year anywhere in the story)
    get None: their relative and year-less dates then stay unresolved.
    """
    published_dates = [parse_iso_date(s.article.published) for s in sources]
    known = [d for d in published_dates if d is not None]
    inferred = min(known) if known else infer_story_date(sources)
    for source, published in zip(sources, published_dates, strict=True):
        if published is not None:
            source.reference_date = published.isoformat()
            source.reference_inferred = False
        else:
            source.reference_date = inferred.isoformat() if inferred else None
            source.reference_inferred = inferred is not None


def infer_story_date(sources: list[Source]) -> date | None:
    """The date the story's reports speak from, read off the dates they give.

    Candidates are the publication dates the story has, the full dates its texts give, and
    day-month dates without a year placed in the story's year. The date the most sources give
    wins: the story's event, which its reports are written about and around. Ties go to a date
    told in the past tense rather than only announced ("will meet on September 14"), then to the
    later date.
    """
    full: list[tuple[date, str, bool]] = []  # (date, source, future)
    yearless: list[tuple[int, int, str, bool]] = []  # (month, day, source, future)
    other_years: Counter[int] = Counter()  # "the first half of 2020", "August 2020"
    bare_years: set[int] = set()  # "in 2019", "the 1999 agreement"
    published: list[tuple[date, str]] = []
    for source in sources:
        if (p := parse_iso_date(source.article.published)) is not None:
            published.append((p, source.id))
        text = source.text
        for hit in scan(text):
            g = hit.match.groupdict()
            if hit.kind in ("date", "iso", "numeric"):
                resolved = resolve(hit, None, text)
                future = clause_tense(text, hit.start, hit.end) == "future"
                if resolved is not None:
                    full.append((resolved.first, source.id, future))
                elif hit.kind == "date":
                    _, month, day = ymd(g, "")
                    yearless.append((month, day, source.id, future))
            elif hit.kind in ("range", "dayrange"):
                resolved = resolve(hit, None, text)
                if resolved is not None:
                    other_years[resolved.first.year] += 1
            elif hit.kind == "year":
                if clause_tense(text, hit.start, hit.end) != "future":
                    bare_years.add(int(g["y"]))
            elif g.get("year"):
                other_years[int(g["year"])] += 1

    # The story's year: full dates count double, then other dates with a year ("the first half of
    # 2020"); ties go to the later year. Only without those, the latest year named alone, as a
    # report's history ("opened in 1962") comes before its present.
    anchor: date | None = None
    year: int | None = None
    years = other_years + Counter(
        {y: 2 * n for y, n in Counter(d.year for d, _, _ in full).items()}
    )
    if published:
        anchor = max(p for p, _ in published)
    elif years:
        year = max(years, key=lambda y: (years[y], y))
        anchor = max((d for d, _, _ in full if d.year == year), default=None)
    elif bare_years:
        year = max(bare_years)
    else:
        return None

    candidates: list[tuple[date, str, bool]] = [(p, sid, False) for p, sid in published]
    candidates += full
    for month, day, sid, future in yearless:
        if anchor is not None:
            d = closest_year(month, day, anchor)
        else:
            d = safe_date(year, month, day) if year is not None else None
        if d is not None:
            candidates.append((d, sid, future))
    if not candidates:
        return None
    # Keep to the story's year: a report's history ("the 1999 agreement") is not its date.
    counts = Counter(d.year for d, _, _ in candidates)
    story_year = max(counts, key=lambda y: (counts[y], y))
    candidates = [c for c in candidates if c[0].year == story_year]
    told_by: dict[date, set[str]] = defaultdict(set)
    in_past: set[date] = set()
    for d, sid, future in candidates:
        told_by[d].add(sid)
        if not future:
            in_past.add(d)
    return max(told_by, key=lambda d: (len(told_by[d]), d in in_past, d))
