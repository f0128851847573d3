"""Checks on every request before the app reads it: its Host, where a write comes from, and the
length of its URL.

- *Host.* A page on `evil.example` whose name the attacker re-points at 127.0.0.1 (DNS
  rebinding) reaches this server as the same origin, with `Host: evil.example`: with open reads
  it could read the store. Only the names in `allowed_hosts` are answered (by default the
  address served and localhost; on a wildcard address, any IP address too, as rebinding needs
  a name).
- *Cross-site writes.* A browser sends a stored Basic login, and a `text/plain` form body, with
  a POST from any page the user visits. A state-changing request whose `Origin` is not this
  server, or whose `Sec-Fetch-Site` says another site made it, is refused. Clients other than
  browsers send neither header and are not affected.
- *URL length.* A URL of a megabyte is no query of this API: 414.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import clip
from ..settings import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_URL_BYTES = 8_192
# What Uvicorn may read of a request's head (its line and headers) before giving up on it: above
# h11's default of 16 KB, so that a long URL is answered with 414 rather than a dropped
# connection.
MAX_REQUEST_HEAD_BYTES = 2_000_000
_WILDCARD = {"0.0.0.0", "::", ""}
_LOCAL = {"localhost", "127.0.0.1", "::1"}
# Sec-Fetch-Site values of a request the user made on this server's own pages, or typed.
_OWN_FETCH = {"same-origin", "none"}


def allowed_hosts(settings: Settings) -> frozenset[str]:
    """The host names answered: `allowed_hosts`, else the address served and localhost."""
    given = {h.strip().lower().strip("[]") for h in settings.allowed_hosts.split(",") if h.strip()}
    return frozenset(given or {settings.host.lower().strip("[]"), *_LOCAL})


def host_name(netloc: str) -> str:
    """ "127.0.0.1:8000" → "127.0.0.1", "[::1]:8000" → "::1", lower case."""
    try:
        return (urlsplit(f"//{netloc}").hostname or "").lower()
    except ValueError:  # "[::1": no host can be read
        return netloc.lower()


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class RequestGuard:
    """Refuse, before the app runs, a foreign Host (400), a cross-site write (403) and a URL over
    MAX_URL_BYTES (414). `respond(scope, receive, exc)` builds the answer, so it looks like
    every other error of the app."""

    def __init__(self, app: ASGIApp, settings: Settings, respond: Callable[..., Any]) -> None:
        self.app = app
        self.respond = respond
        self.hosts = allowed_hosts(settings)
        self.any_address = settings.host.strip("[]") in _WILDCARD and not settings.allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = self._refusal(scope) if scope["type"] == "http" else None
        if refusal is None:
            await self.app(scope, receive, send)
            return
        response = self.respond(scope, receive, refusal)
        await response(scope, receive, send)

    def _refusal(self, scope: Scope) -> HTTPException | None:
        url_bytes = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if url_bytes > MAX_URL_BYTES:
            return HTTPException(
                414, f"the URL is {url_bytes:,} bytes long; this server reads {MAX_URL_BYTES:,}"
            )
        headers = Headers(scope=scope)
        host = headers.get("host")
        if host is not None and not self._host_allowed(host_name(host)):
            return HTTPException(
                400,
                f"this server does not answer to the name {clip(host_name(host) or host, 80)!r}; "
                "add it to allowed_hosts (STORYLINE_ALLOWED_HOSTS) to serve it",
            )
        if scope["method"] not in SAFE_METHODS and self._cross_site(headers, host):
            return HTTPException(
                403,
                "a write from another site is refused: send it from this server's pages "
                "or from a client that is not a browser",
            )
        return None

    def _host_allowed(self, name: str) -> bool:
        return name in self.hosts or (self.any_address and _is_ip(name))

    @staticmethod
    def _cross_site(headers: Headers, host: str | None) -> bool:
        site = headers.get("sec-fetch-site")
        if site is not None and site.lower() not in _OWN_FETCH:
            return True
        origin = headers.get("origin")
        if origin is None:
            return False
        try:
            netloc = urlsplit(origin).netloc
        except ValueError:
            return True
        return origin == "null" or host is None or netloc.lower() != host.lower()
