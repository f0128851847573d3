"""`storyline serve` against hostile requests, on a real server over a real store: input that
used to answer 500, ids and query strings out of range, and cross-site writes."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from conftest import STORY
from storyline.server import create_app
from storyline.settings import Settings
from test_server import Running, bearer, error_of

TOKEN = "write-token-0123456789"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = Settings(db=str(tmp_path_factory.mktemp("hardening") / "store.db"), token=TOKEN)
    with Running(create_app(settings)) as client:
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
    record = {"title": "Bridge shut", "text": REPORT, "url": "http://[::1"}
    made = _post(api, json.dumps(record), "application/json")
    assert made.status_code == 201, made.text
    stored = api.get(f"/api/articles/{made.json()['articles'][0]['id']}").json()
    assert stored["url"] == "http://[::1" and stored["outlet"] is None


def test_an_html_page_declaring_the_idna_charset_is_read(api: httpx.Client) -> None:
    page = (STORY / "northshore-daily.html").read_text()
    page = page.replace("<head>", '<head><meta charset="idna">', 1)
    made = _post(api, page.encode(), "text/html")
    assert made.status_code == 201, made.text
