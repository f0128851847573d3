"""Pairing straight quote marks into quoted spans on a whole article text.

Marks are paired by their shape (a mark after a space opens, a mark after a word closes); a mark
that opens a paragraph while a quote is open continues it (the English multi-paragraph
convention); a mark after `, ` or `. ` inside a quote is a closing mark a translation put after
the space (`resolved, "the parliamentarian said`); an opening mark followed by a closed pair
inside a quote is a quote within the quote. Quotes therefore may run over several sentences and
paragraphs.
"""

from __future__ import annotations

import re


def _mark_shape(text: str, i: int) -> tuple[bool, bool]:
    prev = text[i - 1] if i else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    open_shape = (prev.isspace() or prev in "([{-/:—") and not nxt.isspace()
    close_shape = not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)]}-…'")
    return open_shape, close_shape


def _ends_quote_before(text: str, i: int) -> bool:
    j = i
    while j > 0 and text[j - 1] == " ":
        j -= 1
    return j < i and j > 0 and text[j - 1] in ",.!?…;"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Pairs (opening mark, closing mark) of straight double quotes; unclosed quotes are dropped."""
    marks = [m.start() for m in re.finditer('"', text)]
    shapes = [_mark_shape(text, i) for i in marks]
    spans: list[tuple[int, int]] = []
    opened = -1
    k = 0
    while k < len(marks):
        i = marks[k]
        open_shape, close_shape = shapes[k]
        prev = text[i - 1] if i else "\n"
        if opened < 0:
            if open_shape:
                opened = i
            k += 1
            continue
        if close_shape and not open_shape:
            spans.append((opened, i))
            opened = -1
        elif open_shape:
            if prev == "\n":
                pass  # a paragraph opening inside a quote continues it
            elif _ends_quote_before(text, i):
                spans.append((opened, i))  # a closing mark the translation put after the space
                opened = -1
            elif (
                k + 2 < len(marks)
                and "\n" not in text[i : marks[k + 2]]
                and shapes[k + 1] == (False, True)
                and shapes[k + 2][1]
            ):
                k += 2  # a quote within the quote: skip its pair, the next mark closes ours
                spans.append((opened, marks[k]))
                opened = -1
            else:
                opened = i  # the earlier mark never closed: start again here
        else:
            spans.append((opened, i))
            opened = -1
        k += 1
    return spans
