"""Calendar arithmetic: the year for a day or month given without one, weeks, month ranges."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A date without a year told in the past tense is not put more than this far after the reference
# (nor one told in the future tense this far before it), however near that puts it.
TENSE_SLACK = timedelta(days=60)


def _nearest(options: list[date], reference: date, tense: str | None) -> date | None:
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - reference).days))
    if tense == "past" and best > reference + TENSE_SLACK:
        best = max((d for d in options if d <= reference), default=best)
    elif tense == "future" and best < reference - TENSE_SLACK:
        best = min((d for d in options if d >= reference), default=best)
    return best


def closest_year(month: int, day: int, reference: date, tense: str | None = None) -> date | None:
    """The date of that day and month nearest the reference (the year before, of, or after).

    With `tense` "past" ("was signed on Sept. 14"), a date well after the reference gives way to
    the one before it; with "future", a date well before gives way to the one after.
    """
    years = (reference.year - 1, reference.year, reference.year + 1)
    return _nearest([d for y in years if (d := safe_date(y, month, day))], reference, tense)


def closest_month(month: int, reference: date, tense: str | None = None) -> int:
    """The year that puts the month nearest the reference."""
    years = (reference.year - 1, reference.year, reference.year + 1)
    best = _nearest([date(y, month, 15) for y in years], reference, tense)
    return best.year if best else reference.year


def week(day: date, shift: int = 0) -> tuple[date, date]:
    """Monday and Sunday of the week holding `day`, `shift` weeks on."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=shift)
    return monday, monday + timedelta(days=6)


def add_months(day: date, months: int) -> tuple[int, int]:
    """(year, month) of the month `months` after the one holding `day`."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, last_day(year, month))
