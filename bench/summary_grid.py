"""How robust the summary's choice is: gold-fact coverage of the real stories around the current
summary settings.

Each story that bench/score_stories.py scores is briefed once, up to its contradictions, with
default settings. Then, for the current settings and for each summary setting moved alone
(x0.5, x0.75, x1.25, x1.5; shares kept at most 1; the lead window one sentence either way), its
claims are ranked and its summary is chosen again, and scored as score_stories scores it: the
facts of 7 its sentences state and whether the first states the lead, beside sumy's LexRank at
the same word budget. A change to how the summary chooses is worth keeping where the settings
around it keep its gain; one that wins at a single point is fitted to these nine stories.

The word budget is not moved: more words cover more facts and say nothing about the choice.
`--story NAME` scores only these stories. Exits 0; skipped without ../shared.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
from collections.abc import Iterator

from score_stories import PAGES, coverage, lexrank, load_stories
from storyline import blas
from storyline.pipeline import read
from storyline.settings import Settings, load_settings
from storyline.steps import STEPS, Draft, run_steps, summary
from storyline.summarize import rank_claims

# The steps a summary rests on; the grid re-runs only the ranking and the summary itself.
BEFORE_SUMMARY = STEPS[: [name for name, _ in STEPS].index("contradictions") + 1]
FACTORS = (0.5, 0.75, 1.25, 1.5)
# Settings that are shares (a trade-off, a similarity or a weight against 1) stay at most 1.
SHARES = {"redundancy", "duplicate_similarity", "quote_weight"}


def drafts(names: list[str], stories: dict[str, dict], settings: Settings) -> dict[str, Draft]:
    """Each story's draft up to its contradictions."""
    out = {}
    for name in names:
        paths = [str(PAGES / f"{page}.html.gz") for page in stories[name]["ids"]]
        with blas.limited(settings.threads):
            out[name] = run_steps(Draft(read(paths, settings).articles), settings, BEFORE_SUMMARY)
    return out


def summary_texts(draft: Draft, settings: Settings) -> list[str]:
    """The summary's sentences (not its disagreement lines) under `settings`."""
    draft.claims = rank_claims(
        draft.claims, draft.sources, draft.alignment, draft.voices, settings.summary
    )
    return [s.text for s in summary(draft, settings).summary if s.contradiction is None]


def grid(settings: Settings) -> Iterator[tuple[str, Settings]]:
    """The current settings, then each summary setting moved alone."""
    yield "current", settings
    for factor in FACTORS:
        value = min(settings.redundancy * factor, 1.0)
        yield f"redundancy={value:.3g}", dataclasses.replace(settings, redundancy=value)
    tuning = settings.summary
    for field in dataclasses.fields(tuning):
        now = getattr(tuning, field.name)
        if isinstance(now, int):
            values = [now - 1, now + 1] if field.name == "lead_sentences" else []
        else:
            values = [min(now * f, 1.0) if field.name in SHARES else now * f for f in FACTORS]
        for value in values:
            moved = dataclasses.replace(tuning, **{field.name: value})
            yield f"{field.name}={value:.3g}", dataclasses.replace(settings, summary=moved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", action="append", help="score only these stories")
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"summary_grid needs {PAGES}; skipped")
        return
    stories = load_stories()
    names = args.story or list(stories)
    settings = load_settings()
    drafted = drafts(names, stories, settings)
    peers = {
        name: coverage(
            stories[name]["facts"], lexrank([a.text for a in d.articles], settings.words)
        )[0]
        for name, d in drafted.items()
    }
    heads = " ".join(f"{n[:6]:>6}" for n in names)
    print(f"{'setting':32} {'mean':>5} {'>LexRank':>8} {'lead':>5}  {heads}")
    peer_row = " ".join(f"{peers[n]:6}" for n in names)
    print(f"{'LexRank':32} {statistics.mean(peers.values()):5.2f} {'':8} {'':5}  {peer_row}")
    rows = []
    for label, moved in grid(settings):
        scored = {n: coverage(stories[n]["facts"], summary_texts(drafted[n], moved)) for n in names}
        mean = statistics.mean(c for c, _ in scored.values())
        above = sum(scored[n][0] > peers[n] for n in names)
        leads = sum(lead for _, lead in scored.values())
        rows.append((label, mean, above))
        print(
            f"{label:32} {mean:5.2f} {above:4}/{len(names):<3} {leads:2}/{len(names):<2}  "
            + " ".join(f"{scored[n][0]:6}" for n in names)
        )
    _, base, base_above = rows[0]
    moved = rows[1:]
    print(
        f"\n{sum(m >= base for _, m, _ in moved)} of {len(moved)} moved settings keep the current"
        f" mean ({base:.2f}); {sum(a >= base_above for *_, a in moved)} keep as many stories above"
        f" LexRank ({base_above} of {len(names)})."
    )


if __name__ == "__main__":
    main()
