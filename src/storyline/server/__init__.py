"""`storyline serve`: the store's stories as web pages and a JSON API (FastAPI + Uvicorn).

`create_app(settings)` builds the app; `serve(settings)` runs it. Nothing heavy happens here:
the models load on the first request that ingests, or when the background briefer (`briefer.py`)
first briefs a story. Pages show stored briefings: a reader never waits for one to be made.

Routes: `/` (stories, search), `/stories/{key}` (a briefing), `/articles/{id}` (an article with
the sentences its briefing uses highlighted), `/docs` (the API, from `/openapi.json`), and the
JSON API under `/api` (see `api.py`). Reads are open unless `read_token` is set; writes need
`token`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from .. import __version__
from ..settings import Settings
from ..store import Store
from . import api, errors, pages
from .briefer import Briefer
from .guard import MAX_REQUEST_HEAD_BYTES, RequestGuard
from .security import BodyLimit, SecurityHeaders
from .views import compile_templates

__all__ = ["create_app", "serve"]

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def create_app(settings: Settings) -> FastAPI:
    """The FastAPI app over the store `settings.db_path` (created if absent)."""
    Store(settings.db_path).close()  # fail now, not on the first request, if it cannot open
    app = FastAPI(
        lifespan=_lifespan,
        title="storyline",
        version=__version__,
        description="News reports in; cited briefings out. Writes need a bearer token.",
        docs_url=None,  # /docs is a server-rendered page (pages.py): the default loads a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.work_lock = threading.Lock()
    app.state.briefer = Briefer(settings, app.state.work_lock)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)  # before the mount: it serves /static/briefing.css
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def too_large(scope, receive, exc):  # and every refusal before the app runs
        return errors.error_response(Request(scope, receive), exc.status_code, exc.detail)

    # The last added runs first: security headers wrap everything, then the catch-all 500,
    # then the checks of Host, Origin and URL, then the body limit.
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes, respond=too_large)
    app.add_middleware(RequestGuard, settings=settings, respond=too_large)
    app.add_middleware(errors.CatchAll)
    app.add_middleware(SecurityHeaders)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    await run_in_threadpool(compile_templates)  # before the first reader, not on its request
    yield
    # In a worker thread: the briefing under way may take a while to finish.
    await run_in_threadpool(app.state.briefer.stop)


def serve(settings: Settings, log_level: str = "info") -> None:
    """Run the app with Uvicorn on `settings.host`:`settings.port` until interrupted."""
    import uvicorn

    if settings.host not in LOOPBACK and not settings.read_token:
        log.warning(
            "listening on %s with open reads: anyone who can reach it reads the store "
            "(set STORYLINE_READ_TOKEN to require a token)",
            settings.host,
        )
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        proxy_headers=False,
        server_header=False,
        h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES,
    )
