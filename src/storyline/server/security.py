"""Security headers on every response, and a limit on request bodies enforced while reading.

Both are plain ASGI middleware, so they see every request, the static files included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Pages load only their own CSS and JS: no inline script or style, no CDN, no framing.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# A client told "too large" still gets to finish sending (so it reads the answer instead of a
# reset connection) as long as what is left is no more than this many times the limit.
_DRAIN_FACTOR = 2


def add_security_headers(headers: MutableHeaders) -> None:
    for name, value in HEADERS.items():
        headers[name] = value


class SecurityHeaders:
    """Set `HEADERS` on every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_security_headers(MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    """Raised from `receive` once a request body passes the limit; answered with 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"the request body is larger than the limit of {limit:,} bytes; send less at once "
            "or raise max_request_bytes (STORYLINE_MAX_REQUEST_BYTES)",
        )


class StartWatch:
    """A `send` that notes whether the response has started: an error raised after that can
    no longer be answered with a response of its own."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.started = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413.

    A declared Content-Length over the limit is refused before the app runs; a body without one
    (chunked) is counted while the app reads it, and `BodyTooLarge` is raised from `receive`
    the moment it passes the limit. `respond(scope, receive, exc)` builds the 413 response, so
    it looks like every other error of the app.
    """

    def __init__(self, app: ASGIApp, limit: int, respond: Callable[..., Any]) -> None:
        self.app = app
        self.limit = limit
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            if declared <= _DRAIN_FACTOR * limit:
                await _drain(receive, _DRAIN_FACTOR * limit)
            await self._refuse(scope, receive, send)
            return

        received = 0
        watch = StartWatch(send)

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if message.get("more_body", False):
                        await _drain(receive, _DRAIN_FACTOR * limit - received)
                    raise BodyTooLarge(limit)
            return message

        try:
            await self.app(scope, limited_receive, watch.send)
        except BodyTooLarge:
            if watch.started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = self.respond(scope, receive, BodyTooLarge(self.limit))
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


async def _drain(receive: Receive, budget: int) -> None:
    """Read and drop what is left of a request body, up to `budget` bytes."""
    while budget > 0:
        message = await receive()
        if message["type"] != "http.request":
            return
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return
