"""Entities, quotes and timeline against gold: precision, recall and F1 per part.

Gold: bench/gold/<story>.json, keys `entities`, `quotes`, `timeline` (and their `*_optional`
companions: borderline items that a prediction may match without being counted right or wrong).
Runs the real pipeline on each gold story and prints one compact table per story.

Matching (always one to one, best pairs first, required gold before optional gold):
- entities: a shared name form (name or alias; case, accents, a leading "the" and a trailing
  "'s" ignored) and the same type; also scored type-agnostic. Predicted entities of types outside
  the gold's `entity_types` (DATE, CARDINAL, …) are ignored. A second predicted entity for one gold
  entity (an unmerged spelling) counts as a false positive. "alias recall": the share of gold
  aliases found among the forms of the predicted entity matched to their entity (type-agnostic).
- quotes: rapidfuzz token_set_ratio >= 80 or one text containing the other, the shorter side
  holding at least a quarter of the longer one's words; speaker accuracy over the matches (the
  predicted speaker is one of the gold speaker's forms, or both are null).
- timeline: equal date and end (an end equal to the date counts as none) and at least one source
  file in common; "source recall": the share of gold (event, file) pairs the matches cover.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold"

PARTS = ("entities", "quotes", "timeline")
DEFAULT_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
QUOTE_RATIO = 80  # token_set_ratio at or above which two quote texts are the same quote
QUOTE_COVERAGE = 0.25  # the shorter text must hold this share of the longer one's words

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_WORDS = re.compile(r"\w+")


# --------------------------------------------------------------------------- normalisation


def fold(text: str) -> str:
    """Lower case, accents folded, curly quotes straightened, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def name_key(name: str | None) -> str:
    """A name form as compared: "The Mayor's" → "mayor", "Brandt & Ollis" → "brandt and ollis"."""
    if not name:
        return ""
    key = fold(name).replace("&", " and ")
    key = re.sub(r"['\"]s\b$", "", key.strip(" \t\"'.,;:!?()[]"))
    key = re.sub(r"^the\s+", "", key)
    return " ".join(key.split())


def file_name(path: str | None) -> str:
    """A source path as a gold file name: "…/coastline-wire.jsonl:1" → "coastline-wire.jsonl"."""
    if not path:
        return ""
    return Path(re.sub(r":\d+$", "", path)).name


def source_files(data: dict[str, Any]) -> dict[str, str]:
    """Source id → file name, from the briefing's `sources[].path`."""
    return {s["id"]: file_name(s.get("path")) for s in data.get("sources") or []}


def files_of(item: dict[str, Any], files: dict[str, str]) -> set[str]:
    return {files.get(sid, sid) for sid in item.get("sources") or []}


def forms(entity: dict[str, Any]) -> set[str]:
    keys = {name_key(entity.get("name"))} | {name_key(a) for a in entity.get("aliases") or []}
    keys.discard("")
    return keys


# --------------------------------------------------------------------------- helpers


def ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def prf(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int) -> dict[str, float]:
    p, r = ratio(matched_pred, n_pred), ratio(matched_gold, n_gold)
    return {
        "pred": n_pred,
        "gold": n_gold,
        "matched": matched_gold,
        "p": p,
        "r": r,
        "f1": ratio(2 * p * r, p + r),
    }


def assign(
    preds: list[dict],
    golds: list[dict],
    score: Callable[[dict, dict], float | None],
    taken: set[int] | None = None,
) -> dict[int, int]:
    """One-to-one matching, best-scoring pairs first: gold index → predicted index.

    `score` returns None for pairs that do not match; `taken` holds predicted indices already
    used (and is updated).
    """
    taken = taken if taken is not None else set()
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi in taken:
                continue
            s = score(p, g)
            if s is not None:
                pairs.append((-s, gi, pi))
    pairs.sort()
    out: dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi not in out and pi not in taken:
            out[gi] = pi
            taken.add(pi)
    return out


def assign_with_optional(
    preds: list[dict],
    golds: list[dict],
    optional: list[dict],
    score: Callable[[dict, dict], float | None],
) -> tuple[dict[int, int], int]:
    """Match required gold first, then optional gold with what is left.

    Returns the required matches and how many predictions matched optional gold (to be left out
    of precision).
    """
    taken: set[int] = set()
    matches = assign(preds, golds, score, taken)
    ignored = assign(preds, optional, score, taken)
    return matches, len(ignored)


# --------------------------------------------------------------------------- entities


def score_entities(data: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    golds = gold.get("entities") or []
    optional = gold.get("entities_optional") or []
    types = set(gold.get("entity_types") or {g["type"] for g in golds} or DEFAULT_TYPES)
    preds = [e for e in data.get("entities") or [] if e.get("type") in types]
    files = source_files(data)

    def pair_score(typed: bool) -> Callable[[dict, dict], float | None]:
        def score(p: dict, g: dict) -> float | None:
            shared = forms(p) & forms(g)
            if not shared or (typed and p.get("type") != g.get("type")):
                return None
            same_name = name_key(p.get("name")) == name_key(g.get("name"))
            return len(shared) + 2 * same_name + (p.get("type") == g.get("type"))

        return score

    typed, typed_ignored = assign_with_optional(preds, golds, optional, pair_score(True))
    anytype, any_ignored = assign_with_optional(preds, golds, optional, pair_score(False))

    aliases = [(gi, name_key(a)) for gi, g in enumerate(golds) for a in g.get("aliases") or []]
    found = sum(1 for gi, a in aliases if gi in anytype and a in forms(preds[anytype[gi]]))
    pairs = [(gi, f) for gi, g in enumerate(golds) for f in g.get("files") or []]
    covered = sum(
        1 for gi, f in pairs if gi in anytype and f in files_of(preds[anytype[gi]], files)
    )

    return {
        "typed": prf(len(typed), len(preds) - typed_ignored, len(typed), len(golds)),
        "any_type": prf(len(anytype), len(preds) - any_ignored, len(anytype), len(golds)),
        "alias_recall": ratio(found, len(aliases)),
        "source_recall": ratio(covered, len(pairs)),
        "missed": [g["name"] for gi, g in enumerate(golds) if gi not in typed],
        "wrong_type": [
            f"{g['name']} ({preds[pi].get('type')}, gold {g['type']})"
            for gi, pi in anytype.items()
            if gi not in typed
            for g in [golds[gi]]
        ],
        "extra": _unmatched(
            preds, {*typed.values(), *anytype.values()}, optional, pair_score(False), "name"
        ),
    }


def _unmatched(
    preds: list[dict],
    used: set[int],
    optional: list[dict],
    score: Callable[[dict, dict], float | None],
    field: str,
) -> list[str]:
    """What a predicted item says, for the predictions that match no gold item."""
    out = []
    for pi, p in enumerate(preds):
        if pi in used or any(score(p, o) is not None for o in optional):
            continue
        out.append(str(p.get(field)))
    return out


# --------------------------------------------------------------------------- quotes


def quote_score(p: dict, g: dict) -> float | None:
    """How well a predicted quote's text matches a gold one's; None when it does not."""
    a, b = fold(p.get("text") or ""), fold(g.get("text") or "")
    wa, wb = _WORDS.findall(a), _WORDS.findall(b)
    if not wa or not wb:
        return None
    if min(len(wa), len(wb)) < QUOTE_COVERAGE * max(len(wa), len(wb)):
        return None
    ja, jb = " ".join(wa), " ".join(wb)
    set_ratio = fuzz.token_set_ratio(ja, jb)
    if set_ratio < QUOTE_RATIO and ja not in jb and jb not in ja:
        return None
    return set_ratio + fuzz.ratio(ja, jb) / 1000


def speaker_forms(speaker: str | None, entities: Iterable[dict]) -> set[str]:
    """The forms that name a gold speaker: its canonical name and its entity's aliases."""
    if speaker is None:
        return {""}
    key = name_key(speaker)
    for e in entities:
        if name_key(e.get("name")) == key:
            return forms(e) | {key}
    return {key}


def score_quotes(data: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    golds = gold.get("quotes") or []
    optional = gold.get("quotes_optional") or []
    entities = (gold.get("entities") or []) + (gold.get("entities_optional") or [])
    preds = list(data.get("quotes") or [])
    files = source_files(data)

    matches, ignored = assign_with_optional(preds, golds, optional, quote_score)
    right_speaker = right_kind = 0
    wrong = []
    for gi, pi in matches.items():
        g, p = golds[gi], preds[pi]
        if name_key(p.get("speaker")) in speaker_forms(g.get("speaker"), entities):
            right_speaker += 1
        else:
            wrong.append(f"{g['text'][:50]}…: {p.get('speaker')!r}, gold {g.get('speaker')!r}")
        right_kind += (p.get("kind") or "direct") == g.get("kind", "direct")
    pairs = [(gi, f) for gi, g in enumerate(golds) for f in g.get("files") or []]
    covered = sum(
        1 for gi, f in pairs if gi in matches and f in files_of(preds[matches[gi]], files)
    )

    return {
        "detection": prf(len(matches), len(preds) - ignored, len(matches), len(golds)),
        "speaker_accuracy": ratio(right_speaker, len(matches)),
        "kind_accuracy": ratio(right_kind, len(matches)),
        "source_recall": ratio(covered, len(pairs)),
        "missed": [g["text"] for gi, g in enumerate(golds) if gi not in matches],
        "wrong_speaker": wrong,
        "extra": _unmatched(preds, set(matches.values()), optional, quote_score, "text"),
    }


# --------------------------------------------------------------------------- timeline


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def event_key(event: dict) -> tuple[str | None, str | None]:
    date, end = _day(event.get("date")), _day(event.get("end"))
    return date, (None if end == date else end)


def score_timeline(data: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    golds = gold.get("timeline") or []
    optional = gold.get("timeline_optional") or []
    files = source_files(data)
    preds = [dict(e, files=sorted(files_of(e, files))) for e in data.get("timeline") or []]

    def score(p: dict, g: dict) -> float | None:
        shared = set(p["files"]) & set(g.get("files") or [])
        if event_key(p) != event_key(g) or not shared:
            return None
        about = fold(g.get("about") or "")
        return len(shared) + fuzz.token_set_ratio(fold(p.get("text") or ""), about) / 1000

    matches, ignored = assign_with_optional(preds, golds, optional, score)
    pairs = [(gi, f) for gi, g in enumerate(golds) for f in g.get("files") or []]
    covered = sum(1 for gi, f in pairs if gi in matches and f in preds[matches[gi]]["files"])

    def label(e: dict) -> str:
        date, end = event_key(e)
        return f"{date}{'..' + end if end else ''} {e.get('about') or e.get('text') or ''}"[:90]

    return {
        "events": prf(len(matches), len(preds) - ignored, len(matches), len(golds)),
        "source_recall": ratio(covered, len(pairs)),
        "missed": [label(g) for gi, g in enumerate(golds) if gi not in matches],
        "extra": [
            label(p)
            for pi, p in enumerate(preds)
            if pi not in set(matches.values())
            and not any(score(p, o) is not None for o in optional)
        ],
    }


# --------------------------------------------------------------------------- story


def score_story(data: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    return {
        "entities": score_entities(data, gold),
        "quotes": score_quotes(data, gold),
        "timeline": score_timeline(data, gold),
    }


def format_table(title: str, scores: dict[str, Any], verbose: bool = False) -> str:
    ent, quo, tim = scores["entities"], scores["quotes"], scores["timeline"]
    rows = [
        ("entities", ent["typed"], f"alias recall {ent['alias_recall']:.3f}"),
        ("entities (any type)", ent["any_type"], f"source recall {ent['source_recall']:.3f}"),
        (
            "quotes",
            quo["detection"],
            f"speaker acc {quo['speaker_accuracy']:.3f}, kind acc {quo['kind_accuracy']:.3f}",
        ),
        ("timeline", tim["events"], f"source recall {tim['source_recall']:.3f}"),
    ]
    lines = [
        title,
        f"{'part':<20} {'pred':>4} {'gold':>4} {'match':>5}  {'P':>5}  {'R':>5}  {'F1':>5}",
    ]
    for name, s, extra in rows:
        lines.append(
            f"{name:<20} {s['pred']:>4} {s['gold']:>4} {s['matched']:>5}  "
            f"{s['p']:.3f}  {s['r']:.3f}  {s['f1']:.3f}  {extra}"
        )
    if verbose:
        for part, key in [
            ("entities", "missed"),
            ("entities", "wrong_type"),
            ("entities", "extra"),
            ("quotes", "missed"),
            ("quotes", "wrong_speaker"),
            ("quotes", "extra"),
            ("timeline", "missed"),
            ("timeline", "extra"),
        ]:
            for item in scores[part][key]:
                lines.append(f"  {part} {key}: {item}")
    return "\n".join(lines)


def run_pipeline(story_dir: Path) -> dict[str, Any]:
    from storyline.pipeline import brief_articles, read
    from storyline.settings import Settings

    briefing = brief_articles(read([str(story_dir)], Settings()).articles, Settings())
    return briefing.to_dict()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if not any(key in gold for key in PARTS):
            print(f"{gold_file.name}: no entities, quotes or timeline annotated, skipped\n")
            continue
        story_dir = ROOT / gold["story"]
        if not story_dir.is_dir():
            print(f"{gold_file.name}: no story folder {story_dir}, skipped", file=sys.stderr)
            continue
        data = run_pipeline(story_dir)
        title = f"{gold['story']} ({len(data.get('sources') or [])} sources)"
        print(format_table(title, score_story(data, gold), args.verbose))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
