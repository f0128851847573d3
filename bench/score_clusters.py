"""Story clustering against a labelled pile of real articles: B-cubed and pairwise P/R/F1.

The pile: the five sochi-2020 reports (one story), the 181 pages of the article-extraction
benchmark (each its own story, except the groups listed in bench/gold/pile-groups.json: the
pages were fetched within three days in November 2019 and several outlets covered one event),
and the project's example stories (one story per folder). The pile goes through
`ingest_articles` into a real store, as `storyline ingest` takes it (online assignment, then
consolidation), in several shuffled orders; then the link score of consolidation is swept.

    python bench/score_clusters.py [--orders 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def labelled_pile() -> tuple[list, list[str]]:
    from storyline.pipeline import read
    from storyline.settings import Settings

    articles, labels = [], []
    parts = [(SHARED / "corpus" / "sochi-2020", "sochi-2020")]
    parts += [
        (folder, folder.name) for folder in sorted((ROOT / "examples").iterdir()) if folder.is_dir()
    ]
    for folder, label in parts:
        found = read([str(folder)], Settings()).articles
        articles += found
        labels += [label] * len(found)
    groups = json.loads((ROOT / "bench" / "gold" / "pile-groups.json").read_text())["groups"]
    event_of = {page: f"event:{n}" for n, g in enumerate(groups) for page in g["pages"]}
    pages = read([str(SHARED / "benchmarks" / "article-extraction" / "html")], Settings()).articles
    articles += pages
    for a in pages:
        page = Path(a.path or "").name[:16]
        labels.append(event_of.get(page, f"page:{page}"))
    return articles, labels


def bcubed(predicted: list[int], truth: list[str]) -> tuple[float, float, float]:
    size_p, size_t = Counter(predicted), Counter(truth)
    both = Counter(zip(predicted, truth, strict=True))
    n = len(truth)
    precision = sum(both[(p, t)] / size_p[p] for p, t in zip(predicted, truth, strict=True)) / n
    recall = sum(both[(p, t)] / size_t[t] for p, t in zip(predicted, truth, strict=True)) / n
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: list[int], truth: list[str]) -> tuple[float, float, float]:
    pairs_p = {
        (i, j) for i, j in combinations(range(len(truth)), 2) if predicted[i] == predicted[j]
    }
    pairs_t = {(i, j) for i, j in combinations(range(len(truth)), 2) if truth[i] == truth[j]}
    tp = len(pairs_p & pairs_t)
    precision = tp / len(pairs_p) if pairs_p else 1.0
    recall = tp / len(pairs_t) if pairs_t else 1.0
    return precision, recall, _f1(precision, recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def stories(articles: list, batches: list[list[int]], settings=None) -> list[int]:
    """The story of each article after ingesting `batches` (lists of positions) in turn into a
    new store; every article must be in some batch."""
    from storyline.pipeline import ingest_articles
    from storyline.settings import Settings
    from storyline.store import Store

    settings = settings or Settings()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "pile.db") as store:
        for batch in batches:
            ingest_articles([articles[k] for k in batch], settings, store)
        found = store.articles_by_hash([a.content_hash for a in articles])
        return store.stories_of([found[a.content_hash][0] for a in articles])


def remember_vectors(settings) -> None:
    """Let the process's embedding backend keep each text's row: every order and setting
    embeds the same texts."""
    from storyline.annotate.embeddings import get_backend

    backend = get_backend(settings.embedding_backend, settings.threads)
    encode, rows = backend.encode, {}

    def remembered(texts):
        missing = [t for t in dict.fromkeys(texts) if t not in rows]
        if missing:
            rows.update(zip(missing, encode(missing), strict=True))
        return np.stack([rows[t] for t in texts]) if texts else encode(texts)

    backend.encode = remembered


def scores(predicted: list[int], labels: list[str]) -> str:
    b, p = bcubed(predicted, labels), pairwise(predicted, labels)
    return (
        f"{b[0]:.3f}  {b[1]:.3f}  {b[2]:.3f}  {p[0]:.3f}  {p[1]:.3f}  {p[2]:.3f}  "
        f"{len(set(predicted))}"
    )


def main() -> None:
    from storyline.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=3, help="shuffled orders to score")
    args = parser.parse_args()
    if not (SHARED / "corpus" / "sochi-2020").is_dir():
        sys.exit(f"needs {SHARED} beside the project")
    settings = Settings()
    remember_vectors(settings)
    articles, labels = labelled_pile()
    n = len(articles)
    print(f"pile: {n} articles, {len(set(labels))} stories")
    print("order       B3-P   B3-R   B3-F1  pair-P pair-R pair-F1 stories")
    orders = []
    for seed in range(1, args.orders + 1):
        order = list(range(n))
        random.Random(seed).shuffle(order)
        orders.append(order)
        print(
            f"shuffled {seed}  {scores(stories(articles, [order], settings), labels)}", flush=True
        )
    print(f"link_score (shuffled 1; default {settings.stories.link_score})")
    for link in (1.3, 1.34, 1.36, 1.38, 1.4, 1.44, 1.5):
        swept = replace(settings, stories=replace(settings.stories, link_score=link))
        print(f"{link:9.2f}   {scores(stories(articles, [orders[0]], swept), labels)}", flush=True)


if __name__ == "__main__":
    main()
