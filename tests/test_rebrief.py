"""A process that has briefed before keeps what it read (sentences, entities, embeddings) and
briefs exactly as a new process would: a story again, and a story that has grown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import STORY

SCRIPT = """
import json, sys
from storyline.inputs.files import read_inputs
from storyline.pipeline import brief_articles
from storyline.settings import Settings

articles = list(read_inputs([sys.argv[1]], 10_000_000))
out = []
for n in map(int, sys.argv[2:]):
    out.append(brief_articles(articles[:n], Settings()).to_dict())
print(json.dumps(out))
"""


def _briefings(story: Path, *sizes: int, hash_seed: str | None = None) -> list[dict]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed} if hash_seed else None
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(story), *map(str, sizes)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(done.stdout)


def test_a_story_grown_or_briefed_again_is_briefed_as_by_a_new_process(sochi: Path) -> None:
    [fresh] = _briefings(sochi, 5)
    smaller, grown, again = _briefings(sochi, 4, 5, 5)
    assert grown == fresh and again == fresh
    assert smaller != fresh


def test_the_briefing_does_not_follow_the_processs_hash_seed(sochi: Path) -> None:
    # Sets of strings iterate in an order that differs per process; nothing may lean on it.
    for story in (sochi, STORY):
        assert _briefings(story, 99, hash_seed="1") == _briefings(story, 99, hash_seed="2")
