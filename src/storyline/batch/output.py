"""What a batch job writes: its briefings as JSON lines (the `storyline brief --format json`
contract), its articles with their stories as Parquet, its rejects as JSON lines, and, when
asked, a SQLite store that `storyline serve` opens."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..model import Briefing
from .sources import article_of

BRIEFINGS = "briefings.jsonl"
ARTICLES = "articles"  # a folder of Parquet files
REJECTS = "rejects.jsonl"


def write_outputs(out: Path, articles: Any, briefed: Any, rejects: Any, run: Any) -> None:
    out.mkdir(parents=True, exist_ok=True)
    briefed_rows = briefed.take_all()
    bodies = _briefings(briefed_rows)
    with (out / BRIEFINGS).open("w", encoding="utf-8") as lines:
        for body in bodies:
            contract = Briefing.from_dict(body).to_dict()
            lines.write(json.dumps(contract, ensure_ascii=False) + "\n")
    articles.drop_columns(["vector"]).write_parquet(str(out / ARTICLES))
    found = rejects.take_all()
    with (out / REJECTS).open("w", encoding="utf-8") as lines:
        for r in sorted(found, key=lambda r: (r["unit"], r["item"])):
            reject = {"input": r["path"], "stage": r["stage"], "reason": r["reason"]}
            lines.write(json.dumps(reject, ensure_ascii=False) + "\n")
    run.articles = articles.count()
    run.rejects = len(found)
    run.briefings = len(bodies)
    run.briefing_cpu = sum(r["cpu"] for r in briefed_rows)
    run.briefing_processes = len({r["process"] for r in briefed_rows})


def load_store(path: Path, articles: Any, briefed: Any) -> None:
    """Put the job's articles, stories and briefings into a SQLite store, in reading order."""
    from ..store import Store

    rows = sorted(articles.take_all(), key=lambda r: (r["unit"], r["item"]))
    with Store(path) as store, store.transaction():
        story_of: dict[str, int] = {}
        for r in rows:
            day = date.fromisoformat(r["day"]) if r["day"] else None
            vector = np.asarray(r["vector"], dtype=np.float32)
            article_id, _ = store.add_article(article_of(r), day, vector)
            if r["story"] not in story_of:
                story_of[r["story"]] = store.add_story(article_id, day, key=r["story"])
            store.join_story(story_of[r["story"]], article_id, vector, day)
    with Store(path) as store:
        for body in _briefings(briefed.take_all()):
            store.save_briefing(Briefing.from_dict(body))


def _briefings(briefed_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = sorted(briefed_rows, key=lambda r: (-r["articles"], r["story"]))
    return [json.loads(r["briefing"]) for r in rows if r["briefing"]]
