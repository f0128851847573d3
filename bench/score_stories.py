"""Briefings of real multi-outlet stories against gold facts, beside sumy's LexRank.

Stories: the three of ../shared/benchmarks/stories/facts.json and those labelled here in
bench/gold/stories/ (same format). Each is briefed from its raw HTML pages with default settings.
Measures, as ../shared/benchmarks/stories/README.md defines them:

- coverage: facts (of 7) whose pattern matches a sentence of the summary;
- lead: whether the summary's first sentence states fact 1;
- corroboration recall (strict): for each fact that two or more pages state, the most of its
  pages whose own matching sentence sits in one claim, over its pages; averaged;
- split rate: the share of those facts whose pages' statements are not all in one claim (the
  pages that state it do not land together); "scattered" also counts a page's restatements
  (its lead and its third paragraph in two claims), the README's literal reading;
- false contradictions: reported disagreements, where the gold notes list no real one that the
  report's sides could be;
- purity: the share of claims of 2+ sources whose matching evidence all states one gold fact
  (evidence that states no gold fact is not judged);
- mismatched: claims of 2+ pages that pair a page's statement of a gold fact with another
  page's sentence that states no gold fact in common, where that other page states the fact
  elsewhere: its statement was left out for a sentence about something else (purity does not
  see these, since no gold fact matches both sides); out of the claims of 2+ pages whose
  evidence states a gold fact;
- labelled pairs (the three stories of ../shared/benchmarks/stories/aligned-sentences.json,
  whose sentences are grouped by the fact they state): of the pairs of evidence sentences of
  two pages in one claim that match labelled sentences, the share that state one fact
  (precision; `also_same` pairs left out), and of the labelled same-fact pairs whose two
  sentences both match evidence of the briefing, the share that one claim holds (recall);
- LexRank: sumy's LexRank over pysbd sentences of the same extracted texts, at the same budget.

`--story NAME` scores one story; `--show` prints the summaries. Exits 0.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PAGES = SHARED / "benchmarks" / "article-extraction" / "html"
FACTS = SHARED / "benchmarks" / "stories" / "facts.json"
ALIGNED = SHARED / "benchmarks" / "stories" / "aligned-sentences.json"
LABELLED = ROOT / "bench" / "gold" / "stories"


def load_stories() -> dict[str, dict]:
    stories = dict(json.loads(FACTS.read_text(encoding="utf-8"))["stories"])
    for path in sorted(LABELLED.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        stories[gold["story"]] = gold
    return stories


def page_of(source: dict) -> str:
    return Path(source["path"]).name.split(".")[0]


def states(fact: dict, text: str) -> bool:
    """Whether `text` states the fact; the patterns spell quotes and apostrophes straight
    ("didn't"), the pages as they please ("didn’t")."""
    from storyline.characters import fold_marks

    return re.search(fact["pattern"], fold_marks(text), re.I) is not None


def coverage(facts: list[dict], summary: list[str]) -> tuple[int, bool]:
    """(facts the summary's sentences state, whether its first sentence states fact 1)."""
    covered = sum(any(states(f, s) for s in summary) for f in facts)
    return covered, bool(summary) and states(facts[0], summary[0])


def lexrank(texts: list[str], words: int) -> list[str]:
    """sumy's LexRank on pysbd sentences, best first until the word budget is spent."""
    import pysbd
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    class Words:  # sumy's own tokenizer needs NLTK data, which cannot be downloaded here
        language = "english"

        def to_words(self, sentence: str) -> list[str]:
            return re.findall(r"\w+", sentence)

    segmenter = pysbd.Segmenter(language="en", clean=False)
    sentences = [
        s.strip() for text in texts for para in text.split("\n") for s in segmenter.segment(para)
    ]
    sentences = [s for s in sentences if s]
    document = ObjectDocumentModel([Paragraph([Sentence(s, Words()) for s in sentences])])

    class Ratings(LexRankSummarizer):  # keeps sumy's ratings so the budget takes the best first
        def _get_best_sentences(self, sentences, count, rating, *args, **kwargs):
            self.rating = rating
            return ()

    summarizer = Ratings(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    summarizer(document, len(sentences))
    order = sorted(document.sentences, key=lambda s: -summarizer.rating[s])
    chosen, left = [], words
    for sentence in order:
        n = len(str(sentence).split())
        if n <= left:
            chosen.append(str(sentence))
            left -= n
    return chosen


def mismatches(claims: list[dict], facts: list[dict], page: dict) -> tuple[set[str], int]:
    """The ids of claims of 2+ pages where a page's statement of a gold fact is paired with
    another page's sentence that shares no gold fact with it, though that page states the fact
    elsewhere; and how many claims of 2+ pages state a gold fact at all."""
    found, judged = set(), 0
    for claim in claims:
        evidence = [(page[e["source"]], e["text"]) for e in claim["evidence"]]
        if len({p for p, _ in evidence}) < 2:
            continue
        told = [{n for n, f in enumerate(facts) if states(f, text)} for _, text in evidence]
        judged += any(told)
        for (a, b), (ta, tb) in zip(
            itertools.combinations(evidence, 2), itertools.combinations(told, 2), strict=True
        ):
            if a[0] == b[0] or ta & tb:
                continue
            if any(b[0] in facts[n]["sources"] for n in ta) or any(
                a[0] in facts[n]["sources"] for n in tb
            ):
                found.add(claim["id"])
    return found, judged


def _folded(text: str) -> str:
    from storyline.characters import fold_marks

    return " ".join(fold_marks(text).lower().split())


def labelled_pairs(
    claims: list[dict], aligned: dict, page: dict, sentences: dict[str, list[str]]
) -> tuple[int, int, int, int]:
    """Claim pairs against sentence labels: (same-fact pairs, other pairs, labelled same-fact
    pairs one claim holds, labelled same-fact pairs whose sentences the briefing has).

    `sentences` are each page's labelled sentences (pysbd over its hand-checked body, as the
    labels number them); an evidence sentence stands for those of its page that it contains or
    that contain it. Two sentences of different pages state one fact when one group of the
    labels holds both; `also_same` pairs count neither way; every other pair is wrong.
    """
    fact_of = {
        (m["page"], m["sentence"]): fact
        for fact, members in aligned["facts"].items()
        for m in members
    }
    same = {frozenset((m["page"], m["sentence"]) for m in pair) for pair in aligned["also_same"]}
    folded = {p: [_folded(t) for t in texts] for p, texts in sentences.items()}

    def labels(e: dict) -> set[tuple[str, int]]:
        text, where = _folded(e["text"]), page[e["source"]]
        return {(where, k) for k, t in enumerate(folded[where]) if t in text or text in t}

    def one_fact(pair: frozenset) -> bool:
        a, b = pair
        return a in fact_of and fact_of[a] == fact_of.get(b)

    right = wrong = 0
    held: set[frozenset] = set()
    seen: set[tuple[str, int]] = set()
    for claim in claims:
        keyed = [labels(e) for e in claim["evidence"]]
        seen |= set().union(*keyed)
        for a, b in itertools.combinations(keyed, 2):
            pairs = {frozenset((x, y)) for x in a for y in b if x[0] != y[0]}
            if not pairs:
                continue
            good = {p for p in pairs if one_fact(p)}
            held |= good
            if good:
                right += 1
            elif not pairs & same:
                wrong += 1
    wanted = {
        frozenset(p)
        for p in itertools.combinations(seen & set(fact_of), 2)
        if p[0][0] != p[1][0] and one_fact(frozenset(p))
    }
    return right, wrong, len(held & wanted), len(wanted)


def score_story(name: str, gold: dict, show: bool = False) -> dict:
    from storyline.pipeline import brief_articles, read
    from storyline.settings import load_settings

    settings = load_settings()  # defaults, unless STORYLINE_* variables say otherwise
    paths = [str(PAGES / f"{page}.html.gz") for page in gold["ids"]]
    articles = read(paths, settings).articles
    briefing = brief_articles(articles, settings).to_dict()
    page = {s["id"]: page_of(s) for s in briefing["sources"]}
    facts = gold["facts"]
    summary = [s["text"] for s in briefing["summary"] if not s.get("contradiction")]

    covered, lead = coverage(facts, summary)

    recalls, splits, scattered = [], 0, 0
    for fact in facts:
        wanted = set(fact["sources"])
        if len(wanted) < 2:
            continue
        best, holding, stating = 0, 0, set()
        for claim in briefing["claims"]:
            pages = {page[e["source"]] for e in claim["evidence"] if states(fact, e["text"])}
            pages &= wanted
            best = max(best, len(pages))
            holding += bool(pages)
            stating |= pages
        recalls.append(best / len(wanted))
        splits += best < len(stating)
        scattered += holding > 1
    judged = pure = 0
    for claim in briefing["claims"]:
        if len(claim["sources"]) < 2:
            continue
        told = [{n for n, f in enumerate(facts) if states(f, e["text"])} for e in claim["evidence"]]
        told = [t for t in told if t]
        if len(told) < 2:
            continue
        judged += 1
        pure += bool(set.intersection(*told))

    mismatched, paired = mismatches(briefing["claims"], facts, page)
    aligned = json.loads(ALIGNED.read_text(encoding="utf-8"))["stories"].get(name)
    pairs = None
    if aligned:
        from score_alignment import BODIES, page_sentences

        bodies = json.loads(BODIES.read_text(encoding="utf-8"))
        sentences = {p: page_sentences(bodies[p]["articleBody"]) for p in gold["ids"]}
        pairs = labelled_pairs(briefing["claims"], aligned, page, sentences)
    real = [d for d in gold.get("disagreements", []) if d["verdict"].startswith("a disagreement")]
    contradictions = briefing["contradictions"]
    peer = lexrank([a.text for a in articles], settings.words)
    result = {
        "story": name,
        "pages": len(articles),
        "coverage": covered,
        "lead": lead,
        "recall": statistics.mean(recalls) if recalls else 1.0,
        "split": splits / len(recalls) if recalls else 0.0,
        "scattered": scattered / len(recalls) if recalls else 0.0,
        "contradictions": len(contradictions),
        "false": len(contradictions) if not real else None,
        "purity": (pure, judged),
        "mismatched": (len(mismatched), paired),
        "pairs": pairs,
        "lexrank": coverage(facts, peer)[0],
        "words": sum(len(s.split()) for s in summary),
    }
    if show:
        print(f"\n--- {name}: summary ({result['words']} words)")
        for s in briefing["summary"]:
            print(f"  [{', '.join(s['sources'])}] {s['text']}")
        for c in contradictions:
            sides = " | ".join(
                f"{side['text']} ({','.join(side['sources'])})" for side in c["sides"]
            )
            print(f"  contradiction ({c['kind']}, {c['about'][:40]}): {sides}")
        for claim in briefing["claims"]:
            if len({page[e["source"]] for e in claim["evidence"]}) > 1:
                flag = "MISMATCHED " if claim["id"] in mismatched else ""
                print(f"  {flag}claim {claim['id']}:")
                for e in claim["evidence"]:
                    told = [n + 1 for n, f in enumerate(facts) if states(f, e["text"])]
                    print(f"    {e['source']} facts {told}: {e['text'][:150]}")
        if real:
            print(f"  gold disagreements: {[d['between'][:80] for d in real]}")
        print("  LexRank:", " ".join(peer))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", action="append", help="score only these stories")
    parser.add_argument("--show", action="store_true", help="print each summary")
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"score_stories needs {PAGES}; skipped")
        return
    stories = load_stories()
    names = args.story or list(stories)
    rows = [score_story(name, stories[name], args.show) for name in names]
    header = "story                          pages cover lead recall split scatter contra false"
    print(f"\n{header} purity  mismatch LexRank")
    for r in rows:
        false = "?" if r["false"] is None else r["false"]
        print(
            f"{r['story']:30} {r['pages']:5} {r['coverage']:3}/7 {'yes' if r['lead'] else 'no':>4}"
            f" {r['recall']:6.2f} {r['split']:5.0%} {r['scattered']:7.0%} {r['contradictions']:6}"
            f" {false!s:>5} {r['purity'][0]:>3}/{r['purity'][1]:<3}"
            f" {r['mismatched'][0]:>4}/{r['mismatched'][1]:<3} {r['lexrank']:4}/7"
        )
    n = len(rows)
    print(
        f"{'mean':30} {'':5} {sum(r['coverage'] for r in rows) / n:5.2f}"
        f" {sum(r['lead'] for r in rows):2}/{n}"
        f" {statistics.mean(r['recall'] for r in rows):6.2f}"
        f" {statistics.mean(r['split'] for r in rows):5.0%}"
        f" {statistics.mean(r['scattered'] for r in rows):7.0%}"
        f" {sum(r['contradictions'] for r in rows):6}"
        f" {'':5} {sum(r['purity'][0] for r in rows):>3}/{sum(r['purity'][1] for r in rows):<3}"
        f" {sum(r['mismatched'][0] for r in rows):>4}/{sum(r['mismatched'][1] for r in rows):<3}"
        f" {sum(r['lexrank'] for r in rows) / n:6.2f}"
    )
    print(
        "(false: contradictions reported on a story whose notes list no real disagreement; "
        "'?' where they list one: see --show)"
    )
    labelled = [r for r in rows if r["pairs"]]
    for r in labelled:
        right, wrong, held, wanted = r["pairs"]
        print(
            f"{r['story']:30} labelled pairs: precision {right}/{right + wrong}"
            f" recall {held}/{wanted}"
        )
    if labelled:
        right, wrong, held, wanted = (sum(r["pairs"][k] for r in labelled) for k in range(4))
        print(
            f"{'pooled':30} labelled pairs: precision {right / max(right + wrong, 1):.2f}"
            f" recall {held / max(wanted, 1):.2f}"
        )


if __name__ == "__main__":
    main()
