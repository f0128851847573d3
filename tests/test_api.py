"""The public library: what a notebook user calls, with no store and no settings."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import storyline
from storyline.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SOCHI = ROOT.parent / "shared" / "corpus" / "sochi-2020"
EXAMPLES = ROOT / "examples"


def readme_examples() -> list[str]:
    """The Python blocks of the README's library section, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## As a Python library", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_readme_examples_run_as_written(tmp_path, monkeypatch, capsys):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    blocks = readme_examples()
    assert len(blocks) == 3
    for block in blocks:
        exec(compile(block, "README.md", "exec"), names)
    printed = capsys.readouterr().out
    briefing = names["briefing"]
    assert briefing.story.title in printed
    assert all(s.sources for s in briefing.summary)
    assert names["contract"]["schema"] == "storyline.briefing/1"
    assert briefing.summary[0].text in names["text"]
    assert names["page"].lower().startswith("<!doctype html>")
    assert briefing.story.title in names["page"]
    assert names["run"].new == 11 and len(names["run"].stories) == 2
    assert names["kept"].story.id == names["row"].id
    assert names["article"].outlet and names["article"].title in printed
    assert (tmp_path / "news.db").is_file()


def test_brief_in_memory_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "default.db"))
    a, b = sorted((EXAMPLES / "valmsund-plant-fire").glob("*.html"))[:2]
    briefings = storyline.brief([a, str(b)])
    assert len(briefings) == 1 and len(briefings[0].sources) == 2
    assert list(tmp_path.iterdir()) == []


def test_brief_of_a_real_story_in_memory():
    if not SOCHI.is_dir():
        pytest.skip("../shared is absent")
    (briefing,) = storyline.brief(SOCHI)
    assert len(briefing.sources) == 5
    texts = {s.id: s.article.text for s in briefing.sources}
    stated = [s for s in briefing.summary if s.contradiction is None]
    for sentence in stated:  # each is a sentence of a source it cites, in its own characters
        assert any(sentence.text in texts[sid] for sid in sentence.sources)
    disputed = [s for s in briefing.summary if s.contradiction is not None]
    assert disputed and '"working"' in disputed[0].text and '"official"' in disputed[0].text


def test_brief_names_every_unusable_input(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(storyline.NothingToBrief) as caught:
        storyline.brief([tmp_path / "empty.txt", tmp_path / "missing.html"])
    assert "empty.txt" in str(caught.value) and "missing.html: no such file" in str(caught.value)


def test_a_given_store_is_used_and_left_open(tmp_path):
    with storyline.Store(tmp_path / "kept.db") as store:
        storyline.brief(EXAMPLES / "vellhaven-bridge-closure", store=store)
        (row,) = storyline.stories(store=store)
        assert row.size == 5 and row.briefed
    rows = sqlite3.connect(tmp_path / "kept.db").execute("SELECT count(*) FROM articles")
    assert rows.fetchone()[0] == 5


def test_extract_refuses_a_page_without_an_article():
    with pytest.raises(InputError, match="no article text"):
        storyline.extract("<html><body><nav><a href='/'>Home</a></nav></body></html>")


def test_import_is_cheap():
    """`import storyline` loads none of the pipeline: the names load on first use."""
    code = "import sys, storyline; print([m for m in sys.modules if m.startswith('storyline')])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['storyline']"
    assert "brief" in dir(storyline)
