"""Render a briefing as Markdown, for reading in a terminal or pasting anywhere.

The document is the header and then the sections of `view.briefing_view()`, each drawn by its
function in `DRAW` under its title. Every piece of article text goes through `escape_md()` so
a headline such as "# Breaking" or "*Update*" cannot change the document's structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from storyline.model import Briefing
from storyline.render.records import (
    Citation,
    ClaimView,
    DisagreementLine,
    DisagreementView,
    DisputedLine,
    EntityView,
    ExclusiveView,
    QuoteView,
    Section,
    Shortlist,
    SourceView,
    SummaryBlock,
    TimelineView,
)
from storyline.render.view import briefing_view
from storyline.render.wording import (
    DISAGREEMENT_MARK,
    INFERRED_MARK,
    INFERRED_NOTE,
    UNATTRIBUTED,
    UNTITLED,
    plural,
)

MAX_CLAIMS = 15

# Characters that change Markdown rendering wherever they occur in a line.
_INLINE = re.compile(r"([\\`*_\[\]<|~])")
# An HTML entity or character reference: "&amp;" would render as "&".
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Block syntax that only matters at the start of a line: headings, quotes, lists.
_LEADING = re.compile(r"^(\s*)(#|>|[+\-=](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")
_SPACE = re.compile(r"\s+")
# An http(s) URL that can sit in an <autolink> as is.
_PLAIN_URL = re.compile(r"https?://[^\s<>`\\]+", re.IGNORECASE)


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


def _ids(cites: list[Citation]) -> str:
    return ", ".join(escape_md(c.source) for c in cites)


def citations(cites: list[Citation]) -> str:
    """ "[S1, S3]", or "" for none."""
    return f"[{_ids(cites)}]" if cites else ""


def _cited(text: str, cites: list[Citation]) -> str:
    return f"{text} {citations(cites)}".rstrip()


# ── sections ────────────────────────────────────────────────────────────────


def _disagreement_line(d: DisagreementView) -> str:
    """A summary line that reports a disagreement, each side with its citations."""
    sides = "; ".join(_cited(f"“{escape_md(side.text)}”", side.cites) for side in d.sides)
    return f"{DISAGREEMENT_MARK} Reports differ on the {escape_md(d.about)}: {sides}."


def _summary(blocks: list[SummaryBlock]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, DisagreementLine):
            out.append(_disagreement_line(block.disagreement))
        elif isinstance(block, DisputedLine):
            line = block.line
            out.append(_cited(f"{DISAGREEMENT_MARK} {escape_md(line.text)}", line.cites))
        else:
            out.append(" ".join(_cited(escape_md(line.text), line.cites) for line in block.lines))
    return "\n\n".join(out)


def _disagreements(entries: list[DisagreementView]) -> str:
    out = []
    for d in entries:
        lines = [f"**{escape_md(d.about) or 'Unnamed'}** · *{d.label}*", ""]
        for side in d.sides:
            lines.append(_cited(f"- **“{escape_md(side.text)}”**", side.cites))
            lines += [f"  - *{_ids(ev.cites)}:* {escape_md(ev.text)}" for ev in side.evidence]
            if side.more:
                lines.append(f"  - *… and {side.more} more*")
        out.append("\n".join(lines))
    return "\n\n".join(out)


def _timeline(timeline: TimelineView) -> str:
    lines = []
    for t in timeline.events:
        when = escape_md(t.dates)
        when = f"{INFERRED_MARK} {when}" if t.inferred else when
        lines.append(_cited(f"- **{when}** — {escape_md(t.text)}", t.cites))
    out = "\n".join(lines)
    if timeline.any_inferred:
        out += f"\n\n*{INFERRED_MARK} {escape_md(INFERRED_NOTE)}*"
    return out


def _claims(rows: list[ClaimView]) -> str:
    lines = []
    for c in rows[:MAX_CLAIMS]:
        line = f"- {escape_md(c.text)} — backed by {_ids(c.cites)}"
        lines.append(f"{line} ({c.note})" if c.note else line)
    rest = len(rows) - MAX_CLAIMS
    if rest > 0:
        lines.append(f"\n*… and {plural(rest, 'more claim')}.*")
    return "\n".join(lines)


def _quote_line(q: QuoteView) -> str:
    text = escape_md(q.text)
    parts = [f"“{text}”" if q.direct else f"{text} *(reported)*"]
    if q.channel:
        parts.append(f"— via {escape_md(q.channel)}")
    parts.append(citations(q.cites))
    return "- " + " ".join(p for p in parts if p)


def _quotes(quotes: list[QuoteView]) -> str:
    by_speaker: dict[str | None, list[QuoteView]] = {}
    for q in quotes:  # grouped by speaker, speakers in order of their first quote
        by_speaker.setdefault(q.speaker, []).append(q)
    blocks = []
    for speaker, said in by_speaker.items():
        name = f"**{escape_md(speaker)}**" if speaker else f"*{UNATTRIBUTED}*"
        blocks.append(name + "\n\n" + "\n".join(_quote_line(q) for q in said))
    return "\n\n".join(blocks)


def _exclusive(exclusive: Shortlist[ExclusiveView]) -> str:
    blocks = []
    for voice in exclusive.shown:
        intro = escape_md("".join(text for text, _ in voice.intro))
        lines = [f"**{intro}**", ""]
        lines += [_cited(f"- {escape_md(c.text)}", c.cites) for c in voice.claims]
        if voice.more:
            lines.append(f"- *… and {voice.more} more*")
        blocks.append("\n".join(lines))
    if exclusive.rest:
        blocks.append(f"*… and {plural(exclusive.rest, 'more source')}.*")
    return "\n\n".join(blocks)


def _entities(entities: Shortlist[EntityView]) -> str:
    rows = [
        "| Name | Type | Also called | Sources | Mentions |",
        "| --- | --- | --- | --- | ---: |",
    ]
    for e in entities.shown:
        aliases = ", ".join(escape_md(a) for a in e.aliases)
        if e.more:
            aliases += f" +{e.more} more"
        cells = [escape_md(e.name), escape_md(e.type), aliases, _ids(e.cites), str(e.mentions)]
        # escape_md already escapes "|", so only an empty cell needs care
        rows.append("| " + " | ".join(c or " " for c in cells) + " |")
    out = "\n".join(rows)
    if rest := entities.rest:
        out += f"\n\n*… and {rest} more {'entity' if rest == 1 else 'entities'}.*"
    return out


def _source_item(s: SourceView) -> str:
    title = f"“{escape_md(s.title)}”" if s.title else "*untitled*"
    head = [f"**{escape_md(s.id)}**", escape_md(s.outlet), title]
    if s.author:
        head.append(f"by {escape_md(s.author)}")
    if s.published:
        head.append(escape_md(s.published))
    if s.reference and s.reference_differs:
        head.append(f"reference date {escape_md(s.reference)}")
    head.append(s.length)
    if s.voice:
        head.append(f"{s.voice.relation} {escape_md(s.voice.source)}")
    item = "- " + " · ".join(head)
    url = f"<{s.url}>" if s.url and _PLAIN_URL.fullmatch(s.url) else escape_md(s.url)
    where = [w for w in (url, escape_md(s.path)) if w]
    if where:
        item += "  \n  " + " · ".join(where)
    return item


def _sources(sources: list[SourceView]) -> str:
    return "\n".join(_source_item(s) for s in sources)


# How each section of the view is drawn, by its id.
DRAW: dict[str, Callable[[Any], str]] = {
    "summary": _summary,
    "disagreements": _disagreements,
    "timeline": _timeline,
    "claims": _claims,
    "quotes": _quotes,
    "exclusive": _exclusive,
    "entities": _entities,
    "sources": _sources,
}


def _section(section: Section) -> str:
    body = DRAW[section.id](section.data) if section.data else f"*{section.empty}*"
    return f"## {section.title}\n\n{body}"


def to_markdown(briefing: Briefing) -> str:
    """The briefing as a Markdown document, ending with a newline."""
    view = briefing_view(briefing)
    meta = " · ".join(x for x in (view.date_span, view.source_count) if x)
    # A title of only spaces escapes to nothing; the page still gets a heading.
    header = f"# {escape_md(view.title) or UNTITLED}\n\n{escape_md(meta)}"
    return "\n\n".join([header, *(_section(s) for s in view.sections)]) + "\n"
