"""bench/summary_grid.py chooses a story's summary again from a draft made once. With the settings
the draft was made with, that must be the briefing's own summary, on real reports (sochi-2020)
and on the examples, or the grid would score something the briefing never shows."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from storyline.pipeline import brief_articles, read
from storyline.settings import load_settings
from storyline.steps import Draft, run_steps

ROOT = Path(__file__).resolve().parents[1]
SOCHI = ROOT.parent / "shared" / "corpus" / "sochi-2020"
sys.path.insert(0, str(ROOT / "bench"))  # bench/ is no package; its scripts import each other

import summary_grid  # noqa: E402


@pytest.mark.parametrize("story", [SOCHI, ROOT / "examples" / "vellhaven-bridge-closure"])
def test_a_summary_chosen_again_is_the_briefings(story: Path) -> None:
    if not story.is_dir():
        pytest.skip(f"{story} is absent: the shared corpus sits beside the project in CI")
    settings = load_settings()
    articles = read([str(story)], settings).articles
    shown = [s.text for s in brief_articles(articles, settings).summary if s.contradiction is None]
    draft = run_steps(Draft(articles), settings, summary_grid.BEFORE_SUMMARY)
    assert len(shown) >= 3
    assert summary_grid.summary_texts(draft, settings) == shown
    # Ranking claims that are ranked already changes nothing: each setting starts from the same.
    assert summary_grid.summary_texts(draft, settings) == shown


def test_the_grid_moves_one_summary_setting_at_a_time() -> None:
    settings = load_settings()
    (label, current), *moved = summary_grid.grid(settings)
    assert label == "current" and current == settings
    assert len(moved) >= 20
    for label, other in moved:
        changed = [
            f.name
            for f in dataclasses.fields(settings.summary)
            if getattr(other.summary, f.name) != getattr(settings.summary, f.name)
        ] + (["redundancy"] if other.redundancy != settings.redundancy else [])
        assert changed == [label.split("=")[0]], label
        assert other.words == settings.words  # more words cover more facts: never moved
        assert other.redundancy <= 1 and other.summary.duplicate_similarity <= 1
