"""Quotes: words a report attributes to someone, quoted directly or reported, with who relayed them.

`find_quotes(sources, resolve)` reads each source's cleaned article text (quote marks are straight
`"` there; see `clean.normalize`) and returns one `Quote` per statement, merged across sources.
Only the standard library and rapidfuzz are used: no model, a few milliseconds per story.

Direct quotes are found on the article text, not on single sentences, so one quote may run over
several sentences and paragraphs. Marks are paired by their shape (a mark after a space opens, a
mark after a word closes); a mark that opens a paragraph while a quote is open continues it (the
English multi-paragraph convention); a mark after `, ` or `. ` inside a quote is a closing mark a
translation put after the space (`resolved, "the parliamentarian said`); an opening mark followed
by a closed pair inside a quote is a quote within the quote. A quoted span is a quote when an
attribution sits next to it:

- after it, in the same sentence: `"…," X said/noted/told reporters/believes/summed up …`,
  `"…," said X`, `"…," according to X`, `"…" - quoted Peskov TASS` (translation order),
  `"…," RIA Novosti quoted X as saying`, `"…," BelTA quotes X as saying`;
- before it: `X said: "…"`, `X noted that "…"`, `According to X, "…"`, `As X put it, "…"`, a
  paragraph ending in `X said:` before a quote that opens the next paragraph;
- in the next sentence: `"…." Peskov said this to journalists.`;
- a quote right after an attributed one in the same paragraph continues it
  (`"…," he said. "More."`);
- or, without any attribution, when it is a whole statement of its own: it opens a sentence, has
  at least MIN_STANDALONE_WORDS words and ends like a sentence (speaker None).

Any other quoted span is a scare quote or a title (`put a "fat point"`, `will raise "key issues"`)
and is not a quote, whatever its length; its sentence may still be reported speech.

Reported speech is found per sentence, on sentences no direct quote covers: `X said (that) …`,
`X noted/stressed/added/announced/claimed/told reporters (that) …`, `X told Y that …`,
`X believes that …`, `according to X, …` / `…, according to X`, `As X said, …`,
`As reported by X, …`, `…, said X`, `…, X said`, `In his opinion, …`; and `, who claimed that …`
or `, adding that …` after a direct quote's attribution. Without "that", a clause must have a
verb before its first comma ("said the repair work was likely …", not "said Piet Lund, as …").
The text is the reported clause without the attribution and without "that".

Speakers. The attribution's noun phrase goes to `resolve(mention, source, offset)` (offset: where
the mention starts in the article text): the whole phrase, then name-like comma segments
(`Pavel Feldman, deputy director …`), then the name at its end (`the press secretary … Dmitry
Peskov`; after a preposition only a name following the run's first word, so "the Commission of
Belarus" is not Belarus; never the second of "X and Y"), then each segment; `X's press service`
and `the mayor's office` speak for X. A phrase nothing resolves keeps speaker None, except:

- pronouns (he, she, him, her, his) are never sent to `resolve`: they refer to the speaker of the
  nearest of the previous two sentences, or else to the first person-like name there (the
  subject position), or stay None;
- generic person roles without a capitalised word ("the expert", "the diplomat", "the deputy";
  head noun in _PERSON_ROLES) that `resolve` does not know refer back to the nearest preceding
  sentence (of two) that has a speaker or names a person, only when that sentence points at
  exactly one person; otherwise None. Organisations ("the council", "the department") never
  refer back, and specific roles ("the Belarusian leader", "the head of the Russian
  government") are left to `resolve`: a wrong guess there would be worse than none.

"Person-like" is `is_person(name)` when the caller passes it, else a name-shape heuristic (two or
more capitalised words, none of them an organisation or place word).

News agencies are channels, never speakers: `RIA Novosti quoted X as saying` → speaker X, channel
RIA Novosti; `as cited by TASS`, `told RIA Novosti`, `told the BBC`, `in an interview with RT`,
`according to TASS` give the channel. A phrase is an agency when it is a known one (_CHANNELS) or
is named like one ("… News", "… Agency", "Telegram channel …").

Merging: quotes whose normalised texts are equal, contain one another (four words or more), or
have rapidfuzz token_set_ratio >= MERGE_RATIO at comparable lengths (the shorter at least half
the longer) are one Quote with all their sources and evidence, unless two different speakers were
resolved for them. The first resolved speaker and the first channel are kept; a direct wording
wins over a reported one. Evidence is the quote's first sentence in each source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import Evidence, Quote, Sentence, Source

__all__ = ["Resolver", "find_quotes"]

Resolver = Callable[[str, str, int], str | None]
"""(speaker mention as written, source id, character offset in the article) → canonical name."""

MERGE_RATIO = 85
MIN_STANDALONE_WORDS = 5

# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

_SPEECH_VERBS = (
    "said", "says", "say", "noted", "notes", "note", "stressed", "stresses", "added", "adds",
    "told reporters", "told journalists", "told", "tells", "emphasized", "emphasised",
    "emphasizes", "emphasises", "explained", "explains", "believes", "believe", "believed",
    "concluded", "concludes", "summed up", "sums up", "recalled", "recalls", "stated", "states",
    "declared", "declares", "announced", "announces", "claimed", "claims", "asserted", "asserts",
    "remarked", "commented", "comments", "continued", "insisted", "insists", "argued", "argues",
    "warned", "warns", "suggested", "suggests", "wrote", "writes", "replied", "replies",
    "answered", "admitted", "admits", "acknowledged", "specified", "assured", "promised",
    "confirmed", "confirms", "asked", "pointed out", "points out", "underlined", "underscored",
    "clarified", "predicted", "observed", "mentioned", "reported", "reports", "put it",
    "is quoted as saying", "was quoted as saying",
)  # fmt: skip
_QUOTING_VERBS = ("quoted", "quotes", "quote", "cited", "cites", "cite")
# Verbs that introduce a reported clause ("X noted that …"); "spoke", "called" and the like do not.
_REPORT_VERBS = (
    "said", "says", "noted", "notes", "stressed", "stresses", "added", "adds", "announced",
    "announces", "claimed", "claims", "emphasized", "emphasised", "emphasizes", "emphasises",
    "explained", "explains", "believes", "believe", "stated", "states", "declared", "declares",
    "recalled", "recalls", "pointed out", "points out", "suggested", "suggests", "specified",
    "promised", "assured", "insisted", "insists", "argued", "argues", "warned", "warns",
    "confirmed", "confirms", "admitted", "admits", "acknowledged", "asserted", "asserts",
    "underlined", "underscored", "clarified", "predicted", "replied", "reported", "reports",
    "expressed hope", "expressed confidence", "concluded", "told reporters", "told journalists",
)  # fmt: skip


def _alternation(words: tuple[str, ...]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_SPEECH = _alternation(_SPEECH_VERBS)
_QUOTING = _alternation(_QUOTING_VERBS)
_REPORT = _alternation(_REPORT_VERBS)

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_OTHER_PRONOUNS = {"they", "them", "their", "we", "us", "our", "i", "me", "my", "it", "its", "you"}
# Words that open a leading adverbial ("Earlier, …", "In turn, …", "Commenting on …, X said").
_ADVERBIAL = {
    "however", "earlier", "later", "meanwhile", "moreover", "furthermore", "therefore", "thus",
    "so", "also", "then", "now", "still", "yet", "besides", "instead", "today", "yesterday",
    "recently", "previously", "additionally", "finally", "first", "second", "third", "indeed",
    "nevertheless", "nonetheless", "in", "on", "at", "against", "after", "before", "during",
    "since", "for", "with", "along", "last", "this", "next", "unlike", "like", "as", "when",
    "while", "although", "though", "because", "if", "despite", "according", "let", "of", "by",
    "from", "under", "amid", "among", "following", "to", "over", "within", "into", "once",
    "separately", "specifically", "similarly", "likewise", "again", "obviously", "apparently",
    "overall", "here", "there", "that", "but", "and", "or", "which", "who", "whose",
}  # fmt: skip
# Words dropped from the end of a subject ("Lukashenka himself said", "Bigan also noted").
_TRAILING_ADVERBS = {
    "also", "earlier", "himself", "herself", "themselves", "itself", "has", "have", "had",
    "repeatedly", "already", "again", "once", "then", "later", "further", "previously",
    "recently", "publicly", "officially", "today", "yesterday", "now", "personally",
    "reportedly", "allegedly", "separately", "too", "first", "once again", "had earlier",
}  # fmt: skip
# A subject segment holding one of these is a clause, not a noun phrase.
_AUXILIARIES = {
    "is", "are", "was", "were", "will", "would", "can", "could", "should", "must", "may",
    "might", "do", "does", "did", "be", "been", "being", "not", "shall",
}  # fmt: skip
# Adverbs allowed between a reporting verb and "that" ("noted earlier that").
_VERB_ADVERB = (
    r"(?:earlier|later|also|again|repeatedly|previously|recently|then|today|yesterday|once again"
    r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|publicly|officially)"
)
_SUBJECT_ADVERB = (
    r"(?:also|then|later|earlier|further|has|have|had|himself|herself|themselves|itself"
    r"|repeatedly|already|again|previously|recently|once again|publicly|reportedly|allegedly"
    r"|has\s+repeatedly|has\s+already|has\s+also|had\s+earlier|personally|too)"
)
# Words that end a person-like name: organisations, institutions and places.
_NOT_PERSON = {
    "state", "states", "union", "kingdom", "republic", "federation", "ministry", "council",
    "committee", "duma", "commission", "kremlin", "agency", "news", "novosti", "institute",
    "university", "academy", "party", "bank", "group", "organization", "organisation", "treaty",
    "government", "parliament", "office", "service", "press", "court", "army", "forces",
    "nations", "america", "europe", "asia", "africa", "britain", "arabia", "korea", "zealand",
    "york", "kong", "lanka", "emirates", "islands", "coast", "gulf", "sea", "ocean", "river",
    "mountains", "city", "street", "square", "bridge", "hall", "house", "department", "company",
    "corporation", "inc", "ltd", "plc", "association", "foundation", "center", "centre",
    "school", "hospital", "police", "guard", "navy", "fund", "assembly", "senate", "congress",
    "region", "province", "district", "county", "airport", "station", "port", "harbour",
    "harbor", "plant", "factory", "channel", "times", "post", "journal", "herald", "gazette",
    "tribune", "telegraph", "daily", "radio", "tv", "television", "wire", "media", "network",
    "affairs", "integration", "relations", "east", "west", "north", "south", "central",
    "security", "energy", "finance", "chemicals", "systems", "airlines", "motors", "alliance",
    "coalition",
    "front", "movement", "bloc", "board", "authority",
    "directorate", "bureau", "cabinet", "administration", "embassy", "consulate", "mission",
    "museum", "library", "theatre", "theater", "stadium", "park", "road", "avenue", "lake",
    "island", "valley", "strait", "peninsula", "territory", "oblast", "krai",
}  # fmt: skip
# Capitalised only because they open a sentence: never the start of a name.
_FUNCTION_WORDS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i",
    "in", "on", "at", "but", "and", "however", "as", "according", "if", "when", "while", "his",
    "her", "their", "its", "our", "after", "before", "during", "for", "with", "from", "by",
}  # fmt: skip
_NAME_PARTICLES = {"de", "van", "von", "der", "den", "bin", "al", "la", "le", "da", "di", "del"}
_TITLES = {
    "president", "prime", "minister", "chancellor", "secretary", "ambassador", "mayor",
    "governor", "senator", "chairman", "chairwoman", "chair", "director", "spokesman",
    "spokeswoman", "spokesperson", "king", "queen", "pope", "premier", "head", "leader",
    "general", "commander", "chief", "deputy", "mr", "mrs", "ms", "dr", "prof", "sir",
}  # fmt: skip
# Head nouns of generic roles that name one person ("the expert said").
_PERSON_ROLES = {
    "expert", "diplomat", "deputy", "parliamentarian", "politician", "analyst", "official",
    "minister", "spokesman", "spokeswoman", "spokesperson", "president", "senator", "lawyer",
    "ambassador", "scientist", "economist", "professor", "doctor", "leader", "mayor",
    "governor", "general", "commander", "chairman", "chairwoman", "director", "head",
    "secretary", "witness", "activist", "journalist", "author", "researcher", "specialist",
    "lawmaker", "legislator", "chief", "judge", "prosecutor", "representative", "envoy",
    "negotiator", "manager", "owner", "engineer", "officer", "premier", "chancellor", "speaker",
    "politologist", "scholar", "historian", "observer", "commentator", "agent", "militant",
    "candidate", "opposition leader", "councillor", "councilor", "mp", "congressman",
    "congresswoman", "prime minister", "businessman", "businesswoman", "entrepreneur",
    "founder", "ceo", "executive", "coach", "player", "victim", "survivor", "resident",
    "driver", "pilot", "captain", "interlocutor", "source", "insider",
}  # fmt: skip
# Agencies, broadcasters and papers that relay words: channels, never speakers.
_CHANNELS = {
    "tass", "itar-tass", "ria novosti", "ria", "interfax", "belta", "sputnik", "rt",
    "russia today", "reuters", "ap", "associated press", "afp", "agence france-presse",
    "bloomberg", "bbc", "cnn", "xinhua", "kyodo", "kyodo news", "dpa", "efe", "ansa",
    "anadolu", "anadolu agency", "yonhap", "pti", "unian", "ukrinform", "kommersant",
    "izvestia", "vedomosti", "rbc", "meduza", "gazeta.ru", "lenta.ru", "ntv", "channel one",
    "ekho moskvy", "echo of moscow", "tut.by", "euronews", "al jazeera", "deutsche welle", "dw",
    "fox news", "nbc", "cbs", "abc", "abc news", "npr", "politico", "axios", "nhk", "belsat",
    "nasha niva", "gromadske", "hromadske", "interfax-ukraine", "rossiya 24", "zvezda",
    "the new york times", "new york times", "the washington post", "washington post",
    "the guardian", "guardian", "financial times", "the wall street journal",
    "wall street journal", "the times", "the independent", "le monde", "der spiegel",
    "spiegel", "bild", "corriere della sera", "el pais", "rtl", "zdf", "ard", "france 24",
    "radio liberty", "radio free europe", "rferl", "voice of america", "voa", "pool one",
}  # fmt: skip
_CHANNEL_WORDS = re.compile(
    r"\b(?:News|Agency|Novosti|Times|Post|Journal|Herald|Gazette|Tribune|Telegraph|Daily|Radio"
    r"|TV|Television|Broadcasting|Wire|Press|Channel)\b"
)
_CHANNEL_KIND = re.compile(
    r"^(?:the\s+)?(?:Telegram[- ]channel|[Tt]elegram channel|channel|newspaper|agency|news agency"
    r"|outlet|portal|website|publication|broadcaster|TV channel)\s+\"?(?P<name>[^\"]+?)\"?$"
)

# --------------------------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff][\w.'\-]*|\d[\w.,]*|\S")
_WORD = re.compile(r"\w+")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "prof", "jr", "sr", "lt", "col",
    "capt", "sgt", "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.k", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
    "a.m", "p.m",
}  # fmt: skip
_TERMINAL = re.compile(r"[.!?…]+[\"')\]]*(?=\s|$)")


def _words(text: str) -> list[str]:
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


def _sentence_end(text: str, pos: int, limit: int = 400) -> int:
    """End (exclusive, after the punctuation) of the sentence running at `pos`, within its line."""
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    stop = min(line_end, pos + limit)
    for m in _TERMINAL.finditer(text, pos, stop):
        if _is_boundary(text, m):
            return m.end()
    return stop


def _sentence_start(text: str, pos: int, limit: int = 400) -> int:
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


def _clean_clause(text: str) -> str:
    """A quote or clause as stored: one line, no attribution comma, no final period."""
    text = " ".join(text.split())
    text = text.strip(" ,;:-")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def _norm(text: str) -> str:
    return " ".join(_words(text.lower()))


@dataclass(slots=True)
class _Run:
    """A run of capitalised words: a name candidate."""

    text: str
    start: int  # offset in the string it was found in
    end: int
    possessive: bool = False


def _runs(text: str) -> list[_Run]:
    """Maximal runs of capitalised tokens ("Vladimir Putin Dmitry Peskov"); "'s" ends a run."""
    runs: list[_Run] = []
    current: list[tuple[int, int]] = []

    def flush(possessive: bool = False) -> None:
        while current and text[current[-1][0] : current[-1][1]].lower() in _NAME_PARTICLES:
            current.pop()
        if current:
            a, b = current[0][0], current[-1][1]
            runs.append(_Run(text[a:b], a, b, possessive))
        current.clear()

    for m in _TOKEN.finditer(text):
        tok, a, b = m.group(), m.start(), m.end()
        if not current and tok.lower() in _FUNCTION_WORDS:
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
        elif current and tok in _NAME_PARTICLES:
            current.append((a, b))
        else:
            flush()
    flush()
    return runs


def _is_channel(name: str | None) -> bool:
    if not name:
        return False
    n = name.strip(" \"'.,")
    low = n.lower()
    if low.startswith("the "):
        low = low[4:]
    return low in _CHANNELS or bool(_CHANNEL_WORDS.search(n)) or bool(_CHANNEL_KIND.match(n))


def _channel_name(np: str) -> str:
    n = np.strip(" \"'.,")
    m = _CHANNEL_KIND.match(n)
    return m.group("name") if m else n.removeprefix("the ")


def _person_like(name: str) -> bool:
    """A canonical name that looks like a person's: two or more capitalised words, no org word."""
    toks = name.replace("-", " ").split()
    if len(toks) < 2 or _is_channel(name):
        return False
    for t in toks:
        low = t.lower().strip(".,'")
        if low in _NOT_PERSON:
            return False
        if not (t[0].isupper() or low in _NAME_PARTICLES):
            return False
    return True


def _is_role_phrase(np: str) -> bool:
    """A generic role that refers back to a person ("the expert", "the diplomat").

    No capitalised word (specific roles are the resolver's), and the head noun names a person's
    role: "the council" or "the department" never refer back to the last person named.
    """
    toks = np.split()
    if not 2 <= len(toks) <= 6 or toks[0].lower() not in {"the", "this", "that"}:
        return False
    if not all(t[0].islower() for t in toks[1:] if t[0].isalpha()):
        return False
    words = [t.lower().strip(",.;:") for t in toks[1:]]
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head.removesuffix("'s") in _PERSON_ROLES


# --------------------------------------------------------------------------------------------
# Pairing quote marks
# --------------------------------------------------------------------------------------------


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


def _quote_spans(text: str) -> list[tuple[int, int]]:
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


# --------------------------------------------------------------------------------------------
# Attributions
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Attribution:
    np: str | None  # the speaker mention as written
    np_at: int  # its offset in the article
    channel: str | None
    start: int  # the attribution's span in the article
    end: int
    relative: tuple[str, int, int] | None = None  # ", who claimed that …": (clause, start, end)


# NP boundaries inside an attribution: what follows the speaker's name is an adjunct.
_NP_STOP = re.compile(
    r"(?:,|;|\.(?=\s|$)|\s+(?:in|during|on|at|after|before|when|while|as|to|about|from|answering"
    r"|adding|referring|speaking|commenting|according|for|with|who|which|whose|that|this|in the"
    r"|earlier|later|last|yesterday|today)\b)"
)


def _cut_np(rest: str) -> tuple[str, int]:
    """The noun phrase at the start of `rest`, and its length."""
    lead = len(rest) - len(rest.lstrip())
    body = rest[lead:]
    m = _NP_STOP.search(body)
    np = body[: m.start()] if m else body
    np = np.rstrip(" .!?")
    return np, lead


_INTERVIEW = re.compile(
    r"\b(?:in\s+(?:an?\s+)?interview\s+(?:with|to)|told|speaking\s+to|talking\s+to)\s+"
    r"(?P<ch>(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)"
)
_CITED_BY = re.compile(
    r"\b(?:as\s+)?(?:cited|quoted|reported|relayed)\s+by\s+(?P<ch>(?:the\s+)?[A-Z][\w.\-]*"
    r"(?:\s+[A-Z][\w.\-]*)*)"
)
_ACCORDING_CH = re.compile(r"\baccording\s+to\s+(?P<ch>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)")
_WHO_SAID = re.compile(
    rf"^,?\s*(?:who\s+(?:also\s+)?(?:{_REPORT})|adding|noting|stressing|explaining|warning)\s+"
    r"(?:that\s+)?(?P<clause>\S.*)$",
    re.S | re.I,
)


IsPerson = Callable[[str, int], bool]  # (mention, offset in the article) → names a person


def _channel_in(rest: str, at: int, resolve_person: IsPerson) -> str | None:
    """A channel named in an attribution's adjuncts: "as cited by TASS", "told RIA Novosti"."""
    for pattern in (_CITED_BY, _INTERVIEW, _ACCORDING_CH):
        for m in pattern.finditer(rest):
            ch = m.group("ch").strip()
            follows = rest[m.end() :].split(maxsplit=1)
            if (
                follows
                and follows[0][0].islower()
                and follows[0]
                not in _PREPOSITIONS
                | {
                    "and",
                    "that",
                    "when",
                    "while",
                    "as",
                    "after",
                    "before",
                    "during",
                    "on",
                }
            ):
                continue  # "with Russian media": an adjective, not a name
            if ch.lower() in {"reporters", "journalists"}:
                continue
            if _is_channel(ch):
                return _channel_name(ch)
            if pattern is not _ACCORDING_CH and not resolve_person(ch, at + m.start("ch")):
                toks = ch.split()
                if len(toks) <= 3 and not any(t.lower() in _TITLES for t in toks):
                    return ch
    return None


_AFTER_LEAD = re.compile(r"[\s,]*(?:-\s*)?")
_AFTER_VERB_FIRST = re.compile(rf"(?:(?P<quoting>{_QUOTING})|(?P<verb>{_SPEECH}))\s+(?P<rest>\S.*)")
_AFTER_SUBJECT = re.compile(
    rf"(?:as\s+)?(?P<np>[^,.;:!?\"()]{{1,100}}?(?:,\s*\d{{1,3}},)?)\s+(?:{_SUBJECT_ADVERB}\s+)*"
    rf"(?:(?P<quoting>{_QUOTING})|(?P<verb>{_SPEECH}))\b(?P<rest>.*)",
    re.S,
)
_AFTER_ACCORDING = re.compile(r"according\s+to\s+(?P<np>[^,.;]+)")
_AS_SAYING = re.compile(r"\s+as\s+(?:saying|telling|stating)\b.*$", re.S)


def _np_ok(np: str, lowercase: bool = False) -> bool:
    """Whether `np` can be a speaker phrase; `lowercase` admits "opposition councillor X"."""
    words = np.split()
    if not words or len(words) > 12:
        return False
    first = words[0]
    if first.lower() in _PERSON_PRONOUNS | _OTHER_PRONOUNS:
        return len(words) == 1
    if first.lower() in {"the", "a", "an", "this", "our", "his", "her", "their", "its"}:
        return True
    if lowercase and first.lower() not in _PREPOSITIONS | _CLAUSE_OPENERS:
        return True
    return first[0].isupper() or first[0].isdigit()


def _split_quoted(tokens_text: str, offset: int) -> tuple[str, int, str | None]:
    """`quoted Peskov TASS`: which words are the speaker, which the channel."""
    words = list(re.finditer(r"\S+", tokens_text))
    if len(words) >= 2:
        for k in range(1, len(words)):
            head = tokens_text[: words[k - 1].end()]
            tail = tokens_text[words[k].start() :]
            if _is_channel(tail):
                return head, offset, _channel_name(tail)
        for k in range(1, len(words)):
            head = tokens_text[words[k].start() :]
            tail = tokens_text[: words[k - 1].end()]
            if _is_channel(tail):
                return head, offset + words[k].start(), _channel_name(tail)
    return tokens_text, offset, None


def _after(text: str, inner: str, close: int, resolve_person: IsPerson) -> _Attribution | None:
    """The attribution following a closing mark, in the same sentence."""
    end = _sentence_end(text, close + 1)
    tail = text[close + 1 : end]
    lead = _AFTER_LEAD.match(tail)
    skip = lead.end() if lead else 0
    body = tail[skip:]
    at = close + 1 + skip
    glued = bool(tail[:skip].strip())  # a comma or a dash joins the quote to what follows
    if not glued and (
        not body.strip(" .") or (body[:1].isupper() and inner.rstrip()[-1:] in ".!?")
    ):
        return None  # `"…." Next sentence`: the quote ended its sentence
    if not glued and not inner.rstrip().endswith((",", ".", "!", "?", "…", "-")):
        return None  # `"fat point" in …`: nothing marks the end of a quotation
    body_clean = body.rstrip()
    # "…," according to X.
    m = _AFTER_ACCORDING.match(body_clean)
    if m:
        np = m.group("np").strip()
        if _is_channel(np):
            return _Attribution(None, at, _channel_name(np), close, at + len(body_clean))
        return _Attribution(np, at + m.start("np"), None, close, at + len(body_clean))
    # "…," said X / quoted Peskov TASS
    m = _AFTER_VERB_FIRST.match(body_clean)
    if m:
        rest = m.group("rest")
        rest_at = at + m.start("rest")
        if m.group("quoting"):
            np_part = _AS_SAYING.sub("", rest)
            np, lead_len = _cut_np(np_part)
            sp, sp_at, ch = _split_quoted(np, rest_at + lead_len)
            ch = ch or _channel_in(rest, rest_at, resolve_person)
            return _Attribution(sp or None, sp_at, ch, close, at + len(body_clean))
        np, lead_len = _cut_np(rest)
        if not _np_ok(np, lowercase=True):
            return None
        after_np = rest[lead_len + len(np) :]
        channel = _channel_in(after_np, rest_at + lead_len + len(np), resolve_person)
        if _is_channel(np):
            return _Attribution(None, rest_at, _channel_name(np), close, at + len(body_clean))
        return _Attribution(
            np,
            rest_at + lead_len,
            channel,
            close,
            at + len(body_clean),
            _relative(after_np, rest_at + lead_len + len(np)),
        )
    # "…," X said / RIA Novosti quoted X as saying
    m = _AFTER_SUBJECT.match(body_clean)
    if m:
        np = m.group("np").strip()
        if not _np_ok(np) or np.lower() in {"it", "this", "that"}:
            return None
        np_at = at + m.start("np") + (len(m.group("np")) - len(m.group("np").lstrip()))
        rest = m.group("rest")
        rest_at = at + m.start("rest")
        if m.group("quoting"):
            obj = _AS_SAYING.sub("", rest)
            sp, lead_len = _cut_np(obj)
            channel = (
                _channel_name(np) if _is_channel(np) else _channel_in(rest, rest_at, resolve_person)
            )
            speaker = sp if _np_ok(sp) else None
            if not _is_channel(np) and speaker is None:
                speaker, channel = np, channel  # "X is quoted …": X speaks
            return _Attribution(
                speaker,
                rest_at + lead_len if speaker != np else np_at,
                channel,
                close,
                at + len(body_clean),
            )
        channel = _channel_in(
            m.group("verb") + rest, rest_at - len(m.group("verb")), resolve_person
        )
        if _is_channel(np):
            return _Attribution(None, np_at, _channel_name(np), close, at + len(body_clean))
        return _Attribution(
            np, np_at, channel, close, at + len(body_clean), _relative(rest, rest_at)
        )
    return None


def _next_said(text: str, inner: str, close: int, resolve_person: IsPerson) -> _Attribution | None:
    """`"…." Peskov said this to journalists.`: the attribution is the next sentence."""
    if inner.rstrip()[-1:] not in ".!?…":
        return None
    i = close + 1
    while i < len(text) and text[i] in " \n" and text[i : i + 3] != "\n\n\n":
        i += 1
    if text[close + 1 : i].count("\n") > 2:
        return None
    end = _sentence_end(text, i)
    m = _NEXT_SAID.match(text, i, end)
    if not m:
        return None
    np = m.group("np").strip()
    if not _np_ok(np) or _is_channel(np):
        return None
    channel = _channel_in(m.group("rest"), m.start("rest"), resolve_person)
    return _Attribution(np, m.start("np"), channel, close, end)


def _relative(rest: str, rest_at: int) -> tuple[str, int, int] | None:
    """`, who claimed that CLAUSE` after an attribution: more reported speech by the speaker."""
    m = _WHO_SAID.match(rest)
    if not m:
        return None
    clause = _clean_clause(m.group("clause"))
    if len(_words(clause)) < 3:
        return None
    return clause, rest_at + m.start("clause"), rest_at + len(rest)


_BEFORE_SAID = re.compile(
    rf"^(?P<pre>.*?\S)\s+(?:{_SUBJECT_ADVERB}\s+)*(?P<verb>{_SPEECH})"
    rf"(?:\s+{_VERB_ADVERB})?(?:\s+(?:in|at|on|during|to)\s+[^,\":]{{1,60}}?)?(?:\s+that)?\s*[:,]?$",
    re.S,
)
# The sentence after a quote: "Peskov said this to journalists."
_NEXT_SAID = re.compile(
    rf"(?P<np>[^,.;:!?\"]{{1,80}}?)\s+(?:{_SUBJECT_ADVERB}\s+)*(?:{_SPEECH})\s+"
    r"(?:this|so|these\s+words)\b(?P<rest>[^\n]*)"
)
_BEFORE_QUOTING = re.compile(
    rf"^(?P<pre>.*?\S)\s+(?:{_QUOTING})\s+(?P<np>[^,:;\"]+?)\s+as\s+(?:saying|stating)\s*[:,]?$",
    re.S,
)
_BEFORE_ACCORDING = re.compile(r"(?:^|\b)[Aa]ccording\s+to\s+(?P<np>[^,\"]+?),\s*$")
_BEFORE_AS = re.compile(
    rf"(?:^|\b)[Aa]s\s+(?P<np>[^,\"]+?)\s+(?:{_SPEECH}|put\s+it)(?P<adj>[^,\"]*),\s*$"
)


def _before(text: str, open_: int, resolve_person: IsPerson) -> _Attribution | None:
    """The attribution leading into an opening mark: `X said: "…"`, `According to X, "…"`."""
    start = _sentence_start(text, open_)
    pre = text[start:open_]
    if not pre.strip():
        # A quote opening its paragraph, after a paragraph that ends "X said:".
        line_start = text.rfind("\n", 0, open_) + 1
        if start != line_start or line_start < 2:
            return None
        prev_end = line_start - 1
        while prev_end > 0 and text[prev_end - 1] == "\n":
            prev_end -= 1
        if prev_end <= 0 or text[prev_end - 1] != ":":
            return None
        start = _sentence_start(text, prev_end - 1)
        pre = text[start:prev_end]
    pre_r = pre.rstrip()
    m = _BEFORE_ACCORDING.search(pre_r)
    if m:
        np = m.group("np").strip()
        if _is_channel(np):
            return _Attribution(None, start + m.start("np"), _channel_name(np), start, open_)
        return _Attribution(np, start + m.start("np"), None, start, open_)
    m = _BEFORE_AS.search(pre_r)
    if m:
        ch = _channel_in(m.group("adj"), start + m.start("adj"), resolve_person)
        return _Attribution(m.group("np"), start + m.start("np"), ch, start, open_)
    m = _BEFORE_QUOTING.match(pre_r)
    if m:
        subject = _subject(m.group("pre"), start)
        channel = subject[0] if subject and _is_channel(subject[0]) else None
        return _Attribution(m.group("np"), start + m.start("np"), channel, start, open_)
    m = _BEFORE_SAID.match(pre_r)
    if m:
        subject = _subject(m.group("pre"), start)
        if subject is None:
            return None
        np, np_at = subject
        if _is_channel(np):
            return _Attribution(None, np_at, _channel_name(np), start, open_)
        return _Attribution(np, np_at, None, start, open_)
    return None


# --------------------------------------------------------------------------------------------
# Subjects of reporting clauses
# --------------------------------------------------------------------------------------------

_COMMA_SEG = re.compile(r"[^,]+")
_VERBISH = re.compile(r"^(?:[a-z]+ed|has|have|had|was|were|is|are|will|would)$")


def _subject(pre: str, offset: int) -> tuple[str, int] | None:
    """The subject noun phrase of `pre` (the words before a reporting verb), with its offset.

    Leading adverbials ("Earlier,", "In turn,", "Commenting on …,") are dropped; a conjunction
    starts a new clause ("…, and Halvard said"; "Police closed the road and said"); the phrase
    ends before a relative clause ("Rune Falk, who led the operation,"); trailing adverbs
    ("Lukashenka himself", "Bigan also") are dropped. None when no noun phrase is left.
    """
    segs = [(m.group(), m.start()) for m in _COMMA_SEG.finditer(pre) if m.group().strip()]
    for idx in range(len(segs) - 1, 0, -1):
        seg, at = segs[idx]
        m = re.match(r"\s*(?:and|but|while|whereas)\s+(?=\S)", seg)
        if m:
            segs = [(seg[m.end() :], at + m.end())]
            break
    if len(segs) == 1 and re.search(r"\s(?:and|but)$", segs[0][0].rstrip()):
        seg, at = segs[0]
        words = list(re.finditer(r"\S+", seg))
        for k, w in enumerate(words[1:], 1):
            if _VERBISH.match(w.group()):
                segs = [(seg[: words[k - 1].end()], at)]
                break
        else:
            return None
    while segs:
        words = segs[0][0].split()
        low = words[0].lower().strip("\"'")
        if not (low in _ADVERBIAL or low[:1].isdigit() or (low.endswith("ing") and len(segs) > 1)):
            break
        if len(segs) > 1:
            segs = segs[1:]
            continue
        # One segment opening with an adverbial and no comma ("Later Peskov said"): only a
        # pronoun or a name at its end can be the subject.
        seg, at = segs[0]
        last = words[-1]
        if last.lower() in _PERSON_PRONOUNS | {"they", "we", "i"}:
            return last, offset + at + seg.rfind(last)
        run = _tail_run(seg.rstrip(), 0)
        if run is None:
            return None
        return seg[run.offset :].rstrip(), offset + at + run.offset
    if not segs:
        return None
    kept = [segs[0]]
    for seg, at in segs[1:]:
        w = seg.split()
        if w and w[0].lower() in {"who", "which", "whose", "for", "in", "as", "on", "at", "with"}:
            break
        kept.append((seg, at))
    first_seg, first_at = kept[0]
    lead = len(first_seg) - len(first_seg.lstrip())
    np_at = offset + first_at + lead
    np = pre[first_at + lead : kept[-1][1] + len(kept[-1][0])].rstrip()
    words = np.split()
    while words and words[-1].lower() in _TRAILING_ADVERBS:
        words.pop()
    if not words:
        return None
    np = np[: np.rfind(words[-1]) + len(words[-1])]
    first_words = first_seg.lower().split()
    if any(w in _AUXILIARIES for w in first_words) or len(words) > 30:
        return None
    if any(w.lower() in {"has", "have", "had"} for w in words):  # "talks have ended": a clause
        return None
    if first_words[0] in {"it", "this", "that", "there"} or not _np_ok(" ".join(words[:12])):
        return None
    return np, np_at


# --------------------------------------------------------------------------------------------
# Reported speech
# --------------------------------------------------------------------------------------------

_LEAD = r"(?:(?:[A-Z][\w'-]*(?:\s+[\w'-]+){0,5}),\s+)?"
_R_ACCORDING_LEAD = re.compile(
    rf"^{_LEAD}[Aa]ccording\s+to\s+(?P<np>[^,]{{2,160}}?),\s+(?P<clause>\S.*)$", re.S
)
_R_ACCORDING_TAIL = re.compile(
    r"^(?P<clause>\S.{10,}?),\s+according\s+to\s+(?P<np>[^,]{2,160}?)\s*[.!?]?$", re.S
)
_R_OPINION = re.compile(
    rf"^{_LEAD}[Ii]n\s+(?P<np>his|her|[A-Z][\w.'\- ]{{1,60}}?'s)\s+(?:opinion|view|words),\s+"
    r"(?P<clause>\S.*)$",
    re.S,
)
_R_AS_BY = re.compile(
    rf"^{_LEAD}[Aa]s\s+(?:reported|stated|announced|said|noted|explained)\s+by\s+"
    r"(?P<np>[^,]{2,160}?),\s+(?P<clause>\S.*)$",
    re.S,
)
_R_AS_SAID = re.compile(
    rf"^{_LEAD}[Aa]s\s+(?P<np>[^\"]{{2,200}}?)\s+(?:{_SUBJECT_ADVERB}\s+)*"
    rf"(?:{_REPORT}|put\s+it)\b(?P<adj>[^,\"]{{0,120}}),\s+(?P<clause>\S.*)$",
    re.S,
)
_R_SAID_THAT = re.compile(
    rf"^(?P<pre>.{{1,400}}?)\s+(?:{_SUBJECT_ADVERB}\s+)*(?P<verb>{_REPORT}|told\s+[^,\"]{{1,60}}?)"
    rf"(?P<adj>(?:\s+{_VERB_ADVERB})?(?:\s+(?:in|at|on|during)\s+[^,\"]{{1,60}}?)?)"
    r"(?:\s+that\b,?\s*|\s*:\s*)(?P<clause>\S.*)$",
    re.S,
)
_R_SAID_BARE = re.compile(
    rf"^(?P<pre>.{{1,400}}?)\s+(?:{_SUBJECT_ADVERB}\s+)*(?P<verb>said|says|added|adds|warned|warns"
    r"|believes|believe|told\s+(?:reporters|journalists|this\s+newspaper|[A-Z][\w.-]*(?:\s+[A-Z]"
    r"[\w.-]*)*))\s+(?P<clause>[\w$€£].*)$",
    re.S,
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|will|would|had|has|have|could|can|may|might|should|must|did|does"
    r"|do|[a-z]{2,}ed|[a-z]{3,}s)\b"
)
_R_VERB_FIRST = re.compile(
    rf"^(?P<clause>\S.{{10,}}?),\s+(?P<verb>{_REPORT}|told\s+reporters)\s+(?P<np>[^,]{{2,160}}?)"
    r"(?:,\s+(?P<extra>[^,]*?))?\s*[.!?]?$",
    re.S,
)
_R_TRAILING = re.compile(
    rf"^(?P<clause>\S.{{10,}}?)(?:,|\s+-)\s+(?P<np>[A-Za-z][^,\"]{{0,100}}?)\s+"
    rf"(?:{_SUBJECT_ADVERB}\s+)*(?P<verb>{_REPORT}|told\s+reporters)\b(?P<rest>[^,\"]*?)\s*"
    r"[.!?]?$",
    re.S,
)
_PREPOSITIONS = {
    "of", "in", "to", "for", "from", "at", "on", "with", "by", "about", "under", "over", "near",
    "into", "between", "among", "against", "across",
}  # fmt: skip
# What may follow a reporting verb at the end of a sentence: an adjunct, not an object.
_ADJUNCT = re.compile(
    r"^\s*(?:$|this\b|so\b|in\b|on\b|at\b|during\b|after\b|before\b|when\b|while\b|to\b"
    r"|about\b|from\b|earlier\b|later\b|yesterday\b|today\b|last\b|on\b|as\b|via\b"
    r"|by\b|through\b|with\b|answering\b|adding\b|according\b)"
)
_CLAUSE_OPENERS = {
    "if", "when", "while", "and", "but", "which", "who", "that", "as", "because", "although",
    "though", "since", "so", "or", "where", "whose", "in", "on", "at", "with", "for", "to",
    "from", "by", "after", "before", "during", "until", "unless", "once", "whether",
}  # fmt: skip


@dataclass(slots=True)
class _Said:
    """One attributed statement before its speaker is resolved."""

    kind: str
    text: str
    start: int  # where the quoted words / the clause begin in the article
    end: int
    np: str | None
    np_at: int
    channel: str | None
    lo: int  # the whole span: words and attribution
    hi: int
    speaker: str | None = None
    follows: _Said | None = None  # `"…," he said. "More."`: the quote continues this one


def _reported(s: Sentence, resolve_person: IsPerson) -> list[_Said]:
    text, base = s.text, s.start
    m = _R_ACCORDING_LEAD.match(text)
    if m and not m.group("np").lower().startswith(("the data", "data", "figures", "statistics")):
        return [_said_from(m, "np", "clause", base, s, channel_from_np=True)]
    m = _R_ACCORDING_TAIL.match(text)
    if m:
        return [_said_from(m, "np", "clause", base, s, channel_from_np=True)]
    m = _R_OPINION.match(text)
    if m:
        np = m.group("np")
        np = np[:-2] if np.endswith("'s") else np
        said = _said_from(m, "np", "clause", base, s)
        said.np = np
        return [said]
    m = _R_AS_BY.match(text) or _R_AS_SAID.match(text)
    if m:
        said = _said_from(m, "np", "clause", base, s, channel_from_np=True)
        if said.channel is None and "adj" in m.re.groupindex:
            said.channel = _channel_in(m.group("adj") or "", base + m.start("adj"), resolve_person)
        return [said]
    for pattern in (_R_SAID_THAT, _R_SAID_BARE):
        m = pattern.match(text)
        if not m:
            continue
        if pattern is _R_SAID_BARE:
            clause_words = m.group("clause").split()
            if clause_words[0].lower() in _PREPOSITIONS | _CLAUSE_OPENERS | {"so", "this"}:
                continue
            # A clause has a verb before its first comma ("said Piet Lund, as cited by …" has not).
            head = m.group("clause").split(",", 1)[0].split()
            if not _FINITE.search(" ".join(head[1:8])):
                continue
        subject = _subject(m.group("pre"), base)
        if subject is None:
            continue
        np, np_at = subject
        verb = m.group("verb")
        channel = None
        if verb.startswith("told"):
            channel = _channel_in(verb, base + m.start("verb"), resolve_person)
        if channel is None and "adj" in m.re.groupindex:
            channel = _channel_in(m.group("adj") or "", base + m.start("adj"), resolve_person)
        if _is_channel(np):
            np, channel = None, _channel_name(np)
        clause = _clean_clause(m.group("clause"))
        if len(_words(clause)) < 3:
            continue
        c0 = base + m.start("clause")
        return [_Said("reported", clause, c0, s.end, np, np_at, channel, s.start, s.end)]
    m = _R_VERB_FIRST.match(text)
    if m:
        np = m.group("np").strip()
        if _np_ok(np) and not np.lower().startswith(("that", "it ")):
            extra = m.group("extra") or ""
            channel = _channel_in(extra, base + m.start("extra"), resolve_person) or _channel_in(
                m.group("np"), base + m.start("np"), resolve_person
            )
            said = _said_from(m, "np", "clause", base, s)
            said.channel = channel
            if _is_channel(np):
                said.np, said.channel = None, _channel_name(np)
            return [said]
    m = _R_TRAILING.match(text)
    if m:
        np = m.group("np").strip()
        rest = m.group("rest") or ""
        first = np.split()[0].lower()
        if (
            first not in _CLAUSE_OPENERS
            and len(np.split()) <= 8
            and _ADJUNCT.match(rest)
            and len(_words(m.group("clause"))) >= 4
            and not any(w in _AUXILIARIES for w in np.lower().split())
        ):
            said = _said_from(m, "np", "clause", base, s)
            said.channel = _channel_in(rest, base + m.start("rest"), resolve_person)
            if _is_channel(np):
                said.np, said.channel = None, _channel_name(np)
            return [said]
    return []


def _said_from(
    m: re.Match[str],
    np_group: str,
    clause_group: str,
    base: int,
    s: Sentence,
    channel_from_np: bool = False,
) -> _Said:
    np = m.group(np_group).strip()
    np_at = base + m.start(np_group) + (len(m.group(np_group)) - len(m.group(np_group).lstrip()))
    clause = _clean_clause(m.group(clause_group))
    channel = None
    if channel_from_np and _is_channel(np):
        channel, np = _channel_name(np), None
    c0 = base + m.start(clause_group)
    return _Said(
        "reported", clause, c0, base + m.end(clause_group), np, np_at, channel, s.start, s.end
    )


@dataclass(slots=True)
class _Candidate:
    text: str
    offset: int  # in the speaker phrase
    run: bool = False  # a capitalised run: its suffixes are tried too
    complement: bool = False  # the run follows a preposition: not the phrase's head


def _tail_run(text: str, base: int) -> _Candidate | None:
    """The capitalised run that ends `text`, if any ("… Dmitry Peskov")."""
    runs = _runs(text)
    if not runs or runs[-1].possessive or runs[-1].end < len(text.rstrip(" .")):
        return None
    words = text[: runs[-1].start].split()
    if words and words[-1].lower() in {"and", "or", "&"}:
        return None  # "Smith and Jones": two speakers, not the last one
    complement = bool(words) and words[-1].lower() in _PREPOSITIONS
    return _Candidate(runs[-1].text, base + runs[-1].start, True, complement)


def _candidates(np: str) -> list[_Candidate]:
    """Mentions to resolve for a speaker phrase, best first."""
    out = [_Candidate(np, 0)]
    bare = re.sub(r"^(?:the|a|an)\s+", "", np, flags=re.I)
    if bare != np:
        out.append(_Candidate(bare, len(np) - len(bare)))
    # "X's press service", "the mayor's office": the office speaks for X.
    m = re.match(
        r"^(?P<x>.+?)(?:'s)?\s+(?:press\s+(?:service|office|secretary)|office|"
        r"spokes(?:man|woman|person)|press\s+team)$",
        np,
        re.I,
    )
    x = m.group("x") if m else ""
    runs = _runs(x)
    if (runs and runs[0].text == x) or re.fullmatch(r"the(?:\s+[a-z][\w-]*){1,3}", x, re.I):
        # Only a name or a short role owns the office, not "a channel close to X's service".
        out.append(_Candidate(x, 0))
        if not x.lower().startswith("the "):
            out.append(_Candidate("the " + x, 0))
    segs = [(m.group(), m.start()) for m in _COMMA_SEG.finditer(np) if m.group().strip()]
    if len(segs) > 1:
        # Name-like comma segments first: "Pavel Feldman, deputy director of …".
        for seg, off in segs:
            seg_s = seg.strip()
            runs = _runs(seg_s)
            if runs and runs[0].text == seg_s:
                out.append(_Candidate(seg_s, off + seg.find(seg_s), run=True))
    # The name at the end: "the press secretary of the President … Dmitry Peskov".
    if (run := _tail_run(np, 0)) is not None:
        out.append(run)
    if len(segs) > 1:
        for seg, off in segs:
            seg_s = seg.strip()
            lead = off + seg.find(seg_s)
            out.append(_Candidate(seg_s, lead))
            if (run := _tail_run(seg_s, lead)) is not None:
                out.append(run)
    return out


# --------------------------------------------------------------------------------------------
# Per-source scanning and speaker resolution
# --------------------------------------------------------------------------------------------


@dataclass
class _Scanner:
    source: Source
    resolve: Resolver
    is_person: Callable[[str], bool] | None = None
    starts: list[int] = field(default_factory=list)
    speakers: dict[int, str] = field(default_factory=dict)  # sentence position → speaker
    _persons_cache: dict[int, list[str]] = field(default_factory=dict)
    _resolve_cache: dict[tuple[str, int], str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sentences = sorted(self.source.sentences, key=lambda s: s.start)
        self.starts = [s.start for s in self.sentences]
        self.text = self.source.article.text

    # -- lookups --------------------------------------------------------------------------

    def _res(self, name: str, at: int) -> str | None:
        name = " ".join(name.split()).strip(" ,.;:\"'")
        if not name:
            return None
        key = (name, at)
        if key not in self._resolve_cache:
            try:
                got = self.resolve(name, self.source.id, at)
            except Exception:  # a resolver failing on one odd mention must not lose the rest
                got = None
            self._resolve_cache[key] = got or None
        return self._resolve_cache[key]

    def _person(self, name: str) -> bool:
        if _is_channel(name):
            return False
        if self.is_person is not None:
            return bool(self.is_person(name))
        return _person_like(name)

    def _resolves_person(self, mention: str, at: int) -> bool:
        got = self._res(mention, at)
        return bool(got) and self._person(got)

    def position(self, offset: int) -> int:
        """Position in self.sentences of the sentence holding `offset` (or the next one)."""
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.sentences[k].end:
            return k
        return min(k + 1, len(self.sentences) - 1) if self.sentences else -1

    def overlapping(self, lo: int, hi: int) -> list[int]:
        k = max(bisect.bisect_right(self.starts, lo) - 1, 0)
        out = []
        while k < len(self.sentences) and self.sentences[k].start < hi:
            if self.sentences[k].end > lo:
                out.append(k)
            k += 1
        return out

    def persons_in(self, k: int) -> list[str]:
        """Person-like canonical names a sentence mentions, in order."""
        if k in self._persons_cache:
            return self._persons_cache[k]
        s = self.sentences[k]
        names: list[str] = []
        for run in _runs(s.text):
            got = self._resolve_run(run.text, s.start + run.start)
            if got and self._person(got) and got not in names:
                names.append(got)
        self._persons_cache[k] = names
        return names

    def _resolve_run(self, run: str, at: int, complement: bool = False) -> str | None:
        """A capitalised run, or its longest resolving suffix ("State Stephen Bigan" → Bigan).

        `complement`: the run follows a preposition ("the Commission of Belarus"), so the run
        as a whole is not the phrase's head; only a name after it is ("of State Stephen Bigan").
        """
        toks = list(re.finditer(r"\S+", run))
        for k in range(1 if complement else 0, len(toks)):
            part = run[toks[k].start() :]
            if k == 0 and len(toks) > 1 and toks[0].group().lower() in _TITLES:
                continue
            if k > 0 and toks[k].group().lower() in _NAME_PARTICLES:
                continue
            got = self._res(part, at + toks[k].start())
            if got:
                return got
        return None

    # -- speakers -------------------------------------------------------------------------

    def speaker(self, np: str | None, at: int, before: int | None = None) -> str | None:
        """The canonical speaker for mention `np` at offset `at`; pronouns and role phrases
        look back from the sentences before offset `before` (where what was said starts)."""
        before = at if before is None else before
        if not np:
            return None
        raw = np
        np = np.strip(" ,.;:")
        at += raw.find(np) if np else 0
        low = " ".join(np.lower().split())
        if not np or low in _OTHER_PRONOUNS:
            return None
        if low in _PERSON_PRONOUNS:
            return self.antecedent(before, pronoun=True)
        if _is_channel(np):
            return None
        for c in _candidates(np):
            if c.run:
                got = self._resolve_run(c.text, at + c.offset, c.complement)
            else:
                got = self._res(c.text, at + c.offset)
            if got and not _is_channel(got):
                return got
        segs = [m for m in _COMMA_SEG.finditer(np) if m.group().strip()]
        first = segs[0].group().strip() if segs else np
        if _is_role_phrase(first) or _is_role_phrase(np):
            return self.antecedent(before, pronoun=False)
        return None

    def antecedent(self, at: int, pronoun: bool) -> str | None:
        """Who a pronoun or a generic role phrase refers to, from the previous two sentences."""
        # Sentences wholly before `at`: the one holding `at` is what was said, not its context.
        k = bisect.bisect_right(self.starts, at) - 1
        if k >= 0 and at < self.sentences[k].end:
            k -= 1
        for j in (k, k - 1):
            if j < 0:
                break
            names: list[str] = []
            if j in self.speakers:
                names.append(self.speakers[j])
            for n in self.persons_in(j):
                if n not in names:
                    names.append(n)
            if not names:
                continue
            if pronoun:
                return names[0]
            if j in self.speakers and len(names) > 1:
                # The speaker of that sentence is named or quoted there; others it names are
                # what the speaker talks about only when the sentence is the speaker's quote.
                return None
            return names[0] if len(names) == 1 else None
        return None

    # -- scanning -------------------------------------------------------------------------

    def scan(self) -> list[_Said]:
        text = self.text
        found: list[_Said] = []
        last: _Said | None = None
        for o, c in _quote_spans(text):
            said = self._direct(o, c, last)
            if said:
                found.extend(said)
                last = said[0]
        covered: set[int] = set()
        for said in found:
            covered.update(self.overlapping(said.lo, said.hi))
        for k, s in enumerate(self.sentences):
            if k in covered:
                continue
            found.extend(_reported(s, self._resolves_person))
        found.sort(key=lambda f: (f.lo, f.start))
        for said in found:
            if said.follows is not None:
                said.speaker, said.channel = said.follows.speaker, said.follows.channel
            else:
                said.speaker = self.speaker(said.np, said.np_at, said.lo)
            if said.speaker:
                for k in self.overlapping(said.lo, said.hi):
                    self.speakers[k] = said.speaker
        return found

    def _direct(self, o: int, c: int, last: _Said | None) -> list[_Said]:
        text = self.text
        inner_raw = text[o + 1 : c]
        inner = _clean_clause(inner_raw)
        if not inner or not _words(inner):
            return []
        attribution = _after(text, inner_raw, c, self._resolves_person)
        if attribution is None:
            attribution = _before(text, o, self._resolves_person)
        if attribution is None:
            attribution = _next_said(text, inner_raw, c, self._resolves_person)
        if attribution is None and last is not None and last.np is not None:
            gap = text[last.hi : o]
            if last.hi <= o and not gap.strip() and "\n" not in gap and len(_words(inner)) >= 2:
                # `"…," he said. "More."`: the same speaker goes on.
                said = _Said("direct", inner, o + 1, c, None, o, None, o, c + 1)
                said.follows = last
                return [said]
        if attribution is None:
            # No attribution: a whole statement of its own, or a scare quote / title.
            start = _sentence_start(text, o)
            whole = (
                start == o
                and len(_words(inner)) >= MIN_STANDALONE_WORDS
                and (inner_raw.rstrip()[-1:] in ".!?…," or "\n" in inner_raw)
            )
            if not whole:
                return []
            return [_Said("direct", inner, o + 1, c, None, o, None, o, c + 1)]
        lo, hi = min(o, attribution.start), max(c + 1, attribution.end)
        out = [
            _Said(
                "direct", inner, o + 1, c, attribution.np, attribution.np_at,
                attribution.channel, lo, hi,
            )
        ]  # fmt: skip
        if attribution.relative:
            clause, a, b = attribution.relative
            out.append(
                _Said("reported", clause, a, b, attribution.np, attribution.np_at,
                      attribution.channel, lo, hi)
            )  # fmt: skip
        return out

    def evidence(self, said: _Said) -> Evidence | None:
        if not self.sentences:
            return None
        ks = self.overlapping(said.start, said.end) or self.overlapping(said.lo, said.hi)
        k = ks[0] if ks else self.position(said.start)
        s = self.sentences[k]
        return Evidence(self.source.id, s.text, s.index, s.start, s.end)


# --------------------------------------------------------------------------------------------
# Merging across sources
# --------------------------------------------------------------------------------------------


def _same_words(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = len(a.split()), len(b.split())
    short, long_ = (a, b) if wa <= wb else (b, a)
    if min(wa, wb) >= 4 and f" {short} " in f" {long_} ":
        return True
    if min(wa, wb) < 0.5 * max(wa, wb) or min(wa, wb) < 3:
        return False
    return fuzz.token_set_ratio(a, b, score_cutoff=MERGE_RATIO) >= MERGE_RATIO


_STOPWORDS = {
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "is", "are", "was", "were", "be", "been", "will", "would", "it", "this", "that", "we", "i",
    "he", "she", "they", "you", "not", "no", "as", "from", "there", "have", "has", "had",
}  # fmt: skip


@dataclass(slots=True)
class _Group:
    quote: Quote
    norms: list[str]
    speakers: set[str]


def find_quotes(
    sources: list[Source],
    resolve: Resolver,
    is_person: Callable[[str], bool] | None = None,
) -> list[Quote]:
    """Direct quotes and reported speech in `sources`, attributed and merged across sources.

    `resolve(mention, source_id, offset)` maps a speaker mention to its canonical entity name, or
    None. `is_person(canonical_name)`, when given, says whether an entity is a person (pronouns
    and role phrases only refer back to persons); without it a name-shape heuristic decides.
    Quotes come in the order their first source tells them.
    """
    groups: list[_Group] = []
    by_word: dict[str, set[int]] = {}  # content word → groups whose texts hold it
    for source in sources:
        scanner = _Scanner(source, resolve, is_person)
        for said in scanner.scan():
            if not said.text:
                continue
            ev = scanner.evidence(said)
            norm = _norm(said.text)
            if not norm:
                continue
            target: _Group | None = None
            gi = len(groups)  # the group it joins; a new one unless a match is found
            words = {w for w in norm.split() if w not in _STOPWORDS} or set(norm.split())
            shared: dict[int, int] = {}
            for w in words:
                for i in by_word.get(w, ()):
                    shared[i] = shared.get(i, 0) + 1
            need = min(2, len(words))
            for i in sorted(i for i, n in shared.items() if n >= need):
                g = groups[i]
                if said.speaker and g.speakers and said.speaker not in g.speakers:
                    continue
                if any(_same_words(norm, n) for n in g.norms):
                    target, gi = g, i
                    break
            for w in words:
                by_word.setdefault(w, set()).add(gi)
            if target is None:
                q = Quote(
                    speaker=said.speaker,
                    text=said.text,
                    sources=[source.id],
                    kind=said.kind,
                    channel=said.channel,
                    evidence=[ev] if ev else [],
                )
                groups.append(_Group(q, [norm], {said.speaker} if said.speaker else set()))
                continue
            q = target.quote
            if source.id not in q.sources:
                q.sources.append(source.id)
            if ev and not any(
                e.source == ev.source and e.sentence == ev.sentence for e in q.evidence
            ):
                q.evidence.append(ev)
            if q.speaker is None and said.speaker:
                q.speaker = said.speaker
            if q.channel is None and said.channel:
                q.channel = said.channel
            if q.kind == "reported" and said.kind == "direct":
                q.kind, q.text = "direct", said.text
            target.norms.append(norm)
            if said.speaker:
                target.speakers.add(said.speaker)
    return [g.quote for g in groups]
