"""Reading inputs: formats, folders, stdin, metadata, and rejects as data."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from conftest import STORY, run_cli
from storyline.extraction import outlet_from_url
from storyline.inputs.files import read_inputs
from storyline.model import Article, Reject

LIMIT = 10_000_000
STORY_TEXT = (
    "Ferry fares rise in Porthaven\n\n"
    "The Porthaven ferry company raised its fares by ten percent on Monday.\n\n"
    "Commuters said the rise would cost them more than forty euros a month."
)


def read(*inputs: str, stdin: bytes | None = None) -> list[Article | Reject]:
    return list(read_inputs(inputs, LIMIT, stdin=io.BytesIO(stdin or b"")))


def test_a_text_file_takes_its_headline_as_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY_TEXT)
    [article] = read(str(tmp_path / "a.txt"))
    assert article.title == "Ferry fares rise in Porthaven"
    assert article.text.startswith("The Porthaven ferry company")
    assert article.outlet is None and article.published is None


def test_html_is_recognised_by_content_whatever_the_suffix(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Fares rise</title>"
        '<meta property="og:site_name" content="Porthaven Post"></head><body>'
        "<nav>Home | News | Sport</nav><article><h1>Fares rise</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY_TEXT.split("\n\n")[1:])
        + "</article><footer>All rights reserved.</footer></body></html>"
    )
    (tmp_path / "saved-page.txt").write_text(page)
    [article] = read(str(tmp_path / "saved-page.txt"))
    assert "<p>" not in article.text and "ten percent" in article.text
    assert article.outlet == "Porthaven Post"


def test_json_and_jsonl_records_keep_their_metadata(tmp_path: Path) -> None:
    record = {
        "title": "Fares rise",
        "body": STORY_TEXT.split("\n\n", 1)[1],
        "url": "https://www.porthaven-post.example/fares",
        "published": "2026-03-02",
    }
    (tmp_path / "one.json").write_text(json.dumps(record))
    (tmp_path / "many.jsonl").write_text(
        json.dumps(record) + "\n{not json\n" + json.dumps({}) + "\n"
    )
    items = read(str(tmp_path / "one.json"), str(tmp_path / "many.jsonl"))
    articles = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(articles) == 2
    assert articles[0].outlet == "porthaven-post.example"  # from the URL's host
    assert articles[0].published == "2026-03-02" and articles[0].title == "Fares rise"
    assert [r.input for r in rejects] == [f"{tmp_path}/many.jsonl:2", f"{tmp_path}/many.jsonl:3"]
    assert "invalid JSON line" in rejects[0].reason and "no `text` or `body`" in rejects[1].reason


def test_a_folder_is_read_recursively_without_its_readme(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(STORY_TEXT)
    (tmp_path / "README.md").write_text("# About this folder\n\nNot a report.")
    (tmp_path / ".hidden.txt").write_text(STORY_TEXT)
    (tmp_path / "b.md.gz").write_bytes(gzip.compress(STORY_TEXT.replace("ten", "five").encode()))
    items = read(str(tmp_path))
    assert [Path(i.path).name for i in items] == ["b.md.gz", "a.txt"]


def test_standard_input_is_read_with_a_dash() -> None:
    [article] = read("-", stdin=STORY_TEXT.encode())
    assert article.path == "-" and "ten percent" in article.text


def test_stdin_through_the_cli(db: Path) -> None:
    stories = list(STORY.glob("*.txt"))
    ran = run_cli(
        "brief", "-", str(stories[0]), "--format", "json", stdin=stories[1].read_bytes(), db=db
    )
    assert ran.code == 0, ran.stderr
    assert ran.json()["sources"][0]["path"] == "-"


def test_the_same_article_twice_in_one_batch_counts_once(db: Path) -> None:
    file = str(next(STORY.glob("*.txt")))
    ran = run_cli("brief", str(STORY), file, "--format", "json", db=db)
    assert ran.code == 0
    assert len(ran.json()["sources"]) == 5 and "1 duplicates" in ran.stderr


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://www.example.org/a") == "example.org"
    assert outlet_from_url(None) is None and outlet_from_url("not a url") is None
