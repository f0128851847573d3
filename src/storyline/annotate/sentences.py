"""Article text → sentences that keep their source and character offsets."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from ..model import Sentence, count_words

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
_TERMINAL = re.compile(r"""[.!?…]["')\]]*$""")
_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# pysbd's time grows with the square of a paragraph's length (7 s for one of 100,000 characters):
# a longer paragraph goes to it in pieces cut after a sentence's end (or, failing one, a space).
SEGMENT_MAX_CHARS = 10_000
_PIECE_END = re.compile(r"""[.!?…]["')\]]*\s+""")
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
        if _is_heading(paragraph.group()):
            continue
        for offset, body in _pieces(paragraph.group(), paragraph.start()):
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
                start = offset + found
                sentences.append(
                    Sentence(source, len(sentences), piece, start, start + len(piece), number)
                )
    return sentences


def _pieces(paragraph: str, offset: int) -> Iterator[tuple[int, str]]:
    """(offset, text) of the parts of a paragraph pysbd reads at once: the whole paragraph
    unless it passes SEGMENT_MAX_CHARS."""
    while len(paragraph) > SEGMENT_MAX_CHARS:
        window = paragraph[:SEGMENT_MAX_CHARS]
        ends = [m.end() for m in _PIECE_END.finditer(window)]
        cut = ends[-1] if ends else window.rfind(" ") + 1 or SEGMENT_MAX_CHARS
        yield offset, paragraph[:cut]
        paragraph, offset = paragraph[cut:], offset + cut
    yield offset, paragraph


def analysed_length(text: str, max_words: int) -> tuple[int, int] | None:
    """(characters, words) of the part of `text` to analyse when it has more than `max_words`
    words: the whole paragraphs before the word past the limit, or, when they hold less than half
    of it, the words before that word. None when the whole text is to be analysed."""
    past = next(itertools.islice(_WORD.finditer(text), max_words, None), None)
    if past is None:
        return None
    end = past.start()
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text, end // 2, end)]
    if breaks:
        end = breaks[-1]
    return end, count_words(text[:end])


def _is_heading(paragraph: str) -> bool:
    return not _TERMINAL.search(paragraph.rstrip()) and count_words(paragraph) <= HEADING_MAX_WORDS
