"""The records of a briefing's view: plain data the formats draw, one kind per thing shown.

`view.briefing_view()` makes them; nothing here knows a format. Texts are as the reports give
them (each format escapes them its own way); labels and counts are in a reader's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from storyline.model import Evidence
from storyline.render.article import Paragraph
from storyline.render.voices import Segment

T = TypeVar("T")


@dataclass(slots=True)
class Shortlist(Generic[T]):
    """The first few of a list, and how many more are left off."""

    shown: list[T]
    rest: int


@dataclass(frozen=True, slots=True)
class Citation:
    source: str  # "S1"
    evidence: Evidence | None  # the source's sentence that says it, when known


@dataclass(frozen=True, slots=True)
class Section:
    id: str  # also its anchor on a page
    title: str
    data: Any  # the records its builder makes; empty when there is nothing to list
    empty: str | None = None  # what to say when there is nothing to list
    parts: list[tuple[str, str]] = field(default_factory=list)  # (anchor, label) to list in a TOC


@dataclass(slots=True)
class BriefingView:
    title: str
    date_span: str | None  # "2024-03-01 – 2024-03-03"
    source_count: str  # "5 sources"
    claim_count: str
    sections: list[Section]
    anchors: set[str]  # the source sentences the sources section shows, by anchor


@dataclass(slots=True)
class Line:
    """A sentence of the briefing and the sources that back it."""

    text: str
    cites: list[Citation]


@dataclass(slots=True)
class EvidenceView:
    """One distinct sentence that states a side, cut so the side's words can stand out."""

    pieces: list[tuple[str, bool]]  # (text, True for the side's own words)
    cites: list[Citation]  # every source that has this sentence (syndicated copies)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


@dataclass(slots=True)
class SideView:
    text: str
    cites: list[Citation]  # every source on this side
    own: list[Citation]  # the sources whose sentence says no more than the side's words
    evidence: list[EvidenceView]  # the other sentences, one per distinct wording
    more: int  # sentences left off


@dataclass(slots=True)
class DisagreementView:
    id: str  # its anchor: "disagreement-1"…
    about: str
    kind: str
    label: str  # the kind in a reader's words
    clause: bool  # the sides are clauses (one report denies another), not a few words
    sides: list[SideView]


# The summary: runs of plain lines, and the lines that report a disagreement, each on its own;
# `kind` tells a template which it is.
@dataclass(slots=True)
class Prose:
    kind: ClassVar[str] = "prose"
    lines: list[Line]


@dataclass(slots=True)
class DisagreementLine:
    kind: ClassVar[str] = "disagreement"
    disagreement: DisagreementView


@dataclass(slots=True)
class DisputedLine:
    """A line that reports a disagreement whose record is missing: its text, marked."""

    kind: ClassVar[str] = "disputed"
    line: Line


SummaryBlock = Prose | DisagreementLine | DisputedLine


@dataclass(slots=True)
class ClaimView:
    id: str
    text: str
    cites: list[Citation]
    note: str | None  # "3 sources, 2 independent" when copies count once


@dataclass(slots=True)
class DateView:
    text: str
    iso: str | None  # the same, when it is an ISO date a page can mark up


@dataclass(slots=True)
class EventView:
    start: DateView
    end: DateView | None  # the last day of a period
    inferred: bool
    expression: str  # the words that dated it
    text: str
    cites: list[Citation]

    @property
    def dates(self) -> str:
        """ "2020-09-01", or "2020-09-01 – 2020-09-10" for a period."""
        return f"{self.start.text} – {self.end.text}" if self.end else self.start.text


@dataclass(slots=True)
class TimelineView:
    events: list[EventView]
    any_inferred: bool


@dataclass(slots=True)
class QuoteView:
    speaker: str | None
    text: str
    direct: bool  # quoted word for word, not reported
    kind: str  # "direct" or "reported", as given; "direct" when not
    channel: str | None  # who relayed it
    cites: list[Citation]


@dataclass(slots=True)
class ExclusiveView:
    """The claims only one voice (a source and its copies) reports."""

    id: str  # its anchor: "exclusive-S4"
    intro: list[Segment]  # "Only S4 (Outlet) reports:"; source ids set where listed
    claims: list[Line]
    more: int  # claims left off


@dataclass(slots=True)
class EntityView:
    id: str
    name: str
    type: str  # in a reader's words
    label: str  # as the entity recogniser gave it
    aliases: list[str]  # the first few
    more: int  # aliases left off
    all_aliases: str
    cites: list[Citation]
    mentions: int


@dataclass(slots=True)
class SharedVoice:
    relation: str  # "copy of", "same outlet as"
    source: str  # the source it is one voice with
    listed: bool  # that source is in the briefing


@dataclass(slots=True)
class SourceView:
    id: str
    outlet: str
    title: str | None
    author: str | None
    published: str | None  # as the source gave it
    published_date: str | None  # its date part
    url: str | None
    path: str | None
    words: int
    length: str  # "812 words"; of an article cut short, also how much of it was analysed
    reference: str | None  # "2020-09-14 (inferred)": the date relative dates count from
    reference_differs: bool  # the reference date tells more than the publication date
    voice: SharedVoice | None  # the source it is one voice with, when another
    paragraphs: list[Paragraph]  # its text, sentence by sentence; empty when not stored
