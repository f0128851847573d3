"""Render a briefing as one self-contained HTML5 page.

Python prepares plain view records and Jinja2 (autoescaping everything) lays them
out; article text is untrusted and never reaches the page unescaped. The page is a
list of sections, each built by one function in `SECTIONS` and drawn by its own
template `templates/section-<name>.html.j2`; a later stage adds a section by writing one
function and one template. Templates stay flat in `templates/`: the package data
glob `render/templates/*` does not descend into subdirectories.

Citations link to the exact source sentence (`#S1-4`), which the Sources section
renders as `<span id="S1-4" class="sentence">`. A citation whose sentence is not on
the page (e.g. a briefing stored without article texts) falls back to the source's
own section, so no link on the page dangles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2

from storyline import __version__
from storyline.model import Briefing, Claim, Contradiction, Evidence, Side, Source
from storyline.render.markdown import (
    DISAGREEMENT_MARK,
    INFERRED_MARK,
    INFERRED_NOTE,
    MAX_ENTITIES,
    MAX_EXCLUSIVE_VOICES,
    UNATTRIBUTED,
    Segment,
    contradiction_kind,
    date_span,
    disagreement_id,
    entity_type,
    exclusive_claims,
    exclusive_intro,
    line_contradiction,
    outlet_name,
    plural,
    reference_note,
    short_date,
    side_evidence,
    split_aliases,
    support_note,
    voice_relation,
)

TEMPLATE = "briefing.html.j2"
_TOOLTIP_CHARS = 240
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\]+", re.IGNORECASE)
_LINE_BREAK = re.compile(r"[ \t\f\v\xa0]*[\r\n\u2028\u2029][\s]*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("storyline", "render/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def safe_url(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) URL fit for an href, else None."""
    if not url:
        return None
    url = url.strip()
    return url if _SAFE_URL.fullmatch(url) else None


# ── view records ────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Cite:
    label: str  # "S1"
    href: str | None  # "#S1-4", "#S1", or None when the source is not on the page
    title: str | None = None  # tooltip: where it points and the sentence it cites


@dataclass(slots=True)
class Piece:
    text: str
    anchor: str | None = None  # set for a sentence: its id on the page
    cited: bool = False


@dataclass(slots=True)
class Paragraph:
    pieces: list[Piece] = field(default_factory=list)

    @property
    def has_sentences(self) -> bool:
        return any(p.anchor for p in self.pieces)


@dataclass(slots=True)
class SourceView:
    id: str
    outlet: str
    title: str | None
    published: str | None
    author: str | None
    href: str | None  # the article's URL when safe to link
    url: str | None  # the URL as given, shown as text when not linkable
    path: str | None
    words: int
    paragraphs: list[Paragraph]
    reference: str | None = None  # "2020-09-14 (inferred)": what relative dates count from
    # ("copy of", "S3", "#S3"): the source it is one voice with, and its link when on the page
    voice: tuple[str, str, str | None] | None = None


@dataclass(frozen=True, slots=True)
class Section:
    id: str  # element id, also the table of contents target
    title: str
    template: str  # under templates/, e.g. "section-summary.html.j2"
    data: Any
    toc: list[tuple[str, str]] = field(default_factory=list)  # (href, label) sub-entries


# ── sources: article text, sentence by sentence ─────────────────────────────


def _paragraphs(source: Source, cited: set[str], seen: set[str]) -> list[Paragraph]:
    """The whole article text split into paragraphs of sentence and non-sentence pieces.

    Line breaks in the text between sentences end a paragraph, as does a change of
    the sentences' paragraph number. Text outside any sentence (headings, bylines)
    is kept as plain pieces, so nothing of the article is lost.
    """
    text = source.article.text
    if not text.strip():
        return []
    paragraphs: list[Paragraph] = []
    current = Paragraph()

    def flush() -> None:
        nonlocal current
        if any(p.text.strip() or p.anchor for p in current.pieces):
            paragraphs.append(current)
        current = Paragraph()

    def gap(chunk: str) -> None:
        for i, part in enumerate(_LINE_BREAK.split(chunk)):
            if i:
                flush()
            if part:
                current.pieces.append(Piece(part))

    cursor = 0
    last_paragraph: int | None = None
    for s in sorted(source.sentences, key=lambda s: (s.start, s.index)):
        start = min(max(s.start, cursor), len(text))
        end = min(max(s.end, start), len(text))
        gap(text[cursor:start])
        if last_paragraph is not None and s.paragraph != last_paragraph:
            flush()
        last_paragraph = s.paragraph
        anchor = None if s.anchor in seen else s.anchor
        if anchor:
            seen.add(anchor)
        current.pieces.append(Piece(text[start:end], anchor=anchor, cited=s.anchor in cited))
        cursor = end
    gap(text[cursor:])
    flush()
    return paragraphs


def source_view(
    b: Briefing, source: Source, cited: set[str] | None = None, seen: set[str] | None = None
) -> SourceView:
    """What a page shows of a source; its text only when `cited` anchors are given."""
    a = source.article
    return SourceView(
        id=source.id,
        outlet=outlet_name(source),
        title=a.title,
        published=a.published,
        author=a.author,
        href=safe_url(a.url),
        url=a.url,
        path=a.path,
        words=a.words,
        paragraphs=_paragraphs(source, cited, seen if seen is not None else set())
        if cited is not None
        else [],
        reference=reference_note(source),
        voice=_voice(b, source),
    )


def _voice(b: Briefing, source: Source) -> tuple[str, str, str | None] | None:
    relation = voice_relation(b, source)
    if relation is None:
        return None
    words, voice = relation
    return words, voice, f"#{voice}" if any(s.id == voice for s in b.sources) else None


# ── citations ───────────────────────────────────────────────────────────────


def _cited_anchors(b: Briefing) -> set[str]:
    anchors = {e.anchor for c in b.claims for e in c.evidence}
    anchors.update(s.evidence.anchor for s in b.summary)
    anchors.update(e.anchor for t in b.timeline for e in t.evidence)
    anchors.update(e.anchor for q in b.quotes for e in q.evidence)
    anchors.update(e.anchor for c in b.contradictions for side in c.sides for e in side.evidence)
    return anchors


def _shorten(text: str, limit: int = _TOOLTIP_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Citer:
    """Turns (source id, evidence) into a link to the most precise target on the page."""

    def __init__(self, b: Briefing, sentences: set[str]) -> None:
        self.sources = {s.id: s for s in b.sources}
        self.sentences = sentences
        self.claims = {c.id: c for c in b.claims}

    def cite(self, source_id: str, evidence: Evidence | None) -> Cite:
        source = self.sources.get(source_id)
        if source is None:
            return Cite(source_id, None, "Source not in this briefing")
        name = outlet_name(source)
        if evidence is not None and evidence.anchor in self.sentences:
            return Cite(source_id, f"#{evidence.anchor}", f"{name}: {_shorten(evidence.text)}")
        return Cite(source_id, f"#{source_id}", name)

    def claim(self, claim_id: str) -> Claim | None:
        return self.claims.get(claim_id)


def _evidence_for(claim: Claim | None, source_id: str) -> Evidence | None:
    if claim is None:
        return None
    return _evidence_in(claim.evidence, source_id)


def _evidence_in(evidence: list[Evidence], source_id: str) -> Evidence | None:
    return next((e for e in evidence if e.source == source_id), None)


# ── sections ────────────────────────────────────────────────────────────────


@dataclass(slots=True)
class Context:
    briefing: Briefing
    sources: list[SourceView]
    citer: _Citer


def _side_cites(ctx: Context, side: Side) -> list[Cite]:
    return [ctx.citer.cite(sid, _evidence_in(side.evidence, sid)) for sid in side.sources]


def _summary(ctx: Context) -> Section:
    """Runs of plain lines make paragraphs; a line reporting a disagreement stands apart."""
    blocks: list[dict[str, Any]] = []
    for s in ctx.briefing.summary:
        c = line_contradiction(ctx.briefing, s)
        if c is not None and c.sides:
            blocks.append(
                {
                    "kind": "disagreement",
                    "href": f"#{disagreement_id(s.contradiction or 0)}",
                    "about": c.about,
                    "sides": [
                        {"text": side.text, "cites": _side_cites(ctx, side)} for side in c.sides
                    ],
                }
            )
            continue
        claim = ctx.citer.claim(s.claim)
        cites = [
            ctx.citer.cite(
                sid, s.evidence if sid == s.evidence.source else _evidence_for(claim, sid)
            )
            for sid in s.sources
        ]
        item = {"text": s.text, "cites": cites}
        if s.contradiction is not None:  # a disagreement line whose record is missing
            blocks.append({"kind": "disagreement-text", **item})
        elif blocks and blocks[-1]["kind"] == "prose":
            blocks[-1]["lines"].append(item)
        else:
            blocks.append({"kind": "prose", "lines": [item]})
    data = {"blocks": blocks, "mark": DISAGREEMENT_MARK}
    return Section("summary", "Summary", "section-summary.html.j2", data)


def _highlight(sentence: str, words: str) -> list[tuple[str, bool]]:
    """`sentence` in pieces, the first occurrence of `words` flagged, when it is a part of it."""
    words = words.strip()
    at = sentence.casefold().find(words.casefold()) if words else -1
    if at < 0 or len(words) > 0.6 * len(sentence):
        return [(sentence, False)]
    end = at + len(words)
    return [
        p
        for p in ((sentence[:at], False), (sentence[at:end], True), (sentence[end:], False))
        if p[0]
    ]


def _side_view(ctx: Context, side: Side) -> dict[str, Any]:
    """A side: its words, with the cites of sources that say just them, and other sentences."""
    groups, more = side_evidence(side)
    own, evidence = [], []
    for g in groups:
        cites = [ctx.citer.cite(sid, ev) for sid, ev in zip(g.sources, g.evidence, strict=True)]
        if g.text:
            evidence.append({"cites": cites, "pieces": _highlight(g.text, side.text)})
        else:
            own.extend(cites)
    return {"text": side.text, "own": own, "evidence": evidence, "more": more}


def _disagreements(ctx: Context) -> Section | None:
    found: list[Contradiction] = ctx.briefing.contradictions
    if not found:
        return None
    items = [
        {
            "id": disagreement_id(n),
            "about": c.about,
            "kind": c.kind,
            "label": contradiction_kind(c.kind),
            "clause": c.kind == "negation",
            "sides": [_side_view(ctx, side) for side in c.sides],
        }
        for n, c in enumerate(found)
    ]
    return Section("disagreements", "Disagreements", "section-disagreements.html.j2", items)


def _claims(ctx: Context) -> Section:
    rows = [
        {
            "id": c.id,
            "text": c.text,
            "cites": [ctx.citer.cite(sid, _evidence_for(c, sid)) for sid in c.sources],
            "note": support_note(c),
        }
        for c in ctx.briefing.claims
    ]
    return Section("claims", "Claims", "section-claims.html.j2", rows)


def _links(segments: list[Segment], ctx: Context) -> list[tuple[str, str | None]]:
    """Segments with their source ids turned into links to the sources' sections."""
    on_page = {s.id for s in ctx.sources}
    return [(text, f"#{sid}" if sid in on_page else None) for text, sid in segments]


def _exclusive(ctx: Context, limit: int = MAX_EXCLUSIVE_VOICES) -> Section | None:
    b = ctx.briefing
    groups = []
    for n, ex in enumerate(b.exclusive):
        claims, more = exclusive_claims(b, ex)
        if not claims:
            continue
        anchor = f"exclusive-{ex.source}"
        if any(g["id"] == anchor for g in groups):  # one entry per voice, but ids stay unique
            anchor = f"{anchor}-{n}"
        groups.append(
            {
                "id": anchor,
                "intro": _links(exclusive_intro(b, ex), ctx),
                "claims": [
                    {
                        "text": c.text,
                        "cites": [ctx.citer.cite(sid, _evidence_for(c, sid)) for sid in c.sources],
                    }
                    for c in claims
                ],
                "more": more,
            }
        )
    if not groups:
        return None
    data = {"groups": groups[:limit], "rest": max(0, len(groups) - limit)}
    return Section("exclusive", "Only one outlet reports", "section-exclusive.html.j2", data)


def _date(value: str | None) -> dict[str, str | None] | None:
    """A date to show, with a `datetime` attribute only when it is an ISO date."""
    text = short_date(value)
    if not text:
        return None
    return {"text": text, "iso": text if _ISO_DATE.fullmatch(text) else None}


def _timeline(ctx: Context) -> Section | None:
    events = ctx.briefing.timeline
    if not events:
        return None
    items = []
    for t in events:
        start = _date(t.date) or {"text": "undated", "iso": None}
        end = _date(t.end)
        items.append(
            {
                "start": start,
                "end": end if end and end["text"] != start["text"] else None,
                "inferred": t.inferred,
                "expression": t.expression.strip() if t.expression else "",
                "text": t.text,
                "cites": [ctx.citer.cite(sid, _evidence_in(t.evidence, sid)) for sid in t.sources],
            }
        )
    data = {
        "events": items,
        "mark": INFERRED_MARK,
        "note": INFERRED_NOTE,
        "any_inferred": any(t.inferred for t in events),
    }
    return Section("timeline", "Timeline", "section-timeline.html.j2", data)


def _quotes(ctx: Context) -> Section | None:
    quotes = ctx.briefing.quotes
    if not quotes:
        return None
    items = [
        {
            "speaker": q.speaker or None,
            "text": q.text,
            "direct": q.kind != "reported",
            "kind": q.kind or "direct",
            "channel": q.channel or None,
            "cites": [ctx.citer.cite(sid, _evidence_in(q.evidence, sid)) for sid in q.sources],
        }
        for q in quotes
    ]
    data = {"quotes": items, "unattributed": UNATTRIBUTED}
    return Section("quotes", "Quotes", "section-quotes.html.j2", data)


def _entities(ctx: Context, limit: int = MAX_ENTITIES) -> Section | None:
    entities = ctx.briefing.entities
    if not entities:
        return None
    rows = []
    for e in entities[:limit]:
        shown, more = split_aliases(e.aliases)
        rows.append(
            {
                "id": e.id,
                "name": e.name,
                "type": entity_type(e.type),
                "label": e.type,
                "aliases": shown,
                "more": more,
                "all_aliases": ", ".join(a for a in e.aliases if a and a.strip()),
                "cites": [ctx.citer.cite(sid, None) for sid in e.sources],
                "mentions": e.mentions,
            }
        )
    rest = max(0, len(entities) - limit)
    data = {"rows": rows, "rest": rest}
    return Section("entities", "Entities", "section-entities.html.j2", data)


def _sources(ctx: Context) -> Section:
    toc = [(f"#{s.id}", f"{s.id} · {s.outlet}") for s in ctx.sources]
    return Section("sources", "Sources", "section-sources.html.j2", ctx.sources, toc)


SectionBuilder = Callable[[Context], Section | None]

SECTIONS: list[SectionBuilder] = [
    _summary,
    _disagreements,
    _timeline,
    _claims,
    _quotes,
    _exclusive,
    _entities,
    _sources,
]


def to_html(briefing: Briefing) -> str:
    """The briefing as a complete HTML5 document with inline CSS and no external assets."""
    cited = _cited_anchors(briefing)
    seen: set[str] = set()
    sources = [source_view(briefing, s, cited, seen) for s in briefing.sources]
    ctx = Context(briefing, sources, _Citer(briefing, seen))
    sections = [s for s in (build(ctx) for build in SECTIONS) if s is not None]
    story = briefing.story
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            title=story.title or "Untitled story",
            date_span=date_span(story),
            source_count=plural(len(briefing.sources), "source"),
            claim_count=plural(len(briefing.claims), "claim"),
            sections=sections,
            version=__version__,
        )
    )
