"""Whether two spellings are one name: surnames across transliterations and typos, given names."""

from __future__ import annotations

import functools
import unicodedata

import jellyfish
from rapidfuzz.distance import JaroWinkler

from ...characters import fold_marks


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """A name without case, accents or its own kind of apostrophe and hyphen ("O’Brien")."""
    decomposed = unicodedata.normalize("NFKD", fold_marks(name).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def surname_match(a: str, b: str) -> bool:
    """Whether two surnames are one name spelled two ways ("Lukashenko" / "Lukashenka")."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 4 or not (a.isalpha() and b.isalpha()):
        return False
    jw = JaroWinkler.similarity(a, b)
    same_sound = jellyfish.metaphone(a) == jellyfish.metaphone(b)
    if shorter <= 5:  # short names: one letter is a large part of them
        return jw >= 0.93 and same_sound
    return jw >= 0.95 or (
        jw >= 0.9 and (same_sound or bool(jellyfish.match_rating_comparison(a, b)))
    )


@functools.lru_cache(maxsize=16384)
def _given_name_match(a: str, b: str) -> bool:
    a, b = fold(a).rstrip("."), fold(b).rstrip(".")
    if a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]):
        return True
    if min(len(a), len(b)) < 4:
        return False
    jw = JaroWinkler.similarity(a, b)
    return jw >= 0.9 and (
        jellyfish.metaphone(a) == jellyfish.metaphone(b)
        or bool(jellyfish.match_rating_comparison(a, b))
    )


_TRANSLITERATIONS = (("ks", "x"), ("ch", "kh"), ("y", "i"))


@functools.lru_cache(maxsize=16384)
def same_given_name(a: str, b: str) -> bool:
    """Whether two given names are one name in two transliterations or spellings ("Yevgeny" /
    "Evgeny", "Alexei" / "Aleksey", "Dmitry" / "Dmitri"), not two names ("Alexei" /
    "Alexander"): they sound the same once the usual transliteration choices are folded."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    forms = []
    for name in (a, b):
        name = name[1:] if name.startswith("ye") else name
        for old, new in _TRANSLITERATIONS:
            name = name.replace(old, new)
        forms.append(jellyfish.metaphone(name))
    return forms[0] == forms[1]


def first_names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return not a or not b or _given_name_match(a[0], b[0])
