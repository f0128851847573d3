"""The summary prefers a sentence whose figures and words other outlets also name, and a claim
that another outlet states in words the grouping kept apart still counts, less, as backed."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from storyline.corroborate import Alignment
from storyline.model import Article, Claim, Evidence, Sentence, Source
from storyline.settings import SummaryTuning
from storyline.summarize import rank_claims, summarize

LEAD = "Ferry crews at Portmere Shipping walked out on Tuesday, halting every crossing to Marrow."
# Two outlets give the ferry's daily passengers, each in its own words, in claims of their own.
COUNTED = "The harbour authority says 4,000 passengers take the Marrow ferry every day."
RETOLD = "About 4,000 passengers use the Marrow crossing each day, the harbour authority said."
# Colour that only one outlet gives.
COLOUR = "A painter from Glennet once sketched the idle cranes of the old quay at dawn."


def _claim(text: str, score: float, *where: tuple[str, int]) -> Claim:
    evidence = [Evidence(source, text, index, 0, len(text)) for source, index in where]
    sources = sorted({source for source, _ in where})
    return Claim("", text, sources, len(sources), evidence, score)


def _summary(tuning: SummaryTuning, voices: dict[str, str] | None = None) -> list[str]:
    claims = [
        _claim(LEAD, 1.0, ("S1", 0), ("S2", 0), ("S3", 0)),
        _claim(COLOUR, 0.52, ("S1", 5)),
        _claim(COUNTED, 0.5, ("S2", 5)),
        _claim(RETOLD, 0.5, ("S3", 5)),
    ]
    for k, claim in enumerate(claims):
        claim.id = f"C{k + 1}"
    vectors = np.eye(len(claims), dtype=np.float32)  # equally new against each other
    budget = 14 + 16  # the lead and one more sentence
    lengths = {"S1": 8, "S2": 8, "S3": 8}
    summary = summarize(claims, vectors, budget, 0.6, lengths, tuning=tuning, voices=voices)
    return [s.text for s in summary]


def test_a_sentence_with_anchors_other_outlets_share_goes_before_colour() -> None:
    summary = _summary(SummaryTuning())
    assert summary[0] == LEAD
    assert len(summary) == 2 and "4,000" in summary[1]


def test_without_the_anchor_weight_the_better_scored_colour_would_go_in() -> None:
    summary = _summary(replace(SummaryTuning(), anchor_weight=0.0))
    assert summary == [LEAD, COLOUR]


def test_a_figure_only_copies_of_one_report_name_is_that_report_s_colour() -> None:
    # S3 reprints S2's wire copy: "4,000" is named by one voice, not by two outlets.
    reprint = {"S1": "S1", "S2": "S2", "S3": "S2"}
    assert _summary(SummaryTuning(), reprint) == [LEAD, COLOUR]


def _alignment(sentences: list[Sentence], similarity: np.ndarray) -> Alignment:
    vectors = np.eye(len(sentences), dtype=np.float32)
    return Alignment(
        sentences, vectors, similarity, vectors @ vectors.T, np.zeros_like(similarity, bool)
    )


def test_a_claim_another_outlet_nearly_states_scores_higher_by_that_closeness() -> None:
    texts = [("S1", 0, COUNTED), ("S1", 1, COLOUR), ("S2", 0, RETOLD)]
    sentences = [Sentence(source, index, text, 0, len(text)) for source, index, text in texts]
    similarity = np.eye(3, dtype=np.float32)
    similarity[0, 2] = similarity[2, 0] = 0.4  # the passengers, worded apart
    alignment = _alignment(sentences, similarity)
    voices = {"S1": "S1", "S2": "S2"}
    sources = [
        Source(sid, Article(text=" ".join(s.text for s in sentences if s.source == sid)), mine)
        for sid in voices
        if (mine := [s for s in sentences if s.source == sid])
    ]

    def scores(weight: float) -> list[float]:
        claims = [_claim(text, 0.0, (source, index)) for source, index, text in texts]
        tuning = replace(SummaryTuning(), near_support_weight=weight)
        ranked = rank_claims(claims, sources, alignment, voices, tuning)
        return [next(c.score for c in ranked if c.text == text) for _, _, text in texts]

    without, near = scores(0.0), scores(0.5)
    # 0.55 of the score is corroboration: half of 0.4 of one more voice out of two.
    assert np.isclose(near[0] - without[0], 0.55 * 0.5 * 0.4 / 2)
    assert np.isclose(near[2] - without[2], 0.55 * 0.5 * 0.4 / 2)
    assert np.isclose(near[1], without[1])  # nothing in S2 comes near the colour
