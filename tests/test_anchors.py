"""What sentences refer to beyond their words: the days and entities that let two outlets'
statements of one fact meet across wordings."""

from __future__ import annotations

import json

import pytest

from conftest import SHARED
from storyline.annotate.anchors import sentence_anchors
from storyline.model import Article
from storyline.pipeline import read
from storyline.settings import Settings
from storyline.steps import STEPS, Draft, run_steps

BENCH = SHARED / "benchmarks"
FACTS = BENCH / "stories" / "facts.json"
PAGES = BENCH / "article-extraction" / "html"
ANNOTATE = [(name, step) for name, step in STEPS if name in {"sentences", "entities", "dates"}]


def anchors_by_text(articles: list[Article]) -> dict[str, frozenset[str]]:
    draft = run_steps(Draft(articles), Settings(), ANNOTATE)
    found = sentence_anchors(draft.sentences, draft.dates, list(draft.entities))
    return {s.text: a for s, a in zip(draft.sentences, found.terms(), strict=True)}


def test_one_day_named_from_two_report_dates_is_one_anchor() -> None:
    anchors = anchors_by_text(
        [
            Article(
                text="The Kestrel ferry line opens tomorrow. Tickets cost eleven euros.",
                published="2021-04-06",
            ),
            Article(
                text="The Kestrel ferry line opened on Wednesday. It carries two hundred people.",
                published="2021-04-07",
            ),
        ]
    )
    opens = anchors["The Kestrel ferry line opens tomorrow."]
    opened = anchors["The Kestrel ferry line opened on Wednesday."]
    assert "@2021-04-07" in opens & opened
    assert not any(a.startswith("@2021") for a in anchors["Tickets cost eleven euros."])


def test_one_person_under_two_spellings_is_one_anchor() -> None:
    anchors = anchors_by_text(
        [
            Article(text="Mayor Ingrid Halvorsen closed the Kestrel bridge on Monday."),
            Article(text="The Kestrel bridge was shut by Halvorssen, the town's mayor."),
        ]
    )
    first = anchors["Mayor Ingrid Halvorsen closed the Kestrel bridge on Monday."]
    second = anchors["The Kestrel bridge was shut by Halvorssen, the town's mayor."]
    shared = {a for a in first & second if a.startswith("@E")}
    assert shared


def test_real_reports_of_one_launch_day_share_its_anchor() -> None:
    # Stadia: one page says the service "launched Tuesday morning", one dated the day before
    # "launches tomorrow": both name 19 November 2019.
    if not FACTS.is_file():
        pytest.skip(f"{FACTS} is absent: the shared benchmarks sit beside the project in CI")
    ids = json.loads(FACTS.read_text(encoding="utf-8"))["stories"]["stadia-launch"]["ids"]
    articles = read([str(PAGES / f"{page}.html.gz") for page in ids], Settings()).articles
    anchors = anchors_by_text(articles)
    tuesday = next(a for t, a in anchors.items() if t.endswith("launched Tuesday morning."))
    tomorrow = next(
        a for t, a in anchors.items() if t.startswith("Google Stadia launches tomorrow")
    )
    assert "@2019-11-19" in tuesday & tomorrow
    stadia = tuesday & tomorrow - {"@2019-11-19"}
    assert any(a.startswith("@E") for a in stadia)  # and Stadia, one entity in both
