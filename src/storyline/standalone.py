"""Whether a sentence can stand alone in a summary, where its neighbours are not beside it.

Real pages are full of sentences that only work in place: a teaser that ends in a colon, a quote
whose speaker is "he", a pronoun that points back, a tour-date line, a question heading, a share
button's text. A summary built of such sentences reads as nonsense, so they are never chosen.
"""

from __future__ import annotations

import re

from .model import count_words

_QUOTES = re.compile(r'["“”]')
# Openers that lean on a previous sentence: read alone, the reader cannot tell who "he" is.
_DEPENDENT_OPENER = re.compile(
    r"^(he|she|they|it|this|that|these|those|his|her|their|its|but|and|so|also|however|"
    r"therefore|meanwhile|still|yet|instead|in addition|at the same time|"
    r"according to (?:him|her|them)|as a result|for example|for instance)\b",
    re.I,
)
# A quote credited to a pronoun: '…hard to find beyond Earth," he said.'
_PRONOUN_SPEAKER = re.compile(
    r"""[,.!?]["”’]?\s+(?:he|she|they|it)\s+(?:\w+\s+)?"""
    r"""(?:said|says|added|adds|told|noted|explained|continued|wrote|asked)\b""",
    re.I,
)
# A line of a list: "June 23 -- Virginia Beach, VA", "Nov. 2 | Venue", "@ Arena".
_LIST_LINE = re.compile(
    r"^\W*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}[./]\d{1,2})\b\s*(?:[-–—]|\|)|\s[|@]\s|\s--\s"
)
_CLUTTER = re.compile(
    r"pic\.twitter|https?://|www\.|\b(?:click here|sign up|subscribe|read more|newsletter|"
    r"getty images|all rights reserved|follow us)\b",
    re.I,
)
MIN_WORDS = 6


def reads_alone(text: str) -> bool:
    """False for a sentence that needs its neighbours or is not a statement at all."""
    text = text.strip()
    if count_words(text) < MIN_WORDS or (not text[:1].isupper() and not _QUOTES.match(text)):
        return False
    if text.endswith((":", "?", ",", ";")) or not re.search(r"[.!…\"”’)]$", text):
        return False
    if len(_QUOTES.findall(text)) % 2:
        return False
    return not (
        _DEPENDENT_OPENER.match(_QUOTES.sub("", text))
        or _PRONOUN_SPEAKER.search(text)
        or _LIST_LINE.search(text)
        or _CLUTTER.search(text)
    )


def is_quote(text: str) -> bool:
    """A sentence that opens with a quotation: a voice in the story, not the news itself."""
    return _QUOTES.match(text.strip()) is not None
