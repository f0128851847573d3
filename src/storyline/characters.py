"""Characters of news text: one form for spaces, invisible characters and line breaks, with
quotes whose closing mark a translation put on the wrong side of a space repaired
(`normalize`); and the one folding of quote marks and dashes that every comparison of texts goes
through (`fold_marks`), so that "it’s" and "it's" compare equal while the text stored and shown
keeps the source's own characters.

Only the standard library is imported here.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Invisible characters that only get in the way of matching: zero-width space/joiners, word
# joiner, BOM, soft hyphen and the bidi marks that copy-paste from RTL pages leaves behind.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"),
    None,
)
# Every kind of space becomes a plain space, so "$ 1 billion" and "$\xa01 billion" compare equal.
_SPACES = dict.fromkeys(
    map(
        ord,
        "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
        "\u200a\u202f\u205f\u3000",
    ),
    " ",
)
_LINE_BREAKS = {
    ord("\u2028"): "\n",
    ord("\u2029"): "\n\n",
    ord("\u0085"): "\n",
    ord("\f"): "\n",
    ord("\v"): "\n",
}
# Typographic ligatures that NFC keeps; NFKC would fold them but would also fold "km²" to "km2".
_LIGATURES = {
    ord("ﬀ"): "ff",
    ord("ﬁ"): "fi",
    ord("ﬂ"): "fl",
    ord("ﬃ"): "ffi",
    ord("ﬄ"): "ffl",
    ord("ﬅ"): "st",
    ord("ﬆ"): "st",
}
# Sentence ends of scripts other than Latin, which English rules do not know: the Chinese and
# Japanese full stop and marks, the Devanagari/Bengali danda, the Arabic question mark.
OTHER_SENTENCE_ENDS = "。！？।॥؟"
# A dash that parts two clauses: any dash with a space on both sides, or an em dash or bar even
# glued to the words ("symptoms—like fever"); a glued hyphen or en dash joins ("2012–2013").
CLAUSE_DASH = r"\s[-‒–—―]+\s|[—―]"
# Where a quick split (no abbreviation rules; `annotate.sentences` has those) may end a sentence:
# after a Latin end before a space, or after one of the other ends, which need no space.
SENTENCE_GAP = re.compile(rf"(?<=[.!?])\s+|(?<=[{OTHER_SENTENCE_ENDS}])\s*")

_CHAR_TABLE = {**_INVISIBLE, **_SPACES, **_LINE_BREAKS, **_LIGATURES}
# Other control characters (C0/C1 except newline) carry nothing readable.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x84\x86-\x9f]")

# Comparison folding (`fold_marks`): every quote mark becomes a straight one and every dash or
# hyphen variant "-", one character for one, so offsets into a folded text hold in the source.
# Guillemets are quotes only in pairs on one line; a lone "»" or "›" is a breadcrumb separator or
# an arrow ("Home » World") and stays.
_FOLD_TABLE = (
    {ord(c): '"' for c in "“”„‟″"}
    | {ord(c): "'" for c in "‘’‚‛′"}
    | {ord(c): "-" for c in "‐‑‒–—―−"}
)
_GUILLEMETS = re.compile(r"«([^«»\n]*)»")
_SINGLE_GUILLEMETS = re.compile(r"‹([^‹›\n]*)›")

_SPACE_RUN = re.compile(r" {2,}")
_MANY_NEWLINES = re.compile(r"\n{3,}")

# Double quote marks, by what they tell us: "“" and "„" open, "”" closes, '"' depends.
_DQUOTE = re.compile(r'["“”„]')
_OPENERS = "“„"
_CLOSERS = "”"
# A quote ends on one of these; used to tell a misplaced closing straight quote (", "the expert
# said") from an opening one that follows a space ("He said "hello"").
_QUOTE_END_PUNCT = ",.!?…;:-–—"


def _repair_quotes(text: str) -> str:
    """Move closing quote marks that a translation put after the space back before it.

    Machine translation often produces `resolved, ”BelTA quotes …`: the closing mark follows the
    space and is glued to the next word. A closing mark never follows whitespace, so the rule is:
    a *closing* mark preceded by spaces moves before them and gets one space after it when a word
    follows. Curly marks say themselves whether they open or close. A straight `"` is read through
    the open/close state of the text so far (a quote may open in an earlier paragraph, as
    multi-paragraph quotes do), and is only moved when the text before the space ends like a
    quotation does (`,` `.` `!` `?` …), so an opening `"` after a space is never touched.
    """
    out: list[str] = []
    last = 0
    opened = ""  # the mark that opened the quote we are in, "" outside quotes
    for m in _DQUOTE.finditer(text):
        mark, i = m.group(), m.start()
        before = text[i - 1] if i else "\n"
        after = text[i + 1] if i + 1 < len(text) else "\n"
        if mark in _CLOSERS or (mark == "“" and opened == "„"):  # German „…“ closes with “
            closing = True
        elif mark in _OPENERS:
            closing = False
        elif opened:
            # A straight mark inside a quote closes it, unless its shape says it opens a new
            # one (space before it, no quote-ending punctuation before that): then the old quote
            # lost its closing mark, and we resynchronise rather than guess.
            closing = before not in " \n" or _ends_quote_before(text, i)
        else:
            # Outside a quote a straight mark opens one, unless it is glued to the word before
            # and not to a word after (a stray closing mark): then we stay outside.
            closing = before not in " \n([" and not after.isalnum()
        opened = "" if closing else mark
        if closing and before == " ":
            start = i
            while start > 0 and text[start - 1] == " ":
                start -= 1
            if start == 0 or text[start - 1] == "\n":
                continue  # nothing before it on the line to attach to
            if mark == '"' and not _ends_quote_before(text, i):
                continue
            out.append(text[last:start])
            out.append(mark)
            if after.isalnum() or after in "-(":
                out.append(" ")
            last = i + 1
        elif not closing and mark in _OPENERS and after == " " and before in " \n":
            # The mirror image, "“ We will…": an opening mark never precedes a space.
            end = i + 1
            while end < len(text) and text[end] == " ":
                end += 1
            out.append(text[last:i])
            out.append(mark)
            last = end
    out.append(text[last:])
    return "".join(out)


def _ends_quote_before(text: str, i: int) -> bool:
    """Whether the non-space text just before position `i` ends like a quotation does."""
    j = i
    while j > 0 and text[j - 1] == " ":
        j -= 1
    return j > 0 and text[j - 1] in _QUOTE_END_PUNCT


def _char_class(table: dict[int, str | None]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in table) + "]")


_CHAR_RE = _char_class(_CHAR_TABLE)
_FOLD_RE = _char_class(_FOLD_TABLE)


def _translate(text: str, table: dict[int, Any], pattern: re.Pattern[str]) -> str:
    # str.translate looks every character up in the table; news text holds few of these
    # characters, so finding them with a character class first is several times faster.
    return pattern.sub(lambda m: table[ord(m.group())] or "", text)


def normalize(text: str) -> str:
    """Normalise the whitespace and invisible characters of news text, keeping its own marks.

    NFC composition; every space variant (NBSP, narrow NBSP, thin spaces…) becomes a space;
    zero-width characters, BOM, soft hyphens and control characters are removed; typographic
    ligatures are spelled out; line endings become "\\n"; spaces are collapsed, lines stripped and
    runs of blank lines reduced to one; a closing quote mark a translation put on the wrong side
    of a space is moved back. Quote marks, apostrophes and dashes stay as the source wrote them:
    texts are compared through `fold_marks`.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _translate(unicodedata.normalize("NFC", text), _CHAR_TABLE, _CHAR_RE)
    text = _CONTROL.sub("", text)
    text = _SPACE_RUN.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _repair_quotes(text)
    text = _SPACE_RUN.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def fold_marks(text: str) -> str:
    """`text` with every quote mark straight (`"`, `'`) and every dash "-", for comparing texts.

    One character becomes one character, so an offset into the folded text is the same offset
    in `text`; guillemets fold only in pairs on one line («…», ‹…›). Shown text is never folded:
    slice the source at the folded text's offsets (or `in_source`).
    """
    if text.isascii():
        return text
    text = _GUILLEMETS.sub(r'"\1"', text)
    text = _SINGLE_GUILLEMETS.sub(r"'\1'", text)
    return _translate(text, _FOLD_TABLE, _FOLD_RE)


def in_source(piece: str, source: str, folded: str, start: int = 0) -> str:
    """`piece`, found in `folded` (`fold_marks(source)`) at or after `start`, in the source's
    own characters, with its whitespace collapsed as the piece's is; `piece` itself when it is
    not found there."""
    words = piece.split()
    if not words or (piece.isascii() and source.isascii()):
        return piece
    span = _words_span(words, folded, start)
    if span is None:
        return piece
    return " ".join(source[span[0] : span[1]].split())


def _words_span(words: list[str], text: str, start: int) -> tuple[int, int] | None:
    """The first span of `text` at or after `start` that holds `words` in order, whitespace
    alone between them: what `re.search(r"\\s+".join(map(re.escape, words)))` finds, without
    compiling a pattern for every piece (they would push the patterns that are used again out
    of `re`'s cache)."""
    at = text.find(words[0], start)
    while at >= 0:
        end = at + len(words[0])
        for word in words[1:]:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return at, end
        at = text.find(words[0], at + 1)
    return None
