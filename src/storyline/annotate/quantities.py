"""Amounts, percentages and counts in a sentence, with their unit and scale.

"$1 billion" and "1 bln dollars" are the same amount; "21%" and "a fifth" are close; "42 workers"
and "about 60 workers" are not. Years, dates and times are not quantities.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "trn": 1e12,
    "tn": 1e12,
}
_CURRENCY_WORD = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "ruble": "RUB",
    "rubles": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
    "yen": "JPY",
    "yuan": "CNY",
    "francs": "CHF",
    "kroner": "NOK",
    "kronor": "SEK",
    "crowns": "CZK",
}
# Durations compare in days: "six weeks" and "a month and a half" are close, "four months" not.
_DAYS = {
    "day": 1,
    "days": 1,
    "week": 7,
    "weeks": 7,
    "month": 30,
    "months": 30,
    "year": 365,
    "years": 365,
}
_CURRENCY_SIGN = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "¥": "JPY"}
WORD_NUMBERS = {
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
}
_FRACTIONS = {
    "half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "a tenth": 10.0,
    "one tenth": 10.0,
    "two thirds": 200 / 3,
    "three quarters": 75.0,
}
_APPROX = re.compile(
    r"\b(about|around|some|nearly|almost|roughly|approximately|over|more than|less than|"
    r"fewer than|at least|at most|up to|upwards of|close to|estimated)\s*$",
    re.I,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_NUMBER = re.compile(
    r"(?P<sign>[$€£₽¥])?\s?(?P<num>\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|bln|bn|trn|tn|mn|k|m|b)\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per cent\b))?",
    re.I,
)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, the longest first, grouped by first letter:
    "s(?:eventeen|even)|t(?:wo|en)". The regex tries each group only where its letter is, not
    every word at every word start, and matches just as the flat alternation does (no
    character matches two of the first letters, even ignoring case), in about half the time."""
    longest_first = sorted(words, key=len, reverse=True)
    firsts = dict.fromkeys(w[0] for w in longest_first)
    return "|".join(
        f"{first}(?:{'|'.join(w[1:] for w in longest_first if w[0] == first)})" for first in firsts
    )


_WORDED = re.compile(
    r"\b(?P<word>" + _alternation(WORD_NUMBERS) + r")"
    r"(?:[ -](?P<unit_word>one|two|three|four|five|six|seven|eight|nine))?"
    r"(?:\s(?P<scale>thousand|million|billion))?\b",
    re.I,
)
_FRACTION = re.compile(r"\b(?P<frac>" + _alternation(_FRACTIONS) + r")\b(?! an? )", re.I)
_NOUN_AFTER = re.compile(r"^[ -]*([a-z]+)", re.I)
_DATE_CONTEXT = re.compile(rf"\b({_MONTHS})\.?\s*$|^\s*({_MONTHS})\b", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str  # "USD", "%", … or "count"
    noun: str | None  # what is counted ("workers"), for counts
    approximate: bool
    start: int
    end: int
    text: str

    def agrees_with(self, other: Quantity) -> bool:
        """Same amount within rounding: 5% apart, or 10% when either side is approximate.

        Percentages also agree within 2 points ("21%" and "a fifth").
        """
        if self.value == other.value:
            return True
        tolerance = 0.10 if (self.approximate or other.approximate) else 0.05
        if self.unit == "%" and abs(self.value - other.value) <= 2:
            return True
        larger = max(abs(self.value), abs(other.value))
        return abs(self.value - other.value) <= tolerance * larger

    @property
    def measure(self) -> tuple[str, ...] | None:
        """What the figure measures: its unit, and for a count the thing counted. Figures of
        one measure are comparable; a count of nothing named measures nothing."""
        if self.unit == "count":
            return None if self.noun is None else ("count", _singular(self.noun))
        return (self.unit,)

    def comparable(self, other: Quantity) -> bool:
        """Whether the two measure the same kind of thing: unit, and for counts the noun."""
        return self.measure is not None and self.measure == other.measure


def find_quantities(text: str) -> list[Quantity]:
    """Quantities in `text`, leaving out years, days of dates, clock times and ordinals."""
    return list(_quantities(text))


# A brief asks for a sentence's quantities in several steps (claims, contradictions, the
# summary's terms): they are found once per text.
@functools.lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _NUMBER.finditer(text):
        num = m.group("num").replace(",", "").replace(" ", "")
        value = float(num)
        before, after = text[: m.start()], text[m.end() :]
        if _is_date_or_time(value, num, before, after, m):
            continue
        unit, noun = _unit(m.group("sign"), m.group("pct"), after)
        scale = m.group("scale")
        if (
            scale
            and (scale.lower() in {"m", "b", "k"})
            and not (m.group("sign") or unit != "count")
        ):
            scale = None  # "5 m" is five metres, not five million
        value *= _SCALE.get((scale or "").lower(), 1.0)
        start = m.start() if m.group("sign") else m.start("num")
        found.append(_make(value, unit, noun, before, start, m.end(), text))
        taken.append((start, m.end()))
    for m in _WORDED.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = float(WORD_NUMBERS[m.group("word").lower()])
        if m.group("unit_word"):
            value += WORD_NUMBERS[m.group("unit_word").lower()]
        value *= _SCALE.get((m.group("scale") or "").lower(), 1.0)
        after = text[m.end() :]
        unit, noun = _unit(None, None, after)
        if unit == "count" and (noun is None or noun == "of"):
            continue  # "one of the", "two" alone: not a measured amount
        found.append(_make(value, unit, noun, text[: m.start()], m.start(), m.end(), text))
    for m in _FRACTION.finditer(text):
        found.append(
            _make(
                _FRACTIONS[m.group("frac").lower()],
                "%",
                None,
                text[: m.start()],
                m.start(),
                m.end(),
                text,
                approximate=True,
            )
        )
    return tuple(sorted(found, key=lambda q: q.start))


def _make(
    value: float,
    unit: str,
    noun: str | None,
    before: str,
    start: int,
    end: int,
    text: str,
    approximate: bool = False,
) -> Quantity:
    approx = approximate or bool(_APPROX.search(before[-20:]))
    if unit == "count" and noun in _DAYS:
        value, unit, noun = value * _DAYS[noun], "days", None
        end += _NOUN_AFTER.match(text[end:]).end()  # the text names its unit: "six weeks"
    return Quantity(value, unit, noun, approx, start, end, text[start:end])


def _unit(sign: str | None, pct: str | None, after: str) -> tuple[str, str | None]:
    if pct:
        return "%", None
    if sign:
        return _CURRENCY_SIGN[sign], None
    m = _NOUN_AFTER.match(after)
    if not m:
        return "count", None
    words = after.split()
    for word in words[:2]:
        currency = _CURRENCY_WORD.get(word.lower().strip(".,;:"))
        if currency:
            return currency, None
    noun = m.group(1).lower()
    if noun in {"of", "and", "or", "to", "in", "on", "at", "the", "a", "percent"}:
        return "count", None
    return "count", noun


def _is_date_or_time(value: float, num: str, before: str, after: str, m: re.Match) -> bool:
    if m.group("sign") or m.group("pct") or m.group("scale"):
        return False
    if _DATE_CONTEXT.search(before[-12:]) or _DATE_CONTEXT.search(after[:12]):
        return True  # "September 14", "14 September"
    if "." not in num and 1800 <= value <= 2100:
        return True  # a year
    if re.match(r"^\s*(a\.m\.|p\.m\.|am\b|pm\b|o'clock|:\d)", after, re.I):
        return True
    return bool(re.match(r"^(st|nd|rd|th)\b", after))


def _singular(noun: str) -> str:
    noun = noun.lower()
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun
