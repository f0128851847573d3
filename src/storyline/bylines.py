"""Bylines: the authors a page or a listing names, cleaned down to the names.

Pages state their authors in meta tags, in JSON-LD and in a visible byline, and each carries
noise of its own: a role after the name ("Meg James Staff Writer", "AP National Political
Writer"), the outlet ("Jill Disis; CNN Business"), the date a byline element runs into ("Jeff
Foust Monday"), a sentence of a profile ("Phil Helsel is a reporter"), a CMS account ("admin"), a
URL slug ("kevin-r"), a name printed twice. `clean_byline` keeps the names and drops the rest;
what it cannot read as a name is dropped rather than guessed at.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_byline"]

# Words that make a byline part a job title: the part is cut where the title starts, and dropped
# when it starts with one ("Ap Auto Writer").
_ROLES = frozenset(
    "writer writers reporter reporters editor editors correspondent correspondents contributor"
    " contributors columnist columnists editor-at-large producer critic"
    " photographer".split()
)
# Words a job title starts with before its role word ("Senior Contributor", "News reporter").
_ROLE_LEADS = frozenset(
    "ap associate auto business chief contributing deputy executive foreign health managing"
    " national news political politics science security senior special sports staff tech"
    " technology".split()
)
# Words that start the date or the time a byline element runs into, or the page's own
# "Published"/"Updated" line after it.
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may"
    " june july august september october november december jan feb mar apr jun jul aug sep sept"
    " oct nov dec published updated posted last".split()
)
# What stands before the names: "By", "Analysis by", "Words by", "Текст" (Russian: "text").
_LEAD = re.compile(
    r"^(?:(?:analysis|commentary|opinion|review|story|text|words|written|posted|reported)\s+)?by\b"
    r"[\s:]*|^(?:text|текст|автор)\b[\s:]*",
    re.I,
)
# A profile sentence or a disclaimer that follows the name.
_TRAILER = re.compile(r"\s(?:is an?|is the|opinions expressed|follow)\b.*$", re.I)
# A CMS account name rather than a person's.
_ACCOUNT = re.compile(r"admin|webmaster|^(?:user|guest|editor)\d*$", re.I)
# Parts that are no credit: a comment widget's "X commented on", a share button.
_NOT_CREDIT = re.compile(r"\bcommented\b|\bshare\b|\bcomments?\b", re.I)
# News agencies, whose name after a reporter's is the channel, not another author.
_AGENCIES = (
    "AFP, Agence France-Presse, ANSA, AP, Associated Press, The Associated Press, Bloomberg, dpa,"
    " EFE, IANS, Kyodo, PTI, Reuters, TASS, UPI, Xinhua"
).split(", ")
# The last word of an e-mail address or a host, once punctuation is gone.
_ADDRESS_ENDS = frozenset("com org net uk".split())
_WORD = re.compile(r"\w+")
_AGENCY = frozenset("".join(_WORD.findall(a.casefold())) for a in _AGENCIES)
_MAX_NAME_WORDS = 6
# How many names a byline is read for, and how much of it: page text is the attacker's, and
# merging name variants compares every pair.
_MAX_NAMES = 20
_MAX_CHARS = 2000


def clean_byline(raw: str | None, outlet_names: tuple[str | None, ...] = ()) -> str | None:
    """The names in a byline, joined with "; "; None when no name is left.

    `raw` is a byline as trafilatura gives it, with authors separated by ";" (or "," / " and ").
    `outlet_names` are the site's names (its declared name, its host): a part that is the outlet
    itself is no author, and the outlet written after a person's name is cut from it.
    """
    if not raw:
        return None
    outlets = {_squash(n) for n in outlet_names if n and _squash(n)}
    names: list[str] = []
    seen: set[str] = set()
    parts = re.split(r"\s*(?:;|,|\band\b|&|\|)\s*", unicodedata.normalize("NFKC", raw[:_MAX_CHARS]))
    for part in parts:
        name = _clean_part(part, outlets)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
            if len(names) == _MAX_NAMES:
                break
    names = _merge_variants(names)
    # A desk of the outlet ("CNN Business", "Telegraph Sport"), an agency, a one-word part
    # ("Futurism", "MS") is the credit when it stands alone, and a label, a channel or a
    # credential after a person's name when it does not.
    people = [
        n
        for n in names
        if " " in n and not _is_outlet_word(n.split()[0], outlets) and _squash(n) not in _AGENCY
    ]
    if not people:
        # One word names nobody a reader could look up unless it is an agency: a first name
        # alone ("Regan") or a CMS account ("KWCHCIK", "Webnata") is no byline.
        people = [n for n in names if " " in n or _squash(n) in _AGENCY]
    return "; ".join(people) or None


def _clean_part(part: str, outlets: set[str]) -> str | None:
    part = " ".join(part.split()).strip(" .:-–—")
    if not part or _NOT_CREDIT.search(part) or _ACCOUNT.search(part):
        return None
    part = _LEAD.sub("", part)
    part = _TRAILER.sub("", part).strip(" .:-–—")
    words = part.split()
    words = _cut_at_date(words)
    words = _cut_at_role(words)
    if words is None:
        return None
    if len(words) > 2 and words[-1] in _ADDRESS_ENDS and words[-2].islower():
        words = words[:-2]  # an address's remains: "Megan Rowe meganr com"
    words = _cut_outlet(words, outlets)
    words = _undouble(words)
    if not words or len(words) > _MAX_NAME_WORDS:
        return None
    if len(words) == 1 and ("-" in words[0] or "_" in words[0] or words[0].islower()):
        return None  # a URL slug or a handle ("kevin-r"), not a name
    if _squash(" ".join(words)) in outlets:
        return None  # the site credits itself
    if len(words) > 1 and all(w.isupper() for w in words if _WORD.search(w)):
        words = [w.capitalize() if len(w) > 2 else w for w in words]  # "JANIE HAR" → "Janie Har"
    return " ".join(words)


def _cut_at_date(words: list[str]) -> list[str]:
    for k, word in enumerate(words):
        plain = word.strip(",.").casefold()
        if plain in _DATE_WORDS or any(ch.isdigit() for ch in word):
            return words[:k]
    return words


def _cut_at_role(words: list[str]) -> list[str] | None:
    """The words before a job title; None when the part is a job title only."""
    for k, word in enumerate(words):
        if word.casefold().strip(",.") in _ROLES:
            start = k
            while start > 0 and words[start - 1].casefold() in _ROLE_LEADS:
                start -= 1
            return words[:start] or None
    return words


def _cut_outlet(words: list[str], outlets: set[str]) -> list[str]:
    """A name without the outlet or agency written after it: "Finian Cunningham Sputnik
    International", "Eric Tucker Associated Press"."""
    for k in range(2, len(words)):
        rest = _squash(" ".join(words[k:]))
        if rest in outlets or rest in _AGENCY or _is_outlet_word(words[k], outlets):
            return words[:k]
    return words


def _is_outlet_word(word: str, outlets: set[str]) -> bool:
    """Whether a word names the outlet: "CNN" for cnn.com, "Sputnik" for sputniknews.com."""
    plain = _squash(word)
    return plain in outlets or (len(plain) >= 4 and any(o.startswith(plain) for o in outlets))


def _merge_variants(names: list[str]) -> list[str]:
    """One name per person: "Troy Smith" and "Troy L. Smith" are one, the fuller kept."""
    kept: list[str] = []
    for name in sorted(names, key=lambda n: -len(n.split())):
        words = [_squash(w) for w in name.split()]
        if not any(_within(words, [_squash(w) for w in k.split()]) for k in kept):
            kept.append(name)
    return sorted(kept, key=names.index)


def _within(short: list[str], full: list[str]) -> bool:
    """Whether a name's words are the fuller name's in order, with its first and last."""
    if len(short) < 2 or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(w in rest for w in short)


def _undouble(words: list[str]) -> list[str]:
    """A name printed twice in one element, "Sean Martin Sean Martin", once."""
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return words[:half]
    return words


def _squash(text: str) -> str:
    """Letters and digits only, casefolded: "cleveland.com" and "Cleveland com" agree."""
    return "".join(_WORD.findall(text.casefold())).replace("_", "")
