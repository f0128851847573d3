"""The days sentences name, resolved against their reports' dates: terms that let two outlets'
statements of one event meet across wordings."""

from __future__ import annotations

import json

import pytest

from conftest import SHARED
from storyline.annotate.anchors import day_terms
from storyline.model import Article
from storyline.pipeline import read
from storyline.settings import Settings
from storyline.steps import STEPS, Draft, run_steps

BENCH = SHARED / "benchmarks"
FACTS = BENCH / "stories" / "facts.json"
PAGES = BENCH / "article-extraction" / "html"
ANNOTATE = [(name, step) for name, step in STEPS if name in {"sentences", "dates"}]


def days_by_text(articles: list[Article]) -> dict[str, frozenset[str]]:
    draft = run_steps(Draft(articles), Settings(), ANNOTATE)
    found = day_terms(draft.sentences, draft.dates)
    return {s.text: d for s, d in zip(draft.sentences, found, strict=True)}


def test_one_day_named_from_two_report_dates_is_one_term() -> None:
    days = days_by_text(
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
    opens = days["The Kestrel ferry line opens tomorrow."]
    opened = days["The Kestrel ferry line opened on Wednesday."]
    assert opens == opened == {"@2021-04-07"}
    assert days["Tickets cost eleven euros."] == frozenset()


def test_real_reports_of_one_launch_day_share_its_term() -> None:
    # Stadia: one page says the service "launched Tuesday morning", one dated the day before
    # "launches tomorrow": both name 19 November 2019.
    if not FACTS.is_file():
        pytest.skip(f"{FACTS} is absent: the shared benchmarks sit beside the project in CI")
    ids = json.loads(FACTS.read_text(encoding="utf-8"))["stories"]["stadia-launch"]["ids"]
    articles = read([str(PAGES / f"{page}.html.gz") for page in ids], Settings()).articles
    days = days_by_text(articles)
    tuesday = next(d for t, d in days.items() if t.endswith("launched Tuesday morning."))
    tomorrow = next(d for t, d in days.items() if t.startswith("Google Stadia launches tomorrow"))
    assert "@2019-11-19" in tuesday & tomorrow
