"""A killed ingest, resumed, against one uninterrupted run of the same real pages.

`storyline ingest --no-brief` of the example story of 2026 (valmsund-plant-fire), then the 181
pages of the article-extraction benchmark (2010-2019, in no order of days) and the five
sochi-2020 reports, into one store in one go; into another, the same command killed (SIGKILL)
as soon as its first batch is committed, then run again on the same inputs (stored articles are
skipped). Prints both stores' stories and whether they hold the same articles together, for the
default settings and with a consolidation every 64 articles (so that the killed run resumes
between consolidations).

    python bench/resume.py
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from cluster_orders import adjusted_rand  # bench/ is not a package

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INPUTS = [
    ROOT / "examples" / "valmsund-plant-fire",
    SHARED / "benchmarks" / "article-extraction" / "html",
    SHARED / "corpus" / "sochi-2020",
]


def command(db: Path) -> list[str]:
    inputs = [str(p) for p in INPUTS]
    return [
        sys.executable,
        "-m",
        "storyline",
        "ingest",
        *inputs,
        "--db",
        str(db),
        "-q",
        "--no-brief",
    ]


def stored(db: Path) -> int:
    """Articles the store holds (0 before its schema exists)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def killed_after_first_batch(db: Path, env: dict[str, str]) -> int:
    """Run the ingest and kill it once a batch is committed; how many articles it had stored."""
    process = subprocess.Popen(command(db), env=env, stderr=subprocess.DEVNULL)
    while process.poll() is None and not stored(db):
        time.sleep(0.05)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return stored(db)


def partition(db: Path) -> dict[str, int]:
    """Article hash → story, from the store."""
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT hash, story FROM articles"))


def compare(env: dict[str, str], tmp: Path, name: str) -> None:
    whole, resumed = tmp / f"{name}-whole.db", tmp / f"{name}-resumed.db"
    started = time.perf_counter()
    subprocess.run(command(whole), env=env, check=True)
    took = time.perf_counter() - started
    at_kill = killed_after_first_batch(resumed, env)
    subprocess.run(command(resumed), env=env, check=True)
    a, b = partition(whole), partition(resumed)
    keys = sorted(a)
    same = set(a) == set(b) and adjusted_rand([a[k] for k in keys], [b[k] for k in keys]) == 1.0
    ari = adjusted_rand([a[k] for k in keys], [b.get(k, -1) for k in keys])
    print(
        f"{name:22} uninterrupted: {len(a)} articles, {len(set(a.values()))} stories ({took:.0f} s)"
        f" | killed at {at_kill} stored, resumed: {len(b)} articles, {len(set(b.values()))} "
        f"stories | ARI {ari:.3f}, same stories: {same}",
        flush=True,
    )


def main() -> None:
    if not all(p.is_dir() for p in INPUTS):
        sys.exit(f"needs {SHARED} beside the project")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory(prefix="storyline-resume-") as tmp:
        compare(env, Path(tmp), "default")
        compare(
            {**env, "STORYLINE_STORIES__CONSOLIDATE_EVERY": "64"}, Path(tmp), "consolidate every 64"
        )


if __name__ == "__main__":
    main()
