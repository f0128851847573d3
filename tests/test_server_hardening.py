"""`storyline serve` against hostile requests, on a real server over a real store: input that
used to answer 500, ids and query strings out of range, and cross-site writes."""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
from fastapi import FastAPI

from conftest import STORY
from storyline.server import create_app
from storyline.server.guard import MAX_REQUEST_HEAD_BYTES
from storyline.settings import Settings
from test_server import Running, bearer, error_of

TOKEN = "write-token-0123456789"


class Served(Running):
    """A real server with the options `storyline serve` gives Uvicorn."""

    def __init__(self, app: FastAPI) -> None:
        super().__init__(app)
        self.server.config.h11_max_incomplete_event_size = MAX_REQUEST_HEAD_BYTES


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(db=str(tmp_path_factory.mktemp("hardening") / "store.db"), token=TOKEN)


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[httpx.Client]:
    with Served(create_app(settings)) as client:
        yield client


def _post(api: httpx.Client, body: bytes | str, content_type: str, **params: str) -> httpx.Response:
    headers = {**bearer(TOKEN), "Content-Type": content_type}
    return api.post("/api/articles", content=body, headers=headers, params=params)


REPORT = (STORY / "harbour-gazette.txt").read_text()


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        ("[" * 1_000_000 + "]" * 1_000_000, "application/json", 400, "nested too deeply"),
        ('{"text": "a", "n": ' + "9" * 5000 + "}", "application/json", 400, "4300 digits"),
        (REPORT, "text/plain; charset=idna", 400, "not valid idna text"),
    ],
    ids=["deep", "long-integer", "idna"],
)
def test_hostile_bodies_are_400_not_500(
    api: httpx.Client, body: str, content_type: str, status: int, message: str
) -> None:
    assert message in error_of(_post(api, body, content_type), status)


def test_a_url_without_a_host_is_kept_and_names_no_outlet(api: httpx.Client) -> None:
    # A text of its own: a text another test stored is known, and keeps its first URL.
    record = {
        "title": "Bridge shut",
        "text": REPORT.replace("Vellhaven", "Lindmark"),
        "url": "http://[::1",
    }
    made = _post(api, json.dumps(record), "application/json")
    assert made.status_code == 201, made.text
    stored = api.get(f"/api/articles/{made.json()['articles'][0]['id']}").json()
    assert stored["url"] == "http://[::1" and stored["outlet"] is None


def test_an_html_page_declaring_the_idna_charset_is_read(api: httpx.Client) -> None:
    page = (STORY / "northshore-daily.html").read_text()
    page = page.replace("<head>", '<head><meta charset="idna">', 1)
    made = _post(api, page.encode(), "text/html")
    assert made.status_code == 201, made.text


def test_a_body_that_declares_no_charset_is_read_as_files_are(api: httpx.Client) -> None:
    # windows-1251 named only by the page's <meta>, and UTF-16 named only by its byte-order mark.
    russian = (
        "Мост через реку Лиственку закрыли в среду после того, как инженеры нашли трещину в опоре. "
        "Городские власти сообщили, что ремонт займёт не меньше трёх недель."
    )
    page = (
        '<html><head><meta charset="windows-1251"><title>Мост закрыли</title></head>'
        f"<body><article><h1>Мост закрыли</h1><p>{russian}</p><p>{russian}</p></article>"
        "</body></html>"
    )
    text = "Harbour cranes stood idle on Tuesday as the dockers’ strike entered its third day. " * 3
    for body, media, expected in [
        (page.encode("cp1251"), "text/html", "ремонт займёт"),
        (text.encode("utf-16"), "text/plain", "dockers’ strike"),
    ]:
        made = _post(api, body, media)
        assert made.status_code == 201, made.text
        stored = api.get(f"/api/articles/{made.json()['articles'][0]['id']}").json()
        assert expected in stored["text"]
    assert "binary" in error_of(_post(api, b"\x00\x01\x02" * 100, "text/plain"), 400)


# ── ids, URLs and dates out of range ──────────────────────────────────────────


def test_an_id_too_large_for_sqlite_is_404(api: httpx.Client) -> None:
    assert "no article" in error_of(api.get("/api/articles/99999999999999999999"), 404)
    assert api.get("/articles/99999999999999999999").status_code == 404


def test_a_megabyte_of_query_string_is_414(api: httpx.Client) -> None:
    # httpx refuses to send such a URL: the request is written by hand.
    url = api.base_url
    with socket.create_connection((url.host, url.port), timeout=30) as connection:
        connection.sendall(
            b"GET /api/stories?q=" + b"x" * 1_000_000 + b" HTTP/1.1\r\n"
            b"Host: " + url.netloc + b"\r\nConnection: close\r\n\r\n"
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 "), head
    assert json.loads(body)["error"]["message"].startswith("the URL is 1,000,0")
    assert api.get("/api/health").status_code == 200  # the server goes on


def test_a_publication_date_that_is_no_date_is_dropped(api: httpx.Client) -> None:
    records = [
        {"title": "One", "text": REPORT.replace("Vellhaven", "Norhaven"), "published": "9" * 5_000},
        {
            "title": "Two",
            "text": REPORT.replace("Vellhaven", "Ostmark"),
            "published": "Mon, 14 Sep 2020 10:00:00 GMT",
        },
    ]
    made = _post(api, json.dumps(records), "application/json")
    assert made.status_code == 201, made.text
    ids = [a["id"] for a in made.json()["articles"]]
    published = [api.get(f"/api/articles/{i}").json()["published"] for i in ids]
    assert published == [None, "2020-09-14T10:00:00+00:00"]


# ── cross-site requests ───────────────────────────────────────────────────────


def test_a_foreign_host_is_refused(api: httpx.Client) -> None:
    for path in ("/api/stories", "/"):
        assert "allowed_hosts" in error_of(
            api.get(path, headers={"Host": "evil.example", "Accept": "application/json"}), 400
        )
    assert api.get("/api/health", headers={"Host": "localhost"}).status_code == 200


def test_a_write_from_another_site_is_refused(api: httpx.Client) -> None:
    basic = {"Authorization": "Basic " + base64.b64encode(f"u:{TOKEN}".encode()).decode()}
    forged = {**basic, "Content-Type": "text/plain", "Origin": "http://evil.example"}
    refused = api.post("/api/articles", content=REPORT, headers=forged)
    assert "another site" in error_of(refused, 403)
    fetched = {**bearer(TOKEN), "Content-Type": "text/plain", "Sec-Fetch-Site": "cross-site"}
    assert api.post("/api/articles", content=REPORT, headers=fetched).status_code == 403
    own = {**bearer(TOKEN), "Content-Type": "text/plain", "Origin": str(api.base_url).rstrip("/")}
    assert api.post("/api/articles", content=REPORT, headers=own).status_code in (200, 201)


def test_a_wildcard_address_answers_ip_addresses_but_not_names(settings: Settings) -> None:
    with Served(create_app(replace(settings, host="0.0.0.0"))) as client:
        assert client.get("/api/health", headers={"Host": "192.0.2.7:8000"}).status_code == 200
        assert client.get("/api/health", headers={"Host": "evil.example"}).status_code == 400
    named = replace(settings, allowed_hosts="news.internal, localhost")
    with Served(create_app(named)) as client:
        assert client.get("/api/health", headers={"Host": "news.internal:80"}).status_code == 200
        assert client.get("/api/health").status_code == 400  # 127.0.0.1 is not listed
