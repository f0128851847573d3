"""Independent counts, contradictions and exclusives, end to end through `storyline brief`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, STORY, run_cli

FIRE = EXAMPLES / "valmsund-plant-fire"
FIRE_GOLD = json.loads((EXAMPLES.parent / "bench/gold/valmsund-plant-fire.json").read_text())


def by_file(briefing: dict) -> dict[str, str]:
    """Source id → input file name."""
    return {s["id"]: Path(s["path"].split(":")[0]).name for s in briefing["sources"]}


@pytest.fixture(scope="module")
def fire(tmp_path_factory: pytest.TempPathFactory) -> dict:
    ran = run_cli(
        "brief", str(FIRE), "--format", "json", db=tmp_path_factory.mktemp("fire") / "store.db"
    )
    assert ran.code == 0, ran.stderr
    return ran.json()


def test_a_lightly_edited_copy_under_another_name_is_one_voice(tmp_path: Path) -> None:
    wire = json.loads((STORY / "coastline-wire.jsonl").read_text())
    paragraphs = wire["text"].split("\n\n")
    copy = dict(
        wire,
        outlet="Harbour Echo",
        url="https://harbour-echo.example/bridge",
        title="Bridge shut",
        text="\n\n".join(paragraphs[:-1]).replace("some", "about"),
    )
    (tmp_path / "wire.jsonl").write_text(json.dumps(wire))
    (tmp_path / "copy.jsonl").write_text(json.dumps(copy))
    other = tmp_path / "own-report.txt"
    other.write_text((STORY / "vellhaven-courier.txt").read_text())
    ran = run_cli("brief", str(tmp_path), "--format", "json", db=tmp_path / "store.db")
    briefing = ran.json()
    files = by_file(briefing)
    ids = {name: sid for sid, name in files.items()}
    both = {ids["wire.jsonl"], ids["copy.jsonl"]}
    assert len({s["voice"] for s in briefing["sources"] if s["id"] in both}) == 1
    backed_by_both = [c for c in briefing["claims"] if both <= set(c["sources"])]
    assert backed_by_both
    for claim in backed_by_both:
        assert claim["independent"] == len(claim["sources"]) - 1


def test_independent_counts_follow_syndication_and_outlets(fire: dict) -> None:
    voices = {s["id"]: s["voice"] for s in fire["sources"]}
    files = by_file(fire)
    for claim in fire["claims"]:
        assert claim["independent"] == len({voices[s] for s in claim["sources"]})
    copy = next(s for s, f in files.items() if f == "valmsund-evening-post.html")
    wire = next(s for s, f in files.items() if f == "norrvik-press-agency.jsonl")
    assert voices[copy] == voices[wire]
    herald = [s for s, f in files.items() if f.startswith("glenmoor-herald")]
    assert voices[herald[0]] == voices[herald[1]]  # one outlet, two reports
    for claim in fire["claims"]:
        if {wire, copy} <= set(claim["sources"]):
            assert claim["independent"] < len(claim["sources"])


@pytest.mark.parametrize("kind", ["number", "date", "name", "label", "negation"])
def test_the_fire_story_disagreements_are_found_with_their_sides(fire: dict, kind: str) -> None:
    files = by_file(fire)
    gold = next(c for c in FIRE_GOLD["contradictions"] if c["kind"] == kind)
    found = [c for c in fire["contradictions"] if c["kind"] == kind]
    assert found, kind
    want = {frozenset(side["files"]) for side in gold["sides"]}
    got = {frozenset(files[s] for s in side["sources"]) for side in found[0]["sides"]}
    assert got == want


def test_no_disagreement_between_reports_that_agree(fire: dict) -> None:
    files = by_file(fire)
    for pair in FIRE_GOLD["non_contradictions"]:
        texts = {(s["file"], s["text"]) for s in pair["sentences"]}
        for c in fire["contradictions"]:
            sides = [
                {(files[e["source"]], e["text"]) for e in side["evidence"]} for side in c["sides"]
            ]
            split = [bool(side & texts) for side in sides]
            assert sum(split) < 2, (pair["about"], c)


def test_exclusives_are_claims_of_one_voice(fire: dict) -> None:
    claims = {c["id"]: c for c in fire["claims"]}
    assert fire["exclusive"]
    for group in fire["exclusive"]:
        for claim_id in group["claims"]:
            assert claims[claim_id]["independent"] == 1
            assert set(claims[claim_id]["sources"]) <= set(group["sources"])


def test_the_summary_says_who_reports_what_instead_of_taking_a_side(fire: dict) -> None:
    disputed = {
        (e["source"], e["sentence"])
        for c in fire["contradictions"]
        for side in c["sides"]
        for e in side["evidence"]
    }
    lines = fire["summary"]
    assert any("contradiction" in line for line in lines)
    for line in lines:
        if "contradiction" not in line:
            evidence = line["evidence"]
            assert (evidence["source"], evidence["sentence"]) not in disputed, line["text"]


def test_two_events_of_one_day_stay_two_timeline_entries(fire: dict) -> None:
    # Police shut the riverside road on Sunday; residents were told to keep windows shut on
    # Sunday. That both happened on Sunday makes them no more one event than their words do.
    told = [" ".join(e["text"] for e in t["evidence"]) for t in fire["timeline"]]
    assert any("riverside road" in t for t in told) and any("windows" in t for t in told)
    assert not any("riverside road" in t and "windows" in t for t in told)
