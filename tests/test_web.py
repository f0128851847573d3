"""Web sources: pages, feeds, sitemaps and WARC files, served by real HTTP servers on 127.0.0.1.

Nothing here leaves the machine: every URL points at a server started by the test, and the one
host name that is not an address (`news.invalid`) is answered by a stand-in resolver.
"""

from __future__ import annotations

import gzip
import io
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from pathlib import Path

import brotli
import pytest

from conftest import run_cli
from storyline.inputs import web
from storyline.inputs.charset import decode
from storyline.inputs.files import read_inputs
from storyline.model import Article, Reject
from storyline.pipeline import ingest, poll
from storyline.settings import Settings
from storyline.store import Store

COURIER = "Marrow Bay Courier"
LIGHTHOUSE = [
    "The Marrow Bay lighthouse reopened to visitors on Monday after eight months of repairs to "
    "its storm-damaged lantern room, the harbour authority said.",
    "Engineers replaced forty-two panes of glass and rebuilt the gallery railing that the "
    "February gales tore away. The work cost 1.3 million euros, most of it paid from the "
    "regional heritage fund.",
    "Harbour master Elin Sorvald said the light had never stopped guiding ships during the "
    "repairs, because a temporary beacon stood on the breakwater the whole time.",
    "Guided tours will run every afternoon until the end of September, and the first hundred "
    "tickets sold out within an hour, according to the visitor centre.",
]
FERRY = [
    "The ferry between Marrow Bay and Kestrel Island will leave from the north quay while the "
    "main pier is rebuilt, the ferry company announced.",
    "Crossings will take ten minutes longer because boats must round the breakwater, and the "
    "last evening sailing moves from nine o'clock to half past eight.",
    "The company said passengers with bicycles should arrive early, since the north quay has a "
    "single narrow ramp that cars and cyclists must share.",
]
FEES = [
    "Mooring fees in the Marrow Bay marina will rise by six percent next month, the town council "
    "decided after a long debate on Wednesday evening.",
    "Councillors said the money would pay for dredging the inner basin, which has silted up so "
    "badly that larger yachts can only enter at high tide.",
    "The sailing club called the rise unfair to local members and asked for a lower rate for "
    "boats that stay in the marina all year round.",
]


def html(
    paragraphs: list[str],
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    author: str | None = None,
) -> bytes:
    head = f"<title>{title}</title>" if title else ""
    head += f'<meta name="author" content="{author}">' if author else ""
    head += f'<meta property="og:site_name" content="{outlet}">' if outlet else ""
    head += f'<meta property="article:published_time" content="{published}">' if published else ""
    h1 = f"<h1>{title}</h1>" if title else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>'
        f"<nav>Home | News | Sport</nav><article>{h1}{body}</article>"
        "<footer>© Marrow Bay Courier</footer></body></html>"
    ).encode()


LIGHTHOUSE_PAGE = "/news/lighthouse.html"
PAGES = {
    LIGHTHOUSE_PAGE: html(
        LIGHTHOUSE,
        "Marrow Bay lighthouse reopens after storm repairs",
        COURIER,
        "2026-05-04T08:00:00Z",
        "Ada Lindqvist",
    ),
    "/news/ferry.html": html(FERRY, "Ferry leaves from the north quay during pier works"),
    "/news/fees.html": html(FEES),  # no title, date or outlet: the feed gives them
    "/private/memo.html": html(FERRY[:2], "An internal memo"),
}
ITEMS = [
    ("/news/lighthouse.html", "Lighthouse reopens", "Mon, 04 May 2026 08:00:00 GMT"),
    ("/news/ferry.html", "Ferry moves to the north quay", "Tue, 05 May 2026 09:30:00 GMT"),
    ("/news/fees.html", "Marina fees rise by six percent", "Wed, 06 May 2026 18:15:00 GMT"),
]


def rss(base: str, items: list[tuple[str, str, str]] = ITEMS) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>{d}</pubDate>"
        f"<author>desk@courier.test (News desk)</author></item>"
        for p, t, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{COURIER}</title><link>{base}/</link>{entries}</channel></rss>"
    ).encode()


ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    f"<title>{COURIER}</title><id>urn:courier</id><updated>2026-05-06T18:15:00Z</updated>"
    + "".join(
        f'<entry><title>{t}</title><link rel="alternate" href="{p}"/><id>urn:{p}</id>'
        f"<updated>2026-05-0{i}T10:00:00Z</updated><author><name>News desk</name></author></entry>"
        for i, (p, t, _) in enumerate(ITEMS, 4)
    )
    + "</feed>"
).encode()
NEWS_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
    + "".join(
        f"<url><loc>{p}</loc><news:news><news:publication><news:name>{COURIER}</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>2026-05-0{i}</news:publication_date>"
        f"<news:title>{t}</news:title></news:news></url>"
        for i, (p, t, _) in enumerate(ITEMS[1:], 5)
    )
    + "</urlset>"
)
SITEMAP_INDEX = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<sitemap><loc>/sitemap-news.xml</loc></sitemap>"
    b"<sitemap><loc>/sitemap-gone.xml</loc></sitemap></sitemapindex>"
)
BROKEN_FEED = b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>Bro</wrong>\n'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HUGE = 200_000_000
ETAG, MODIFIED = '"v1"', "Wed, 06 May 2026 18:15:00 GMT"


class Site:
    """A made-up news site: routes, plus a record of every request it saw."""

    def __init__(self) -> None:
        self.requests: list[tuple[float, str, dict[str, str]]] = []
        self.hits: dict[str, int] = {}
        self.sent = 0  # bytes of the huge body written before the client hung up
        self.robots: tuple[int, bytes] = (200, b"User-agent: *\nDisallow: /private/\n")
        self.inflight = self.most_inflight = 0
        self.started = 0  # /slowish requests so far, of the `expected` ones
        self.expected = 0
        self.lock = threading.Lock()
        self.overlap = threading.Condition()
        self.url = ""

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep the test output clean
            pass

        def send(
            self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **more
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for name, value in more.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path
            site.requests.append((time.monotonic(), path, dict(self.headers.items())))
            with site.lock:
                site.hits[path] = hit = site.hits.get(path, 0) + 1
            route = ROUTES.get(path) or ROUTES.get(path.rsplit("/", 1)[0] + "/*")
            if route is not None:
                route(self, site, hit)
            elif path in PAGES:
                self.send(200, PAGES[path])
            else:
                self.send(404, b"<html><body>Not here</body></html>")

    return Handler


def _huge(h, site: Site, hit: int) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()  # no Content-Length: the body runs until the connection closes
    chunk = b"<p>" + b"Lorem ipsum dolor sit amet. " * 2340 + b"</p>\n"
    try:
        h.wfile.write(b"<html><body>")
        while site.sent < HUGE:  # made as it is sent: 200 MB never exist at once
            h.wfile.write(chunk)
            site.sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _feed_with_validators(h, site: Site, hit: int) -> None:
    if h.headers.get("If-None-Match") == ETAG:
        h.send_response(304)
        h.send_header("ETag", ETAG)
        h.end_headers()
        return
    body = rss(site.url)
    h.send(200, body, "application/rss+xml", ETag=ETAG, Last_Modified=MODIFIED)


def _slowish(h, site: Site, hit: int) -> None:
    # Each request is held until another is in flight (or no other is to come), so requests
    # that may overlap do, whatever the machine's speed: the count proves it, not a clock.
    with site.overlap:
        site.inflight += 1
        site.started += 1
        site.most_inflight = max(site.most_inflight, site.inflight)
        site.overlap.notify_all()
        site.overlap.wait_for(lambda: site.inflight >= 2 or site.started >= site.expected, 30)
    with site.overlap:
        site.inflight -= 1
    number = h.path.rsplit("/", 1)[1]
    h.send(200, html([f"Report number {number} of the evening. {p}" for p in FERRY], f"N{number}"))


def _encoded(encoding: str, compress: Callable[[bytes], bytes]) -> Callable:
    return lambda h, site, hit: h.send(
        200, compress(PAGES["/news/ferry.html"]), Content_Encoding=encoding
    )


ROUTES: dict[str, Callable] = {
    "/robots.txt": lambda h, site, hit: h.send(site.robots[0], site.robots[1], "text/plain"),
    "/feed.xml": lambda h, site, hit: h.send(200, rss(site.url), "application/rss+xml"),
    "/etag-feed.xml": _feed_with_validators,
    "/atom.xml": lambda h, site, hit: h.send(200, ATOM, "application/atom+xml"),
    "/sitemap-news.xml": lambda h, site, hit: h.send(200, NEWS_SITEMAP.encode(), "application/xml"),
    "/sitemap.xml": lambda h, site, hit: h.send(200, SITEMAP_INDEX, "text/xml"),
    "/broken-feed.xml": lambda h, site, hit: h.send(200, BROKEN_FEED, "application/rss+xml"),
    "/flaky": lambda h, site, hit: h.send(
        *((500, b"oops") if hit == 1 else (200, PAGES["/news/ferry.html"]))
    ),
    "/busy": lambda h, site, hit: (
        h.send(429, b"slow down", Retry_After="1")
        if hit == 1
        else h.send(200, PAGES["/news/ferry.html"])
    ),
    "/down": lambda h, site, hit: h.send(503, b"down for maintenance"),
    "/slow": lambda h, site, hit: (time.sleep(3), h.send(200, PAGES["/news/ferry.html"])),
    "/hop/1": lambda h, site, hit: h.send(302, Location="/hop/2"),
    "/hop/2": lambda h, site, hit: h.send(301, Location=f"{site.url}/hop/3"),
    "/hop/3": lambda h, site, hit: h.send(307, Location="../news/lighthouse.html"),
    "/loop": lambda h, site, hit: h.send(302, Location="/loop"),
    "/to-private": lambda h, site, hit: h.send(
        302, Location=site.url.replace("127.0.0.1", "127.0.0.2") + "/news/ferry.html"
    ),
    "/image.png": lambda h, site, hit: h.send(200, PNG, "image/png"),
    "/huge": _huge,
    "/latin1.html": lambda h, site, hit: h.send(
        200,
        html(["Le café “du port” a rouvert ses portes ce matin, à la joie des pêcheurs."])
        .replace(b'<meta charset="utf-8">', b"")
        .decode()
        .encode("cp1252"),
        "text/html; charset=iso-8859-1",
    ),
    "/gzip.html": _encoded("gzip", gzip.compress),
    "/br.html": _encoded("br", brotli.compress),
    "/slowish/*": _slowish,
    "/packed/ferry.html.gz": lambda h, site, hit: h.send(
        200, gzip.compress(PAGES["/news/ferry.html"]), "application/gzip"
    ),
}


@contextmanager
def serve(site: Site, tls: ssl.SSLContext | None = None) -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True  # a sleeping handler must not hold up the teardown
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    site.url = f"http{'s' if tls else ''}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "BACKOFF", 0.05)


def settings(**overrides: object) -> Settings:
    values = {"allow_private": True, "host_interval": 0.0, "fetch_timeout": 2.0, **overrides}
    return Settings(**values)  # type: ignore[arg-type]


def read(*inputs: str, **overrides: object) -> list[Article | Reject]:
    chosen = settings(**overrides)
    return list(read_inputs(inputs, chosen.max_bytes, settings=chosen))


def test_a_page_becomes_an_article_with_its_own_metadata(site: Site) -> None:
    [article] = read(f"{site.url}/news/lighthouse.html")
    assert article.title == "Marrow Bay lighthouse reopens after storm repairs"
    assert article.outlet == COURIER and article.published == "2026-05-04"
    assert article.author == "Ada Lindqvist"
    assert article.url == article.path == f"{site.url}/news/lighthouse.html"
    assert (
        article.text.startswith("The Marrow Bay lighthouse reopened")
        and "Home |" not in article.text
    )
    agent = site.requests[-1][2]["User-Agent"]
    assert agent.startswith("storyline/") and "(+https://example.invalid/storyline)" in agent
    assert site.paths() == ["/robots.txt", "/news/lighthouse.html"]


@pytest.mark.parametrize("feed", ["/feed.xml", "/atom.xml"])
def test_a_feed_fills_what_its_pages_lack(site: Site, feed: str) -> None:
    items = read(site.url + feed)
    assert all(isinstance(i, Article) for i in items), items
    lighthouse, ferry, fees = items
    assert [a.path for a in items] == [site.url + p for p, _, _ in ITEMS]
    assert lighthouse.published == "2026-05-04" and lighthouse.outlet == COURIER  # the page's own
    assert lighthouse.author == "Ada Lindqvist"  # the page's own, not the feed's
    assert ferry.author == fees.author == "News desk"  # the feed's: the pages name nobody
    assert ferry.title == "Ferry leaves from the north quay during pier works"  # the page's own
    assert ferry.outlet == COURIER  # the feed's title, not the host 127.0.0.1
    assert fees.title == "Marina fees rise by six percent"  # the page has none
    published = "2026-05-06T18:15:00+00:00" if feed == "/feed.xml" else "2026-05-06T10:00:00+00:00"
    assert fees.published == published and fees.url == f"{site.url}/news/fees.html"


def test_a_sitemap_index_leads_to_its_news_sitemaps(site: Site) -> None:
    items = read(f"{site.url}/sitemap.xml")
    gone, ferry, fees = items
    assert gone == Reject(f"{site.url}/sitemap-gone.xml", "fetch", "HTTP 404 Not Found")
    assert ferry.published == "2026-05-05" and ferry.outlet == COURIER  # <news:…> fills them
    assert fees.title == "Marina fees rise by six percent" and fees.published == "2026-05-06"


def test_each_bad_source_is_one_reject_and_the_rest_goes_on(site: Site) -> None:
    port = site.url.rsplit(":", 1)[1]
    bad = {
        "/missing": "HTTP 404 Not Found",
        "/down": "HTTP 503 Service Unavailable after 3 tries",
        "/loop": "more than 5 redirects",
        "/image.png": "not an article: content type image/png",
        "/broken-feed.xml": "broken feed XML (mismatched tag at line 4), no entries",
        "/private/memo.html": f"robots.txt of 127.0.0.1:{port} disallows /private/memo.html",
    }
    items = read(*(site.url + path for path in bad), f"{site.url}/news/ferry.html")
    *rejects, article = items
    assert [(r.input, r.stage, r.reason) for r in rejects] == [
        (site.url + path, "fetch", reason) for path, reason in bad.items()
    ]
    assert isinstance(article, Article) and article.title.startswith("Ferry leaves")
    assert site.paths().count("/down") == 3 and "/private/memo.html" not in site.paths()


def test_retries_on_500_and_429_honour_retry_after(site: Site) -> None:
    started = time.monotonic()
    flaky, busy = read(f"{site.url}/flaky", f"{site.url}/busy", fetch_concurrency=1)
    assert isinstance(flaky, Article) and isinstance(busy, Article)
    assert site.hits["/flaky"] == 2 and site.hits["/busy"] == 2
    assert time.monotonic() - started >= 1.0  # Retry-After: 1 was waited out


def test_a_slow_server_times_out(site: Site) -> None:
    [reject] = read(f"{site.url}/slow", fetch_timeout=0.5)
    host = site.url.removeprefix("http://")
    assert reject.reason == f"timed out: no answer from {host} within 0.5 s"


def test_redirects_are_followed_and_each_hop_is_checked(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    [article] = read(f"{site.url}/hop/1")
    assert article.path == f"{site.url}/hop/1" and article.url == f"{site.url}/news/lighthouse.html"
    # Make the test server count as public, so that only the redirect's target is private.
    monkeypatch.setattr(web, "is_public", lambda ip: ip == ip_address("127.0.0.1"))
    [refused] = read(f"{site.url}/to-private", allow_private=False)
    assert refused.reason == (
        "redirects to 127.0.0.2, a private address; pass --allow-private to allow it"
    )
    assert site.paths()[-1] == "/to-private"  # 127.0.0.2 was never asked


def test_private_addresses_are_refused_before_any_request(site: Site) -> None:
    page = f"{site.url}/news/lighthouse.html"
    local = page.replace("127.0.0.1", "localhost")
    refused = read(page, local, allow_private=False)
    assert refused[0].reason == "127.0.0.1 is a private address; pass --allow-private to allow it"
    assert refused[1].reason.startswith("localhost resolves to ")  # 127.0.0.1 or ::1
    assert refused[1].reason.endswith(", a private address; pass --allow-private to allow it")
    assert site.requests == []
    [article] = read(page, allow_private=True)
    assert isinstance(article, Article)


def test_what_counts_as_a_public_address() -> None:
    private = ["10.1.2.3", "127.0.0.1", "169.254.169.254", "192.168.0.1", "100.64.0.1",
               "224.0.0.1", "0.0.0.0", "240.0.0.1", "::1", "fe80::1", "fc00::1", "::",
               "::ffff:127.0.0.1", "2002:7f00:1::1", "ff02::1"]  # fmt: skip
    assert not any(web.is_public(ip_address(a)) for a in private)
    assert all(web.is_public(ip_address(a)) for a in ["93.184.216.34", "2a00:1450:4001::1"])


def test_dead_hosts_and_closed_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def resolve(host: str, *args: object, **kwargs: object) -> list:
        if host == "news.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    dead, closed = read("http://news.invalid/a.html", f"http://127.0.0.1:{port}/a.html")
    assert dead.reason == "cannot connect to news.invalid: name or service not known"
    assert closed.reason == f"cannot connect to 127.0.0.1:{port}: connection refused"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a cert")
def test_https_goes_to_the_checked_address_and_checks_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "1", "-subj", "/CN=courier.test",
         "-addext", "subjectAltName=DNS:courier.test"],
        check=True, capture_output=True,
    )  # fmt: skip
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    names: list[str | None] = []
    tls.sni_callback = lambda _sock, name, _ctx: names.append(name)  # type: ignore[assignment]
    real = socket.getaddrinfo
    # Both names resolve to the test server; only courier.test is on its certificate.
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, *a, **k: real("127.0.0.1" if host.endswith(".test") else host, *a, **k),
    )
    trust = ssl.create_default_context(cafile=str(cert))
    with serve(Site(), tls) as site, web.Fetcher(settings(), verify=trust) as fetcher:
        port = site.url.rsplit(":", 1)[1]
        page = fetcher.get(f"https://courier.test:{port}/news/ferry.html")
        assert page.status == 200 and b"north quay" in page.body
        assert site.requests[-1][2]["Host"] == f"courier.test:{port}"
        assert set(names) == {"courier.test"}  # SNI names the host, not the address
        with pytest.raises(web.FetchError, match=r"not valid for 'other\.test'"):
            fetcher.get(f"https://other.test:{port}/news/ferry.html")


def test_a_huge_body_is_cut_at_the_cap_without_reading_it_all(site: Site) -> None:
    [reject] = read(f"{site.url}/huge", max_bytes=10_000_000)
    assert reject.reason == "larger than the 10.0 MB limit"
    time.sleep(0.2)
    assert site.sent < 40_000_000  # the server gave up soon after the client stopped


def test_robots_txt_5xx_closes_the_site_and_4xx_opens_it(site: Site) -> None:
    site.robots = (503, b"")
    [closed] = read(f"{site.url}/news/ferry.html")
    assert "could not be read (HTTP 503 Service Unavailable after 3 tries)" in closed.reason
    assert closed.reason.endswith("so the site is treated as closed for this run")
    site.robots = (404, b"")
    [article] = read(f"{site.url}/private/memo.html")
    assert isinstance(article, Article)


def test_charsets_and_compressed_bodies(site: Site) -> None:
    latin, zipped, brotlied = read(
        f"{site.url}/latin1.html", f"{site.url}/gzip.html", f"{site.url}/br.html"
    )
    assert "Le café “du port” a rouvert" in latin.text  # iso-8859-1 read as cp1252, as browsers do
    assert zipped.text == brotlied.text and "north quay" in zipped.text
    headers = dict(site.requests[-1][2])
    assert "br" in headers["Accept-Encoding"] and "gzip" in headers["Accept-Encoding"]
    russian = "<html><body><p>" + "Маяк в бухте снова открыт для посетителей. " * 20
    assert decode(russian.encode("cp1251"), "text/html") == russian  # guessed
    meta = '<html><head><meta charset="koi8-r"></head><body>Маяк открыт</body></html>'
    assert "Маяк открыт" in decode(meta.encode("koi8-r"), "text/html")


def test_a_gzipped_page_served_as_a_file_is_unpacked_before_extraction(site: Site) -> None:
    # No Content-Encoding: the body itself is a gzip file, as a .html.gz download is.
    [packed] = read(f"{site.url}/packed/ferry.html.gz")
    assert isinstance(packed, Article), packed
    [plain] = read(f"{site.url}/news/ferry.html")
    assert packed.text == plain.text and "north quay" in packed.text


def test_rate_limit_per_host_and_concurrency_bound(site: Site) -> None:
    pages = (f"{site.url}/news/{n}.html" for n in ("ferry", "fees", "lighthouse"))
    started = time.monotonic()
    read(*pages, host_interval=0.3)
    times = [t for t, _, _ in site.requests]
    assert len(times) == 4 and times[-1] - started >= 0.9  # robots.txt, then 3 pages 0.3 s apart
    site.expected = 6
    urls = [f"{site.url}/slowish/{n}" for n in range(site.expected)]
    items = read(*urls, fetch_concurrency=2, fetch_timeout=60.0)
    assert all(isinstance(i, Article) for i in items)
    assert site.most_inflight == 2  # two at once, never three


def test_ingest_a_feed_into_the_store(site: Site, tmp_path: Path) -> None:
    with Store(tmp_path / "store.db") as store:
        run = ingest([f"{site.url}/feed.xml", f"{site.url}/missing"], settings(), store)
        assert run.new == 3 and [r.reason for r in run.read.rejects] == ["HTTP 404 Not Found"]
        assert store.count_articles() == 3


def test_the_cli_ingests_a_feed_only_with_allow_private(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_HOST_INTERVAL", "0")
    db = tmp_path / "store.db"
    refused = run_cli("ingest", f"{site.url}/feed.xml", db=db)
    assert refused.code == 2
    assert f"skipped {site.url}/feed.xml: 127.0.0.1 is a private address; pass --allow-private" in (
        refused.stderr
    )
    ran = run_cli("ingest", f"{site.url}/feed.xml", "--allow-private", db=db)
    assert ran.code == 0, ran.stderr
    assert "Ingested 3 new articles" in ran.stderr


def test_watch_polls_with_conditional_gets_and_adds_nothing_twice(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_HOST_INTERVAL", "0")
    db = tmp_path / "store.db"
    feed = f"{site.url}/etag-feed.xml"
    first = run_cli("watch", feed, "--once", "--allow-private", db=db)
    assert first.code == 0, first.stderr
    assert "3 new articles" in first.stderr
    fetched = len(site.requests)
    second = run_cli("watch", feed, "--once", "--every", "30s", "--allow-private", db=db)
    assert second.code == 0, second.stderr
    assert "0 new articles" in second.stderr
    again = [(path, headers) for _, path, headers in site.requests[fetched:]]
    assert [path for path, _ in again] == ["/robots.txt", "/etag-feed.xml"]  # 304: no pages
    assert again[1][1]["If-None-Match"] == ETAG and again[1][1]["If-Modified-Since"] == MODIFIED
    bad = run_cli("watch", feed, "--every", "soon", db=db)
    assert bad.code == 2 and "not a duration" in bad.stderr


def test_poll_skips_entries_already_stored(site: Site, tmp_path: Path) -> None:
    with Store(tmp_path / "store.db") as store:
        assert poll([f"{site.url}/atom.xml"], settings(), store).new == 3
        before = len(site.requests)
        run = poll([f"{site.url}/atom.xml"], settings(), store)  # no validators: fetched again
        assert run.new == run.known == 0 and not run.read.rejects
        assert [p for _, p, _ in site.requests[before:]] == ["/robots.txt", "/atom.xml"]
        assert store.fetch_state(f"{site.url}/atom.xml") == (None, None)


def _warc(path: Path, pages: list[tuple[str, str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
    return path.read_bytes()


WARC_PAGES = [
    ("https://courier.example/news/lighthouse", "text/html; charset=utf-8", PAGES[LIGHTHOUSE_PAGE]),
    ("https://courier.example/logo.png", "image/png", PNG),
    ("https://courier.example/news/ferry", "text/html", PAGES["/news/ferry.html"]),
    ("https://courier.example/news/fees", "text/html", PAGES["/news/fees.html"]),
]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_files_good_and_truncated(tmp_path: Path, name: str) -> None:
    data = _warc(tmp_path / name, WARC_PAGES)
    lighthouse, ferry, fees = read(str(tmp_path / name))
    assert lighthouse.url == "https://courier.example/news/lighthouse"
    assert lighthouse.outlet == COURIER and lighthouse.published == "2026-05-04"
    assert ferry.outlet == "courier.example" and fees.path == f"{tmp_path / name}:5"
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(data[:-200])  # inside the last record, gzipped or not
    *kept, reject = read(str(cut))
    assert [a.url for a in kept] == [lighthouse.url, ferry.url]
    reason = "truncated WARC: it ends inside record 5; the rest is lost"
    assert reject == Reject(str(cut), "read", reason)
