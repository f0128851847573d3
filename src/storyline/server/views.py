"""View records for the pages, and the Jinja environment that draws them.

The story page draws the briefing's view (`storyline.render.view`) with the briefing renderer's
section templates. Three things differ on the server, each by a template in `templates/` here,
which is searched before the renderer's:

- citations link to the cited sentence in the article's own page (`/articles/12#S1-4`) and
  carry the sentence (`data-sentence-text`) for app.js to show in place: `WebCiter` answers the
  templates' `link(citation)`, and `macros.html.j2` draws its answers;
- article texts are not repeated on the story page (each has its page): `section-sources.html.j2`
  lists links to them instead;
- a source matrix (claims × sources) follows the claims.

Everything is autoescaped; nothing is marked safe. Only http(s) URLs become links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2

from ..model import Briefing, Evidence
from ..render.article import Paragraph, Piece, cited_anchors, paragraphs
from ..render.html import Cite, Citer, safe_url
from ..render.html import environment as render_environment
from ..render.records import Citation, Section
from ..render.view import briefing_view
from ..render.wording import UNTITLED, date_span, outlet_name, short_date, shorten
from .data import ArticleRow, Latest

MATRIX_CLAIMS = 15
_TITLE_CHARS = 160


@cache
def environment() -> jinja2.Environment:
    env = render_environment("server/templates", "render/templates", keep_trailing_newline=False)
    env.filters["date_span"] = date_span  # the story list shows each story's dates as its page
    return env


def render_page(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def compile_templates() -> None:
    """Compile every page and section template now (the server calls it as it starts), so the
    first view of a page does not pay for it."""
    env = environment()
    for name in env.list_templates(filter_func=lambda name: name.endswith(".j2")):
        env.get_template(name)


# ── citations ───────────────────────────────────────────────────────────────


class WebCiter(Citer):
    """The renderer's citer for the server: citations point into the articles' pages, and
    carry the outlet and the sentence for the in-place popover."""

    def __init__(self, briefing: Briefing, articles: dict[str, int]) -> None:
        super().__init__(briefing, set())
        self.articles = articles

    def target(self, source_id: str, outlet: str, evidence: Evidence | None) -> Cite:
        article = self.articles.get(source_id)
        if article is None:  # not in the store (cannot happen for a stored story): its entry
            return Cite(source_id, f"#{source_id}", outlet, outlet)
        if evidence is not None:
            href = f"/articles/{article}#{evidence.anchor}"
            return Cite(source_id, href, outlet, outlet, " ".join(evidence.text.split()))
        return Cite(source_id, f"/articles/{article}", outlet, outlet)


# ── the story page ──────────────────────────────────────────────────────────


@dataclass(slots=True)
class MatrixRow:
    claim: str  # "C1"
    text: str
    independent: int
    cells: list[Cite | None] = field(default_factory=list)  # one per source


def story_page(briefing: Briefing, articles: dict[str, int]) -> dict[str, Any]:
    """The story page's context: header facts, the sections in order, and how to link."""
    view = briefing_view(briefing)
    citer = WebCiter(briefing, articles)
    sections = list(view.sections)
    at = next((n + 1 for n, s in enumerate(sections) if s.id == "claims"), len(sections))
    if matrix := _matrix(briefing, citer):
        sections.insert(at, matrix)
    return {
        "title": view.title,
        "key": briefing.story.id,
        "date_span": view.date_span,
        "source_count": view.source_count,
        "claim_count": view.claim_count,
        "sections": sections,
        "link": citer.cite,
        "articles": articles,
    }


def _matrix(briefing: Briefing, citer: WebCiter) -> Section | None:
    """Rows: the top claims; columns: the sources; a cell links the sentence that backs it."""
    if not briefing.claims or not briefing.sources:
        return None
    rows = []
    for claim in briefing.claims[:MATRIX_CLAIMS]:
        evidence = {e.source: e for e in claim.evidence}
        backing = set(claim.sources)
        cells = [
            citer.cite(Citation(s.id, evidence.get(s.id))) if s.id in backing else None
            for s in briefing.sources
        ]
        rows.append(MatrixRow(claim.id, claim.text, claim.independent, cells))
    columns = [{"id": s.id, "outlet": outlet_name(s)} for s in briefing.sources]
    data = {
        "rows": rows,
        "columns": columns,
        "rest": max(0, len(briefing.claims) - MATRIX_CLAIMS),
    }
    return Section("matrix", "Who reports what", data)


def pending_page(shown: Latest, reports: list[ArticleRow]) -> dict[str, Any]:
    """A story before its first briefing: what the list says of it, and its reports."""
    story = shown.story
    return {
        "title": story.title or UNTITLED,
        "key": story.id,
        "date_span": date_span(story),
        "state": shown.state,
        "failure": shown.failure,
        "reports": [
            {
                "id": r.id,
                "title": r.title or shorten(r.text, _TITLE_CHARS),
                "outlet": r.outlet or "Unknown outlet",
                "published": short_date(r.published),
            }
            for r in reports
        ],
    }


# ── the article page ────────────────────────────────────────────────────────


def article_page(row: ArticleRow, briefing: Briefing | None) -> dict[str, Any]:
    """The article's text in paragraphs; the sentences its story's briefing uses are `fed`."""
    source = None
    if briefing is not None:
        source = next((s for s in briefing.sources if s.article.content_hash == row.hash), None)
    if source is not None and source.sentences:
        found = paragraphs(source, cited_anchors(briefing), set())
        fed_count = sum(p.cited for para in found for p in para.pieces)
    else:
        found = [Paragraph([Piece(p)]) for p in row.text.split("\n\n") if p.strip()]
        fed_count = 0
    return {
        "title": row.title or shorten(row.text, _TITLE_CHARS),
        "article": row,
        "source": source.id if source else None,
        "href": safe_url(row.url),
        "published": short_date(row.published),
        "paragraphs": found,
        "fed": fed_count,
        "briefed": source is not None,
    }


# ── the API docs page ───────────────────────────────────────────────────────


def api_docs(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The OpenAPI schema's operations, flattened for a plain HTML listing."""
    out = []
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            params = [
                {
                    "name": p.get("name", ""),
                    "where": p.get("in", ""),
                    "required": p.get("required", False),
                    "type": _type(p.get("schema", {})),
                    "description": p.get("description") or "",
                }
                for p in op.get("parameters", [])
            ]
            body = sorted(op.get("requestBody", {}).get("content", {}))
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "body": body,
                    "responses": [
                        (code, r.get("description", ""))
                        for code, r in sorted(op.get("responses", {}).items())
                    ],
                    "auth": "write token" if method != "get" else "read token when set",
                }
            )
    return out


def _type(schema: dict[str, Any]) -> str:
    if "type" in schema:
        return str(schema["type"])
    kinds = [s.get("type") for s in schema.get("anyOf", []) if s.get("type") not in (None, "null")]
    return " | ".join(map(str, kinds)) or "any"
