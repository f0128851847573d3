"""Render a briefing as one self-contained HTML5 page.

The sections of `view.briefing_view()` are drawn by Jinja2 (autoescaping everything), each by
its template `templates/section-<id>.html.j2`; article text is untrusted and never reaches
the page unescaped. Templates stay flat in `templates/`: the package data glob
`render/templates/*` does not descend into subdirectories.

Citations link to the exact source sentence (`#S1-4`), which the Sources section renders as
`<span id="S1-4" class="sentence">`. A citation whose sentence is not on the page (e.g. a
briefing stored without article texts) falls back to the source's own section, so no link on
the page dangles. The templates turn a view's `Citation` into a link with `link(citation)`,
which the page's citer answers; the server's pages pass their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import jinja2

from storyline import __version__
from storyline.model import Briefing, Evidence
from storyline.render import wording
from storyline.render.records import Citation
from storyline.render.view import briefing_view
from storyline.render.wording import outlet_name, shorten

TEMPLATE = "briefing.html.j2"
_TOOLTIP_CHARS = 240
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\]+", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) URL fit for an href, else None."""
    if not url:
        return None
    url = url.strip()
    return url if _SAFE_URL.fullmatch(url) else None


def environment(*folders: str, keep_trailing_newline: bool = True) -> jinja2.Environment:
    """An autoescaping environment over the package's template `folders`, searched in order,
    with the globals the section templates use."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.PackageLoader("storyline", f) for f in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )
    env.globals.update(
        version=__version__,
        safe_url=safe_url,
        DISAGREEMENT_MARK=wording.DISAGREEMENT_MARK,
        INFERRED_MARK=wording.INFERRED_MARK,
        INFERRED_NOTE=wording.INFERRED_NOTE,
        UNATTRIBUTED=wording.UNATTRIBUTED,
    )
    return env


@cache
def _report_environment() -> jinja2.Environment:
    return environment("render/templates")


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation as a page draws it."""

    label: str  # "S1"
    href: str | None  # "#S1-4", "#S1", or None when the source is not on the page
    title: str | None = None  # tooltip: where it points and the sentence it cites
    outlet: str | None = None  # for pages that show the cited sentence in place: its outlet
    text: str | None = None  # and the sentence


class Citer:
    """Turns a citation into a link to the most precise target on the page."""

    def __init__(self, b: Briefing, sentences: set[str]) -> None:
        self.sources = {s.id: s for s in b.sources}
        self.sentences = sentences  # the anchors of the sentences on the page

    def cite(self, citation: Citation) -> Cite:
        source = self.sources.get(citation.source)
        if source is None:
            return Cite(citation.source, None, "Source not in this briefing")
        return self.target(citation.source, outlet_name(source), citation.evidence)

    def target(self, source_id: str, outlet: str, evidence: Evidence | None) -> Cite:
        """The citation of a source of the briefing: its sentence when on the page, else it."""
        if evidence is not None and evidence.anchor in self.sentences:
            tooltip = f"{outlet}: {shorten(evidence.text, _TOOLTIP_CHARS)}"
            return Cite(source_id, f"#{evidence.anchor}", tooltip)
        return Cite(source_id, f"#{source_id}", outlet)


def to_html(briefing: Briefing) -> str:
    """The briefing as a complete HTML5 document with inline CSS and no external assets."""
    view = briefing_view(briefing)
    citer = Citer(briefing, view.anchors)
    return (
        _report_environment()
        .get_template(TEMPLATE)
        .render(
            title=view.title,
            date_span=view.date_span,
            source_count=view.source_count,
            claim_count=view.claim_count,
            sections=view.sections,
            link=citer.cite,
        )
    )
