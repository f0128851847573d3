"""The inputs of a batch job, listed on the driver and read one file per task.

Local paths, folders and globs are read by the same readers as `storyline ingest`; any other
`scheme://` path is a file system pyarrow knows (s3://, gs://, hdfs://): its files are listed
through pyarrow and each is copied in chunks to a temporary file of the task, so a WARC of any
size streams through and is never held in memory whole.
"""

from __future__ import annotations

import glob
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from ..inputs.files import read_inputs, walk
from ..model import Article, Reject
from ..settings import Settings

_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_WEB = re.compile(r"^https?://", re.I)
CHUNK = 1 << 20


def list_units(inputs: list[str]) -> list[dict[str, Any]]:
    """One row per file to read, in input order, or per input that cannot be listed (it is
    read anyway, and its reader rejects it with the reason)."""
    units: list[str] = []
    for name in inputs:
        if _WEB.match(name):
            units.append(name)  # rejected by read_unit: pages and feeds are `ingest`'s work
        elif _REMOTE.match(name):
            units += _remote_files(name)
        elif Path(name).expanduser().is_dir():
            units += [str(p) for p in walk(Path(name).expanduser())]
        elif not Path(name).exists() and glob.has_magic(name):
            units += sorted(glob.glob(name, recursive=True)) or [name]
        else:
            units.append(name)
    return [{"unit": n, "input": name} for n, name in enumerate(units)]


def read_unit(row: dict[str, Any], settings: Settings) -> Iterator[dict[str, Any]]:
    """The articles and rejects of one file, as rows numbered in reading order."""
    name = row["input"]
    if _WEB.match(name):
        rows = [Reject(name, "read", "the batch job reads files; fetch URLs with `ingest`")]
    elif _REMOTE.match(name):
        rows = _read_remote(name, settings)
    else:
        rows = read_inputs([name], settings.max_bytes, settings=settings)
    for item, found in enumerate(rows):
        yield {"unit": row["unit"], "item": item, **_as_row(found)}


def article_of(row: dict[str, Any]) -> Article:
    return Article(
        text=row["text"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        author=row["author"],
        path=row["path"],
    )


def _as_row(item: Article | Reject) -> dict[str, Any]:
    if isinstance(item, Reject):
        return {
            "kind": "reject",
            "path": item.input,
            "stage": item.stage,
            "reason": item.reason,
            **dict.fromkeys(("text", "title", "url", "outlet", "published", "author", "hash")),
        }
    return {
        "kind": "article",
        "text": item.text,
        "title": item.title,
        "url": item.url,
        "outlet": item.outlet,
        "published": item.published,
        "author": item.author,
        "path": item.path,
        "hash": item.content_hash,
        "stage": None,
        "reason": None,
    }


def _remote_files(uri: str) -> list[str]:
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(uri)
    info = filesystem.get_file_info(path)
    if info.type == fs.FileType.Directory:
        found = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
        scheme = uri.split("://", 1)[0]
        return sorted(f"{scheme}://{f.path}" for f in found if f.type == fs.FileType.File)
    return [uri]


def _read_remote(uri: str, settings: Settings) -> Iterator[Article | Reject]:
    from pyarrow import fs

    try:
        filesystem, path = fs.FileSystem.from_uri(uri)
        with tempfile.TemporaryDirectory() as folder:
            local = Path(folder) / PurePosixPath(path).name
            with filesystem.open_input_stream(path) as remote, local.open("wb") as copy:
                shutil.copyfileobj(remote, copy, CHUNK)
            for item in read_inputs([str(local)], settings.max_bytes, settings=settings):
                yield _renamed(item, str(local), uri)
    except (OSError, ValueError) as exc:  # pyarrow raises these for what it cannot open
        yield Reject(uri, "read", f"cannot read it: {exc}"[:300])


def _renamed(item: Article | Reject, local: str, uri: str) -> Article | Reject:
    if isinstance(item, Reject):
        return Reject(item.input.replace(local, uri), item.stage, item.reason)
    item.path = (item.path or local).replace(local, uri)
    return item
