"""News agencies and other channels: words relayed by them, never spoken by them.

`RIA Novosti quoted X as saying` → speaker X, channel RIA Novosti; `as cited by TASS`, `told RIA
Novosti`, `told the BBC`, `in an interview with RT`, `according to TASS` give the channel. A phrase
is an agency when it is a known one (`lexicon.CHANNELS`) or is named like one ("… News",
"… Agency", "Telegram channel …").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lexicon import CHANNELS, PREPOSITIONS, TITLES

_CHANNEL_WORDS = re.compile(
    r"\b(?:News|Agency|Novosti|Times|Post|Journal|Herald|Gazette|Tribune|Telegraph|Daily|Radio"
    r"|TV|Television|Broadcasting|Wire|Press|Channel)\b"
)

_CHANNEL_KIND = re.compile(
    r"^(?:the\s+)?(?:Telegram[- ]channel|[Tt]elegram channel|channel|newspaper|agency|news agency"
    r"|outlet|portal|website|publication|broadcaster|TV channel)\s+\"?(?P<name>[^\"]+?)\"?$"
)


def is_channel(name: str | None) -> bool:
    if not name:
        return False
    n = name.strip(" \"'.,")
    low = n.lower()
    if low.startswith("the "):
        low = low[4:]
    return low in CHANNELS or bool(_CHANNEL_WORDS.search(n)) or bool(_CHANNEL_KIND.match(n))


def channel_name(np: str) -> str:
    n = np.strip(" \"'.,")
    m = _CHANNEL_KIND.match(n)
    return m.group("name") if m else n.removeprefix("the ")


_INTERVIEW = re.compile(
    r"\b(?:in\s+(?:an?\s+)?interview\s+(?:with|to)|told|speaking\s+to|talking\s+to)\s+"
    r"(?P<ch>(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)"
)

_CITED_BY = re.compile(
    r"\b(?:as\s+)?(?:cited|quoted|reported|relayed)\s+by\s+(?P<ch>(?:the\s+)?[A-Z][\w.\-]*"
    r"(?:\s+[A-Z][\w.\-]*)*)"
)

_ACCORDING_CH = re.compile(r"\baccording\s+to\s+(?P<ch>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)")

# Lowercase words that may follow a channel's name: "told TASS on Monday", "told RT that …".
_ENDS_NAME = PREPOSITIONS | {"and", "that", "when", "while", "as", "after", "before", "during"}

IsPerson = Callable[[str, int], bool]  # (mention, offset in the article) → names a person


def channel_in(rest: str, at: int, resolve_person: IsPerson) -> str | None:
    """A channel named in an attribution's adjuncts: "as cited by TASS", "told RIA Novosti"."""
    for pattern in (_CITED_BY, _INTERVIEW, _ACCORDING_CH):
        for m in pattern.finditer(rest):
            ch = m.group("ch").strip()
            follows = rest[m.end() :].split(maxsplit=1)
            if follows and follows[0][0].islower() and follows[0] not in _ENDS_NAME:
                continue  # "with Russian media": an adjective, not a name
            if ch.lower() in {"reporters", "journalists"}:
                continue
            if is_channel(ch):
                return channel_name(ch)
            if pattern is not _ACCORDING_CH and not resolve_person(ch, at + m.start("ch")):
                toks = ch.split()
                if len(toks) <= 3 and not any(t.lower() in TITLES for t in toks):
                    return ch
    return None


def split_quoted(tokens_text: str, offset: int) -> tuple[str, int, str | None]:
    """`quoted Peskov TASS`: which words are the speaker, which the channel."""
    words = list(re.finditer(r"\S+", tokens_text))
    if len(words) >= 2:
        for k in range(1, len(words)):
            head = tokens_text[: words[k - 1].end()]
            tail = tokens_text[words[k].start() :]
            if is_channel(tail):
                return head, offset, channel_name(tail)
        for k in range(1, len(words)):
            head = tokens_text[words[k].start() :]
            tail = tokens_text[: words[k - 1].end()]
            if is_channel(tail):
                return head, offset + words[k].start(), channel_name(tail)
    return tokens_text, offset, None
