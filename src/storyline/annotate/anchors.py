"""The days a sentence names, as terms it shares with other reports of the same day.

Outlets word one fact differently but keep when it happened. "Launched Tuesday" in a report of
19 November and "launch tomorrow (November 19)" in one of the 18th name one day: resolved
against each report's date, the day becomes a term beside the sentence's content words
(`words.fact_terms`) that lets the two meet.

Entities were tried the same way ("@E3" for each entity a sentence mentions) and left out: on
the labelled real stories they moved no figure, and names are content words already, so they
counted twice and pulled together sentences that share only "Russia" and "Belarus".
"""

from __future__ import annotations

from ..model import Sentence
from .dates import DateMention


def day_terms(
    sentences: list[Sentence], dates: dict[tuple[str, int], list[DateMention]]
) -> list[frozenset[str]]:
    """Per sentence, in order: "@YYYY-MM-DD" for each day it names (relative days resolved
    against its report's date)."""
    return [
        frozenset(
            f"@{m.first.isoformat()}"
            for m in dates.get((s.source, s.index), [])
            if m.granularity == "day"
        )
        for s in sentences
    ]
