"""A claim repeats one already in the summary when the sentences a reader sees of the two say
one thing, not when the claims are close as wholes: one long sentence of a report can state two
facts and back two claims, and those claims, sharing it, are close, while the sentences shown of
them tell two things."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from conftest import ROOT, SHARED
from storyline.characters import fold_marks
from storyline.model import Claim, Evidence
from storyline.pipeline import brief_articles, read
from storyline.settings import Settings
from storyline.summarize import summarize

# One report tells the closure and the ferry in one long sentence; the other in two sentences.
LONG = (
    "The Kellsby swing bridge was shut to cars on Monday after divers found a cracked pier, and "
    "a free ferry for foot passengers will run from the old quay until it reopens."
)
SHUT = "Divers found a cracked pier under the Kellsby swing bridge, which was shut to cars Monday."
FERRY = "Foot passengers can take a free ferry from the old quay while the bridge stays shut."
ECHO = "The Kellsby swing bridge was closed to cars on Monday after divers found a cracked pier."


def _evidence(source: str, index: int, text: str) -> Evidence:
    return Evidence(source, text, index, 0, len(text))


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


# Sentences' vectors: the two the second report wrote share the long sentence's topic and
# little else (0.36); the echo says what SHUT says.
AXES = np.eye(4, dtype=np.float32)
VECTORS = {
    ("S1", 5): AXES[0],
    ("S2", 5): _unit(0.6 * AXES[0] + 0.8 * AXES[1]),
    ("S2", 6): _unit(0.6 * AXES[0] + 0.8 * AXES[2]),
    ("S3", 5): _unit(0.6 * AXES[0] + 0.8 * AXES[1] + 0.01 * AXES[3]),
}
CLAIMS = [
    Claim("C1", SHUT, ["S1", "S2"], 2, [_evidence("S1", 5, LONG), _evidence("S2", 5, SHUT)], 1.0),
    Claim("C2", FERRY, ["S1", "S2"], 2, [_evidence("S1", 5, LONG), _evidence("S2", 6, FERRY)], 0.9),
    Claim("C3", ECHO, ["S3"], 1, [_evidence("S3", 5, ECHO)], 0.8),
]


def _claim_vectors() -> np.ndarray:
    """As the brief makes them: the mean of each claim's evidence sentences."""
    means = [np.mean([VECTORS[(e.source, e.sentence)] for e in c.evidence], axis=0) for c in CLAIMS]
    return np.vstack([_unit(m) for m in means])


def _summary(sentence_vectors: dict | None) -> list[str]:
    settings = Settings()
    chosen = summarize(
        CLAIMS,
        _claim_vectors(),
        100,
        settings.redundancy,
        {"S1": 10, "S2": 10, "S3": 10},
        sentence_vectors=sentence_vectors,
        tuning=settings.summary,
    )
    return [s.text for s in chosen]


def test_two_claims_of_one_long_sentence_are_both_told() -> None:
    # As wholes the two claims are 0.8 close, over the repeat bar (0.75): both hold LONG.
    vectors = _claim_vectors()
    assert float(vectors[0] @ vectors[1]) >= Settings().summary.duplicate_similarity
    summary = _summary(VECTORS)
    assert SHUT in summary and FERRY in summary


def test_a_sentence_that_says_what_one_shown_says_is_still_a_repeat() -> None:
    assert ECHO not in _summary(VECTORS)


def test_without_the_sentences_vectors_the_claims_are_compared_as_wholes() -> None:
    assert FERRY not in _summary(None)


PRINCE = ROOT / "bench" / "gold" / "stories" / "prince-andrew-interview.json"
PAGES = SHARED / "benchmarks" / "article-extraction" / "html"


@pytest.mark.skipif(not PAGES.is_dir(), reason="the shared benchmarks sit beside the project")
def test_a_real_alibi_that_shares_a_long_sentence_with_the_lead_fact_is_told() -> None:
    # Two reports of Prince Andrew's BBC interview. One tells the allegation and his pizza
    # alibi in one long sentence; the other in two ("…what he was doing on the night of
    # March 10, during which he allegedly raped 17-year-old …" and "he definitely remembers
    # going to get pizza that night"). The alibi's claim shares the long sentence with the
    # allegation's, and was dropped as its repeat.
    gold = json.loads(PRINCE.read_text(encoding="utf-8"))
    settings = Settings()
    paths = [str(PAGES / f"{page}.html.gz") for page in gold["ids"]]
    summary = [s.text for s in brief_articles(read(paths, settings).articles, settings).summary]

    def told(fact: dict) -> bool:
        return any(re.search(fact["pattern"], fold_marks(text), re.I) for text in summary)

    assert told(gold["facts"][2])  # the alibi
    assert sum(map(told, gold["facts"])) >= 5  # sumy's LexRank, at the same budget, states 4
