"""Claims from sentences of several sources, and the cited summary built on them."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.corroborate import Alignment, group_sentences
from storyline.model import Article, Sentence
from storyline.pipeline import brief_articles
from storyline.settings import ClaimTuning, Settings

REPORTS = [
    "The Porthaven ferry company raised its fares by ten percent on Monday. "
    "Commuters said the rise would cost them more than forty euros a month. "
    "The company blamed the higher price of diesel.",
    "Ferry tickets in Porthaven became ten percent more expensive on Monday. "
    "The operator said rising diesel costs forced the increase. "
    "A new timetable will start in the spring.",
    "Porthaven's ferry operator put its fares up by a tenth on Monday. "
    "The firm pointed to the cost of fuel. "
    "The mayor has asked for a meeting with the company's owners.",
]


@pytest.fixture(scope="module")
def briefing():
    articles = [Article(text=t, path=f"r{n}.txt") for n, t in enumerate(REPORTS, 1)]
    return brief_articles(articles, Settings(words=40))


def test_paraphrases_across_sources_are_one_claim(briefing) -> None:
    fares = next(c for c in briefing.claims if "fare" in c.text or "ten percent" in c.text)
    assert fares.sources == ["S1", "S2", "S3"] and fares.independent == 3
    assert fares.text in {e.text for e in fares.evidence}


def test_unrelated_sentences_stay_apart_and_one_source_never_backs_a_claim_twice(briefing) -> None:
    mayor = next(c for c in briefing.claims if "mayor" in c.text)
    assert mayor.sources == ["S3"]
    for claim in briefing.claims:
        assert len({e.source for e in claim.evidence}) == len(claim.evidence)


def test_copied_text_is_one_claim_even_when_embeddings_disagree() -> None:
    wire = "Officials confirmed late on Tuesday that the bridge would stay shut until March."
    articles = [
        Article(text=wire + " The port was calm.", outlet="Wire One"),
        Article(
            text="Traffic was heavy. " + wire.replace("late on Tuesday", "on Tuesday night"),
            outlet="Paper Two",
        ),
    ]
    result = brief_articles(articles, Settings(claim_threshold=0.99))
    copied = next(c for c in result.claims if "stay shut" in c.text)
    assert copied.sources == ["S1", "S2"]


def test_two_reports_of_one_outlet_are_one_voice() -> None:
    articles = [
        Article(text=REPORTS[0], outlet="Porthaven Post"),
        Article(text=REPORTS[2], outlet="porthaven post"),
    ]
    result = brief_articles(articles, Settings())
    fares = result.claims[0]
    assert fares.sources == ["S1", "S2"] and fares.independent == 1


def test_the_summary_cites_its_sources_and_keeps_the_budget(briefing) -> None:
    assert briefing.summary[0].sources == ["S1", "S2", "S3"]
    assert "ten percent" in briefing.summary[0].text or "tenth" in briefing.summary[0].text
    words = sum(len(s.text.split()) for s in briefing.summary)
    assert words <= 40
    for line in briefing.summary:
        source = briefing.source(line.evidence.source)
        assert source.article.text[line.evidence.start : line.evidence.end] == line.text


def brief_texts(reports: list[str]):
    return brief_articles([Article(text=t) for t in reports], Settings())


def test_figures_that_cannot_both_be_true_are_two_sides_not_one_claim() -> None:
    reports = [
        "A fire at the Halden plant forced 42 workers to leave the site on Saturday night. "
        "Nobody was hurt.",
        "About 60 workers were forced to leave the Halden plant when the fire broke out on "
        "Saturday night. The cause is not known.",
    ]
    result = brief_texts(reports)
    assert not any(len(c.sources) > 1 and "workers" in c.text for c in result.claims)
    [number] = [c for c in result.contradictions if c.kind == "number"]
    assert [side.text for side in number.sides] == ["42 workers", "60 workers"]


def test_a_part_and_the_total_are_no_disagreement() -> None:
    reports = [
        "The space agency added five companies to its lunar lander programme on Monday. "
        "The firms will bid for delivery contracts.",
        "With Monday's additions, 14 companies in all can now bid to fly cargo to the Moon for "
        "the space agency. The agency did not say when the first contracts are due.",
    ]
    assert brief_texts(reports).contradictions == []


def test_a_sentence_carrying_two_facts_backs_both_claims() -> None:
    # One report says in one sentence what two others say in two: its sentence backs both.
    reports = [
        "The Tarnby council closed the harbour bridge on Monday, and the mayor blamed corroded "
        "cables for the closure. Fishing boats were moved to the north quay.",
        "Tarnby's harbour bridge was closed by the council on Monday. The mayor said corroded "
        "cables were to blame for the closure. A ferry will run until it reopens.",
        "The council shut Tarnby's harbour bridge on Monday. Corroded cables caused the "
        "closure, the mayor said. Shops near the bridge expect fewer customers.",
    ]
    claims = brief_texts(reports).claims
    closed = next(c for c in claims if "closed" in c.text or "shut" in c.text)
    cables = next(c for c in claims if "cables" in c.text)
    assert closed is not cables
    assert closed.sources == cables.sources == ["S1", "S2", "S3"]
    assert ("S1", 0) in {(e.source, e.sentence) for e in closed.evidence}
    assert ("S1", 0) in {(e.source, e.sentence) for e in cables.evidence}


def test_a_claim_close_on_average_never_holds_two_unrelated_sentences() -> None:
    # Two reports quote one statement word for word (a full match); a third report's sentence
    # resembles one half of that quote but not the other: on average the three are close, yet
    # the third does not state what the second states.
    sentences = [Sentence(f"S{k}", 0, text, 0, len(text)) for k, text in enumerate("abc", 1)]
    similarity = np.array([[1.0, 0.48, 0.14], [0.48, 1.0, 1.0], [0.14, 1.0, 1.0]], np.float32)
    alignment = Alignment(
        sentences, np.eye(3, dtype=np.float32), similarity, similarity, np.zeros((3, 3), bool)
    )
    groups = group_sentences(alignment, 0.5, 0.3, 0.55)
    assert [1, 2] in groups and not any({0, 2} <= set(g) for g in groups)
    loose = ClaimTuning(member_floor=0.0)
    assert [0, 1, 2] in group_sentences(alignment, 0.5, 0.3, 0.55, loose)
