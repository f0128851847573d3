"""Output formats for a briefing: Markdown for people, JSON for programs, HTML to share.

`render(briefing, fmt)` is the single entry point; each format lives in its own module.
"""

from __future__ import annotations

import json

from storyline.model import Briefing
from storyline.render.html import to_html
from storyline.render.markdown import escape_md, to_markdown

FORMATS = ("markdown", "json", "html")

__all__ = ["FORMATS", "escape_md", "render", "to_html", "to_json", "to_markdown"]


def to_json(briefing: Briefing) -> str:
    """The JSON contract (`Briefing.to_dict()`), pretty-printed, non-ASCII kept as is."""
    return json.dumps(briefing.to_dict(), ensure_ascii=False, indent=2)


def render(briefing: Briefing, fmt: str) -> str:
    """`briefing` in output format `fmt`, one of `FORMATS`; ValueError for anything else."""
    if fmt == "markdown":
        return to_markdown(briefing)
    if fmt == "json":
        return to_json(briefing)
    if fmt == "html":
        return to_html(briefing)
    raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
