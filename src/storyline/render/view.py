"""What a briefing shows, as plain data: the one view the Markdown, the HTML report and the
server's pages all draw.

`briefing_view(briefing)` makes the header facts and the sections, in `SECTIONS` order: each
section's title, its records (texts, labels, counts) and the citations of every sentence.
The formats only lay these out. A later stage adds a section by writing one builder here,
listing it in `SECTIONS`, and giving each format a way to draw it: a function in
`markdown.DRAW`, a template `templates/section-<id>.html.j2`.

A citation is data, not a link: `Citation(source, evidence)` says which source backs a
sentence and, where known, the source's own sentence that does. Each format decides what it
becomes: a label in Markdown, a link to the sentence on the page in the HTML report, a link
into the article's page on the server.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from storyline.model import (
    Briefing,
    Claim,
    Contradiction,
    Entity,
    Evidence,
    Exclusive,
    Side,
    Source,
)
from storyline.render.article import cited_anchors, paragraphs
from storyline.render.records import (
    BriefingView,
    Citation,
    ClaimView,
    DateView,
    DisagreementLine,
    DisagreementView,
    DisputedLine,
    EntityView,
    EventView,
    EvidenceView,
    ExclusiveView,
    Line,
    Prose,
    QuoteView,
    Section,
    SharedVoice,
    Shortlist,
    SideView,
    SourceView,
    SummaryBlock,
    TimelineView,
)
from storyline.render.voices import exclusive_intro, same_outlet, side_groups
from storyline.render.wording import (
    UNTITLED,
    contradiction_kind,
    date_span,
    entity_type,
    outlet_name,
    plural,
    short_date,
)

MAX_ENTITIES = 30
MAX_ALIASES = 6
MAX_EXCLUSIVE_CLAIMS = 8  # per voice
MAX_EXCLUSIVE_VOICES = 10

T = TypeVar("T")

_ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")


def _shortlist(items: list[T], limit: int) -> Shortlist[T] | None:
    """The first `limit` items and how many more; None for no items."""
    return Shortlist(items[:limit], max(0, len(items) - limit)) if items else None


class _Context:
    """What the section builders share: the briefing, its lookups, its disagreements."""

    def __init__(self, b: Briefing) -> None:
        self.b = b
        self.sources: dict[str, Source] = {}
        for s in b.sources:
            self.sources.setdefault(s.id, s)
        self.claims = {c.id: c for c in b.claims}
        self.disagreements = [_disagreement(n, c) for n, c in enumerate(b.contradictions)]
        self.anchors: set[str] = set()  # filled by the sources section


def _evidence_in(evidence: list[Evidence], source_id: str) -> Evidence | None:
    return next((e for e in evidence if e.source == source_id), None)


def _cites(sources: list[str], evidence: list[Evidence]) -> list[Citation]:
    """Each source with its sentence among `evidence`, when it has one."""
    return [Citation(sid, _evidence_in(evidence, sid)) for sid in sources]


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


def _side(side: Side) -> SideView:
    groups, more = side_groups(side)
    own: list[Citation] = []
    evidence: list[EvidenceView] = []
    for text, found in groups:
        cites = [Citation(sid, ev) for sid, ev in found]
        if text:
            evidence.append(EvidenceView(_highlight(text, side.text), cites))
        else:
            own.extend(cites)
    return SideView(side.text, _cites(side.sources, side.evidence), own, evidence, more)


def _disagreement(n: int, c: Contradiction) -> DisagreementView:
    sides = [_side(side) for side in c.sides]
    label = contradiction_kind(c.kind)
    return DisagreementView(
        f"disagreement-{n + 1}", c.about, c.kind, label, c.kind == "negation", sides
    )


def _summary(v: _Context) -> Section:
    """Runs of plain lines make paragraphs; a line reporting a disagreement stands apart."""
    blocks: list[SummaryBlock] = []
    for s in v.b.summary:
        n = s.contradiction
        if n is not None and 0 <= n < len(v.disagreements) and v.disagreements[n].sides:
            blocks.append(DisagreementLine(v.disagreements[n]))
            continue
        claim = v.claims.get(s.claim)
        evidence = [s.evidence, *(claim.evidence if claim is not None else [])]
        line = Line(s.text, _cites(s.sources, evidence))
        if n is not None:
            blocks.append(DisputedLine(line))
        elif blocks and isinstance(blocks[-1], Prose):
            blocks[-1].lines.append(line)
        else:
            blocks.append(Prose([line]))
    return Section("summary", "Summary", blocks, empty="No summary sentences.")


def _disagreements(v: _Context) -> Section:
    return Section("disagreements", "Disagreements", v.disagreements)


def _date(value: str | None) -> DateView | None:
    text = short_date(value)
    if not text:
        return None
    iso = text if _ISO_DATE.fullmatch(text) else None
    return DateView(text, iso)


def _timeline(v: _Context) -> Section:
    events = []
    for t in v.b.timeline:
        start = _date(t.date) or DateView("undated", None)
        end = _date(t.end)
        events.append(
            EventView(
                start=start,
                end=end if end and end.text != start.text else None,
                inferred=t.inferred,
                expression=t.expression.strip() if t.expression else "",
                text=t.text,
                cites=_cites(t.sources, t.evidence),
            )
        )
    data = TimelineView(events, any(t.inferred for t in v.b.timeline)) if events else None
    return Section("timeline", "Timeline", data)


def _support_note(claim: Claim) -> str | None:
    """ "3 sources, 2 independent" when copies make some of a claim's sources count once."""
    n = len(claim.sources)
    if claim.independent >= n:
        return None
    return f"{plural(n, 'source')}, {claim.independent} independent"


def _claims(v: _Context) -> Section:
    rows = [
        ClaimView(c.id, c.text, _cites(c.sources, c.evidence), _support_note(c)) for c in v.b.claims
    ]
    return Section("claims", "Claims", rows, empty="No claims.")


def _quotes(v: _Context) -> Section:
    quotes = [
        QuoteView(
            speaker=q.speaker or None,
            text=q.text,
            direct=q.kind != "reported",
            kind=q.kind or "direct",
            channel=q.channel or None,
            cites=_cites(q.sources, q.evidence),
        )
        for q in v.b.quotes
    ]
    return Section("quotes", "Quotes", quotes)


def _voice_claims(v: _Context, ex: Exclusive) -> tuple[list[Line], int]:
    """The voice's claims that are in the briefing, the first few of them, and how many more."""
    found = [v.claims[cid] for cid in ex.claims if cid in v.claims]
    lines = [Line(c.text, _cites(c.sources, c.evidence)) for c in found[:MAX_EXCLUSIVE_CLAIMS]]
    return lines, max(0, len(found) - MAX_EXCLUSIVE_CLAIMS)


def _exclusive(v: _Context) -> Section:
    voices: list[ExclusiveView] = []
    for n, ex in enumerate(v.b.exclusive):
        claims, more = _voice_claims(v, ex)
        if not claims:
            continue
        anchor = f"exclusive-{ex.source}"
        if any(g.id == anchor for g in voices):  # one entry per voice, but ids stay unique
            anchor = f"{anchor}-{n}"
        intro = [
            (text, sid if sid in v.sources else None)
            for text, sid in exclusive_intro(v.sources, ex)
        ]
        voices.append(ExclusiveView(anchor, intro, claims, more))
    return Section("exclusive", "Only one outlet reports", _shortlist(voices, MAX_EXCLUSIVE_VOICES))


def _entity(e: Entity) -> EntityView:
    named = [a for a in e.aliases if a and a.strip()]
    return EntityView(
        id=e.id,
        name=e.name,
        type=entity_type(e.type),
        label=e.type,
        aliases=named[:MAX_ALIASES],
        more=max(0, len(named) - MAX_ALIASES),
        all_aliases=", ".join(named),
        cites=[Citation(sid, None) for sid in e.sources],
        mentions=e.mentions,
    )


def _entities(v: _Context) -> Section:
    rows = [_entity(e) for e in v.b.entities]
    return Section("entities", "Entities", _shortlist(rows, MAX_ENTITIES))


def _voice(v: _Context, source: Source) -> SharedVoice | None:
    """Whom a source is one voice with: sources of one outlet are one voice whatever their text;
    sources of different outlets are one because one copies (or lightly rewrites) the other."""
    voice = source.voice
    if not voice or voice == source.id:
        return None
    other = v.sources.get(voice)
    relation = "same outlet as" if same_outlet(source, other) else "copy of"
    return SharedVoice(relation, voice, listed=other is not None)


def _source(v: _Context, s: Source, cited: set[str]) -> SourceView:
    a = s.article
    reference = short_date(s.reference_date)
    return SourceView(
        id=s.id,
        outlet=outlet_name(s),
        title=a.title,
        author=a.author,
        published=a.published,
        published_date=short_date(a.published),
        url=a.url,
        path=a.path,
        words=a.words,
        length=_length(a.words, s.analysed_words),
        reference=f"{reference} (inferred)" if reference and s.reference_inferred else reference,
        reference_differs=s.reference_inferred or reference != short_date(a.published),
        voice=_voice(v, s),
        paragraphs=paragraphs(s, cited, v.anchors),
    )


def _length(words: int, analysed: int | None) -> str:
    if analysed is None:
        return plural(words, "word")
    return f"{plural(words, 'word')}, only the first {analysed} analysed (max_article_words)"


def _sources(v: _Context) -> Section:
    cited = cited_anchors(v.b)
    sources = [_source(v, s, cited) for s in v.b.sources]
    parts = [(s.id, f"{s.id} · {s.outlet}") for s in sources]
    return Section("sources", "Sources", sources, empty="No sources.", parts=parts)


SectionBuilder = Callable[[_Context], Section]

# The sections, in the order every format shows them.
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


def briefing_view(briefing: Briefing) -> BriefingView:
    """The briefing as the formats show it; a section with nothing to list and no note for
    that is left out."""
    v = _Context(briefing)
    built = (build(v) for build in SECTIONS)
    sections = [s for s in built if s.data or s.empty is not None]
    return BriefingView(
        title=briefing.story.title or UNTITLED,
        date_span=date_span(briefing.story),
        source_count=plural(len(briefing.sources), "source"),
        claim_count=plural(len(briefing.claims), "claim"),
        sections=sections,
        anchors=v.anchors,
    )
