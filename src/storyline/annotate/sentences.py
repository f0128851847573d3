"""Article text → sentences that keep their source and character offsets."""

from __future__ import annotations

import functools
import re

from ..model import Sentence, count_words

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
_TERMINAL = re.compile(r"""[.!?…]["')\]]*$""")
# A paragraph this short without final punctuation is a heading or a caption, not a statement.
HEADING_MAX_WORDS = 12
MIN_WORDS = 4


@functools.cache
def _segmenter():  # pysbd builds its rules once; keep one per process
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


# A story briefed again as it grows re-reads the same paragraphs: pysbd's answers are kept for
# as many as a few hundred articles hold.
@functools.lru_cache(maxsize=8192)
def _segments(paragraph: str) -> tuple[str, ...]:
    return tuple(_segmenter().segment(paragraph))


def split_sentences(source: str, text: str) -> list[Sentence]:
    """Split `text` (paragraphs separated by blank lines) into sentences with offsets into it.

    Headings and fragments of fewer than MIN_WORDS words are left out: they state nothing a
    claim could rest on. `text[s.start:s.end] == s.text` holds for every sentence.
    """
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(_PARAGRAPH.finditer(text)):
        body = paragraph.group()
        if _is_heading(body):
            continue
        cursor = 0
        for piece in _segments(body):
            piece = piece.strip()
            if not piece:
                continue
            found = body.find(piece, cursor)
            if found < 0:  # pysbd altered the text; never emit offsets that do not hold
                continue
            cursor = found + len(piece)
            if count_words(piece) < MIN_WORDS:
                continue
            start = paragraph.start() + found
            sentences.append(
                Sentence(source, len(sentences), piece, start, start + len(piece), number)
            )
    return sentences


def _is_heading(paragraph: str) -> bool:
    return not _TERMINAL.search(paragraph.rstrip()) and count_words(paragraph) <= HEADING_MAX_WORDS
