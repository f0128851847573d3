"""`storyline extract`: storyline used as an extractor, the way trafilatura's command is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, SHARED, run_cli

PAGES = SHARED / "benchmarks" / "article-extraction"


def test_extract_prints_the_title_then_the_text():
    page = EXAMPLES / "valmsund-plant-fire" / "glenmoor-herald.html"
    ran = run_cli("extract", str(page))
    assert ran.code == 0, ran.stderr
    title, body = ran.stdout.split("\n\n", 1)
    assert title == "Solvent warehouse destroyed in Valmsund plant fire"
    assert body.startswith("Fire destroyed a solvent warehouse")
    assert "<" not in ran.stdout  # text, not markup


def test_extract_json_gives_one_line_per_article_with_its_metadata(tmp_path: Path):
    out = tmp_path / "articles.jsonl"
    ran = run_cli("extract", str(EXAMPLES / "valmsund-plant-fire"), "-f", "json", "-o", str(out))
    assert ran.code == 0, ran.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == len(list((EXAMPLES / "valmsund-plant-fire").iterdir()))
    herald = next(r for r in rows if r["path"].endswith("glenmoor-herald.html"))
    assert herald["outlet"] == "Glenmoor Herald" and herald["words"] > 50


def test_extract_names_a_bad_input_and_goes_on(tmp_path: Path):
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 40)
    page = EXAMPLES / "valmsund-plant-fire" / "glenmoor-herald.html"
    ran = run_cli("extract", str(tmp_path / "blob.bin"), str(page))
    assert ran.code == 1
    assert "skipped" in ran.stderr and "blob.bin" in ran.stderr
    assert "Fire destroyed a solvent warehouse" in ran.stdout
    assert run_cli("extract", str(tmp_path / "missing.html")).code == 2


def test_extract_of_a_real_page_keeps_the_hand_checked_body():
    if not PAGES.is_dir():
        pytest.skip("../shared is absent")
    gold = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    page_id = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
    ran = run_cli("extract", str(PAGES / "html" / f"{page_id}.html.gz"), "-f", "json")
    assert ran.code == 0, ran.stderr
    (article,) = [json.loads(line) for line in ran.stdout.splitlines()]
    paragraphs = [p for p in gold[page_id]["articleBody"].split("\n") if p.strip()]
    words = " ".join(re.findall(r"\w+", article["text"]))  # cleaning straightens quote marks
    for paragraph in (paragraphs[0], paragraphs[-1]):
        assert " ".join(re.findall(r"\w+", paragraph)) in words
