"""The `storyline` command: a thin face over `storyline.pipeline` and `storyline.store`."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import StorylineError
from .model import Briefing
from .render import render
from .settings import Settings, load_settings
from .store import Store

app = typer.Typer(
    name="storyline",
    help="Many news reports of the same events in; one verified, cited briefing per story out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True, highlight=False)


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"


# Options shared by several commands, defined once.
DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help="SQLite store [env STORYLINE_DB; default: user data dir].", show_default=False
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar or summary line on stderr.")
]
VerboseOption = Annotated[
    int, typer.Option("--verbose", "-v", count=True, help="Log more (-v info, -vv debug).")
]


class _RichProgress:
    """The pipeline's progress callbacks, drawn as one bar per stage."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: int | None = None

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is not None:
            self.progress.update(
                self.task,
                completed=self.progress.tasks[-1].total or 1,
                total=self.progress.tasks[-1].total or 1,
            )
        self.task = self.progress.add_task(name, total=total)

    def advance(self, amount: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, amount)


def _settings(**overrides: object) -> Settings:
    return load_settings().with_overrides(**overrides)


def _setup_logging(verbose: int) -> None:
    level = logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.ERROR
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _emit(briefing: Briefing, fmt: Format, output: Path | None) -> None:
    text = render(briefing, fmt.value)
    if output is not None:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    elif fmt is Format.markdown and sys.stdout.isatty():
        Console().print(Markdown(text))
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def brief(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders, globs, or - for standard input.", show_default=False),
    ],
    fmt: FormatOption = Format.markdown,
    output: OutputOption = None,
    words: Annotated[
        int | None, typer.Option(help="Summary length in words [default: 120].")
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Skip inputs larger than this [default: 10 MB].")
    ] = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = 0,
) -> None:
    """Brief the reports in INPUTS as one story, print it, and keep it in the store."""
    from .pipeline import brief as run_brief

    _setup_logging(verbose)
    settings = _settings(words=words, max_bytes=max_bytes, db=str(db) if db else None)
    show_progress = not quiet and sys.stdout.isatty() and err.is_terminal
    with Store(settings.db_path) as store:
        if show_progress:
            bars = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            )
            with bars:
                run = run_brief(inputs, settings, store, progress=_RichProgress(bars))
        else:
            run = run_brief(inputs, settings, store)
    for reject in run.read.rejects:
        err.print(f"[yellow]skipped[/] {reject.input}: {reject.reason}", markup=True)
    if run.briefing is None:
        err.print("[red]Error:[/] nothing to brief: no input held a usable article")
        raise typer.Exit(run.exit_code)
    _emit(run.briefing, fmt, output)
    if not quiet:
        took = sum(run.timings.values())
        skipped = f", {len(run.read.rejects)} skipped" if run.read.rejects else ""
        same = f", {len(run.read.duplicates)} duplicates" if run.read.duplicates else ""
        wrote = f"; wrote {output}" if output else ""
        err.print(
            f"[green]Briefed[/] {len(run.briefing.sources)} articles{skipped}{same} "
            f"as story [bold]{run.briefing.story.id}[/] in {took:.1f} s "
            f"({run.new_articles} new in {settings.db_path}){wrote}"
        )
    raise typer.Exit(run.exit_code)


@app.command()
def stories(
    db: DbOption = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="markdown (a table) or json.")
    ] = Format.markdown,
) -> None:
    """List the briefings kept in the store."""
    settings = _settings(db=str(db) if db else None)
    with Store(settings.db_path) as store:
        stored = store.briefings()
    if fmt is Format.json:
        typer.echo(json.dumps([asdict(s) for s in stored], ensure_ascii=False, indent=2))
        return
    if not stored:
        err.print(f"No briefings in {settings.db_path} yet: run `storyline brief PATH…` first.")
        return
    table = Table(title=f"Stories in {settings.db_path}", title_justify="left")
    for column in ("id", "title", "sources", "dates", "updated"):
        table.add_column(column, overflow="fold")
    for s in stored:
        dates = s.start if s.start == s.end else f"{s.start or '?'} → {s.end or '?'}"
        table.add_row(s.id, s.title, str(s.sources), dates if s.start else "", s.updated)
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
    """Print a stored briefing again, in any format."""
    settings = _settings(db=str(db) if db else None)
    with Store(settings.db_path) as store:
        briefing = store.briefing(story_id)
    _emit(briefing, fmt, output)


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
        err.print(f"[red]Error:[/] {exc}")
        sys.exit(2)
