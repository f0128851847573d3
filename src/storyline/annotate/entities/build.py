"""Entity records from the grouped mentions: canonical names, aliases, ids by prominence."""

from __future__ import annotations

from collections import Counter, defaultdict

from ...model import Entity, Mention, source_number
from .people import Person
from .spans import Span, words_of
from .things import majority


def build_entities(
    groups: list[list[Span]], persons: list[Person]
) -> tuple[list[Entity], dict[int, int]]:
    built: list[tuple[Entity, int]] = []
    for number, group in enumerate(groups):
        spans = sorted(group, key=lambda s: (source_number(s.source), s.start))
        if number < len(persons):
            kind = "PERSON"
            name = _person_name([s for s in spans if not s.role_phrase])
        else:
            kind = majority(s.label for s in spans)
            name = _thing_name(spans)
        aliases: dict[str, str] = {}
        for s in spans:
            surface = " ".join(s.text.split())
            if surface.casefold() != name.casefold():
                aliases.setdefault(surface.casefold(), surface)
        entity = Entity(
            id="",
            name=name,
            type=kind,
            aliases=sorted(aliases.values(), key=str.casefold),
            sources=sorted({s.source for s in spans}, key=source_number),
            mentions=len(spans),
            spans=[Mention(s.source, s.start, s.end, s.text) for s in spans],
        )
        built.append((entity, number))
    built.sort(
        key=lambda eb: (
            -eb[0].mentions,
            -len(eb[0].sources),
            source_number(eb[0].spans[0].source),
            eb[0].spans[0].start,
        )
    )
    numbers: dict[int, int] = {}
    for position, (entity, number) in enumerate(built):
        entity.id = f"E{position + 1}"
        numbers[number] = position
    return [e for e, _ in built], numbers


def _person_name(spans: list[Span]) -> str:
    """The most complete, most frequent spelling: "Alexander Lukashenko", not "Lukashenka"."""
    surnames: Counter[str] = Counter()
    sources: dict[str, set[str]] = defaultdict(set)
    full: Counter[tuple[str, ...]] = Counter()
    written: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for s in spans:
        words = words_of(s.text)
        if not words:
            continue
        surnames[words[-1]] += 1
        sources[words[-1]].add(s.source)
        if len(words) >= 2:
            full[tuple(words)] += 1
            written[tuple(words)][" ".join(s.text.split())] += 1
    surname = max(surnames, key=lambda w: (surnames[w], len(sources[w]), len(w), w))
    if not full:
        return surname
    firsts: Counter[tuple[str, ...]] = Counter()
    for words, count in full.items():
        firsts[words[:-1]] += count
    given = max(firsts, key=lambda f: (firsts[f], -len(f), f))
    if (as_written := written.get((*given, surname))) is not None:
        return as_written.most_common(1)[0][0]  # "John M. Ford", with its full stop
    return " ".join((*given, surname))


def _thing_name(spans: list[Span]) -> str:
    counts = Counter(" ".join(s.text.split()) for s in spans)

    def rank(surface: str) -> tuple[bool, int, int, str]:
        acronym = surface.isupper() and len(surface) <= 6
        return (not acronym, counts[surface], len(surface), surface)

    return max(counts, key=rank)
