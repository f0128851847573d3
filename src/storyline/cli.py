"""The `storyline` command: a thin face over the library (`storyline.api`, `storyline.pipeline`,
`storyline.store`); what it prints is drawn by `storyline.console`."""

from __future__ import annotations

import json
import logging
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from . import __version__
from .cli_options import (
    AllowPrivateOption,
    ArticleFormat,
    BriefOption,
    DbOption,
    FormatOption,
    InputsArgument,
    MaxBytesOption,
    OutputOption,
    QuietOption,
    VerboseOption,
    check_duration,
    seconds,
)
from .console import (
    Format,
    emit_articles,
    emit_briefings,
    err,
    progress_bars,
    report_rejects,
    shown,
)
from .errors import StorylineError
from .model import Reject
from .settings import Settings, load_settings
from .store import Store

if TYPE_CHECKING:  # the pipeline loads only when a command runs it
    from .pipeline import IngestRun
    from .steps import Progress

app = typer.Typer(
    name="storyline",
    help="Many news reports of the same events in; one verified, cited briefing per story out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _settings(**overrides: object) -> Settings:
    return load_settings().with_overrides(**overrides)


def _setup_logging(verbose: int) -> None:
    level = logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.ERROR
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def brief(
    inputs: InputsArgument,
    fmt: FormatOption = Format.markdown,
    output: OutputOption = None,
    words: Annotated[
        int | None, typer.Option(help="Summary length in words [default: 120].")
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Brief single-article stories too.")
    ] = False,
    max_bytes: MaxBytesOption = None,
    allow_private: AllowPrivateOption = False,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = 0,
) -> None:
    """Group the reports in INPUTS into stories and brief each, largest first (kept in the store).

    Output: one briefing, or JSON lines / Markdown sections / one HTML file per story (-o FOLDER).
    """
    from .pipeline import brief as run_brief

    _setup_logging(verbose)
    settings = _settings(
        words=words,
        max_bytes=max_bytes,
        allow_private=allow_private or None,
        db=str(db) if db else None,
    )
    with Store(settings.db_path) as store, progress_bars(quiet) as progress:
        run = run_brief(inputs, settings, store, progress=progress, everything=everything)
    report_rejects(run.read.rejects + run.unbriefable)
    if not run.briefings:
        err.print("[red]Error:[/] nothing to brief: no input held a usable article")
        raise typer.Exit(run.exit_code)
    emit_briefings(run.briefings, fmt, output)
    if not quiet:
        took = sum(run.timings.values())
        articles = sum(len(b.sources) for b in run.briefings)
        skipped = f", {len(run.read.rejects)} skipped" if run.read.rejects else ""
        same = f", {len(run.read.duplicates)} duplicates" if run.read.duplicates else ""
        left = f"; {run.left_out} single-article stories left out (--all)" if run.left_out else ""
        if run.unbriefable:
            left += f"; {len(run.unbriefable)} stories with no complete sentence to brief"
        wrote = f"; wrote {shown(output)}" if output else ""
        ids = ", ".join(b.story.id for b in run.briefings)
        err.print(
            f"[green]Briefed[/] {articles} articles{skipped}{same} as "
            f"{len(run.briefings)} {'story' if len(run.briefings) == 1 else 'stories'} "
            f"[bold]{ids}[/] in {took:.1f} s ({run.new_articles} new in {shown(settings.db_path)})"
            f"{left}{wrote}"
        )
    raise typer.Exit(run.exit_code)


@app.command()
def ingest(
    inputs: InputsArgument,
    briefing: BriefOption = True,
    max_bytes: MaxBytesOption = None,
    allow_private: AllowPrivateOption = False,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = 0,
) -> None:
    """Add the articles in INPUTS to the store, each joining a story as it arrives; then brief
    the stories they joined."""
    from .pipeline import ingest as run_ingest

    _setup_logging(verbose)
    settings = _settings(
        max_bytes=max_bytes, allow_private=allow_private or None, db=str(db) if db else None
    )
    with Store(settings.db_path) as store, progress_bars(quiet) as progress:
        run = run_ingest(inputs, settings, store, progress=progress)
        briefed = _brief_changed(run, settings, store, progress) if briefing else ""
    report_rejects(run.read.rejects)
    if not quiet:
        err.print(
            f"[green]Ingested[/] {run.new} new articles ({run.known} already stored"
            f"{f', {len(run.read.rejects)} skipped' if run.read.rejects else ''}) into "
            f"{len(run.stories)} stories in {run.timings.get('ingest', 0.0):.1f} s"
            f"{briefed} ({shown(settings.db_path)})"
        )
    raise typer.Exit(run.exit_code)


def _brief_changed(
    run: IngestRun, settings: Settings, store: Store, progress: Progress | None
) -> str:
    """Brief the stories the run changed (this process has the models loaded anyway), so a
    reader of `storyline serve` never waits for it; what it did, for the summary line."""
    from .pipeline import brief_changed

    started = time.perf_counter()
    done = len(brief_changed(run, settings, store, progress).briefings)
    if not done:
        return ""
    took = time.perf_counter() - started
    return f"; briefed {done} {'story' if done == 1 else 'stories'} in {took:.1f} s"


@app.command()
def extract(
    inputs: InputsArgument,
    fmt: Annotated[
        ArticleFormat,
        typer.Option("--format", "-f", help="text (title, then body) or json (one line each)."),
    ] = ArticleFormat.text,
    output: OutputOption = None,
    max_bytes: MaxBytesOption = None,
    allow_private: AllowPrivateOption = False,
    verbose: VerboseOption = 0,
) -> None:
    """Print the article in each of INPUTS: the text without page furniture, and with --format
    json its title, outlet, date, author and URL. Nothing is stored."""
    from .inputs.files import read_inputs

    _setup_logging(verbose)
    settings = _settings(max_bytes=max_bytes, allow_private=allow_private or None)
    articles, rejects = [], []
    for item in read_inputs(inputs, settings.max_bytes, settings=settings):
        (rejects if isinstance(item, Reject) else articles).append(item)
    report_rejects(rejects)
    if articles:
        emit_articles(articles, fmt is ArticleFormat.json, output)
    raise typer.Exit(2 if not articles else 1 if rejects else 0)


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders and globs (WARC, JSONL, HTML, text), local or on any file "
            "system pyarrow reads (s3://, gs://, hdfs://).",
            show_default=False,
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the results.")],
    address: Annotated[
        str | None,
        typer.Option(
            help="Ray cluster to run on: auto or ray://host:10001 (default: a local Ray)."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="Actors that embed articles at once.")] = 2,
    min_sources: Annotated[
        int, typer.Option(help="Independent voices a story needs to be briefed.")
    ] = 2,
    store: Annotated[
        Path | None, typer.Option(help="Also load the results into this SQLite store.")
    ] = None,
    max_bytes: MaxBytesOption = None,
    verbose: VerboseOption = 0,
) -> None:
    """Run the whole pipeline over INPUTS as a Ray Data job; write briefings.jsonl, articles/
    (Parquet) and rejects.jsonl to --out. Needs the package's ray extra."""
    from .batch import run_batch

    _setup_logging(verbose)
    settings = _settings(max_bytes=max_bytes)
    run = run_batch(
        inputs,
        out,
        settings,
        address=address,
        workers=workers,
        min_sources=min_sources,
        store=store,
    )
    err.print(
        f"[green]Batch[/] {run.articles} articles, {run.rejects} skipped, {run.stories} stories, "
        f"{run.briefings} briefed → {out}" + (f" and {store}" if store else "")
    )
    raise typer.Exit(1 if run.rejects else 0)


@app.command()
def watch(
    feeds: Annotated[
        list[str], typer.Argument(help="URLs of RSS/Atom feeds or sitemaps.", show_default=False)
    ],
    every: Annotated[
        str, typer.Option(help="Time between polls: 30s, 10m, 1h.", callback=check_duration)
    ] = "10m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop.")] = False,
    briefing: BriefOption = True,
    max_bytes: MaxBytesOption = None,
    allow_private: AllowPrivateOption = False,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = 0,
) -> None:
    """Poll FEEDS and ingest their new entries, until stopped (Ctrl-C) or once with --once.

    Conditional GETs (validators kept in the store); stored entries are not fetched again.
    """
    from .pipeline import poll

    _setup_logging(verbose)
    interval = seconds(every)
    settings = _settings(
        max_bytes=max_bytes, allow_private=allow_private or None, db=str(db) if db else None
    )
    try:
        with Store(settings.db_path) as store:
            while True:
                run = poll(feeds, settings, store)
                briefed = _brief_changed(run, settings, store, None) if briefing else ""
                report_rejects(run.read.rejects)
                if not quiet:
                    skipped = f", {len(run.read.rejects)} skipped" if run.read.rejects else ""
                    err.print(
                        f"[green]Polled[/] {len(feeds)} {'feed' if len(feeds) == 1 else 'feeds'}: "
                        f"{run.new} new articles ({run.known} already stored{skipped}) into "
                        f"{len(run.stories)} stories{briefed} ({shown(settings.db_path)})"
                    )
                if once:
                    raise typer.Exit(1 if run.read.rejects else 0)
                time.sleep(interval)
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


@app.command()
def recluster(db: DbOption = None, quiet: QuietOption = False) -> None:
    """Rebuild all the stories of the store from scratch (after changing the story settings)."""
    from .pipeline import recluster as run_recluster

    settings = _settings(db=str(db) if db else None)
    with Store(settings.db_path) as store:
        count = run_recluster(settings, store)
    if not quiet:
        err.print(f"[green]Reclustered[/] {shown(settings.db_path)} into {count} stories")


@app.command()
def stories(
    search: Annotated[
        str | None, typer.Argument(help="Full-text search (FTS5 syntax) over titles and texts.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Stories active on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Stories active on or before YYYY-MM-DD.")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Stories with a report by this outlet.")
    ] = None,
    entity: Annotated[str | None, typer.Option(help="Stories whose reports name this.")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Single-article stories too.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many stories.")] = 50,
    db: DbOption = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="markdown (a table) or json.")
    ] = Format.markdown,
) -> None:
    """List the stories in the store, largest first, with search and filters."""
    settings = _settings(db=str(db) if db else None)
    with Store(settings.db_path) as store:
        found = store.stories(search, since, until, outlet, entity, limit, 1 if everything else 2)
        if not found and not everything:  # a store of one-article stories still lists them
            found = store.stories(search, since, until, outlet, entity, limit, 1)
    if fmt is Format.json:
        typer.echo(json.dumps([asdict(s) for s in found], ensure_ascii=False, indent=2))
        return
    if not found:
        where = shown(settings.db_path)
        err.print(f"No stories in {where} match: `storyline ingest PATH…` adds some.")
        return
    from rich.table import Table

    from .render.wording import date_span

    table = Table(title=f"Stories in {shown(settings.db_path)}", title_justify="left")
    for column in ("id", "size", "outlets", "dates", "title"):
        table.add_column(column, overflow="fold")
    for row in found:
        dates = date_span(row) or "undated"
        outlets = ", ".join(row.outlets[:3]) + (
            f" +{len(row.outlets) - 3}" if len(row.outlets) > 3 else ""
        )
        table.add_row(row.id, str(row.size), shown(outlets), dates, shown(row.title or ""))
    # Piped output keeps whole rows: a reader greps ids and titles from it.
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@app.command()
def show(
    story_id: Annotated[
        str, typer.Argument(help="A story id from `storyline stories` (a prefix will do).")
    ],
    fmt: FormatOption = Format.markdown,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Print a story's briefing in any format (briefing it first if it is new or has grown)."""
    from .pipeline import brief_story

    settings = _settings(db=str(db) if db else None)
    with Store(settings.db_path) as store:
        briefing = brief_story(story_id, settings, store)
    emit_briefings([briefing], fmt, output)


@app.command()
def serve(
    host: Annotated[
        str | None,
        typer.Option(help="Interface to listen on (default 127.0.0.1; env STORYLINE_HOST)."),
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port to listen on (default 8000; env STORYLINE_PORT).")
    ] = None,
    db: DbOption = None,
    verbose: VerboseOption = 0,
) -> None:
    """Serve the store's stories as web pages and a JSON API (/docs lists it).

    Reads are open unless STORYLINE_READ_TOKEN is set; writes need STORYLINE_TOKEN (Bearer).
    """
    from .server import serve as run_server

    _setup_logging(verbose)
    settings = _settings(host=host, port=port, db=str(db) if db else None)
    err.print(
        f"[green]Serving[/] {shown(settings.db_path)} on http://{settings.host}:{settings.port}/ "
        f"(writes {'need the token' if settings.token else 'disabled: set STORYLINE_TOKEN'})"
    )
    run_server(settings, log_level="debug" if verbose > 1 else "info" if verbose else "warning")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    pass


def main() -> None:
    try:
        app()
    except StorylineError as exc:
        err.print(f"[red]Error:[/] {shown(exc)}")
        sys.exit(2)
