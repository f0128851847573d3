"""Whether a sentence can stand alone in a summary, where its neighbours are not beside it.

Real pages are full of sentences that only work in place: a teaser that ends in a colon, a quote
whose speaker is "he", a pronoun that points back, a tour-date line, a question heading, a share
button's text. A summary built of such sentences reads as nonsense, so they are never chosen.
"""

from __future__ import annotations

import re

from .characters import OTHER_SENTENCE_ENDS, fold_marks
from .model import count_words

_QUOTES = re.compile(r'"')
# Quote marks are folded first (`fold_marks`); an ellipsis ends a cut sentence.
_TERMINAL = re.compile(rf"(?<!\.\.)[.!\"')」』{OTHER_SENTENCE_ENDS}]$")
# Openers that lean on a previous sentence: read alone, the reader cannot tell who "he" is, or
# what "this information" was. "This week" or "that night" dates; it does not point back.
_TIME_NOUN = (
    r"(?!\s+(?:morning|afternoon|evening|night|day|week|weekend|month|year|time|season|spring|"
    r"summer|autumn|fall|winter)\b)"
)
# Openers by which a report says that a sentence details the one before it.
_DETAIL = r"in particular|for example|for instance|specifically|in other words|namely"
_DETAIL_OPENER = re.compile(rf"^\W*(?:{_DETAIL})\b", re.I)
_DEPENDENT_OPENER = re.compile(
    r"^(?:(?:later|then|now|thus|also|still)\b,?\s+)?"
    rf"(?:(?:this|that|these|those){_TIME_NOUN}|he|she|they|it|his|her|their|its)\b"
    r"|^(?:but|and|so|also|however|therefore|meanwhile|still|yet|instead|in addition|"
    r"at the same time|according to (?:him|her|them)|as a result|in turn|in fact|indeed|"
    r"moreover|furthermore|besides|likewise|similarly|nevertheless|nonetheless|even so|"
    rf"by contrast|in contrast|on the other hand|as such|hence|{_DETAIL})\b"
    # An opening phrase that points back: "In it, …", "On one of those nights, …" (not "In her
    # speech, Mayor Varga said …", where "her" is the mayor named next).
    rf"|^(?:\w+\s+){{0,3}}?(?:of|in|from|with|by|on|at|after|before|during|despite|among)\s+"
    rf"(?:it|them|him|(?:this|that|these|those){_TIME_NOUN})\b",
    re.I,
)
# A subject pronoun right after a short opening phrase that names nobody: "Later that evening,
# he admitted …" (in "When Webb was stopped, he …" the phrase names whom "he" means).
_PRONOUN_AFTER_OPENER = re.compile(r"^[A-Z][a-z]*(?:\s+[a-z0-9]+){0,5},\s+(?:he|she|they|it)\b")
# A quote credited to a pronoun: '…hard to find beyond Earth," he said.', or right after the
# closing mark with any verb: '"Oh, actually? Yes," he assures himself.'
_PRONOUN_SPEAKER = re.compile(
    r"""[,.!?]["']?\s+(?:he|she|they|it)\s+(?:\w+\s+)?"""
    r"""(?:said|says|added|adds|told|noted|explained|continued|wrote|asked)\b"""
    r"""|[,.!?]["']\s+(?:he|she|they)\s+\w+(?:s|ed)\b""",
    re.I,
)
# A line of a list: "June 23 -- Virginia Beach, VA", "Nov. 2 | Venue", "@ Arena". A "--" inside
# a sentence is a dash, as plain-text wires write one.
_LIST_LINE = re.compile(
    r"^\W*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}[./]\d{1,2})\b\s*(?:[-–—]|\|)|\s[|@]\s"
)
_CLUTTER = re.compile(
    r"pic\.twitter|https?://|www\.|\b(?:click here|sign up|subscribe|read more|newsletter|"
    r"getty images|all rights reserved|follow us)\b|"
    r"^(?:read|see|watch|check out|find|listen to)\b.*\bhere\W*$|"
    r"^get\b.*\b(?:stories|headlines|updates|alerts|inbox)\b|"  # a newsletter's pitch
    r"^(?:last )?(?:updated|published|posted)\b[^.]*\d",  # a page's time stamp
    re.I,
)
# A lead names who or what (a proper noun after the first word) or gives a figure; "It was the
# shot heard 'round the world" sets a scene but tells no news.
_NAMED = re.compile(
    r"(?<!^)(?<![.!?]\s)\b(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"The|A|An|In|On|At|It|He|She|They|We|I)\b)[A-Z][\w'’-]+|\d"
)
# A sentence whose only news is that someone said nothing.
_NO_NEWS = re.compile(
    r"\b(?:declined to comment|did not (?:immediately )?respond|could not be reached|"
    r"(?:has|have) not (?:yet )?responded|did not return|no comment|not immediately available)\b",
    re.I,
)
# What a report says, cut to a phrase: 'has reported that for his role in the fight.' Pages
# set the reported words as a link, and extraction that drops link text leaves the clause
# without them; a clause of prepositions and nouns up to the full stop has no verb left.
_VERBLESS_REPORT = re.compile(
    r"\b(?:said|says|reported|reports|announced|confirmed|added|noted|wrote|revealed|stated|"
    r"claimed)\s+that\s+(?:for|in|on|at|to|with|by|from|of|over|under)\b"
    r"(?![^.;!?]*\b(?:is|are|was|were|be|been|will|would|shall|should|can|could|may|might|must|"
    r"has|have|had|do|does|did)\b)(?![^.;!?]*\w(?:ed|n't)\b)[^.;!?]*[.!?]?$",
    re.I,
)
MIN_WORDS = 6


def reads_alone(text: str) -> bool:
    """False for a sentence that needs its neighbours or is not a statement at all."""
    text = fold_marks(text.strip())
    # A statement starts with a capital, or a letter of a script without case, or a quote.
    first = text[:1]
    if count_words(text) < MIN_WORDS or not (
        (first.isalpha() and not first.islower()) or _QUOTES.match(text)
    ):
        return False
    bare = text.rstrip("\"') ")
    # A teaser's colon, a question, a cut clause, in Latin or other scripts' marks.
    if bare.endswith(tuple(":?,;：？，；؟")) or not _TERMINAL.search(text):
        return False
    marks = [m.start() for m in _QUOTES.finditer(text)]
    if len(marks) % 2:
        return False
    if len(marks) == 2 and marks[0] == 0 and marks[1] >= len(bare):
        return False  # all quote, no speaker: '"We got her. We got her."'
    return not (
        _DEPENDENT_OPENER.match(_QUOTES.sub("", text))
        or _PRONOUN_AFTER_OPENER.match(text)
        or _PRONOUN_SPEAKER.search(text)
        or is_list_line(text)
        or _CLUTTER.search(text)
        or _NO_NEWS.search(text)
        or _VERBLESS_REPORT.search(text)
    )


def details_the_one_before(text: str) -> bool:
    """Whether the sentence opens by saying that it details the one before it ("In particular",
    "For example")."""
    return _DETAIL_OPENER.match(text) is not None


def tells_news(text: str) -> bool:
    """Whether a report's opening sentence can be the story's lead: it reads alone, is not a
    quote, and names someone or something or gives a figure."""
    return reads_alone(text) and not is_quote(text) and names(text)


def names(text: str) -> bool:
    """Whether the sentence names someone or something (after its first word) or gives a
    figure."""
    return _NAMED.search(text) is not None


def is_list_line(text: str) -> bool:
    """A line of a list ("June 23 -- Arena, City"): a schedule's entry, not a sentence."""
    return _LIST_LINE.search(text) is not None


def is_quote(text: str) -> bool:
    """A sentence that opens with a quotation: a voice in the story, not the news itself."""
    return _QUOTES.match(fold_marks(text.strip())) is not None
