"""Dated sentences of a story's sources → a timeline: one entry per event, with all its sources.

Each sentence that a day, a week or a period of at most half a year dates ("on September 14",
"last week", "early September") is a candidate event. Candidates are the same event, and merge,
when they state one claim and their dates agree, when they fall on the same dates and share at
least half the content words of the shorter sentence, or when two outlets' sentences on agreeing
dates score as statements of one fact. The event's text is verbatim one of its
sentences: the claim's text when that is one of them, else the sentence of the earliest source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .annotate.dates import DateMention, clause_tense, sentence_dates
from .annotate.words import content_words
from .characters import fold_marks
from .model import Claim, Evidence, Sentence, Source, TimelineEvent
from .settings import TimelineTuning
from .standalone import is_list_line

SameFact = Callable[[Sentence, Sentence], bool]

_GRANULARITY_RANK = {"day": 0, "week": 1, "period": 2}


@dataclass(slots=True)
class _Candidate:
    order: int  # position of the sentence in the story: source order, then sentence order
    source: Source
    sentence: Sentence
    mention: DateMention
    inferred: bool
    words: frozenset[str]
    claims: set[str] = field(default_factory=set)

    @property
    def dates(self) -> tuple[date, date]:
        return self.mention.first, self.mention.last

    @property
    def is_day(self) -> bool:
        return self.mention.granularity == "day"


def build_timeline(
    sources: list[Source],
    claims: list[Claim],
    dates: dict[tuple[str, int], list[DateMention]] | None = None,
    same_fact: SameFact | None = None,
    tuning: TimelineTuning = TimelineTuning(),
    restates: SameFact | None = None,
) -> list[TimelineEvent]:
    """The story's dated events, in date order; at most `max_events`, the best attested kept.

    Sources need their reference dates (`assign_reference_dates`): without one, a source's
    relative and year-less dates cannot be placed and its sentences dated only so are skipped.
    `dates` are the sentences' dates (`sentence_dates`) when they are found already.
    `same_fact` tells whether two sentences of different sources state one fact (the claims'
    alignment): on the same dates, they tell one event though no claim holds both. `restates`
    is the stricter test by which an undated sentence tells a dated one's event.
    """
    if dates is None:
        dates = sentence_dates(sources)
    claim_of: dict[tuple[str, int], set[str]] = {}
    for claim in claims:
        for e in claim.evidence:
            claim_of.setdefault((e.source, e.sentence), set()).add(claim.id)

    candidates: list[_Candidate] = []
    for source in sources:
        for sentence in source.sentences:
            found = dates[(source.id, sentence.index)]
            candidate = _candidate(len(candidates), source, sentence, found, tuning.max_period_days)
            if candidate is not None:
                candidate.claims = claim_of.get((source.id, sentence.index), set())
                candidates.append(candidate)

    groups = _merge(candidates, tuning.overlap, same_fact)
    rank = {s.id: i for i, s in enumerate(sources)}
    events = [_event(group, claims, rank) for group in groups]
    if restates is not None:
        for event, group in zip(events, groups, strict=True):
            _add_undated_tellings(event, group, claims, dates, restates, rank)
    # Bounded: keep the events most sources tell, days before coarser spans.
    kept = sorted(
        range(len(events)),
        key=lambda i: (-len(events[i].sources), _finest(groups[i]), groups[i][0].order),
    )[: tuning.max_events]
    kept.sort(
        key=lambda i: (
            events[i].date,
            -len(events[i].sources),
            events[i].end or events[i].date,
            groups[i][0].order,
        )
    )
    return [events[i] for i in kept]


def _candidate(
    order: int, source: Source, sentence: Sentence, found: list[DateMention], longest: int
) -> _Candidate | None:
    """A sentence as a dated event, if a date of it can be one: a period of at most `longest`
    days ("the first half of 2020" dates an event; "the 1990s" does not), not a deadline, not a
    quote's own "today"."""
    mentions = [
        m
        for m in found
        if m.granularity in _GRANULARITY_RANK
        and (m.last - m.first).days <= longest
        and not (m.relative and _quoted(sentence, m))
        and not _deadline(sentence, m)
        and not (m.text.lower() == "today" and _generic_today(sentence, m))
    ]
    if not mentions or is_list_line(sentence.text):
        return None  # a tour's list of dates is a schedule, and its lines carry no year
    # The most precise date of the sentence; of equally precise ones, an explicit one, then the
    # first.
    mention = min(mentions, key=lambda m: (_GRANULARITY_RANK[m.granularity], m.relative, m.start))
    spans = [(m.start - sentence.start, m.end - sentence.start) for m in mentions]
    return _Candidate(
        order=order,
        source=source,
        sentence=sentence,
        mention=mention,
        inferred=source.reference_inferred and (mention.relative or mention.yearless),
        words=content_words(sentence.text, spans),
    )


def _deadline(sentence: Sentence, mention: DateMention) -> bool:
    """ "valid until the end of this year": the date bounds a state, no event happens on it."""
    before = sentence.text[: mention.start - sentence.start]
    return re.search(r"(?i)\b(?:until|till|up\s+to)\s+$", before) is not None


def _generic_today(sentence: Sentence, mention: DateMention) -> bool:
    """ "the war that is taking place today": "today" as "nowadays", in a clause without a past or
    future verb to date."""
    start = mention.start - sentence.start
    return clause_tense(sentence.text, start, start + len(mention.text), reach=False) is None


def _quoted(sentence: Sentence, mention: DateMention) -> bool:
    """Whether the mention sits inside a quotation (an opening mark before it, not yet closed):
    a relative date there counts from when the speaker spoke ("Belarus today is..."), which the
    report does not give."""
    before = fold_marks(sentence.text[: mention.start - sentence.start])
    return before.count('"') % 2 == 1


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    shorter = min(len(a), len(b))
    return len(a & b) / shorter if shorter else 0.0


def _agree(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Same dates, or one a single day inside the other's span."""
    if a == b:
        return True
    return any(d[0] == d[1] and span[0] <= d[0] <= span[1] for d, span in ((a, b), (b, a)))


def _compatible(group: list[_Candidate]) -> bool:
    """A group keeps at most one day, and every span in it holds that day or equals the rest."""
    days = {c.dates for c in group if c.dates[0] == c.dates[1]}
    if len(days) > 1:
        return False
    spans = {c.dates for c in group if c.dates[0] != c.dates[1]}
    if days:
        ((day, _),) = days
        return all(a <= day <= b for a, b in spans)
    return len(spans) <= 1


def _merge(
    candidates: list[_Candidate], overlap: float, same_fact: SameFact | None = None
) -> list[list[_Candidate]]:
    """Single-link grouping over the rules, refusing any join that mixes dates. Two tellings on
    one date are one event when they share `overlap` of the shorter one's content words."""
    group_of = list(range(len(candidates)))
    members: dict[int, list[_Candidate]] = {i: [c] for i, c in enumerate(candidates)}

    def join(i: int, j: int) -> None:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not _compatible(members[gi] + members[gj]):
            return
        for c in members[gj]:
            group_of[c.order] = gi
        members[gi] += members.pop(gj)

    pairs = []
    for i, a in enumerate(candidates):
        for j in range(i + 1, len(candidates)):
            b = candidates[j]
            if a.claims & b.claims and _agree(a.dates, b.dates):
                pairs.append((2.0, i, j))  # a shared claim outranks word overlap
            elif a.dates == b.dates and (share := _overlap(a.words, b.words)) >= overlap:
                pairs.append((share, i, j))
            elif (
                same_fact
                and a.source.id != b.source.id
                and _agree(a.dates, b.dates)
                and same_fact(a.sentence, b.sentence)
            ):
                pairs.append((overlap, i, j))
    for _, i, j in sorted(pairs, key=lambda p: -p[0]):
        join(i, j)
    return [sorted(g, key=lambda c: c.order) for g in members.values()]


def _finest(group: list[_Candidate]) -> int:
    return min(_GRANULARITY_RANK[c.mention.granularity] for c in group)


def _event(group: list[_Candidate], claims: list[Claim], rank: dict[str, int]) -> TimelineEvent:
    # The event's dates: the single day if the group has one, else its (one) span.
    days = [c for c in group if c.dates[0] == c.dates[1]]
    dates = Counter(c.dates for c in (days or group)).most_common(1)[0][0]
    dated = [c for c in group if c.dates == dates]

    texts = {c.sentence.text: c for c in dated}
    told = [cl for cl in claims if cl.text in texts]
    if told:
        best = max(told, key=lambda cl: len(cl.sources))
        lead = texts[best.text]
    else:
        lead = min(dated, key=lambda c: _earliest(c, rank))

    sources = sorted({c.source.id for c in group}, key=lambda s: rank.get(s, len(rank)))
    first, last = dates
    return TimelineEvent(
        date=first.isoformat(),
        text=lead.sentence.text,
        sources=sources,
        end=last.isoformat() if last != first else None,
        expression=lead.mention.text,
        inferred=all(c.inferred for c in dated),
        evidence=[Evidence.of(c.sentence) for c in group],
    )


def _add_undated_tellings(
    event: TimelineEvent,
    group: list[_Candidate],
    claims: list[Claim],
    dates: dict[tuple[str, int], list[DateMention]],
    restates: SameFact,
    rank: dict[str, int],
) -> None:
    """An outlet that states the event's fact without dating it ("A New York man pleaded guilty
    to…" beside "… pleaded guilty Monday to…") tells the event too: a sentence of a claim that
    a dated sentence of the event states joins the event when it restates that sentence and
    dates nothing otherwise. A dated sentence that backs two claims carries two facts, and its
    date may be the other fact's: its claims lend no tellings."""
    by_id = {c.id: c for c in claims}
    span = (date.fromisoformat(event.date), date.fromisoformat(event.end or event.date))
    cited = {(e.source, e.sentence) for e in event.evidence}
    for dated in group:
        if len(dated.claims) != 1:
            continue
        (claim,) = (by_id[cid] for cid in dated.claims)
        for e in claim.evidence:
            key = (e.source, e.sentence)
            if key in cited or e.source == dated.source.id:
                continue
            if any(not _agree((m.first, m.last), span) for m in dates.get(key, [])):
                continue
            if restates(dated.sentence, Sentence(e.source, e.sentence, e.text, 0, 0)):
                cited.add(key)
                event.evidence.append(e)
                event.sources.append(e.source)
    event.sources = sorted(set(event.sources), key=lambda s: rank.get(s, len(rank)))


def _earliest(c: _Candidate, rank: dict[str, int]) -> tuple:
    """Earliest published first; a known publication date before an inferred one; then order."""
    return (
        c.source.reference_date or "9999-12-31",
        c.source.reference_inferred,
        rank.get(c.source.id, len(rank)),
        c.sentence.index,
    )
