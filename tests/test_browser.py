"""`storyline serve` in a real browser: Playwright driving Debian's chromium.

One server over a store with examples/ ingested, one browser for the module. Checks what only a
browser can: the citation popover (mouse and keyboard), the search form, that text posted in an
article is shown as text and never runs, and that the pages load under the strict CSP without
errors. Screenshots land in pytest's tmp folder (the paths are printed; `pytest -s` shows them).

Skips when Playwright or /usr/bin/chromium is missing. Tests run in file order: the one that posts
an article (and so changes the bridge story) comes last.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from conftest import EXAMPLES
from storyline.pipeline import ingest_articles, read
from storyline.server import create_app
from storyline.settings import Settings
from storyline.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOKEN = "browser-write-token-0123456789"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
HOSTILE_REPORT = {
    "title": f"Ferry {SCRIPT} keeps Old Harbour Bridge commuters moving",
    "text": (
        "Vellhaven's Old Harbour Bridge stayed closed to all traffic on Wednesday after engineers "
        "found cracks in a steel beam under the central span. A free ferry carried foot "
        f"passengers and cyclists across the inner harbour. Commuters posted {SCRIPT} on the "
        f"council's page, and one reply read {IMG} before it was removed. Mayor Irena Kostic "
        "said the bridge would not reopen until every test showed it was safe. About 38,000 "
        "vehicles normally cross the Old Harbour Bridge on a weekday."
    ),
    "url": "https://harbour-post.example/ferry",
    "outlet": "Harbour Post",
    "published": "2026-11-04",
}


@dataclass
class Site:
    url: str
    client: httpx.Client
    keys: dict[str, str] = field(default_factory=dict)  # "fire", "bridge" -> story key


@pytest.fixture(scope="module")
def sync_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "Playwright is not installed: `.venv/bin/python -m pip install playwright` "
            "(the browser itself is Debian's chromium, so no `playwright install` is needed)"
        )
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's chromium is not installed at /usr/bin/chromium: `make test` installs it "
            "with apt-get where it can (apt-get install chromium)"
        )
    return sync_playwright


@pytest.fixture(scope="module")
def browser(sync_playwright: Any) -> Iterator[Any]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Site]:
    """The app on a free port of 127.0.0.1, over a store with examples/ ingested and briefed."""
    settings = Settings(db=str(tmp_path_factory.mktemp("browser") / "store.db"))
    with Store(settings.db_path) as store:
        ingest_articles(read([str(EXAMPLES)], settings).articles, settings, store)
    config = uvicorn.Config(
        create_app(replace(settings, token=TOKEN)), host="127.0.0.1", port=0, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=url, timeout=300)
    try:
        site = Site(url, client)
        for name, word in (("fire", "Halvard"), ("bridge", "Harbour")):
            stories = client.get("/api/stories", params={"q": word}).json()["stories"]
            assert len(stories) == 1, (word, stories)
            site.keys[name] = stories[0]["id"]
            # Brief now (the models load on the first one), so page loads stay fast.
            assert client.get(f"/api/stories/{site.keys[name]}").status_code == 200
        yield site
    finally:
        client.close()
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def page(browser: Any, site: Site) -> Iterator[Any]:
    """A desktop-sized page that records script errors and CSP violations."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.problems = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            page.problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    try:
        yield page
    finally:
        context.close()


def shoot(page: Any, path: Path) -> None:
    """The first screen as `path`, and the whole page beside it as `<name>-full.png`."""
    page.screenshot(path=str(path))
    full = path.with_name(f"{path.stem}-full.png")
    page.screenshot(path=str(full), full_page=True)
    print(f"screenshot: {path} (whole page: {full.name})")


def no_problems(page: Any) -> None:
    """Nothing on the page failed: no script error, no CSP violation, no failed load."""
    assert page.problems == [], page.problems


def pwned(page: Any) -> Any:
    return page.evaluate("window.__pwned")


def test_citation_opens_its_sentence(page: Any, site: Site, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto(f"{site.url}/stories/{site.keys['bridge']}")
    cites = page.locator("a.cite")
    assert cites.count() > 0
    cite = cites.first
    sentence = cite.get_attribute("data-sentence-text")
    href = cite.get_attribute("href")
    assert sentence, "a citation carries its source sentence"
    assert re.fullmatch(r"/articles/\d+#S\d+-\d+", href or ""), href
    shoot(page, shots / "story-desktop-1280.png")

    cite.click()
    popover = page.locator(".cite-popover")
    expect(popover).to_have_count(1)
    expect(popover).to_be_visible()
    expect(popover).to_have_attribute("role", "dialog")
    expect(popover).to_contain_text(sentence)
    # It opens right after the citation it belongs to.
    expect(cite.locator("xpath=following-sibling::*[1]")).to_have_class(re.compile("cite-popover"))
    expect(cite).to_have_attribute("aria-expanded", "true")
    shoot(page, shots / "story-popover-1280.png")

    # A click elsewhere closes it.
    page.locator("h1").first.click()
    expect(popover).to_have_count(0)
    no_problems(page)

    # The citation's link goes to the article, its sentence highlighted.
    page.goto(f"{site.url}{href}")
    anchor = href.split("#", 1)[1]
    expect(page.locator(f"mark.fed#{anchor}")).to_be_visible()
    expect(page.locator(f"mark.fed#{anchor}")).to_contain_text(sentence[:40])
    shoot(page, shots / "article-desktop-1280.png")
    no_problems(page)


def test_story_page_on_a_phone(browser: Any, site: Site, shots: Path) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{site.url}/stories/{site.keys['bridge']}")
        shoot(page, shots / "story-phone-390.png")
        # Nothing is wider than the screen (no sideways scrolling).
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page is {width}px wide on a 390px screen"
        cite = page.locator("a.cite").first
        cite.tap()
        popover = page.locator(".cite-popover")
        expect(popover).to_be_visible()
        box = popover.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
        shoot(page, shots / "story-popover-phone-390.png")
    finally:
        context.close()


def test_search_finds_the_fire_story(page: Any, site: Site, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto(f"{site.url}/")
    expect(page.locator("a.story-link")).to_have_count(2)
    shoot(page, shots / "list-desktop-1280.png")

    field = page.locator("form[role=search] input[name=q]")
    field.fill("Halvard")
    field.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=Halvard"))
    links = page.locator("a.story-link")
    expect(links).to_have_count(1)
    assert re.search(r"fire|blaze|plant|Valmsund", links.first.inner_text(), re.I), (
        links.first.inner_text()
    )
    assert links.first.get_attribute("href") == f"/stories/{site.keys['fire']}"
    expect(field).to_have_value("Halvard")
    shoot(page, shots / "list-search-1280.png")

    links.first.click()
    page.wait_for_url(f"**/stories/{site.keys['fire']}")
    expect(page.locator("a.cite").first).to_be_visible()
    no_problems(page)


def test_keyboard_opens_and_closes_a_citation(page: Any, site: Site) -> None:
    from playwright.sync_api import expect

    page.goto(f"{site.url}/stories/{site.keys['bridge']}")
    cite = page.locator("a.cite").first
    cite.focus()
    page.keyboard.press("Enter")
    popover = page.locator(".cite-popover")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(cite.get_attribute("data-sentence-text") or "")
    assert page.url.endswith(f"/stories/{site.keys['bridge']}"), "Enter must not navigate away"

    page.keyboard.press("Escape")
    expect(popover).to_have_count(0)
    expect(cite).to_be_focused()  # focus goes back to the citation
    expect(cite).to_have_attribute("aria-expanded", "false")
    no_problems(page)


def test_posted_markup_is_text_and_never_runs(page: Any, site: Site, shots: Path) -> None:
    from playwright.sync_api import expect

    posted = site.client.post(
        "/api/articles", json=HOSTILE_REPORT, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert posted.status_code == 201, posted.text
    (added,) = posted.json()["articles"]
    stored = site.client.get(f"/api/articles/{added['id']}").json()
    assert SCRIPT in stored["text"], "the text is stored as sent"

    def harmless(path: str) -> None:
        page.goto(f"{site.url}{path}")
        page.wait_for_load_state("load")
        assert pwned(page) is None
        # Escaped, not merely blocked by the CSP: no such element made it into the DOM.
        assert page.locator("img[src='x']").count() == 0
        assert not page.evaluate(
            "[...document.scripts].some(s => s.textContent.includes('__pwned'))"
        )
        assert SCRIPT in page.locator("body").inner_text()
        no_problems(page)

    harmless(f"/articles/{added['id']}")
    expect(page.locator("h1")).to_contain_text(SCRIPT)
    shoot(page, shots / "article-posted-1280.png")

    # The page shows the story's latest briefing while the background briefer makes the one
    # that holds the posted report: wait for that one, as a reader who reloads would.
    made = site.client.get(f"/api/stories/{added['story']}", params={"fresh": "true"})
    assert made.status_code == 200, made.text
    harmless(f"/stories/{added['story']}")
    # Its citations open as text too.
    cites = page.locator(f"a.cite[href^='/articles/{added['id']}#']")
    for n in range(cites.count()):
        cites.nth(n).click()
        expect(page.locator(".cite-popover")).to_be_visible()
        page.keyboard.press("Escape")
    assert pwned(page) is None
    assert page.locator("img[src='x']").count() == 0
    shoot(page, shots / "story-posted-1280.png")
