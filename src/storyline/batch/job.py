"""`storyline batch`: the pipeline as a Ray Data job, for piles one machine cannot brief.

    read (a task per file) → unique articles (repeats found from one small row per record)
    → article vectors (an actor pool, the model loaded once per actor, one block at a time)
    → stories by time-window partitions → one briefing per story that may have enough voices
    (groupby(story).map_groups) → JSON lines, Parquet, and optionally a SQLite store

Every step runs on Ray: on this machine with no address, on a cluster with `address`. Per-article
work shares no state, so a task or an actor that dies is retried, and the steps after it see each
article once (articles are keyed by their text's hash). A record that cannot be used is a reject
row with its reason, never a failed job.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dedup import same_outlet
from ..errors import StorylineError
from ..settings import Settings
from ..steps import story_key_of, voice_count
from ..store_regions import REGION_TEXT_CHARS
from .sources import article_of, list_units, read_unit
from .stories import cluster_partition, join_borders, partition_rows

log = logging.getLogger(__name__)

# A test sets this to a file path: the first actor to embed a batch creates the file and dies,
# so the test sees Ray restart the actor and retry its batch.
CRASH_ONCE = "STORYLINE_BATCH_CRASH_ONCE"

# Briefing tasks per worker: a story's briefing takes seconds to minutes, so a worker that
# takes one small task at a time rarely waits on another's last one.
BRIEF_TASKS_PER_WORKER = 16
# Embedding tasks per worker: each actor takes one block at a time, so that both finish
# within one small block of each other (given a few big blocks, one actor queued them all).
VECTOR_TASKS_PER_WORKER = 8


@dataclass(slots=True)
class BatchRun:
    """What one batch job did and where it wrote it."""

    out: Path
    articles: int = 0
    rejects: int = 0
    stories: int = 0
    briefings: int = 0
    # CPU seconds the briefing tasks used, summed, and how many processes ran them: with more
    # workers the sum stays put unless they contend for memory or each loads the models again,
    # so a briefing stage that does not speed up with them waited for CPUs it could not get.
    briefing_cpu: float = 0.0
    briefing_processes: int = 0


class ArticleVectors:
    """Ray actor: the vector each article is clustered by, with the encoder loaded once."""

    def __init__(self, settings: Settings) -> None:
        from ..annotate.embeddings import get_backend

        self.settings = settings
        self.backend = get_backend(settings.embedding_backend, settings.threads)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        from ..cluster import article_vectors
        from ..pipeline import article_day

        marker = os.environ.get(CRASH_ONCE)
        if marker and not os.path.exists(marker):
            Path(marker).touch()
            os._exit(1)  # a worker lost mid-batch, as on a cluster
        rows = _rows(batch)
        articles = [article_of(r) for r in rows]
        vectors = article_vectors(articles, self.backend.encode)
        days = [article_day(a) for a in articles]
        batch["vector"] = [v.astype("float32").tolist() for v in vectors]
        batch["day"] = [d.isoformat() if d else None for d in days]
        return batch


def run_batch(
    inputs: list[str],
    out: Path,
    settings: Settings,
    *,
    address: str | None = None,
    workers: int = 2,
    min_sources: int = 2,
    partition_days: int = 7,
    store: Path | None = None,
) -> BatchRun:
    """Run the whole pipeline over `inputs` on Ray and write its results to `out`."""
    try:
        import ray
    except ImportError:
        raise StorylineError("storyline batch needs Ray: pip install 'storyline[ray]'") from None

    from .output import load_store, write_outputs

    # Each worker already takes a CPU: a reader process per worker for its entities (the
    # `entity_process` setting) would add a model's memory and no CPU to run on.
    settings = settings.with_overrides(entity_process=False)
    run = BatchRun(out)
    clock = _StageClock()
    _start_ray(address, workers)
    clock.done("ray started")
    data = ray.data.from_items(list_units(inputs))
    data = data.flat_map(read_unit, fn_args=(settings,)).materialize()
    clock.done("read")
    rejects = data.filter(lambda r: r["kind"] == "reject")
    repeats = _repeats(data.select_columns(["kind", "hash", "unit", "item"]).take_all())
    clock.done("unique articles")
    articles = (
        data.map_batches(_told_first, fn_args=(repeats,), batch_format="pandas")
        .repartition(VECTOR_TASKS_PER_WORKER * workers)
        .materialize()  # before the actors take the CPUs, which the tasks before them need
        .map_batches(
            ArticleVectors,
            fn_constructor_args=(settings,),
            compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=1),
            batch_size=32,
            batch_format="pandas",
        )
        .materialize()
    )
    clock.done("vectors")
    members = _stories(articles, settings, partition_days)
    stories = {h: story for story, told in members.items() for h, _ in told}
    run.stories = len(members)
    clock.done("stories")
    placed = articles.map_batches(
        _with_story, fn_args=(stories,), batch_format="pandas"
    ).materialize()
    clock.done("placed")
    # Only stories that may have `min_sources` voices are briefed: the rest would be briefed
    # only to be dropped. The sort makes as many blocks as it is given, and a block is one
    # task: split the few big blocks so that the tasks are small next to the whole, and sort
    # the stories largest first, so that the slowest briefings start first and the CPUs
    # finish together.
    rank = _largest_first(_may_be_briefed(members, min_sources))
    tasks = min(len(rank), BRIEF_TASKS_PER_WORKER * workers)
    briefed = (
        placed.map_batches(_with_rank, fn_args=(rank,), batch_format="pandas")
        .repartition(max(tasks, 1))
        .groupby("rank")
        .map_groups(_brief_story, fn_args=(settings, min_sources), batch_format="pandas")
        .materialize()
    )
    clock.done("briefings")
    write_outputs(out, placed, briefed, rejects, run)
    clock.done("outputs")
    log.info(
        "batch: the briefings used %.1f s of CPU in %d process(es)",
        run.briefing_cpu,
        run.briefing_processes,
    )
    if store is not None:
        load_store(store, placed, briefed)
        clock.done("store")
    return run


class _StageClock:
    """Logs when each stage of the job ends, to see where a run spends its time."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        log.info("batch: %s in %.1f s (%.1f s in all)", stage, now - self.last, now - self.start)
        self.last = now


def _start_ray(address: str | None, workers: int) -> None:
    import ray

    if address and not ray.is_initialized():
        ray.init(address=address, log_to_driver=False)
    elif not ray.is_initialized():  # local: a CPU per worker, no more memory than a laptop spares
        ray.init(
            num_cpus=workers,
            object_store_memory=512 * 1024 * 1024,
            include_dashboard=False,
            log_to_driver=False,
            # The task workers stay while the embedding actors hold the CPUs, so the stages
            # after them start at once rather than on new processes that import everything
            # again (by default Ray kills the workers beyond one per CPU within a second).
            _system_config={"num_workers_soft_limit": 2 * workers},
        )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    # Groups are brought together by a sort, so map_groups runs as tasks, a CPU each, that
    # take the sorted blocks as CPUs free up. A hash shuffle would run it in its aggregator
    # actors instead: a fixed share of the stories each, on a fraction of a CPU, every one
    # loading the models again, so the run waited on whichever got the most stories.
    context.shuffle_strategy = ray.data.context.ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
    if not log.isEnabledFor(logging.INFO):  # Ray Data narrates every dataset at INFO
        logging.getLogger("ray.data").setLevel(logging.WARNING)


def _rows(batch: Any) -> list[dict[str, Any]]:
    return batch.to_dict("records")


def _repeats(rows: list[dict[str, Any]]) -> set[tuple[int, int]]:
    """(unit, item) of each article whose text was read before (a repeat is not a second
    source): from one small row per record, so no shuffle moves the texts."""
    first: dict[str, tuple[int, int]] = {}
    repeats = set()
    for r in sorted(rows, key=lambda r: (r["unit"], r["item"])):
        if r["kind"] != "article":
            continue
        told = (r["unit"], r["item"])
        if r["hash"] in first:
            repeats.add(told)
        else:
            first[r["hash"]] = told
    return repeats


def _told_first(batch: Any, repeats: set[tuple[int, int]]) -> Any:
    """The articles of a batch of records, without the repeats."""
    keep = [
        kind == "article" and (unit, item) not in repeats
        for kind, unit, item in zip(batch["kind"], batch["unit"], batch["item"], strict=True)
    ]
    return batch[keep]


def _stories(
    articles: Any, settings: Settings, partition_days: int
) -> dict[str, list[tuple[str, str | None]]]:
    """Story → the hash and outlet of each of its articles, clustered partition by partition
    on the cluster; the borders are joined on the driver from one small row per article."""
    keep = ["hash", "unit", "item", "day", "vector", "title", "outlet", "text"]
    partitioned = (
        articles.select_columns(keep)
        .map_batches(_opening, batch_format="pandas")
        .flat_map(partition_rows, fn_args=(partition_days, settings.window_days))
    )
    clustered = partitioned.groupby("partition").map_groups(
        lambda g: _frame(cluster_partition(_rows(g), settings)), batch_format="pandas"
    )
    rows = clustered.take_all()
    story_of_local = join_borders(rows, settings)
    members: dict[str, list[tuple[str, str | None]]] = {}
    for r in rows:
        if r["home"]:
            members.setdefault(story_of_local[r["local"]], []).append((r["hash"], r["outlet"]))
    # A story is named as `storyline brief` names it: by its articles' texts.
    return {story_key_of([h for h, _ in told]): told for told in members.values()}


def _opening(batch: Any) -> Any:
    """The part of a text that consolidation reads, so the shuffle moves no whole texts."""
    batch["opening"] = [text[:REGION_TEXT_CHARS] for text in batch["text"]]
    return batch.drop(columns=["text"])


def _frame(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    return pd.DataFrame(rows)


def _with_story(batch: Any, stories: dict[str, str]) -> Any:
    batch["story"] = [stories[h] for h in batch["hash"]]
    return batch


def _may_be_briefed(
    members: dict[str, list[tuple[str, str | None]]], min_sources: int
) -> dict[str, int]:
    """Story → its size, for the stories that may have `min_sources` voices: not those with
    fewer articles, nor, when one voice is too few, those whose reports are all of one outlet
    (one voice whatever their texts)."""
    sizes = {}
    for story, told in members.items():
        outlets = [outlet for _, outlet in told]
        if len(told) < min_sources or (
            min_sources > 1 and all(same_outlet(outlets[0], o) for o in outlets)
        ):
            continue
        sizes[story] = len(told)
    return sizes


def _largest_first(sizes: dict[str, int]) -> dict[str, int]:
    """Story → its place when the stories are ordered by size, largest first."""
    return {story: n for n, story in enumerate(sorted(sizes, key=lambda s: (-sizes[s], s)))}


def _with_rank(batch: Any, rank: dict[str, int]) -> Any:
    """The rows of the ranked stories, each with its story's rank."""
    batch = batch[[story in rank for story in batch["story"]]].copy()
    batch["rank"] = [rank[story] for story in batch["story"]]
    return batch


def _brief_story(group: Any, settings: Settings, min_sources: int) -> Any:
    """One story's briefing as a JSON string, if it has `min_sources` independent voices, with
    the CPU time it took and the process that took it."""
    from ..errors import NothingToBrief
    from ..pipeline import brief_articles

    started = time.process_time()
    rows = sorted(_rows(group), key=lambda r: (r["unit"], r["item"]))
    articles = [article_of(r) for r in rows]
    body, voices = None, 0
    # Copies of one report are one voice: such a story is not briefed only to be dropped.
    if len(articles) >= min_sources and voice_count(articles, settings) >= min_sources:
        try:
            briefing = brief_articles(articles, settings, story_key=rows[0]["story"])
        except NothingToBrief as exc:
            log.warning("story of %s not briefed: %s", articles[0].path, exc)
        else:
            voices = len({s.voice for s in briefing.sources})
            if voices >= min_sources:
                body = json.dumps(briefing.to_dict(include_text=True), ensure_ascii=False)
    story = {"story": rows[0]["story"], "articles": len(rows), "voices": voices, "briefing": body}
    story["cpu"] = time.process_time() - started
    story["process"] = f"{socket.gethostname()}:{os.getpid()}"
    return _frame([story])
