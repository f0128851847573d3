"""Two reports that quote one source word for word share that passage, however differently
each tells the rest; the lines a site prints under every report are not quoted, and count for
nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

import storyline
from conftest import SHARED
from storyline.consolidate import link_scores, links
from storyline.settings import StoryTuning
from storyline.store import Store
from storyline.story_evidence import TermNumbers, anchor_rarities, passages, report_evidence

PAGES = SHARED / "benchmarks" / "article-extraction" / "html"
DAY = date(2026, 3, 2)
STATEMENT = (
    "We regret that the crane failed during the night shift and we are working with the "
    "inspectors to find out why it happened"
)
SIGN_UP = (
    "Get the Harbour Weekly delivered to your door every Friday, twelve issues for the price "
    "of eleven, and tell us what you think."
)


def report(title: str, lead: str, quoted: bool) -> tuple[str, str]:
    """(title, opening) of a report on the crane whose second paragraph gives the port's
    statement, in quote marks or not, and whose last line is the site's sign-up offer."""
    said = f"“{STATEMENT},” the port said." if quoted else f"The port said {STATEMENT}."
    return title, f"{lead}\n\n{said}\n\n{SIGN_UP}"


PAIR = [
    ("Crane collapses at Vellhaven port", "A crane fell onto the east quay on Tuesday night."),
    ("Night-shift accident on the quay", "Dock workers escaped unhurt when a gantry toppled."),
]


def test_a_quote_of_twelve_words_or_more_is_a_passage_wherever_it_stands() -> None:
    curly = passages(f"“{STATEMENT},” the port said.")
    straight = passages(f'"{STATEMENT}," the port said.')
    # a quote that goes on in the next paragraph has no closing mark in this one
    unclosed = passages(f"The port said: “{STATEMENT}.\n\n“We will report back.”")
    assert curly and curly == straight == unclosed
    assert len(curly) == len(STATEMENT.split()) - 12 + 1
    assert not passages(f"The port said {STATEMENT}.")  # the same words, not quoted
    assert not passages("“We are working with the inspectors to find out why,” it said.")


def test_figures_break_no_run_and_case_does_not_matter() -> None:
    first = passages("“Going upstairs was a 30 minute activity as I could only manage two stairs”")
    second = passages("“going upstairs was a 45 minute activity as I could only manage two stairs”")
    assert first and first == second


def anchors_of(quoted: bool) -> list:
    terms = TermNumbers()
    return [terms.anchors(report_evidence(*report(t, lead, quoted))) for t, lead in PAIR]


def anchor_score(anchors: list, tuning: StoryTuning) -> float:
    """What the pair's shared anchors add to the cosine of its vectors."""
    pair = np.array([0]), np.array([1])
    shared = [kind.between(*pair) for kind in anchor_rarities(anchors, tuning.idf_prior)]
    return float(link_scores(np.zeros(1), shared, np.zeros(1), tuning, 3)[0])


def linked(anchors: list, cosine: float, tuning: StoryTuning) -> bool:
    """Whether `links` links two reports of `anchors` whose vectors are `cosine` apart."""
    vectors = np.zeros((2, 512), dtype=np.float32)
    vectors[0, 0] = 1.0
    vectors[1, :2] = cosine, np.sqrt(1 - cosine**2)
    left, right = links(vectors, anchors, [DAY, DAY], tuning, 3)
    assert left.size == right.size <= 1
    return left.size == 1


def test_a_shared_quote_links_a_pair_the_same_words_unquoted_do_not() -> None:
    tuning = replace(StoryTuning(), link_cosine=1.0)  # linked by the score, never the cosine
    # The pair's other anchors are the same whether the statement is quoted or not: set the
    # cosine of its vectors halfway between linking without the passage and with it.
    scored = [anchor_score(anchors_of(quoted), tuning) for quoted in (False, True)]
    assert scored[1] - scored[0] == pytest.approx(tuning.passage_weight * tuning.anchor_cap)
    cosine = tuning.link_score - (scored[0] + scored[1]) / 2
    assert not linked(anchors_of(False), cosine, tuning)
    assert linked(anchors_of(True), cosine, tuning)


def test_a_pair_that_shares_a_quote_is_scored_below_the_floor_of_words_and_names() -> None:
    # Two reports with one title, lead and names: those anchors add all they can, and at a
    # cosine below what they can lift to the link score only a shared quote links the pair.
    tuning = StoryTuning()
    title = "Vellhaven harbour crane inquiry opens after collapse"
    lead = "Harbour master Irena Kostic and engineer Tomas Brandt of Marrowby Docks spoke."

    def twins(quoted: bool) -> list:
        terms = TermNumbers()
        return [terms.anchors(report_evidence(*report(title, lead, quoted))) for _ in "ab"]

    words = tuning.anchor_cap * (tuning.title_weight + tuning.lead_weight + tuning.name_weight)
    assert anchor_score(twins(False), tuning) == pytest.approx(words)
    cosine = tuning.link_score - words - tuning.passage_weight * tuning.anchor_cap / 2
    assert not linked(twins(False), cosine, tuning)
    assert linked(twins(True), cosine, tuning)


def pages(*prefixes: str) -> list[Path]:
    found = [p for prefix in prefixes for p in PAGES.glob(f"{prefix}*.html.gz")]
    if len(found) != len(prefixes):
        pytest.skip(f"{PAGES} is absent")
    return found


def stories_of(paths: list[Path], db: Path) -> list[int]:
    """The sizes of the stories the pages make when ingested alone, largest first."""
    storyline.ingest([str(p) for p in paths], store=db)
    with Store(db) as store:
        return sorted((r.size for r in store.stories(limit=100, min_size=1)), reverse=True)


def test_a_feature_that_quotes_the_case_report_lands_in_the_story_of_its_reports(
    tmp_path: Path,
) -> None:
    # MSN tells the "feather duvet lung" case as a feature: its title, lead and names are not
    # the others', but it quotes the patient's words from the BMJ case report as Forbes and
    # Live Science do.
    duvet = pages("7bb1ca9035431384", "a078b3656adc0295", "bd673bd7988144f0", "9eef8162bbb67b0b")
    assert stories_of(duvet, tmp_path / "duvet.db") == [4]


def test_a_report_of_another_moon_stays_out_of_the_europa_plumes_story(tmp_path: Path) -> None:
    europa = pages("14cc2a0ca59c62a8", "686bb170effe273e", "f344ca5fb36e130f")
    titan = pages("359fee228518d55b")
    assert stories_of(europa + titan, tmp_path / "moons.db") == [3, 1]


def test_passages_leave_the_numbering_of_terms_as_the_words_alone_do() -> None:
    # A run's numbering of terms lasts while its regions last; passages, nearly all a report's
    # own, are numbered within each region instead.
    met = []
    for quoted in (False, True):
        terms = TermNumbers()
        found = terms.anchors(report_evidence(*report(*PAIR[0], quoted)))
        met.append(len(terms))
        assert len(found[-1]) == (len(STATEMENT.split()) - 11 if quoted else 0)
    assert met[0] == met[1]
