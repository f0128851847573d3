"""Inputs to briefings: reading, storing and grouping articles into stories, then briefing each
story down the steps of `storyline.steps`. The library's calls, the CLI and the server use it."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import BinaryIO

import numpy as np

from . import blas
from .annotate.dates import parse_iso_date
from .annotate.embeddings import get_backend
from .cluster import StoryIndex, article_vectors
from .errors import NothingToBrief, clip
from .inputs.files import read_inputs
from .model import Article, Briefing, Reject
from .region_memory import RegionMemory
from .settings import Settings
from .steps import Draft, Progress, run_steps
from .store import Store
from .story_assignment import consolidate_around, live_index, place, store_batch

log = logging.getLogger(__name__)

RECLUSTER_DAYS = 7  # days of stories `recluster` consolidates at once: memory stays bounded


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
class IngestRun:
    """What one `ingest` did. Articles are not kept: a pile may be larger than memory."""

    read: ReadResult
    new: int = 0
    known: int = 0
    stories: list[int] = field(default_factory=list)  # where the inputs landed, first seen first
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every input was used, 1 when some were skipped, 2 when nothing was usable."""
        if self.new + self.known == 0:
            return 2
        return 1 if self.read.rejects else 0


@dataclass(slots=True)
class BriefRun:
    """What one `brief` did: the briefings (largest story first) and what it left out."""

    ingest: IngestRun
    briefings: list[Briefing] = field(default_factory=list)
    left_out: int = 0  # single-article stories not briefed
    # Stories whose articles hold no complete sentence, each named by its key and inputs.
    unbriefable: list[Reject] = field(default_factory=list)

    @property
    def read(self) -> ReadResult:
        return self.ingest.read

    @property
    def timings(self) -> dict[str, float]:
        return self.ingest.timings

    @property
    def new_articles(self) -> int:
        return self.ingest.new

    @property
    def exit_code(self) -> int:
        """As an ingest's; 1 also when a story could not be briefed, 2 when none could."""
        if not self.briefings:
            return 2
        return max(self.ingest.exit_code, 1 if self.unbriefable else 0)


def read(
    inputs: Iterable[str],
    settings: Settings,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read every input into memory; the same article given twice is kept once."""
    progress = progress or _Silent()
    result = ReadResult()
    progress.stage("Reading")
    items = read_inputs(inputs, settings.max_bytes, stdin=stdin, settings=settings)
    result.articles = list(_usable(items, result, progress))
    return result


def brief_articles(
    articles: list[Article],
    settings: Settings,
    progress: Progress | None = None,
    timings: dict[str, float] | None = None,
    story_key: str | None = None,
) -> Briefing:
    """Articles of one story → its briefing, down the steps of `storyline.steps`. `story_key`
    names the story (the store's key); without one the id is derived from the articles."""
    with blas.limited(settings.threads):
        draft = run_steps(Draft(articles, story_key), settings, progress=progress, timings=timings)
        return draft.briefing()


def ingest(
    inputs: Iterable[str],
    settings: Settings,
    store: Store,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestRun:
    """Add the inputs' articles to the store, each assigned to a story as it arrives."""
    run = IngestRun(ReadResult())
    progress = progress or _Silent()
    progress.stage("Ingesting")
    items = read_inputs(inputs, settings.max_bytes, stdin=stdin, settings=settings)
    return ingest_articles(_usable(items, run.read, progress), settings, store, run)


def poll(
    feeds: Iterable[str], settings: Settings, store: Store, progress: Progress | None = None
) -> IngestRun:
    """One poll of feeds or sitemaps for `storyline watch`: their new entries into the store.

    Feeds are asked with conditional GETs, and entries whose link is stored already are not
    fetched again; a feed's validators are remembered only once its entries are stored.
    """
    from .inputs.feeds import FeedPoll  # lazy: only polling loads the HTTP client
    from .inputs.web import Fetcher

    run = IngestRun(ReadResult())
    progress = progress or _Silent()
    progress.stage("Polling")
    with Fetcher(settings) as fetcher:
        polled = FeedPoll(feeds, settings, fetcher, store)
        ingest_articles(_usable(polled.items(), run.read, progress), settings, store, run)
        polled.commit()
    return run


def ingest_articles(
    articles: Iterable[Article],
    settings: Settings,
    store: Store,
    run: IngestRun | None = None,
    batch_size: int = 32,
) -> IngestRun:
    """Store articles and assign each new one to the closest live story, or a new one; keep the
    inputs the run skipped (`run.read.rejects`) with their reasons.

    Each batch is one transaction, so an interrupted run keeps every batch it finished and
    the next run picks up where it stopped (stored articles are recognised by their hash).
    """
    run = run or IngestRun(ReadResult())
    started = time.perf_counter()
    index = live_index(settings, store)
    landed: list[int] = []  # the run's articles, to find their stories once consolidated
    touched: set[date] = set()  # days whose stories consolidation has not seen since
    memory = RegionMemory()  # what the last consolidation found, not scored again

    def encode(texts: list[str]) -> np.ndarray:
        # The model loads on the first article to place: a run of placed ones never needs it.
        return get_backend(settings.embedding_backend, settings.threads).encode(texts)

    for chunk in _batched(articles, batch_size):
        fresh = [a for a in chunk if store.needs_vector(a)]
        vectors = dict(zip(map(id, fresh), article_vectors(fresh, encode), strict=True))
        batch = [(a, vectors.get(id(a)), article_day(a)) for a in chunk]
        undated_day = middle_day([day for _, _, day in batch])
        placed = store_batch(store, index, batch, undated_day)
        for article_id, _, new in placed:
            landed.append(article_id)
            run.new += new
            run.known += not new
        touched.update(day for _, _, day in batch if day is not None)
        touched.update(store.story_days({story for _, story, _ in placed}))
        touched.update(_undated_reach(store, settings, batch, placed))
        if len(landed) % settings.stories.consolidate_every < batch_size:
            index = _consolidated(store, settings, touched, memory)
    if touched:
        _consolidated(store, settings, touched, memory)
    previous = dict.fromkeys(run.stories)
    run.stories = list(dict.fromkeys([*previous, *store.stories_of(landed)]))
    store.add_rejects(run.read.rejects)
    run.timings["ingest"] = time.perf_counter() - started
    return run


def _consolidated(
    store: Store, settings: Settings, touched: set[date], memory: RegionMemory
) -> StoryIndex:
    """Consolidate the stories around the touched days (then forgotten); a new index of the
    live stories, since consolidation merged and split some."""
    consolidate_around(store, settings, {day for day in touched if day is not None}, memory)
    touched.clear()
    return live_index(settings, store)


def _undated_reach(
    store: Store,
    settings: Settings,
    batch: list[tuple[Article, np.ndarray | None, date | None]],
    placed: list[tuple[int, int, bool]],
) -> set[date]:
    """The days of the stored stories closest in content to the batch's undated articles: an
    undated article can be of any day, so its consolidation looks where its content points,
    not only at the day it arrived on."""
    undated = [
        vector if vector is not None else store.article_vector(article_id)
        for (_, vector, day), (article_id, _, _) in zip(batch, placed, strict=True)
        if day is None
    ]
    if not undated:
        return set()
    return store.nearest_story_days(np.stack(undated), settings.stories.undated_reach)


def middle_day(days: list[date | None]) -> date | None:
    """The median of the known days: the day an undated article is taken to be of, among the
    articles it arrived with."""
    known = sorted(d for d in days if d is not None)
    return known[len(known) // 2] if known else None


def recluster(settings: Settings, store: Store, batch_size: int = 500) -> int:
    """Rebuild every story of the store from scratch, then consolidate them all, a few windows
    of days at a time; returns how many stories there are."""
    store.reset_stories()
    index = StoryIndex(settings.story_threshold, settings.window_days)
    rows = store.article_vectors()
    for chunk in _batched(rows, batch_size):
        with store.transaction():
            for article_id, vector, day in chunk:
                place(store, index, article_id, vector, day)
    days = store.article_days()
    for start in range(0, len(days), RECLUSTER_DAYS):
        consolidate_around(store, settings, set(days[start : start + RECLUSTER_DAYS]))
    return store.count_stories()


def brief(
    inputs: Iterable[str],
    settings: Settings,
    store: Store,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    everything: bool = False,
) -> BriefRun:
    """Ingest the inputs, then brief each story they landed in, largest first (`brief_landed`)."""
    run = ingest(inputs, settings, store, stdin=stdin, progress=progress)
    return brief_landed(run, settings, store, progress, everything)


def ingest_parsed(articles: Iterable[Article], settings: Settings, store: Store) -> IngestRun:
    """`ingest` for articles already read (the server's request bodies): the same article twice
    is stored once, and each joins a story."""
    run = IngestRun(ReadResult())
    return ingest_articles(_usable(articles, run.read, _Silent()), settings, store, run)


def brief_landed(
    run: IngestRun,
    settings: Settings,
    store: Store,
    progress: Progress | None = None,
    everything: bool = False,
) -> BriefRun:
    """Brief each story an ingest run landed in, largest first, and keep the briefings.

    Stories of a single article are left out unless `everything` is set or the run made only
    one story. A story with nothing to brief (no complete sentence) is counted and left out;
    the others go on.
    """
    briefed = BriefRun(run)
    groups = [(story, store.story_articles(story)) for story in run.stories]
    groups.sort(key=lambda g: -len(g[1]))
    for story, articles in groups:
        if len(articles) < 2 and not everything and len(groups) > 1:
            briefed.left_out += 1
            continue
        key = store.story_key(story)
        try:
            briefing = brief_articles(articles, settings, progress, run.timings, story_key=key)
        except NothingToBrief as exc:  # its articles stay stored, in their story
            inputs = ", ".join(dict.fromkeys(a.path or a.url or "?" for a in articles))
            briefed.unbriefable.append(Reject(f"story {key} ({clip(inputs)})", "brief", str(exc)))
            continue
        started = time.perf_counter()
        store.save_briefing(briefing)
        run.timings["store"] = run.timings.get("store", 0.0) + time.perf_counter() - started
        briefed.briefings.append(briefing)
    return briefed


def brief_changed(
    run: IngestRun, settings: Settings, store: Store, progress: Progress | None = None
) -> BriefRun:
    """Brief each story an ingest run landed in whose stored briefing does not cover all its
    articles (new, grown, or never briefed), single-article stories too; the others stand."""
    stale = [story for story in run.stories if store.current_briefing(story) is None]
    return brief_landed(replace(run, stories=stale), settings, store, progress, everything=True)


def brief_story(key: str, settings: Settings, store: Store) -> Briefing:
    """A stored story's briefing: the kept one if the story has not grown since, else a new one."""
    story = store.story_id(key)
    if (kept := store.current_briefing(story)) is not None:
        return kept
    briefing = brief_articles(
        store.story_articles(story), settings, story_key=store.story_key(story)
    )
    store.save_briefing(briefing)
    return briefing


def _usable(items: Iterable[Article | Reject], result: ReadResult, progress: Progress):
    """Articles from read_inputs, with rejects and repeats of this run recorded, not yielded."""
    seen: dict[str, str] = {}
    for item in items:
        progress.advance()
        if isinstance(item, Reject):
            log.warning("skipped %s", item)
            result.rejects.append(item)
        elif (first := seen.get(item.content_hash)) is not None:
            result.duplicates.append((item.path or "?", first))
        else:
            seen[item.content_hash] = item.path or "?"
            yield item


def _batched(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def article_day(article: Article) -> date | None:
    """The day an article belongs to, for the stories' time window: its publication date."""
    return parse_iso_date(article.published)
