"""Stories hold together whatever order the reports come in (consolidation after assignment)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

import storyline
from conftest import EXAMPLES, ROOT, SHARED, SOCHI
from storyline.store import Store

PAGES = SHARED / "benchmarks" / "article-extraction" / "html"


def partition(db: Path) -> set[frozenset[str]]:
    """The stories of a store as sets of their articles' texts' hashes."""
    with Store(db) as store:
        rows = store.stories(limit=100_000, min_size=1)
        return {
            frozenset(a.content_hash for a in store.story_articles(store.story_id(r.id)))
            for r in rows
        }


def ingest_in_order(paths: list[Path], db: Path, batches: int = 1) -> set[frozenset[str]]:
    size = -(-len(paths) // batches)
    for start in range(0, len(paths), size):
        storyline.ingest([str(p) for p in paths[start : start + size]], store=db)
    return partition(db)


def test_the_examples_make_the_same_stories_in_any_order(tmp_path: Path) -> None:
    files = sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.name != "README.md")
    forward = ingest_in_order(files, tmp_path / "forward.db")
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    assert ingest_in_order(shuffled, tmp_path / "shuffled.db", batches=3) == forward
    assert sorted(len(story) for story in forward) == [5, 6]


def test_a_real_story_stays_whole_among_other_real_pages_in_any_order(tmp_path: Path) -> None:
    if not (SOCHI.is_dir() and PAGES.is_dir()):
        pytest.skip("../shared is absent")
    groups = json.loads((ROOT / "bench" / "gold" / "pile-groups.json").read_text())["groups"]
    pages = sorted(PAGES.glob("*.html.gz"))
    grouped = {page for g in groups for page in g["pages"]}
    # Every labelled same-event page, and as many unrelated ones, around sochi-2020's five.
    chosen = [p for p in pages if p.name[:16] in grouped]
    chosen += [p for p in pages if p.name[:16] not in grouped][: len(chosen)]
    files = sorted(SOCHI.glob("*.txt")) + chosen
    orders = [files, files[::-1]]
    random.Random(3).shuffle(shuffled := files[:])
    orders.append(shuffled)
    found = [ingest_in_order(order, tmp_path / f"order{n}.db") for n, order in enumerate(orders)]
    assert found[0] == found[1] == found[2]
    sochi = {a.content_hash for a in _articles(SOCHI)}
    assert any(sochi <= story for story in found[0])


def _articles(folder: Path):
    from storyline.pipeline import read
    from storyline.settings import Settings

    return read([str(folder)], Settings()).articles


def test_undated_reports_ingested_last_join_their_story_whatever_came_between(
    tmp_path: Path,
) -> None:
    # The fire's dated reports (October), then the bridge's (November), then, alone, the
    # undated reports of both: each is judged by its content against every stored story, not
    # placed by the newest day in the store, which is the bridge's.
    files = sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.name != "README.md")
    undated = {"riverbank-journal.md", "valley-times.txt", "harbour-gazette.txt"}
    undated |= {"quayside-report.md", "vellhaven-courier.txt"}
    dated = [p for p in files if p.name not in undated]
    db = tmp_path / "daily.db"
    for part in (
        [p for p in dated if p.parent.name == "valmsund-plant-fire"],
        [p for p in dated if p.parent.name == "vellhaven-bridge-closure"],
        [p for p in files if p.name in undated],
    ):
        storyline.ingest([str(p) for p in part], store=db)
    assert partition(db) == ingest_in_order(files, tmp_path / "whole.db")
    assert sorted(len(story) for story in partition(db)) == [5, 6]


def test_a_story_that_runs_for_weeks_is_consolidated_by_its_recent_days_only(
    tmp_path: Path,
) -> None:
    # One report a day for three weeks, each much like the last: one story, and consolidating
    # its latest day reads that day's neighbours, not the whole story.
    body = (
        "The ferry between Vellhaven and Tornby ran on its winter timetable, the harbour "
        "office said, with crossings every two hours and the last one at nine in the evening. "
        "Harbour master Irena Kostic said the Old Harbour Bridge stays closed for repairs."
    )
    db = tmp_path / "weeks.db"
    start = date(2026, 1, 1)
    for n in range(21):
        day = start + timedelta(days=n)
        report = {"title": f"Vellhaven ferry timetable, day {n + 1}", "published": str(day)}
        report["text"] = f"Day {n + 1} of the bridge closure in Vellhaven.\n\n{body}"
        (path := tmp_path / f"day{n}.jsonl").write_text(json.dumps(report) + "\n")
        storyline.ingest([str(path)], store=db)
    [story] = partition(db)
    assert len(story) == 21
    with Store(db) as store:
        last = start + timedelta(days=20)
        recent = store.region([(last - timedelta(days=3), last + timedelta(days=3))])
        assert sorted(a.day for a in recent) == [last - timedelta(days=k) for k in (3, 2, 1, 0)]
        [(size, vsum)] = store.db.execute("SELECT size, vsum FROM stories").fetchall()
        vectors = [v for _, v, _ in store.article_vectors()]
    assert size == 21
    assert np.allclose(np.frombuffer(vsum, dtype=np.float32), np.sum(vectors, axis=0), atol=1e-4)
