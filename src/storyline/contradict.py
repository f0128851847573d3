"""Where outlets disagree: numbers, dates, names, labels and negations.

No NLI model ships on PyPI, so disagreements are found the way an editor checks copy: take two
sentences of different voices that state the same fact (counterparts in the claims' alignment,
or sharing the slot a label or an office fills), pull out the detail each states, and compare
the details explicitly. Rounding, a vague and a precise date, a part and the total, a relative
date read against two pages' own dates and a quote against its paraphrase are not
disagreements. Every rule prefers silence to a guess: a false contradiction misleads a reader
more than a missed one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

from .annotate.dates import DateMention
from .annotate.entities.names import same_given_name
from .annotate.quantities import Quantity, find_quantities
from .corroborate import Alignment, clashing_figures, dates_clash
from .model import Claim, Contradiction, Entity, Evidence, Sentence, Side, source_number

# Sentences this close in meaning are about the same thing, even outside one claim.
SAME_TOPIC = 0.6
# A label or a role is compared between sentences at least this close (they share a slot word,
# which already ties them together).
SLOT_TOPIC = 0.35

# Content words a denial and a statement must share to be about one thing, and how many of them
# must be specific (in at most COMMON_WORD_SHARE of the story's sentences).
NEGATION_SHARED = 3
NEGATION_SPECIFIC = 2
COMMON_WORD_SHARE = 0.2

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
_NEGATION = re.compile(
    r"\b(no|not|never|none|nothing|neither|nor|without|cannot|unknown|unclear|unlikely|"
    r"impossible|unconfirmed|denied|ruled out|in the negative)\b|n't\b",
    re.I,
)
# Words that are themselves a denial of the shared idea ("the cause is unknown").
_NEGATED_WORDS = {
    "unknown",
    "unclear",
    "unlikely",
    "impossible",
    "unconfirmed",
    "denied",
    "ruled out",
    "in the negative",
}
# Words that make a figure a total or a part of one: two such figures measure different things.
_TOTAL = re.compile(
    r"\b(?:total(?:ling|ing)?(?:\s+of)?|in\s+all|altogether|overall|all\s+told|so\s+far|"
    r"to\s+date|cumulative|bringing\s+(?:the\s+)?(?:total|number|count)\s+to)\b\W*$"
    r"|^\W*(?:\w+\s+){0,2}(?:in\s+all|in\s+total|altogether|overall|all\s+told|so\s+far|to\s+date)\b",
    re.I,
)
_PART = re.compile(
    r"\b(?:add(?:s|ed|ing)?|new|more|additional|another|extra|further|joins?|joined)\b"
    r"(?:\s+\w+){0,3}\s*$|^\W*(?:\w+\s+){0,3}(?:more|new|added|additional|were\s+added)\b",
    re.I,
)
# A sentence that quotes someone: another report's paraphrase of the quote drops its hedges and
# its negations ("not yet detected liquid water" against "the next best thing to liquid water").
_QUOTED = re.compile(r'["“”]')
# Clauses end at a contrast, a semicolon, or a dash that sets off an aside ("no symptoms of
# plague - like fever" denies the symptoms, not the fever).
_CLAUSE_SPLIT = re.compile(
    r",\s(?:however|but|while|although|though|whereas)\b|;\s|\bbut\b|\s[-–—]+\s"
)
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    (
        "the a an of to in and or for on at by with as is are was were be been being will would "
        "that this it its from which who whom has have had he she they his her their said says "
        "say told also than then there about after before into over under up out more most such "
        "can could may might should do does did so if all any some one two our we you i them him "
        "following during while when where what how why because according"
    ).split()
)


@dataclass(slots=True)
class _Detail:
    """One stated detail of one sentence, ready to compare with another's."""

    key: str  # the slot: "injury", "fire chief", "workers", …
    value: str  # how this sentence fills it ("minor", "Tomas Ekdahl")
    text: str  # the words as the sentence puts them; for a role, the bare office ("fire chief")
    sentence: Sentence


EntityOf = Callable[[str, str, int], str | None]  # (name, source, offset) → entity name


def find_contradictions(
    alignment: Alignment,
    claims: list[Claim],
    voices: dict[str, str],
    counterparts: list[tuple[int, int]] = (),
    dates: dict[tuple[str, int], list[DateMention]] | None = None,
    entity_of: EntityOf | None = None,
    people: list[Entity] = (),
) -> list[Contradiction]:
    """Disagreements between voices, strongest first.

    `counterparts` are the pairs of sentence positions that state one fact, conflicts aside
    (`corroborate.counterparts`): only they can disagree. Those whose figures or dates conflict
    are compared on the number or the date, so a part and the total, or two figures of two
    things, never are; a denial is looked for in any of them. `dates` maps (source, sentence
    index) to the explicit dates the sentence gives (a relative "today" read against two pages'
    own dates is no evidence of a disagreement); `entity_of` resolves a person's name to their
    entity (spelling variants are one person). `people` are the story's entities: one person given
    two first names by two voices ("Alexei" for Alexander Lukashenko) is a name disagreement.
    """
    sentences = alignment.sentences
    topic = np.maximum(alignment.cosine, alignment.similarity)
    claim_of = {(e.source, e.sentence): c.id for c in claims for e in c.evidence}
    position = {(s.source, s.index): k for k, s in enumerate(sentences)}

    def same_topic(a: Sentence, b: Sentence, floor: float = SAME_TOPIC) -> bool:
        ka, kb = (a.source, a.index), (b.source, b.index)
        same_claim = ka in claim_of and claim_of.get(ka) == claim_of.get(kb)
        return same_claim or topic[position[ka], position[kb]] >= floor

    found: list[Contradiction] = []
    found += _by_slot([d for s in sentences for d in _labels(s)], voices, same_topic, "label")
    roles = _unify_roles([d for s in sentences for d in _roles(s, entity_of)])
    found += _by_slot(roles, voices, same_topic, "name")
    found += _first_names(people, sentences, voices)
    pairs = [
        (i, j)
        for i, j in counterparts
        if voices[sentences[i].source] != voices[sentences[j].source]
    ]
    sides = [(sentences[i], sentences[j]) for i, j in pairs if alignment.conflicts[i, j]]
    found += _numbers(sides, sentences, same_topic, voices)
    if dates:
        found += _dates(sides, dates)
    # A denial and a statement of one fact; a quote and another report's paraphrase of it drop
    # different hedges, so pairs with a quotation are left alone.
    denials = [
        (sentences[i], sentences[j])
        for i, j in pairs
        if not (_QUOTED.search(sentences[i].text) or _QUOTED.search(sentences[j].text))
    ]
    found += _negations(denials, sentences)
    # Disagreements about what happened come before a slip in a name.
    return sorted(_merge(found), key=lambda c: not disputes_facts(c))


# -- labels and roles: one slot, exclusive fillers ---------------------------------------------


def _labels(sentence: Sentence) -> list[_Detail]:
    """Exclusive labels on a slot noun, the noun next or next but one ("working visit",
    "minor head injuries")."""
    words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(sentence.text)]
    details = []
    for i, (adjective, start, _) in enumerate(words):
        for noun, _, end in words[i + 1 : i + 3]:
            slot = _SLOT_NOUNS.get(noun, noun)
            for group in EXCLUSIVE_LABELS.get(slot, []):
                if adjective in group:
                    text = sentence.text[start:end]
                    details.append(_Detail(f"{slot}:{min(group)}", adjective, text, sentence))
    return details


def _roles(sentence: Sentence, entity_of: EntityOf | None) -> list[_Detail]:
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
            details.append(_Detail(role, person, m.group("role").lower(), sentence))
    return details


def _unify_roles(details: list[_Detail]) -> list[_Detail]:
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


def _by_slot(
    details: list[_Detail], voices: dict[str, str], same_topic, kind: str
) -> list[Contradiction]:
    by_key: dict[str, list[_Detail]] = defaultdict(list)
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
                and same_topic(d.sentence, o.sentence, SLOT_TOPIC)
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
        if _one_voice_says_both(fillers, voices):
            continue
        found.append(_contradiction(key.split(":")[0], kind, fillers))
    return found


FIRST_NAME = "first name of"


def disputes_facts(c: Contradiction) -> bool:
    """Whether the sentences on the sides of a disagreement dispute what they state. A slip in
    a first name does not: "Putin and Alexander Lukashenko will meet" states the meeting
    whichever first name is right."""
    return not c.about.startswith(FIRST_NAME)


def _first_names(
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
        if _one_voice_says_both(fillers, voices):
            continue
        found.append(_contradiction(f"{FIRST_NAME} {person.name}", "name", fillers))
    return found


_GIVEN_NAME = re.compile(r"[A-Z][a-z]{2,}")
_TITLES = frozenset(
    "President Prime Minister Premier Chancellor King Queen Prince Princess Pope Mr Mrs Ms Miss "
    "Dr Sir Lord Lady General Colonel Senator Sen Rep Representative Governor Gov Mayor Judge "
    "Justice Secretary Ambassador Leader Chief Director Professor Prof Saint Captain Officer "
    "Sergeant Deputy Speaker Coach Bishop Father Sister Brother Uncle Aunt".split()
)


# -- numbers, dates, negation: pairs of sentences about the same thing --------------------------


def _numbers(
    pairs: list[tuple[Sentence, Sentence]],
    sentences: list[Sentence],
    same_topic,
    voices: dict[str, str],
) -> list[Contradiction]:
    quantities = {(s.source, s.index): find_quantities(s.text) for s in sentences}
    found = []
    for a, b in pairs:
        qa, qb = quantities[(a.source, a.index)], quantities[(b.source, b.index)]
        for x, y in clashing_figures(qa, qb):
            # One figure of the measure per side: a sentence that lists several gives parts,
            # not a total.
            if _several(x, qa) or _several(y, qb):
                continue
            if _scope(a.text, x) != _scope(b.text, y):
                continue  # "five companies added" and "14 companies in all"
            if x.unit != "count" and not _shared_context(a.text, b.text, x, y):
                continue
            sides = [(_number(x), a), (_number(y), b)]
            # Other reports of the same figure about the same thing join its side.
            for s in sentences:
                if s in (a, b):
                    continue
                for q, anchor in ((x, a), (y, b)):
                    if same_topic(s, anchor, SLOT_TOPIC) and any(
                        q.comparable(z) and q.agrees_with(z)
                        for z in quantities[(s.source, s.index)]
                    ):
                        sides.append((_number(q), s))
            if _one_voice_says_both(sides, voices):
                continue
            found.append(_contradiction(_measure(x), "number", sides))
    return found


def _scope(text: str, q: Quantity) -> str | None:
    """Whether a figure counts a part added ("five new firms") or the total ("14 in all")."""
    before, after = text[max(0, q.start - 40) : q.start], text[q.end : q.end + 30]
    if _TOTAL.search(before[-25:]) or _TOTAL.match(after):
        return "total"
    if _PART.search(before) or _PART.match(after):
        return "part"
    return None


def _several(q: Quantity, others: list[Quantity]) -> bool:
    return any(q.comparable(z) and not q.agrees_with(z) for z in others if z is not q)


def _number(q: Quantity) -> str:
    """The figure as the report wrote it: "42 workers", "six weeks", "$ 1 billion"."""
    return f"{q.text} {q.noun}" if q.unit == "count" else q.text


def _measure(q: Quantity) -> str:
    return {"count": q.noun or "count", "%": "share", "days": "duration"}.get(q.unit, "amount")


def _shared_context(a: str, b: str, x: Quantity, y: Quantity) -> bool:
    """Amounts and percentages need the same words around them to be the same measure."""
    near_a = set(_content(a[max(0, x.start - 40) : x.end + 40]))
    near_b = set(_content(b[max(0, y.start - 40) : y.end + 40]))
    return len(near_a & near_b) >= 2


def _dates(pairs, dates) -> list[Contradiction]:
    found = []
    for a, b in pairs:
        da, db = dates.get((a.source, a.index), []), dates.get((b.source, b.index), [])
        if len(da) != 1 or len(db) != 1:
            continue  # none, or several: which one is the event's is not clear
        (x,), (y,) = da, db
        if not dates_clash(x, y):
            continue
        about = "date of: " + _clip(a.text)
        sides = [(_period(x.first, x.last), a), (_period(y.first, y.last), b)]
        found.append(_contradiction(about, "date", sides))
    return found


def _clip(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _period(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"


def _negations(pairs, sentences: list[Sentence]) -> list[Contradiction]:
    """A clause that denies what a clause of another voice states. The two must share words
    that are specific to them: the name of what the whole story is about ("MacBook Pro" in a
    review) ties every sentence to every other."""
    clauses = {(s.source, s.index): _clauses(s.text) for s in sentences}
    df = Counter(w for s in sentences for w in set(_content(s.text)))
    common = {w for w, n in df.items() if n > COMMON_WORD_SHARE * len(sentences)}
    found = []
    for a, b in pairs:
        for ca in clauses[(a.source, a.index)]:
            for cb in clauses[(b.source, b.index)]:
                shared = _overlap(ca, cb)
                if len(shared - common) < NEGATION_SPECIFIC:
                    continue
                na, nb = _negated(ca, shared), _negated(cb, shared)
                if na is None or nb is None or na == nb:
                    continue
                sides = [(ca.strip(), a), (cb.strip(), b)]
                # Other reports that state or deny the same thing join the matching side.
                for s in sentences:
                    for c in clauses[(s.source, s.index)] if s not in (a, b) else []:
                        for words, negated in ((ca, na), (cb, nb)):
                            common = _overlap(c, words)
                            if common and _negated(c, common) == negated:
                                sides.append((words.strip(), s))
                                break
                about = " ".join(w for w in dict.fromkeys(_content(ca)) if w in shared)[:60]
                found.append(_contradiction(about, "negation", sides))
    return found


def _overlap(a: str, b: str) -> set[str]:
    """Content words two clauses share, if they share at least NEGATION_SHARED and half of the
    shorter: two words ("press", "talks") are too few to make two clauses one statement."""
    wa, wb = set(_content(a)), set(_content(b))
    shared = wa & wb
    enough = len(shared) >= NEGATION_SHARED and len(shared) >= 0.5 * min(len(wa), len(wb))
    return shared if enough else set()


def _negated(clause: str, shared: set[str]) -> bool | None:
    """True if the clause denies something the other clause also names, False if it denies
    nothing, None if it denies something else (its polarity then says nothing about the pair)."""
    cues = list(_NEGATION.finditer(clause))
    if not cues:
        return False
    for cue in cues:
        scope = _content(clause[cue.end() : cue.end() + 40])[:3]
        if cue.group().lower() in _NEGATED_WORDS or set(scope) & shared:
            return True
    return None


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE_SPLIT.split(text) if c and len(_content(c)) >= 2]


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


# -- assembling ----------------------------------------------------------------------------------


def _contradiction(about: str, kind: str, fillers: list[tuple[str, Sentence]]) -> Contradiction:
    """Sides from (value, sentence) pairs: one side per distinct value."""
    by_value: dict[str, dict[str, Evidence]] = defaultdict(dict)
    for value, s in fillers:
        by_value[value].setdefault(s.source, Evidence.of(s))
    sides = []
    for value, evidence in by_value.items():
        sources = sorted(evidence, key=source_number)
        sides.append(Side(value, sources, [evidence[sid] for sid in sources]))
    sides.sort(key=lambda side: source_number(side.sources[0]))
    return Contradiction(about, kind, sides)


def _one_voice_says_both(fillers: list[tuple[str, Sentence]], voices: dict[str, str]) -> bool:
    """A voice that gives two of the values itself is listing or counting two things, not
    disagreeing with another."""
    said: dict[str, set[str]] = defaultdict(set)
    for value, sentence in fillers:
        said[voices[sentence.source]].add(value)
    return any(len(values) > 1 for values in said.values())


def _cites(side: Side) -> set[tuple[str, int]]:
    return {(e.source, e.sentence) for e in side.evidence}


def _merge(found: list[Contradiction]) -> list[Contradiction]:
    """One entry per disagreement, however many pairs of sentences showed it.

    Findings of one kind about one thing that share a side's words are one disagreement: their
    sides pool sources. A set of sentences then disagrees once, under the first kind found.
    """
    pooled: list[Contradiction] = []
    for c in sorted(found, key=lambda c: -len(c.sources)):
        into = next(
            (
                p
                for p in pooled
                if p.kind == c.kind
                and p.about == c.about
                and {s.text for s in p.sides} & {s.text for s in c.sides}
            ),
            None,
        )
        if into is None:
            pooled.append(c)
            continue
        for side in c.sides:
            # The same side in other words ("42 workers", "Forty-two workers") is one side.
            target = next(
                (s for s in into.sides if s.text == side.text or _cites(s) & _cites(side)), None
            )
            if target is None:
                into.sides.append(side)
                continue
            for e in side.evidence:
                if e.source not in target.sources:
                    target.sources.append(e.source)
                    target.evidence.append(e)
            target.evidence.sort(key=lambda e: source_number(e.source))
            target.sources.sort(key=source_number)
    out, seen = [], set()
    for c in pooled:
        sentences = frozenset((e.source, e.sentence) for side in c.sides for e in side.evidence)
        if sentences in seen:
            continue
        seen.add(sentences)
        c.sides.sort(key=lambda side: source_number(side.sources[0]))
        out.append(c)
    return out
