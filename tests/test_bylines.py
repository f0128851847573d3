"""Authors: bylines cleaned down to names, read from pages, and kept through to the briefing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storyline.bylines import clean_byline
from storyline.extraction import extract_html
from storyline.inputs.convert import record_article
from storyline.model import Article
from storyline.store import SCHEMA_VERSION, Store

BODY = (
    "<p>The Harrowgate ferry will run an extra evening crossing from Monday, the operator said "
    "on Friday, after months of complaints about crowded boats.</p>"
    "<p>The new sailing leaves the east pier at half past nine and returns forty minutes later, "
    "the operator said, and season tickets will cover it at no extra cost.</p>"
)


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Ines Okafor", "Ines Okafor"),
        ("Ines Okafor, Staff Writer", "Ines Okafor"),
        ("Ines Okafor Senior Contributor Opinions expressed are her own", "Ines Okafor"),
        ("Ines Okafor and Per Vang", "Ines Okafor; Per Vang"),
        ("Ines Okafor; Harbour Gazette", "Ines Okafor"),  # the outlet after the name
        ("Ines Okafor Harbour Gazette", "Ines Okafor"),
        ("INES OKAFOR; PER VANG Associated Press", "Ines Okafor; Per Vang"),
        ("Ines Okafor Monday, November 18, 2019", "Ines Okafor"),
        ("Ines Okafor Published 6:00 a.m.", "Ines Okafor"),
        ("Ines Okafor is a reporter covering the coast", "Ines Okafor"),
        ("Ines Okafor Ines Okafor", "Ines Okafor"),  # printed twice
        ("Ines Okafor; Ines M. Okafor", "Ines M. Okafor"),  # one person, the fuller name kept
        ("Ines Okafor, MS, RDN", "Ines Okafor"),  # credentials
        ("Ines Okafor inesok com", "Ines Okafor"),  # an address's remains
        ("Associated Press", "Associated Press"),  # an agency standing alone is the credit
        ("Harbour Gazette Sport", "Harbour Gazette Sport"),  # so is a desk of the outlet
        ("Gazette Weekend Desk", "Gazette Weekend Desk"),
    ],
)
def test_clean_byline_keeps_the_names(raw: str, names: str) -> None:
    assert clean_byline(raw, ("Harbour Gazette", "harbourgazette.example", "harbourgazette")) == (
        names
    )


@pytest.mark.parametrize(
    "raw",
    [
        "admin",
        "Jdadmin",
        "kevin-o",  # a URL slug
        "Regan",  # a first name alone names nobody a reader can look up
        "Harbour Gazette",  # the site credits itself
        "Monday November",
        "AP Auto Writer",  # a job title only
        "Colin Rust commented on",  # a comment widget
        "",
        None,
    ],
)
def test_clean_byline_drops_what_is_no_name(raw: str | None) -> None:
    assert clean_byline(raw, ("Harbour Gazette", "harbourgazette.example")) is None


def test_a_huge_byline_is_read_for_twenty_names_at_most() -> None:
    byline = "; ".join(f"Ines {chr(65 + n % 26)}{chr(97 + n // 26 % 26)}ko" for n in range(50_000))
    names = clean_byline(byline)
    assert names is not None and len(names.split("; ")) == 20


def page(head: str = "", byline: str = "") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Extra ferry crossing</title>'
        f'<meta property="og:site_name" content="Harbour Gazette">{head}</head><body>'
        f"<article><h1>Extra ferry crossing</h1>{byline}{BODY}</article></body></html>"
    )


def test_extract_html_reads_the_author_from_meta_tags() -> None:
    article = extract_html(page('<meta name="author" content="Ines Okafor">'))
    assert article.author == "Ines Okafor"


def test_extract_html_reads_json_ld_authors() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Extra ferry crossing",
        "author": [
            {"@type": "Person", "name": "Ines Okafor"},
            {"@type": "Person", "name": "Per Vang"},
        ],
    }
    script = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    assert extract_html(page(script)).author == "Ines Okafor; Per Vang"


def test_extract_html_reads_the_visible_byline_when_the_markup_names_nobody() -> None:
    byline = (
        '<div class="byline">By <a rel="author" href="/p/vang">Per Vang</a>, Staff Writer</div>'
    )
    article = extract_html(page(byline=byline))
    assert article.author == "Per Vang"
    assert "Staff Writer" not in article.text


def test_extract_html_gives_no_author_where_the_page_names_none() -> None:
    assert extract_html(page()).author is None
    assert extract_html(page('<meta name="author" content="Harbour Gazette">')).author is None


def test_json_records_take_an_author_name_or_a_list() -> None:
    text = "Extra ferry crossing\n\n" + "The Harrowgate ferry will run an extra crossing, it said."
    one = record_article({"text": text, "author": "Ines Okafor"}, "a.json:1")
    assert one.author == "Ines Okafor"
    many = record_article({"text": text, "authors": [{"name": "Ines Okafor"}, "Per Vang"]}, "a:2")
    assert many.author == "Ines Okafor; Per Vang"


def test_a_store_of_schema_1_gains_the_author_column_and_keeps_its_articles(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    old = sqlite3.connect(db)
    # The articles table as schema version 1 made it, with one article stored.
    old.executescript(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, path TEXT,"
        " url TEXT, outlet TEXT, title TEXT, published TEXT, text TEXT NOT NULL,"
        " words INTEGER NOT NULL, added TEXT NOT NULL, day TEXT, story INTEGER, vector BLOB);"
        "INSERT INTO articles (hash, text, words, added) VALUES ('h1', 'Old text.', 2, 'now');"
        "PRAGMA user_version=1;"
    )
    old.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.count_articles() == 1
        assert store.add_articles([Article(text="New text here.", author="Per Vang")]) == 1
        authors = [r[0] for r in store.db.execute("SELECT author FROM articles ORDER BY id")]
    assert authors == [None, "Per Vang"]
