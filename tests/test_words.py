"""Anchors two reports of one fact share: rare words and figures, weighted within the story."""

from __future__ import annotations

from storyline.annotate.words import content_words, fact_terms, term_overlap


def test_figures_meet_across_rounding_and_words() -> None:
    assert {"#129"} <= fact_terms("The bundle costs $129.99.") & fact_terms("It costs $129.")
    assert "#10" in fact_terms("a $9.99 monthly fee") & fact_terms("a $10 monthly fee")
    assert "#10" in fact_terms("ten workers were hurt") & fact_terms("10 workers were hurt")


def test_word_forms_and_transliterations_meet() -> None:
    assert content_words("the bridge closed") & content_words("they close the bridge") >= {"close"}
    assert "lukas" in content_words("Lukashenko") & content_words("Lukashenka")


def test_words_every_report_uses_weigh_nothing() -> None:
    terms = [
        fact_terms("The Portmere pier closed after a crane collapsed."),
        fact_terms("The Portmere pier reopens in March, the council said."),
        fact_terms("A crane collapsed onto the Portmere pier."),
        fact_terms("The Portmere pier is popular with anglers."),
    ]
    overlap = term_overlap(terms, ["S1", "S2", "S3", "S4"])
    # "Portmere" and "pier" are in every sentence: only the crane's collapse ties 1 and 3.
    assert overlap[0, 2] > 0.3
    assert overlap[0, 1] == 0.0 and overlap[1, 3] == 0.0
    assert overlap[0, 0] == 0.0  # a sentence is not compared with itself


def test_sentences_of_one_source_are_not_compared() -> None:
    terms = [fact_terms("A crane collapsed."), fact_terms("A crane collapsed again.")]
    assert term_overlap(terms, ["S1", "S1"])[0, 1] == 0.0
