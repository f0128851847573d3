"""The JSON API under /api: health, stories, briefings, articles, and ingest."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from .. import __version__
from . import data
from .deps import SettingsDep, StoresDep, require_read, require_write
from .intake import Body, articles_from, ingest_and_queue, parse_content_type

router = APIRouter(prefix="/api", tags=["api"])
read = [Depends(require_read)]

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or wrong token (with WWW-Authenticate: Bearer)"},
    404: {"description": "Unknown story or article"},
}
Filter = Annotated[str | None, Query(max_length=500)]


@router.get("/health", dependencies=read, summary="Server status and store counts")
def health(stores: StoresDep) -> dict[str, Any]:
    with stores.open() as store:
        return {
            "status": "ok",
            "version": __version__,
            "articles": store.count_articles(),
            "stories": store.count_stories(),
        }


# HEAD too, for uptime checks (kept out of the schema: one operation per path and method).
router.add_api_route(
    "/health", health, methods=["HEAD"], dependencies=read, include_in_schema=False
)


@router.get("/stories", dependencies=read, summary="Stories, largest first, with search and paging")
def stories(
    stores: StoresDep,
    q: Annotated[
        str | None, Query(max_length=500, description="Full-text search (FTS5, or plain words)")
    ] = None,
    since: Annotated[str | None, Query(description="Active on or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="Active on or before YYYY-MM-DD")] = None,
    outlet: Filter = None,
    entity: Filter = None,
    limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    since, until = data.day_param(since, "since"), data.day_param(until, "until")
    with stores.open() as store:
        rows, more = data.find_stories(store, q, since, until, outlet, entity, limit, offset)
    return {
        "stories": [asdict(r) for r in rows],
        "limit": limit,
        "offset": offset,
        "next": offset + limit if more else None,
    }


@router.get(
    "/stories/{key}",
    dependencies=read,
    responses=ERRORS,
    summary="A story's briefing (the JSON contract): the latest one, at once",
    description=(
        "The latest stored briefing, at once; the header Briefing-State says `current`, "
        "`updating` when the story has grown since and a newer briefing is being made in the "
        "background, or `stale` when that failed. With fresh=true, or before a story's first "
        "briefing, the answer waits for a briefing of all the story's reports."
    ),
)
def story(
    key: Annotated[str, Path(max_length=64)],
    stores: StoresDep,
    fresh: Annotated[
        bool, Query(description="Wait for a briefing of all the story's reports")
    ] = False,
) -> JSONResponse:
    with stores.open() as store:
        shown = None if fresh else data.latest(store, key, stores.briefer)
        if shown is None or shown.briefing is None:
            briefing, state = data.current(store, key, stores.briefer), "current"
        else:
            briefing, state = shown.briefing, shown.state
    return JSONResponse(briefing.to_dict(), headers={"Briefing-State": state})


@router.get(
    "/articles/{article_id}", dependencies=read, responses=ERRORS, summary="A stored article"
)
def article(article_id: Annotated[int, Path(ge=1)], stores: StoresDep) -> dict[str, Any]:
    with stores.open() as store:
        return data.article(store, article_id).to_dict()


@router.post(
    "/articles",
    dependencies=[Depends(require_write)],
    status_code=201,
    summary="Ingest articles; their stories are briefed again in the background",
    description=(
        'Body: JSON (an object, a list, or {"articles": [...]}; each with text, body or html, '
        "and optional title, url, published, outlet, author), raw text/html, or text/plain "
        "(metadata from the query string). Needs Authorization: Bearer <token>. "
        "201 when an article was new, 200 when all were known. The answer comes once the "
        "articles are stored; their stories are briefed after it, in the background."
    ),
    responses={
        200: {"description": "Every article was already stored"},
        401: ERRORS[401],
        403: {"description": "Writes are disabled: no token configured"},
        413: {"description": "Body over max_request_bytes"},
        415: {"description": "Unsupported content type"},
        422: {"description": "No usable article text"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "text/html": {"schema": {"type": "string"}},
                "text/plain": {"schema": {"type": "string"}},
            },
        }
    },
)
async def ingest(
    request: Request,
    stores: StoresDep,
    settings: SettingsDep,
    title: Filter = None,
    url: Annotated[str | None, Query(max_length=2000)] = None,
    outlet: Filter = None,
    published: Annotated[str | None, Query(max_length=64)] = None,
    author: Filter = None,
) -> JSONResponse:
    media_type, charset = parse_content_type(request.headers.get("content-type"))
    chunks = []
    try:
        async for chunk in request.stream():  # the size limit is enforced while this reads
            chunks.append(chunk)
    except ClientDisconnect:  # nobody is left to answer
        return JSONResponse({"error": {"status": 400, "message": "incomplete body"}}, 400)
    body = Body(media_type, charset, b"".join(chunks))
    meta = {
        "title": title,
        "url": url,
        "outlet": outlet,
        "published": published,
        "author": author,
    }
    articles = await run_in_threadpool(articles_from, body, meta)
    result = await run_in_threadpool(ingest_and_queue, articles, settings, stores)
    created = any(a["new"] for a in result["articles"])
    return JSONResponse(result, status_code=201 if created else 200)
