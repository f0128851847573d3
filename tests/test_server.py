"""`storyline serve`: the real app on a real port, over a store with examples/ ingested.

Three servers share one store that no test writes to: `api` takes writes (a token is set) but
is sent none that succeed, `closed` has no token (so it refuses writes), `private` also needs a
token for reads. A test that adds articles gets a server over a store of its own (`writable`), so
every test passes alone and in any order.
"""

from __future__ import annotations

import base64
import hmac
import html
import json
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from conftest import EXAMPLES, run_cli
from storyline.model import Article
from storyline.pipeline import brief_landed, ingest_articles, ingest_parsed, read
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
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of examples/ as `storyline ingest` leaves it: stored, grouped and briefed. No
    server uses this file: each gets a copy, so what one test writes no other test reads."""
    settings = Settings(db=str(tmp_path_factory.mktemp("serve") / "examples.db"))
    with Store(settings.db_path) as store:
        run = ingest_articles(read([str(EXAMPLES)], settings).articles, settings, store)
        brief_landed(run, settings, store, everything=True)
    return settings.db_path


def copy_of(stored: Path, folder: Path) -> Settings:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "store.db"
    with sqlite3.connect(stored) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return Settings(db=str(target))


@pytest.fixture(scope="module")
def settings(stored: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The read-only tests' store: nothing is written to it."""
    return copy_of(stored, tmp_path_factory.mktemp("reads"))


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[httpx.Client]:
    with Running(create_app(replace(settings, token=TOKEN))) as client:
        yield client


@pytest.fixture
def writable(stored: Path, tmp_path: Path) -> Iterator[tuple[httpx.Client, Settings]]:
    """A server that takes writes over a store of its own, for a test that adds articles."""
    settings = replace(copy_of(stored, tmp_path), token=TOKEN)
    with Running(create_app(settings)) as client:
        yield client, settings


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


def bridge_article() -> Article:
    """BRIDGE_REPORT as an article read by another process."""
    fields = ("title", "text", "url", "published", "outlet")
    return Article(**{name: BRIDGE_REPORT[name] for name in fields})


def story_key(api: httpx.Client, word: str) -> str:
    [story] = api.get("/api/stories", params={"q": word}).json()["stories"]
    return story["id"]


def store_key(settings: Settings, story: int) -> str:
    with Store(settings.db_path) as store:
        return store.story_key(story)


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


def test_a_posted_report_joins_its_story(writable: tuple[httpx.Client, Settings]) -> None:
    api, _ = writable
    bridge = story_key(api, "Vellhaven")
    before = api.get(f"/api/stories/{bridge}").json()
    response = api.post("/api/articles", json=BRIDGE_REPORT, headers=bearer(TOKEN))
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["stories"] == [bridge]
    [added] = result["articles"]
    assert added["new"] is True and added["story"] == bridge
    # Briefed in the background; `fresh` waits for the briefing of every report.
    current = api.get(f"/api/stories/{bridge}", params={"fresh": "true"})
    assert current.headers["briefing-state"] == "current"
    after = current.json()
    assert len(after["sources"]) == len(before["sources"]) + 1
    assert "Harbour Post" in {s["outlet"] for s in after["sources"]}
    # The same report again changes nothing.
    again = api.post("/api/articles", json=[BRIDGE_REPORT], headers=bearer(TOKEN))
    assert again.status_code == 200 and again.json()["articles"][0]["new"] is False
    stored = api.get("/api/articles/{}".format(added["id"])).json()
    assert stored["outlet"] == "Harbour Post"
    assert stored["author"] == f"Ines Okafor; Per {SCRIPT} Vang"
    assert stored["author"] in {s["author"] for s in after["sources"]}


def test_article_text_is_escaped_in_pages(writable: tuple[httpx.Client, Settings]) -> None:
    api, _ = writable
    bridge = story_key(api, "Vellhaven")
    posted = api.post("/api/articles", json=BRIDGE_REPORT, headers=bearer(TOKEN))
    [added] = posted.json()["articles"]
    found = api.get("/api/stories", params={"q": "Commuters posted"}).json()["stories"]
    assert [s["id"] for s in found] == [bridge]
    api.get(f"/api/stories/{bridge}", params={"fresh": "true"}).raise_for_status()
    for path in (f"/articles/{added['id']}", f"/stories/{bridge}"):
        html = api.get(path).text
        assert "by Ines Okafor; Per &lt;script&gt;alert(1)&lt;/script&gt; Vang" in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
        assert "<script>alert" not in html, path
    assert api.get(f"/api/articles/{added['id']}").json()["text"].count(SCRIPT) == 1


def test_a_grown_story_shows_its_latest_briefing_at_once(
    writable: tuple[httpx.Client, Settings],
) -> None:
    api, settings = writable
    bridge = story_key(api, "Vellhaven")
    kept = api.get(f"/stories/{bridge}").text
    assert "briefing-state" not in kept
    # Another process (`storyline ingest --no-brief`, say) adds a report to the story.
    with Store(settings.db_path) as store:
        run = ingest_parsed([bridge_article()], settings, store)
    assert run.new == 1 and [store_key(settings, s) for s in run.stories] == [bridge]
    page = api.get(f"/stories/{bridge}").text
    note = re.search(r'<p class="briefing-state" role="status">([^<]+)</p>', page)
    assert note, page
    assert "1 report joined this story after this briefing was made" in note.group(1)
    assert "A newer briefing is being made" in note.group(1)
    assert page.count('class="cite"') == kept.count('class="cite"')  # the kept briefing
    latest = api.get(f"/api/stories/{bridge}")
    assert latest.headers["briefing-state"] in {"updating", "current"}
    current = api.get(f"/api/stories/{bridge}", params={"fresh": "true"})
    assert current.headers["briefing-state"] == "current" and len(current.json()["sources"]) == 6
    assert "briefing-state" not in api.get(f"/stories/{bridge}").text


def test_a_story_never_briefed_lists_its_reports_until_it_is(
    writable: tuple[httpx.Client, Settings],
) -> None:
    api, settings = writable
    report = Article(
        text="The Kestrel Island lighthouse keeper retired on Friday after forty years of "
        "service. The harbour authority said an automatic lamp would replace him in spring.",
        title="Kestrel Island lighthouse keeper retires",
        outlet="Island Times",
        published="2026-11-20",
    )
    with Store(settings.db_path) as store:
        [story] = ingest_parsed([report], settings, store).stories
        key = store_key(settings, story)
    page = api.get(f"/stories/{key}").text
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "<h1>Kestrel Island lighthouse keeper retires</h1>" in page
    assert "2026-11-20" in page and "being made" in page
    [article_id] = re.findall(r'<a href="/articles/(\d+)">Kestrel Island', page)
    assert api.get(f"/articles/{article_id}").status_code == 200
    briefing = api.get(f"/api/stories/{key}").json()  # before its first briefing: made now
    assert briefing["story"]["id"] == key and len(briefing["sources"]) == 1
    briefed = api.get(f"/stories/{key}").text
    assert "http-equiv" not in briefed and 'class="cite"' in briefed


def test_plain_text_and_html_bodies_are_ingested(writable: tuple[httpx.Client, Settings]) -> None:
    api, _ = writable
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


# ── one story, one title and one date range everywhere ──────────────────────


def shown_everywhere(db: Path, key: str) -> dict[str, tuple[str, str | None]]:
    """(title, dates) of a story as the CLI, the API, the list page and its page show it."""
    [row] = [r for r in run_cli("stories", "--all", "--format", "json", db=db).json()]
    assert row["id"] == key
    dates = " – ".join(dict.fromkeys(d for d in (row["start"], row["end"]) if d)) or None
    seen = {"cli": (row["title"], dates)}
    with Running(create_app(Settings(db=str(db)))) as client:
        [listed] = client.get("/api/stories").json()["stories"]
        api_dates = " – ".join(dict.fromkeys(d for d in (listed["start"], listed["end"]) if d))
        seen["api"] = (listed["title"], api_dates or None)
        index = client.get("/").text
        title = re.search(r'<a class="story-link" href="/stories/\w+">([^<]+)</a>', index)
        span = re.search(r'<span class="story-dates">([^<]+)</span>', index)
        seen["list page"] = (html.unescape(title.group(1)), span and span.group(1))
        page = client.get(f"/stories/{key}").text
        h1 = re.search(r"<h1>([^<]+)</h1>", page)
        meta = re.search(
            r'<p class="meta"><span>(\d{4}-\d\d-\d\d( – \d{4}-\d\d-\d\d)?)</span>', page
        )
        seen["story page"] = (html.unescape(h1.group(1)), meta and meta.group(1))
    return seen


@pytest.mark.parametrize("corpus", ["bridge-texts", "sochi-2020"])
def test_an_undated_story_has_one_title_and_one_date_range_everywhere(
    corpus: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    pile = tmp_path / "pile"
    if corpus == "sochi-2020":
        shutil.copytree(request.getfixturevalue("sochi"), pile)
    else:  # the bridge story's plain-text reports, which carry no publication date
        pile.mkdir()
        for report in ("harbour-gazette.txt", "vellhaven-courier.txt", "quayside-report.md"):
            shutil.copy(EXAMPLES / "vellhaven-bridge-closure" / report, pile)
    db = tmp_path / "store.db"
    # Stored, not yet briefed: the story's name and no dates (its reports give none).
    assert run_cli("ingest", str(pile), "--no-brief", db=db).code == 0
    [row] = run_cli("stories", "--all", "--format", "json", db=db).json()
    before = shown_everywhere(db, row["id"])
    assert len(set(before.values())) == 1, before
    assert before["cli"][1] is None  # never the day it was ingested
    # Briefed (by the server, which the page view asked, or else by this `storyline ingest`):
    # the briefing's title and the dates of what the reports tell.
    assert run_cli("ingest", str(pile), db=db).code == 0
    assert run_cli("stories", "--format", "json", db=db).json()[0]["briefed"]
    after = shown_everywhere(db, row["id"])
    assert len(set(after.values())) == 1, after
    shown = run_cli("show", row["id"], "--format", "json", db=db).json()["story"]
    assert after["cli"] == (
        shown["title"],
        " – ".join(dict.fromkeys([shown["start"], shown["end"]])),
    )
    assert after["cli"][1] != date.today().isoformat()
    if corpus == "sochi-2020":
        assert after["cli"][1] == "2020-09-14"
