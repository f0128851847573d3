"""One way to answer an error: JSON under /api (or when JSON was asked for), an HTML page
otherwise. Never a stack trace: an unexpected exception is logged and answered with a bare 500.

JSON errors look like `{"error": {"status": 404, "message": "…"}}`; validation errors add
`"details": [{"where": "query.limit", "message": "…"}]`.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import StorylineError
from .security import StartWatch, add_security_headers

log = logging.getLogger(__name__)

INTERNAL = "internal error: the server could not answer this request (the details are in its log)"


def wants_json(request: Request) -> bool:
    """JSON for the API and for clients that ask for JSON rather than HTML."""
    path = request.url.path
    if path == "/api" or path.startswith("/api/") or path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(
    request: Request,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
    details: list[dict[str, Any]] | None = None,
) -> Response:
    response: Response
    if wants_json(request):
        body: dict[str, Any] = {"status": status, "message": message}
        if details:
            body["details"] = details
        response = JSONResponse({"error": body}, status_code=status, headers=headers)
    else:
        from .views import render_page  # the page templates need the app's Jinja environment

        html = render_page(
            "error.html.j2",
            title=f"{status} {_reason(status)}",
            status=status,
            reason=_reason(status),
            message=message,
            details=details or [],
        )
        response = HTMLResponse(html, status_code=status, headers=headers)
    # Responses of the outermost error handler bypass the middleware: set the headers here too.
    add_security_headers(MutableHeaders(raw=response.raw_headers))
    return response


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else _reason(exc.status_code)
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path}"
    elif exc.status_code == 405 and message == "Method Not Allowed":
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(request, exc.status_code, message, headers=exc.headers)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"where": ".".join(str(part) for part in e.get("loc", ())), "message": e.get("msg", "")}
        for e in exc.errors()
    ]
    first = details[0] if details else {"where": "request", "message": "invalid"}
    message = f"invalid {first['where']}: {first['message']}"
    return error_response(request, 422, message, details=details)


async def storyline_error(request: Request, exc: Exception) -> Response:
    """A storyline error that no route turned into a status: the input was at fault."""
    return error_response(request, 400, str(exc))


async def unexpected(request: Request, exc: Exception) -> Response:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, INTERNAL)


class CatchAll:
    """Answer an exception that escaped the app with the bare 500, and end the request there.

    Starlette's outermost error middleware answers too, but then re-raises, and the server
    drops the connection; this keeps the connection and the client gets the answer.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        watch = StartWatch(send)
        try:
            await self.app(scope, receive, watch.send)
        except Exception as exc:
            if watch.started:
                raise
            answer = await unexpected(Request(scope, receive), exc)
            await answer(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StorylineError, storyline_error)
    app.add_exception_handler(Exception, unexpected)
