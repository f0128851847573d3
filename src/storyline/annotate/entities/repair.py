"""The model's slips that only the whole story reveals, repaired with what the story says.

A span glued from two names ("Vladimir Putin Dmitry Peskov", "Belarus Olga Chemodanova") is split
so the person gets a mention of their own; a capitalised common noun ("Citizens") is not a person;
a PERSON span that is a place or nationality word of the story takes that word's label, and so does
one the story mostly labels otherwise; a lone surname the model called ORG or GPE ("Bigan") after
the same report named the person in full is a PERSON; a given name the model left out of a PERSON
span ("Dmitry [Peskov]") is put back; a title's word alone ("State", "Interior") is no name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...model import Source
from .names import fold, surname_match
from .ner import gazetteer, trimmed_span
from .roles import HEAD_WORDS, MODIFIERS
from .spans import FUNCTION_WORDS, TOKEN, Span, surface_key, words_of

# Capitalised common nouns that are no name on their own ("Secretary of State" → "State").
GENERIC_NOUNS = frozenset(
    """state government ministry federation republic president minister council committee
    department agency office parliament court army police""".split()
)

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


def repair(spans: list[Span], sources: list[Source]) -> list[Span]:
    """A story's spans, split, relabelled or dropped where the model slipped."""
    by_id = {s.id: s.text for s in sources}
    known = _Known.of(spans)
    spans = [p for s in spans for p in _split_glued(by_id[s.source], [s], known)]
    known = _Known.of(spans)
    lowercase = {w for s in sources for w in re.findall(r"\b[a-z][a-z'-]+\b", s.text)}
    return _drop_overlaps(_fix_labels(by_id, spans, known, lowercase))


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
    def of(cls, spans: Iterable[Span]) -> _Known:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        full, family, surnames, firsts, things = set(), set(), set(), set(FIRST_NAMES), set()
        for s in spans:
            votes[surface_key(s.text)][s.label] += 1
            words = words_of(s.text)
            if s.label == "PERSON" and words and all(w[0].isupper() for w in words):
                if len(words) == 2:
                    full.add(fold(" ".join(words)))
                    family.add(fold(words[-1]))
                    firsts.add(fold(words[0]))
                if len(words) <= 2:
                    surnames.add(fold(words[-1]))
            elif s.label != "PERSON":
                things.update(fold(w) for w in words if w.casefold() not in FUNCTION_WORDS)
        return cls(votes, full, family, surnames, firsts, things)

    def label_of(self, surface: str, default: str) -> str:
        counts = Counter(
            {
                k: v
                for k, v in self.votes.get(surface_key(surface), Counter()).items()
                if k != "PERSON"
            }
        )
        return counts.most_common(1)[0][0] if counts else default

    def is_surname(self, word: str) -> bool:
        return any(surname_match(word, s) for s in self.by_initial.get(fold(word)[:1], ()))


def _split_glued(text: str, spans: list[Span], known: _Known) -> list[Span]:
    """ "Vladimir Putin Dmitry Peskov", "Republic of Belarus Igor Kizim": two names, two spans."""
    out: list[Span] = []
    for s in spans:
        words = [(m.start(), m.end()) for m in TOKEN.finditer(s.text) if m.group()[0].isalpha()]
        cut = _glue_point(s, [s.text[a:b] for a, b in words], known) if len(words) >= 3 else None
        if cut is None:
            out.append(s)
            continue
        head_text = s.text[: words[cut - 1][1]]
        if _looks_like_person(words_of(head_text), known):
            head_label = "PERSON"
        elif s.label != "PERSON":
            head_label = s.label
        else:
            head_label = known.label_of(
                head_text, "GPE" if _is_place_word(head_text, known) else "ORG"
            )
        head = trimmed_span(s.source, text, s.start, s.start + words[cut - 1][1], head_label)
        tail = trimmed_span(s.source, text, s.start + words[cut][0], s.end, "PERSON")
        out.extend(_split_glued(text, [head], known) if head else [])  # three names glued
        out.extend([tail] if tail else [])
    return out


def _looks_like_person(words: list[str], known: _Known) -> bool:
    """A name met alone elsewhere in the story, or a given name and a capitalised word."""
    return fold(" ".join(words)) in known.full_names or (
        len(words) >= 2 and fold(words[-2]) in known.first_names and words[-1][0].isupper()
    )


def _is_place_word(surface: str, known: _Known) -> bool:
    return known.label_of(surface, "") in ("GPE", "LOC", "NORP")


def _glue_point(s: Span, words: list[str], known: _Known) -> int | None:
    for k in range(1, len(words) - 1):
        head, tail = words[:k], words[k:]
        if len(tail) > 3 or not all(w[0].isupper() and w.replace("-", "").isalpha() for w in tail):
            continue
        if head[-1].casefold() in FUNCTION_WORDS:
            continue
        tail_known = fold(" ".join(tail)) in known.full_names
        tail_given = fold(tail[0]) in known.first_names
        head_person = _looks_like_person(head, known)
        head_thing = fold(head[-1]) in known.thing_words or _is_place_word(" ".join(head), known)
        if tail_known and (head_person or head_thing or tail_given):
            return k
        if len(tail) == 2 and tail_given:
            if head_thing or head_person:
                return k
            if s.label != "PERSON" and known.is_surname(tail[-1]):
                return k
    return None


def _fix_labels(
    texts: dict[str, str], spans: list[Span], known: _Known, lowercase_words: set[str]
) -> list[Span]:
    out = []
    by_source: dict[str, list[Span]] = defaultdict(list)
    full_by_source: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for s in spans:
        by_source[s.source].append(s)
        words = words_of(s.text)
        if s.label == "PERSON" and len(words) >= 2:
            full_by_source[s.source].append((s.start, words[-1]))
    for s in spans:
        words = words_of(s.text)
        if len(words) == 1 and words[0].casefold() in _TITLE_WORDS:
            continue  # "Secretary of State", "Interior Minister": a title's word, not a name
        if s.label == "PERSON" and len(words) == 1:  # "Dmitry [Peskov]": the model left out
            text = texts[s.source]  # the given name
            m = re.search(r"([A-Z][a-z]+) +$", text[max(0, s.start - 30) : s.start])
            begin = s.start - len(m.group()) if m else s.start
            if (
                m
                and fold(m.group(1)) in known.first_names
                and not any(o.start < s.start and o.end > begin for o in by_source[s.source])
            ):
                s.start = begin
                s.text = text[s.start : s.end]
                words = words_of(s.text)
        if s.label == "PERSON":
            if (
                len(words) == 1
                and words[0].casefold() in lowercase_words
                and fold(words[0]) not in known.family_names
            ):
                continue  # "Citizens who disagreed…": a capitalised common noun
            if _is_place_word(s.text, known):  # "Belarus", "Czech" taken for a person
                s.label = known.label_of(s.text, "GPE")
            elif fold(words[-1]) not in known.family_names or len(words) > 1:
                votes = known.votes.get(surface_key(s.text), Counter())
                if sum(votes.values()) > 2 * votes["PERSON"]:  # mostly not a person elsewhere
                    s.label = known.label_of(s.text, s.label)
        elif (
            len(words) == 1
            and s.label in ("ORG", "GPE", "LOC", "NORP", "FAC", "WORK_OF_ART")
            and not gazetteer().fullmatch(s.text)
            and any(
                start < s.start and surname_match(words[0], last)
                for start, last in full_by_source[s.source]
            )
        ):
            s.label = "PERSON"  # "Stephen Bigan … RIA Novosti quoted Bigan": Bigan is no org
        out.append(s)
    return out


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.source, s.start, -(s.end - s.start))):
        if out and out[-1].source == s.source and s.start < out[-1].end:
            continue
        out.append(s)
    return out
