"""Who holds which office in a story, and role phrases standing alone as mentions of the holder.

"The Belarusian leader", "the head of the Russian government", or "the mayor" where the story has
one mayor, is a mention of the one person who holds that role; generic roles ("the expert") never
are, nor is a role in apposition to a name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .names import fold
from .people import Person
from .roles import GENERIC_ROLES, HEAD_NAMES, MODIFIERS, Grammar, Text
from .spans import Span


@dataclass(slots=True)
class Offices:
    """Who holds which role in the story: role key → how often each person was given it."""

    holders: dict[str, Counter[int]]
    offices: dict[str, str]  # "@putin" → "president of russia"

    @classmethod
    def of(cls, persons: list[Person]) -> Offices:
        holders: dict[str, Counter[int]] = defaultdict(Counter)
        for number, p in enumerate(persons):
            for role, count in p.roles.items():
                holders[role][number] += count
        # "Putin's press secretary": the office of the person named, where the story gives one.
        offices: dict[str, str] = {}
        for p in persons:
            qualified = [r for r, _ in p.roles.most_common() if " of " in r and "@" not in r]
            if qualified:
                for last in p.surnames:
                    offices["@" + fold(last)] = qualified[0]
        found = cls(dict(holders), offices)
        for role in [r for r in found.holders if "@" in r]:
            filled = found.fill(role)
            if filled != role:
                for number, count in found.holders[role].items():
                    found.holders.setdefault(filled, Counter())[number] += count
        return found

    def fill(self, key: str) -> str:
        return re.sub(r"@\S+", lambda m: self.offices.get(m.group(), m.group()), key)

    def holder(self, key: str) -> int | None:
        """The one person who holds a role, or None when nobody or several do."""
        key = self.fill(key)
        if (found := _dominant(self.holders.get(key))) is not None:
            return found
        if re.search(r"\bleader\b", key):  # "the Belarusian leader", when no one is called so
            found = self.holder(re.sub(r"\bleader\b", "president", key, count=1))
            if found is not None or " of " in key:
                return found
        if " of " not in key and key not in GENERIC_ROLES:  # "the mayor", if the story has one
            anyone: Counter[int] = Counter()
            for role, counts in self.holders.items():
                if _is_kind_of(role, key):
                    anyone.update(counts)
            return _dominant(anyone)
        return None

    def holders_of_kind(self, key: str) -> set[int]:
        return {
            n for role, counts in self.holders.items() if _is_kind_of(role, key) for n in counts
        }

    def renumbered(self, numbers: dict[int, int]) -> Offices:
        return Offices(
            {k: Counter({numbers[n]: c for n, c in v.items()}) for k, v in self.holders.items()},
            self.offices,
        )


def _dominant(counts: Counter[int] | None) -> int | None:
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]:
        return ranked[0][0]
    return None


_OF_OR_TO = re.compile(r" (?:of|to) ")


def _is_kind_of(role: str, title: str) -> bool:
    """Whether `role` ("interior minister of finland") is a `title` ("minister")."""
    office = _OF_OR_TO.split(role, maxsplit=1)[0]
    if office == title:
        return True
    words, wanted = office.split(), title.split()
    return (
        office not in HEAD_NAMES
        and words[-len(wanted) :] == wanted
        and all(w in MODIFIERS for w in words[: -len(wanted)])
    )


def role_mentions(
    spans: list[Span],
    texts: dict[str, Text],
    grammar: Grammar,
    offices: Offices,
    raw: dict[str, str],
) -> list[Span]:
    """Role phrases standing for a person ("the Belarusian leader said") as mentions of them."""
    out: list[Span] = []
    people_at: dict[str, set[int]] = defaultdict(set)
    people_end: dict[str, set[int]] = defaultdict(set)
    for s in spans:
        if s.label == "PERSON":
            people_at[s.source].add(s.start)
            people_end[s.source].add(s.end)
    for source, t in texts.items():
        n = len(t.tokens)
        i = 0
        while i < n:
            if t.lower[i] != "the":
                i += 1
                continue
            role = grammar.parse(t.tokens, t.lower, i, n, need_det=True)
            if role is None or (not role.qualified and role.key in GENERIC_ROLES):
                i += 1
                continue
            after = role.end + (1 if role.end < n and t.tokens[role.end] == "," else 0)
            apposition = (after < n and t.starts[after] in people_at[source]) or (
                i >= 2 and t.tokens[i - 1] == "," and t.ends[i - 2] in people_end[source]
            )
            number = None if apposition else offices.holder(role.key)
            if number is not None:
                start, end = t.starts[i + 1], t.ends[role.end - 1]
                out.append(
                    Span(
                        source,
                        start,
                        end,
                        raw[source][start:end],
                        "PERSON",
                        [role.key],
                        True,
                        number,
                    )
                )
            i = role.end
    return out
