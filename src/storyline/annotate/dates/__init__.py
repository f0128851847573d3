"""Temporal expressions in sentences → dates and date ranges; each source's reference date.

Rule-based and exact: a handful of regular expressions find the candidates ("September 14",
"14.09.2020", "on Monday", "last week", "early September", "the first half of 2020", "between
August 4 and August 9", "in 2019") and plain date arithmetic resolves them against the source's
reference date. No model and no dateparser call is needed, so a story's few hundred sentences take
milliseconds.

`patterns` finds the candidates, `resolve` places each one on the calendar (with `arithmetic` and
the clause's `tense`), `mentions` hands them out per sentence, and `reference` sets the date each
source is read from.
"""

from .arithmetic import closest_year
from .mentions import DateMention, find_dates, sentence_dates
from .reference import assign_reference_dates, infer_story_date, parse_iso_date
from .tense import clause_tense

__all__ = [
    "DateMention",
    "assign_reference_dates",
    "clause_tense",
    "closest_year",
    "find_dates",
    "infer_story_date",
    "parse_iso_date",
    "sentence_dates",
]
