"""Time and peak memory of `storyline brief` on one article of 10 KB, 100 KB, 1 MB and 10 MB,
as a text file and as an HTML page.

Each article repeats the sochi-2020 reports up to its size (the page: one <p> a paragraph, inside
<article>, just under the size); each brief runs in a process of its own, so the peak resident
memory is that brief's. Past `max_article_words` an article is kept but not analysed, so the time
should grow with reading and storing the text alone, and the memory should stay flat. A page's
extraction is the exception: trafilatura's main pass grows faster than the page (about 0.3 s at
3 MB, 9 s at 10 MB, in its own code). Prints the figures; nothing fails on them.

    python bench/article_size.py [--sizes 10000,100000,1000000,10000000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from subprocess import DEVNULL

SOCHI = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "sochi-2020"
SIZES = (10_000, 100_000, 1_000_000, 10_000_000)


def article_of(size: int) -> bytes:
    """The sochi-2020 reports one after another, repeated and cut to `size` bytes."""
    reports = b"\n\n".join(p.read_bytes() for p in sorted(SOCHI.glob("*.txt")))
    data = reports * (size // len(reports) + 1)
    return data[:size].decode("utf-8", "ignore").encode("utf-8")


def page_of(size: int) -> bytes:
    """The same text as an HTML page of a little under `size` bytes, a paragraph a <p>."""
    head, tail = (
        b"<html><head><title>Talks</title></head><body><article>\n",
        b"</article></body></html>",
    )
    paragraphs = [p for p in article_of(size).split(b"\n") if p.strip()]
    body, room = [], size - len(head) - len(tail)
    for p in paragraphs:
        room -= len(p) + 8
        if room < 0:
            break
        body.append(b"<p>" + p + b"</p>\n")
    return head + b"".join(body) + tail


def brief_once(path: Path, db: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS in bytes) of one `storyline brief` process."""
    args = [sys.executable, "-m", "storyline", "brief", str(path), "-q", "--db", str(db)]
    started = time.perf_counter()
    child = subprocess.Popen(args, stdout=DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"storyline brief {path.name} failed with exit code {status}")
    return took, usage.ru_maxrss * 1024  # Linux counts ru_maxrss in KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    if not SOCHI.is_dir():
        sys.exit(f"bench needs {SOCHI}")
    print("storyline brief of one article, by size (one process each; 15,000 words analysed)")
    print(f"{'input':>5} {'size':>12} {'words':>9} {'seconds':>8} {'peak RSS':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, make in (("text", article_of), ("html", page_of)):
            for size in sizes:
                path = Path(tmp) / f"article-{size}.{kind.replace('text', 'txt')}"
                data = make(size)
                path.write_bytes(data)
                took, peak = brief_once(path, Path(tmp) / f"{kind}-{size}.db")
                words = len(data.split())
                print(
                    f"{kind:>5} {size:>12,} {words:>9,} {took:>8.1f} {peak / 2**20:>6.0f} MB",
                    flush=True,
                )


if __name__ == "__main__":
    main()
