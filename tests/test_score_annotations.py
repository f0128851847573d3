"""bench/score_annotations.py on hand-made briefings, and the gold annotations against the texts.

Nothing here runs the pipeline.
"""

from __future__ import annotations

import copy
import html
import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "vellhaven-bridge-closure"
GOLD = json.loads((ROOT / "bench" / "gold" / "vellhaven-bridge-closure.json").read_text("utf-8"))

_spec = importlib.util.spec_from_file_location(
    "score_annotations", ROOT / "bench" / "score_annotations.py"
)
sa = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sa)

FILES = ["a.txt", "b.md", "c.jsonl"]
SOURCES = [
    {"id": "S1", "path": "/x/story/a.txt"},
    {"id": "S2", "path": "/x/story/b.md"},
    {"id": "S3", "path": "/x/story/c.jsonl:1"},
]
IDS = {"a.txt": "S1", "b.md": "S2", "c.jsonl": "S3"}

SMALL_GOLD = {
    "entity_types": ["PERSON", "ORG", "GPE", "FAC"],
    "entities": [
        {"name": "Irena Kostić", "type": "PERSON", "aliases": ["Irena Kostic", "the mayor"],
         "files": ["a.txt", "c.jsonl"]},
        {"name": "Vellhaven City Council", "type": "ORG", "aliases": ["the council"],
         "files": ["b.md"]},
        {"name": "Old Harbour Bridge", "type": "FAC", "aliases": [], "files": FILES},
    ],
    "entities_optional": [
        {"name": "Meridian Press Agency", "type": "ORG", "aliases": [], "files": ["b.md"]}
    ],
    "quotes": [
        {"speaker": "Irena Kostić", "kind": "direct", "files": ["a.txt"],
         "text": "No car, bus or bicycle will cross that bridge until we know it is safe"},
        {"speaker": "Vellhaven City Council", "kind": "reported", "files": ["c.jsonl"],
         "text": "People on foot will be able to use a free ferry service from Wednesday"},
        {"speaker": None, "kind": "reported", "files": ["b.md"],
         "text": "fares between the two banks of the harbour had roughly doubled"},
    ],
    "timeline": [
        {"date": "2026-11-03", "end": None, "about": "the bridge closes", "files": FILES},
        {"date": "2026-11-04", "end": None, "about": "the ferry starts", "files": ["c.jsonl"]},
        {"date": "1962-01-01", "end": "1962-12-31", "about": "the bridge opened",
         "files": ["a.txt"]},
    ],
}  # fmt: skip


def perfect() -> dict:
    """A briefing that says exactly what SMALL_GOLD says."""

    def ids(files: list[str]) -> list[str]:
        return [IDS[f] for f in files]

    return {
        "sources": copy.deepcopy(SOURCES),
        "entities": [
            {"id": f"E{n}", "name": e["name"], "type": e["type"], "aliases": list(e["aliases"]),
             "sources": ids(e["files"]), "mentions": 3, "spans": []}
            for n, e in enumerate(SMALL_GOLD["entities"], 1)
        ] + [{"id": "E9", "name": "Tuesday", "type": "DATE", "aliases": [], "sources": ["S1"],
              "mentions": 1, "spans": []}],
        "quotes": [
            {"speaker": q["speaker"], "text": q["text"], "kind": q["kind"],
             "sources": ids(q["files"]), "channel": None, "evidence": []}
            for q in SMALL_GOLD["quotes"]
        ],
        "timeline": [
            {"date": t["date"], "end": t["end"], "text": t["about"], "sources": ids(t["files"]),
             "expression": "", "inferred": False, "evidence": []}
            for t in SMALL_GOLD["timeline"]
        ],
    }  # fmt: skip


def test_perfect_prediction_scores_one() -> None:
    s = sa.score_story(perfect(), SMALL_GOLD)
    for part in (s["entities"]["typed"], s["entities"]["any_type"], s["quotes"]["detection"],
                 s["timeline"]["events"]):  # fmt: skip
        assert (part["p"], part["r"], part["f1"]) == (1.0, 1.0, 1.0)
    assert s["entities"]["alias_recall"] == 1.0
    assert s["entities"]["source_recall"] == 1.0
    assert s["quotes"]["speaker_accuracy"] == 1.0
    assert s["quotes"]["kind_accuracy"] == 1.0
    assert s["quotes"]["source_recall"] == 1.0
    assert s["timeline"]["source_recall"] == 1.0


def test_empty_prediction_scores_zero() -> None:
    s = sa.score_story({"sources": SOURCES}, SMALL_GOLD)
    assert s["entities"]["typed"]["f1"] == 0.0
    assert s["quotes"]["detection"]["r"] == 0.0
    assert s["quotes"]["speaker_accuracy"] == 0.0
    assert s["timeline"]["events"]["p"] == 0.0
    assert "0.000" in sa.format_table("empty", s, verbose=True)
    empty = sa.score_story({}, {})
    assert empty["entities"]["typed"]["f1"] == 0.0


def test_extra_wrong_entity_lowers_precision_only() -> None:
    data = perfect()
    data["entities"].append(
        {"id": "E8", "name": "Marta Lindqvist", "type": "PERSON", "aliases": [], "sources": ["S1"],
         "mentions": 1, "spans": []}
    )  # fmt: skip
    s = sa.score_entities(data, SMALL_GOLD)
    assert s["typed"]["p"] == pytest.approx(3 / 4)
    assert s["typed"]["r"] == 1.0
    assert s["extra"] == ["Marta Lindqvist"]


def test_optional_entity_is_neither_right_nor_wrong() -> None:
    data = perfect()
    data["entities"].append(
        {"id": "E8", "name": "Meridian Press Agency", "type": "ORG", "aliases": [],
         "sources": ["S2"], "mentions": 1, "spans": []}
    )  # fmt: skip
    assert sa.score_entities(data, SMALL_GOLD)["typed"]["p"] == 1.0


def test_entity_forms_fold_case_accents_and_the() -> None:
    data = perfect()
    data["entities"][0].update(name="IRENA KOSTIC", aliases=["Irena Kostić", "Mayor's"])
    data["entities"][1].update(name="council", aliases=["The Council"])
    s = sa.score_entities(data, SMALL_GOLD)
    assert s["typed"]["f1"] == 1.0
    assert s["alias_recall"] == 1.0


def test_wrong_type_counts_only_type_agnostic() -> None:
    data = perfect()
    data["entities"][2]["type"] = "ORG"
    s = sa.score_entities(data, SMALL_GOLD)
    assert s["typed"]["r"] == pytest.approx(2 / 3)
    assert s["any_type"]["r"] == 1.0
    assert s["wrong_type"]


def test_unmerged_alias_is_a_false_positive_and_loses_alias() -> None:
    data = perfect()
    data["entities"][0].update(aliases=["Irena Kostic"], sources=["S1"])
    data["entities"].append(
        {"id": "E8", "name": "the Mayor", "type": "PERSON", "aliases": [], "sources": ["S3"],
         "mentions": 1, "spans": []}
    )  # fmt: skip
    s = sa.score_entities(data, SMALL_GOLD)
    assert s["typed"]["p"] == pytest.approx(3 / 4)
    assert s["typed"]["r"] == 1.0
    assert s["alias_recall"] == pytest.approx(2 / 3)  # "the mayor" is in the wrong entity
    assert s["source_recall"] == pytest.approx(5 / 6)


def test_wrong_speaker_lowers_speaker_accuracy() -> None:
    data = perfect()
    data["quotes"][0]["speaker"] = "Jonas Pelt"
    s = sa.score_quotes(data, SMALL_GOLD)
    assert s["detection"]["f1"] == 1.0
    assert s["speaker_accuracy"] == pytest.approx(2 / 3)


def test_null_speaker_and_alias_speaker() -> None:
    data = perfect()
    data["quotes"][1]["speaker"] = "the council"  # an alias of the gold speaker's entity
    assert sa.score_quotes(data, SMALL_GOLD)["speaker_accuracy"] == 1.0
    data["quotes"][2]["speaker"] = "Irena Kostić"  # gold says nobody named
    assert sa.score_quotes(data, SMALL_GOLD)["speaker_accuracy"] == pytest.approx(2 / 3)


def test_quote_text_matching() -> None:
    gold = {"text": "No car, bus or bicycle will cross that bridge until we know it is safe"}
    curly = {"text": "“No car, bus or bicycle will cross that bridge until we know it is safe,”"}
    longer = {"text": "Mayor said: " + gold["text"] + ", and more."}
    other = {"text": "Half of my regulars drive over that bridge every morning"}
    short = {"text": "that bridge"}
    assert sa.quote_score(curly, gold) is not None
    assert sa.quote_score(longer, gold) is not None
    assert sa.quote_score(other, gold) is None
    assert sa.quote_score(short, gold) is None


def test_extra_quote_lowers_precision() -> None:
    data = perfect()
    data["quotes"].append({"speaker": None, "text": "Something nobody said at all", "sources": []})
    s = sa.score_quotes(data, SMALL_GOLD)
    assert s["detection"]["p"] == pytest.approx(3 / 4)
    assert s["detection"]["r"] == 1.0


def test_date_off_by_one_day_does_not_match() -> None:
    data = perfect()
    data["timeline"][1]["date"] = "2026-11-05"
    s = sa.score_timeline(data, SMALL_GOLD)
    assert s["events"]["p"] == pytest.approx(2 / 3)
    assert s["events"]["r"] == pytest.approx(2 / 3)
    assert s["source_recall"] == pytest.approx(4 / 5)


def test_timeline_end_and_sources_must_agree() -> None:
    data = perfect()
    data["timeline"][2]["end"] = None  # the year 1962 told as its first day only
    data["timeline"][1]["sources"] = ["S1"]  # the right date from a file that does not give it
    s = sa.score_timeline(data, SMALL_GOLD)
    assert s["events"]["matched"] == 1
    data = perfect()
    data["timeline"][1]["end"] = data["timeline"][1]["date"]  # a one-day period is a day
    data["timeline"][0]["date"] += "T09:00:00"
    assert sa.score_timeline(data, SMALL_GOLD)["events"]["f1"] == 1.0


def test_timeline_partial_sources() -> None:
    data = perfect()
    data["timeline"][0]["sources"] = ["S1", "S2"]
    s = sa.score_timeline(data, SMALL_GOLD)
    assert s["events"]["f1"] == 1.0
    assert s["source_recall"] == pytest.approx(4 / 5)


def test_file_names_from_source_paths() -> None:
    assert sa.file_name("examples/v/coastline-wire.jsonl:1") == "coastline-wire.jsonl"
    assert sa.file_name("/abs/harbour-gazette.txt") == "harbour-gazette.txt"
    assert sa.file_name(None) == ""


# --------------------------------------------------------------------------- the gold itself


def story_text(file: str) -> str:
    """A file's text as a reader sees it: unescaped HTML, parsed JSON lines, straight quotes."""
    raw = (STORY / file).read_text("utf-8")
    if file.endswith(".html"):
        raw = html.unescape(raw)
    elif file.endswith(".jsonl"):
        records = [json.loads(line) for line in raw.splitlines() if line.strip()]
        raw = "\n".join(f"{r.get('title', '')}\n{r.get('text', '')}" for r in records)
    raw = raw.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return " ".join(raw.split())


STORY_FILES = sorted(p.name for p in STORY.iterdir())
QUOTES = GOLD["quotes"] + GOLD["quotes_optional"]
ENTITIES = GOLD["entities"] + GOLD["entities_optional"]


def test_gold_files_exist() -> None:
    for item in ENTITIES + QUOTES + GOLD["timeline"] + GOLD["timeline_optional"]:
        assert item["files"], item
        assert set(item["files"]) <= set(STORY_FILES), item


@pytest.mark.parametrize("quote", QUOTES, ids=lambda q: q["text"][:30])
def test_gold_quote_text_occurs_in_its_files(quote: dict) -> None:
    for file in quote["files"]:
        text = story_text(file)
        if quote["kind"] == "direct":
            assert f'"{quote["text"]}' in text, file
        else:
            assert quote["text"] in text, file


@pytest.mark.parametrize("entity", GOLD["entities"], ids=lambda e: e["name"])
def test_gold_entity_named_in_each_of_its_files(entity: dict) -> None:
    for file in entity["files"]:
        text = story_text(file).casefold()
        assert any(f.casefold() in text for f in [entity["name"], *entity["aliases"]]), file


def test_gold_speakers_are_gold_entities() -> None:
    names = {e["name"] for e in ENTITIES}
    for quote in QUOTES:
        assert quote["speaker"] is None or quote["speaker"] in names, quote
        assert quote["kind"] in {"direct", "reported"}


def test_gold_entity_types_and_unique_forms() -> None:
    seen: dict[str, str] = {}
    for entity in ENTITIES:
        assert entity["type"] in GOLD["entity_types"]
        for form in [entity["name"], *entity["aliases"]]:
            key = sa.name_key(form)
            assert seen.setdefault(key, entity["name"]) == entity["name"], form


def test_gold_timeline_dates() -> None:
    for event in GOLD["timeline"] + GOLD["timeline_optional"]:
        start = date.fromisoformat(event["date"])
        if event["end"] is not None:
            assert date.fromisoformat(event["end"]) > start
        assert event["about"]
    years = [e for e in GOLD["timeline"] if re.fullmatch(r"\d{4}-01-01", e["date"]) and e["end"]]
    assert all(e["end"] == e["date"][:4] + "-12-31" for e in years)
