"""What the commands show a person: progress bars on stderr, briefings and articles on stdout
or in files, and one line per skipped input."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from .errors import StorylineError
from .model import Article, Briefing, Reject

if TYPE_CHECKING:  # what only some commands use is imported where they use it
    from rich.progress import Progress

err = Console(stderr=True, soft_wrap=True, highlight=False)

# Characters that must not reach a terminal raw from an input's name or text: controls (a
# newline forges a second line, ESC starts a terminal command), and bidirectional overrides
# and line separators that reorder or break what the line shows.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(value: object) -> str:
    """An untrusted value (an input's name, a URL, a reason that quotes a file) for `err.print`:
    on one line, unprintable characters written as escapes ("\\n", "\\x1b"), Rich markup
    escaped, so "a[/x].txt" and "[bold]missing.txt" print as they are named."""
    text = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), str(value))
    return escape(text)


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"


class RichProgress:
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


@contextmanager
def progress_bars(quiet: bool) -> Iterator[RichProgress | None]:
    """Progress bars on stderr for a person at a terminal; nothing when piped or --quiet."""
    if quiet or not sys.stdout.isatty() or not err.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    with bars:
        yield RichProgress(bars)


def report_rejects(rejects: list[Reject]) -> None:
    for reject in rejects:
        err.print(f"[yellow]skipped[/] {shown(reject.input)}: {shown(reject.reason)}")


def emit_briefings(briefings: list[Briefing], fmt: Format, output: Path | None) -> None:
    """Print or write briefings: one object, or JSON lines / Markdown sections / HTML files (one
    per story in a folder, for several stories or when -o names a folder)."""
    from .render import render

    if output is not None and output.is_dir() and fmt is not Format.html:
        raise StorylineError(f"{output} is a folder: give a file for {fmt.value} output with -o")
    if fmt is Format.html and (len(briefings) > 1 or (output is not None and output.is_dir())):
        if output is None:
            raise StorylineError(
                f"{len(briefings)} stories make {len(briefings)} HTML files: "
                "give a folder for them with -o FOLDER"
            )
        output.mkdir(parents=True, exist_ok=True)
        for b in briefings:
            (output / f"{b.story.id}.html").write_text(render(b, "html"), encoding="utf-8")
        return
    if fmt is Format.json and len(briefings) > 1:
        text = "\n".join(json.dumps(b.to_dict(), ensure_ascii=False) for b in briefings)
    else:
        text = "\n\n---\n\n".join(render(b, fmt.value) for b in briefings)
    if output is not None:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    elif fmt is Format.markdown and sys.stdout.isatty():
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit_articles(articles: list[Article], as_json: bool, output: Path | None) -> None:
    """Articles as their text (title first, articles apart by a rule) or as JSON lines with
    their metadata, the way an extractor's command prints them."""
    if as_json:
        rows = [{**asdict(a), "words": a.words} for a in articles]
        text = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    else:
        text = "\n\n---\n\n".join(f"{a.title}\n\n{a.text}" if a.title else a.text for a in articles)
    text = text if text.endswith("\n") else text + "\n"
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
