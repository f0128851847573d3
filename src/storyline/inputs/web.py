"""The one place that talks to the network: a polite, safe HTTP fetcher.

Safe: every hop (the first request and each redirect, followed by hand) resolves its host and
refuses private, loopback, link-local, multicast, reserved and unspecified addresses unless
`allow_private` is set. The request then goes to the very address that was checked, with the
URL's host name kept in the Host header and in TLS SNI (so certificates are still checked against
the name): a DNS answer that changes between check and connect (DNS rebinding) cannot slip by.
Polite: robots.txt, a minimum interval between requests to one host, a bound on concurrent
requests, retries with backoff on 429 and 5xx only, and a User-Agent that names us.
Bounded: connect and read timeouts plus a deadline for a whole download, at most 5 redirects,
and a size cap enforced while streaming, so a huge or endless body is never read whole.

Each failure raises `FetchError` (an `InputError` of stage "fetch") with a one-line reason.
httpx is imported when the first `Fetcher` is made, so importing this module costs nothing.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from .. import __version__
from ..errors import InputError
from ..settings import Settings
from .charset import decode, mb

log = logging.getLogger(__name__)

USER_AGENT = f"storyline/{__version__} (+https://example.invalid/storyline)"
MAX_REDIRECTS = 5
MAX_TRIES = 3
BACKOFF = 1.0  # seconds before the first retry, doubled for each next one
RETRY_AFTER_CAP = 30.0  # a server asking us to wait longer than this is given up on
CONNECT_TIMEOUT = 10.0
MAX_CRAWL_DELAY = 10.0  # a robots.txt Crawl-delay is honoured up to this many seconds
ROBOTS_MAX_BYTES = 512_000  # RFC 9309: parse at least the first 500 KiB
_REDIRECTS = {301, 302, 303, 307, 308}
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
# Bodies worth downloading: pages, feeds, sitemaps (also gzipped), plain text, and what carries no
# useful type. Anything else (images, video, PDF…) is refused before its body is read.
_READABLE = re.compile(
    r"^(text/.*|.*[/+]xml|application/(xhtml\+xml|json|octet-stream|x-gzip|gzip))?$"
)
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(InputError):
    """A URL could not be fetched. `status` is the HTTP status when the server answered;
    `kind` says "connect" or "redirects" for those failures, which robots.txt treats apart."""

    def __init__(self, url: str, reason: str, status: int | None = None, kind: str = "") -> None:
        super().__init__(url, reason, stage="fetch")
        self.status = status
        self.kind = kind


@dataclass(slots=True)
class Page:
    """A fetched resource: `url` is where it was found after redirects; `status` 2xx or 304."""

    url: str
    status: int
    headers: Any  # httpx.Headers: case-insensitive
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self) -> str:
        return decode(self.body, self.headers.get("content-type"))


@dataclass(slots=True)
class _Request:
    """What `Fetcher.get` was asked for, and the hop it has reached."""

    url: str  # as given: what a failure names
    headers: dict[str, str]
    any_type: bool
    cap: int
    truncate: bool
    current: str  # this hop's URL
    parts: SplitResult = field(default_factory=lambda: urlsplit(""))
    addresses: list[IPAddress] = field(default_factory=list)


def is_public(ip: IPAddress) -> bool:
    """True for an address on the public internet; False for private, loopback, link-local,
    multicast, reserved, unspecified, shared (CGNAT) and documentation addresses."""
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address wrapped in IPv6 reaches the IPv4 host: judge that one.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            return is_public(inner)
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_unspecified or ip.is_link_local
    )


class Fetcher:
    """Fetches URLs for one run, from any number of threads. Use as a context manager."""

    def __init__(self, settings: Settings, verify: Any = True) -> None:
        """`verify`: as httpx takes it (an SSL context or CA bundle), for sites of a private CA."""
        import httpx  # lazy: only a run that fetches pays for it

        self._httpx = httpx
        self._verify = verify
        self.settings = settings
        wait = settings.fetch_timeout
        self._timeout = httpx.Timeout(wait, connect=min(CONNECT_TIMEOUT, wait))
        self._slots = threading.BoundedSemaphore(max(1, settings.fetch_concurrency))
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}  # host → earliest time of its next request
        self._delay: dict[str, float] = {}  # host → Crawl-delay from its robots.txt
        self._robots: dict[str, RobotFileParser | FetchError] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        # One client (one connection pool) per host name: pools are keyed by the address we
        # connect to, and two names on one address must not share a TLS connection made for one.
        self._clients: dict[str, Any] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()

    def get(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        *,
        robots: bool = True,
        any_type: bool = False,
        max_bytes: int | None = None,
        truncate: bool = False,
    ) -> Page:
        """GET `url`, following redirects, checking each hop. Returns a 2xx (or 304) page.

        `headers` are sent on every hop (conditional GETs); `any_type` reads bodies of any content
        type; `truncate` keeps the first `max_bytes` of a larger body instead of failing.
        """
        cap = self.settings.max_bytes if max_bytes is None else max_bytes
        req = _Request(url, headers or {}, any_type, cap, truncate, url)
        for hop in range(MAX_REDIRECTS + 1):
            req.parts = _http_url(url, req.current, hop)
            req.addresses = self._addresses(url, req.parts, hop)
            if robots:
                self._check_robots(url, req.current)
            page = self._send(req)
            if page.status not in _REDIRECTS:
                return page
            location = page.headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {page.status} redirect without a Location", 502)
            req.current = urljoin(req.current, location.strip())
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects", kind="redirects")

    # -- addresses ------------------------------------------------------------------------------

    def _addresses(self, url: str, parts: SplitResult, hop: int) -> list[IPAddress]:
        """The host's addresses, all public unless private ones are allowed."""
        host = parts.hostname or ""
        named = False  # the URL gives an address, not a name
        try:
            found = [ipaddress.ip_address(host)]
        except ValueError:
            named = True
            try:
                infos = socket.getaddrinfo(host, parts.port or 0, type=socket.SOCK_STREAM)
            except (socket.gaierror, UnicodeError) as exc:
                why = getattr(exc, "strerror", None) or str(exc)
                reason = f"cannot connect to {host}: {why.lower()}"
                raise FetchError(url, reason, kind="connect") from exc
            found = list(dict.fromkeys(_ip(info[4][0]) for info in infos))
        if self.settings.allow_private:
            return found
        bad = next((ip for ip in found if not is_public(ip)), None)
        if bad is not None:
            if hop:
                where = f"{host}, which resolves to {bad}," if named else f"{bad},"
                what = f"redirects to {where} a private address"
            elif named:
                what = f"{host} resolves to {bad}, a private address"
            else:
                what = f"{bad} is a private address"
            raise FetchError(url, f"{what}; pass --allow-private to allow it")
        return found

    # -- robots.txt -----------------------------------------------------------------------------

    def _check_robots(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch of robots.txt per origin, however many threads ask
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin, parts)
        rules = self._robots[origin]
        if isinstance(rules, FetchError):
            raise FetchError(url, rules.reason, rules.status)
        if not rules.can_fetch(USER_AGENT, current):
            raise FetchError(url, f"robots.txt of {parts.netloc} disallows {parts.path or '/'}")

    def _load_robots(self, origin: str, parts: SplitResult) -> RobotFileParser | FetchError:
        """RFC 9309: a 4xx (or a redirect loop) means no rules; a 5xx, a timeout or a broken
        answer closes the site for this run. A host that cannot be reached is reported as such."""
        rules = RobotFileParser()
        robots = f"{origin}/robots.txt"
        try:
            page = self.get(
                robots, robots=False, any_type=True, max_bytes=ROBOTS_MAX_BYTES, truncate=True
            )
        except FetchError as exc:
            status = exc.status or 0
            if (400 <= status < 500 and status != 429) or exc.kind == "redirects":
                rules.allow_all = True
                return rules
            if exc.kind == "connect":
                return exc  # the page cannot be reached either: say that
            return FetchError(
                robots,
                f"robots.txt of {parts.netloc} could not be read ({exc.reason}), so the site is "
                "treated as closed for this run",
                exc.status,
            )
        rules.parse(page.text().splitlines())
        delay = rules.crawl_delay(USER_AGENT)
        if delay:
            with self._lock:
                self._delay[parts.hostname or ""] = min(float(delay), MAX_CRAWL_DELAY)
        return rules

    # -- requests -------------------------------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        """Keep at least `host_interval` (or the site's Crawl-delay) between requests to a host.
        Each caller reserves the next free slot under the lock, then sleeps outside it."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            interval = max(self.settings.host_interval, self._delay.get(host, 0.0))
            self._next[host] = start + interval
        if start > now:
            time.sleep(start - now)

    def _send(self, req: _Request) -> Page:
        """One hop, retried with backoff on 429 and 5xx (honouring Retry-After)."""
        url, host = req.url, req.parts.hostname or ""
        for attempt in range(1, MAX_TRIES + 1):
            self._wait_turn(host)
            with self._slots:
                page = self._once(req)
            status = page.status
            if 200 <= status < 300 or status == 304 or status in _REDIRECTS:
                return page
            reason = f"HTTP {status} {_phrase(status)}"
            if status != 429 and status < 500:
                raise FetchError(url, reason, status)
            wait = _retry_after(page.headers.get("retry-after"))
            if wait is not None and wait > RETRY_AFTER_CAP:
                raise FetchError(url, f"{reason}; the server asks to wait {wait:.0f} s", status)
            if attempt == MAX_TRIES:
                raise FetchError(url, f"{reason} after {MAX_TRIES} tries", status)
            wait = BACKOFF * 2 ** (attempt - 1) if wait is None else wait
            log.info("%s: %s, trying again in %.1f s", req.current, reason, wait)
            with self._lock:  # the next turn of this host, whoever takes it, waits too
                self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + wait)
        raise AssertionError("unreachable")

    def _client(self, host: str) -> Any:
        with self._lock:
            if host not in self._clients:
                self._clients[host] = self._httpx.Client(
                    timeout=self._timeout,
                    follow_redirects=False,  # every hop is checked by `get`
                    trust_env=False,  # a proxy from the environment would bypass the checks
                    headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
                    verify=self._verify,
                )
            return self._clients[host]

    def _once(self, req: _Request) -> Page:
        """One request to the first checked address that accepts a connection."""
        httpx, url, parts = self._httpx, req.url, req.parts
        host = parts.hostname or ""
        netloc = parts.netloc.rsplit("@", 1)[-1]  # host[:port], without any user:password@
        sent = {**req.headers, "Host": netloc}
        named = host not in {str(a) for a in req.addresses}
        extensions = {"sni_hostname": host} if parts.scheme == "https" and named else {}
        failure: Exception | None = None
        for address in req.addresses:
            target = httpx.URL(req.current).copy_with(host=str(address))
            deadline = time.monotonic() + 3 * self.settings.fetch_timeout
            try:
                with self._client(host).stream(
                    "GET", target, headers=sent, extensions=extensions
                ) as response:
                    page = Page(req.current, response.status_code, response.headers, b"")
                    if not 200 <= page.status < 300:
                        return page
                    if not req.any_type and not _READABLE.match(page.content_type):
                        raise FetchError(url, f"not an article: content type {page.content_type}")
                    page.body = _read(req, response, deadline, self.settings.fetch_timeout)
                    return page
            except httpx.ConnectError as exc:  # try the host's next address, if any
                failure = exc
            except httpx.ConnectTimeout as exc:
                raise FetchError(url, f"timed out connecting to {netloc}") from exc
            except httpx.TimeoutException as exc:
                wait = self.settings.fetch_timeout
                raise FetchError(
                    url, f"timed out: no answer from {netloc} within {wait:g} s"
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"broken HTTP response from {netloc} ({exc})") from exc
        why = _ERRNO.sub("", str(failure)) or type(failure).__name__
        reason = f"cannot connect to {netloc}: {why[:1].lower()}{why[1:]}"
        raise FetchError(url, reason, kind="connect")


def _read(req: _Request, response: Any, deadline: float, wait: float) -> bytes:
    """The body, decompressed, stopped as soon as it passes the cap or the deadline."""
    url, cap, truncate = req.url, req.cap, req.truncate
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap and not truncate:
        raise FetchError(url, f"larger than the {mb(cap)} limit ({mb(int(declared))})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            if truncate:
                chunks.append(chunk[: len(chunk) - (size - cap)])
                break
            raise FetchError(url, f"larger than the {mb(cap)} limit")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out: the download took over {3 * wait:g} s")
    return b"".join(chunks)


def _http_url(url: str, current: str, hop: int) -> SplitResult:
    try:
        parts = urlsplit(current)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:  # "Invalid IPv6 URL", "Port out of range 0-65535"
        raise FetchError(url, f"bad URL {current} ({exc})") from exc
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        what = f"redirects to {current}, which is" if hop else "it is"
        raise FetchError(url, f"{what} not an http(s) URL")
    return parts


def _ip(text: str) -> IPAddress:
    return ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds from now: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None
