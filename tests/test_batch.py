"""`storyline batch`: the pipeline as a Ray Data job, on a local Ray of this machine.

One job runs over a WARC file and JSONL files written here, with a broken record among them,
and with one embedding actor made to die on its first batch: the tests read what it wrote.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from storyline.settings import Settings

ray = pytest.importorskip("ray", reason="the ray extra is not installed: pip install -e '.[ray]'")

FIRE = EXAMPLES / "valmsund-plant-fire"
BRIDGE = EXAMPLES / "vellhaven-bridge-closure"


def _warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )


@pytest.fixture(scope="module")
def pile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A crawl of the HTML pages, the JSONL and text reports as they are, and a broken line."""
    folder = tmp_path_factory.mktemp("pile")
    pages = sorted([*FIRE.glob("*.html"), *BRIDGE.glob("*.html")])
    _warc(
        folder / "crawl.warc.gz", [(f"https://{p.stem}.example/a", p.read_bytes()) for p in pages]
    )
    for report in sorted([*FIRE.iterdir(), *BRIDGE.iterdir()]):
        if report.suffix != ".html":
            shutil.copy(report, folder / report.name)
    (folder / "broken.jsonl").write_text('{"title": "no text here"}\n{"text": 5\n')
    return folder


@pytest.fixture(scope="module")
def job(pile: Path, tmp_path_factory: pytest.TempPathFactory):
    from storyline.batch import run_batch
    from storyline.batch.job import CRASH_ONCE

    out = tmp_path_factory.mktemp("out")
    marker = out / "crashed"
    os.environ[CRASH_ONCE] = str(marker)  # before Ray starts, so its workers see it
    try:
        run = run_batch([str(pile)], out / "result", Settings(), workers=2, store=out / "s.db")
    finally:
        del os.environ[CRASH_ONCE]
    yield run, out, marker
    ray.shutdown()


def _contract(briefing: dict) -> dict:
    return {**briefing, "story": {**briefing["story"], "id": None}}


def test_the_briefings_are_those_of_storyline_brief(job, pile: Path, tmp_path: Path) -> None:
    from storyline.pipeline import brief
    from storyline.store import Store

    run, out, _ = job
    with Store(tmp_path / "one.db") as store:
        expected = [b.to_dict() for b in brief([str(pile)], Settings(), store).briefings]
    lines = (out / "result" / "briefings.jsonl").read_text(encoding="utf-8").splitlines()
    got = [json.loads(line) for line in lines]
    assert run.briefings == len(got) == 2
    assert [_contract(b) for b in got] == [_contract(b) for b in expected]


def test_the_briefings_cpu_time_is_counted_with_the_processes_it_ran_in(job) -> None:
    """Two stories on two workers: their CPU time is summed, and they ran in one process or
    two, not in more than there are workers."""
    run, _, _ = job
    assert run.briefing_cpu > 0
    assert 1 <= run.briefing_processes <= 2


def test_a_worker_lost_mid_batch_is_retried_without_duplicates(job) -> None:
    import pyarrow.parquet as pq

    run, out, marker = job
    assert marker.exists()  # an actor did die on its first batch
    rows = pq.read_table(out / "result" / "articles").to_pylist()
    assert len(rows) == len({r["hash"] for r in rows}) == run.articles == 11
    assert len({r["story"] for r in rows}) == 2


def test_rejects_are_kept_with_their_reasons(job) -> None:
    run, out, _ = job
    rejects = [json.loads(line) for line in (out / "result" / "rejects.jsonl").open()]
    assert run.rejects == len(rejects) >= 1
    assert any("broken.jsonl" in r["input"] and r["reason"] for r in rejects)


def test_the_store_it_loads_serves_its_stories(job) -> None:
    from storyline.pipeline import brief_story
    from storyline.store import Store

    _, out, _ = job
    with Store(out / "s.db") as store:
        rows = store.stories()
        assert sorted(r.size for r in rows) == [5, 6] and all(r.briefed for r in rows)
        briefing = brief_story(rows[0].id, Settings(), store)  # the kept one, not a new one
        assert briefing.story.id == rows[0].id and len(briefing.sources) == rows[0].size


def test_a_pyarrow_file_system_is_read_by_uri(job, tmp_path: Path) -> None:
    """Any file system pyarrow knows is read the same way: here its local one, by URI."""
    from storyline.batch import run_batch

    run = run_batch([BRIDGE.as_uri()], tmp_path / "out", Settings())
    (briefing,) = [json.loads(line) for line in (tmp_path / "out" / "briefings.jsonl").open()]
    assert run.rejects == 0 and len(briefing["sources"]) == 5
    assert all(s["path"].startswith("file://") for s in briefing["sources"])


def test_stories_that_cannot_have_enough_voices_are_left_out_before_briefing() -> None:
    """One outlet's reports are one voice whatever they say; a story with no outlet named for
    some report cannot be judged from its outlets, so it goes on to be briefed."""
    from storyline.batch.job import _may_be_briefed

    members = {
        "one outlet": [("h1", "Coast Times"), ("h2", "coast times"), ("h3", "Coast Times")],
        "two outlets": [("h4", "Coast Times"), ("h5", "Valley Herald")],
        "unnamed": [("h6", "Coast Times"), ("h7", None)],
        "alone": [("h8", "Valley Herald")],
    }
    assert _may_be_briefed(members, 2) == {"two outlets": 2, "unnamed": 2}
    assert _may_be_briefed(members, 1) == {s: len(told) for s, told in members.items()}
    assert _may_be_briefed(members, 3) == {}


def test_a_text_read_twice_is_kept_where_it_was_read_first() -> None:
    from storyline.batch.job import _repeats

    rows = [
        {"kind": "article", "hash": "x", "unit": 1, "item": 0},
        {"kind": "article", "hash": "x", "unit": 0, "item": 3},
        {"kind": "reject", "hash": None, "unit": 0, "item": 0},
        {"kind": "reject", "hash": None, "unit": 0, "item": 1},
        {"kind": "article", "hash": "y", "unit": 0, "item": 2},
        {"kind": "article", "hash": "x", "unit": 1, "item": 4},
    ]
    assert _repeats(rows) == {(1, 0), (1, 4)}
