"""Story clustering against a labelled pile of real articles: B-cubed and pairwise P/R/F1.

The pile: the five sochi-2020 reports (one story), the 181 pages of the article-extraction
benchmark (each its own story, except the groups listed in bench/gold/pile-groups.json: the
pages were fetched within three days in November 2019 and several outlets covered one event),
and the project's example stories (one story per folder). Articles are clustered by the same
online assignment `storyline ingest` uses, swept over the story threshold.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

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


def main() -> None:
    from storyline.annotate.embeddings import get_backend
    from storyline.cluster import article_vectors, cluster
    from storyline.pipeline import article_day
    from storyline.settings import Settings

    if not (SHARED / "corpus" / "sochi-2020").is_dir():
        sys.exit(f"needs {SHARED} beside the project")
    settings = Settings()
    articles, labels = labelled_pile()
    vectors = article_vectors(articles, get_backend(settings.embedding_backend).encode)
    days = [article_day(a) for a in articles]
    print(f"pile: {len(articles)} articles, {len(set(labels))} stories")
    print("threshold  B3-P   B3-R   B3-F1  pair-P pair-R pair-F1 stories")
    for threshold in (0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75):
        groups = cluster(articles, vectors, days, threshold, settings.window_days)
        predicted = [0] * len(articles)
        for story, members in enumerate(groups):
            for k in members:
                predicted[k] = story
        b = bcubed(predicted, labels)
        p = pairwise(predicted, labels)
        mark = " <- default" if threshold == settings.story_threshold else ""
        print(
            f"{threshold:9.2f}  {b[0]:.3f}  {b[1]:.3f}  {b[2]:.3f}  {p[0]:.3f}  {p[1]:.3f}  "
            f"{p[2]:.3f}  {len(groups)}{mark}"
        )


if __name__ == "__main__":
    main()
