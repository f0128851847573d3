"""What routes depend on: the settings, the store, the pipeline lock and the token checks.

A SQLite connection may be used only by the thread that opened it, and FastAPI runs a sync
route's dependencies and its body in different worker threads; so a route gets a `Stores` and
opens the store itself (`with stores.open() as store:`), once per request, in its own thread.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from ..settings import Settings
from ..store import Store
from .briefer import Briefer

API_CHALLENGE = "Bearer"
PAGE_CHALLENGE = 'Basic realm="storyline", charset="UTF-8"'


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


@dataclass(frozen=True, slots=True)
class Stores:
    settings: Settings
    # One pipeline run at a time: ingesting and briefing load models, write the store and
    # keep a story index that another run would make stale.
    work: threading.Lock
    briefer: Briefer  # briefs stories after an ingest, in the background

    @contextmanager
    def open(self) -> Iterator[Store]:
        with Store(self.settings.db_path) as store:
            yield store


async def get_stores(request: Request, settings: SettingsDep) -> Stores:
    return Stores(settings, request.app.state.work_lock, request.app.state.briefer)


StoresDep = Annotated[Stores, Depends(get_stores)]


def presented_token(request: Request) -> str | None:
    """The token of an `Authorization: Bearer …` header, or the password of a Basic one
    (the user name is ignored), so a browser's own login prompt can send it."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    credentials = credentials.strip()
    if not credentials:
        return None
    if scheme.lower() == "bearer":
        return credentials
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2] or None
    return None


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison (as bytes: `compare_digest` refuses non-ASCII text)."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _challenge(request: Request) -> str:
    path = request.url.path
    return API_CHALLENGE if path.startswith("/api/") or path == "/api" else PAGE_CHALLENGE


async def require_read(request: Request, settings: SettingsDep) -> None:
    """Reads are open unless `read_token` is set; then the read or the write token will do."""
    if not settings.read_token:
        return
    given = presented_token(request)
    if token_matches(given, settings.read_token) or token_matches(given, settings.token):
        return
    raise HTTPException(
        401,
        "reading needs a token: send Authorization: Bearer <token> with the read token "
        "(STORYLINE_READ_TOKEN)" + (" — the token given is wrong" if given else ""),
        headers={"WWW-Authenticate": _challenge(request)},
    )


async def require_write(request: Request, settings: SettingsDep) -> None:
    """Writes need `token`; with none configured the server takes no writes at all."""
    if not settings.token:
        raise HTTPException(
            403,
            "writes are disabled on this server: start it with STORYLINE_TOKEN set (or `token` "
            "in the config file), then send Authorization: Bearer <token>",
        )
    given = presented_token(request)
    if token_matches(given, settings.token):
        return
    raise HTTPException(
        401,
        "writing needs the write token: send Authorization: Bearer <token> (STORYLINE_TOKEN)"
        + (" — the token given is wrong" if given else ""),
        headers={"WWW-Authenticate": API_CHALLENGE},
    )
