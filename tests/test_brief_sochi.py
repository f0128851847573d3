"""`storyline brief` on the real, messy sochi-2020 reports (skipped where ../shared is absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.annotate.sentences import split_sentences
from storyline.inputs.files import read_inputs

FURNITURE = [
    "©",
    "Home »",
    "Leave a Comment",
    "Akismet",
    "![",
    "Photo:",
    "Tut.By",
    "Lukashenko, Putin, Belarus, Russia",
    "– .",
    "comment data",
]
FURNITURE_LINES = {"RIA News", "Reuters", "- ."}


def _texts(briefing: dict) -> list[str]:
    return [s["text"] for s in briefing["summary"]] + [
        e["text"] for c in briefing["claims"] for e in c["evidence"]
    ]


def test_no_page_furniture_in_any_sentence_or_claim(sochi: Path, sochi_briefing: dict) -> None:
    sentences = [
        s.text
        for n, article in enumerate(read_inputs([str(sochi)], 10_000_000))
        for s in split_sentences(f"S{n}", article.text)
    ]
    for text in sentences + _texts(sochi_briefing):
        assert not any(f in text for f in FURNITURE), text
        assert text.strip() not in FURNITURE_LINES


def test_the_summary_opens_with_the_talks_in_sochi(sochi_briefing: dict) -> None:
    first = sochi_briefing["summary"][0]["text"]
    assert re.search(r"Putin|Russia", first) and re.search(r"Lukashenk|Belarus", first)
    assert "Sochi" in first and re.search(r"\b(meet|met|talks)\b", first), first


def test_trade_energy_and_integration_are_backed_by_four_sources(sochi_briefing: dict) -> None:
    def about_the_agenda(claim: dict) -> bool:
        text = " ".join(e["text"] for e in claim["evidence"])
        return all(w in text for w in ("trade", "energy", "integration", "Union State"))

    backed = [len(c["sources"]) for c in sochi_briefing["claims"] if about_the_agenda(c)]
    assert backed and max(backed) >= 4, backed


def test_every_summary_sentence_is_a_sentence_of_a_cited_source(
    sochi: Path, sochi_briefing: dict
) -> None:
    paths = {s["id"]: s["path"] for s in sochi_briefing["sources"]}
    assert sochi_briefing["summary"]
    for line in sochi_briefing["summary"]:
        assert line["sources"], line
        if "contradiction" in line:  # says who reports what, in the sources' own words
            for side in sochi_briefing["contradictions"][line["contradiction"]]["sides"]:
                assert f'"{side["text"]}" ({", ".join(side["sources"])})' in line["text"]
                assert all(side["text"] in e["text"] for e in side["evidence"])
            continue
        assert line["evidence"]["source"] in line["sources"]
        cited = [a for sid in line["sources"] for a in read_inputs([paths[sid]], 10_000_000)]
        assert any(
            line["text"] in {s.text for s in split_sentences("S", article.text)}
            for article in cited
        ), line["text"]


def test_the_summary_keeps_to_its_word_budget(sochi_briefing: dict) -> None:
    words = sum(len(re.findall(r"\w+", s["text"])) for s in sochi_briefing["summary"])
    assert 40 <= words <= 120


def test_sources_have_no_invented_metadata(sochi_briefing: dict) -> None:
    assert [s["id"] for s in sochi_briefing["sources"]] == ["S1", "S2", "S3", "S4", "S5"]
    for source in sochi_briefing["sources"]:
        assert source["outlet"] is None and source["url"] is None and source["published"] is None
    titled = {Path(s["path"]).name[:3]: s["title"] for s in sochi_briefing["sources"]}
    assert titled["003"] == "Talks between Putin and Lukashenko begin in Sochi"
    assert titled["000"] is None  # its first line is a full sentence, not a headline


def _entity(briefing: dict, name: str) -> dict:
    return next(e for e in briefing["entities"] if e["name"] == name)


def test_spellings_and_transliterations_are_one_entity(sochi_briefing: dict) -> None:
    lukashenko = _entity(sochi_briefing, "Alexander Lukashenko")
    assert lukashenko["type"] == "PERSON"
    assert {"Lukashenka", "Lukashenkko"} <= set(lukashenko["aliases"])
    mezentsev = [
        e
        for e in sochi_briefing["entities"]
        if {"Dmitry Mezentsev", "Dmitry Mezencev"} & {e["name"], *e["aliases"]}
    ]
    assert len(mezentsev) == 1
    names = {"Dmitry Mezentsev", "Dmitry Mezencev"}
    assert names <= {mezentsev[0]["name"], *mezentsev[0]["aliases"]}


@pytest.mark.parametrize("full", ["Vladimir Putin", "Dmitry Peskov", "Mikhail Mishustin"])
def test_people_are_one_entity_under_their_full_names(sochi_briefing: dict, full: str) -> None:
    surname = full.split()[-1]
    holders = [
        e
        for e in sochi_briefing["entities"]
        if any(surname in n for n in (e["name"], *e["aliases"]))
    ]
    assert [e["name"] for e in holders] == [full]


def test_a_quote_is_attributed_to_peskov(sochi_briefing: dict) -> None:
    assert any(q["speaker"] == "Dmitry Peskov" for q in sochi_briefing["quotes"])
    assert not any(
        q["speaker"] in {"RIA Novosti", "BelTA", "TASS"} for q in sochi_briefing["quotes"]
    )


def test_the_talks_are_dated_although_reports_give_no_year(sochi_briefing: dict) -> None:
    talks = [t for t in sochi_briefing["timeline"] if t["date"] == "2020-09-14"]
    assert talks and max(len(t["sources"]) for t in talks) >= 3
    assert sochi_briefing["story"]["start"] == "2020-09-14"


def test_working_and_official_visit_is_a_label_contradiction(sochi_briefing: dict) -> None:
    files = {s["id"]: Path(s["path"]).name[:3] for s in sochi_briefing["sources"]}
    [visit] = [c for c in sochi_briefing["contradictions"] if c["about"] == "visit"]
    assert visit["kind"] == "label"
    sides = {side["text"]: {files[s] for s in side["sources"]} for side in visit["sides"]}
    assert sides == {"working": {"001", "003"}, "official": {"002", "004"}}


PARAPHRASES = [
    ("pay special attention to the implementation", "touch on the implementation of major"),
    ("will meet in Sochi on September 14", "held talks in Sochi"),
    (
        "signing of documents following the visit is not planned",
        "signing of the agreement was not planned",
    ),
    ("gaining 80.1% of the vote", "received 80.1% of the vote"),
    ("Peskov promised that the Kremlin would inform", "Perhaps we will inform you"),
    (
        "key issues of further development of Russian-Belarusian",
        "most important issues of the Russia-Belarus",
    ),
]


@pytest.mark.parametrize(("one", "other"), PARAPHRASES)
def test_sentences_that_say_the_same_thing_are_no_contradiction(
    sochi_briefing: dict, one: str, other: str
) -> None:
    for c in sochi_briefing["contradictions"]:
        sides = [" ".join(e["text"] for e in side["evidence"]) for side in c["sides"]]
        assert not any(one in a and other in b for a in sides for b in sides if a != b), c


def test_a_slip_in_one_report_s_first_name_is_a_name_disagreement(sochi_briefing: dict) -> None:
    files = {s["id"]: Path(s["path"]).name[:3] for s in sochi_briefing["sources"]}
    [slip] = [c for c in sochi_briefing["contradictions"] if c["about"].startswith("first name")]
    assert slip["kind"] == "name" and "Lukashenko" in slip["about"]
    sides = {side["text"]: {files[s] for s in side["sources"]} for side in slip["sides"]}
    assert sides["Alexei"] == {"004"}
    assert "004" not in sides["Alexander"] and len(sides["Alexander"]) >= 3


def test_the_only_disagreements_are_the_visit_and_the_first_name(sochi_briefing: dict) -> None:
    about = sorted(c["about"] for c in sochi_briefing["contradictions"])
    assert about == ["first name of Alexander Lukashenko", "visit"]


def test_the_summary_leads_with_the_meeting_in_sochi(sochi_briefing: dict) -> None:
    lead = sochi_briefing["summary"][0]
    assert "Sochi" in lead["text"] and "September 14" in lead["text"]
    assert len(lead["sources"]) == 5


def test_an_event_two_reports_date_is_one_timeline_entry(sochi_briefing: dict) -> None:
    timeline = sochi_briefing["timeline"]
    assert len([t for t in timeline if "21%" in t["text"]]) == 1
    [election] = [t for t in timeline if t["date"] == "2020-08-09"]
    assert len(election["sources"]) >= 3


def near_duplicates(briefing: dict) -> list[tuple[str, str]]:
    """Pairs of claims of two sources or more that share most of the smaller one's evidence."""
    cited = {
        c["id"]: {(e["source"], e["sentence"]) for e in c["evidence"]}
        for c in briefing["claims"]
        if len(c["sources"]) > 1
    }
    ids = list(cited)
    return [
        (a, b)
        for n, a in enumerate(ids)
        for b in ids[n + 1 :]
        if len(cited[a] & cited[b]) * 2 > min(len(cited[a]), len(cited[b]))
    ]


def test_a_sentence_backs_a_second_claim_only_as_a_second_fact(
    sochi_briefing: dict, example_briefing: dict
) -> None:
    # Leads that restate the talks ("arrived in Sochi on a working visit on the morning of
    # September 14") back the claim of the talks once, not a copy of it.
    assert near_duplicates(sochi_briefing) == []
    assert near_duplicates(example_briefing) == []


def test_a_quote_next_to_a_claim_s_line_takes_no_clause_it_does_not_state(
    sochi_briefing: dict,
) -> None:
    # Babis's "The Belarusians must make a decision about the future of their country" follows
    # his line of a claim with the Ukrainian ambassador's long sentence, whose opening clause
    # ("As the Ambassador of Ukraine to the Republic of Belarus Igor Kizim said") it meets; but
    # another sentence of its report is closer to that clause, so it states no fact there.
    assert not any(
        any("must make a decision about the future" in e["text"] for e in c["evidence"])
        and any("Ambassador of Ukraine" in e["text"] for e in c["evidence"])
        for c in sochi_briefing["claims"]
    )
