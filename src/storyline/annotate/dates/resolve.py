"""A candidate expression → the calendar range it stands for, placed by the reference date.

Plain date arithmetic, by these rules:

* A date without a year takes the year that puts it closest to the reference date; but one told in
  the past tense is not put more than 60 days after the reference (it takes the year before), nor
  one told in the future tense more than 60 days before it.
* "on Monday" is the latest Monday on or before the reference when the clause speaks of the past,
  the first one on or after it when the clause speaks of the future ("will take place on Monday");
  "last Monday" / "next Monday" are strictly before / after.
* Weeks run Monday to Sunday: "last week" is the whole previous week.
* Parts of a month: early / beginning / start = days 1-10, mid / middle = 11-20, late / end = 21 to
  the month's last day; first half = 1-15, second half = 16 to the end. Parts of a year: first
  half = Jan-Jun, second half = Jul-Dec, quarters, early = Jan-Apr, mid = May-Aug, late / end =
  Sep-Dec.
* Numeric dates: "14.09.2020" is day-month-year, "2020-09-14" is ISO, "9/14/2020" is
  month/day/year unless the first number cannot be a month.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ..quantities import WORD_NUMBERS
from .arithmetic import (
    add_months,
    closest_month,
    closest_year,
    last_day,
    month_range,
    safe_date,
    week,
)
from .patterns import Hit
from .tense import clause_tense


@dataclass(slots=True)
class Resolved:
    first: date
    last: date
    granularity: str
    relative: bool = False
    yearless: bool = False
    start: int | None = None  # narrower span than the match, when a preposition only gated it


_MONTHS = {
    name.lower(): number
    for number, name in enumerate(calendar.month_name)
    if name  # calendar.month_name[0] is ""
}
_MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}  # Monday = 0
# A present tense right before a weekday schedules it: "launch day is Tuesday", "opens Friday".
_PRESENT_BEFORE = re.compile(
    r"\b(?:is|are|launch(?:es)?|opens?|begins?|starts?|arrives?|kicks?\s+off|goes\s+on\s+sale|"
    r"takes?\s+place)\s+(?:on\s+)?$",
    re.I,
)
_WEEKDAY_NAMED = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b,?\s*(?=\w+\.?\s*\d|\d)", re.I)
# Number words a relative date counts in ("two weeks ago", "a couple of days later").
_NUMBERS = {**WORD_NUMBERS, "a": 1, "an": 1, "a couple of": 2}


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _year(text: str | None) -> int | None:
    return int(text) if text else None


_MONTH_PARTS = {
    "early": (1, 10),
    "beginning": (1, 10),
    "start": (1, 10),
    "first days": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
    "last days": (21, 31),
    "first half": (1, 15),
    "second half": (16, 31),
    "latter half": (16, 31),
    "first week": (1, 7),
    "second week": (8, 14),
    "third week": (15, 21),
    "last week": (-7, 31),
}
_YEAR_PARTS = {  # (first month, last month)
    "early": (1, 4),
    "beginning": (1, 3),
    "start": (1, 3),
    "mid": (5, 8),
    "middle": (5, 8),
    "late": (9, 12),
    "end": (10, 12),
    "first half": (1, 6),
    "second half": (7, 12),
    "latter half": (7, 12),
    "first quarter": (1, 3),
    "second quarter": (4, 6),
    "third quarter": (7, 9),
    "fourth quarter": (10, 12),
    "last quarter": (10, 12),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
    "h1": (1, 6),
    "h2": (7, 12),
}


def _part(text: str) -> str:
    words = re.sub(r"\s+", " ", text.lower()).removeprefix("the ").removesuffix(" of")
    return words.strip()


def _tense(hit: Hit, text: str) -> str | None:
    return clause_tense(text, hit.start, hit.end)


def resolve(hit: Hit, reference: date | None, text: str) -> Resolved | None:
    """The dates an expression stands for; None when it cannot be placed without a reference."""
    g = hit.match.groupdict()
    handler = _HANDLERS[hit.kind]
    try:
        return handler(g, hit, reference, text)
    except (ValueError, KeyError, OverflowError):
        return None


def ymd(g: dict, s: str) -> tuple[int | None, int, int]:
    if g.get(f"m1{s}"):
        return _year(g.get(f"y1{s}")), _month(g[f"m1{s}"]), _day(g[f"d1{s}"])
    return _year(g.get(f"y2{s}")), _month(g[f"m2{s}"]), _day(g[f"d2{s}"])


def _r_date(g, hit, reference, text):
    year, month, day = ymd(g, "")
    if year is not None:
        d = date(year, month, day)
        return Resolved(d, d, "day")
    if reference is None:
        return None
    d = closest_year(month, day, reference, _tense(hit, text))
    named = _WEEKDAY_NAMED.search(text[max(0, hit.start - 12) : hit.end])
    weekday = _WEEKDAYS[named.group(1).lower()] if named else None
    if d and weekday is not None and d.weekday() != weekday:
        # "Saturday, May 18": of the years around the reference, the one where it is a Saturday.
        years = (reference.year - 1, reference.year, reference.year + 1)
        fits = [c for y in years if (c := safe_date(y, month, day)) and c.weekday() == weekday]
        d = min(fits, key=lambda c: abs((c - reference).days)) if fits else d
    return Resolved(d, d, "day", yearless=True) if d else None


def _range(
    first: tuple[int | None, int, int],
    last: tuple[int | None, int, int],
    reference: date | None,
    tense: Callable[[], str | None],
) -> Resolved | None:
    (y1, m1, d1), (y2, m2, d2) = first, last
    yearless = y1 is None and y2 is None
    if y2 is None and y1 is not None:
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    if y1 is None and y2 is not None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    if y1 is None:
        if reference is None:
            return None
        a = closest_year(m1, d1, reference, tense())
        if a is None:
            return None
        y1 = a.year
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    a, b = date(y1, m1, d1), date(y2, m2, d2)  # type: ignore[arg-type]
    if b <= a or (b - a).days > 366:
        return None
    return Resolved(a, b, "period", yearless=yearless)


def _r_range(g, hit, reference, text):
    return _range(ymd(g, "a"), ymd(g, "b"), reference, lambda: _tense(hit, text))


def _r_dayrange(g, hit, reference, text):
    year, month = _year(g.get("year")), _month(g["mon"])
    first, last = (year, month, _day(g["d1"])), (None, month, _day(g["d2"]))
    return _range(first, last, reference, lambda: _tense(hit, text))


def _r_iso(g, hit, reference, text):
    d = date(int(g["y"]), int(g["m"]), int(g["d"]))
    return Resolved(d, d, "day")


def _r_numeric(g, hit, reference, text):
    a, b, year = int(g["a"]), int(g["b"]), int(g["y"])
    if g["sep"] == "." or a > 12:
        day, month = a, b
    else:  # English slashes: month first, unless that cannot be
        month, day = a, b
    d = date(year, month, day)
    return Resolved(d, d, "day")


def _r_mpart(g, hit, reference, text):
    month, year = _month(g["mon"]), _year(g.get("year"))
    yearless = year is None
    if year is None:
        if reference is None:
            return None
        year = closest_month(month, reference, _tense(hit, text))
    lo, hi = _MONTH_PARTS[_part(g["part"])]
    end = last_day(year, month)
    lo = end + lo + 1 if lo < 0 else lo
    return Resolved(
        date(year, month, lo), date(year, month, min(hi, end)), "period", False, yearless
    )


def _r_ypart(g, hit, reference, text):
    relative = False
    if g.get("year"):
        year = int(g["year"])
    else:
        if reference is None:
            return None
        relative = True
        year = reference.year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
    lo, hi = _YEAR_PARTS[_part(g["part"])]
    return Resolved(date(year, lo, 1), date(year, hi, last_day(year, hi)), "period", relative)


def _r_quarter(g, hit, reference, text):
    year = int(g["year"])
    lo, hi = _YEAR_PARTS[g["q"].lower()]
    return Resolved(date(year, lo, 1), date(year, hi, last_day(year, hi)), "period")


def _r_month(g, hit, reference, text):
    month, year = _month(g["mon"]), _year(g.get("year"))
    pre = (g.get("pre") or "").lower()
    start = None if pre in ("in", "last", "next", "this") else hit.match.start("mon")
    if year is not None:
        return Resolved(*month_range(year, month), "month", start=start)
    if reference is None:
        return None
    if pre == "last":
        year = reference.year if month < reference.month else reference.year - 1
    elif pre == "next":
        year = reference.year if month > reference.month else reference.year + 1
    elif pre == "this":
        year = reference.year
    else:
        year = closest_month(month, reference, _tense(hit, text))
    relative = pre in ("last", "next", "this")
    return Resolved(
        *month_range(year, month), "month", relative, yearless=not relative, start=start
    )


def _r_decade(g, hit, reference, text):
    decade = int(g["dec"])
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((g["part"] or "").lower(), (0, 9))
    return Resolved(date(decade + lo, 1, 1), date(decade + hi, 12, 31), "year")


def _r_years(g, hit, reference, text):
    y1, raw = int(g["y1"]), g["y2"]
    y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
    if not y1 < y2 <= y1 + 50:
        return None
    start = (
        None if (g.get("pre") or "").lower() in ("in", "between", "from") else hit.match.start("y1")
    )
    return Resolved(date(y1, 1, 1), date(y2, 12, 31), "year", start=start)


def _r_year(g, hit, reference, text):
    year = int(g["y"])
    start = None if (g.get("pre") or "").lower() == "in" else hit.match.start("y")
    return Resolved(date(year, 1, 1), date(year, 12, 31), "year", start=start)


_RELDAY = {
    "day before yesterday": -2,
    "day after tomorrow": 2,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
}


def _r_relday(g, hit, reference, text):
    if reference is None:
        return None
    words = re.sub(r"\s+", " ", g["w"].lower()).removeprefix("the ")
    d = reference + timedelta(days=_RELDAY.get(words, 0))
    return Resolved(d, d, "day", relative=True)


def _r_weekday(g, hit, reference, text):
    if reference is None:
        return None
    target = _WEEKDAYS[g["wd"].lower()]
    pre = (g.get("pre") or "").lower()
    back = (reference.weekday() - target) % 7  # days back to the latest such day, 0 = reference
    ahead = (target - reference.weekday()) % 7
    if pre == "last":
        d = reference - timedelta(days=back or 7)
    elif pre == "next":
        d = reference + timedelta(days=ahead or 7)
    elif pre != "since" and (
        (tense := _tense(hit, text)) == "future"
        or (tense is None and _PRESENT_BEFORE.search(text[max(0, hit.start - 30) : hit.start]))
    ):
        # "will meet on Monday", and a present that schedules: "launch day is Tuesday".
        d = reference + timedelta(days=ahead)
    else:
        d = reference - timedelta(days=back)
    start = None if pre in ("on", "last", "next", "this") else hit.match.start("wd")
    return Resolved(d, d, "day", relative=True, start=start)


def _r_relunit(g, hit, reference, text):
    if reference is None:
        return None
    w = re.sub(r"\s+", " ", g["w"].lower())
    unit = g["u"].lower()
    shift = {"last": -1, "next": 1}.get(w, 0)
    if unit in ("week", "weekend"):
        first, last = week(reference, shift)
        if unit == "weekend":
            first = last - timedelta(days=1)
        granularity = "week"
    elif unit == "month":
        first, last = month_range(*add_months(reference, shift))
        granularity = "month"
    else:
        first, last = date(reference.year + shift, 1, 1), date(reference.year + shift, 12, 31)
        granularity = "year"
    if w.startswith("earlier"):
        last = max(first, reference - timedelta(days=1))
        granularity = "period"
    elif w.startswith("later"):
        first = min(last, reference + timedelta(days=1))
        granularity = "period"
    return Resolved(first, last, granularity, relative=True)


def _r_ago(g, hit, reference, text):
    if reference is None:
        return None
    raw = re.sub(r"\s+", " ", g["n"].lower())
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = g["u"].lower()
    if unit == "day":
        d = reference - timedelta(days=n)
        return Resolved(d, d, "day", relative=True)
    if unit == "week":
        return Resolved(*week(reference - timedelta(weeks=n)), "week", relative=True)
    if unit == "month":
        return Resolved(*month_range(*add_months(reference, -n)), "month", relative=True)
    year = reference.year - n
    return Resolved(date(year, 1, 1), date(year, 12, 31), "year", relative=True)


_HANDLERS: dict[str, Callable[..., Resolved | None]] = {
    "range": _r_range,
    "dayrange": _r_dayrange,
    "date": _r_date,
    "iso": _r_iso,
    "numeric": _r_numeric,
    "mpart": _r_mpart,
    "ypart": _r_ypart,
    "quarter": _r_quarter,
    "month": _r_month,
    "decade": _r_decade,
    "years": _r_years,
    "year": _r_year,
    "relday": _r_relday,
    "weekday": _r_weekday,
    "relunit": _r_relunit,
    "ago": _r_ago,
}
