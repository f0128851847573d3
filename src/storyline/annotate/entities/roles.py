"""A small grammar of titles ("the press secretary of the Russian president"), as role keys.

A title written before or after a name, or standing for one, parses to a normalised key: "Russian
president", "President of the Russian Federation" and "head of the Russian state" are all
"president of russia"; "spokesman" is "press secretary"; "the Kremlin" is the president of Russia;
"Putin's press secretary" is "press secretary of @putin" until the story says what Putin is.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .names import fold
from .spans import LEADING_DET, TOKEN, Span, surface_key

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
    "politician", "coach", "captain", "manager", "candidate",
):  # fmt: skip
    HEADS.setdefault((_word,), _word)
HEAD_WORDS = frozenset(k[0] for k in HEADS if len(k) == 1)
HEAD_NAMES = frozenset(HEADS.values())
NESTED_HEADS = {("state",): "state", ("government",): "government", ("country",): "country"}
_ALL_HEADS = {**HEADS, **NESTED_HEADS}  # what a nested phrase ("of the state") may end in
TO_HEADS = frozenset({"ambassador", "envoy", "representative", "adviser", "advisor", "consul"})
MODIFIERS = frozenset(
    """first second deputy vice foreign former acting interim senior chief executive official
    permanent special national security political energy finance financial defence defense
    interior economy economic justice health trade agriculture education culture emergencies
    emergency transport labour labor digital industry sports presidential supreme top military
    opposition regional local federal""".split()
)

# Roles too common to tell two people apart, or to name one.
# Roles many people in one story hold; comma-separated because some are two words.
GENERIC_ROLES = frozenset(
    role.strip()
    for role in """expert, analyst, scientist, political scientist, employee, official, officer,
    deputy, diplomat, representative, head, leader, minister, director, aide, adviser, advisor,
    journalist""".split(",")
)
DETERMINERS = frozenset({"the", "a", "an"})

_BOUNDARY = frozenset('.!?;:"“”«»()[]|—–,')
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "jr", "sr", "u.s", "u.k", "gen"})


@dataclass(slots=True)
class Role:
    key: str  # normalised: "press secretary of president of russia"
    end: int  # token index after the phrase
    qualified: bool  # tied to a place, an organisation or a person


class Grammar:
    """The title grammar, knowing the places, organisations and people of one story."""

    def __init__(self, spans: list[Span]) -> None:
        countries = set()
        for s in spans:
            if s.label in ("GPE", "LOC"):
                countries.add(_country_key(surface_key(s.text), ()))
        named = {office.rsplit(" of ", 1)[1] for office in INSTITUTIONS.values()}
        self.countries = countries | set(DEMONYMS.values()) | set(COUNTRY_ALIASES.values()) | named
        self.places: dict[tuple[str, ...], str] = {}
        self.orgs: dict[tuple[str, ...], str] = {}
        self.people: dict[tuple[str, ...], str] = {}
        for alias, country in COUNTRY_ALIASES.items():
            self.places[tuple(TOKEN.findall(alias))] = country
        for s in spans:
            toks = tuple(t.casefold() for t in TOKEN.findall(LEADING_DET.sub("", s.text)))
            if not toks:
                continue
            if s.label in ("GPE", "LOC", "NORP"):
                self.places[toks] = _country_key(" ".join(toks), self.countries)
            elif s.label == "PERSON":
                self.people[toks[-1:]] = "@" + fold(toks[-1])
            else:
                self.orgs[toks] = " ".join(toks)
        self.longest = max(map(len, [*self.places, *self.orgs, *INSTITUTIONS, ("",)]))

    def _lookup(
        self, table: dict[tuple[str, ...], str], toks: list[str], low: list[str], i: int, limit: int
    ) -> tuple[str, int] | None:
        if i >= limit or not toks[i][:1].isupper():
            return None
        for n in range(min(self.longest, limit - i), 0, -1):
            if (found := table.get(tuple(low[i : i + n]))) is not None:
                return found, i + n
        return None

    def _thing(
        self, toks: list[str], low: list[str], i: int, limit: int, people: bool = True
    ) -> tuple[str, int] | None:
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

    def parse(
        self,
        toks: list[str],
        low: list[str],
        i: int,
        limit: int,
        need_det: bool,
        nested: bool = False,
    ) -> Role | None:
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
        heads = _ALL_HEADS if nested else HEADS
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
        return Role(" ".join(key.split()), j, qualified)


_REPUBLIC_OF = re.compile(r"republic of (.+)")


def _country_key(name: str, countries: Iterable[str]) -> str:
    name = LEADING_DET.sub("", name.casefold().strip())
    name = COUNTRY_ALIASES.get(name, name)
    if (m := _REPUBLIC_OF.fullmatch(name)) and m.group(1) in countries:
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
class Text:
    """A source's text as tokens with offsets, for the role grammar."""

    tokens: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    breaks: list[bool]  # a blank line or a line break comes before the token

    @classmethod
    def of(cls, text: str) -> Text:
        ms = list(TOKEN.finditer(text))
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
