"""`make bench`: speed of `storyline brief` and of ingest, plus the quality scorers in bench/.

Prints its figures; nothing here fails on timing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOCHI = SHARED / "corpus" / "sochi-2020"
PAGES = SHARED / "benchmarks" / "article-extraction" / "html"
STORYLINE = Path(sys.executable).with_name("storyline")


def cold_brief(runs: int = 3) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(runs):
            started = time.perf_counter()
            subprocess.run(
                [
                    str(STORYLINE),
                    "brief",
                    str(SOCHI),
                    "--format",
                    "json",
                    "--quiet",
                    "--db",
                    f"{tmp}/cold{n}.db",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            times.append(time.perf_counter() - started)
    return times


def warm_brief(runs: int = 7) -> tuple[list[float], dict[str, float]]:
    from storyline.pipeline import brief
    from storyline.settings import Settings
    from storyline.store import Store

    times, stages = [], {}
    with tempfile.TemporaryDirectory() as tmp, Store(f"{tmp}/warm.db") as store:
        settings = Settings(db=f"{tmp}/warm.db")
        brief([str(SOCHI)], settings, store)  # loads the models once, as a server would
        for _ in range(runs):
            started = time.perf_counter()
            run = brief([str(SOCHI)], settings, store)
            times.append(time.perf_counter() - started)
            stages = run.timings
    return times, stages


def ingest_throughput() -> tuple[int, int, float]:
    from storyline.pipeline import read
    from storyline.settings import Settings
    from storyline.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(f"{tmp}/ingest.db") as store:
        started = time.perf_counter()
        result = read([str(PAGES)], Settings())
        store.add_articles(result.articles)
        took = time.perf_counter() - started
    return len(result.articles), len(result.rejects), took


def main() -> None:
    if not SOCHI.is_dir():
        sys.exit(f"bench needs {SHARED} beside the project (the sochi-2020 corpus)")
    cold = cold_brief()
    print(
        f"cold brief, sochi-2020 (5 articles, new process, models included): "
        f"median {statistics.median(cold):.2f} s over {len(cold)} runs "
        f"({', '.join(f'{t:.2f}' for t in cold)})"
    )
    warm, stages = warm_brief()
    print(
        f"warm brief, sochi-2020 (in-process, repeated): median {statistics.median(warm):.3f} s "
        f"over {len(warm)} runs, min {min(warm):.3f} s"
    )
    print(
        "  stages of the last run: "
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items())
    )
    if PAGES.is_dir():
        used, skipped, took = ingest_throughput()
        print(
            f"ingest, article-extraction pages (read + extract + clean + store, 1 process): "
            f"{used} articles, {skipped} skipped, {took:.1f} s, {used / took:.1f} articles/s"
        )
    for scorer in sorted(Path(__file__).parent.glob("score_*.py")):
        print(f"\n== {scorer.stem}")
        subprocess.run([sys.executable, str(scorer)], check=True)
    subprocess.run([sys.executable, str(Path(__file__).with_name("scale.py"))], check=True)
    subprocess.run([sys.executable, str(Path(__file__).with_name("serve_bench.py"))], check=True)
    subprocess.run([sys.executable, str(Path(__file__).with_name("extraction.py"))], check=True)


if __name__ == "__main__":
    main()
