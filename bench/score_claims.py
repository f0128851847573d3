"""Claim alignment against gold: pairwise precision, recall and F1 of "these two sentences of
different sources state one claim", swept over `claim_floor` (the score at which mutual best
matches link). These are the made-up stories of examples/: the defaults are chosen on real
stories (bench/score_stories.py), and this sweep shows the examples hold up under them.

Gold: bench/gold/<story>.json, `claims[].sentences` ({file, text}) for the story in examples/.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold"


def gold_pairs(gold: dict) -> set[frozenset[tuple[str, str]]]:
    pairs = set()
    for claim in gold["claims"]:
        keys = [(s["file"], s["text"]) for s in claim["sentences"]]
        pairs |= {frozenset(p) for p in combinations(keys, 2)}
    return pairs


def predicted_pairs(briefing, gold: dict) -> set[frozenset[tuple[str, str]]]:
    """Each claim's evidence, named by its gold sentence where it has one, paired up.

    The gold lists every fact told by two or more outlets, so a pair with a sentence outside
    the gold is a false match.
    """
    wanted = [(s["file"], s["text"]) for c in gold["claims"] for s in c["sentences"]]
    files = {src.id: Path(src.article.path.split(":")[0]).name for src in briefing.sources}
    pairs = set()
    for claim in briefing.claims:
        keys = []
        for e in claim.evidence:
            named = [
                w for w in wanted if w[0] == files[e.source] and (w[1] in e.text or e.text in w[1])
            ]
            keys += named or [(files[e.source], e.text)]
        pairs |= {frozenset(p) for p in combinations(set(keys), 2)}
    return pairs


def score(story_dir: Path, gold: dict, thresholds: list[float]) -> None:
    from storyline.pipeline import brief_articles, read
    from storyline.settings import Settings

    articles = read([str(story_dir)], Settings()).articles
    truth = gold_pairs(gold)
    print(f"{story_dir.relative_to(ROOT)}: {len(truth)} gold sentence pairs")
    print("floor      precision  recall  F1")
    for t in thresholds:
        briefing = brief_articles(articles, replace(Settings(), claim_floor=t))
        found = predicted_pairs(briefing, gold)
        tp = len(found & truth)
        p = tp / len(found) if found else 1.0
        r = tp / len(truth) if truth else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{t:9.2f}  {p:9.3f}  {r:6.3f}  {f:.3f}")


def main() -> None:
    thresholds = [0.20, 0.25, 0.30, 0.35, 0.40, 0.45]
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if "claims" not in gold:  # the gold of another scorer (story groups, page authors)
            continue
        story_dir = ROOT / gold["story"]
        if not story_dir.is_dir():
            sys.exit(f"{gold_file}: no story folder {story_dir}")
        score(story_dir, gold, thresholds)


if __name__ == "__main__":
    main()
