"""The one place that knows the order of the stages. The CLI (and later the server) call it."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO, Protocol

import numpy as np

from .annotate.dates import assign_reference_dates, find_dates, parse_iso_date
from .annotate.embeddings import get_backend
from .annotate.entities import find_entities
from .annotate.quotes import find_quotes
from .annotate.sentences import split_sentences
from .contradict import find_contradictions
from .corroborate import align, build_claims, claim_vectors, exclusives
from .dedup import voices
from .errors import NothingToBrief
from .ingest.files import read_inputs
from .model import Article, Briefing, Reject, Source, StoryInfo
from .settings import Settings
from .store import Store
from .summarize import summarize
from .timeline import build_timeline

log = logging.getLogger(__name__)


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> None: ...
    def advance(self, amount: int = 1) -> None: ...


class _Silent:
    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass


@dataclass(slots=True)
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (input, first seen as)


@dataclass(slots=True)
class BriefRun:
    """What one `brief` did: the briefing, what was skipped and why, and how long stages took."""

    briefing: Briefing | None
    read: ReadResult
    new_articles: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every input was used, 1 when some were skipped, 2 when nothing was usable."""
        if self.briefing is None:
            return 2
        return 1 if self.read.rejects else 0


def read(
    inputs: Iterable[str],
    settings: Settings,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read every input; the same article given twice is kept once."""
    progress = progress or _Silent()
    result = ReadResult()
    seen: dict[str, str] = {}
    progress.stage("Reading")
    for item in read_inputs(inputs, settings.max_bytes, stdin=stdin):
        progress.advance()
        if isinstance(item, Reject):
            log.warning("skipped %s", item)
            result.rejects.append(item)
        elif (first := seen.get(item.content_hash)) is not None:
            result.duplicates.append((item.path or "?", first))
        else:
            seen[item.content_hash] = item.path or "?"
            result.articles.append(item)
    return result


def brief_articles(
    articles: list[Article],
    settings: Settings,
    progress: Progress | None = None,
    timings: dict[str, float] | None = None,
) -> Briefing:
    """Articles of one story → its briefing."""
    if not articles:
        raise NothingToBrief("no usable article to brief")
    progress = progress or _Silent()
    clock = _Clock(timings if timings is not None else {})

    progress.stage("Splitting sentences", len(articles))
    sources = []
    for number, article in enumerate(articles, 1):
        sid = f"S{number}"
        sources.append(Source(sid, article, split_sentences(sid, article.text)))
        progress.advance()
    sentences = [s for source in sources for s in source.sentences]
    if not sentences:
        raise NothingToBrief("the articles hold no complete sentence to brief")
    assign_reference_dates(sources)
    clock.lap("sentences")

    progress.stage("Finding entities and quotes", len(sources))
    entities = find_entities(sources)
    clock.lap("entities")
    quotes = find_quotes(sources, entities.name_of)
    progress.advance(len(sources))
    clock.lap("quotes")

    progress.stage("Embedding sentences", len(sentences))
    backend = get_backend(settings.embedding_backend, settings.threads)
    clock.lap("model")
    vectors = backend.encode([s.text for s in sentences])
    progress.advance(len(sentences))
    clock.lap("embeddings")

    progress.stage("Aligning claims")
    alignment = align(sentences, vectors, settings.lexical_threshold)
    voice_of = voices(sources)
    for source in sources:
        source.voice = voice_of[source.id]
    claims = build_claims(
        sources, alignment, settings.claim_threshold, voice_of, settings.join_threshold
    )
    clock.lap("claims")
    contradictions = find_contradictions(
        alignment, claims, voice_of, _day_dates(sources), entities.name_of
    )
    clock.lap("contradictions")

    progress.stage("Writing the summary")
    summary = summarize(
        claims,
        claim_vectors(claims, alignment),
        settings.words,
        settings.redundancy,
        {s.id: len(s.sentences) for s in sources},
        contradictions,
    )
    timeline = build_timeline(sources, claims)
    clock.lap("summary")
    story = StoryInfo(
        id=story_id(articles),
        title=_title(sources, claims[0].text if claims else "", backend),
        **_date_span(sources),
    )
    return Briefing(
        story=story,
        sources=sources,
        summary=summary,
        claims=claims,
        entities=list(entities),
        quotes=quotes,
        timeline=timeline,
        contradictions=contradictions,
        exclusive=exclusives(claims, voice_of),
    )


def _day_dates(sources: list[Source]) -> dict[tuple[str, int], list[tuple[date, date, str]]]:
    """The day-level dates each sentence gives, for comparing reports of one event."""
    out = {}
    for source in sources:
        reference = parse_iso_date(source.reference_date) if source.reference_date else None
        for sentence in source.sentences:
            days = [
                (m.first, m.last, m.text)
                for m in find_dates(sentence, reference)
                if m.granularity == "day"
            ]
            if days:
                out[(source.id, sentence.index)] = days
    return out


def brief(
    inputs: Iterable[str],
    settings: Settings,
    store: Store | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> BriefRun:
    """Read the inputs, brief them as one story, and keep articles and briefing in the store."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    result = read(inputs, settings, stdin=stdin, progress=progress)
    timings["read"] = time.perf_counter() - started
    if not result.articles:
        return BriefRun(None, result, timings=timings)
    briefing = brief_articles(result.articles, settings, progress, timings)
    run = BriefRun(briefing, result, timings=timings)
    if store is not None:
        started = time.perf_counter()
        run.new_articles = store.save_briefing(briefing)
        timings["store"] = time.perf_counter() - started
    return run


def article_day(article: Article) -> date | None:
    """The day an article belongs to, for the stories' time window: its publication date."""
    return parse_iso_date(article.published)


def story_id(articles: list[Article]) -> str:
    """Stable for the same set of articles, whatever their order."""
    digest = hashlib.sha256("".join(sorted(a.content_hash for a in articles)).encode())
    return digest.hexdigest()[:12]


def _title(sources: list[Source], lead: str, backend) -> str:
    """The headline closest in meaning to the story's leading claim; the claim itself if none."""
    titles = [s.article.title for s in sources if s.article.title]
    if not titles:
        return lead
    if len(titles) == 1 or not lead:
        return titles[0]
    vectors = backend.encode([lead, *titles])
    return titles[int(np.argmax(vectors[1:] @ vectors[0]))]


def _date_span(sources: list[Source]) -> dict[str, str | None]:
    """Publication dates where the reports give them, else the dates they count from."""
    dates = sorted(s.article.published[:10] for s in sources if s.article.published)
    dates = dates or sorted(s.reference_date for s in sources if s.reference_date)
    return {"start": dates[0], "end": dates[-1]} if dates else {"start": None, "end": None}


class _Clock:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = now - self.last
        self.last = now
