"""The summary's first sentence is the story's lead: the claim the reports open with, or, where
no two of them open with one claim, the opening sentence that is most the story's."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, SHARED
from storyline.characters import fold_marks
from storyline.model import Claim, Evidence
from storyline.pipeline import brief_articles, read
from storyline.settings import Settings
from storyline.summarize import lead_claim

PAGES = SHARED / "benchmarks" / "article-extraction" / "html"
LABELLED = ROOT / "bench" / "gold" / "stories"


def _claim(*evidence: tuple[str, int, str]) -> Claim:
    found = [Evidence(source, text, index, 0, len(text)) for source, index, text in evidence]
    sources = sorted({e.source for e in found})
    return Claim("", found[0].text, sources, len(sources), found)


# Two made-up columns on one ferry strike. Neither opens with what the other opens with: the
# first sets a scene, and the one claim both back comes later in each.
SCENE = (
    "While tourists spent Sunday queuing for the Harbour Gala fireworks, the real Portmere "
    "Shipping was busy hiding a crisis of its own."
)
NEWS = (
    "Ferry crews at Portmere Shipping walked out on Tuesday, halting every crossing between "
    "Portmere and Marrow Island."
)
OTHER_LEAD = (
    "Marrow Island has been cut off since crews at Portmere Shipping stopped work over pay on "
    "Tuesday."
)
LATER = "The union said the strike over pay would last until Portmere Shipping reopens talks."


def _columns() -> list[Claim]:
    return [
        _claim(("S1", 0, SCENE)),
        _claim(("S1", 1, NEWS)),
        _claim(("S2", 0, OTHER_LEAD)),
        _claim(("S1", 2, LATER), ("S2", 4, LATER.replace("said", "says"))),
        _claim(("S2", 1, "Gala organisers said the fireworks drew a record crowd of visitors.")),
    ]


def test_without_a_shared_opening_the_lead_is_the_opening_that_tells_the_shared_news() -> None:
    claims = _columns()
    k, evidence = lead_claim(claims, list(range(len(claims))), [], 3)
    # Not the later claim that two voices back, not the scene that opens the first column.
    assert evidence.text in (NEWS, OTHER_LEAD), evidence.text
    assert claims[k].evidence[0].text == evidence.text


def test_a_claim_both_reports_open_with_leads_before_any_single_opening() -> None:
    claims = _columns()
    shared = _claim(("S1", 1, NEWS), ("S2", 0, OTHER_LEAD))
    claims = [claims[0], shared, *claims[3:]]
    k, evidence = lead_claim(claims, list(range(len(claims))), [], 3)
    assert claims[k] is shared and evidence.text == OTHER_LEAD


def test_a_syndicated_copy_opening_alike_is_not_a_second_report_that_agrees() -> None:
    """S3 is S1's wire text reprinted: one voice. Their shared opening is one report's lead,
    and the claim two voices back later in the reports does not lead either."""
    claims = _columns()
    copied = _claim(("S1", 1, NEWS), ("S3", 0, NEWS))
    claims = [claims[0], copied, *claims[2:]]
    voices = {"S1": "S1", "S2": "S2", "S3": "S1"}
    k, evidence = lead_claim(claims, list(range(len(claims))), [], 3, voices)
    assert evidence.text in (NEWS, OTHER_LEAD) and LATER not in evidence.text
    # Told apart, the two copies would be two reports opening alike.
    k, evidence = lead_claim(claims, list(range(len(claims))), [], 3)
    assert claims[k] is copied


def _gold(name: str) -> dict:
    gold = json.loads((LABELLED / f"{name}.json").read_text(encoding="utf-8"))
    if not all((PAGES / f"{page}.html.gz").is_file() for page in gold["ids"]):
        pytest.skip(f"{PAGES} is absent: the shared benchmarks sit beside the project in CI")
    return gold


def test_two_opinion_pieces_lead_with_the_interview_not_a_scene_or_a_later_claim() -> None:
    """Prince Andrew's BBC interview, told by two columns: one opens on The Crown on Netflix,
    and the claim both back (Maitlis's questions) is the third sentence of one of them."""
    gold = _gold("prince-andrew-interview")
    paths = [str(PAGES / f"{page}.html.gz") for page in gold["ids"]]
    settings = Settings()
    briefing = brief_articles(read(paths, settings).articles, settings).to_dict()
    first = briefing["summary"][0]
    assert re.search(gold["facts"][0]["pattern"], fold_marks(first["text"]), re.I), first
    assert first["evidence"]["sentence"] < settings.summary.lead_sentences
    assert "Netflix" not in first["text"]


def test_the_rule_keeps_the_leads_the_reports_share(example_briefing: dict) -> None:
    first = example_briefing["summary"][0]["text"]
    assert "Old Harbour Bridge" in first and re.search(r"\bclosed?\b|\bshut\b", first), first


def test_a_labelled_story_whose_reports_open_alike_keeps_that_lead() -> None:
    gold = _gold("omar-threat-plea")
    paths = [str(PAGES / f"{page}.html.gz") for page in gold["ids"]]
    briefing = brief_articles(read(paths, Settings()).articles, Settings()).to_dict()
    first = briefing["summary"][0]
    assert re.search(gold["facts"][0]["pattern"], fold_marks(first["text"]), re.I), first
    assert len(first["sources"]) == 2
