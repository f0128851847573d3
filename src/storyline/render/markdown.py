"""Render a briefing as Markdown, for reading in a terminal or pasting anywhere.

The document is a list of sections, each produced by one function in `SECTIONS`;
a later stage adds its section by writing one more function and listing it.
Every piece of article text goes through `escape_md()` so a headline such as
"# Breaking" or "*Update*" cannot change the document's structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.model import Briefing, Quote, Source, StoryInfo, TimelineEvent

MAX_CLAIMS = 15
MAX_ENTITIES = 30
MAX_ALIASES = 6

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


# ── sections ────────────────────────────────────────────────────────────────


def _header(b: Briefing) -> str:
    meta = [x for x in (date_span(b.story), plural(len(b.sources), "source")) if x]
    return f"# {escape_md(b.story.title) or 'Untitled story'}\n\n{escape_md(' · '.join(meta))}"


def _summary(b: Briefing) -> str:
    if not b.summary:
        return "## Summary\n\n*No summary sentences.*"
    parts = []
    for s in b.summary:
        cite = citations(s.sources)
        parts.append(f"{escape_md(s.text)} {cite}".rstrip())
    return "## Summary\n\n" + " ".join(parts)


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
        lines.append(f"- {escape_md(c.text)} — backed by {backed} ({c.independent} independent)")
    rest = len(b.claims) - limit
    if rest > 0:
        lines.append(f"\n*… and {plural(rest, 'more claim')}.*")
    return "## Claims\n\n" + "\n".join(lines)


def _source_item(s: Source) -> str:
    a = s.article
    title = f"“{escape_md(a.title)}”" if a.title else "*untitled*"
    head = [f"**{escape_md(s.id)}**", escape_md(outlet_name(s)), title]
    if a.published:
        head.append(escape_md(a.published))
    ref = reference_note(s)
    if ref and (s.reference_inferred or short_date(s.reference_date) != short_date(a.published)):
        head.append(f"reference date {escape_md(ref)}")
    head.append(plural(a.words, "word"))
    item = "- " + " · ".join(head)
    where = [f"<{a.url}>" if _is_plain_url(a.url) else escape_md(a.url), escape_md(a.path)]
    where = [w for w in where if w]
    if where:
        item += "  \n  " + " · ".join(where)
    return item


def _sources(b: Briefing) -> str:
    if not b.sources:
        return "## Sources\n\n*No sources.*"
    return "## Sources\n\n" + "\n".join(_source_item(s) for s in b.sources)


def _is_plain_url(url: str | None) -> bool:
    """An http(s) URL that can sit in an <autolink> as is."""
    return bool(url) and re.fullmatch(r"https?://[^\s<>`\\]+", url, re.IGNORECASE) is not None


Section = Callable[[Briefing], str | None]

SECTIONS: list[Section] = [
    _header,
    _summary,
    _timeline,
    _claims,
    _quotes,
    _entities,
    _sources,
]


def to_markdown(briefing: Briefing) -> str:
    """The briefing as a Markdown document, ending with a newline."""
    parts = (section(briefing) for section in SECTIONS)
    return "\n\n".join(p for p in parts if p) + "\n"
