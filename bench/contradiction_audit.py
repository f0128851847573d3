"""Every contradiction reported on real same-event groups without gold facts, side by side, so a
person can judge each one real or false.

Groups: those of bench/gold/pile-groups.json whose pages no labelled story (facts.json or
bench/gold/stories/) uses, less the four held out for judging ("plague", "meth", "duvet",
"lunar": never tune on them; `--held-out` adds them), plus ../shared/corpus's stories. Each is
briefed from its raw pages with default settings. Prints each contradiction's kind, what it is
about, and each side's value with the sentence that states it. Exits 0.
"""

from __future__ import annotations

import argparse
import json

from score_stories import PAGES, ROOT, SHARED, load_stories

GROUPS = ROOT / "bench" / "gold" / "pile-groups.json"
CORPUS = SHARED / "corpus"
HELD_OUT = ("plague", "meth", "duvet", "lunar")


def groups(held_out: bool) -> dict[str, list[str]]:
    """Group name -> input paths."""
    labelled = {page[:16] for gold in load_stories().values() for page in gold["ids"]}
    out = {}
    for group in json.loads(GROUPS.read_text(encoding="utf-8"))["groups"]:
        if set(group["pages"]) & labelled:
            continue
        if not held_out and any(w in group["event"].lower() for w in HELD_OUT):
            continue
        pages = [str(next(PAGES.glob(f"{page}*.html*"))) for page in group["pages"]]
        out[group["event"]] = pages
    for story in sorted(p for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []:
        out[f"corpus/{story.name}"] = [str(story)]
    return out


def audit(name: str, paths: list[str]) -> int:
    from storyline.pipeline import brief_articles, read
    from storyline.settings import Settings

    articles = read(paths, Settings()).articles
    briefing = brief_articles(articles, Settings()).to_dict()
    found = briefing["contradictions"]
    print(f"\n=== {name}: {len(articles)} pages, {len(found)} contradictions")
    for n, c in enumerate(found, 1):
        print(f"  {n}. {c['kind']} about {c['about']!r}")
        for side in c["sides"]:
            print(f"     [{side['text']}] ({', '.join(side['sources'])})")
            for e in side["evidence"]:
                print(f"        {e['source']}: {e['text'][:300]}")
    return len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="also the four held-out groups")
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"contradiction_audit needs {PAGES}; skipped")
        return
    total = sum(audit(name, paths) for name, paths in groups(args.held_out).items())
    print(f"\n{total} contradictions in all: judge each above as real or false")


if __name__ == "__main__":
    main()
