"""Article text → sentences that keep their source and character offsets."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from ..characters import OTHER_SENTENCE_ENDS, fold_marks
from ..model import Sentence, count_words

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
# pysbd's English rules do not know the sentence ends of other scripts: a sentence ends after
# one of them and any closing marks, with or without a space.
_OTHER_END = re.compile(rf"""[{OTHER_SENTENCE_ENDS}]["')\]」』]*\s*""")
_TERMINAL = re.compile(rf"""[.!?…{OTHER_SENTENCE_ENDS}]["')\]」』]*$""")
_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# pysbd's time grows with the square of a paragraph's length (7 s for one of 100,000 characters):
# a longer paragraph goes to it in pieces cut after a sentence's end (or, failing one, a space).
SEGMENT_MAX_CHARS = 10_000
_PIECE_END = re.compile(rf"""[.!?…]["')\]]*\s+|{_OTHER_END.pattern}""")
# pysbd takes a capital letter and a full stop for a person's initial ("Harry S. Truman") and never
# ends a sentence there. An initial comes before a name, not before a word that opens a sentence:
# "… seen on the Xbox One X. So, a little better …" is two sentences.
_OPENERS = (
    "The A An This That These Those It He She They We I You So But And Or Yet Then Now Still "
    "Also However Meanwhile In On At For If When While As After Before"
)
_AFTER_INITIAL = re.compile(rf"(?<=\b[A-Z]\.)\s+(?=(?:{'|'.join(_OPENERS.split())})\b)")
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
    return tuple(
        piece
        for sentence in _pysbd_sentences(paragraph)
        for part in _after_initials(sentence)
        for piece in _other_script(part)
    )


def _pysbd_sentences(paragraph: str) -> list[str]:
    """What pysbd's `Segmenter.segment(paragraph)` returns: its sentences as found back in the
    paragraph, each with the whitespace after it.

    pysbd finds each sentence with a regular expression of its own (`re.escape(sentence)`),
    compiled anew for every sentence; hundreds of those a brief push the patterns pysbd and
    others reuse out of `re`'s cache, to be compiled again. The same search with `str.find`:
    the first occurrence, of those `re.finditer` would visit, that ends past the last one found.
    """
    found: list[str] = []
    prior_end = 0
    for sentence in _segmenter().processor(paragraph).process() if paragraph else []:
        start = 0
        while (at := paragraph.find(sentence, start)) >= 0:
            end = at + len(sentence)
            while end < len(paragraph) and paragraph[end].isspace():  # what `\s*` takes
                end += 1
            if end > prior_end:
                found.append(paragraph[at:end])
                prior_end = end
                break
            start = max(end, at + 1)  # finditer goes on after the match
    return found


def _after_initials(sentence: str) -> list[str]:
    """`sentence` cut where pysbd took a sentence's end for an initial (`_AFTER_INITIAL`)."""
    cuts = [0, *(m.end() for m in _AFTER_INITIAL.finditer(sentence)), len(sentence)]
    return [sentence[a:b] for a, b in itertools.pairwise(cuts)]


def _other_script(piece: str) -> list[str]:
    """`piece` cut after each sentence end of a script pysbd does not know."""
    if not any(mark in piece for mark in OTHER_SENTENCE_ENDS):
        return [piece]
    cuts = [0, *(m.end() for m in _OTHER_END.finditer(piece)), len(piece)]
    return [piece[a:b] for a, b in itertools.pairwise(cuts) if piece[a:b].strip()]


def split_sentences(source: str, text: str) -> list[Sentence]:
    """Split `text` (paragraphs separated by blank lines) into sentences with offsets into it.

    Headings and fragments of fewer than MIN_WORDS words are left out: they state nothing a
    claim could rest on. `text[s.start:s.end] == s.text` holds for every sentence: the sentences
    are found in the text with its quote marks and dashes folded (pysbd knows straight marks
    best), which keeps every offset, and taken from the text as the source wrote it.
    """
    sentences: list[Sentence] = []
    folded = fold_marks(text)
    for number, paragraph in enumerate(_PARAGRAPH.finditer(folded)):
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
                end = start + len(piece)
                sentences.append(
                    Sentence(source, len(sentences), text[start:end], start, end, number)
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
