"""A briefing shows itself: `Briefing.to_markdown()` and `Briefing.to_html()`.

Read some reports, brief them, and ask the briefing for a format:

    settings = Settings()
    briefing = brief_articles(read(["examples/vellhaven-bridge-closure"], settings).articles,
                              settings)
    briefing.to_markdown()  # what `storyline brief` prints
    briefing.to_html()      # the page `storyline brief --format html` writes

Article text is whatever the reports say, so both formats escape it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import STORY
from storyline.model import Briefing
from storyline.pipeline import brief_articles, read
from storyline.render import escape_md, render
from storyline.settings import Settings

SCRIPT = "<script>alert(1)</script>"


def brief(folder: Path) -> Briefing:
    settings = Settings()
    return brief_articles(read([str(folder)], settings).articles, settings)


@pytest.fixture(scope="module")
def bridge(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    """The bridge closure of examples/, with markup in one report's text and another's headline."""
    folder = tmp_path_factory.mktemp("bridge") / "story"
    shutil.copytree(STORY, folder)
    gazette = folder / "harbour-gazette.txt"
    text = gazette.read_text(encoding="utf-8")
    gazette.write_text(
        text.replace(
            "From Wednesday,", f"Commuters posted {SCRIPT} on the council's page. From Wednesday,"
        ),
        encoding="utf-8",
    )
    report = folder / "quayside-report.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("# Cracked beam", f"# Cracked beam {SCRIPT}", 1), encoding="utf-8"
    )
    return brief(folder)


@pytest.fixture(scope="module")
def sochi_talks(sochi: Path) -> Briefing:
    return brief(sochi)


@pytest.fixture(params=["bridge", "sochi_talks"])
def briefing(request: pytest.FixtureRequest) -> Briefing:
    return request.getfixturevalue(request.param)


def ids(sources: list[str]) -> str:
    return f"[{', '.join(sources)}]"


def test_to_markdown_is_what_brief_prints(bridge: Briefing) -> None:
    assert bridge.to_markdown() == render(bridge, "markdown")


def test_to_html_is_the_page_brief_writes(bridge: Briefing) -> None:
    assert bridge.to_html() == render(bridge, "html")


def test_markdown_gives_every_summary_sentence_with_its_sources(briefing: Briefing) -> None:
    markdown = briefing.to_markdown()
    assert markdown.startswith(f"# {escape_md(briefing.story.title)}\n")
    summary = markdown.split("## Summary\n\n")[1].split("\n## ")[0]
    for line in briefing.summary:
        if line.contradiction is None:
            assert f"{escape_md(line.text)} {ids(line.sources)}" in summary
            continue
        # a line that reports a disagreement gives each side's words and sources
        disagreement = briefing.contradictions[line.contradiction]
        assert f"⚖ Reports differ on the {escape_md(disagreement.about)}: " in summary
        for side in disagreement.sides:
            assert f"“{escape_md(side.text)}” {ids(side.sources)}" in summary


def test_html_links_every_summary_sentence_to_the_sentence_it_quotes(briefing: Briefing) -> None:
    page = briefing.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert f"<title>{escape(briefing.story.title)} · storyline briefing</title>" in page
    for line in briefing.summary:
        if line.contradiction is not None:
            continue
        assert f'<span class="summary-sentence">{escape(line.text)}</span>' in page
        # the citation of the report the sentence comes from links that very sentence,
        # which the Sources section shows in the report's text
        anchor = line.evidence.anchor
        assert f'<a href="#{anchor}" class="cite"' in page
        assert f'<span id="{anchor}" class="sentence cited">{escape(line.text)}</span>' in page


def test_html_shows_markup_in_article_text_as_text(bridge: Briefing) -> None:
    page = bridge.to_html()
    assert "<script" not in page
    assert "Commuters posted &lt;script&gt;alert(1)&lt;/script&gt; on the council" in page
    assert "Cracked beam &lt;script&gt;alert(1)&lt;/script&gt; forces closure" in page


def test_markdown_shows_markup_in_article_text_as_text(bridge: Briefing) -> None:
    markdown = bridge.to_markdown()
    assert "“Cracked beam \\<script>alert(1)\\</script> forces closure" in markdown
    # every "<" is escaped, so none opens a tag; the only bare ones are the sources' <https://…>
    assert not re.search(r"(?<!\\)<(?!https?://)", markdown)
