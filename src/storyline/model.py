"""The records that flow through the pipeline, with their JSON round-trip.

Plain dataclasses and no heavy logic: every stage takes and returns these.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .characters import fold_marks

SCHEMA = "storyline.briefing/1"

# Chinese and Japanese are written without spaces: each of their characters counts as a word
# (a word there is one or two characters), so that a sentence of theirs is not one "word".
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\w+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass(slots=True)
class Article:
    """One report, after extraction and cleaning. `text` is what offsets refer to."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as the source gave it
    author: str | None = None  # the byline: names joined with "; ", as the source gave them
    path: str | None = None  # the input it came from: a file path, "-", or "file.jsonl:3"

    @property
    def content_hash(self) -> str:
        """Identity for de-duplication: same cleaned text, same article, whether a copy curls
        its quotes and apostrophes or not."""
        return hashlib.sha256(fold_marks(self.text).encode("utf-8")).hexdigest()

    @property
    def words(self) -> int:
        return count_words(self.text)


@dataclass(slots=True)
class Reject:
    """An input that could not be used, kept as data rather than raised."""

    input: str
    stage: str  # "read", "decode", "extract", "clean", …
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(slots=True)
class Sentence:
    source: str  # source id, "S1"…
    index: int  # position among the source's sentences
    text: str
    start: int  # character offsets into Article.text
    end: int
    paragraph: int = 0

    @property
    def anchor(self) -> str:
        return f"{self.source}-{self.index}"


@dataclass(slots=True)
class Source:
    """An article as a briefing cites it."""

    id: str
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    # The date relative expressions ("on Monday") count from: the publication date, or, where the
    # article has none, one inferred from the dates the story's reports give.
    reference_date: str | None = None
    reference_inferred: bool = False
    # The first source of this one's group of dependent sources (copies, one outlet's reports):
    # claims count each voice once.
    voice: str | None = None
    # Where the steps stop reading an article longer than `max_article_words`: the rest is kept
    # (and shown) but not analysed. None when the whole article is analysed.
    analysed_chars: int | None = None
    analysed_words: int | None = None

    @property
    def text(self) -> str:
        """The part of the article the steps analyse: all of it unless it is very long."""
        text = self.article.text
        return text if self.analysed_chars is None else text[: self.analysed_chars]

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        a = self.article
        out: dict[str, Any] = {
            "id": self.id,
            "outlet": a.outlet,
            "title": a.title,
            "url": a.url,
            "published": a.published,
            "author": a.author,
            "path": a.path,
            "words": a.words,
            "reference_date": self.reference_date,
            "reference_inferred": self.reference_inferred,
            "voice": self.voice or self.id,
        }
        if self.analysed_words is not None:  # only for an article cut short: the rest as before
            out["analysed_words"] = self.analysed_words
        if include_text:
            out["text"] = a.text
            out["sentences"] = [
                {"index": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph}
                for s in self.sentences
            ]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        article = Article(
            text=d.get("text", ""),
            title=d.get("title"),
            url=d.get("url"),
            outlet=d.get("outlet"),
            published=d.get("published"),
            author=d.get("author"),
            path=d.get("path"),
        )
        sentences = [
            Sentence(
                source=d["id"],
                index=s["index"],
                text=article.text[s["start"] : s["end"]],
                start=s["start"],
                end=s["end"],
                paragraph=s.get("paragraph", 0),
            )
            for s in d.get("sentences", [])
        ]
        return cls(
            id=d["id"],
            article=article,
            sentences=sentences,
            reference_date=d.get("reference_date"),
            reference_inferred=d.get("reference_inferred", False),
            voice=d.get("voice"),
            analysed_words=d.get("analysed_words"),
        )


@dataclass(slots=True)
class Evidence:
    source: str
    text: str
    sentence: int  # index of the sentence in its source
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"{self.source}-{self.sentence}"

    @classmethod
    def of(cls, sentence: Sentence) -> Evidence:
        """The evidence a sentence gives: where it stands and what it says."""
        return cls(sentence.source, sentence.text, sentence.index, sentence.start, sentence.end)


@dataclass(slots=True)
class Claim:
    id: str
    text: str  # the representative: verbatim one of the evidence sentences
    sources: list[str]
    independent: int
    evidence: list[Evidence]
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "sources": self.sources,
            "independent": self.independent,
            "score": round(self.score, 4),
            "evidence": [asdict(e) for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            id=d["id"],
            text=d["text"],
            sources=list(d["sources"]),
            independent=d["independent"],
            evidence=[Evidence(**e) for e in d["evidence"]],
            score=d.get("score", 0.0),
        )


@dataclass(slots=True)
class Mention:
    """Where an entity is named (or referred to by a role phrase) in a source's text."""

    source: str
    start: int  # character offsets into Article.text
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    """One person, organisation or place, merged across spellings and sources."""

    id: str  # "E1"…
    name: str  # canonical: the most complete, most frequent correct spelling
    type: str  # PERSON, ORG, GPE, LOC, NORP, …
    aliases: list[str]  # other spellings and role phrases seen, canonical name excluded
    sources: list[str]
    mentions: int
    spans: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        fields_ = {k: v for k, v in d.items() if k != "spans"}
        return cls(**fields_, spans=[Mention(**m) for m in d.get("spans", [])])


def _with_evidence(d: dict[str, Any]) -> dict[str, Any]:
    """A record's JSON fields with its evidence turned back into Evidence records."""
    return {**d, "evidence": [Evidence(**e) for e in d.get("evidence", [])]}


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker: quoted directly, or reported ("X said that …")."""

    speaker: str | None  # the speaking entity's canonical name; None when the text does not say
    text: str  # the quoted words (direct) or the reported clause
    sources: list[str]
    kind: str = "direct"  # "direct" or "reported"
    channel: str | None = None  # who relayed it: "RIA Novosti quoted X as saying …"
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(**_with_evidence(d))


@dataclass(slots=True)
class TimelineEvent:
    """A dated event; one told by several reports is one entry with all their sources."""

    date: str  # ISO date; for a period ("early September"), its first day
    text: str  # verbatim a source sentence that tells the event
    sources: list[str]
    end: str | None = None  # last day of a period; None for a single day
    expression: str = ""  # the words that dated it ("on Monday", "14.09.2020")
    inferred: bool = False  # True when the date rests on an inferred reference date
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimelineEvent:
        return cls(**_with_evidence(d))


@dataclass(slots=True)
class Side:
    """One side of a disagreement: what some sources say."""

    text: str  # the words that differ ("working visit", "42 workers"), as the sources put them
    sources: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Contradiction:
    """Where outlets disagree about one thing."""

    about: str
    kind: str  # "number", "date", "name", "label" or "negation"
    sides: list[Side]

    @property
    def sources(self) -> list[str]:
        return sorted({s for side in self.sides for s in side.sources}, key=source_number)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Contradiction:
        return cls(
            about=d["about"],
            kind=d["kind"],
            sides=[Side(**_with_evidence(side)) for side in d["sides"]],
        )


@dataclass(slots=True)
class Exclusive:
    """Claims that only one voice reports: a source, with any copies of it."""

    source: str
    claims: list[str]
    sources: list[str] = field(default_factory=list)  # the source and its syndicated copies


def source_number(source_id: str) -> int:
    """Sort key of "S12" → 12."""
    return int(source_id.lstrip("S") or 0)


@dataclass(slots=True)
class SummarySentence:
    text: str  # verbatim a sentence of the cited claim's evidence
    sources: list[str]
    claim: str  # the claim it states ("" for a line that reports a disagreement)
    evidence: Evidence  # the source sentence the text was taken from
    contradiction: int | None = None  # index into Briefing.contradictions, for such a line


@dataclass(slots=True)
class StoryInfo:
    id: str
    title: str
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class Briefing:
    story: StoryInfo
    sources: list[Source]
    summary: list[SummarySentence]
    claims: list[Claim]
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    exclusive: list[Exclusive] = field(default_factory=list)
    schema: str = SCHEMA

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The JSON contract; `include_text` adds article texts so a stored briefing re-renders."""
        return {
            "schema": self.schema,
            "story": asdict(self.story),
            "sources": [s.to_dict(include_text) for s in self.sources],
            "summary": [
                {
                    "text": s.text,
                    "sources": s.sources,
                    "claim": s.claim,
                    "evidence": asdict(s.evidence),
                    **({"contradiction": s.contradiction} if s.contradiction is not None else {}),
                }
                for s in self.summary
            ],
            "claims": [c.to_dict() for c in self.claims],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "timeline": [t.to_dict() for t in self.timeline],
            "contradictions": [c.to_dict() for c in self.contradictions],
            "exclusive": [asdict(e) for e in self.exclusive],
        }

    # The formats import lazily: the pipeline's steps import this module, and need neither the
    # renderers nor Jinja.
    def to_markdown(self) -> str:
        """The briefing as a Markdown document, as `storyline brief` prints it."""
        from storyline.render.markdown import to_markdown

        return to_markdown(self)

    def to_html(self) -> str:
        """The briefing as one self-contained HTML page, as `storyline brief -f html` writes it."""
        from storyline.render.html import to_html

        return to_html(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Briefing:
        return cls(
            schema=d.get("schema", SCHEMA),
            story=StoryInfo(**d["story"]),
            sources=[Source.from_dict(s) for s in d["sources"]],
            summary=[
                SummarySentence(
                    text=s["text"],
                    sources=list(s["sources"]),
                    claim=s["claim"],
                    evidence=Evidence(**s["evidence"]),
                    contradiction=s.get("contradiction"),
                )
                for s in d["summary"]
            ],
            claims=[Claim.from_dict(c) for c in d["claims"]],
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            timeline=[TimelineEvent.from_dict(t) for t in d.get("timeline", [])],
            contradictions=[Contradiction.from_dict(c) for c in d.get("contradictions", [])],
            exclusive=[Exclusive(**e) for e in d.get("exclusive", [])],
        )
