"""What a report's anchors cost (`story_evidence.report_evidence`, read once per report new to
a consolidation region): CPU ms per report over the real pages (the article-extraction
benchmark's, sochi-2020's and the examples') and over a scale.py pile, whose generated reports
are all distinct, as an ingest's are.

Each pass starts with no quantities cached, so that the pages, read many times over, cost what
they would read once. `--dump FILE` writes every report's anchors (sorted, as JSON) to compare
two versions of the code byte for byte: run both with one PYTHONHASHSEED, since passages are
Python's hashes.

    PYTHONHASHSEED=0 python bench/evidence_cost.py [--pile 10000] [--passes 3] [--dump FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import astuple
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import PAGES, ROOT, SOCHI, load_seeds, pile  # bench/ is no package


def real_reports() -> list[tuple[str, str]]:
    """(title, opening) of every page, sochi-2020 report and example."""
    from storyline.pipeline import read
    from storyline.settings import Settings
    from storyline.store_regions import REGION_TEXT_CHARS

    folders = [PAGES, SOCHI, *sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())]
    articles = [a for f in folders if f.is_dir() for a in read([str(f)], Settings()).articles]
    return [(a.title or "", a.text[:REGION_TEXT_CHARS]) for a in articles]


def cost(reports: list[tuple[str, str]], passes: int) -> list[float]:
    """CPU ms per report of each pass of report_evidence over `reports`."""
    from storyline.annotate.quantities import _quantities
    from storyline.story_evidence import report_evidence

    found = []
    for _ in range(passes):
        _quantities.cache_clear()
        started = time.process_time()
        for title, opening in reports:
            report_evidence(title, opening)
        found.append((time.process_time() - started) * 1000 / len(reports))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pile", type=int, default=10000, help="reports of the scale.py pile")
    parser.add_argument("--passes", type=int, default=3, help="passes over each set, timed apart")
    parser.add_argument("--dump", type=Path, help="write every report's anchors here (JSON)")
    args = parser.parse_args()
    from storyline.store_regions import REGION_TEXT_CHARS
    from storyline.story_evidence import report_evidence

    piles = {
        "real reports": real_reports(),
        f"scale.py pile of {args.pile:,}": [
            (a.title or "", a.text[:REGION_TEXT_CHARS]) for a in pile(args.pile, load_seeds())
        ],
    }
    for name, reports in piles.items():
        ms = cost(reports, args.passes)
        print(
            f"{name}: {len(reports):,} reports, report_evidence CPU ms/report best "
            f"{min(ms):.3f} (passes: {', '.join(f'{m:.3f}' for m in ms)})"
        )
    if args.dump:
        anchors = [
            [sorted(kind) for kind in astuple(report_evidence(*r))]
            for reports in piles.values()
            for r in reports
        ]
        args.dump.write_text(json.dumps(anchors))
        print(f"anchors of {len(anchors):,} reports written to {args.dump}")


if __name__ == "__main__":
    main()
