"""The SQLite store: schema version, WAL, idempotent ingest, stored briefings reprinted."""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

import pytest

from conftest import STORY, run_cli
from storyline.errors import StoreError
from storyline.model import Article
from storyline.store import SCHEMA_VERSION, Store


def test_a_new_store_records_its_schema_and_uses_wal(db: Path) -> None:
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_adding_the_same_article_twice_is_a_no_op(db: Path) -> None:
    article = Article(text="The ferry began running on Wednesday.", title="Ferry")
    with Store(db) as store:
        assert store.add_articles([article]) == 1
        assert store.add_articles([article, Article(text=article.text, path="copy.txt")]) == 0
        assert store.count_articles() == 1


def test_a_store_from_a_newer_storyline_is_refused(db: Path) -> None:
    sqlite3.connect(db).execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this storyline understands"):
        Store(db)


def test_a_failed_transaction_leaves_nothing_behind(db: Path) -> None:
    with Store(db) as store:
        with pytest.raises(RuntimeError), store.transaction():
            store._add_article(Article(text="Half written."))
            raise RuntimeError("interrupted")
        assert store.count_articles() == 0


def test_briefing_twice_stores_one_story_and_no_new_articles(db: Path) -> None:
    first = run_cli("brief", str(STORY), db=db)
    again = run_cli("brief", str(STORY), db=db)
    assert first.code == again.code == 0
    assert "(5 new in" in first.stderr and "(0 new in" in again.stderr
    stories = run_cli("stories", "--format", "json", db=db).json()
    assert len(stories) == 1


def test_stories_lists_and_show_reprints_in_any_format(db: Path) -> None:
    briefed = run_cli("brief", str(STORY), "--format", "json", db=db).json()
    story_id = briefed["story"]["id"]
    listed = run_cli("stories", db=db)
    assert story_id in listed.stdout and "Old Harbour Bridge" in listed.stdout
    shown = run_cli("show", story_id[:6], "--format", "json", db=db).json()
    assert shown["summary"] == briefed["summary"] and shown["claims"] == briefed["claims"]
    page = run_cli("show", story_id, "--format", "html", db=db)
    lead = briefed["summary"][0]["text"][:40]
    assert 'class="sentence' in page.stdout and lead in html.unescape(page.stdout)


def test_show_names_an_unknown_story(db: Path) -> None:
    run_cli("brief", str(STORY), db=db)
    ran = run_cli("show", "zzzz", db=db)
    assert ran.code == 2
    assert "no story 'zzzz'" in ran.stderr and "storyline stories" in ran.stderr
