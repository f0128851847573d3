"""`storyline serve`: the real app on a real port, over a store with examples/ ingested.

Three servers share one store: `api` takes writes (a token is set), `closed` has no token (so it
refuses writes), `private` also needs a token for reads. Tests run in file order: the read-only
ones first, then the ones that add articles.
"""

from __future__ import annotations

import base64
import hmac
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from conftest import EXAMPLES
from storyline.pipeline import ingest_articles, read
from storyline.server import create_app
from storyline.server.deps import token_matches
from storyline.settings import Settings
from storyline.store import Store

TOKEN = "write-token-0123456789"
READ_TOKEN = "read-token-abcdef"
CONTRACT = {
    "schema",
    "story",
    "sources",
    "summary",
    "claims",
    "contradictions",
    "entities",
    "quotes",
    "timeline",
    "exclusive",
}
SCRIPT = "<script>alert(1)</script>"
BRIDGE_REPORT = {
    "title": f"Ferry {SCRIPT} runs while Old Harbour Bridge stays shut",
    "text": (
        "Vellhaven's Old Harbour Bridge stayed closed to all traffic on Wednesday after engineers "
        "found cracks in a steel beam that supports the central span. A free ferry carried foot "
        "passengers and cyclists across the inner harbour. Mayor Irena Kostic said the bridge "
        f"would not reopen until every test showed it was safe. Commuters posted {SCRIPT} on the "
        "council's page. About 38,000 vehicles normally cross the bridge on a weekday."
    ),
    "url": "https://harbour-post.example/bridge",
    "published": "2026-11-04",
    "outlet": "Harbour Post",
    "authors": [{"name": "Ines Okafor"}, {"name": f"Per {SCRIPT} Vang"}],
}


class Running:
    """An app served by uvicorn on a free port in a background thread; yields a client."""

    def __init__(self, app: FastAPI) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> httpx.Client:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120)
        return self.client

    def __exit__(self, *exc_info: object) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(db=str(tmp_path_factory.mktemp("serve") / "store.db"))
    with Store(settings.db_path) as store:
        ingest_articles(read([str(EXAMPLES)], settings).articles, settings, store)
    return settings


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[httpx.Client]:
    with Running(create_app(replace(settings, token=TOKEN))) as client:
        yield client


@pytest.fixture(scope="module")
def closed(settings: Settings) -> Iterator[httpx.Client]:
    with Running(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="module")
def private(settings: Settings) -> Iterator[httpx.Client]:
    with Running(create_app(replace(settings, token=TOKEN, read_token=READ_TOKEN))) as client:
        yield client


@pytest.fixture(scope="module")
def keys(api: httpx.Client) -> dict[str, str]:
    """The two example stories' keys: "fire" and "bridge"."""
    found = {}
    for name, word in (("fire", "Halvard"), ("bridge", "Vellhaven")):
        stories = api.get("/api/stories", params={"q": word}).json()["stories"]
        assert len(stories) == 1, stories
        found[name] = stories[0]["id"]
    return found


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def error_of(response: httpx.Response, status: int) -> str:
    """The message of a JSON error response, checking its shape; never a stack trace."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"]["status"] == status
    assert "Traceback" not in response.text
    return body["error"]["message"]


# ── reads ───────────────────────────────────────────────────────────────────


def test_health_counts_the_store(api: httpx.Client) -> None:
    health = api.get("/api/health").json()
    assert health["status"] == "ok" and health["version"]
    assert health["articles"] == 11 and health["stories"] == 2


def test_story_list_pages(api: httpx.Client) -> None:
    first = api.get("/api/stories", params={"limit": 1}).json()
    assert len(first["stories"]) == 1 and first["limit"] == 1 and first["next"] == 1
    second = api.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert len(second["stories"]) == 1 and second["next"] is None
    assert first["stories"][0]["id"] != second["stories"][0]["id"]
    assert first["stories"][0]["size"] >= second["stories"][0]["size"]
    row = first["stories"][0]
    assert set(row) == {"id", "title", "size", "outlets", "start", "end", "briefed"}


def test_search_finds_the_fire_story_only(api: httpx.Client, keys: dict[str, str]) -> None:
    stories = api.get("/api/stories", params={"q": "Halvard"}).json()["stories"]
    assert [s["id"] for s in stories] == [keys["fire"]]
    # Not FTS5 syntax: searched as plain words rather than failing.
    loose = api.get("/api/stories", params={"q": 'Halvard-plant "'}).json()["stories"]
    assert [s["id"] for s in loose] == [keys["fire"]]
    assert api.get("/api/stories", params={"q": "zzzunknownword"}).json()["stories"] == []


def test_bad_query_parameters_are_400_or_422(api: httpx.Client) -> None:
    assert "YYYY-MM-DD" in error_of(api.get("/api/stories", params={"since": "May"}), 400)
    assert "limit" in error_of(api.get("/api/stories", params={"limit": 0}), 422)
    details = api.get("/api/stories", params={"limit": "x"}).json()["error"]["details"]
    assert details[0]["where"] == "query.limit"


def test_briefing_json_follows_the_contract(api: httpx.Client, keys: dict[str, str]) -> None:
    briefing = api.get(f"/api/stories/{keys['bridge']}").json()
    assert set(briefing) >= CONTRACT
    assert briefing["schema"] == "storyline.briefing/1"
    assert briefing["story"]["id"] == keys["bridge"]
    assert len(briefing["sources"]) == 5
    assert all(line["sources"] for line in briefing["summary"])
    assert briefing["claims"][0]["evidence"]
    assert "text" not in briefing["sources"][0]  # the contract, not the stored form


def test_article_json(api: httpx.Client, keys: dict[str, str]) -> None:
    article = api.get("/api/articles/1").json()
    assert set(article) == {"id", "title", "outlet", "url", "published", "author", "text", "story"}
    assert article["id"] == 1 and article["text"]
    assert article["story"] in keys.values()


def test_unknown_story_and_article_are_404(api: httpx.Client) -> None:
    assert "no story" in error_of(api.get("/api/stories/000000000000"), 404)
    assert "no article" in error_of(api.get("/api/articles/999999"), 404)
    assert "nothing at" in error_of(api.get("/api/nowhere"), 404)
    page = api.get("/stories/000000000000")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no story" in page.text and '<main id="main"' in page.text


def test_pages_have_a_strict_csp_and_no_inline_code(api: httpx.Client, keys: dict) -> None:
    for path in ("/", f"/stories/{keys['fire']}", "/articles/1", "/docs", "/nowhere"):
        response = api.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, path
        assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        html = response.text
        assert not re.search(r"<script(?![^>]*\ssrc=)", html), path  # no inline script
        assert "<style" not in html and " style=" not in html and " onclick=" not in html
    assert "content-security-policy" in api.get("/api/health").headers


def test_list_page_searches(api: httpx.Client, keys: dict[str, str]) -> None:
    html = api.get("/").text
    assert '<form role="search" action="/" method="get"' in html
    assert re.search(r'<input type="search" name="q" id="q" aria-label="Search stories"', html)
    links = re.findall(r'<a class="story-link" href="/stories/(\w+)">', html)
    assert sorted(links) == sorted(keys.values())
    found = api.get("/", params={"q": "Halvard"}).text
    assert re.findall(r'<a class="story-link" href="/stories/(\w+)">', found) == [keys["fire"]]
    assert "No story matches" in api.get("/", params={"q": "zzzunknownword"}).text


def test_story_page_cites_sentences_in_article_pages(api: httpx.Client, keys: dict) -> None:
    html = api.get(f"/stories/{keys['fire']}").text
    for landmark in ("<header", "<nav", '<main id="main"', "<footer", 'class="skip"'):
        assert landmark in html
    cites = re.findall(
        r'<a href="(/articles/(\d+)#(S\d+-\d+))" class="cite" data-source="S\d+"[^>]*'
        r'data-sentence-text="([^"]+)"',
        html,
    )
    assert len(cites) > 10
    assert 'class="matrix"' in html and "backs C1" in html  # the source matrix
    assert 'id="disagreements"' in html and 'class="sides"' in html
    # A citation's target is a highlighted sentence of the article page, with the same text.
    _href, article_id, anchor, text = cites[0]
    article = api.get(f"/articles/{article_id}").text
    fed = re.search(rf'<mark class="fed" id="{anchor}">([^<]+)</mark>', article)
    assert fed and " ".join(fed.group(1).split()) == text


def test_docs_page_lists_the_api_without_a_cdn(api: httpx.Client) -> None:
    schema = api.get("/openapi.json").json()
    assert "/api/stories/{key}" in schema["paths"] and "/api/articles" in schema["paths"]
    html = api.get("/docs").text
    assert "/api/stories/{key}" in html and "POST" in html
    assert "cdn" not in html.lower() and "https://" not in html


# ── auth ────────────────────────────────────────────────────────────────────


def test_writes_are_refused_without_a_configured_token(closed: httpx.Client) -> None:
    response = closed.post("/api/articles", json=BRIDGE_REPORT, headers=bearer("anything"))
    assert "STORYLINE_TOKEN" in error_of(response, 403)


def test_a_wrong_or_missing_token_is_401(api: httpx.Client) -> None:
    unicode = {"Authorization": ("Bearer " + "é" * 30).encode()}
    for headers in ({}, bearer("wrong"), bearer(TOKEN + "x"), unicode):
        response = api.post("/api/articles", json=BRIDGE_REPORT, headers=headers)
        assert "token" in error_of(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"


def test_tokens_are_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert token_matches(TOKEN, TOKEN)
    assert not token_matches("short", TOKEN)  # another length: False, no exception
    assert not token_matches("ünïcödé", TOKEN)  # compare_digest refuses non-ASCII str
    assert not token_matches(None, TOKEN) and not token_matches(TOKEN, "")
    assert len(calls) == 3 and all(isinstance(a, bytes) for a, _ in calls)


def test_a_read_token_protects_reads(private: httpx.Client) -> None:
    refused = private.get("/api/health")
    assert "read token" in error_of(refused, 401)
    assert refused.headers["www-authenticate"] == "Bearer"
    assert private.get("/api/health", headers=bearer(READ_TOKEN)).status_code == 200
    assert private.get("/api/health", headers=bearer(TOKEN)).status_code == 200
    page = private.get("/")
    assert page.status_code == 401 and page.headers["www-authenticate"].startswith("Basic")
    basic = base64.b64encode(f"me:{READ_TOKEN}".encode()).decode()
    assert private.get("/", headers={"Authorization": f"Basic {basic}"}).status_code == 200
    assert private.get("/static/app.js").status_code == 200
    # The read token does not write.
    response = private.post("/api/articles", json=BRIDGE_REPORT, headers=bearer(READ_TOKEN))
    assert response.status_code == 401


# ── writes ──────────────────────────────────────────────────────────────────


def test_bodies_over_the_limit_are_413(api: httpx.Client, settings: Settings) -> None:
    big = b'{"text": "' + b"a" * settings.max_request_bytes + b'"}'
    headers = {**bearer(TOKEN), "Content-Type": "application/json"}
    assert "limit" in error_of(api.post("/api/articles", content=big, headers=headers), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        for start in range(0, len(big), 65536):
            yield big[start : start + 65536]

    assert "limit" in error_of(api.post("/api/articles", content=chunks(), headers=headers), 413)


def test_bodies_without_an_article_are_refused(api: httpx.Client) -> None:
    post = api.post
    headers = bearer(TOKEN)
    assert "`text`" in error_of(post("/api/articles", json={"title": "x"}, headers=headers), 422)
    assert "no article" in error_of(post("/api/articles", json=[], headers=headers), 422)
    assert "text" in error_of(post("/api/articles", json=[{"text": "  "}], headers=headers), 422)
    bad = post(
        "/api/articles", content=b"{oops", headers={**headers, "content-type": "application/json"}
    )
    assert "invalid JSON" in error_of(bad, 400)
    empty = post("/api/articles", content=b"", headers={**headers, "content-type": "text/plain"})
    assert "empty" in error_of(empty, 400)
    odd = post("/api/articles", content=b"x", headers={**headers, "content-type": "image/png"})
    assert "image/png" in error_of(odd, 415)


def test_a_posted_report_joins_its_story(api: httpx.Client, keys: dict[str, str]) -> None:
    before = api.get(f"/api/stories/{keys['bridge']}").json()
    response = api.post("/api/articles", json=BRIDGE_REPORT, headers=bearer(TOKEN))
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["stories"] == [keys["bridge"]]
    [added] = result["articles"]
    assert added["new"] is True and added["story"] == keys["bridge"]
    after = api.get(f"/api/stories/{keys['bridge']}").json()
    assert len(after["sources"]) == len(before["sources"]) + 1
    assert "Harbour Post" in {s["outlet"] for s in after["sources"]}
    # The same report again changes nothing.
    again = api.post("/api/articles", json=[BRIDGE_REPORT], headers=bearer(TOKEN))
    assert again.status_code == 200 and again.json()["articles"][0]["new"] is False
    stored = api.get("/api/articles/{}".format(added["id"])).json()
    assert stored["outlet"] == "Harbour Post"
    assert stored["author"] == f"Ines Okafor; Per {SCRIPT} Vang"
    assert stored["author"] in {s["author"] for s in after["sources"]}


def test_article_text_is_escaped_in_pages(api: httpx.Client, keys: dict[str, str]) -> None:
    found = api.get("/api/stories", params={"q": "Commuters posted"}).json()["stories"]
    assert [s["id"] for s in found] == [keys["bridge"]]
    article_id = max(
        int(i) for i in re.findall(r"/articles/(\d+)", api.get(f"/stories/{keys['bridge']}").text)
    )
    for path in (f"/articles/{article_id}", f"/stories/{keys['bridge']}"):
        html = api.get(path).text
        assert "by Ines Okafor; Per &lt;script&gt;alert(1)&lt;/script&gt; Vang" in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
        assert "<script>alert" not in html, path
    assert api.get(f"/api/articles/{article_id}").json()["text"].count(SCRIPT) == 1


def test_plain_text_and_html_bodies_are_ingested(api: httpx.Client, keys: dict) -> None:
    text = (
        "Halvard Chemicals plant fire: insurers begin their count\n\n"
        "Insurance assessors began counting the damage at the Halvard Chemicals plant in "
        "Valmsund on Tuesday, after the fire that destroyed its solvent store on Saturday night. "
        "Plant director Yevgeny Malkov said the cause of the fire was still not known."
    )
    params = {"url": "https://valmsund-daily.example/fire", "published": "2026-10-13"}
    response = api.post(
        "/api/articles",
        content=text.encode(),
        params=params,
        headers={**bearer(TOKEN), "content-type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 201, response.text
    [added] = response.json()["articles"]
    stored = api.get(f"/api/articles/{added['id']}").json()
    assert stored["title"] == "Halvard Chemicals plant fire: insurers begin their count"
    assert stored["outlet"] == "valmsund-daily.example" and stored["published"] == "2026-10-13"
    html = "<html><body><article><h1>Nothing</h1><p>x</p></article></body></html>"
    refused = api.post(
        "/api/articles", content=html, headers={**bearer(TOKEN), "content-type": "text/html"}
    )
    assert "cannot be used" in error_of(refused, 422)


def test_unexpected_errors_are_a_bare_500(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/api/boom")
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret detail")

    with Running(app) as client:
        message = error_of(client.get("/api/boom"), 500)
        assert "secret" not in message
        page = client.get("/boom")
        assert page.status_code == 500 and "secret" not in page.text
        assert "content-security-policy" in page.headers
        assert json.loads(client.get("/api/health").text)["status"] == "ok"
