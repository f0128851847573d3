"""Briefings of real multi-outlet stories (../shared/benchmarks): facts across wordings, a
summary that leads with the news, and no false disagreements.

The gold facts and the notes on what is and is not a disagreement are the benchmark's
(`stories/facts.json`); the pages are raw HTML, read as a user would give them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SHARED
from storyline.annotate.quantities import find_quantities
from storyline.characters import fold_marks
from storyline.conflicts import figures_conflict
from storyline.pipeline import brief_articles, read
from storyline.settings import Settings
from storyline.standalone import reads_alone

BENCH = SHARED / "benchmarks"
PAGES = BENCH / "article-extraction" / "html"
FACTS = BENCH / "stories" / "facts.json"


@pytest.fixture(scope="module")
def stories() -> dict[str, dict]:
    if not FACTS.is_file():
        pytest.skip(f"{FACTS} is absent: the shared benchmarks sit beside the project in CI")
    return json.loads(FACTS.read_text(encoding="utf-8"))["stories"]


@pytest.fixture(scope="module")
def briefings(stories: dict[str, dict]) -> dict[str, dict]:
    out = {}
    for name, gold in stories.items():
        paths = [str(PAGES / f"{page}.html.gz") for page in gold["ids"]]
        articles = read(paths, Settings()).articles
        assert len(articles) == len(gold["ids"])
        out[name] = brief_articles(articles, Settings()).to_dict()
    return out


def page_of(briefing: dict) -> dict[str, str]:
    return {s["id"]: Path(s["path"]).name.split(".")[0] for s in briefing["sources"]}


def states(fact: dict, text: str) -> bool:
    # The patterns spell quotes and apostrophes straight, the pages as they please.
    return re.search(fact["pattern"], fold_marks(text), re.I) is not None


def most_pages_in_one_claim(briefing: dict, fact: dict) -> int:
    """The most pages whose statements of `fact` one claim of the briefing holds."""
    page = page_of(briefing)
    return max(
        len({page[e["source"]] for e in claim["evidence"] if states(fact, e["text"])})
        for claim in briefing["claims"]
    )


def test_the_summary_opens_with_the_story_s_lead(
    stories: dict[str, dict], briefings: dict[str, dict]
) -> None:
    for name, briefing in briefings.items():
        lead = stories[name]["facts"][0]
        assert states(lead, briefing["summary"][0]["text"]), (name, briefing["summary"][0])


# Key facts that sumy's LexRank covers at the same word budget (the benchmark's README).
LEXRANK = {"stadia-launch": 2, "europa-water-vapor": 4, "doobie-brothers-reunion": 3}


def test_each_summary_states_more_key_facts_than_lexrank(
    stories: dict[str, dict], briefings: dict[str, dict]
) -> None:
    for name, briefing in briefings.items():
        summary = [s["text"] for s in briefing["summary"] if s.get("contradiction") is None]
        facts = stories[name]["facts"]
        covered = sum(any(states(fact, line) for line in summary) for fact in facts)
        assert covered > LEXRANK[name], (name, covered, summary)


def test_every_summary_sentence_reads_alone(briefings: dict[str, dict]) -> None:
    for briefing in briefings.values():
        for line in briefing["summary"]:
            if line.get("contradiction") is None:
                assert reads_alone(line["text"]), line["text"]
                assert not line["text"].rstrip().endswith(":")


def test_reports_that_agree_in_other_words_are_not_a_disagreement(
    briefings: dict[str, dict],
) -> None:
    # The notes list, among others, "$129" against "$129.99", "launches today" on a page dated
    # the day before against "launched Tuesday", and a quote against its paraphrase: none of
    # the three stories holds a real disagreement.
    for name, briefing in briefings.items():
        assert briefing["contradictions"] == [], (name, briefing["contradictions"])


def test_outlets_that_state_a_fact_in_other_words_back_one_claim(
    stories: dict[str, dict], briefings: dict[str, dict]
) -> None:
    # Stadia's Founder's Edition: three outlets, three wordings, one claim of three sources.
    briefing = briefings["stadia-launch"]
    fact = stories["stadia-launch"]["facts"][1]
    best = most_pages_in_one_claim(briefing, fact)
    assert best == len(fact["sources"])


def test_a_real_sentence_carrying_two_facts_backs_both_claims(
    stories: dict[str, dict], briefings: dict[str, dict]
) -> None:
    # Cleveland.com says in one sentence that the band unveiled the tour at Monday's Nashville
    # show and brought out McDonald in the encore; Rolling Stone says it in two. All three
    # outlets' statements of the announcement land in one claim.
    briefing = briefings["doobie-brothers-reunion"]
    fact = stories["doobie-brothers-reunion"]["facts"][3]
    best = most_pages_in_one_claim(briefing, fact)
    assert best == len(fact["sources"]) == 3


def test_a_claim_never_joins_two_facts_through_a_sentence_carrying_both(
    stories: dict[str, dict], briefings: dict[str, dict]
) -> None:
    # Europa: a quote on the requirements for life is copied by two outlets; a lead sentence on
    # the water vapour resembles one of the copies, not the other, and stays out of their claim.
    facts = stories["europa-water-vapor"]["facts"]
    for claim in briefings["europa-water-vapor"]["claims"]:
        told = [{n for n, f in enumerate(facts) if states(f, e["text"])} for e in claim["evidence"]]
        told = [t for t in told if t]
        assert len(claim["sources"]) < 2 or len(told) < 2 or set.intersection(*told), claim


def test_no_claim_merges_figures_that_cannot_both_be_true(briefings: dict[str, dict]) -> None:
    for briefing in briefings.values():
        for claim in briefing["claims"]:
            figures = [find_quantities(e["text"]) for e in claim["evidence"]]
            for i, a in enumerate(figures):
                for b in figures[i + 1 :]:
                    assert not figures_conflict(a, b), claim["evidence"]


def test_one_event_told_by_several_outlets_is_one_timeline_entry(
    briefings: dict[str, dict],
) -> None:
    # The Doobie Brothers announced their tour at the Ryman on 18 November: all three outlets.
    timeline = briefings["doobie-brothers-reunion"]["timeline"]
    announced = [t for t in timeline if t["date"] == "2019-11-18"]
    assert len(announced) == 1 and len(announced[0]["sources"]) == 3


def test_an_outlet_that_states_an_event_undated_is_cited_for_it(
    briefings: dict[str, dict],
) -> None:
    # Ticket sales open on Friday 6 December: Rolling Stone and Billboard date it,
    # Cleveland.com says only "at 10 a.m."; one entry cites all three.
    timeline = briefings["doobie-brothers-reunion"]["timeline"]
    (tickets,) = [t for t in timeline if t["date"] == "2019-12-06"]
    assert len(tickets["sources"]) == 3


def test_a_precise_and_a_vague_date_of_two_launches_are_neither_one_claim_nor_a_dispute(
    briefings: dict[str, dict],
) -> None:
    # Europa Clipper "as soon as 2023" and "in the mid-2020s": the notes say not a disagreement,
    # but not one claim either.
    briefing = briefings["europa-water-vapor"]
    texts = [" ".join(e["text"] for e in claim["evidence"]) for claim in briefing["claims"]]
    assert any("2023" in t for t in texts) and any("mid-2020s" in t for t in texts)
    assert not any("2023" in t and "mid-2020s" in t for t in texts)
    assert briefing["contradictions"] == []


def test_a_sentence_that_states_two_facts_speaks_for_one_claim_only(
    briefings: dict[str, dict],
) -> None:
    # A sentence may back two claims ("... launches today with 22 games"), but the claim list
    # never shows the same sentence as two claims.
    shared = 0
    for briefing in briefings.values():
        texts = [claim["text"] for claim in briefing["claims"]]
        assert len(texts) == len(set(texts))
        cited = [(e["source"], e["sentence"]) for c in briefing["claims"] for e in c["evidence"]]
        shared += len(cited) - len(set(cited))
    assert shared > 0  # long real sentences do carry two facts
