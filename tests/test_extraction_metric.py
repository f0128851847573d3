"""The article-extraction benchmark's metric, as bench/extraction.py implements it.

Small hand-made cases, each worked out by hand: word tokens, multisets of 4-token shingles,
per-page TP/FP/FN normalised by their sum, precision and recall averaged over pages.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "bench" / "extraction.py"
_spec = importlib.util.spec_from_file_location("bench_extraction", _PATH)
assert _spec and _spec.loader
metric = importlib.util.module_from_spec(_spec)
sys.modules["bench_extraction"] = metric
_spec.loader.exec_module(metric)


def page_pr(true: str, pred: str) -> tuple[float, float]:
    tp_fp_fn = metric.match(true, pred)
    return metric.precision_score(*tp_fp_fn), metric.recall_score(*tp_fp_fn)


def test_tokens_are_unicode_word_runs() -> None:
    assert metric.tokenize("Don't stop—the café's 3.5% rise!") == [
        "Don",
        "t",
        "stop",
        "the",
        "café",
        "s",
        "3",
        "5",
        "rise",
    ]
    assert metric.tokenize("") == []
    assert metric.tokenize(None) == []


def test_shingles_are_a_multiset_of_four_token_windows() -> None:
    assert metric.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert metric.shingles("x y z w x y z w") == {
        ("x", "y", "z", "w"): 2,
        ("y", "z", "w", "x"): 1,
        ("z", "w", "x", "y"): 1,
        ("w", "x", "y", "z"): 1,
    }
    # Fewer than four tokens make one shorter shingle; no tokens make none.
    assert metric.shingles("only two") == {("only", "two"): 1}
    assert metric.shingles(" ... ") == {}


def test_identical_texts_score_one() -> None:
    text = "The harbour bridge reopened on Friday after eight months of repairs."
    assert page_pr(text, text) == (1.0, 1.0)
    # Punctuation and spacing are not tokens, so they do not count.
    assert page_pr(text, text.replace(" ", "\n").replace(".", "!")) == (1.0, 1.0)


def test_empty_prediction_and_empty_truth_count_one() -> None:
    assert metric.match("", "") == (0.0, 0.0, 0.0)
    assert page_pr("", "") == (1.0, 1.0)
    assert metric.score([metric.match("", "")]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_disjoint_texts_score_zero() -> None:
    assert page_pr("one two three four five", "six seven eight nine ten") == (0.0, 0.0)
    assert metric.evaluate({"p": "one two three four"}, {"p": "five six seven eight"})["f1"] == 0


def test_counts_are_normalised_by_their_sum() -> None:
    # Truth: abcd bcde cdef. Prediction: bcde cdef defx efxy. TP 2, FP 2, FN 1, sum 5.
    tp, fp, fn = metric.match("a b c d e f", "b c d e f x y")
    assert (tp, fp, fn) == pytest.approx((2 / 5, 2 / 5, 1 / 5))
    assert page_pr("a b c d e f", "b c d e f x y") == pytest.approx((1 / 2, 2 / 3))
    # A page ten times as long with the same proportions weighs the same.
    long_true = " ".join(f"t{i}" for i in range(40))
    long_pred = " ".join(f"t{i}" for i in range(20, 60))
    assert sum(metric.match(long_true, long_pred)) == pytest.approx(1.0)


def test_repeated_shingles_count_with_multiplicity() -> None:
    once = "w x y z"
    twice = "w x y z w x y z"  # (w x y z) twice, plus three shingles across the seam
    # Predicting the text twice: the second copy of the shared shingle is a false positive.
    tp, fp, fn = metric.match(once, twice)
    assert (tp, fp, fn) == pytest.approx((1 / 5, 4 / 5, 0.0))
    # Predicting it once when the truth has it twice: the second copy is missed.
    tp, fp, fn = metric.match(twice, once)
    assert (tp, fp, fn) == pytest.approx((1 / 5, 0.0, 4 / 5))
    assert page_pr(twice, once) == pytest.approx((1.0, 1 / 5))


def test_precision_and_recall_are_averaged_over_pages_then_combined() -> None:
    truth = {"a": "one two three four five", "b": "six seven eight nine ten"}
    predicted = {"a": "one two three four five", "b": "six seven eight nine ten x y z"}
    # Page a: P = R = 1. Page b: truth 2 shingles, prediction 5, shared 2 → P 2/5, R 1.
    s = metric.evaluate(truth, predicted)
    assert s["precision"] == pytest.approx((1 + 2 / 5) / 2)
    assert s["recall"] == pytest.approx(1.0)
    assert s["f1"] == pytest.approx(2 * 0.7 * 1.0 / 1.7)


def test_a_page_with_nothing_predicted_counts_in_recall_only() -> None:
    # As the benchmark's script does: precision is averaged over pages with a prediction.
    truth = {"a": "one two three four", "b": "five six seven eight"}
    s = metric.evaluate(truth, {"a": "one two three four", "b": ""})
    assert s["precision"] == 1.0
    assert s["recall"] == pytest.approx(0.5)


# ---------------------------------------------------------------------------------------------
# The extract_html rules this benchmark measured, each on a small made-up page
# ---------------------------------------------------------------------------------------------

_PARAGRAPHS = [
    "The harbour bridge in Portwell reopened to traffic on Friday after eight months of repairs,"
    " the city council said in a statement.",
    "Engineers replaced the worn cables and resurfaced the deck, at a cost of 12 million pounds,"
    " and the work finished two weeks ahead of the schedule agreed last spring.",
    "Buses will return to their old routes from Monday, the transport office said, and the ferry"
    " that ran while the bridge was shut will stop at the end of the month.",
]


def _page(body: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Harbour bridge reopens</title></head><body>"
        f"<nav><a href='/'>Home</a></nav>{body}<footer>About us</footer></body></html>"
    )


def test_extract_html_keeps_table_rows_as_lines() -> None:
    from storyline.extraction import extract_html

    rows = "".join(
        f"<tr><td>{n}</td><td>{name}</td><td>{points}</td></tr>"
        for n, name, points in [(1, "Kyle Busch", 5040), (2, "Martin Truex", 5035)]
    )
    body = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    page = _page(f"<article>{body}<table>{rows}</table></article>")
    text = extract_html(page).text
    assert "1; Kyle Busch; 5040" in text
    assert "2; Martin Truex; 5035" in text


def test_extract_html_drops_sign_off_lines_at_the_end_only() -> None:
    from storyline.extraction import extract_html

    body = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    signoff = (
        "<p>Reporting by Ann Lee; Editing by Tom Brown</p>"
        "<p>Follow us on Twitter and sign up for our newsletter.</p>"
    )
    text = extract_html(_page(f"<article>{body}{signoff}</article>")).text
    assert text.endswith("will stop at the end of the month.")
    assert "Reporting by" not in text and "newsletter" not in text


def test_extract_html_joins_an_article_split_over_sibling_containers() -> None:
    from storyline.extraction import extract_html

    first = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS[:2])
    second = f"<p>{_PARAGRAPHS[2]}</p>"
    page = _page(
        f"<div class='grid'><div class='article__body'>{first}</div></div>"
        "<div class='ad'>Advertisement</div>"
        f"<div class='grid'><div class='article__body'>{second}</div></div>"
    )
    text = extract_html(page).text
    for paragraph in _PARAGRAPHS:
        assert paragraph in text
