"""Organisations, places and the rest grouped by surface, plurals and acronyms."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .spans import FUNCTION_WORDS, Span, surface_key


def group_things(spans: list[Span]) -> list[list[Span]]:
    """The spans of organisations, places and the rest, one group per entity."""
    groups: dict[str, list[Span]] = {}
    for s in spans:
        groups.setdefault(surface_key(s.text), []).append(s)
    # NORP plurals ("Belarusians") join the adjective ("Belarusian").
    for key in list(groups):
        if key.endswith("s") and key[:-1] in groups and key in groups:
            labels = {s.label for s in groups[key] + groups[key[:-1]]}
            if labels == {"NORP"}:
                groups[key[:-1]].extend(groups.pop(key))
    # Acronyms join the one name whose initials they are ("US" / "United States").
    for key in list(groups):
        spans_ = groups.get(key)
        if not spans_ or not spans_[0].text.isupper() or not 2 <= len(key) <= 6:
            continue
        letters = key.replace(".", "")
        label = majority(s.label for s in spans_)
        matches = [
            other
            for other, others in groups.items()
            if other != key
            and len(other.split()) >= 2
            and letters in _initials(other)
            and majority(s.label for s in others) == label
        ]
        if len(matches) == 1:
            groups[matches[0]].extend(groups.pop(key))
    return list(groups.values())


def _initials(name: str) -> set[str]:
    words = [w for w in name.split() if w not in FUNCTION_WORDS]
    whole = "".join(w[0] for w in words)
    before_of = "".join(w[0] for w in name.split(" of ")[0].split() if w not in FUNCTION_WORDS)
    return {whole, before_of}


def majority(labels: Iterable[str]) -> str:
    counts = Counter(labels)
    return max(counts, key=lambda label: counts[label])
