"""Labels and roles: a slot ("visit", "fire chief") that two voices fill with values that exclude
each other ("working" and "official"; two people in one office), and one person given two first
names."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..annotate.entities.names import same_given_name
from ..model import Contradiction, Entity, Sentence
from .sides import FIRST_NAME, contradiction, one_voice_says_both
from .words import WORD

# Labels that exclude each other when they qualify the same kind of thing. Knowledge about how
# news describes events, not about one text.
EXCLUSIVE_LABELS: dict[str, list[set[str]]] = {
    "visit": [{"working", "official", "state", "private", "unofficial"}],
    "trip": [{"working", "official", "state", "private", "unofficial"}],
    "injury": [
        {"minor", "light", "slight", "serious", "severe", "critical", "life-threatening", "fatal"}
    ],
    "evacuation": [{"precautionary", "voluntary", "mandatory", "compulsory", "forced"}],
    "closure": [{"temporary", "permanent", "indefinite"}, {"partial", "full", "complete", "total"}],
    "strike": [{"partial", "general", "full", "total"}, {"legal", "illegal", "wildcat"}],
    "ban": [{"temporary", "permanent"}, {"partial", "full", "total", "complete"}],
    "meeting": [{"closed", "open", "public", "private"}],
    "session": [{"closed", "open", "public", "private"}],
}
# Nouns that fill the same slot ("minor injuries" vs "serious burns").
_SLOT_NOUNS = {
    "visits": "visit",
    "trips": "trip",
    "injuries": "injury",
    "injured": "injury",
    "burns": "injury",
    "burn": "injury",
    "wounds": "injury",
    "wound": "injury",
    "evacuations": "evacuation",
    "closures": "closure",
    "shutdown": "closure",
    "strikes": "strike",
    "walkout": "strike",
    "bans": "ban",
    "meetings": "meeting",
    "sessions": "session",
}
# Offices held by one person at a time: two names in one such role is a disagreement.
_ROLE = (
    r"(?i:fire chief|police chief|chief of police|chief executive|chief|head|mayor|governor|"
    r"spokes(?:man|woman|person)|press secretary|director|minister|prime minister|president|"
    r"chairman|chairwoman|chair|ceo|captain|commander|ambassador|coach|manager)"
)
_NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){1,2})"
# A qualifier names the place or body of an office; it is never the first word of the office.
_QUALIFIER = r"(?:(?!(?i:fire|police|prime|press|chief)\b)[A-Z][a-z]+|(?i:regional|local|city|the))"
_ROLE_THEN_NAME = re.compile(
    rf"\b(?P<qual>{_QUALIFIER}\s)?(?P<role>{_ROLE})"
    rf"(?:\s(?P<of>of\s(?:the\s)?[A-Z][\w-]+(?:\s[A-Z][\w-]+)?))?,?\s{_NAME}"
)
_NAME_THEN_ROLE = re.compile(
    rf"{_NAME},\s(?:the\s|a\s)?(?P<qual>{_QUALIFIER}\s)?"
    rf"(?P<role>{_ROLE})"
    rf"(?:\s(?P<of>of\s(?:the\s)?[A-Z][\w-]+(?:\s[A-Z][\w-]+)?))?\b"
)


@dataclass(slots=True)
class Detail:
    """One stated detail of one sentence, ready to compare with another's."""

    key: str  # the slot: "injury", "fire chief", "workers", …
    value: str  # how this sentence fills it ("minor", "Tomas Ekdahl")
    text: str  # the words as the sentence puts them; for a role, the bare office ("fire chief")
    sentence: Sentence


EntityOf = Callable[[str, str, int], str | None]  # (name, source, offset) → entity name


def label_details(sentence: Sentence) -> list[Detail]:
    """Exclusive labels on a slot noun, the noun next or next but one ("working visit",
    "minor head injuries")."""
    words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(sentence.text)]
    details = []
    for i, (adjective, start, _) in enumerate(words):
        for noun, _, end in words[i + 1 : i + 3]:
            slot = _SLOT_NOUNS.get(noun, noun)
            for group in EXCLUSIVE_LABELS.get(slot, []):
                if adjective in group:
                    text = sentence.text[start:end]
                    details.append(Detail(f"{slot}:{min(group)}", adjective, text, sentence))
    return details


def role_details(sentence: Sentence, entity_of: EntityOf | None) -> list[Detail]:
    """(role, person) pairs: "fire chief Tomas Ekdahl", "Rune Falk, the fire chief".

    Only names the entity index knows count, so spelling variants are one person and a word
    run that merely looks like a name is not a filler. A role that is itself the complement of
    another ("the press secretary of the President of Russia Dmitry Peskov") is skipped: the
    name after it belongs to the outer role.
    """
    if entity_of is None:
        return []
    details = []
    for pattern in (_ROLE_THEN_NAME, _NAME_THEN_ROLE):
        for m in pattern.finditer(sentence.text):
            if re.search(r"\bof(?:\s+the)?\s+$", sentence.text[: m.start("role")]):
                continue
            person = entity_of(m.group("name"), sentence.source, sentence.start + m.start("name"))
            if person is None:
                continue
            qualifier = (m.group("qual") or "").strip().lower()
            qualifier = "" if qualifier == "the" else qualifier
            role = " ".join(
                filter(None, [qualifier, m.group("role").lower(), (m.group("of") or "").lower()])
            )
            details.append(Detail(role, person, m.group("role").lower(), sentence))
    return details


def unify_roles(details: list[Detail]) -> list[Detail]:
    """ "fire chief X" is the "Valmsund fire chief" when the story has one such office; with a
    Russian and a Belarusian president, a bare "President X" stays unplaced."""
    placed: dict[str, set[str]] = defaultdict(set)
    for d in details:
        if d.key != d.text:
            placed[d.text].add(d.key)
    for d in details:
        if d.key == d.text and len(placed[d.text]) == 1:
            d.key = next(iter(placed[d.text]))
    return details


def by_slot(
    details: list[Detail], voices: dict[str, str], same_topic, kind: str
) -> list[Contradiction]:
    by_key: dict[str, list[Detail]] = defaultdict(list)
    for d in details:
        by_key[d.key].append(d)
    found = []
    for key, group in by_key.items():
        values = {d.value for d in group}
        if len(values) < 2:
            continue
        # Keep only fillers that clash with another voice's filler about the same thing.
        clashing = [
            d
            for d in group
            if any(
                o.value != d.value
                and voices[o.sentence.source] != voices[d.sentence.source]
                and same_topic(d.sentence, o.sentence)
                for o in group
            )
        ]
        if len({d.value for d in clashing}) < 2:
            continue
        # Once the slot is contested, every report that fills it takes a side: "working visit"
        # said in a quote far from the other reports' wording is still a working visit.
        values = {d.value for d in clashing}
        clashing = [d for d in group if d.value in values]
        fillers = [(d.value, d.sentence) for d in clashing]
        if one_voice_says_both(fillers, voices):
            continue
        found.append(contradiction(key.split(":")[0], kind, fillers))
    return found


def first_names(
    people: list[Entity], sentences: list[Sentence], voices: dict[str, str]
) -> list[Contradiction]:
    """One person, two first names, each used by its own voices: a slip worth showing. A voice
    that writes both, a short form ("Alex", "Alexander") or another transliteration ("Yevgeny",
    "Evgeny") is no disagreement."""
    by_source: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_source[s.source].append(s)
    starts = {source: [s.start for s in found] for source, found in by_source.items()}

    def sentence_at(source: str, offset: int) -> Sentence | None:
        k = bisect_right(starts.get(source, []), offset) - 1
        return by_source[source][k] if k >= 0 and offset < by_source[source][k].end else None

    found = []
    for person in people:
        if person.type != "PERSON":
            continue
        named: dict[str, list[Sentence]] = defaultdict(list)
        surname = person.name.split()[-1]
        for m in person.spans:
            words = m.text.split()
            if len(words) != 2 or words[1] != surname or words[0] in _TITLES:
                continue
            if not _GIVEN_NAME.fullmatch(words[0]):
                continue
            sentence = sentence_at(m.source, m.start)
            if sentence is not None:
                named[words[0]].append(sentence)
        firsts = sorted(named)
        if len(firsts) < 2 or any(
            a.startswith(b) or same_given_name(a, b) for a in firsts for b in firsts if a != b
        ):
            continue
        fillers = [(first, s) for first, uses in named.items() for s in uses]
        if one_voice_says_both(fillers, voices):
            continue
        found.append(contradiction(f"{FIRST_NAME} {person.name}", "name", fillers))
    return found


_GIVEN_NAME = re.compile(r"[A-Z][a-z]{2,}")
_TITLES = frozenset(
    "President Prime Minister Premier Chancellor King Queen Prince Princess Pope Mr Mrs Ms Miss "
    "Dr Sir Lord Lady General Colonel Senator Sen Rep Representative Governor Gov Mayor Judge "
    "Justice Secretary Ambassador Leader Chief Director Professor Prof Saint Captain Officer "
    "Sergeant Deputy Speaker Coach Bishop Father Sister Brother Uncle Aunt".split()
)
