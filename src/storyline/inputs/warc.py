"""WARC and WARC.gz files (web archives, e.g. CC-News) → Articles.

Only `response` records of HTML pages with a 2xx status are articles; requests, metadata,
revisits, redirects and images are skipped silently, as they are part of any crawl. A record's
`WARC-Target-URI` is the article's URL. Records stream one at a time, so a file of any size is
read in constant memory; `max_bytes` bounds each record's page instead of the file.

warcio does not always raise on a truncated file (a gzipped file cut mid-record just ends, an
uncompressed one returns a short body), so completeness is checked here: a record whose block is
shorter than its Content-Length, or a file whose records stop before its end, is broken, and the
rest of the file is rejected once while the records read before it are kept.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError, clip
from ..extraction import extract_html
from ..model import Article, Reject
from .charset import HTML_TYPES, decode, mb

log = logging.getLogger(__name__)

_CUT = Reject("", "read", "record cut short")  # a marker, never yielded
# What a gzipped record may unpack to beyond `max_bytes` (its WARC and HTTP headers); a record
# declaring more ends the file, as skipping it would cost unpacking it (a 5 MB file can hold 5 GB).
RECORD_HEADROOM = 1_000_000


def is_warc(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    return suffixes[-1:] == [".warc"] or suffixes == [".warc", ".gz"]


def read_warc(path: Path, max_bytes: int) -> Iterator[Article | Reject]:
    """Yield an Article or a Reject for every HTML response record, then one Reject if the file
    turns out to be broken or truncated."""
    from .warc_records import BoundedArchive

    name = str(path)
    count = 0
    size = path.stat().st_size
    with path.open("rb") as stream:
        records = BoundedArchive(stream)
        try:
            for record in records:
                count += 1
                if records.reader.decompressor and _declared(record) > max_bytes + RECORD_HEADROOM:
                    yield _unpacks_too_far(name, count, _declared(record), max_bytes)
                    return
                item = _record(record, f"{name}:{count}", max_bytes)
                if item is _CUT:
                    break
                if item is not None:
                    yield item
            else:
                if records.offset >= size:
                    return
                count += 1  # a gzipped record cut short vanishes without a word from warcio
        except Exception as exc:  # warcio's own, zlib's, a header past its bound: all end the file
            reason = clip(str(exc) or type(exc).__name__)
            yield Reject(name, "read", f"broken WARC after {count} records ({reason})")
            return
    yield Reject(name, "read", f"truncated WARC: it ends inside record {count}; the rest is lost")


def _declared(record: Any) -> int:
    """The length a record's header declares for its block (0 when absent or not a number)."""
    value = record.rec_headers.get_header("Content-Length") or ""
    return int(value) if value.isdigit() and len(value) < 20 else 0


def _unpacks_too_far(name: str, count: int, declared: int, max_bytes: int) -> Reject:
    """A gzipped record declaring more than any page may hold: reaching the records after it
    means unpacking all of it, so the file ends there."""
    return Reject(
        name,
        "read",
        f"record {count} unpacks to {mb(declared)}, more than the {mb(max_bytes)} limit allows; "
        f"the records after it are skipped",
    )


def _record(record: Any, where: str, max_bytes: int) -> Article | Reject | None:
    """One record → Article, Reject, or None when it is not an HTML page."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Reject(f"{where} ({url})", "read", f"page larger than the {mb(max_bytes)} limit")
    if getattr(record.raw_stream, "limit", 0) > 0:
        return _CUT  # the block is shorter than its Content-Length: the file ends here
    try:
        article = extract_html(decode(body, content_type), url=url, source=where)
    except InputError as exc:
        return Reject(f"{where} ({url})", exc.stage, exc.reason)
    article.url = url  # what was crawled, rather than a canonical link the page may declare
    return article
