"""Article extraction against the article-extraction benchmark: P/R/F1, metadata, speed.

The benchmark (/work/shared/benchmarks/article-extraction, 181 real news pages and the
hand-checked article body of each) scores an extractor with word-shingle matching. The metric is
implemented here as the benchmark's README and its evaluation script define it:

- tokens are the runs of `\\w+` (Unicode); a text becomes the multiset of its 4-token shingles
  (a text of 1-3 tokens is one shorter shingle, an empty text has none);
- per page, TP = shingles shared with the truth (with multiplicity), FP = the extra predicted
  ones, FN = the missed true ones, the three normalised by their sum;
- per-page precision is TP/(TP+FP) and recall TP/(TP+FN), 1 when FP = FN = 0 (identical texts);
  precision is averaged over the pages where something was predicted (TP+FP > 0) and recall
  over the pages with some truth (TP+FN > 0), as the script does, so a page with nothing
  predicted lowers recall only; a page with nothing predicted and nothing true counts 1 in both,
  as the README says (no truth here is empty, so the script, which leaves such a page out,
  agrees); F1 is the harmonic mean of the two averages.

Extractors compared: trafilatura with its defaults, trafilatura with favor_precision and no
comments, and storyline's `extract_html` (what the product runs: trafilatura, fallbacks and
storyline's own cleaning). Then metadata accuracy of `extract_html` where the page allows a check,
and the speed of extract + store in one process and with two worker processes.

Run: `.venv/bin/python bench/extraction.py` (also run at the end of `make bench`).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "article-extraction"
NGRAM = 4

# ---------------------------------------------------------------------------------------------
# The metric
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]  # (tp, fp, fn), normalised by their sum


def tokenize(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """The multiset of n-token shingles; fewer than n tokens make one shorter shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def match(true: str | None, pred: str | None, n: int = NGRAM) -> Counts:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(pages: Iterable[Counts]) -> dict[str, float]:
    """Precision and recall averaged over pages, and their harmonic mean."""
    pages = list(pages)
    # A page with nothing on either side counts 1 in both averages; a page with nothing
    # predicted is left out of the precision average, one with no truth out of recall's.
    empty = [c for c in pages if not any(c)]
    precisions = [precision_score(*c) for c in pages if c[0] + c[1] > 0] + [1.0] * len(empty)
    recalls = [recall_score(*c) for c in pages if c[0] + c[2] > 0] + [1.0] * len(empty)
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def evaluate(truth: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    return score(match(truth[k], predicted.get(k, "")) for k in truth)


# ---------------------------------------------------------------------------------------------
# The pages and the extractors
# ---------------------------------------------------------------------------------------------


def load_pages(root: Path = BENCH) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """[(id, url, html)] in id order, and {id: true article body}."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        (key, truth[key]["url"], _read_page(root / "html" / f"{key}.html.gz"))
        for key in sorted(truth)
    ]
    return pages, {key: value["articleBody"] for key, value in truth.items()}


def _read_page(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def trafilatura_defaults(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def trafilatura_precise(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, favor_precision=True, include_comments=False) or ""


def storyline_text(html: str, url: str) -> str:
    from storyline.errors import InputError
    from storyline.extraction import extract_html

    try:
        return extract_html(html, url=url).text
    except InputError:
        return ""  # the page is rejected: nothing predicted


EXTRACTORS: dict[str, Callable[[str, str], str]] = {
    "trafilatura defaults": trafilatura_defaults,
    "trafilatura favor_precision, no comments": trafilatura_precise,
    "storyline extract_html": storyline_text,
}


def run_extractor(
    extract: Callable[[str, str], str], pages: list[tuple[str, str, str]]
) -> tuple[dict[str, str], float]:
    """{id: predicted text} and the pages per second (extraction only, pages in memory)."""
    extract(pages[0][2], pages[0][1])  # warm-up: lazy imports, caches
    started = time.perf_counter()
    predicted = {key: extract(html, url) for key, url, html in pages}
    return predicted, len(pages) / (time.perf_counter() - started)


# ---------------------------------------------------------------------------------------------
# Metadata: checked only where the page itself tells the answer
# ---------------------------------------------------------------------------------------------

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)")


def _plain(text: str | None) -> str:
    """Casefolded words joined by single spaces: the form titles are compared in."""
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFKC", unescape(text or "")).casefold()))


def page_titles(html: str) -> list[str]:
    """The page's own titles: the <title> element and og:title, normalised."""
    titles = []
    if m := _TITLE_TAG.search(html):
        titles.append(_plain(m.group(1)))
    for tag in _META_TAG.findall(html):
        attrs = {a.lower(): v or w or x for a, v, w, x in _ATTR.findall(tag)}
        if attrs.get("property", attrs.get("name", "")).lower() == "og:title":
            titles.append(_plain(attrs.get("content")))
    return [t for t in titles if t]


def url_date(url: str) -> str | None:
    """The publication day a URL spells as /2019/11/18/, as 2019-11-18."""
    m = _URL_DAY.search(urlsplit(url).path)
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


def outlet_matches_host(outlet: str | None, url: str) -> bool:
    """Whether a site name fits the URL's host: its words joined ("The Verge" / theverge.com),
    the host's name in it ("WSJ" / wsj.com), the host's name spelled by the words' initials or
    prefixes in order ("Los Angeles Times" / latimes.com, "NBC 5 Dallas-Fort Worth" /
    nbcdfw.com), or one of its longer words in the host ("The Beachbody Blog" /
    beachbodyondemand.com)."""
    if not outlet:
        return False
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    labels = host.split(".")
    name = labels[-2] if len(labels) >= 2 else host
    squeezed = host.replace(".", "").replace("-", "")
    every = _plain(outlet).split()
    words = [w for w in every if w != "the"]
    joined = "".join(words)
    return bool(joined) and (
        joined in squeezed
        or name.replace("-", "") in joined
        or _spells(name.replace("-", ""), every)
        or any(len(w) >= 5 and w in squeezed for w in words)
    )


def _spells(name: str, words: list[str]) -> bool:
    """Whether `name` is a concatenation of prefixes (possibly empty) of `words`, in order."""
    if not name:
        return True
    if not words:
        return False
    head, rest = words[0], words[1:]
    return any(
        name.startswith(head[:n]) and _spells(name[n:], rest) for n in range(len(head), -1, -1)
    )


AUTHORS = ROOT / "bench" / "gold" / "page-authors.json"
_NAME_WORD = re.compile(r"[^\W_]+")


def author_set(byline: str | list[str] | None) -> frozenset[str]:
    """The names of a byline ("; "-separated, or a list), each as casefolded words, so that
    "Troy L. Smith" and "TROY L SMITH" agree."""
    names = byline.split(";") if isinstance(byline, str) else byline or []
    words = (_NAME_WORD.findall(unicodedata.normalize("NFKC", n).casefold()) for n in names)
    return frozenset(" ".join(w) for w in words if w)


def trafilatura_author(html: str, url: str) -> str | None:
    """The author trafilatura's own `extract_metadata` gives: the baseline."""
    from trafilatura import extract_metadata

    return extract_metadata(html, url, extensive=False).author


def author_accuracy(
    pages: list[tuple[str, str, str]], authors: dict[str, str | None]
) -> tuple[int, int, int, int]:
    """(pages whose authors are exactly the hand-read ones, pages with a byline, pages given no
    author where the page credits none, pages crediting none) against bench/gold/page-authors."""
    gold = json.loads(AUTHORS.read_text(encoding="utf-8"))["pages"]
    right = credited = quiet = uncredited = 0
    for key, _url, _html in pages:
        want, got = author_set(gold[key]["authors"]), author_set(authors.get(key))
        if want:
            credited += 1
            right += got == want
        else:
            uncredited += 1
            quiet += not got
    return right, credited, quiet, uncredited


def metadata_accuracy(
    pages: list[tuple[str, str, str]],
) -> tuple[dict[str, tuple[int, int]], dict[str, str | None]]:
    """({field: (right, checked)}, {page: author}) for storyline's extract_html."""
    from storyline.errors import InputError
    from storyline.extraction import extract_html

    counts = {"title": [0, 0], "date": [0, 0], "site name": [0, 0]}
    authors: dict[str, str | None] = {}
    for key, url, html in pages:
        try:
            article = extract_html(html, url=url)
        except InputError:
            article = None
        authors[key] = article.author if article else None
        titles = page_titles(html)
        if titles:
            got = _plain(article.title if article else None)
            counts["title"][1] += 1
            counts["title"][0] += bool(got) and any(got in t or t in got for t in titles)
        if day := url_date(url):
            counts["date"][1] += 1
            counts["date"][0] += bool(article and (article.published or "").startswith(day))
        counts["site name"][1] += 1
        counts["site name"][0] += bool(article and outlet_matches_host(article.outlet, url))
    return {k: (v[0], v[1]) for k, v in counts.items()}, authors


# ---------------------------------------------------------------------------------------------
# Speed: read .gz -> extract_html -> store
# ---------------------------------------------------------------------------------------------

BATCH = 50
RUNS = 3


def _extract_file(job: tuple[str, str]) -> tuple[object, float]:
    """Worker: one page file to an Article (None when the page is rejected), and the CPU
    seconds it took."""
    from storyline.errors import InputError
    from storyline.extraction import extract_html

    started = time.process_time()
    path, url = job
    try:
        article = extract_html(_read_page(Path(path)), url=url, source=path)
    except InputError:
        article = None
    return article, time.process_time() - started


def _warm() -> None:
    import logging

    import trafilatura  # noqa: F401

    import storyline.extraction  # noqa: F401  (imported for its cost, before the clock starts)

    logging.getLogger("trafilatura").setLevel(logging.ERROR)


def _store_all(results: Iterable[tuple[object, float]], db: Path) -> tuple[int, float]:
    """Store the articles in batches; return how many were stored and the extraction CPU time."""
    from storyline.store import Store

    stored, cpu, batch = 0, 0.0, []
    with Store(db) as store:
        for article, seconds in results:
            cpu += seconds
            if article is not None:
                batch.append(article)
            if len(batch) >= BATCH:
                stored += store.add_articles(batch)
                batch = []
        if batch:
            stored += store.add_articles(batch)
    return stored, cpu


def speed(jobs: list[tuple[str, str]], workers: int) -> tuple[float, float, int]:
    """Read + extract + store with warm processes: (pages/s by the wall clock, pages/s the
    extraction CPU time allows on `workers` idle cores, articles stored)."""
    _extract_file(jobs[0])  # imports and caches in this process
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / f"{workers}.db"
        if workers <= 1:
            started = time.perf_counter()
            stored, cpu = _store_all(map(_extract_file, jobs), db)
            took = time.perf_counter() - started
        else:
            with ProcessPoolExecutor(workers, initializer=_warm) as pool:
                list(pool.map(_extract_file, jobs[: workers * 2], chunksize=1))  # start them all
                started = time.perf_counter()
                stored, cpu = _store_all(pool.map(_extract_file, jobs, chunksize=4), db)
                took = time.perf_counter() - started
    return len(jobs) / took, len(jobs) * workers / cpu, stored


# ---------------------------------------------------------------------------------------------


def main() -> None:
    if not BENCH.is_dir():
        sys.exit(f"the article-extraction benchmark is not at {BENCH}")
    import logging

    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # "discarding data" per bad page
    pages, truth = load_pages()
    print(f"article extraction: {len(pages)} pages, shingle P/R/F1 (benchmark metric)")
    print(f"  {'extractor':<42} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8} {'empty':>6}")
    for name, extract in EXTRACTORS.items():
        predicted, rate = run_extractor(extract, pages)
        s = evaluate(truth, predicted)
        empty = sum(not text.strip() for text in predicted.values())
        print(
            f"  {name:<42} {s['precision']:6.4f} {s['recall']:6.4f} {s['f1']:6.4f} "
            f"{rate:8.1f} {empty:6d}"
        )
    meta, authors = metadata_accuracy(pages)
    print(
        "  metadata of extract_html, where the page allows a check: "
        + ", ".join(f"{k} {r}/{n} ({r / n:.0%})" for k, (r, n) in meta.items() if n)
    )
    print(
        "    (title: contained in or containing the page's <title>/og:title; date: the day a "
        "/YYYY/MM/DD/ URL spells; site name: fits the URL host)"
    )
    print("  authors against the bylines read by hand (bench/gold/page-authors.json):")
    baseline = {key: trafilatura_author(html, url) for key, url, html in pages}
    for name, found in (("trafilatura extract_metadata", baseline), ("extract_html", authors)):
        right, credited, quiet, uncredited = author_accuracy(pages, found)
        print(
            f"    {name:<30} exactly the credited names {right}/{credited} "
            f"({right / credited:.0%}); none where none is credited {quiet}/{uncredited} "
            f"({quiet / uncredited:.0%})"
        )
    jobs = [(str(BENCH / "html" / f"{key}.html.gz"), url) for key, url, _ in pages]
    rates: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    load = os.getloadavg()[0]
    for _ in range(RUNS):  # interleaved, so a busy moment on the machine hits both alike
        for workers, found in rates.items():
            wall, cpu, stored = speed(jobs, workers)
            found.append((wall, cpu))
    print(
        f"  speed, read .gz + extract_html + store ({stored} stored, batches of {BATCH}), "
        f"best of {RUNS} runs, load average {load:.1f} before:"
    )
    for workers, found in rates.items():
        label = "1 process" if workers == 1 else f"{workers} worker processes"
        print(
            f"    {label:<20} {max(w for w, _ in found):6.1f} pages/s "
            f"(runs {', '.join(f'{w:.0f}' for w, _ in found)}; the extraction's CPU time "
            f"alone allows {max(c for _, c in found):.0f})"
        )


if __name__ == "__main__":
    main()
