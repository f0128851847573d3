"""The words of a sentence that carry content, for telling whether two clauses state one thing."""

from __future__ import annotations

import re

from ..characters import fold_marks

WORD = re.compile(r"[a-z][a-z'-]+")
STOP = frozenset(
    (
        "the a an of to in and or for on at by with as is are was were be been being will would "
        "that this it its from which who whom has have had he she they his her their said says "
        "say told also than then there about after before into over under up out more most such "
        "can could may might should do does did so if all any some one two our we you i them him "
        "following during while when where what how why because according"
    ).split()
)


def content_words(text: str) -> list[str]:
    return [w for w in WORD.findall(fold_marks(text).lower()) if w not in STOP]
