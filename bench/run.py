"""`make bench`: speed of `storyline brief` and of ingest, plus the quality scorers in bench/.

Prints its figures; nothing here fails on timing.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from subprocess import DEVNULL

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOCHI = SHARED / "corpus" / "sochi-2020"
EXAMPLES = ROOT / "examples"
PAGES = SHARED / "benchmarks" / "article-extraction" / "html"
# After the scorers (score_*.py), in this order; batch.py, the longest, last.
OTHER_BENCHES = (
    "contradiction_audit.py",
    "summary_grid.py",
    "cluster_orders.py",
    "evidence_cost.py",
    "resume.py",
    "scale.py",
    "article_size.py",
    "serve_bench.py",
    "extraction.py",
    "batch.py",
)


def cold_process(runs: int = 3) -> list[tuple[float, int]]:
    """(wall seconds, peak RSS in bytes) of whole `storyline brief` processes, disk cache warm."""
    measured = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(runs):
            args = [sys.executable, "-m", "storyline", "brief", str(SOCHI), "-f", "json", "-q"]
            started = time.perf_counter()
            child = subprocess.Popen([*args, "--db", f"{tmp}/cold{n}.db"], stdout=DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the maximum
            took = time.perf_counter() - started  # of all children RUSAGE_CHILDREN would give
            child.returncode = os.waitstatus_to_exitcode(status)
            if child.returncode:
                sys.exit(f"storyline brief failed with exit code {child.returncode}")
            measured.append((took, usage.ru_maxrss * 1024))  # Linux counts ru_maxrss in KiB
    return measured


def step_times(runs: int = 3) -> dict[str, dict[str, float]]:
    """Median seconds per step, per column: cold, warm (a new story), again (the same story)."""
    script = str(Path(__file__).with_name("brief_steps.py"))
    samples: dict[str, dict[str, list[float]]] = {}
    for _ in range(runs):
        for extra in ([], [str(EXAMPLES)]):
            done = subprocess.run(
                [sys.executable, script, str(SOCHI), *extra],
                check=True,
                capture_output=True,
                text=True,
            )
            for column, steps in json.loads(done.stdout).items():
                for step, took in steps.items():
                    samples.setdefault(column, {}).setdefault(step, []).append(took)
    return {
        column: {step: statistics.median(times) for step, times in steps.items()}
        for column, steps in samples.items()
    }


def print_brief_speed() -> None:
    cold = cold_process()
    walls, peaks = [w for w, _ in cold], [p / 2**20 for _, p in cold]
    console = Console()
    console.print(
        f"storyline brief sochi-2020 (5 articles), whole process, cold: median "
        f"{statistics.median(walls):.2f} s ({', '.join(f'{w:.2f}' for w in walls)}), peak RSS "
        f"median {statistics.median(peaks):.0f} MB ({', '.join(f'{p:.0f}' for p in peaks)})"
    )
    steps = step_times()
    columns = {
        "cold": "cold process",
        "warm": "warm, new story",
        "again": "warm, same story again",
    }
    table = Table(
        title="brief sochi-2020 in one process, step by step (median of 3, seconds)",
        title_justify="left",
    )
    table.add_column("step")
    for name in columns.values():
        table.add_column(name, justify="right")
    names = list(dict.fromkeys(step for column in steps.values() for step in column))
    for step in [*names, "total"]:
        cells = []
        for column in columns:
            times = steps.get(column, {})
            took = sum(times.values()) if step == "total" else times.get(step)
            cells.append("" if took is None else f"{took:.3f}")
        table.add_row(step, *cells, end_section=step == names[-1])
    console.print(table)
    console.print(
        "cold: a new process's first brief, imports and model loads included; warm: the same "
        "process after briefing examples/ (models loaded, no article read before); again: "
        "sochi-2020 once more (what the process has read is kept)."
    )


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
    print_brief_speed()
    if PAGES.is_dir():
        used, skipped, took = ingest_throughput()
        print(
            f"ingest, article-extraction pages (read + extract + clean + store, 1 process): "
            f"{used} articles, {skipped} skipped, {took:.1f} s, {used / took:.1f} articles/s"
        )
    for scorer in sorted(Path(__file__).parent.glob("score_*.py")):
        print(f"\n== {scorer.stem}")
        subprocess.run([sys.executable, str(scorer)], check=True)
    for bench in OTHER_BENCHES:
        print(f"\n== {bench}")
        subprocess.run([sys.executable, str(Path(__file__).with_name(bench))], check=True)


if __name__ == "__main__":
    main()
