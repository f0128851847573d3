"""A consolidation that remembers the last region scores only the reports new to it, and finds
the links a consolidation from scratch finds."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, SHARED, SOCHI
from storyline.consolidate import links
from storyline.pipeline import ingest_articles, read
from storyline.region_memory import RegionMemory
from storyline.settings import Settings, StoryTuning
from storyline.store import RegionArticle, Store
from storyline.story_evidence import report_evidence

PAGES = SHARED / "benchmarks" / "article-extraction" / "html"
DAY = date(2026, 3, 2)
EVENTS = [
    ("Ferry timetable cut in Vellhaven", "The Vellhaven ferry runs every two hours from Monday."),
    ("Bakery fire in Tornby", "A fire closed the Tornby bakery on Harbour Street overnight."),
    ("Marrowby council votes on tram", "Marrowby's council voted 14 to 9 for the tram line."),
]


def region(ids: list[int]) -> tuple[list[RegionArticle], dict[int, tuple[str, str]]]:
    """Reports `ids`, report k of event k % 3: close vectors within an event, far across."""
    rng = np.random.default_rng(5)
    centres = rng.normal(size=(len(EVENTS), 512))
    articles, texts = [], {}
    for k in ids:
        noise = np.random.default_rng(k).normal(size=512)
        vector = centres[k % 3] + 0.35 * noise
        vector /= np.linalg.norm(vector)
        articles.append(RegionArticle(k, k, vector.astype(np.float32), DAY, DAY, DAY))
        title, lead = EVENTS[k % 3]
        texts[k] = (f"{title} (report {k})", lead)
    return articles, texts


def pairs(memory: RegionMemory) -> set[tuple[int, int]]:
    return set(zip(*memory.linked.tolist(), strict=True))


def test_a_remembering_consolidation_finds_the_links_of_one_from_scratch() -> None:
    tuning = StoryTuning()
    read: list[list[int]] = []

    def openings(texts):
        def read_some(ids: list[int]) -> dict[int, tuple[str, str]]:
            read.append(ids)
            return {k: texts[k] for k in ids}

        return read_some

    memory = RegionMemory()
    first, texts = region(list(range(1, 13)))
    memory.group(first, openings(texts), tuning, 3)
    # the next region: the first four reports left it, six came
    second, texts = region(list(range(5, 19)))
    labels = memory.group(second, openings(texts), tuning, 3)
    assert read[-1] == list(range(13, 19))  # only the new reports' texts are read
    scratch = RegionMemory()
    assert np.array_equal(labels, scratch.group(second, openings(texts), tuning, 3))
    assert pairs(memory) == pairs(scratch)
    assert len(set(labels)) == 3
    assert all(k % 3 == m % 3 for k, m in pairs(memory))


def test_links_among_fresh_reports_only_score_pairs_that_involve_one() -> None:
    articles, texts = region(list(range(1, 10)))
    vectors = np.stack([a.vector for a in articles])
    memory = RegionMemory()
    anchors = [memory.terms.anchors(report_evidence(*texts[a.article_id])) for a in articles]
    days = [DAY] * len(articles)
    every = set(zip(*links(vectors, anchors, days, StoryTuning(), 3), strict=True))
    fresh = np.zeros(len(articles), dtype=bool)
    fresh[[2, 7]] = True
    some = set(zip(*links(vectors, anchors, days, StoryTuning(), 3, fresh), strict=True))
    assert some == {(a, b) for a, b in every if 2 in (a, b) or 7 in (a, b)}
    assert all(a < b for a, b in some)


def test_stories_match_their_articles_after_many_remembering_consolidations(
    tmp_path: Path,
) -> None:
    # Real reports of several events among unrelated pages, in one run that consolidates every
    # few articles: each consolidation remembers the last, and articles move between stories
    # as later reports arrive. Every stored story must still hold what its articles say
    # (size, vector sum, first and last days), and the stories must be those of ingesting the
    # same reports with one consolidation at the end.
    if not (SOCHI.is_dir() and PAGES.is_dir()):
        pytest.skip("../shared is absent")
    groups = json.loads((ROOT / "bench" / "gold" / "pile-groups.json").read_text())["groups"]
    grouped = {page for g in groups for page in g["pages"]}
    pages = sorted(PAGES.glob("*.html.gz"))
    files = [p for p in pages if p.name[:16] in grouped] + sorted(SOCHI.glob("*.txt"))
    files += [p for p in pages if p.name[:16] not in grouped][:30]
    random.Random(4).shuffle(files)
    reports = read([str(p) for p in files], Settings()).articles
    often = replace(Settings(), stories=replace(StoryTuning(), consolidate_every=16))
    with Store(tmp_path / "often.db") as store:
        ingest_articles(reports, often, store, batch_size=8)
        often_stories = _stories(store)
        for size, vsum, first, last, members in _stored(store):
            assert size == len(members)
            assert np.allclose(vsum, np.sum([v for v, _ in members], axis=0), atol=1e-4)
            if days := [d for _, d in members if d]:  # a story of undated reports has a day too
                assert (first, last) == (min(days), max(days))
    once = replace(Settings(), stories=replace(StoryTuning(), consolidate_every=10_000))
    with Store(tmp_path / "once.db") as store:
        ingest_articles(reports, once, store)
        assert often_stories == _stories(store)


def _stories(store: Store) -> set[frozenset[str]]:
    rows = store.db.execute("SELECT story, hash FROM articles").fetchall()
    found: dict[int, set[str]] = {}
    for story, text_hash in rows:
        found.setdefault(story, set()).add(text_hash)
    return {frozenset(titles) for titles in found.values()}


def _stored(store: Store):
    for story, size, vsum, first, last in store.db.execute(
        "SELECT id, size, vsum, first_day, last_day FROM stories"
    ).fetchall():
        members = [
            (np.frombuffer(vector, dtype=np.float32), day)
            for vector, day in store.db.execute(
                "SELECT vector, day FROM articles WHERE story = ?", (story,)
            )
        ]
        yield size, np.frombuffer(vsum, dtype=np.float32), first, last, members
