"""Which statements of two reports cannot both be true: figures of one measure that differ
beyond rounding, and dates whose periods do not overlap. Two such sentences are the two sides
of a disagreement, never corroboration (`corroborate`), and where they state one fact, a
contradiction (`contradict`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

import numpy as np

from .annotate.dates import DateMention
from .annotate.quantities import Quantity, find_quantities
from .model import Sentence

# The explicit dates each sentence gives, by (source, index).
SentenceDays = dict[tuple[str, int], list[DateMention]]


def clashing_figures(a: list[Quantity], b: list[Quantity]) -> Iterator[tuple[Quantity, Quantity]]:
    """Figures of one measure in two sentences that cannot both be true: comparable, not equal
    within rounding, and neither sentence also gives a figure that agrees with the other's."""
    for x in a:
        for y in b:
            if not x.comparable(y) or x.agrees_with(y):
                continue
            if any(y.agrees_with(z) for z in a) or any(x.agrees_with(z) for z in b):
                continue
            yield x, y


def figures_conflict(a: list[Quantity], b: list[Quantity]) -> bool:
    return next(clashing_figures(a, b), None) is not None


def dates_clash(a: DateMention, b: DateMention) -> bool:
    """Whether two dates cannot both be the date of one event: their periods do not overlap
    ("early September" and "September 3" do). A date without a year took its year from its
    report's date, so two reports read years apart may put "in December" in two years: such a
    date clashes only on the month and day."""
    if a.yearless or b.yearless:
        shift = a.first.year - b.first.year
        first, last = _add_years(b.first, shift), _add_years(b.last, shift)
        return a.last < first or last < a.first
    return a.last < b.first or b.last < a.first


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def clashing_pairs(sentences: list[Sentence], days: SentenceDays) -> np.ndarray:
    """Pairs of sentences of different sources whose figures or single dates clash. Only
    sentences that give a figure of one measure, or one date each, are compared, so the work
    grows with those pairs, not with every pair of the story."""
    n = len(sentences)
    figures = [find_quantities(s.text) for s in sentences]
    out = np.zeros((n, n), dtype=bool)
    by_measure: dict[tuple, list[int]] = defaultdict(list)
    for k, found in enumerate(figures):
        for measure in {q.measure for q in found if q.measure is not None}:
            by_measure[measure].append(k)
    dated = [k for k, s in enumerate(sentences) if len(days.get((s.source, s.index), [])) == 1]
    for group in by_measure.values():
        for x, i in enumerate(group):
            for j in group[x + 1 :]:
                other_source = sentences[i].source != sentences[j].source
                if other_source and figures_conflict(figures[i], figures[j]):
                    out[i, j] = out[j, i] = True
    for x, i in enumerate(dated):
        (a,) = days[(sentences[i].source, sentences[i].index)]
        for j in dated[x + 1 :]:
            if sentences[i].source != sentences[j].source and not out[i, j]:
                (b,) = days[(sentences[j].source, sentences[j].index)]
                if dates_clash(a, b):
                    out[i, j] = out[j, i] = True
    return out
