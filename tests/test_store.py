"""The SQLite store: schema version and upgrades, WAL, idempotent ingest, skipped inputs kept,
stored briefings reprinted."""

from __future__ import annotations

import html
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import STORY, run_cli
from storyline.errors import StoreError
from storyline.model import Article, Reject
from storyline.pipeline import ingest, ingest_parsed
from storyline.settings import Settings
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


# The tables that hold data as schema version 2 made them, one row in each; `watch` added
# fetch_state on its own then. The script adds the rest (search index, triggers) on opening.
_VERSION_2 = """
CREATE TABLE articles (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, path TEXT, url TEXT,
    outlet TEXT, title TEXT, published TEXT, author TEXT, text TEXT NOT NULL,
    words INTEGER NOT NULL, added TEXT NOT NULL, day TEXT, story INTEGER REFERENCES stories(id),
    vector BLOB);
CREATE TABLE stories (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    size INTEGER NOT NULL, vsum BLOB NOT NULL, first_day TEXT NOT NULL, last_day TEXT NOT NULL,
    updated TEXT NOT NULL);
CREATE TABLE briefings (id TEXT PRIMARY KEY, title TEXT NOT NULL, start TEXT, "end" TEXT,
    sources INTEGER NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE fetch_state (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,
    checked TEXT NOT NULL);
INSERT INTO stories VALUES (1, 'a1b2c3d4e5f6', 'Ferry', 1, x'', '2024-05-01', '2024-05-01', 'now');
INSERT INTO articles (hash, outlet, text, words, added, story)
    VALUES ('h1', 'Harbour Gazette', 'The ferry runs again.', 4, 'now', 1);
INSERT INTO fetch_state VALUES ('https://example.org/feed.xml', '"v1"', NULL, 'now');
PRAGMA user_version=2;
"""


@pytest.mark.parametrize("watched", [True, False], ids=["watched", "never-watched"])
def test_a_store_of_schema_2_opens_upgraded_with_its_data(db: Path, watched: bool) -> None:
    script = _VERSION_2 if watched else _VERSION_2.replace("fetch_state", "unrelated")
    old = sqlite3.connect(db)
    old.executescript(script)
    old.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
        assert store.count_articles() == 1
        [story] = store.stories()
        assert (story.id, story.outlets) == ("a1b2c3d4e5f6", ["Harbour Gazette"])
        state = store.fetch_state("https://example.org/feed.xml")
        assert state == ('"v1"', None) if watched else state is None
        assert store.rejects() == []
        store.add_rejects([Reject("a.txt", "read", "empty file")])
        store.save_fetch_state({"https://example.org/feed.xml": ("v2", "Wed, 01 May 2024")})
    with Store(db) as again:
        assert [reject for reject, _ in again.rejects()] == [Reject("a.txt", "read", "empty file")]
        assert again.fetch_state("https://example.org/feed.xml") == ("v2", "Wed, 01 May 2024")


def test_a_store_of_schema_3_gets_its_articles_indexed_by_story_and_day(db: Path) -> None:
    with Store(db) as store:
        store.add_articles([Article(text="The ferry began running on Wednesday.")])
    old = sqlite3.connect(db)  # as version 3 made it: articles indexed by story alone
    old.executescript(
        "DROP INDEX articles_story_day; CREATE INDEX articles_story ON articles(story);"
        "PRAGMA user_version=3;"
    )
    old.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        indexes = {
            row[0]
            for row in store.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles'"
                " AND sql IS NOT NULL"
            )
        }
        assert store.count_articles() == 1
    assert indexes == {"articles_story_day"}


def test_an_ingest_keeps_its_skipped_inputs_and_their_reasons(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    shutil.copytree(STORY, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with Store(db) as store:
        run = ingest([str(folder)], Settings(), store)
    assert run.new == 5 and run.exit_code == 1
    with Store(db) as store:
        assert store.count_articles() == 5
        kept = store.rejects()
    assert [reject for reject, _ in kept] == [
        Reject(str(folder / "empty.txt"), "read", "empty file"),
        Reject(str(folder / "photo.txt"), "decode", "binary file, not text, HTML or JSON"),
    ]
    assert all(datetime.fromisoformat(when).tzinfo is not None for _, when in kept)


def test_a_failed_transaction_leaves_nothing_behind(db: Path) -> None:
    with Store(db) as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.add_article(Article(text="Half written."))
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


def test_an_article_stored_without_a_vector_joins_a_story_when_ingested(db: Path) -> None:
    article = Article(
        text="The ferry began running on Wednesday while engineers tested the bridge.",
        title="Ferry runs while the bridge is tested",
        published="2026-11-04",
    )
    with Store(db) as store:
        assert store.add_articles([article]) == 1  # kept bare: no vector, no story
        run = ingest_parsed([article], Settings(), store)
        assert (run.new, run.known, len(run.stories)) == (0, 1, 1)
        [row] = store.stories()
        assert row.size == 1 and row.start == "2026-11-04"


def test_the_live_stories_are_read_through_their_last_days_in_id_order(db: Path) -> None:
    import numpy as np

    days = [date(2026, 11, d) for d in (1, 9, 2, 8, 9)]  # story ids in this order
    queries: list[str] = []
    with Store(db) as store:
        with store.transaction():
            for n, day in enumerate(days):
                text = f"Report {n}: the ferry ran again on day {day.day}."
                article_id, _ = store.add_article(Article(text=text), day, np.ones(4, "float32"))
                store.join_story(store.add_story(article_id, day), article_id, np.ones(4), day)
        store.db.set_trace_callback(queries.append)
        live = [story for story, _, _, _ in store.live_stories(date(2026, 11, 8))]
        store.db.set_trace_callback(None)
        [query] = queries
        plan = " ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {query}"))
    assert live == [2, 4, 5]
    # every story ever made, read to spare a sort of the live ones, made each read grow
    assert "USING INDEX stories_last_day" in plan and "SCAN stories" not in plan
