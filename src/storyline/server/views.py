"""View records for the pages, and the Jinja environment that draws them.

The story page reuses the briefing renderer (`storyline.render.html`): its section builders
make the view records and its section templates draw them. Two things differ on the server:

- citations link to the cited sentence in the article's own page (`/articles/12#S1-4`) and
  carry the sentence (`data-sentence-text`) for app.js to show in place. The builders call
  `ctx.citer.cite(source, evidence)`; `WebCiter` answers with `WebCite` records, and
  `templates/macros.html.j2` here, found before the renderer's own, draws them;
- article texts are not repeated on the story page (each has its page); the sources section is
  a list of links instead, and a source matrix (claims × sources) is added.

Everything is autoescaped; nothing is marked safe. Only http(s) URLs become links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2

from .. import __version__
from ..model import Briefing, Evidence
from ..render.html import (
    SECTIONS,
    Cite,
    Context,
    Paragraph,
    Piece,
    Section,
    _cited_anchors,
    _Citer,
    _paragraphs,
    _shorten,
    safe_url,
    source_view,
)
from ..render.markdown import date_span, outlet_name, plural, short_date
from .data import ArticleRow

MATRIX_CLAIMS = 15
_TITLE_CHARS = 160


@cache
def environment() -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PackageLoader("storyline", "server/templates"),
            jinja2.PackageLoader("storyline", "render/templates"),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["safe_url"] = safe_url
    return env


def render_page(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


# ── citations ───────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class WebCite(Cite):
    """A citation on the server's pages: `href` is "/articles/12#S1-4", "/articles/12", "#S1" or
    None, and the title the outlet."""

    outlet: str | None = None
    text: str | None = None  # the cited sentence, for the in-place popover


class WebCiter(_Citer):
    """`render.html`'s citer for the server: citations point into the articles' pages."""

    def __init__(self, briefing: Briefing, articles: dict[str, int]) -> None:
        super().__init__(briefing, set())
        self.articles = articles

    def cite(self, source_id: str, evidence: Evidence | None) -> WebCite:
        source = self.sources.get(source_id)
        if source is None:
            return WebCite(source_id, None, "Source not in this briefing")
        name = outlet_name(source)
        article = self.articles.get(source_id)
        if article is None:  # not in the store (cannot happen for a stored story): its entry
            return WebCite(source_id, f"#{source_id}", name, name)
        if evidence is not None:
            href = f"/articles/{article}#{evidence.anchor}"
            return WebCite(source_id, href, name, name, " ".join(evidence.text.split()))
        return WebCite(source_id, f"/articles/{article}", name, name)


# ── the story page ──────────────────────────────────────────────────────────


@dataclass(slots=True)
class SourceLink:
    id: str
    outlet: str
    title: str | None
    author: str | None
    published: str | None
    article: int | None  # the article's id in the store
    href: str | None  # the original URL, when it is safe to link
    words: int
    voice: str | None  # the source it is one voice with, when another


@dataclass(slots=True)
class MatrixRow:
    claim: str  # "C1"
    text: str
    independent: int
    cells: list[WebCite | None] = field(default_factory=list)  # one per source


def story_page(briefing: Briefing, articles: dict[str, int]) -> dict[str, Any]:
    """The story page's context: header facts and the sections, in order."""
    views = [source_view(briefing, s) for s in briefing.sources]
    citer = WebCiter(briefing, articles)
    ctx = Context(briefing, views, citer)
    built = [s for s in (build(ctx) for build in SECTIONS) if s is not None]
    sections = [s for s in built if s.id != "sources"]
    at = next((n + 1 for n, s in enumerate(sections) if s.id == "claims"), len(sections))
    if matrix := _matrix(briefing, citer):
        sections.insert(at, matrix)
    sections.append(_source_list(briefing, articles))
    story = briefing.story
    return {
        "title": story.title or "Untitled story",
        "key": story.id,
        "date_span": date_span(story),
        "source_count": plural(len(briefing.sources), "source"),
        "claim_count": plural(len(briefing.claims), "claim"),
        "sections": sections,
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
            citer.cite(s.id, evidence.get(s.id)) if s.id in backing else None
            for s in briefing.sources
        ]
        rows.append(MatrixRow(claim.id, claim.text, claim.independent, cells))
    columns = [{"id": s.id, "outlet": outlet_name(s)} for s in briefing.sources]
    data = {
        "rows": rows,
        "columns": columns,
        "rest": max(0, len(briefing.claims) - MATRIX_CLAIMS),
    }
    return Section("matrix", "Who reports what", "section-matrix.html.j2", data)


def _source_list(briefing: Briefing, articles: dict[str, int]) -> Section:
    links = [
        SourceLink(
            id=s.id,
            outlet=outlet_name(s),
            title=s.article.title,
            author=s.article.author,
            published=short_date(s.article.published),
            article=articles.get(s.id),
            href=safe_url(s.article.url),
            words=s.article.words,
            voice=s.voice if s.voice and s.voice != s.id else None,
        )
        for s in briefing.sources
    ]
    return Section("sources", "Sources", "section-source-list.html.j2", links)


# ── the article page ────────────────────────────────────────────────────────


def article_page(row: ArticleRow, briefing: Briefing | None) -> dict[str, Any]:
    """The article's text in paragraphs; the sentences its story's briefing uses are `fed`."""
    source = None
    if briefing is not None:
        source = next((s for s in briefing.sources if s.article.content_hash == row.hash), None)
    if source is not None and source.sentences:
        fed = _cited_anchors(briefing)
        paragraphs = _paragraphs(source, fed, set())
        fed_count = sum(p.cited for para in paragraphs for p in para.pieces)
    else:
        paragraphs = [Paragraph([Piece(p)]) for p in row.text.split("\n\n") if p.strip()]
        fed_count = 0
    return {
        "title": row.title or _shorten(row.text, _TITLE_CHARS),
        "article": row,
        "source": source.id if source else None,
        "href": safe_url(row.url),
        "published": short_date(row.published),
        "paragraphs": paragraphs,
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
