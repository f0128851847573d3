"""`storyline serve` under a bounded load, on 127.0.0.1 only: requests/s and latency.

A temporary store gets sochi-2020 (when it is beside the project) and examples/ ingested as
`storyline ingest` does it (stored, then each story briefed; --no-brief leaves that to the
server); the real `storyline serve` runs on it in a subprocess on a free port. Each story
page's first view after the server starts and a later view are timed, one story a line. Then a
report joins the largest story through the API, and its page is timed while the server briefs
the story again in the background. Then, for each URL (a story page, the same story's briefing
from the API, the story list with a search), N client threads (httpx, one connection each)
share a fixed number of requests, stopping early after a time limit; every request's latency is
recorded.

If Debian's `wrk` is installed, a short `wrk` run against the same URLs follows.

    python bench/serve_bench.py [--requests 400] [--clients 1,4] [--seconds 30] [--no-brief]

Prints its figures; nothing here fails on timing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SOCHI = ROOT.parent / "shared" / "corpus" / "sochi-2020"
HOST = "127.0.0.1"
TOKEN = "serve-bench-token"


@dataclass
class Run:
    label: str
    clients: int
    latencies: list[float]  # seconds, one per successful request
    errors: int
    took: float

    def row(self) -> str:
        done = sorted(self.latencies)
        if not done:
            return f"{self.label:<28} {self.clients:>7} {'-':>8} {'-':>9} {'-':>9} {self.errors:>6}"
        p50 = statistics.median(done) * 1000
        p99 = done[min(len(done) - 1, round(0.99 * (len(done) - 1)))] * 1000
        return (
            f"{self.label:<28} {self.clients:>7} {len(done):>8} {len(done) / self.took:>9.1f} "
            f"{p50:>9.1f} {p99:>9.1f} {self.errors:>6}"
        )


HEADER = (
    f"{'endpoint':<28} {'clients':>7} {'requests':>8} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} "
    f"{'errors':>6}"
)


def build_store(db: Path, brief: bool) -> tuple[int, list[str], float]:
    """Ingest sochi-2020 (if present) and the examples as `storyline ingest` does: stored,
    grouped, then (unless `brief` is False) each story briefed. The number of articles, the
    inputs, and the seconds spent briefing."""
    from storyline.pipeline import brief_changed, ingest_articles, read
    from storyline.settings import Settings
    from storyline.store import Store

    inputs = [str(p) for p in (SOCHI, EXAMPLES) if p.is_dir()]
    settings = Settings(db=str(db))
    articles = read(inputs, settings).articles
    with Store(db) as store:
        run = ingest_articles(articles, settings, store)
        started = time.perf_counter()
        if brief:
            brief_changed(run, settings, store)
    return len(articles), inputs, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
    env["STORYLINE_TOKEN"] = TOKEN
    command = [sys.executable, "-m", "storyline", "serve", "--host", HOST, "--port", str(port)]
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*command, "--db", str(db)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"storyline serve exited ({server.returncode}):\n{log.read_text()}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.terminate()
    sys.exit(f"storyline serve did not answer within 60 s:\n{log.read_text()}")


def load(base: str, label: str, path: str, clients: int, total: int, seconds: float) -> Run:
    """`total` GETs of `path` shared by `clients` threads, stopping after `seconds`."""
    lock = threading.Lock()
    left = [total]
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + seconds

    def client() -> None:
        mine: list[float] = []
        failed = 0
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.monotonic() < deadline:
                with lock:
                    if left[0] <= 0:
                        break
                    left[0] -= 1
                started = time.perf_counter()
                try:
                    response = http.get(path)
                    response.read()
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                took = time.perf_counter() - started
                if ok:
                    mine.append(took)
                else:
                    failed += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Run(label, clients, latencies, errors[0], time.perf_counter() - started)


def first_and_later_views(http: httpx.Client) -> tuple[str, str]:
    """Each story page's first view after the server starts, then a later one; the key of the
    largest story (sochi-2020's when the corpus is there) and a word that finds it."""
    listed = http.get("/api/stories", params={"limit": 100}).json()["stories"]
    print(f"\nstory pages, {len(listed)} stories: first view after the server starts, then later")
    print(f"{'story':<14} {'reports':>7} {'first ms':>9} {'later ms':>9}  state   title")
    for story in listed:
        views = []
        for _ in range(2):
            began = time.perf_counter()
            page = http.get(f"/stories/{story['id']}")
            page.raise_for_status()
            views.append((time.perf_counter() - began) * 1000)
        state = "pending" if 'http-equiv="refresh"' in page.text else "briefed"
        title = " ".join(story["title"].split())[:50]
        print(
            f"{story['id']:<14} {story['size']:>7} {views[0]:>9.1f} {views[1]:>9.1f}  "
            f"{state:<7} {title}"
        )
    word = "Sochi" if SOCHI.is_dir() else "Halvard"
    [largest] = http.get("/api/stories", params={"q": word}).json()["stories"]
    return largest["id"], word


def while_briefing(http: httpx.Client, key: str, views: int = 20) -> None:
    """A report joins the story through the API; the story page is timed while the server
    briefs the story again in the background."""
    briefing = http.get(f"/api/stories/{key}").json()
    summary = " ".join(line["text"] for line in briefing["summary"])
    text = f"{briefing['story']['title']}: a follow-up report\n\n{summary}"
    began = time.perf_counter()
    posted = http.post(
        "/api/articles",
        json={"text": text, "outlet": "Bench Wire"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    posted.raise_for_status()
    answered = (time.perf_counter() - began) * 1000
    timings, states = [], []
    for _ in range(views):
        began = time.perf_counter()
        page = http.get(f"/stories/{key}")
        timings.append((time.perf_counter() - began) * 1000)
        states.append("updating" if "A newer briefing is being made" in page.text else "current")
    began = time.perf_counter()
    http.get(f"/api/stories/{key}", params={"fresh": "true"}).raise_for_status()
    waited = time.perf_counter() - began
    print(
        f"\nPOST /api/articles to story {key} answered in {answered:.0f} ms; then {views} views "
        f"of its page: median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms "
        f"({states.count('updating')} said a newer briefing was being made); "
        f"the new briefing was ready {waited:.2f} s after the last view"
    )


def wrk(base: str, targets: list[tuple[str, str]]) -> None:
    exe = shutil.which("wrk")
    if not exe:
        print("\n(wrk is not installed: `apt-get install wrk` adds a wrk run; httpx figures above)")
        return
    for label, path in targets:
        print(f"\n== wrk -t2 -c8 -d10s, {label}: {path}")
        done = subprocess.run(
            [exe, "-t2", "-c8", "-d10s", "--latency", f"{base}{path}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        print((done.stdout or done.stderr).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per run (400)")
    parser.add_argument("--clients", default="1,4", help="client threads, one run each (1,4)")
    parser.add_argument("--seconds", type=float, default=30, help="time limit per run (30)")
    parser.add_argument("--no-wrk", action="store_true", help="skip wrk even if installed")
    parser.add_argument(
        "--no-brief",
        action="store_true",
        help="store without briefing (`storyline ingest --no-brief`): pages wait for the server",
    )
    args = parser.parse_args()
    clients = [int(n) for n in args.clients.split(",")]

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "serve.db"
        started = time.perf_counter()
        count, inputs, briefing = build_store(db, brief=not args.no_brief)
        print(
            f"storyline serve, 127.0.0.1: store of {count} articles from "
            f"{', '.join(Path(i).name for i in inputs)} ({time.perf_counter() - started:.1f} s, "
            + (
                "not briefed: --no-brief)"
                if args.no_brief
                else f"of which briefing {briefing:.1f} s)"
            )
        )
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = start_server(db, port, Path(tmp) / "serve.log")
        try:
            with httpx.Client(base_url=base, timeout=300) as http:
                key, word = first_and_later_views(http)
                while_briefing(http, key)
            targets = [
                ("story page", f"/stories/{key}"),
                ("briefing API", f"/api/stories/{key}"),
                ("story list, search", f"/?q={word}"),
            ]
            for _, path in targets:  # warm: compiled templates, connections, caches
                load(base, "warm", path, 2, 20, 10)
            print(
                f"\n{args.requests} requests per run (at most {args.seconds:.0f} s), "
                "one keep-alive connection per client\n"
            )
            print(HEADER)
            for label, path in targets:
                for n in clients:
                    print(load(base, label, path, n, args.requests, args.seconds).row())
            if not args.no_wrk:
                wrk(base, targets[:2])
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
