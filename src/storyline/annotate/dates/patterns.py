"""Candidate temporal expressions in a text: the regular expressions and the filters beside them.

Every pattern match is a candidate ("September 14", "14.09.2020", "on Monday", "last week", "early
September", "the first half of 2020", "between August 4 and August 9", "in 2019"); where candidates
overlap, the longest wins. Durations ("26 years", "for a month", "a couple of weeks", "the last
week") and ages are not dates, so no pattern takes them; "two weeks ago" is one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


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
class Hit:
    start: int
    end: int
    kind: str
    match: re.Match[str]


def scan(text: str) -> list[Hit]:
    """Every candidate expression; overlaps resolved in favour of the longest."""
    if not _PREFILTER.search(text):
        return []
    hits = [
        (Hit(m.start(), m.end(), kind, m), rank)
        for rank, (kind, pattern) in enumerate(_PATTERNS)
        for m in pattern.finditer(text)
        if _plausible(kind, m, text)
    ]
    # Longest first; of equally long ones, the more specific pattern (listed earlier).
    hits.sort(key=lambda h: (h[0].start - h[0].end, h[1], h[0].start))
    chosen: list[Hit] = []
    for hit, _ in hits:
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    chosen.sort(key=lambda h: h.start)
    return chosen


def _plausible(kind: str, m: re.Match[str], text: str) -> bool:
    """Filters a regular expression cannot say: connectors, counts, named days."""
    g = m.groupdict()
    if kind in ("range", "dayrange", "years"):
        if kind == "years":  # no `conn` group: "2012 and 2013" is caught by the "and" branch
            conn = "and" if " and " in m.group() else "-"
        else:
            conn = (g.get("conn") or "").lower()
        pre = (g.get("pre") or "").lower()
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
