"""Anchors two reports of one fact share: rare words and figures, weighted within the story."""

from __future__ import annotations

from storyline.annotate.words import (
    common_terms,
    content_words,
    fact_terms,
    rare_words,
    term_overlap,
)
from storyline.settings import ClaimTuning

ZIPF = ClaimTuning().anchor_zipf
RARE = ClaimTuning().vivid_zipf


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


def test_a_closing_quote_is_not_part_of_a_word() -> None:
    assert "lung" in content_words("doctors called it 'Brindle Pillow Lung'") & content_words(
        "the patient's lung was scarred"
    )


def anchors(text: str) -> frozenset[str]:
    return fact_terms(text) - common_terms(text, ZIPF)


def test_words_common_in_english_are_no_anchors() -> None:
    first = "The ferry ran late for so many years, for no good reason."
    second = "After years of delays the ferry operator gave a reason."
    assert {"years", "reaso"} <= fact_terms(first) & fact_terms(second)
    assert not {"years", "reaso"} & (anchors(first) | anchors(second))
    assert "ferry" in anchors(first) & anchors(second)  # a rarer word still is one


def test_a_stem_of_a_common_and_a_rare_word_does_not_meet() -> None:
    # "public" and "publicist" both give "publi"; only the publicist is specific.
    assert "publi" not in anchors("The public was told on Friday.")
    assert "publi" in anchors("Her publicist was told on Friday.")


def test_names_and_what_a_figure_counts_stay_anchors() -> None:
    assert {"mark", "brown"} <= anchors("The ferry was steered by Mark Brown.")
    # "minutes" is common, but it is the unit of 10 and 15: two sides of one figure meet by it.
    assert "minut" in anchors("He was freed after 10 minutes.") & anchors(
        "Crews freed him after 15 minutes."
    )


def test_a_sentence_not_in_english_keeps_every_word_an_anchor() -> None:
    text = "Die Regierung hat am Montag neue Regeln für den Handel beschlossen."
    assert common_terms(text, ZIPF) == frozenset()
    assert common_terms(text, 99.0) == frozenset()


def test_words_rare_in_english_name_one_thing() -> None:
    found = rare_words(
        [
            "He said the long shift left him sweating.",
            "The cook could not sweat, he said.",
            "Her kayak crew crossed the bay in 40 minutes.",
        ],
        RARE,
    )
    assert "sweat" in found[0] & found[1]  # "sweating" (3.7) and "sweat" (4.1)
    assert "kayak" in found[2]
    assert not {"shift", "cook", "cross", "#40", "minut"} & (found[0] | found[1] | found[2])


def test_a_term_is_rare_only_if_its_commonest_form_is() -> None:
    # "oceans" (3.8) and "ocean-going" give "ocean", but "ocean" itself is common (4.7);
    # "crossed" (4.35) is a form of "cross" (5.0), "stressed" (4.2) of "stress" (4.7).
    found = rare_words(
        [
            "Two oceans meet at the cape.",
            "An ocean-going tug sank.",
            "The ocean rose.",
            "The mayor stressed it was urgent.",
        ],
        RARE,
    )
    assert "stres" not in found[3]
    assert not any("ocean" in f for f in found)
    assert "tug" in found[1]


def test_names_and_other_languages_give_no_rare_words() -> None:
    assert rare_words(["Minister Brindlewick arrived with Pellham."], RARE) == [frozenset()]
    assert rare_words(["Die Fähre ist im Hafen gesunken."], RARE) == [frozenset()]
