"""Contradictions only where two reports state one fact with values that cannot both be true.

Made-up reports of a ferry strike tell the same facts in other words (a negation against an
antonym, a rounded price, a vague date, a part against the total, a quote against its
paraphrase, "yesterday" on the next day's page); one real disagreement is planted so the
checks could fail. Real reports: the labelled stories of bench/gold/stories have no
disagreement their notes do not list (skipped where ../shared is absent).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from storyline.contradict.negation import negation_disputes
from storyline.model import Sentence
from storyline.pipeline import brief_articles, read
from storyline.settings import Settings

# Sentences of other things, so that the pair's own words are specific to the pair.
OTHER_NEWS = [
    "Fuel prices rose sharply in the spring.",
    "A new school opened in the harbour district.",
    "The mayor spoke at the summer festival.",
    "Heavy rain is forecast for the weekend.",
    "Tourism fell last year on the island.",
    "A bakery won a regional prize for its rye bread.",
    "The football club signed a young goalkeeper.",
    "Volunteers cleaned the beach on Saturday.",
    "The library extended its opening hours.",
    "A storm damaged the lighthouse roof in January.",
    "The museum reopened after a long renovation.",
    "Local elections will be held in the autumn.",
    "The hospital hired twelve new nurses.",
    "A jazz band played in the old town square.",
    "Cyclists asked for a safer route to the station.",
    "The bus timetable changes next month.",
]


def disputes(one: str, other: str) -> list:
    """Negation disputes between two sentences of two reports, among unrelated news."""
    pair = [Sentence("S1", 0, one, 0, len(one)), Sentence("S2", 0, other, 0, len(other))]
    rest = [Sentence("S3", k, text, 0, len(text)) for k, text in enumerate(OTHER_NEWS)]
    return negation_disputes([(pair[0], pair[1])], pair + rest)


PARAPHRASES = [
    (
        "Ferry crews walked out on Tuesday, halting every ferry crossing of the Kessel Sound.",
        "No ferry crossing of the Kessel Sound ran on Tuesday as crews walked out.",
    ),
    (
        "The Brenport ferry terminal will stay closed until Thursday, Sundline said.",
        "Sundline said the Brenport ferry terminal will not open until Thursday.",
    ),
    (
        "The Brenport ferry terminal will remain shut until Thursday, Sundline said.",
        "The Brenport ferry terminal will not reopen until Thursday, Sundline said.",
    ),
    (
        "Sailings to Aldholm were suspended for the whole day, the Brenport harbour master said.",
        "No sailings to Aldholm left all day, the Brenport harbour master said.",
    ),
    (
        "The cause of the Brenport ferry terminal fire is unknown.",
        "The Brenport ferry terminal fire was caused by faulty wiring.",
    ),
    (
        "The Seafarers' Union spokesman Jon Vik said the crews were planning a second walkout.",
        "According to the Seafarers' Union spokesman Jon Vik, a deal was not expected soon.",
    ),
]


@pytest.mark.parametrize(("one", "other"), PARAPHRASES)
def test_the_same_fact_with_a_negation_on_one_side_only_is_no_dispute(one: str, other: str):
    assert disputes(one, other) == []
    assert disputes(other, one) == []


DENIALS = [
    (
        "The company said no chemicals had leaked into the Kessel Sound.",
        "Chemicals from the burning ferry leaked into the Kessel Sound, the agency said.",
    ),
    (
        "No chemicals reached the Kessel Sound, according to the company.",
        "Chemicals from the burning ferry leaked into the Kessel Sound, the agency said.",
    ),
    (
        "The Brenport ferry terminal did not close on Tuesday.",
        "The Brenport ferry terminal closed on Tuesday.",
    ),
]


@pytest.mark.parametrize(("one", "other"), DENIALS)
def test_a_denial_of_the_other_side_s_own_predicate_is_a_dispute(one: str, other: str):
    [found] = disputes(one, other)
    assert found.kind == "negation"
    assert {side.text for side in found.sides} == {one, other}


def _report(outlet: str, day: str, title: str, paragraphs: list[str]) -> dict:
    url = f"https://{outlet.lower().replace(' ', '-')}.example/ferry-strike"
    text = "\n\n".join(paragraphs)
    return {"title": title, "text": text, "url": url, "published": day, "outlet": outlet}


STRIKE = {
    "harbour-post": _report(
        "Harbour Post",
        "2025-03-11",
        "Ferry strike halts Kessel Sound crossings",
        [
            "Ferry crews on the Kessel Sound walked out on Tuesday, halting every crossing "
            "between Brenport and the island of Aldholm.",
            "The Seafarers' Union said 300 deck and engine crew joined the strike after pay talks "
            "with the operator Sundline broke down on Monday evening.",
            "Sundline's terminal at Brenport will stay closed until Thursday, the company said.",
            "A return ticket on the Brenport to Aldholm route costs $129.99, a price the union "
            "calls fair for islanders.",
            "The strike is the first on the route since March 2019.",
            '"We will not sail until the pay offer improves," union organiser Marta Lindqvist '
            "told reporters on the quay.",
            "The harbour master, Ola Berg, said 14 ferries were tied up at Brenport.",
        ],
    ),
    "island-news": _report(
        "Island News",
        "2025-03-12",
        "No ferries as Kessel Sound crews strike over pay",
        [
            "No ferry crossed the Kessel Sound yesterday as crews went on strike over pay.",
            "Around 300 crew members took part, according to the Seafarers' Union, after "
            "negotiations with Sundline collapsed on Monday.",
            "Sundline said the Brenport terminal will not open before Thursday.",
            "Islanders pay $129 for a return ticket between Brenport and Aldholm.",
            "The last strike on the route was on 4 March 2019.",
            "Union organiser Marta Lindqvist said the crews would sail again once the pay offer "
            "improved.",
            "Harbour master Ola Berg said 22 ferries were tied up at Brenport.",
        ],
    ),
    "coast-wire": _report(
        "Coast Wire",
        "2025-03-11",
        "Kessel Sound ferry crews strike",
        [
            "Ferry crews on the Kessel Sound went on strike on Tuesday and no boat sailed between "
            "Brenport and Aldholm.",
            "Another 40 crew from the freight ferries joined the walkout on Tuesday afternoon, "
            "the union said.",
            "Operator Sundline said its Brenport terminal would remain shut until Thursday.",
            "Aldholm islanders were asked to call the council about hospital trips.",
        ],
    ),
}


@pytest.fixture(scope="module")
def strike(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("strike")
    for name, report in STRIKE.items():
        (folder / f"{name}.jsonl").write_text(json.dumps(report) + "\n", encoding="utf-8")
    articles = read([str(folder)], Settings()).articles
    assert len(articles) == len(STRIKE)
    return brief_articles(articles, Settings()).to_dict()


def test_the_strike_reports_disagree_only_on_the_ferries_tied_up(strike: dict) -> None:
    # Rounding ($129.99, $129), a vague and a precise date (March 2019, 4 March 2019), a part
    # and the total (another 40, 300), a quote and its paraphrase, "yesterday" on Wednesday's
    # page and "Tuesday", "stay closed" and "not open": one fact each, told two ways.
    [found] = strike["contradictions"]
    assert found["kind"] == "number"
    assert {side["text"] for side in found["sides"]} == {"14 ferries", "22 ferries"}


def test_the_strike_summary_leads_with_the_strike(strike: dict) -> None:
    lead = strike["summary"][0]
    assert "strike" in lead["text"] or "walked out" in lead["text"]
    assert len(lead["sources"]) == 3


LABELLED = ROOT / "bench" / "gold" / "stories"
PAGES = SHARED / "benchmarks" / "article-extraction" / "html"


def _quoted(between: str) -> list[str]:
    """The words a note quotes from the pages ("'the jury took just 15 minutes'"), each piece
    of an elided quote on its own."""
    quotes = re.findall(r"'([^']+)'", between)
    return [piece.strip(" .") for q in quotes for piece in q.split("...") if piece.strip(" .")]


@pytest.mark.parametrize("path", sorted(LABELLED.glob("*.json")), ids=lambda p: p.stem)
def test_labelled_real_stories_report_only_the_disagreements_their_notes_list(path: Path):
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} is absent: the shared benchmarks sit beside the project in CI")
    gold = json.loads(path.read_text(encoding="utf-8"))
    real = [d for d in gold["disagreements"] if d["verdict"].startswith("a disagreement")]
    articles = read([str(PAGES / f"{page}.html.gz") for page in gold["ids"]], Settings()).articles
    for c in brief_articles(articles, Settings()).to_dict()["contradictions"]:
        sides = [" ".join(e["text"] for e in side["evidence"]) for side in c["sides"]]
        # Every side of a reported disagreement is a side the notes call real.
        assert any(
            all(any(q in side for q in _quoted(d["between"])) for side in sides) for d in real
        ), c
