"""Render a briefing as Markdown, for reading in a terminal or pasting anywhere.

The document is a list of sections, each produced by one function in `SECTIONS`;
a later stage adds its section by writing one more function and listing it.
Every piece of article text goes through `escape_md()` so a headline such as
"# Breaking" or "*Update*" cannot change the document's structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.model import Briefing, Source, StoryInfo

MAX_CLAIMS = 15

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

SECTIONS: list[Section] = [_header, _summary, _claims, _sources]


def to_markdown(briefing: Briefing) -> str:
    """The briefing as a Markdown document, ending with a newline."""
    parts = (section(briefing) for section in SECTIONS)
    return "\n\n".join(p for p in parts if p) + "\n"
