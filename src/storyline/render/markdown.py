"""Render a briefing as Markdown, for reading in a terminal or pasting anywhere.

The document is a list of sections, each produced by one function in `SECTIONS`;
a later stage adds its section by writing one more function and listing it.
Every piece of article text goes through `escape_md()` so a headline such as
"# Breaking" or "*Update*" cannot change the document's structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.model import (
    Briefing,
    Claim,
    Contradiction,
    Evidence,
    Exclusive,
    Quote,
    Side,
    Source,
    StoryInfo,
    SummarySentence,
    TimelineEvent,
)

MAX_CLAIMS = 15
MAX_ENTITIES = 30
MAX_ALIASES = 6
MAX_SIDE_EVIDENCE = 3  # distinct evidence sentences shown per side of a disagreement
MAX_EXCLUSIVE_CLAIMS = 8  # per voice
MAX_EXCLUSIVE_VOICES = 10

DISAGREEMENT_MARK = "⚖"
# What kind of disagreement it is, in words a reader knows.
CONTRADICTION_KINDS = {
    "number": "figures differ",
    "date": "dates differ",
    "name": "names differ",
    "label": "labels differ",
    "negation": "one report denies what another states",
}

INFERRED_MARK = "≈"
INFERRED_NOTE = (
    "Inferred date: the report had no publication date, so the date counts from a reference "
    "date inferred from the story’s other reports."
)
UNATTRIBUTED = "unattributed"

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

# Characters that change Markdown rendering wherever they occur in a line.
_INLINE = re.compile(r"([\\`*_\[\]<|~])")
# An HTML entity or character reference: "&amp;" would render as "&".
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Block syntax that only matters at the start of a line: headings, quotes, lists.
_LEADING = re.compile(r"^(\s*)(#|>|[+\-=](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")
_SPACE = re.compile(r"\s+")


def escape_md(text: str | None) -> str:
    """Make `text` render literally as inline Markdown, on one line.

    Whitespace (newlines included) collapses to single spaces, so the text can sit
    in a list item or a paragraph without breaking it.
    """
    if not text:
        return ""
    text = _SPACE.sub(" ", text).strip()
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    m = _LEADING.match(text)
    if m:
        lead, mark = m.groups()
        if mark[0].isdigit():  # "1. " → "1\. "
            end = m.end()
            text = f"{text[:end]}\\{text[end:]}"
        else:
            text = f"{lead}\\{text[len(lead) :]}"
    return text


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def short_date(value: str | None) -> str | None:
    """The date part of an ISO 8601 date or datetime; anything else as given."""
    if not value:
        return None
    value = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}T", value):
        return value[:10]
    return value or None


def date_span(story: StoryInfo) -> str | None:
    """ "2024-03-01 – 2024-03-03", one date if start and end agree, or None."""
    start, end = short_date(story.start), short_date(story.end)
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end


def outlet_name(source: Source) -> str:
    return source.article.outlet or "unknown outlet"


def citations(source_ids: list[str]) -> str:
    return f"[{', '.join(escape_md(s) for s in source_ids)}]" if source_ids else ""


def event_dates(event: TimelineEvent) -> str:
    """ "2020-09-01", or "2020-09-01 – 2020-09-10" for a period."""
    start, end = short_date(event.date) or "undated", short_date(event.end)
    return f"{start} – {end}" if end and end != start else start


def entity_type(label: str | None) -> str:
    return ENTITY_TYPES.get(label or "", label or "")


def split_aliases(aliases: list[str], limit: int = MAX_ALIASES) -> tuple[list[str], int]:
    """The first `limit` non-empty aliases and how many more there are."""
    shown = [a for a in aliases if a and a.strip()]
    return shown[:limit], max(0, len(shown) - limit)


def reference_note(source: Source) -> str | None:
    """ "2020-09-14 (inferred)" when the source's reference date is worth showing."""
    ref = short_date(source.reference_date)
    if not ref:
        return None
    return f"{ref} (inferred)" if source.reference_inferred else ref


def contradiction_kind(kind: str | None) -> str:
    return CONTRADICTION_KINDS.get(kind or "", "reports differ")


def disagreement_id(index: int) -> str:
    """The page id of the `index`-th (0-based) contradiction's entry: "disagreement-1"…"""
    return f"disagreement-{index + 1}"


def line_contradiction(b: Briefing, line: SummarySentence) -> Contradiction | None:
    """The contradiction a summary line reports, or None for a plain line (or a bad index)."""
    n = line.contradiction
    if n is None or not 0 <= n < len(b.contradictions):
        return None
    return b.contradictions[n]


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass(slots=True)
class EvidenceGroup:
    """One distinct evidence sentence of a side, with every source that has it (copies)."""

    text: str  # "" when it only repeats the side's own text
    sources: list[str]
    evidence: list[Evidence | None]  # per source, its sentence


def side_evidence(side: Side, limit: int = MAX_SIDE_EVIDENCE) -> tuple[list[EvidenceGroup], int]:
    """A side's sources grouped by the sentence they say it in, and how many groups are left off.

    Sources with the same sentence (syndicated copies) share one group; a source without
    evidence gets a group of its own with no text, so every source stays cited.
    """
    groups: dict[str, EvidenceGroup] = {}
    bare: list[EvidenceGroup] = []
    same_as_side = _squash(side.text)
    for sid in side.sources:
        ev = next((e for e in side.evidence if e.source == sid), None)
        if ev is None:
            bare.append(EvidenceGroup("", [sid], [None]))
            continue
        key = _squash(ev.text)
        group = groups.setdefault(
            key, EvidenceGroup("" if key == same_as_side else ev.text, [], [])
        )
        group.sources.append(sid)
        group.evidence.append(ev)
    found = list(groups.values()) + bare
    return found[:limit], max(0, len(found) - limit)


def _same_outlet(a: Source | None, b: Source | None) -> bool:
    if a is None or b is None or not a.article.outlet or not b.article.outlet:
        return False
    return a.article.outlet.strip().casefold() == b.article.outlet.strip().casefold()


def _find_source(b: Briefing, source_id: str) -> Source | None:
    return next((s for s in b.sources if s.id == source_id), None)


def voice_relation(b: Briefing, source: Source) -> tuple[str, str] | None:
    """("copy of", "S3") or ("same outlet as", "S1") for a source that is not its own voice.

    Sources of one outlet are one voice whatever their text; sources of different outlets are
    one voice because one copies (or lightly rewrites) the other.
    """
    voice = source.voice
    if not voice or voice == source.id:
        return None
    if _same_outlet(source, _find_source(b, voice)):
        return ("same outlet as", voice)
    return ("copy of", voice)


# (text, source id to link or None): a sentence in pieces, so HTML can link the source ids.
Segment = tuple[str, str | None]


def _id_list(ids: list[str]) -> list[Segment]:
    out: list[Segment] = []
    for i, sid in enumerate(ids):
        if i:
            out.append((", " if i < len(ids) - 1 else " and ", None))
        out.append((sid, sid))
    return out


def exclusive_intro(b: Briefing, ex: Exclusive) -> list[Segment]:
    """ "Only S4 (Outlet) reports:", "Only S3 (Agency) and its copy S6 report:" as segments."""
    voice = _find_source(b, ex.source)
    outlet = voice.article.outlet if voice is not None else None
    out: list[Segment] = [("Only ", None), (ex.source, ex.source)]
    if outlet and outlet.strip():
        out.append((f" ({_squash(outlet)})", None))
    others = [sid for sid in ex.sources if sid != ex.source]
    if not others:
        return [*out, (" reports:", None)]
    same = [sid for sid in others if _same_outlet(voice, _find_source(b, sid))]
    copies = [sid for sid in others if sid not in same]
    parts: list[list[Segment]] = []
    if same:
        parts.append([*_id_list(same), (" of the same outlet", None)])
    if copies:
        parts.append([("its copies " if len(copies) > 1 else "its copy ", None), *_id_list(copies)])
    for i, part in enumerate(parts):
        out.append((" and " if i == len(parts) - 1 else ", ", None))
        out.extend(part)
    return [*out, (" report:", None)]


def exclusive_claims(
    b: Briefing, ex: Exclusive, limit: int = MAX_EXCLUSIVE_CLAIMS
) -> tuple[list[Claim], int]:
    """The voice's claims that are in the briefing, the first `limit` of them, and the rest."""
    by_id = {c.id: c for c in b.claims}
    found = [by_id[cid] for cid in ex.claims if cid in by_id]
    return found[:limit], max(0, len(found) - limit)


def support_note(claim: Claim) -> str | None:
    """ "3 sources, 2 independent" when copies make some of a claim's sources count once."""
    n = len(claim.sources)
    if claim.independent >= n:
        return None
    return f"{plural(n, 'source')}, {claim.independent} independent"


# ── sections ────────────────────────────────────────────────────────────────


def _header(b: Briefing) -> str:
    meta = [x for x in (date_span(b.story), plural(len(b.sources), "source")) if x]
    return f"# {escape_md(b.story.title) or 'Untitled story'}\n\n{escape_md(' · '.join(meta))}"


def _disagreement_line(c: Contradiction) -> str:
    """A summary line that reports a disagreement, each side with its citations."""
    sides = "; ".join(
        f"“{escape_md(side.text)}” {citations(side.sources)}".rstrip() for side in c.sides
    )
    return f"{DISAGREEMENT_MARK} Reports differ on the {escape_md(c.about)}: {sides}."


def _summary(b: Briefing) -> str:
    if not b.summary:
        return "## Summary\n\n*No summary sentences.*"
    blocks: list[str] = []
    prose: list[str] = []
    for s in b.summary:
        if s.contradiction is None:
            prose.append(f"{escape_md(s.text)} {citations(s.sources)}".rstrip())
            continue
        if prose:
            blocks.append(" ".join(prose))
            prose = []
        c = line_contradiction(b, s)
        if c is not None and c.sides:
            blocks.append(_disagreement_line(c))
        else:
            blocks.append(
                f"{DISAGREEMENT_MARK} {escape_md(s.text)} {citations(s.sources)}".rstrip()
            )
    if prose:
        blocks.append(" ".join(prose))
    return "## Summary\n\n" + "\n\n".join(blocks)


def _disagreements(b: Briefing) -> str | None:
    if not b.contradictions:
        return None
    entries = []
    for c in b.contradictions:
        lines = [f"**{escape_md(c.about) or 'Unnamed'}** · *{contradiction_kind(c.kind)}*", ""]
        for side in c.sides:
            text = f"“{escape_md(side.text)}”"
            lines.append(f"- **{text}** {citations(side.sources)}".rstrip())
            groups, more = side_evidence(side)
            for g in groups:
                if g.text:
                    label = ", ".join(escape_md(sid) for sid in g.sources)
                    lines.append(f"  - *{label}:* {escape_md(g.text)}")
            if more:
                lines.append(f"  - *… and {more} more*")
        entries.append("\n".join(lines))
    return "## Disagreements\n\n" + "\n\n".join(entries)


def _timeline(b: Briefing) -> str | None:
    if not b.timeline:
        return None
    lines = []
    for t in b.timeline:
        when = escape_md(event_dates(t))
        when = f"{INFERRED_MARK} {when}" if t.inferred else when
        item = f"- **{when}** — {escape_md(t.text)} {citations(t.sources)}"
        lines.append(item.rstrip())
    out = "## Timeline\n\n" + "\n".join(lines)
    if any(t.inferred for t in b.timeline):
        out += f"\n\n*{INFERRED_MARK} {escape_md(INFERRED_NOTE)}*"
    return out


def _quote_line(q: Quote) -> str:
    text = escape_md(q.text)
    parts = [f"“{text}”" if q.kind == "direct" else f"{text} *(reported)*"]
    if q.channel:
        parts.append(f"— via {escape_md(q.channel)}")
    parts.append(citations(q.sources))
    return "- " + " ".join(p for p in parts if p)


def _quotes(b: Briefing) -> str | None:
    if not b.quotes:
        return None
    by_speaker: dict[str | None, list[Quote]] = {}
    for q in b.quotes:  # grouped by speaker, speakers in order of their first quote
        by_speaker.setdefault(q.speaker or None, []).append(q)
    blocks = []
    for speaker, quotes in by_speaker.items():
        name = f"**{escape_md(speaker)}**" if speaker else f"*{UNATTRIBUTED}*"
        blocks.append(name + "\n\n" + "\n".join(_quote_line(q) for q in quotes))
    return "## Quotes\n\n" + "\n\n".join(blocks)


def _cell(text: str) -> str:
    """Table cell text: escape_md already escapes "|", so only emptiness needs care."""
    return text or " "


def _entities(b: Briefing, limit: int = MAX_ENTITIES) -> str | None:
    if not b.entities:
        return None
    rows = [
        "| Name | Type | Also called | Sources | Mentions |",
        "| --- | --- | --- | --- | ---: |",
    ]
    for e in b.entities[:limit]:
        shown, more = split_aliases(e.aliases)
        aliases = ", ".join(escape_md(a) for a in shown)
        if more:
            aliases += f" +{more} more"
        cells = [
            escape_md(e.name),
            escape_md(entity_type(e.type)),
            aliases,
            ", ".join(escape_md(s) for s in e.sources),
            str(e.mentions),
        ]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    out = "## Entities\n\n" + "\n".join(rows)
    rest = len(b.entities) - limit
    if rest > 0:
        out += f"\n\n*… and {rest} more {'entity' if rest == 1 else 'entities'}.*"
    return out


def _claims(b: Briefing, limit: int = MAX_CLAIMS) -> str:
    if not b.claims:
        return "## Claims\n\n*No claims.*"
    lines = []
    for c in b.claims[:limit]:
        backed = ", ".join(escape_md(s) for s in c.sources)
        note = support_note(c)
        line = f"- {escape_md(c.text)} — backed by {backed}"
        lines.append(f"{line} ({note})" if note else line)
    rest = len(b.claims) - limit
    if rest > 0:
        lines.append(f"\n*… and {plural(rest, 'more claim')}.*")
    return "## Claims\n\n" + "\n".join(lines)


def _segments(segments: list[Segment]) -> str:
    return escape_md("".join(text for text, _ in segments))


def _exclusive(b: Briefing, limit: int = MAX_EXCLUSIVE_VOICES) -> str | None:
    groups = [ex for ex in b.exclusive if exclusive_claims(b, ex)[0]]
    if not groups:
        return None
    blocks = []
    for ex in groups[:limit]:
        claims, more = exclusive_claims(b, ex)
        lines = [f"**{_segments(exclusive_intro(b, ex))}**", ""]
        lines += [f"- {escape_md(c.text)} {citations(c.sources)}".rstrip() for c in claims]
        if more:
            lines.append(f"- *… and {more} more*")
        blocks.append("\n".join(lines))
    rest = len(groups) - limit
    if rest > 0:
        blocks.append(f"*… and {plural(rest, 'more source')}.*")
    return "## Only one outlet reports\n\n" + "\n\n".join(blocks)


def _source_item(s: Source, b: Briefing) -> str:
    a = s.article
    title = f"“{escape_md(a.title)}”" if a.title else "*untitled*"
    head = [f"**{escape_md(s.id)}**", escape_md(outlet_name(s)), title]
    if a.author:
        head.append(f"by {escape_md(a.author)}")
    if a.published:
        head.append(escape_md(a.published))
    ref = reference_note(s)
    if ref and (s.reference_inferred or short_date(s.reference_date) != short_date(a.published)):
        head.append(f"reference date {escape_md(ref)}")
    head.append(plural(a.words, "word"))
    relation = voice_relation(b, s)
    if relation:
        head.append(f"{relation[0]} {escape_md(relation[1])}")
    item = "- " + " · ".join(head)
    where = [f"<{a.url}>" if _is_plain_url(a.url) else escape_md(a.url), escape_md(a.path)]
    where = [w for w in where if w]
    if where:
        item += "  \n  " + " · ".join(where)
    return item


def _sources(b: Briefing) -> str:
    if not b.sources:
        return "## Sources\n\n*No sources.*"
    return "## Sources\n\n" + "\n".join(_source_item(s, b) for s in b.sources)


def _is_plain_url(url: str | None) -> bool:
    """An http(s) URL that can sit in an <autolink> as is."""
    return bool(url) and re.fullmatch(r"https?://[^\s<>`\\]+", url, re.IGNORECASE) is not None


Section = Callable[[Briefing], str | None]

SECTIONS: list[Section] = [
    _header,
    _summary,
    _disagreements,
    _timeline,
    _claims,
    _quotes,
    _exclusive,
    _entities,
    _sources,
]


def to_markdown(briefing: Briefing) -> str:
    """The briefing as a Markdown document, ending with a newline."""
    parts = (section(briefing) for section in SECTIONS)
    return "\n\n".join(p for p in parts if p) + "\n"
