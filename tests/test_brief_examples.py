"""`storyline brief` on the project's own example story, as `make demo` runs it."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import GOLD, STORY, run_cli


def test_examples_are_briefed_with_every_input_used(example_briefing: dict) -> None:
    assert example_briefing["schema"] == "storyline.briefing/1"
    assert len(example_briefing["sources"]) == 5
    assert {"schema", "story", "sources", "summary", "claims"} <= set(example_briefing)


def test_metadata_comes_from_the_page_or_record_and_is_never_invented(
    example_briefing: dict,
) -> None:
    by_file = {s["path"].split("/")[-1].split(":")[0]: s for s in example_briefing["sources"]}
    assert by_file["coastline-wire.jsonl"]["outlet"] == "Coastline Wire"
    assert by_file["coastline-wire.jsonl"]["published"] == "2026-11-03"
    assert by_file["northshore-daily.html"]["outlet"] == "Northshore Daily"
    assert by_file["northshore-daily.html"]["published"].startswith("2026-11-04")
    for name in ("harbour-gazette.txt", "vellhaven-courier.txt", "quayside-report.md"):
        assert by_file[name]["outlet"] is None and by_file[name]["published"] is None
    assert example_briefing["story"]["start"] == "2026-11-03"


def test_the_summary_opens_with_the_closure_and_cites_everyone(example_briefing: dict) -> None:
    first = example_briefing["summary"][0]
    assert re.search(r"\b(closed|shut)\b", first["text"]) and "Bridge" in first["text"]
    assert len(first["sources"]) == 5


def test_no_furniture_reaches_the_briefing(example_briefing: dict) -> None:
    texts = [s["text"] for s in example_briefing["summary"]] + [
        e["text"] for c in example_briefing["claims"] for e in c["evidence"]
    ]
    for line in GOLD["furniture"]:
        assert not any(line in t for t in texts), line


def test_the_mayor_is_backed_under_both_spellings(example_briefing: dict) -> None:
    claim = next(
        c
        for c in example_briefing["claims"]
        if any("Kostić" in e["text"] for e in c["evidence"])
        and any("Kostic " in e["text"] for e in c["evidence"])
    )
    assert len(claim["sources"]) >= 3


def test_markdown_and_html_outputs(tmp_path) -> None:
    db = tmp_path / "store.db"
    ran = run_cli("brief", str(STORY), db=db)
    assert ran.code == 0, ran.stderr
    assert ran.stdout.startswith("# ") and "## Summary" in ran.stdout
    assert re.search(r"\[S\d(, S\d)*\]", ran.stdout)
    page = tmp_path / "brief.html"
    ran = run_cli("brief", str(STORY), "--format", "html", "-o", str(page), db=db)
    assert ran.code == 0 and ran.stdout == ""
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") or html.lower().startswith("<!doctype html>")
    for anchor in set(re.findall(r'href="#(S\d+-\d+)"', html)):
        assert f'id="{anchor}"' in html


def test_html_of_one_story_goes_into_a_folder_given_with_o(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    ran = run_cli("brief", str(STORY), "--format", "html", "-o", str(folder), db=db)
    assert ran.code == 0, ran.stderr
    [page] = folder.glob("*.html")
    assert "Old Harbour Bridge" in page.read_text()
    as_json = run_cli("brief", str(STORY), "--format", "json", "-o", str(folder), db=db)
    assert as_json.code != 0 and "is a folder" in as_json.stderr
    assert "Traceback" not in as_json.stderr
