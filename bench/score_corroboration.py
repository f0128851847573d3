"""Contradictions and independent-source counts against gold.

For each gold story with `contradictions` (and `independent`):
- contradiction precision / recall: a predicted disagreement matches a gold one when the kinds
  agree and its sides split the files the way the gold's sides do (each predicted side's files
  lie within one gold side, and the two gold sides are both reached);
- independent-count accuracy: for each gold claim, the predicted claim holding most of its
  sentences; its `independent` must equal the gold count.
Prints one table per story; exits 0.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold"


def files_of(briefing: dict) -> dict[str, str]:
    return {s["id"]: Path(s["path"].split(":")[0]).name for s in briefing["sources"]}


def matches(predicted: dict, gold: dict, files: dict[str, str]) -> bool:
    if predicted["kind"] != gold["kind"]:
        return False
    gold_sides = [set(side["files"]) for side in gold["sides"]]
    reached = set()
    for side in predicted["sides"]:
        names = {files[s] for s in side["sources"]}
        homes = [n for n, g in enumerate(gold_sides) if names <= g]
        if not homes:
            return False
        reached.add(homes[0])
    return len(reached) >= 2


def score_contradictions(briefing: dict, gold: dict) -> tuple[int, int, int]:
    files = files_of(briefing)
    predicted, truth = briefing["contradictions"], gold["contradictions"]
    hit_predicted = sum(any(matches(p, g, files) for g in truth) for p in predicted)
    hit_gold = sum(any(matches(p, g, files) for p in predicted) for g in truth)
    return len(predicted), hit_predicted, hit_gold


def score_independent(briefing: dict, gold: dict) -> tuple[int, int]:
    files = files_of(briefing)
    right = 0
    for claim in gold["claims"]:
        wanted = {(s["file"], s["text"]) for s in claim["sentences"]}

        def overlap(c: dict, wanted: set = wanted) -> int:
            return sum(
                any(
                    f == files[e["source"]] and (t in e["text"] or e["text"] in t)
                    for f, t in wanted
                )
                for e in c["evidence"]
            )

        best = max(briefing["claims"], key=overlap)
        right += overlap(best) > 0 and best["independent"] == gold["independent"][claim["id"]]
    return len(gold["claims"]), right


def main() -> None:
    from storyline.pipeline import brief_articles, read
    from storyline.settings import Settings

    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if "contradictions" not in gold:
            continue
        story = ROOT / gold["story"]
        briefing = brief_articles(read([str(story)], Settings()).articles, Settings()).to_dict()
        n_pred, hit_pred, hit_gold = score_contradictions(briefing, gold)
        n_gold = len(gold["contradictions"])
        p = hit_pred / n_pred if n_pred else 1.0
        r = hit_gold / n_gold if n_gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        claims, right = score_independent(briefing, gold)
        print(f"{gold['story']}")
        print(
            f"  contradictions: {n_pred} found, {n_gold} in gold; "
            f"precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}"
        )
        found = ", ".join(f"{c['kind']} ({c['about'][:40]})" for c in briefing["contradictions"])
        print(f"    found: {found}")
        print(f"  independent counts: {right}/{claims} gold claims right ({right / claims:.3f})")


if __name__ == "__main__":
    main()
