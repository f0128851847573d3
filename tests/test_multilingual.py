"""Pages in other languages, scripts and encodings: the article body is extracted whole, in the
source's own characters, read from files whatever their encoding, and split into sentences at
the sentence ends of its script. The pages are written for these tests (tests/test_pages.py);
the last tests read real pages of the article-extraction benchmark where it is present."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import storyline
from conftest import SHARED
from storyline.annotate.sentences import split_sentences
from storyline.extraction import extract_html
from storyline.inputs.charset import decode, encoding_of
from storyline.inputs.files import read_inputs
from storyline.model import Article, Reject
from test_pages import (
    AR_PARAGRAPHS,
    AR_TITLE,
    BN_PARAGRAPHS,
    BN_TITLE,
    FERRY_PARAGRAPHS,
    FR_PARAGRAPHS,
    FR_TITLE,
    JA_PARAGRAPHS,
    JA_TITLE,
    RU_PARAGRAPHS,
    RU_TITLE,
    ZH_PARAGRAPHS,
    ZH_TITLE,
    hover_card_page,
    page,
    teaser_page,
)

LANGUAGES = {
    "zh": (ZH_TITLE, ZH_PARAGRAPHS),
    "bn": (BN_TITLE, BN_PARAGRAPHS),
    "ar": (AR_TITLE, AR_PARAGRAPHS),
    "ru": (RU_TITLE, RU_PARAGRAPHS),
    "ja": (JA_TITLE, JA_PARAGRAPHS),
    "fr": (FR_TITLE, FR_PARAGRAPHS),
}


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_body_is_extracted_whole_in_its_own_characters(lang: str) -> None:
    title, paragraphs = LANGUAGES[lang]
    article = extract_html(page(title, paragraphs, lang), url=f"https://news.example/{lang}/1")
    assert article.title == title
    assert article.text == "\n\n".join(paragraphs)


def test_a_chinese_paragraph_that_opens_with_the_title_is_kept() -> None:
    # No spaces: the whole paragraph is one "word" and holds the title, as a headline would.
    assert ZH_PARAGRAPHS[0].startswith(ZH_TITLE)
    article = extract_html(page(ZH_TITLE, ZH_PARAGRAPHS, "zh", heading=False))
    assert article.text == "\n\n".join(ZH_PARAGRAPHS)
    article = extract_html(page(ZH_TITLE, ZH_PARAGRAPHS[:1], "zh", heading=False))
    assert article.text == ZH_PARAGRAPHS[0]


def test_a_bengali_article_whose_sentences_end_in_vowel_signs_is_read() -> None:
    # "থাকবে।": the letter before the danda is a vowel sign, which `\w` does not match.
    article = extract_html(page(BN_TITLE, BN_PARAGRAPHS[:2], "bn"))
    assert article.text == "\n\n".join(BN_PARAGRAPHS[:2])


@pytest.mark.parametrize(
    ("lang", "ends"),
    [("zh", "。！？"), ("bn", "।"), ("ja", "。"), ("ar", ".؟")],
)
def test_sentences_end_at_their_scripts_full_stops(lang: str, ends: str) -> None:
    text = "\n\n".join(LANGUAGES[lang][1])
    sentences = split_sentences("S1", text)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    stops = sum(text.count(mark) for mark in ends)
    assert len(sentences) == stops
    assert all(s.text.rstrip("」”’")[-1] in ends for s in sentences)


def test_quotes_dashes_and_apostrophes_stay_as_written() -> None:
    article = extract_html(page(RU_TITLE, RU_PARAGRAPHS, "ru"))
    assert "«Автобусы пойдут через новый мост, а в часы пик мы добавим рейсы», — сказал" in (
        article.text
    )
    article = extract_html(page(FR_TITLE, FR_PARAGRAPHS, "fr"))
    assert "« Les bus passeront" in article.text and "l’adjoint" in article.text


# ---------------------------------------------------------------------------------------------
# Files in other encodings
# ---------------------------------------------------------------------------------------------


def _read(path: Path) -> Article | Reject:
    [item] = read_inputs([str(path)], max_bytes=10_000_000)
    return item


@pytest.mark.parametrize(
    ("name", "lang", "encoding"),
    [
        ("ru.txt", "ru", "windows-1251"),
        ("ru.html", "ru", "windows-1251"),
        ("ja.html", "ja", "shift_jis"),
        ("fr.html", "fr", "latin-1"),
        ("fr.txt", "fr", "cp1252"),  # what servers that say latin-1 often send
        ("zh.html", "zh", "utf-16"),  # with its byte-order mark
        ("ar.html", "ar", "utf-8"),
    ],
)
def test_files_are_read_in_their_own_encoding_without_a_meta_charset(
    tmp_path: Path, name: str, lang: str, encoding: str
) -> None:
    title, paragraphs = LANGUAGES[lang]
    if encoding == "latin-1":  # it has no curly apostrophe
        paragraphs = [p.replace("’", "'") for p in paragraphs]
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_bytes("\n\n".join([title, *paragraphs]).encode(encoding))
    else:
        path.write_bytes(page(title, paragraphs, lang, charset=None).encode(encoding))
    article = _read(path)
    assert isinstance(article, Article), article
    assert article.title == title
    assert article.text == "\n\n".join(paragraphs)


def test_a_binary_file_is_still_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    reject = _read(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "binary file, not text, HTML or JSON"


# ---------------------------------------------------------------------------------------------
# Teasers and hover cards
# ---------------------------------------------------------------------------------------------


def test_a_teaser_in_the_body_container_gives_way_to_the_article() -> None:
    article = extract_html(teaser_page(), url="https://valleypost.example/ferry")
    assert all(p in article.text for p in FERRY_PARAGRAPHS)
    assert "inbox" not in article.text


def test_an_inline_hover_card_is_dropped_and_the_sentence_kept() -> None:
    article = extract_html(hover_card_page())
    assert article.text.startswith(
        "Harbour Mayor Ada Brenn (Ind.) is defending the town’s plan to close the old bridge"
    )
    assert "Ada Maria Brenn" not in article.text and "MORE" not in article.text
    assert all(p in article.text for p in FERRY_PARAGRAPHS[:6])


BENCHMARK = SHARED / "benchmarks" / "article-extraction" / "html"
THE_HILL = "156770d676ce79905198e1c8407f81e5ecfb617d9aa44712718707eb7e3b8e38"


@pytest.mark.skipif(not BENCHMARK.is_dir(), reason="the article-extraction benchmark is absent")
def test_a_real_page_keeps_its_curly_quotes_and_loses_its_hover_card() -> None:
    html = gzip.decompress((BENCHMARK / f"{THE_HILL}.html.gz").read_bytes()).decode()
    article = extract_html(html, url="https://thehill.com/homenews/news/471033")
    assert article.text.startswith(
        "South Dakota Gov. Kristi Noem (R) is defending the state’s launch of an anti-drug "
        "campaign with the slogan “Meth, we’re on it.”"
    )
    assert "Kristi Lynn Noem" not in article.text


def test_an_untitled_chinese_report_names_its_story_by_its_first_sentence(tmp_path: Path) -> None:
    text = "\n\n".join(ZH_PARAGRAPHS[1:] + ZH_PARAGRAPHS[:1])
    record = {"text": text, "url": "https://hegu.example/bridge"}
    (tmp_path / "untitled.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n")
    storyline.ingest([str(tmp_path / "untitled.jsonl")], store=tmp_path / "store.db")
    [story] = storyline.stories(store=tmp_path / "store.db")
    assert story.title == ZH_PARAGRAPHS[1].split("。")[0] + "。"


@pytest.mark.parametrize("label", ["idna", "punycode", "unicode_escape", "utf-7"])
def test_a_plain_ascii_page_declaring_a_codec_that_is_no_charset_is_read_as_utf8(
    label: str,
) -> None:
    # Plain ASCII decodes strictly in these Python codecs, but idna refuses the "replace" handler
    # a page is read with, and unicode_escape would rewrite the page's backslashes.
    page = f'<html><head><meta charset="{label}"></head><body><p>C:\\new road \\u0041</p>'
    assert encoding_of(page.encode()) == "utf-8"
    assert "road \\u0041" in decode(page.encode())
