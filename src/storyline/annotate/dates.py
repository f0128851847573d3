"""Temporal expressions in sentences → dates and date ranges; each source's reference date.

Rule-based and exact: a handful of regular expressions find the candidates ("September 14",
"14.09.2020", "on Monday", "last week", "early September", "the first half of 2020", "between
August 4 and August 9", "in 2019") and plain date arithmetic resolves them against the source's
reference date. No model and no dateparser call is needed, so a story's few hundred sentences take
milliseconds.

Resolution rules:

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
* Durations ("26 years", "for a month", "a couple of weeks", "the last week") and ages are not
  dates; "two weeks ago" is.
* Numeric dates: "14.09.2020" is day-month-year, "2020-09-14" is ISO, "9/14/2020" is
  month/day/year unless the first number cannot be a month.

A source's reference date is its publication date. Where a source has none, the reference is
inferred from the story: the dates its reports give with a year, plus day-month dates without one
placed in the year the story gives; the date the most sources give wins (ties: one told in the past
tense, then the later one).
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Sentence, Source

GRANULARITIES = ("day", "week", "month", "period", "year")


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


# --------------------------------------------------------------------------------------------
# Vocabulary


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


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
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
}
# Words after a four-digit number that make it a count, not a year: "2000 people".
_UNITS = _wordset(
    """people persons vehicles cars buses troops soldiers officers police votes voters km
    kilometres kilometers metres meters miles euros dollars usd eur rubles roubles pounds tonnes
    tons barrels times years months weeks days hours minutes seconds units jobs homes houses
    pupils students staff workers employees residents cases deaths words pages feet ft kg mw mph
    signatures protesters demonstrators participants copies members visitors passengers
    calories beds seats flights trains sq square"""
)
# Words before a weekday that make it a name, not a date: "Black Friday".
_WEEKDAY_NAMES = _wordset(
    "black cyber good ash easter holy super bloody maundy shrove palm blue giving boxing"
)

_MON_FULL = "|".join(calendar.month_name[1:])
_MON = rf"(?:{_MON_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
_MON_NAME = rf"(?:{_MON_FULL})(?![a-z])"
_WD = "|".join(calendar.day_name)
_WD_PREFIX = rf"(?:(?:{_WD})|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?),?\s+"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.:,]\d)"
_YEAR = r"(?:1\d|20|21)\d\d(?!\d)"
_BARE_YEAR = r"(?:1[89]|20)\d\d"


def _date(s: str) -> str:
    """A day of a month, with or without a year and a weekday; group names end in `s`."""
    mdy = rf"(?:{_WD_PREFIX})?(?P<m1{s}>{_MON})\s+(?P<d1{s}>{_DAY})(?:,?\s+(?P<y1{s}>{_YEAR}))?"
    dmy = (
        rf"(?:{_WD_PREFIX})?(?:the\s+)?(?P<d2{s}>{_DAY})\s+(?:of\s+)?(?P<m2{s}>{_MON})"
        rf"(?:,?\s+(?P<y2{s}>{_YEAR}))?"
    )
    return rf"(?:{mdy}|{dmy})"


_CONNECT = r"(?P<conn>and|to|until|till|through|[-–—])"
_PARTS = (
    r"(?P<part>\b(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|first\s+half|"
    r"second\s+half|latter\s+half|first\s+days|last\s+days|first\s+week|second\s+week|"
    r"third\s+week|last\s+week|first\s+quarter|second\s+quarter|third\s+quarter|fourth\s+quarter|"
    r"last\s+quarter)\s+of))"
)

# (kind, pattern); every match is a candidate, the longest non-overlapping ones win.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "range",
        re.compile(rf"(?:(?P<pre>(?i:between|from))\s+)?{_date('a')}\s*{_CONNECT}\s*{_date('b')}"),
    ),
    (
        "dayrange",
        re.compile(
            rf"(?:(?P<pre>(?i:between|from))\s+)?(?P<mon>{_MON})\s+(?P<d1>{_DAY})\s*{_CONNECT}"
            rf"\s*(?P<d2>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?"
        ),
    ),
    (
        "dayrange",
        re.compile(
            rf"(?:(?P<pre>(?i:between|from))\s+)?(?:the\s+)?(?P<d1>{_DAY})\s*{_CONNECT}\s*"
            rf"(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR}))?"
        ),
    ),
    ("date", re.compile(_date(""))),
    (
        "iso",
        re.compile(
            rf"(?<![\d.\-/])(?P<y>{_YEAR})[-/](?P<m>1[0-2]|0?[1-9])[-/](?P<d>3[01]|[12]\d|0?[1-9])"
            r"(?![\d]|[-/]\d)"
        ),
    ),
    (
        "numeric",
        re.compile(
            rf"(?<![\d.\-/])(?P<a>\d{{1,2}})(?P<sep>[./])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})"
            r"(?![\d]|[./]\d)"
        ),
    ),
    (
        "mpart",
        re.compile(rf"{_PARTS}[\s-]*(?P<mon>{_MON_NAME})(?:,?\s+(?P<year>{_YEAR}))?"),
    ),
    (
        "ypart",
        re.compile(
            rf"{_PARTS}[\s-]*(?:(?P<year>{_YEAR})|(?P<rel>(?i:this|last|next|the))\s+year)(?!\w)"
        ),
    ),
    ("quarter", re.compile(rf"\b(?P<q>[QH][1-4])\s+(?P<year>{_YEAR})")),
    (
        "month",
        re.compile(
            rf"(?:(?P<pre>(?i:in|since|by|until|till|through|throughout|during|from|of|before|"
            rf"after|last|next|this))\s+)?(?P<mon>{_MON_NAME})"
            rf"(?:,?\s+(?P<year>{_YEAR})|(?!\s*\d))"
        ),
    ),
    (
        "decade",
        re.compile(
            r"(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
            r"(?P<dec>(?:1[0-9]|20)\d0)['’]?s(?!\w)"
        ),
    ),
    (
        "years",
        re.compile(
            rf"(?:(?P<pre>(?i:between|from|in))\s+)?(?<![\w,.$€£#/\-])(?P<y1>{_BARE_YEAR})"
            rf"(?:\s*[-–—/]\s*|\s+(?:and|to|until|till|through)\s+)(?P<y2>{_BARE_YEAR}|\d\d)"
            r"(?![\d%]|[.,]\d)"
        ),
    ),
    (
        "year",
        re.compile(
            r"(?:(?P<pre>(?i:in|since|by|until|till|during|from|of|before|after|around))\s+)?"
            rf"(?<![\w,.$€£#/\-])(?P<y>{_BARE_YEAR})(?![\d%]|[.,]\d|\s*[-–/]\s*\d)"
        ),
    ),
    (
        "relday",
        re.compile(
            r"(?i:\b(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|"
            r"tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b)"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"(?:(?P<pre>(?i:on|last|next|this|from|since|until|till|by|before|after|early|late))"
            rf"\s+)?(?P<wd>{_WD})(?![a-z])(?:['’]s)?"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
        ),
    ),
    (
        "relunit",
        re.compile(
            r"(?<![Tt]he\s)\b(?P<w>(?i:earlier\s+this|later\s+this|earlier\s+in\s+the|"
            r"later\s+in\s+the|this|last|next))\s+(?P<u>(?i:week|weekend|month|year))(?!\w)"
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d{1,3}|(?i:a\s+couple\s+of|a|an|one|two|three|four|five|six|seven|eight|"
            r"nine|ten|eleven|twelve))\s+(?P<u>(?i:day|week|month|year))s?\s+(?i:ago)\b"
        ),
    ),
]

# Sentences without any of these cannot hold a date: skip them without running the patterns.
_PREFILTER = re.compile(
    rf"\d|{_MON}|(?i:day|tomorrow|ago|week|month|year|night|morning|afternoon|evening)"
)


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    kind: str
    match: re.Match[str]


def _scan(text: str) -> list[_Hit]:
    """Every candidate expression; overlaps resolved in favour of the longest."""
    if not _PREFILTER.search(text):
        return []
    hits = [
        (_Hit(m.start(), m.end(), kind, m), rank)
        for rank, (kind, pattern) in enumerate(_PATTERNS)
        for m in pattern.finditer(text)
        if _plausible(kind, m, text)
    ]
    # Longest first; of equally long ones, the more specific pattern (listed earlier).
    hits.sort(key=lambda h: (h[0].start - h[0].end, h[1], h[0].start))
    chosen: list[_Hit] = []
    for hit, _ in hits:
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    chosen.sort(key=lambda h: h.start)
    return chosen


def _plausible(kind: str, m: re.Match[str], text: str) -> bool:
    """Filters a regular expression cannot say: connectors, counts, named days."""
    g = m.groupdict()
    if kind in ("range", "dayrange", "years"):
        conn = (g.get("conn") or "").lower()
        pre = (g.get("pre") or "").lower()
        if kind == "years" and not conn:  # "2012 and 2013" is caught by the "and" branch
            conn = "and" if " and " in m.group() else "-"
        if conn == "and" and pre != "between":
            return False
    if kind == "month" and not g.get("year") and not g.get("pre"):
        return False
    if kind in ("year", "years"):
        after = text[m.end() :].lstrip()
        word = re.match(r"[A-Za-z]+", after)
        if word and word.group().lower() in _UNITS:
            return False
        before = text[max(0, m.start() - 2) : m.start()]
        if re.search(r"[$€£#]\s?$", before):
            return False
    if kind == "weekday":
        before = re.search(r"(\w+)\s*$", text[: m.start()])
        if before and before.group(1).lower() in _WEEKDAY_NAMES:
            return False
    if kind == "relday":
        before = re.search(r"(\w+)\s*$", text[: m.start()])
        if before and before.group(1) == "USA":
            return False
    return True


# --------------------------------------------------------------------------------------------
# Tense: does the clause around an expression speak of the future?

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


def _is_future(text: str, start: int, end: int) -> bool:
    return clause_tense(text, start, end) == "future"


# --------------------------------------------------------------------------------------------
# Resolution


@dataclass(slots=True)
class _Resolved:
    first: date
    last: date
    granularity: str
    relative: bool = False
    yearless: bool = False
    start: int | None = None  # narrower span than the match, when a preposition only gated it


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe(year: int, month: int, day: int) -> date | None:
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
    return _nearest([d for y in years if (d := _safe(y, month, day))], reference, tense)


def _closest_month(month: int, reference: date, tense: str | None = None) -> int:
    """The year that puts the month nearest the reference."""
    years = (reference.year - 1, reference.year, reference.year + 1)
    best = _nearest([date(y, month, 15) for y in years], reference, tense)
    return best.year if best else reference.year


def _tense(hit: _Hit, text: str) -> str | None:
    return clause_tense(text, hit.start, hit.end)


def _week(day: date, shift: int = 0) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=shift)
    return monday, monday + timedelta(days=6)


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, _last_day(year, month))


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


def _resolve(hit: _Hit, reference: date | None, text: str) -> _Resolved | None:
    """The dates an expression stands for; None when it cannot be placed without a reference."""
    g = hit.match.groupdict()
    handler = _HANDLERS[hit.kind]
    try:
        return handler(g, hit, reference, text)
    except (ValueError, KeyError, OverflowError):
        return None


def _ymd(g: dict, s: str) -> tuple[int | None, int, int]:
    if g.get(f"m1{s}"):
        return _year(g.get(f"y1{s}")), _month(g[f"m1{s}"]), _day(g[f"d1{s}"])
    return _year(g.get(f"y2{s}")), _month(g[f"m2{s}"]), _day(g[f"d2{s}"])


def _r_date(g, hit, reference, text):
    year, month, day = _ymd(g, "")
    if year is not None:
        d = date(year, month, day)
        return _Resolved(d, d, "day")
    if reference is None:
        return None
    d = closest_year(month, day, reference, _tense(hit, text))
    return _Resolved(d, d, "day", yearless=True) if d else None


def _range(
    first: tuple[int | None, int, int],
    last: tuple[int | None, int, int],
    reference: date | None,
    tense: Callable[[], str | None],
) -> _Resolved | None:
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
    return _Resolved(a, b, "period", yearless=yearless)


def _r_range(g, hit, reference, text):
    return _range(_ymd(g, "a"), _ymd(g, "b"), reference, lambda: _tense(hit, text))


def _r_dayrange(g, hit, reference, text):
    year, month = _year(g.get("year")), _month(g["mon"])
    first, last = (year, month, _day(g["d1"])), (None, month, _day(g["d2"]))
    return _range(first, last, reference, lambda: _tense(hit, text))


def _r_iso(g, hit, reference, text):
    d = date(int(g["y"]), int(g["m"]), int(g["d"]))
    return _Resolved(d, d, "day")


def _r_numeric(g, hit, reference, text):
    a, b, year = int(g["a"]), int(g["b"]), int(g["y"])
    if g["sep"] == "." or a > 12:
        day, month = a, b
    else:  # English slashes: month first, unless that cannot be
        month, day = a, b
    d = date(year, month, day)
    return _Resolved(d, d, "day")


def _r_mpart(g, hit, reference, text):
    month, year = _month(g["mon"]), _year(g.get("year"))
    yearless = year is None
    if year is None:
        if reference is None:
            return None
        year = _closest_month(month, reference, _tense(hit, text))
    lo, hi = _MONTH_PARTS[_part(g["part"])]
    end = _last_day(year, month)
    lo = end + lo + 1 if lo < 0 else lo
    return _Resolved(
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
    return _Resolved(date(year, lo, 1), date(year, hi, _last_day(year, hi)), "period", relative)


def _r_quarter(g, hit, reference, text):
    year = int(g["year"])
    lo, hi = _YEAR_PARTS[g["q"].lower()]
    return _Resolved(date(year, lo, 1), date(year, hi, _last_day(year, hi)), "period")


def _r_month(g, hit, reference, text):
    month, year = _month(g["mon"]), _year(g.get("year"))
    pre = (g.get("pre") or "").lower()
    start = None if pre in ("in", "last", "next", "this") else hit.match.start("mon")
    if year is not None:
        return _Resolved(*_month_range(year, month), "month", start=start)
    if reference is None:
        return None
    if pre == "last":
        year = reference.year if month < reference.month else reference.year - 1
    elif pre == "next":
        year = reference.year if month > reference.month else reference.year + 1
    elif pre == "this":
        year = reference.year
    else:
        year = _closest_month(month, reference, _tense(hit, text))
    relative = pre in ("last", "next", "this")
    return _Resolved(
        *_month_range(year, month), "month", relative, yearless=not relative, start=start
    )


def _r_decade(g, hit, reference, text):
    decade = int(g["dec"])
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((g["part"] or "").lower(), (0, 9))
    return _Resolved(date(decade + lo, 1, 1), date(decade + hi, 12, 31), "year")


def _r_years(g, hit, reference, text):
    y1, raw = int(g["y1"]), g["y2"]
    y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
    if not y1 < y2 <= y1 + 50:
        return None
    start = (
        None if (g.get("pre") or "").lower() in ("in", "between", "from") else hit.match.start("y1")
    )
    return _Resolved(date(y1, 1, 1), date(y2, 12, 31), "year", start=start)


def _r_year(g, hit, reference, text):
    year = int(g["y"])
    start = None if (g.get("pre") or "").lower() == "in" else hit.match.start("y")
    return _Resolved(date(year, 1, 1), date(year, 12, 31), "year", start=start)


_RELDAY = {"day before yesterday": -2, "day after tomorrow": 2, "yesterday": -1, "tomorrow": 1}


def _r_relday(g, hit, reference, text):
    if reference is None:
        return None
    words = re.sub(r"\s+", " ", g["w"].lower()).removeprefix("the ")
    offset = -1 if words == "last night" else _RELDAY.get(words, 0)
    d = reference + timedelta(days=offset)
    return _Resolved(d, d, "day", relative=True)


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
    elif pre != "since" and _is_future(text, hit.start, hit.end):
        d = reference + timedelta(days=ahead)
    else:
        d = reference - timedelta(days=back)
    start = None if pre in ("on", "last", "next", "this") else hit.match.start("wd")
    return _Resolved(d, d, "day", relative=True, start=start)


def _r_relunit(g, hit, reference, text):
    if reference is None:
        return None
    w = re.sub(r"\s+", " ", g["w"].lower())
    unit = g["u"].lower()
    shift = {"last": -1, "next": 1}.get(w, 0)
    if unit in ("week", "weekend"):
        first, last = _week(reference, shift)
        if unit == "weekend":
            first = last - timedelta(days=1)
        granularity = "week"
    elif unit == "month":
        first, last = _month_range(*_add_months(reference, shift))
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
    return _Resolved(first, last, granularity, relative=True)


def _r_ago(g, hit, reference, text):
    if reference is None:
        return None
    raw = re.sub(r"\s+", " ", g["n"].lower())
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = g["u"].lower()
    if unit == "day":
        d = reference - timedelta(days=n)
        return _Resolved(d, d, "day", relative=True)
    if unit == "week":
        return _Resolved(*_week(reference - timedelta(weeks=n)), "week", relative=True)
    if unit == "month":
        return _Resolved(*_month_range(*_add_months(reference, -n)), "month", relative=True)
    year = reference.year - n
    return _Resolved(date(year, 1, 1), date(year, 12, 31), "year", relative=True)


_HANDLERS: dict[str, Callable[..., _Resolved | None]] = {
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


def _mentions(text: str, reference: date | None) -> Iterator[tuple[int, int, _Resolved]]:
    for hit in _scan(text):
        resolved = _resolve(hit, reference, text)
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


# --------------------------------------------------------------------------------------------
# Reference dates


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
    inferred = infer_story_date(sources)
    for source in sources:
        published = parse_iso_date(source.article.published)
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
        text = source.article.text
        for hit in _scan(text):
            g = hit.match.groupdict()
            if hit.kind in ("date", "iso", "numeric"):
                resolved = _resolve(hit, None, text)
                future = _is_future(text, hit.start, hit.end)
                if resolved is not None:
                    full.append((resolved.first, source.id, future))
                elif hit.kind == "date":
                    _, month, day = _ymd(g, "")
                    yearless.append((month, day, source.id, future))
            elif hit.kind in ("range", "dayrange"):
                resolved = _resolve(hit, None, text)
                if resolved is not None:
                    other_years[resolved.first.year] += 1
            elif hit.kind == "year":
                if not _is_future(text, hit.start, hit.end):
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
            d = _safe(year, month, day) if year is not None else None
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
