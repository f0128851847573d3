"""The steps that turn one story's articles into its briefing, as plain functions over one draft.

Like spaCy's components and datatrove's steps, each step takes the `Draft` and the settings,
adds what it finds, and returns the draft; `run_steps` times every step the same way, so a step
can be swapped, skipped or measured alone:

    draft = Draft(articles)
    for name, step in STEPS:
        draft = step(draft, settings)
    briefing = draft.briefing()

A step reads only what the steps before it added: one article goes down the steps, never back.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from .annotate.anchors import day_terms
from .annotate.clauses import long_sentence_clauses
from .annotate.dates import DateMention, assign_reference_dates, sentence_dates
from .annotate.embeddings import EmbeddingBackend, get_backend
from .annotate.entities import find_entities, read_ahead
from .annotate.entities.reader import idle_cpu
from .annotate.quotes import find_quotes
from .annotate.sentences import analysed_length, split_sentences
from .contradict import disputes_facts, drop_other_sides, find_contradictions
from .corroborate import (
    Alignment,
    align,
    build_claims,
    counterparts,
    exclusives,
    same_fact,
)
from .dedup import voices
from .errors import NothingToBrief
from .fact_scores import Clauses
from .model import (
    Article,
    Briefing,
    Claim,
    Contradiction,
    Quote,
    Sentence,
    Source,
    StoryInfo,
    SummarySentence,
    TimelineEvent,
)
from .settings import Settings
from .summarize import rank_claims, summarize
from .timeline import build_timeline

Dates = dict[tuple[str, int], list[DateMention]]


@dataclass(slots=True)
class Draft:
    """A story's briefing in the making: its articles, and what each step has added so far."""

    articles: list[Article]
    key: str | None = None  # the store's name for the story; derived from the articles if None
    sources: list[Source] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: Any = None  # the story's entity index (`annotate.entities`)
    quotes: list[Quote] = field(default_factory=list)
    dates: Dates = field(default_factory=dict)
    backend: EmbeddingBackend | None = None
    vectors: np.ndarray | None = None  # one row per sentence
    voices: dict[str, str] = field(default_factory=dict)  # source → the voice it repeats
    alignment: Alignment | None = None
    claims: list[Claim] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)

    def briefing(self) -> Briefing:
        """The finished briefing: a title from the reports' headlines, their date span."""
        story = StoryInfo(
            id=self.key or story_id(self.articles),
            title=_title(self.sources, self.claims[0].text if self.claims else "", self.backend),
            **_date_span(self.sources),
        )
        return Briefing(
            story=story,
            sources=self.sources,
            summary=self.summary,
            claims=self.claims,
            entities=list(self.entities or []),
            quotes=self.quotes,
            timeline=self.timeline,
            contradictions=self.contradictions,
            exclusive=exclusives(self.claims, self.voices),
        )


Step = Callable[[Draft, Settings], Draft]


def sentences(draft: Draft, settings: Settings) -> Draft:
    """Each article becomes a numbered source (S1, S2, …) split into sentences. Of an article
    longer than `max_article_words`, only the paragraphs within the limit are analysed: every
    later step reads `Source.text`, so the time and memory of a brief stay bounded. With the
    `entity_process` setting and a CPU idle, the entity recogniser starts on the sources in a
    process of its own meanwhile (`read_ahead`)."""
    if not draft.articles:
        raise NothingToBrief("no usable article to brief")
    draft.sources = sources_of(draft.articles, settings)
    if settings.entity_process and idle_cpu():
        read_ahead(s.text for s in draft.sources)
    for source in draft.sources:
        source.sentences = split_sentences(source.id, source.text)
    draft.sentences = [s for source in draft.sources for s in source.sentences]
    if not draft.sentences:
        raise NothingToBrief("the articles hold no complete sentence to brief")
    assign_reference_dates(draft.sources)
    return draft


def sources_of(articles: list[Article], settings: Settings) -> list[Source]:
    """Each article as a numbered source (S1, S2, …), cut to the part the steps analyse."""
    found = []
    for number, article in enumerate(articles, 1):
        source = Source(f"S{number}", article)
        if cut := analysed_length(article.text, settings.max_article_words):
            source.analysed_chars, source.analysed_words = cut
        found.append(source)
    return found


def voice_count(articles: list[Article], settings: Settings) -> int:
    """How many independent voices a briefing of these articles would cite: the `voices`
    step's answer, found without the steps before it (it reads only the sources' texts)."""
    return len(set(voices(sources_of(articles, settings)).values()))


def entities(draft: Draft, settings: Settings) -> Draft:
    draft.entities = find_entities(draft.sources)
    return draft


def quotes(draft: Draft, settings: Settings) -> Draft:
    draft.quotes = find_quotes(draft.sources, draft.entities.name_of)
    return draft


def dates(draft: Draft, settings: Settings) -> Draft:
    """The dates each sentence gives, relative ones resolved against its report's date."""
    draft.dates = sentence_dates(draft.sources)
    return draft


def model(draft: Draft, settings: Settings) -> Draft:
    """The sentence encoder, loaded once per process (the cost of a cold start shows here)."""
    draft.backend = get_backend(settings.embedding_backend, settings.threads)
    return draft


def embeddings(draft: Draft, settings: Settings) -> Draft:
    draft.vectors = draft.backend.encode([s.text for s in draft.sentences])
    return draft


def voices_step(draft: Draft, settings: Settings) -> Draft:
    """Which sources repeat one voice (a wire copy and its reprints count once)."""
    draft.voices = voices(draft.sources)
    for source in draft.sources:
        source.voice = draft.voices[source.id]
    return draft


def claims(draft: Draft, settings: Settings) -> Draft:
    """Sentences of several sources that state one fact become a claim, ranked by support."""
    # Years that differ keep two statements apart ("as soon as 2023", "the mid-2020s"), but
    # only days and months are precise enough to call a disagreement.
    draft.alignment = align(
        draft.sentences,
        draft.vectors,
        settings.lexical_threshold,
        _explicit_dates(draft.dates, ("day", "month", "year")),
        settings.claims,
        day_terms(draft.sentences, draft.dates),
        _clauses(draft, settings),
        draft.entities,
    )
    found = build_claims(
        draft.alignment,
        settings.claim_threshold,
        settings.claim_floor,
        draft.voices,
        settings.join_threshold,
        settings.claims,
    )
    draft.claims = rank_claims(
        found, draft.sources, draft.alignment, draft.voices, settings.summary
    )
    return draft


def _clauses(draft: Draft, settings: Settings) -> Clauses:
    tuning = settings.claims
    texts, owner = long_sentence_clauses(
        [s.text for s in draft.sentences], tuning.clause_words, tuning.clause_min_words
    )
    vectors = draft.backend.encode(texts) if texts else np.zeros((0, draft.vectors.shape[1]))
    return Clauses(texts, owner, vectors)


def contradictions(draft: Draft, settings: Settings) -> Draft:
    """Where voices disagree; a source on a disputed side stops backing the other side's claim."""
    alignment = draft.alignment
    draft.contradictions = find_contradictions(
        alignment,
        draft.claims,
        draft.voices,
        counterparts(alignment, settings.claim_threshold, settings.claim_floor),
        _explicit_dates(draft.dates, ("day", "month")),
        draft.entities.name_of,
        list(draft.entities),
        settings.contradictions,
    )
    disputed = [c for c in draft.contradictions if disputes_facts(c)]
    drop_other_sides(draft.claims, disputed, draft.voices)
    return draft


def summary(draft: Draft, settings: Settings) -> Draft:
    alignment = draft.alignment
    draft.summary = summarize(
        draft.claims,
        claim_vectors(draft.claims, alignment),
        settings.words,
        settings.redundancy,
        {s.id: len(s.sentences) for s in draft.sources},
        draft.contradictions,
        [s.article.title for s in draft.sources if s.article.title],
        {(s.source, s.index): v for s, v in zip(draft.sentences, draft.vectors, strict=True)},
        settings.summary,
        draft.voices,
    )
    return draft


def timeline(draft: Draft, settings: Settings) -> Draft:
    """One entry per dated event, citing every source that tells it."""
    same = same_fact(draft.alignment, settings.claim_floor, days_aside=True)
    restates = same_fact(draft.alignment, settings.claim_threshold, days_aside=True)
    draft.timeline = build_timeline(
        draft.sources, draft.claims, draft.dates, same, settings.timeline, restates
    )
    return draft


# The steps in order, each with the name its time is recorded under.
STEPS: tuple[tuple[str, Step], ...] = (
    ("sentences", sentences),
    # Encoding goes before the entities, which the recogniser reads meanwhile (`read_ahead`).
    ("model", model),
    ("embeddings", embeddings),
    ("entities", entities),
    ("quotes", quotes),
    ("dates", dates),
    ("voices", voices_step),
    ("claims", claims),
    ("contradictions", contradictions),
    ("summary", summary),
    ("timeline", timeline),
)


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> None: ...
    def advance(self, amount: int = 1) -> None: ...


def run_steps(
    draft: Draft,
    settings: Settings,
    steps: Sequence[tuple[str, Step]] = STEPS,
    progress: Progress | None = None,
    timings: dict[str, float] | None = None,
) -> Draft:
    """Run the steps in order; each one's seconds are added to `timings` under its name."""
    timings = timings if timings is not None else {}
    for name, step in steps:
        if progress is not None:
            progress.stage(name.capitalize())
        started = time.perf_counter()
        draft = step(draft, settings)
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
    return draft


def claim_vectors(claims: list[Claim], alignment: Alignment) -> np.ndarray:
    """One normalised vector per claim: the mean of its evidence sentences' vectors."""
    position = {(s.source, s.index): k for k, s in enumerate(alignment.sentences)}
    rows = []
    for claim in claims:
        idx = [position[(e.source, e.sentence)] for e in claim.evidence]
        v = alignment.vectors[idx].mean(axis=0)
        rows.append(v / max(float(np.linalg.norm(v)), 1e-12))
    return np.vstack(rows) if rows else np.zeros((0, alignment.vectors.shape[1]), np.float32)


def story_id(articles: list[Article]) -> str:
    """Stable for the same set of articles, whatever their order."""
    return story_key_of([a.content_hash for a in articles])


def story_key_of(content_hashes: list[str]) -> str:
    """`story_id` from the articles' content hashes alone."""
    return hashlib.sha256("".join(sorted(content_hashes)).encode()).hexdigest()[:12]


def _explicit_dates(dates: Dates, granularities: tuple[str, ...]) -> Dates:
    """The dates of these granularities each sentence names outright ("on 14 September", "in
    May", "the mid-2020s"), for comparing reports of one event. Relative dates are left out:
    "today" read against two pages' own dates may name two days for one launch."""
    out = {}
    for key, mentions in dates.items():
        if explicit := [m for m in mentions if m.granularity in granularities and not m.relative]:
            out[key] = explicit
    return out


def _title(sources: list[Source], lead: str, backend: EmbeddingBackend | None) -> str:
    """The headline closest in meaning to the story's leading claim; the claim itself if none."""
    titles = [s.article.title for s in sources if s.article.title]
    if not titles:
        return lead
    if len(titles) == 1 or not lead or backend is None:
        return titles[0]
    vectors = backend.encode([lead, *titles])
    return titles[int(np.argmax(vectors[1:] @ vectors[0]))]


def _date_span(sources: list[Source]) -> dict[str, str | None]:
    """Publication dates where the reports give them, else the dates they count from."""
    found = sorted(s.article.published[:10] for s in sources if s.article.published)
    found = found or sorted(s.reference_date for s in sources if s.reference_date)
    return {"start": found[0], "end": found[-1]} if found else {"start": None, "end": None}
