"""A voice backs a claim firmly only where its sentence there and another voice's are each
other's closest match; one linked through a looser match counts less, so that a comment that
shares a word with another report's sentence about something else does not rank as a fact that
two outlets tell."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import numpy as np
import pytest

from conftest import ROOT, SHARED
from storyline.characters import fold_marks
from storyline.corroborate import Alignment
from storyline.model import Article, Claim, Evidence, Sentence, Source
from storyline.pipeline import brief_articles, read
from storyline.settings import Settings, SummaryTuning
from storyline.summarize import rank_claims

# Two reports of a ferry strike. Each states the walkout and the passengers; the first also
# comments on the strike, in words that meet the second's passenger line more than its walkout
# line, while that passenger line has a closer match in the first report: its own figure.
WALKOUT_A = "Ferry crews at Portmere Shipping walked out on Tuesday, halting every crossing."
WALKOUT_B = "Portmere Shipping's ferry crews went on strike on Tuesday and no boat crossed."
PASSENGERS_A = "About 4,000 passengers take the Marrow ferry every day, the harbour authority says."
PASSENGERS_B = "The 4,000 daily passengers of the Marrow ferry were left on the quay."
COMMENT_A = "Passengers on the quay will long remember this as the week the harbour stood still."
TEXTS = [
    ("S1", 0, WALKOUT_A),
    ("S1", 1, PASSENGERS_A),
    ("S1", 2, COMMENT_A),
    ("S2", 0, WALKOUT_B),
    ("S2", 1, PASSENGERS_B),
]


def _scores(loose: float) -> dict[str, float]:
    sentences = [Sentence(source, index, text, 0, len(text)) for source, index, text in TEXTS]
    at = {text: k for k, (_, _, text) in enumerate(TEXTS)}
    similarity = np.eye(len(TEXTS), dtype=np.float32)
    for a, b, score in [
        (WALKOUT_A, WALKOUT_B, 0.7),
        (PASSENGERS_A, PASSENGERS_B, 0.6),
        (COMMENT_A, PASSENGERS_B, 0.35),  # below PASSENGERS_B's match with its own figure
    ]:
        similarity[at[a], at[b]] = similarity[at[b], at[a]] = score
    vectors = np.eye(len(TEXTS), dtype=np.float32)
    alignment = Alignment(
        sentences, vectors, similarity, vectors @ vectors.T, np.zeros_like(similarity, bool)
    )
    voices = {"S1": "S1", "S2": "S2"}
    sources = [
        Source(sid, Article(text=" ".join(t for s, _, t in TEXTS if s == sid)), mine)
        for sid in voices
        if (mine := [s for s in sentences if s.source == sid])
    ]
    pairs = [(WALKOUT_A, WALKOUT_B), (PASSENGERS_A, PASSENGERS_B), (COMMENT_A, PASSENGERS_B)]
    claims = []
    for first, second in pairs:
        evidence = [
            Evidence(TEXTS[at[t]][0], t, TEXTS[at[t]][1], 0, len(t)) for t in (first, second)
        ]
        claims.append(Claim("", first, ["S1", "S2"], 2, evidence, 0.0))
    tuning = replace(SummaryTuning(), loose_support_weight=loose, near_support_weight=0.0)
    ranked = rank_claims(claims, sources, alignment, voices, tuning)
    return {c.text: c.score for c in ranked}


def test_a_pair_that_are_each_other_s_closest_match_counts_both_voices() -> None:
    assert np.isclose(_scores(0.5)[WALKOUT_A], _scores(1.0)[WALKOUT_A])
    assert np.isclose(_scores(0.5)[PASSENGERS_A], _scores(1.0)[PASSENGERS_A])


def test_a_loose_pair_counts_each_voice_at_the_loose_weight() -> None:
    # 0.55 of the score is corroboration, over two voices: each loose voice loses half of it.
    loss = _scores(1.0)[COMMENT_A] - _scores(0.5)[COMMENT_A]
    assert np.isclose(loss, 0.55 * 2 * 0.5 / 2)


PRINCE = ROOT / "bench" / "gold" / "stories" / "prince-andrew-interview.json"
PAGES = SHARED / "benchmarks" / "article-extraction" / "html"


def _summary(settings: Settings) -> list[str]:
    gold = json.loads(PRINCE.read_text(encoding="utf-8"))
    paths = [str(PAGES / f"{page}.html.gz") for page in gold["ids"]]
    briefing = brief_articles(read(paths, settings).articles, settings).to_dict()
    return [s["text"] for s in briefing["summary"]]


def _states(fact: dict, summary: list[str]) -> bool:
    return any(re.search(fact["pattern"], fold_marks(text), re.I) for text in summary)


@pytest.mark.skipif(not PAGES.is_dir(), reason="the shared benchmarks sit beside the project")
def test_a_real_comment_linked_on_one_word_makes_way_for_the_photo_denial() -> None:
    # Two reports of Prince Andrew's BBC interview: one outlet's comment on Epstein's "sordid
    # crimes" is linked to the other's "any indication of Epstein's crimes … he can't remember",
    # whose closest match is another sentence. Counted as two voices, the comment took the
    # place of the photo denial that both reports state.
    photo = json.loads(PRINCE.read_text(encoding="utf-8"))["facts"][4]
    firm = _summary(Settings())
    loose = _summary(replace(Settings(), summary=replace(SummaryTuning(), loose_support_weight=1)))
    assert _states(photo, firm) and not _states(photo, loose)
    assert not any(t.startswith("Far from clearing his name") for t in firm)
    assert any(t.startswith("Far from clearing his name") for t in loose)
