"""A disagreement assembled: one side per value, pooled across the pairs of sentences that show
it, and the claims that lose the sources on a disputed side."""

from __future__ import annotations

from collections import defaultdict

from ..model import Claim, Contradiction, Evidence, Sentence, Side, source_number

FIRST_NAME = "first name of"


def disputes_facts(c: Contradiction) -> bool:
    """Whether the sentences on the sides of a disagreement dispute what they state. A slip in
    a first name does not: "Putin and Alexander Lukashenko will meet" states the meeting
    whichever first name is right."""
    return not c.about.startswith(FIRST_NAME)


def contradiction(about: str, kind: str, fillers: list[tuple[str, Sentence]]) -> Contradiction:
    """Sides from (value, sentence) pairs: one side per distinct value."""
    by_value: dict[str, dict[str, Evidence]] = defaultdict(dict)
    for value, s in fillers:
        by_value[value].setdefault(s.source, Evidence.of(s))
    sides = []
    for value, evidence in by_value.items():
        sources = sorted(evidence, key=source_number)
        sides.append(Side(value, sources, [evidence[sid] for sid in sources]))
    sides.sort(key=lambda side: source_number(side.sources[0]))
    return Contradiction(about, kind, sides)


def one_voice_says_both(fillers: list[tuple[str, Sentence]], voices: dict[str, str]) -> bool:
    """A voice that gives two of the values itself is listing or counting two things, not
    disagreeing with another."""
    said: dict[str, set[str]] = defaultdict(set)
    for value, sentence in fillers:
        said[voices[sentence.source]].add(value)
    return any(len(values) > 1 for values in said.values())


def _cites(side: Side) -> set[tuple[str, int]]:
    return {(e.source, e.sentence) for e in side.evidence}


def merge(found: list[Contradiction]) -> list[Contradiction]:
    """One entry per disagreement, however many pairs of sentences showed it.

    Findings of one kind about one thing that share a side's words are one disagreement: their
    sides pool sources. A set of sentences then disagrees once, under the first kind found.
    """
    pooled: list[Contradiction] = []
    for c in sorted(found, key=lambda c: -len(c.sources)):
        into = next(
            (
                p
                for p in pooled
                if p.kind == c.kind
                and p.about == c.about
                and {s.text for s in p.sides} & {s.text for s in c.sides}
            ),
            None,
        )
        if into is None:
            pooled.append(c)
            continue
        for side in c.sides:
            # The same side in other words ("42 workers", "Forty-two workers") is one side.
            target = next(
                (s for s in into.sides if s.text == side.text or _cites(s) & _cites(side)), None
            )
            if target is None:
                into.sides.append(side)
                continue
            for e in side.evidence:
                if e.source not in target.sources:
                    target.sources.append(e.source)
                    target.evidence.append(e)
            target.evidence.sort(key=lambda e: source_number(e.source))
            target.sources.sort(key=source_number)
    out, seen = [], set()
    for c in pooled:
        sentences = frozenset((e.source, e.sentence) for side in c.sides for e in side.evidence)
        if sentences in seen:
            continue
        seen.add(sentences)
        c.sides.sort(key=lambda side: source_number(side.sources[0]))
        out.append(c)
    return out


def drop_other_sides(claims: list[Claim], contradictions, voices: dict[str, str]) -> None:
    """A source on the other side of a disagreement does not back the claim it disputes.

    Sentences about one thing align into one claim even when their details clash ("minor
    injuries" and "serious burns"); once the clash is known, the claim keeps the side of its own
    sentence (or, if that takes none, the side most of its sentences take) and loses the rest.
    """
    side_of: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for n, c in enumerate(contradictions):
        for k, side in enumerate(c.sides):
            for e in side.evidence:
                side_of.setdefault((e.source, e.sentence), []).append((n, k))
    for claim in claims:
        evidence = claim.evidence
        for n in {n for e in evidence for n, _ in side_of.get((e.source, e.sentence), [])}:
            taken = {
                (e.source, e.sentence): k
                for e in evidence
                for m, k in side_of.get((e.source, e.sentence), [])
                if m == n
            }
            if len(set(taken.values())) < 2:
                continue
            own = next(((e.source, e.sentence) for e in evidence if e.text == claim.text), None)
            keep = (
                taken.get(own)
                if own in taken
                else max(set(taken.values()), key=list(taken.values()).count)
            )
            evidence = [e for e in evidence if taken.get((e.source, e.sentence), keep) == keep]
        if len(evidence) < len(claim.evidence):
            claim.evidence = evidence
            claim.sources = sorted({e.source for e in evidence}, key=source_number)
            claim.independent = len({voices[s] for s in claim.sources})
