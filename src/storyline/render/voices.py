"""Sources that are one voice: syndicated copies, and one outlet's reports, as a reader is told.

Copies say the same sentence, so a side of a disagreement lists each wording once with every
source that has it; a claim only one voice reports names the voice and its copies together.
"""

from __future__ import annotations

from storyline.model import Evidence, Exclusive, Side, Source

MAX_SIDE_EVIDENCE = 3  # distinct evidence sentences shown per side of a disagreement

# (text, source id or None): a sentence in pieces, so a page can link the source ids.
Segment = tuple[str, str | None]


def _squash(text: str) -> str:
    return " ".join(text.split())


def same_outlet(a: Source | None, b: Source | None) -> bool:
    if a is None or b is None or not a.article.outlet or not b.article.outlet:
        return False
    return a.article.outlet.strip().casefold() == b.article.outlet.strip().casefold()


def side_groups(
    side: Side, limit: int = MAX_SIDE_EVIDENCE
) -> tuple[list[tuple[str, list[tuple[str, Evidence | None]]]], int]:
    """A side's sources grouped by the sentence they say it in, and how many groups are left off.

    Each group is (text, [(source id, its evidence)]); the text is "" when the sentence only
    repeats the side's own words. A source without evidence gets a group of its own with no
    text, so every source stays cited.
    """
    groups: dict[str, tuple[str, list[tuple[str, Evidence | None]]]] = {}
    bare: list[tuple[str, list[tuple[str, Evidence | None]]]] = []
    same_as_side = _squash(side.text)
    for sid in side.sources:
        ev = next((e for e in side.evidence if e.source == sid), None)
        if ev is None:
            bare.append(("", [(sid, None)]))
            continue
        key = _squash(ev.text)
        _, found = groups.setdefault(key, ("" if key == same_as_side else ev.text, []))
        found.append((sid, ev))
    every = [*groups.values(), *bare]
    return every[:limit], max(0, len(every) - limit)


def _id_list(ids: list[str]) -> list[Segment]:
    out: list[Segment] = []
    for i, sid in enumerate(ids):
        if i:
            out.append((", " if i < len(ids) - 1 else " and ", None))
        out.append((sid, sid))
    return out


def exclusive_intro(sources: dict[str, Source], ex: Exclusive) -> list[Segment]:
    """ "Only S4 (Outlet) reports:", "Only S3 (Agency) and its copy S6 report:" as segments."""
    voice = sources.get(ex.source)
    outlet = voice.article.outlet if voice is not None else None
    out: list[Segment] = [("Only ", None), (ex.source, ex.source)]
    if outlet and outlet.strip():
        out.append((f" ({_squash(outlet)})", None))
    others = [sid for sid in ex.sources if sid != ex.source]
    if not others:
        return [*out, (" reports:", None)]
    same = [sid for sid in others if same_outlet(voice, sources.get(sid))]
    copies = [sid for sid in others if sid not in same]
    parts: list[list[Segment]] = []
    if same:
        parts.append([*_id_list(same), (" of the same outlet", None)])
    if copies:
        parts.append([("its copies " if len(copies) > 1 else "its copy ", None), *_id_list(copies)])
    for i, part in enumerate(parts):
        out.append((" and " if i == len(parts) - 1 else ", ", None))
        out.extend(part)
    return [*out, (" report:", None)]
