"""Summaries of real stories, given room for more than the lead facts, still hold only sentences
that read alone: no page time stamp, no quote credited to "he", no sentence that elaborates the
one before it (skipped where ../shared is absent)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, SHARED
from storyline.api import brief
from storyline.pipeline import brief_articles, read
from storyline.settings import Settings
from storyline.standalone import reads_alone

PAGES = SHARED / "benchmarks" / "article-extraction" / "html"
LABELLED = ROOT / "bench" / "gold" / "stories"
# Room for about twice the product's summary, so that the weaker sentences come in too.
ROOMY = Settings(words=250)

DEPENDENT = [
    re.compile(r"^(?:last )?updated\b", re.I),  # a page's time stamp
    re.compile(r"""[,.!?]["”’]\s+(?:he|she|they)\s+\w+\b"""),  # a quote credited to a pronoun
    re.compile(r"^(?:in particular|in it)\b|^\w+ (?:\w+ )?of (?:those|these)\b", re.I),
    re.compile(r"\b(?:said|reported) that (?:for|in|on|at) [^.]*\.$"),  # a verbless report
]


def _summary(briefing: dict) -> list[str]:
    return [s["text"] for s in briefing["summary"] if s.get("contradiction") is None]


@pytest.fixture(scope="module")
def real_summaries() -> dict[str, list[str]]:
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} is absent: the shared benchmarks sit beside the project in CI")
    out = {}
    for path in sorted(LABELLED.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        articles = read([str(PAGES / f"{page}.html.gz") for page in gold["ids"]], ROOMY).articles
        out[gold["story"]] = _summary(brief_articles(articles, ROOMY).to_dict())
    return out


def _check(summary: list[str]) -> None:
    assert summary
    for text in summary:
        assert reads_alone(text), text
        assert not any(rx.search(text) for rx in DEPENDENT), text


def test_roomy_summaries_of_real_stories_read_alone(real_summaries: dict[str, list[str]]) -> None:
    for name, summary in real_summaries.items():
        _check(summary)
        assert sum(len(t.split()) for t in summary) > 150, name  # the room was used


@pytest.mark.parametrize("story", ["valmsund-plant-fire", "vellhaven-bridge-closure"])
def test_roomy_summaries_of_the_examples_read_alone(story: str) -> None:
    (briefing,) = brief([str(p) for p in sorted((EXAMPLES / story).iterdir())], settings=ROOMY)
    _check(_summary(briefing.to_dict()))


def test_the_roomy_sochi_summary_reads_alone(sochi: Path) -> None:
    (briefing,) = brief([str(sochi)], settings=ROOMY)
    _check(_summary(briefing.to_dict()))
