"""People: the roles each mention is given, and the mentions clustered into persons.

Full names with matching surnames are one person when their first names agree or, if the first
names differ, when they hold the same role ("Belarusian President Alexei Lukashenko" is Alexander
Lukashenko; "Tomas Berg, the mayor" and "Karl Berg, a fisherman" stay two people). A surname alone
joins the full name; where two people share it, the one the report named last.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...model import source_number
from .names import first_names_match, fold, surname_match
from .roles import DETERMINERS, GENERIC_ROLES, Grammar, Text
from .spans import Span, words_of


@dataclass(slots=True)
class Person:
    """A person being assembled: the forms of their name, their roles, their mentions."""

    forms: Counter[tuple[tuple[str, ...], str]] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    spans: list[Span] = field(default_factory=list)

    @property
    def surnames(self) -> set[str]:
        return {last for _first, last in self.forms}

    @property
    def given(self) -> set[tuple[str, ...]]:
        return {first for first, _last in self.forms if first}


def _roles_overlap(a: Iterable[str], b: Iterable[str]) -> bool:
    specific = {r for r in a if r not in GENERIC_ROLES}
    return any(r in specific for r in b)


def learn_roles(people: list[Span], texts: dict[str, Text], grammar: Grammar) -> None:
    """Titles just before a name, or in apposition just after it, as normalised role keys."""
    by_source: dict[str, list[Span]] = defaultdict(list)
    for s in people:
        by_source[s.source].append(s)
    for source, spans in by_source.items():
        t = texts[source]
        n = len(t.tokens)
        for number, s in enumerate(spans):
            i = t.index(s.start)
            before = spans[number - 1] if number else None
            # "… Vladimir Putin Dmitry Peskov": two names with nothing between them
            glued = before is not None and t.index(before.end) == i
            limit = t.index(before.start) if glued else i
            if limit < n and t.tokens[limit - 1 : limit] == [","]:
                limit -= 1
            found = []
            for j in range(t.clause_start(limit), limit):
                role = grammar.parse(t.tokens, t.lower, j, limit, need_det=False)
                if role and role.end == limit:
                    found.append(role.key)
            if glued:  # "the press secretary of [the President of Russia] Putin Peskov"
                if len(found) > 1 and before is not None:
                    s.roles.append(found[0])  # the outer title is the second name's
                    before.roles[:] = [found[-1]]  # the inner one the first's
            elif found:
                s.roles.append(found[0])
            j = t.index(s.end)
            if j < n and t.tokens[j] == ",":
                role = grammar.parse(t.tokens, t.lower, j + 1, n, need_det=False)
                stop = role.end if role else j + 1
                if role and (stop == n or t.tokens[stop] in (",", ".", ";", ")")):
                    s.roles.append(role.key)
                elif t.lower[j + 1 : j + 2] and t.lower[j + 1] in DETERMINERS:  # ", a fisherman,"
                    k = j + 2
                    while k < min(n, j + 6) and t.tokens[k].isalpha() and t.tokens[k].islower():
                        k += 1
                    if k > j + 2 and k < n and t.tokens[k] in (",", ".", ";"):
                        s.roles.append(" ".join(t.lower[j + 2 : k]))


def cluster_people(people: list[Span]) -> list[Person]:
    """Full names first (most frequent first), then surnames written alone."""
    persons: list[Person] = []
    by_initial: dict[str, set[int]] = defaultdict(set)  # compare only names that could match
    by_surname: dict[str, set[int]] = defaultdict(set)

    def add(number: int, first: tuple[str, ...], last: str, spans: list[Span]) -> None:
        p = persons[number]
        p.forms[(first, last)] += len(spans)
        p.roles.update(r for s in spans for r in s.roles)
        by_initial[fold(last)[:1]].add(number)
        by_surname[fold(last)].add(number)
        for s in spans:
            s.entity = number
            p.spans.append(s)

    def new() -> int:
        persons.append(Person())
        return len(persons) - 1

    forms: dict[tuple[tuple[str, ...], str], list[Span]] = defaultdict(list)
    for s in people:
        if len(words := words_of(s.text)) >= 2:
            forms[(tuple(words[:-1]), words[-1])].append(s)
    ordered = sorted(
        forms.items(),
        key=lambda kv: (-len(kv[1]), source_number(kv[1][0].source), kv[1][0].start),
    )
    for (first, last), spans in ordered:
        roles = Counter(r for s in spans for r in s.roles)
        best, best_score = None, 0
        for number in sorted(by_initial[fold(last)[:1]]):
            p = persons[number]
            if not any(surname_match(last, other) for other in p.surnames):
                continue
            if any(first_names_match(first, g) for g in p.given):
                score = 2
            elif _roles_overlap(roles, p.roles):
                score = 1  # "Belarusian President Alexei Lukashenko": a wrong first name
            else:
                continue
            if score > best_score:
                best, best_score = number, score
        add(new() if best is None else best, first, last, spans)
    # A surname alone: the person of that name; of two, the one the report named last.
    singles = sorted(
        (s for s in people if len(words_of(s.text)) < 2),
        key=lambda s: (source_number(s.source), s.start),
    )
    for s in singles:
        word = (words_of(s.text) or [s.text])[-1]
        candidates = sorted(by_surname.get(fold(word), ())) or [
            n
            for n in sorted(by_initial[fold(word)[:1]])
            if any(surname_match(word, x) for x in persons[n].surnames)
        ]
        choice = candidates[0] if len(candidates) == 1 else _nearest(s, candidates, persons)
        add(new() if choice is None else choice, (), word, [s])
    return persons


def _nearest(s: Span, candidates: list[int], persons: list[Person]) -> int | None:
    if not candidates:
        return None
    if s.roles:
        with_role = [n for n in candidates if _roles_overlap(s.roles, persons[n].roles)]
        if len(with_role) == 1:
            return with_role[0]
    before = [
        (m.start, n)
        for n in candidates
        for m in persons[n].spans
        if m.source == s.source and m.start < s.start
    ]
    if before:
        return max(before)[1]
    after = [(m.start, n) for n in candidates for m in persons[n].spans if m.source == s.source]
    return min(after)[1] if after else None
