"""The command line's shared options and arguments, defined once, and what they parse."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .console import Format

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


InputsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders, globs, WARC files, - for standard input, or http(s) URLs of "
        "pages, RSS/Atom feeds and sitemaps.",
        show_default=False,
    ),
]
MaxBytesOption = Annotated[
    int | None, typer.Option(help="Skip inputs larger than this [default: 10 MB].")
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Fetch from private, loopback and link-local addresses too (an intranet, a test "
        "server; env STORYLINE_ALLOW_PRIVATE).",
    ),
]


BriefOption = Annotated[
    bool,
    typer.Option(
        "--brief/--no-brief",
        help="Brief the stories the articles joined before exiting, so that `storyline serve` "
        "shows them at once (--no-brief: leave that to the server, for a large pile).",
    ),
]


class ArticleFormat(StrEnum):
    text = "text"
    json = "json"


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$", re.I)


def seconds(value: str) -> float:
    """ "30s", "10m", "1h" (or a bare number of seconds) → seconds."""
    match = _DURATION.match(value)
    if not match or float(match.group(1)) <= 0:
        raise typer.BadParameter(f"{value!r} is not a duration; use e.g. 30s, 10m or 1h")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2).lower()]


def check_duration(value: str) -> str:
    seconds(value)  # fails with a usage error naming --every
    return value
