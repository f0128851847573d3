"""Many stories at once: online clustering, `storyline ingest`, search, recluster, kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, SHARED, STORY, run_cli
from storyline.pipeline import ingest
from storyline.settings import Settings
from storyline.store import Store

FIRE = EXAMPLES / "valmsund-plant-fire"
PAGES = SHARED / "benchmarks" / "article-extraction" / "html"


def story_files(db: Path) -> list[set[str]]:
    """The stories of a store, each as the set of its articles' file names."""
    rows = sqlite3.connect(db).execute("SELECT story, path FROM articles ORDER BY story")
    stories: dict[int, set[str]] = {}
    for story, path in rows:
        stories.setdefault(story, set()).add(Path(path.split(":")[0]).name)
    return list(stories.values())


def consistent(db: Path) -> None:
    """Every stored article sits in one story, and every story's size is its article count."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM articles WHERE story IS NULL").fetchone()[0] == 0
    mismatched = con.execute(
        "SELECT count(*) FROM stories s WHERE size != "
        "(SELECT count(*) FROM articles a WHERE a.story = s.id)"
    ).fetchone()[0]
    assert mismatched == 0


def test_the_examples_stories_each_come_out_whole(db: Path) -> None:
    ran = run_cli("ingest", str(EXAMPLES), db=db)
    assert ran.code == 0, ran.stderr
    assert "into 2 stories" in ran.stderr and "briefed 2 stories" in ran.stderr
    listed = run_cli("stories", "--all", "--format", "json", db=db).json()
    assert [row["briefed"] for row in listed] == [True, True]  # a reader never waits for one
    stories = story_files(db)
    assert {frozenset(s) for s in stories} == {
        frozenset(p.name for p in STORY.iterdir()),
        frozenset(p.name for p in FIRE.iterdir()),
    }
    consistent(db)


def test_ingesting_again_changes_nothing(db: Path) -> None:
    run_cli("ingest", str(EXAMPLES), db=db)
    again = run_cli("ingest", str(EXAMPLES), db=db)
    assert again.code == 0 and "Ingested 0 new articles (11 already stored" in again.stderr
    assert len(story_files(db)) == 2


def test_brief_on_a_mixed_pile_gives_one_briefing_per_story_largest_first(db: Path) -> None:
    ran = run_cli("brief", str(EXAMPLES), "--format", "json", db=db)
    assert ran.code == 0, ran.stderr
    briefings = [json.loads(line) for line in ran.stdout.splitlines()]
    assert [len(b["sources"]) for b in briefings] == [6, 5]
    pages = Path(db).parent / "pages"
    ran = run_cli("brief", str(EXAMPLES), "--format", "html", "-o", str(pages), db=db)
    assert sorted(p.stem for p in pages.glob("*.html")) == sorted(
        b["story"]["id"] for b in briefings
    )


def test_search_and_filters(db: Path) -> None:
    run_cli("ingest", str(EXAMPLES), db=db)

    def titles(*args: str) -> list[str]:
        return [s["title"] for s in run_cli("stories", *args, "--format", "json", db=db).json()]

    assert len(titles()) == 2
    assert titles("Halvard") == titles("--outlet", "Norrvik")
    assert len(titles("Halvard")) == 1 and "Halvard" in titles("Halvard")[0]
    assert len(titles("--entity", "Irena Kostic")) == 1
    assert titles("--since", "2026-11-01") == titles("--outlet", "Coastline")
    assert titles("--until", "2026-10-31") == titles("Halvard")
    bad = run_cli("stories", 'bridge AND "', db=db)
    assert bad.code == 2 and "FTS5 query syntax" in bad.stderr


def test_recluster_rebuilds_the_same_stories(db: Path) -> None:
    run_cli("ingest", str(EXAMPLES), db=db)
    before = {frozenset(s) for s in story_files(db)}
    ran = run_cli("recluster", db=db)
    assert ran.code == 0 and "into 2 stories" in ran.stderr
    assert {frozenset(s) for s in story_files(db)} == before
    consistent(db)


def test_articles_a_stopped_recluster_left_out_of_stories_are_placed_by_the_next_ingest(
    db: Path,
) -> None:
    with Store(db) as store:
        ingest([str(EXAMPLES)], Settings(), store)
        before = {frozenset(s) for s in story_files(db)}
        store.reset_stories()  # what a recluster killed before it placed anything leaves
        run = ingest([str(EXAMPLES)], Settings(), store)
    assert (run.new, run.known, len(run.stories)) == (0, 11, 2)
    assert {frozenset(s) for s in story_files(db)} == before
    consistent(db)


def test_show_briefs_a_story_that_was_only_ingested(db: Path) -> None:
    run_cli("ingest", str(EXAMPLES), db=db)
    key = run_cli("stories", "Halvard", "--format", "json", db=db).json()[0]["id"]
    shown = run_cli("show", key, "--format", "json", db=db)
    assert shown.code == 0 and len(shown.json()["sources"]) == 6


def test_sochi_is_one_story_that_no_benchmark_page_joins(db: Path, sochi: Path) -> None:
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} is absent")
    ran = run_cli("ingest", str(sochi), str(PAGES), "--no-brief", db=db)
    assert ran.code == 0, ran.stderr
    sochi_files = {p.name for p in sochi.glob("0*.txt")}
    [story] = [s for s in story_files(db) if s & sochi_files]
    assert story == sochi_files
    consistent(db)


@dataclass
class HeldPage:
    """A page on 127.0.0.1 that answers only once the test lets it (`release`), after noting
    the request (`asked`): an ingest that reaches it has committed every batch before it."""

    url: str = ""
    asked: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


@contextmanager
def held_page() -> Iterator[HeldPage]:
    page = HeldPage()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/held":
                page.asked.set()
                page.release.wait(300)
            self.send_response(404)  # robots.txt too: none, so all is allowed
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page.url = f"http://127.0.0.1:{server.server_address[1]}/held"
    try:
        yield page
    finally:
        page.release.set()
        server.shutdown()
        server.server_close()


def kill_when_held(command: Callable[[str], list[str]], env: dict[str, str], wait: float) -> None:
    """Run `command(held page's URL)` and kill it (SIGKILL) once it asks for the held page."""
    with held_page() as page:
        process = subprocess.Popen(command(page.url), env={**env, "STORYLINE_FETCH_TIMEOUT": "300"})
        try:
            assert page.asked.wait(wait), "the ingest never reached the held page"
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()


def test_an_interrupted_ingest_leaves_a_consistent_store_that_the_next_run_completes(
    tmp_path: Path, db: Path
) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    sentences = [
        line
        for f in sorted(STORY.glob("*.txt")) + sorted(FIRE.glob("*.txt"))
        for line in f.read_text().split("\n\n")[1:]
        if len(line.split()) > 8
    ]
    for n in range(240):  # distinct articles composed of real sentences
        body = " ".join(sentences[(n * 7 + k) % len(sentences)] for k in range(4))
        (pile / f"a{n:03}.txt").write_text(f"Report number {n} on the harbour\n\n{body} ({n})\n")
    # The pile, then a page that is held: the ingest commits batches of 32 as it goes, so when
    # it asks for the page, 7 batches (224 articles) are stored and 16 wait in the 8th.
    kill_when_held(
        lambda url: [
            *(sys.executable, "-m", "storyline", "ingest", str(pile), url, "--allow-private"),
            *("--no-brief", "--db", str(db), "--quiet"),
        ],
        dict(os.environ),
        wait=240,
    )
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 224
    consistent(db)
    ran = run_cli("ingest", str(pile), "--no-brief", db=db)
    assert ran.code == 0, ran.stderr
    assert "Ingested 16 new articles (224 already stored" in ran.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 240
    consistent(db)


def test_a_killed_ingest_resumed_makes_the_stories_of_one_uninterrupted_run(
    tmp_path: Path, sochi: Path
) -> None:
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} is absent")
    groups = json.loads((ROOT / "bench" / "gold" / "pile-groups.json").read_text())["groups"]
    grouped = {page for g in groups for page in g["pages"]}
    pages = sorted(PAGES.glob("*.html.gz"))  # by hash: their days come in no order
    files = [p for p in pages if p.name[:16] in grouped]
    files += [p for p in pages if p.name[:16] not in grouped][: len(files)]
    # A story of 2026 first: a run resumed after the first batch starts from the stories near
    # the store's newest day, which the 2019 stories of that batch are not.
    files = [str(p) for p in sorted(FIRE.glob("*.txt")) + files + sorted(sochi.glob("*.txt"))]
    # A consolidation after every batch, so the killed run stops between two of them.
    env = {**os.environ, "STORYLINE_STORIES__CONSOLIDATE_EVERY": "32"}
    ingest_files = [sys.executable, "-m", "storyline", "ingest", "--no-brief", "--quiet"]
    whole, resumed = tmp_path / "whole.db", tmp_path / "resumed.db"
    subprocess.run([*ingest_files, *files, "--db", str(whole)], env=env, check=True, timeout=600)
    # The held page after 40 inputs: when the ingest asks for it, one batch of 32 is stored.
    kill_when_held(
        lambda url: [
            *(*ingest_files, *files[:40], url, *files[40:]),
            *("--allow-private", "--db", str(resumed)),
        ],
        env,
        wait=300,
    )
    assert sqlite3.connect(resumed).execute("SELECT count(*) FROM articles").fetchone()[0] == 32
    subprocess.run([*ingest_files, *files, "--db", str(resumed)], env=env, check=True, timeout=600)
    consistent(resumed)
    found = {frozenset(s) for s in story_files(resumed)}
    assert found == {frozenset(s) for s in story_files(whole)}
    assert any(s >= {Path(f).name for f in files[-5:]} for s in found)  # sochi-2020 whole
