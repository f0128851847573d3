"""The entities of one story, looked up by name, role phrase or position in a source's text."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from rapidfuzz.distance import JaroWinkler

from ...model import Entity
from .names import first_names_match, fold, surname_match
from .offices import Offices
from .roles import Grammar, Text
from .spans import surface_key, words_of


class EntityIndex:
    """The entities of one story, with look-ups by name, role phrase and position."""

    def __init__(
        self,
        entities: list[Entity],
        grammar: Grammar | None = None,
        offices: Offices | None = None,
    ) -> None:
        self.entities = entities
        self._grammar = grammar
        self._offices = offices or Offices({}, {})
        self._by_id = {e.id: e for e in entities}
        self._by_surface: dict[str, set[str]] = defaultdict(set)
        self._by_source: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for e in entities:
            for surface in (e.name, *e.aliases, *(m.text for m in e.spans)):
                self._by_surface[surface_key(surface)].add(e.id)
            for m in e.spans:
                self._by_source[m.source].append((m.start, m.end, e.id))
        for spans in self._by_source.values():
            spans.sort()

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def at(self, source: str, start: int, end: int) -> Entity | None:
        """The entity a mention overlapping text[start:end] of `source` refers to."""
        best, best_key = None, None
        for a, b, eid in self._by_source.get(source, ()):
            if a >= end:
                break
            overlap = min(b, end) - max(a, start)
            if overlap > 0:
                key = (overlap, -(b - a))  # most overlap, then the most specific mention
                if best_key is None or key > best_key:
                    best, best_key = eid, key
        return self._by_id.get(best) if best else None

    def resolve(
        self, name: str, source: str | None = None, offset: int | None = None
    ) -> Entity | None:
        """The entity a name or role phrase found in text stands for; None if unknown/ambiguous.

        `source` and `offset` break ties toward the entity mentioned in that source, nearest
        before that position ("Berg" after "Karl Berg" is Karl).
        """
        surface = surface_key(name)
        if not surface:
            return None
        if ids := self._by_surface.get(surface):
            words = words_of(name)
            if len(words) == 1 and any(self._by_id[i].type == "PERSON" for i in ids):
                ids = ids | self._people_named(words, exact=True)  # two Bergs: ask the context
            return self._pick(ids, source, offset)
        if entity := self._resolve_role(name, source, offset):
            return entity
        words = words_of(name)
        for k in range(1, len(words)):  # "the press secretary … Dmitry Peskov": the name at the end
            if words[k][0].isupper() and (ids := self._by_surface.get(fold(" ".join(words[k:])))):
                if len(words) - k == 1:
                    ids = ids | self._people_named(words[k:], exact=True)
                return self._pick(ids, source, offset)
        if words and words[-1][0].isupper() and (ids := self._people_named(words)):
            return self._pick(ids, source, offset)
        scored = [
            (JaroWinkler.similarity(surface, key), ids)
            for key, ids in self._by_surface.items()
            if abs(len(key) - len(surface)) <= 3 and min(len(key), len(surface)) >= 5
        ]
        close = set().union(*(ids for score, ids in scored if score >= 0.93)) if scored else set()
        return self._pick(close, source, offset) if close else None

    def name_of(
        self, name: str, source: str | None = None, offset: int | None = None
    ) -> str | None:
        """`resolve`, for callers that want the canonical name only (quotes, contradictions)."""
        entity = self.resolve(name, source, offset)
        return entity.name if entity is not None else None

    def _people_named(self, words: list[str], exact: bool = False) -> set[str]:
        """Ids of the people whose surname (and given name, if `words` has one) match."""

        def same(a: str, b: str) -> bool:
            return fold(a) == fold(b) if exact else surname_match(a, b)

        return {
            e.id
            for e in self.entities
            if e.type == "PERSON"
            and any(
                same(words[-1], w[-1]) and first_names_match(tuple(words[:-1]), tuple(w[:-1]))
                for w in (words_of(s) for s in (e.name, *e.aliases))
                if w
            )
        }

    def _resolve_role(self, phrase: str, source: str | None, offset: int | None) -> Entity | None:
        if self._grammar is None:
            return None
        text = Text.of(phrase)
        role = self._grammar.parse(text.tokens, text.lower, 0, len(text.tokens), need_det=False)
        if role is None or role.end != len(text.tokens):
            return None
        number = self._offices.holder(role.key)
        if number is not None:
            return self.entities[number]
        if not role.qualified and source is not None:  # "the President": the one nearest
            ids = {self.entities[n].id for n in self._offices.holders_of_kind(role.key)}
            return self._pick(ids, source, offset, need_source=True)
        return None

    def _pick(
        self, ids: set[str], source: str | None, offset: int | None, need_source: bool = False
    ) -> Entity | None:
        if len(ids) == 1 and not need_source:
            return self._by_id[next(iter(ids))]
        if source is None:
            return None
        here = [(a, eid) for a, _b, eid in self._by_source.get(source, ()) if eid in ids]
        if not here:
            return None
        if offset is None:
            counts = Counter(eid for _a, eid in here).most_common(2)
            if len(counts) == 1 or counts[0][1] > counts[1][1]:
                return self._by_id[counts[0][0]]
            return None
        before = [(a, eid) for a, eid in here if a <= offset]
        if before:
            return self._by_id[max(before)[1]]
        return self._by_id[min(here)[1]]
