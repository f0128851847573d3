"""Time each step of briefing a story in this process, for bench/run.py (which runs it fresh).

    python bench/brief_steps.py STORY [FIRST]

Briefs STORY twice and prints the step timings of both runs as one JSON object: "cold" (this
process's first brief, so its imports and model loads included; "import" is the time to import
the pipeline) and "again" (the same story once more). With FIRST, the process briefs FIRST
before STORY, and the object holds "warm": STORY briefed with the models loaded but none of its
articles read before.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time


def main() -> None:
    started = time.perf_counter()
    from storyline.pipeline import brief
    from storyline.settings import Settings
    from storyline.store import Store

    imported = time.perf_counter() - started
    story, first = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp, Store(f"{tmp}/steps.db") as store:
        settings = Settings(db=f"{tmp}/steps.db")
        if first:
            brief(first, settings, store)
            print(json.dumps({"warm": brief([story], settings, store).timings}))
            return
        cold = {"import": imported, **brief([story], settings, store).timings}
        again = brief([story], settings, store).timings
    print(json.dumps({"cold": cold, "again": again}))


if __name__ == "__main__":
    main()
