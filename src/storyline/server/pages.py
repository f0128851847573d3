"""The HTML pages: the story list with search, a story's briefing, an article, the API docs."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from . import data
from .deps import StoresDep, require_read
from .views import api_docs, article_page, pending_page, render_page, story_page

router = APIRouter(include_in_schema=False)
read = [Depends(require_read)]
PAGE_SIZE = 20

Text = Annotated[str | None, Query(max_length=500)]


@router.api_route("/", methods=["GET", "HEAD"], dependencies=read, response_class=HTMLResponse)
def index(
    stores: StoresDep,
    q: Text = None,
    since: Text = None,
    until: Text = None,
    outlet: Text = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    day_since, day_until = data.day_param(since, "since"), data.day_param(until, "until")
    offset = (page - 1) * PAGE_SIZE
    with stores.open() as store:
        rows, more = data.find_stories(
            store, q, day_since, day_until, outlet, None, PAGE_SIZE, offset
        )
        empty_store = not rows and page == 1 and store.count_articles() == 0
    kept = {"q": q, "since": day_since, "until": day_until, "outlet": outlet}
    kept = {k: v.strip() for k, v in kept.items() if v and v.strip()}

    def page_url(n: int) -> str:
        query = urlencode({**kept, **({"page": n} if n > 1 else {})})
        return f"/?{query}" if query else "/"

    html = render_page(
        "index.html.j2",
        title="Stories",
        rows=rows,
        q=kept.get("q", ""),
        since=kept.get("since", ""),
        until=kept.get("until", ""),
        outlet=kept.get("outlet", ""),
        filtered=bool(kept),
        first=offset + 1,
        prev_url=page_url(page - 1) if page > 1 else None,
        next_url=page_url(page + 1) if more else None,
        empty_store=empty_store,
    )
    return HTMLResponse(html)


@router.api_route(
    "/stories/{key}", methods=["GET", "HEAD"], dependencies=read, response_class=HTMLResponse
)
def story(key: Annotated[str, Path(max_length=64)], stores: StoresDep) -> HTMLResponse:
    """The story's latest briefing, at once; a note says when a newer one is being made."""
    with stores.open() as store:
        shown = data.latest(store, key, stores.briefer)
        if shown.briefing is None:  # before its first briefing: the reports, while it is made
            reports = store.story_reports(key)
            html = render_page("story-pending.html.j2", **pending_page(shown, reports))
            return HTMLResponse(html)
        articles = data.source_articles(store, shown.briefing)
    context = story_page(shown.briefing, articles)
    html = render_page("story.html.j2", **context, state=shown.state, shown=shown)
    return HTMLResponse(html)


@router.api_route(
    "/articles/{article_id}",
    methods=["GET", "HEAD"],
    dependencies=read,
    response_class=HTMLResponse,
)
def article(article_id: Annotated[int, Path(ge=1)], stores: StoresDep) -> HTMLResponse:
    with stores.open() as store:
        row = data.article(store, article_id)
        briefing = None
        story_title = None
        if row.story:
            story_title = store.story_title(row.story)
            briefing = data.latest(store, row.story, stores.briefer).briefing
    context = article_page(row, briefing)
    return HTMLResponse(render_page("article.html.j2", story_title=story_title, **context))


@router.api_route("/docs", methods=["GET", "HEAD"], response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference, drawn from the OpenAPI schema on the server (no CDN assets)."""
    operations = api_docs(request.app.openapi())
    return HTMLResponse(render_page("docs.html.j2", title="API", operations=operations))


@router.get("/static/briefing.css")
def briefing_css() -> Response:
    """The briefing renderer's stylesheet, which the section templates are drawn for."""
    return Response(
        _briefing_css(),
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@cache
def _briefing_css() -> str:
    return (files("storyline.render") / "templates" / "briefing.css").read_text("utf-8")
