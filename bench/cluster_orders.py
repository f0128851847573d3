"""Stories of the labelled pile (score_clusters.py) through `ingest_articles` into a real store,
in several orders: the file order, shuffled orders, and daily batches (one ingest per day, in
date order, the undated in the last batch). Prints, for each, the same-event pairs put together,
cross pairs, B-cubed and pairwise F1, whether sochi-2020 is one whole story, and the adjusted
Rand index of each run against the first shuffled one. Then each labelled same-event group
(and sochi-2020, and each example story) is ingested alone, as someone briefing just those
pages would: how many of its pages land in its largest story, and which fall out.

    python bench/cluster_orders.py [--orders 5]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from itertools import combinations
from math import comb
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from score_clusters import bcubed, labelled_pile, pairwise, stories  # bench/ is no package


def adjusted_rand(a: list[int], b: list[int]) -> float:
    pairs = sum(comb(v, 2) for v in Counter(zip(a, b, strict=True)).values())
    left = sum(comb(v, 2) for v in Counter(a).values())
    right = sum(comb(v, 2) for v in Counter(b).values())
    expected = left * right / comb(len(a), 2)
    top = (left + right) / 2
    return 1.0 if top == expected else (pairs - expected) / (top - expected)


def score(predicted: list[int], labels: list[str]) -> str:
    n = len(labels)
    same = [(i, j) for i, j in combinations(range(n), 2) if labels[i] == labels[j]]
    events = [(i, j) for i, j in same if labels[i].startswith("event:")]
    together = sum(predicted[i] == predicted[j] for i, j in events)
    cross = [
        (i, j)
        for i, j in combinations(range(n), 2)
        if predicted[i] == predicted[j] and labels[i] != labels[j]
    ]
    touching = sum(
        not labels[i].startswith("page:") or not labels[j].startswith("page:") for i, j in cross
    )
    sochi = {predicted[k] for k in range(n) if labels[k] == "sochi-2020"}
    whole = len(sochi) == 1 and predicted.count(next(iter(sochi))) == labels.count("sochi-2020")
    b, p = bcubed(predicted, labels), pairwise(predicted, labels)
    return (
        f"event pairs {together}/{len(events)}  cross {len(cross)} ({touching} with a labelled "
        f"page)  B3-F1 {b[2]:.3f}  pair-F1 {p[2]:.3f}  sochi whole {whole}"
    )


def main() -> None:
    from storyline.pipeline import article_day

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=5)
    args = parser.parse_args()
    articles, labels = labelled_pile()
    n = len(articles)
    runs = {"file order": [list(range(n))]}
    for seed in range(1, args.orders + 1):
        order = list(range(n))
        random.Random(seed).shuffle(order)
        runs[f"shuffled {seed}"] = [order]
    days = [article_day(a) for a in articles]
    by_day: dict = {}
    for k in sorted(range(n), key=lambda k: (days[k] is None, days[k] or 0)):
        by_day.setdefault(days[k], []).append(k)
    runs["daily batches"] = list(by_day.values())
    results = {}
    for name, batches in runs.items():
        results[name] = stories(articles, batches)
        print(f"{name:14} {score(results[name], labels)}", flush=True)
    first = results["shuffled 1"] if "shuffled 1" in results else results["file order"]
    print("adjusted Rand index against shuffled 1:")
    for name, found in results.items():
        print(f"  {name:14} {adjusted_rand(first, found):.3f}")
    groups_alone(articles, labels)


def groups_alone(articles: list, labels: list[str]) -> None:
    """Ingest each labelled group alone; print the pages that miss the group's largest story."""
    whole = total = 0
    for label in dict.fromkeys(label for label in labels if not label.startswith("page:")):
        members = [k for k, found in enumerate(labels) if found == label]
        found = stories([articles[k] for k in members], [list(range(len(members)))])
        story, landed = Counter(found).most_common(1)[0]
        whole += landed
        total += len(members)
        group = [articles[k] for k in members]
        for k, placed in enumerate(found):
            if placed != story:
                a = group[k]
                print(f"  {label}: left out {a.outlet}, {a.published}: {(a.title or '')[:60]}")
                inside = [m for m, other in enumerate(found) if other == story]
                for line in evidence_lines(group, k, inside):
                    print(f"    {line}")
    print(f"groups briefed alone: {whole}/{total} pages in their group's story")


def evidence_lines(group: list, k: int, inside: list[int]) -> list[str]:
    """What consolidation weighs between page `k` of a group ingested alone and each page of
    the story it missed: the cosine of their vectors, the rarity of the anchors they share
    (title, lead, names, quoted passages) and their day gap, with the score they add up to."""
    from storyline.annotate.embeddings import get_backend
    from storyline.cluster import article_vectors
    from storyline.consolidate import link_scores
    from storyline.pipeline import article_day
    from storyline.settings import Settings
    from storyline.store_regions import REGION_TEXT_CHARS
    from storyline.story_evidence import TermNumbers, anchor_rarities, report_evidence

    settings = Settings()
    tuning = settings.stories
    vectors = article_vectors(group, get_backend(settings.embedding_backend).encode)
    terms = TermNumbers()
    anchors = [
        terms.anchors(report_evidence(a.title or "", a.text[:REGION_TEXT_CHARS])) for a in group
    ]
    kinds = anchor_rarities(anchors, tuning.idf_prior)
    centroid = vectors[inside].sum(axis=0)
    cosine = vectors[k] @ centroid / np.linalg.norm(centroid)
    lines = [f"cosine to the story's centroid {cosine:.3f} (joins at {tuning.join_centroid})"]
    days = [article_day(a) for a in group]
    for m in inside:
        pair = np.array([k]), np.array([m])
        shared = [kind.between(*pair) for kind in kinds]
        gap = abs((days[k] - days[m]).days) if days[k] and days[m] else 0
        close = vectors[[k]] @ vectors[m]
        score = link_scores(close, shared, np.array([gap]), tuning, settings.window_days)
        title, lead, names, quoted = (float(rarity[0]) for rarity in shared)
        lines.append(
            f"vs {group[m].outlet}: cosine {float(close[0]):.3f}, shared title {title:.1f} "
            f"lead {lead:.1f} names {names:.1f} passages {quoted:.1f} (each counts up to "
            f"{tuning.anchor_cap:g}), "
            f"{gap} days apart: score {float(score[0]):.3f} (links at {tuning.link_score}, or "
            f"at cosine {tuning.link_cosine})"
        )
    return lines


if __name__ == "__main__":
    main()
