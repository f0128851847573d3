"""What the formats call things: marks, notes and labels, and dates and counts in a reader's words.

One place for every word a briefing shows that is not article text, so the Markdown, the HTML
report and the server's pages say the same thing the same way.
"""

from __future__ import annotations

import re
from typing import Protocol

from storyline.model import Source

UNTITLED = "Untitled story"
UNATTRIBUTED = "unattributed"
DISAGREEMENT_MARK = "⚖"
INFERRED_MARK = "≈"
INFERRED_NOTE = (
    "Inferred date: the report had no publication date, so the date counts from a reference "
    "date inferred from the story’s other reports."
)

# What kind of disagreement it is, in words a reader knows.
CONTRADICTION_KINDS = {
    "number": "figures differ",
    "date": "dates differ",
    "name": "names differ",
    "label": "labels differ",
    "negation": "one report denies what another states",
}

# spaCy's entity labels, in words a reader knows; anything else is shown as given.
ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "location",
    "NORP": "group",
    "FAC": "facility",
    "EVENT": "event",
    "PRODUCT": "product",
    "LAW": "law",
    "WORK_OF_ART": "work",
    "LANGUAGE": "language",
}

_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T")


def plural(n: int, word: str) -> str:
    """ "1 source", "3 sources"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def short_date(value: str | None) -> str | None:
    """The date part of an ISO 8601 date or datetime; anything else as given."""
    if not value:
        return None
    value = value.strip()
    if _ISO_DATETIME.match(value):
        return value[:10]
    return value or None


class Dated(Protocol):
    """A story's briefing header (`StoryInfo`) or a listed story (`store.StoryRow`)."""

    start: str | None
    end: str | None


def date_span(story: Dated) -> str | None:
    """ "2024-03-01 – 2024-03-03", one date if start and end agree, or None."""
    start, end = short_date(story.start), short_date(story.end)
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end


def outlet_name(source: Source) -> str:
    return source.article.outlet or "unknown outlet"


def entity_type(label: str | None) -> str:
    return ENTITY_TYPES.get(label or "", label or "")


def contradiction_kind(kind: str | None) -> str:
    return CONTRADICTION_KINDS.get(kind or "", "reports differ")


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis when longer."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
