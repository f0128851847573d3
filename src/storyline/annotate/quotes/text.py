"""Text helpers: words, sentence bounds on the raw article text, clauses, capitalised runs.

Direct quotes are found on the whole article text, not on the splitter's sentences, so their
attributions need sentence bounds of their own: these look within one line and a few hundred
characters, and do not end a sentence at "Mr." or an initial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import FUNCTION_WORDS, NAME_PARTICLES

_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff][\w.'\-]*|\d[\w.,]*|\S")

_WORD = re.compile(r"\w+")

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "prof", "jr", "sr", "lt", "col",
    "capt", "sgt", "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.k", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
    "a.m", "p.m",
}  # fmt: skip

_TERMINAL = re.compile(r"[.!?…]+[\"')\]]*(?=\s|$)")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    """Whether a terminal-punctuation match ends a sentence (not "Mr." or an initial "J.")."""
    if not m.group().startswith("."):
        return True
    j = m.start()
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "."):
        k -= 1
    word = text[k:j].lower()
    return word not in _ABBREVIATIONS and not (len(word) == 1 and word.isalpha())


def sentence_end(text: str, pos: int, limit: int = 400) -> int:
    """End (exclusive, after the punctuation) of the sentence running at `pos`, within its line."""
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    stop = min(line_end, pos + limit)
    for m in _TERMINAL.finditer(text, pos, stop):
        if _is_boundary(text, m):
            return m.end()
    return stop


def sentence_start(text: str, pos: int, limit: int = 400) -> int:
    """Start of the sentence running at `pos`, within its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    lo = max(line_start, pos - limit)
    start = lo
    for m in _TERMINAL.finditer(text, lo, pos):
        if _is_boundary(text, m):
            start = m.end()
    while start < pos and text[start] == " ":
        start += 1
    return start


def clean_clause(text: str) -> str:
    """A quote or clause as stored: one line, no attribution comma, no final period."""
    text = " ".join(text.split())
    text = text.strip(" ,;:-")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def norm_text(text: str) -> str:
    """Lowercase words joined by single spaces: the form merging compares."""
    return " ".join(words_of(text.lower()))


@dataclass(slots=True)
class Run:
    """A run of capitalised words: a name candidate."""

    text: str
    start: int  # offset in the string it was found in
    end: int
    possessive: bool = False


def capitalised_runs(text: str) -> list[Run]:
    """Maximal runs of capitalised tokens ("Vladimir Putin Dmitry Peskov"); "'s" ends a run."""
    runs: list[Run] = []
    current: list[tuple[int, int]] = []

    def flush(possessive: bool = False) -> None:
        while current and text[current[-1][0] : current[-1][1]].lower() in NAME_PARTICLES:
            current.pop()
        if current:
            a, b = current[0][0], current[-1][1]
            runs.append(Run(text[a:b], a, b, possessive))
        current.clear()

    for m in _TOKEN.finditer(text):
        tok, a, b = m.group(), m.start(), m.end()
        if not current and tok.lower() in FUNCTION_WORDS:
            continue
        if tok[0].isupper():
            if tok.endswith(("'s", "s'")):
                current.append((a, b - 2 if tok.endswith("'s") else b - 1))
                flush(possessive=True)
            elif tok.endswith(".") and len(tok) > 2 and tok[:-1].lower() not in _ABBREVIATIONS:
                current.append((a, b - 1))
                flush()
            else:
                current.append((a, b))
        elif current and tok in NAME_PARTICLES:
            current.append((a, b))
        else:
            flush()
    flush()
    return runs
