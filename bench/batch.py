"""`storyline batch` against the single-process path on piles of 1k and 10k articles.

The pile: the 181 benchmark pages' extracted articles, repeated with a numbered line added so
each copy is a new text (copies of one page tell one event, so stories stay realistic), written
as JSONL files. For each size it runs `storyline ingest` + brief in one process, then the Ray
job with 1 and 2 workers (one BLAS thread each), and prints articles/s, the peak memory of the
job's processes, how well the job's stories agree with the single path's (B-cubed F1), and the
CPU time its briefings used: that sum does not change with the load on the machine, so when 2
workers are not twice as fast, it tells contention (the sum grows) from CPUs taken by other work
(it does not).

`python bench/batch.py [SIZE ...]` (default 1000 10000). Needs the ray extra. Exits 0.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "benchmarks" / "article-extraction" / "html"


def write_pile(folder: Path, size: int) -> None:
    from storyline.pipeline import read
    from storyline.settings import Settings

    articles = read([str(PAGES)], Settings()).articles
    folder.mkdir(parents=True)
    per_file = 500
    for start in range(0, size, per_file):
        with (folder / f"part{start // per_file:04d}.jsonl").open("w", encoding="utf-8") as out:
            for n in range(start, min(size, start + per_file)):
                a = articles[n % len(articles)]
                copy = n // len(articles)
                text = a.text + (f"\n\nCopy {copy} of this report." if copy else "")
                row = {
                    "text": text,
                    "title": a.title,
                    "url": a.url,
                    "outlet": a.outlet,
                    "published": a.published,
                }
                out.write(json.dumps(row) + "\n")


def bcubed_f1(a: dict[str, str], b: dict[str, str]) -> float:
    keys = sorted(set(a) & set(b))
    pa, pb = [a[k] for k in keys], [b[k] for k in keys]
    size_a, size_b, both = Counter(pa), Counter(pb), Counter(zip(pa, pb, strict=True))
    precision = sum(both[(x, y)] / size_a[x] for x, y in zip(pa, pb, strict=True)) / len(keys)
    recall = sum(both[(x, y)] / size_b[y] for x, y in zip(pa, pb, strict=True)) / len(keys)
    return 2 * precision * recall / (precision + recall)


def timed(args: list[str], log: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, the peak RSS (MB) of the command's own process (for the Ray job, its
    driver), and the largest peak RSS (MB) of a Ray worker, read from /proc while it runs;
    the command's log (stderr) goes to `log` if given."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "STORYLINE_THREADS": "1"}
    workers: dict[int, int] = {}
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.5):
            for proc in Path("/proc").glob("[0-9]*"):
                try:  # Ray names its workers' processes "ray::…"
                    if not (proc / "cmdline").read_bytes().startswith(b"ray::"):
                        continue
                    text = (proc / "status").read_text()
                except OSError:
                    continue
                peak = next((ln for ln in text.splitlines() if ln.startswith("VmHWM")), "0 0")
                workers[int(proc.name)] = int(peak.split()[1]) // 1024

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.perf_counter()
    with open(log or os.devnull, "wb") as err:
        child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - started
    done.set()
    watcher.join()
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: some inputs were skipped
        sys.exit(f"{' '.join(args)} failed")
    return took, usage.ru_maxrss // 1024, max(workers.values(), default=0)


def single_stories(db: Path) -> dict[str, str]:
    from storyline.store import Store

    with Store(db) as store:
        return {
            a.content_hash: row.id
            for row in store.stories(limit=10**7, min_size=1)
            for a in store.story_articles(store.story_id(row.id))
        }


def briefing_cpu(log: Path) -> str:
    """What the job's log (-v) says of its briefings' CPU time."""
    found = re.search(r"the briefings used (.+ process\(es\))", log.read_text(errors="replace"))
    return found.group(1) if found else "no CPU line in the log"


def batch_stories(out: Path) -> dict[str, str]:
    import pyarrow.parquet as pq

    return {r["hash"]: r["story"] for r in pq.read_table(out / "articles").to_pylist()}


def main() -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        print("batch.py needs the ray extra; skipped")
        return
    if not PAGES.is_dir():
        print(f"batch.py needs {PAGES}; skipped")
        return
    sizes = [int(s) for s in sys.argv[1:]] or [1000, 10_000]
    cli = [sys.executable, "-m", "storyline"]
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            pile = Path(tmp) / "pile"
            write_pile(pile, size)
            took, peak, _ = timed(
                [
                    *cli,
                    "brief",
                    str(pile),
                    "--db",
                    f"{tmp}/one.db",
                    "-q",
                    "-f",
                    "json",
                    "-o",
                    f"{tmp}/one.jsonl",
                ]
            )
            single = single_stories(Path(f"{tmp}/one.db"))
            print(
                f"{size} articles, single process (ingest + brief): {size / took:.1f} "
                f"articles/s, {took:.0f} s, peak {peak} MB"
            )
            seconds = {}
            for workers in (1, 2):
                out, log = Path(tmp) / f"out{workers}", Path(tmp) / f"log{workers}.txt"
                took, peak, worker = timed(
                    [*cli, "batch", str(pile), "--out", str(out), "--workers", str(workers), "-v"],
                    log,
                )
                agree = bcubed_f1(single, batch_stories(out))
                print(
                    f"{size} articles, Ray with {workers} worker(s): {size / took:.1f} "
                    f"articles/s, {took:.0f} s, peak {peak} MB in the driver and {worker} MB in "
                    f"the largest worker, stories agree with the single process at B-cubed F1 "
                    f"{agree:.3f}; its briefings used {briefing_cpu(log)}"
                )
                seconds[workers] = took
            load = os.getloadavg()[0]  # other work on the machine takes CPUs from the job
            print(
                f"{size} articles, Ray with 2 workers against 1: {seconds[1] / seconds[2]:.2f}x "
                f"faster (load average {load:.1f} at the end)"
            )


if __name__ == "__main__":
    main()
