"""Inputs → Articles: files, folders, globs, standard input, and (through `inputs.web`) URLs.

Every input yields either an `Article` or a `Reject` naming the input and the reason, so one bad
file never stops a batch.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import select
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..extraction import extract_html
from ..model import Article, Reject
from ..settings import Settings
from .charset import encoding_of, mb
from .convert import (
    HTML_SNIFF,
    gunzip,
    one_input,
    parse_json,
    record_article,
    text_article,
    unexpected,
)

log = logging.getLogger(__name__)

# Suffixes read when walking a folder; a file named explicitly is read whatever its suffix.
ARTICLE_SUFFIXES = {
    ".txt",
    ".md",
    ".markdown",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".gz",
    ".warc",  # web archives; ".warc.gz" comes in as ".gz"
}
# Project files that sit beside articles in a folder and are not reports.
_NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|copying)(\..*)?$", re.I)
_GLOB_CHARS = re.compile(r"[*?\[]")
_URL = re.compile(r"^https?://", re.I)
# Seconds a named pipe's writer has to start writing before the pipe is skipped.
PIPE_WAIT = 10.0

Item = Article | Reject


def read_inputs(
    inputs: Iterable[str],
    max_bytes: int,
    stdin: BinaryIO | None = None,
    settings: Settings | None = None,
) -> Iterator[Item]:
    """Yield an Article or a Reject for every article found in `inputs`, in order.

    http(s) URLs (pages, feeds, sitemaps) are fetched by `inputs.web` with `settings`' fetch
    options; consecutive URLs are fetched together, concurrently.
    """
    settings = replace(settings or Settings(), max_bytes=max_bytes)
    fetcher = None
    urls: list[str] = []
    try:
        for name in [*inputs, None]:
            if name is not None and _URL.match(name):
                urls.append(name)
                continue
            if urls:
                from .feeds import read_urls  # lazy: only a run that fetches loads httpx
                from .web import Fetcher

                fetcher = fetcher or Fetcher(settings)
                yield from read_urls(urls, settings, fetcher)
                urls = []
            if name is not None:
                yield from _read_local(name, max_bytes, stdin)
    finally:
        if fetcher is not None:
            fetcher.close()


def _read_local(name: str, max_bytes: int, stdin: BinaryIO | None) -> Iterator[Item]:
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from _guard("-", lambda s=stream: _read_stream(s, max_bytes))
        return
    path = Path(name).expanduser()
    if path.is_dir():
        for file in walk(path):
            yield from _guard(str(file), lambda f=file: _read_path(f, max_bytes))
    elif path.exists():
        yield from _guard(name, lambda p=path: _read_path(p, max_bytes))
    elif _GLOB_CHARS.search(name):
        matches = sorted(glob.glob(name, recursive=True))
        if not matches:
            yield Reject(name, "read", "the pattern matches no file")
        for match in matches:
            yield from _read_local(match, max_bytes, stdin)
    else:
        yield Reject(name, "read", "no such file or folder")


def _read_path(path: Path, max_bytes: int) -> Iterator[Item]:
    """A file: a web archive record by record (whatever its size), anything else whole."""
    from .warc import is_warc, read_warc

    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        yield from _read_special(path, mode, max_bytes)
    elif is_warc(path):
        yield from read_warc(path, max_bytes)
    else:
        yield from _read_file(path, max_bytes)


def _read_special(path: Path, mode: int, max_bytes: int) -> Iterator[Item]:
    """A named pipe (or /dev/stdin fed by one): at most `max_bytes` + 1 bytes, as they come.
    Anything else that is not a regular file (a device, a socket) is refused: its size says
    nothing of what reading it would give (/dev/zero never ends)."""
    from .warc import is_warc

    name = str(path)
    if not stat.S_ISFIFO(mode):
        kind = "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"
        raise InputError(name, f"{kind}, not a file to read; save it to a file first")
    if is_warc(path):
        raise InputError(name, "a pipe: web archives are read from regular files only")
    # Opened without blocking, so that a pipe nobody writes to cannot hang the run: its writer
    # gets PIPE_WAIT seconds to start, then it is read blocking, as fast as the writer goes.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with open(fd, "rb") as stream:
        waiting = select.poll()
        waiting.register(fd, select.POLLIN)
        if not waiting.poll(PIPE_WAIT * 1000):
            raise InputError(name, f"a named pipe nothing was written to within {PIPE_WAIT:g} s")
        os.set_blocking(fd, True)
        data = stream.read(max_bytes + 1)
    if not data:
        raise InputError(name, "empty file")
    if len(data) > max_bytes:
        raise InputError(name, f"a pipe that gives more than the limit of {mb(max_bytes)}")
    yield from _parse_by_name(path, data, max_bytes)


def walk(folder: Path) -> Iterator[Path]:
    for file in sorted(folder.rglob("*")):
        relative = file.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not file.is_file():
            continue
        if _NOT_ARTICLES.match(file.name) or file.suffix.lower() not in ARTICLE_SUFFIXES:
            log.debug("skipping %s: not an article file", file)
            continue
        yield file


def _guard(name: str, read: Any) -> Iterator[Item]:
    """Run one input's reader, turning its InputError or OSError into a Reject."""
    try:
        yield from read()
    except InputError as exc:
        yield Reject(exc.input, exc.stage, exc.reason)
    except OSError as exc:
        yield Reject(name, "read", exc.strerror or str(exc))
    except Exception as exc:  # the one boundary of a file: see `one_input`
        yield unexpected(name, exc)


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    name = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            name,
            f"file too large ({mb(size)}, the limit is {mb(max_bytes)}; "
            "raise it with --max-bytes or STORYLINE_MAX_BYTES)",
        )
    with path.open("rb") as stream:  # bounded: the file may have grown since its size was read
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(name, f"file too large (more than the limit of {mb(max_bytes)})")
    yield from _parse_by_name(path, data, max_bytes)


def _parse_by_name(path: Path, data: bytes, max_bytes: int) -> Iterator[Item]:
    """The input's bytes, read as its suffixes say (unpacked first when gzipped)."""
    name = str(path)
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        data = gunzip(name, data, max_bytes)
        suffixes = suffixes[:-1]
    yield from _parse(name, data, suffixes[-1] if suffixes else "")


def _read_stream(stream: BinaryIO, max_bytes: int) -> Iterator[Item]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError("-", f"standard input is larger than the limit of {mb(max_bytes)}")
    yield from _parse("-", data, "")


def _parse(name: str, data: bytes, suffix: str) -> Iterator[Item]:
    if not data.strip():
        raise InputError(name, "empty file")
    text = _decode(name, data)
    if suffix in {".json", ".jsonl", ".ndjson"}:
        yield from _parse_json(name, text, suffix)
    elif suffix in {".html", ".htm", ".xhtml"} or HTML_SNIFF.search(text[:4096].encode()):
        yield extract_html(text, source=name)
    else:
        yield text_article(text, path=name)


def _decode(name: str, data: bytes) -> str:
    """A file's text in the encoding fetched pages are read in (`charset.encoding_of`)."""
    codec = encoding_of(data)
    if codec is None:
        raise InputError(name, "binary file, not text, HTML or JSON", stage="decode")
    return data.decode(codec, "replace")


def _parse_json(name: str, text: str, suffix: str) -> Iterator[Item]:
    if suffix == ".json":
        data = parse_json(name, text)
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        records = data if isinstance(data, list) else [data]
        located = [(f"{name}:{number}", record) for number, record in enumerate(records, 1)]
        for where, record in located:
            yield one_input(where, lambda r=record, w=where: record_article(r, w))
        return
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            where = f"{name}:{number}"
            yield one_input(
                where, lambda w=where, t=line: record_article(parse_json(w, t, "JSON line"), w)
            )
