"""Mentions as spans of an article's text, and the words and keys that names are compared by."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...characters import fold_marks

FUNCTION_WORDS = frozenset({"of", "and", "the", "in", "for", "to", "on", "at", "by", "with", "a"})

TOKEN = re.compile(r"\w+(?:[-.]\w+)*|['’]s\b|[^\w\s]")
LEADING_DET = re.compile(r"(?:the|The|THE)\s+")
POSSESSIVE = re.compile(r"['’]s$")


@dataclass(slots=True)
class Span:
    """A mention; `entity`: the person it resolved to; `role_phrase`: a title standing for one."""

    source: str
    start: int
    end: int
    text: str
    label: str
    roles: list[str] = field(default_factory=list)
    role_phrase: bool = False
    entity: int = -1


def words_of(text: str) -> list[str]:
    """The words of a name, without its punctuation and possessive."""
    return [t for t in TOKEN.findall(text) if t[0].isalpha()]


def surface_key(text: str) -> str:
    """What two writings of one name share: no leading "the" or possessive, case folded."""
    text = LEADING_DET.sub("", " ".join(text.split()))
    return fold_marks(POSSESSIVE.sub("", text)).casefold()
