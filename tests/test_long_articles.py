"""An article past `max_article_words` is kept whole but analysed only up to the limit, and the
briefing says so; its cost is measured, not asserted, in bench/article_size.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import storyline
from conftest import STORY
from storyline.settings import Settings


def test_the_rest_of_a_long_article_is_kept_but_not_analysed(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    tail = "The archive section repeats the council minutes in full, line by line."
    long.write_text(
        (STORY / "harbour-gazette.txt").read_text() + "\n\n" + "\n\n".join([tail] * 400)
    )
    settings = replace(Settings(), max_article_words=1_000)
    briefing = storyline.brief([str(STORY), str(long)], settings=settings, everything=True)[0]
    source = next(s for s in briefing.sources if s.article.path == str(long))
    assert source.article.text.endswith(tail)  # kept whole
    assert source.analysed_words is not None and source.analysed_words <= 1_000
    assert all(s.end <= source.analysed_chars for s in source.sentences)
    assert source.to_dict()["analysed_words"] == source.analysed_words
    assert f"only the first {source.analysed_words} analysed" in briefing.to_markdown()
    assert "only the first" in briefing.to_html()
    whole = [s for s in briefing.sources if s is not source]
    assert all(s.analysed_words is None and "analysed_words" not in s.to_dict() for s in whole)
