"""Text, HTML and JSON records → Articles: the converters every way in shares (files and
folders, feeds and pages, the server's intake), kept apart so none of those imports another.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
from collections.abc import Callable
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..clean import clean_text, split_headline
from ..errors import InputError, clip
from ..extraction import extract_html, outlet_from_url
from ..model import Article, Reject
from .charset import mb

log = logging.getLogger(__name__)

# What marks a body as HTML whatever its name or content type says.
HTML_SNIFF = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]"
    rb"|<p[\s>]|<div[\s>]",
    re.I,
)


def one_input(where: str, make: Callable[[], Article], stage: str = "read") -> Article | Reject:
    """The boundary of one input (a file, a record, a line, a page): whatever goes wrong while
    its article is made, its Reject says, and the inputs after it are read. A failure no check
    foresaw (a library's RecursionError, ValueError or UnicodeError on hostile input) gets one
    line naming the error; the log keeps its trace (-vv)."""
    try:
        return make()
    except InputError as exc:
        return Reject(exc.input, exc.stage, exc.reason)
    except Exception as exc:
        return unexpected(where, exc, stage)


def unexpected(where: str, exc: Exception, stage: str = "read") -> Reject:
    log.debug("%s: unexpected error", where, exc_info=True)
    return Reject(where, stage, f"unexpected error ({type(exc).__name__}: {clip(str(exc))})")


def parse_json(where: str, text: str, what: str = "JSON") -> Any:
    """`json.loads`, where every way it fails is an InputError: bad syntax, nesting past
    Python's recursion limit, an integer of more than 4,300 digits. Of a JSON line (`what`),
    the line's number already says where the syntax fails."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        detail = str(exc) if what == "JSON" else exc.msg
        raise InputError(where, f"invalid {what} ({detail})", stage="decode") from exc
    except (ValueError, RecursionError) as exc:
        detail = "nested too deeply" if isinstance(exc, RecursionError) else clip(str(exc))
        raise InputError(where, f"invalid {what} ({detail})", stage="decode") from exc


def publication_date(value: str | None, where: str) -> str | None:
    """A publication date as given, when it is an ISO 8601 date or date and time; an RFC 2822
    date (as feeds and HTTP give them) in ISO 8601; None, with a warning, for anything else,
    which would otherwise be stored and shown as the article's date."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if len(text) <= 40:  # the longest ISO 8601 or RFC 2822 date is shorter
        try:
            datetime.fromisoformat(text)
            return text
        except ValueError:
            pass
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    log.warning("%s: publication date %r is not a date; dropped", where, clip(text, 60))
    return None


def gunzip(name: str, data: bytes, max_bytes: int) -> bytes:
    """Gzipped data unpacked, refused past `max_bytes` so a small bomb cannot fill memory."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError(name, f"broken gzip data ({exc})") from exc
    if len(out) > max_bytes:
        raise InputError(name, f"decompresses to more than the limit of {mb(max_bytes)}")
    return out


def text_article(text: str, path: str | None = None, **meta: Any) -> Article:
    """A plain-text report: the first line is the title when it reads as a headline."""
    headline, body = split_headline(clean_text(text))
    if not body.strip():
        raise InputError(path or "<text>", "no article text after cleaning", stage="clean")
    if "published" in meta:
        meta["published"] = publication_date(meta["published"], path or "<text>")
    return Article(text=body, title=meta.pop("title", None) or headline, path=path, **meta)


def record_article(record: Any, where: str) -> Article:
    """One JSON object → Article: `text` or `body`, with `title`, `url`, `published`, `outlet`
    and `author` (a name, or a list of names or of objects with a `name`)."""
    if not isinstance(record, dict):
        raise InputError(where, "a JSON article must be an object", stage="decode")
    body = record.get("text") or record.get("body")
    if not isinstance(body, str) or not body.strip():
        raise InputError(where, "the record has no `text` or `body`", stage="decode")
    url = _str(record.get("url"))
    meta = {
        "title": _str(record.get("title")),
        "url": url,
        "published": _str(record.get("published") or record.get("date")),
        "outlet": _str(record.get("outlet") or record.get("source")) or outlet_from_url(url),
        "author": author_text(record.get("author") or record.get("authors")),
    }
    if HTML_SNIFF.search(body[:4096].encode("utf-8", "replace")):
        return html_article(body, where, meta)
    return text_article(body, path=where, **meta)


def html_article(html: str, where: str, meta: dict[str, str | None]) -> Article:
    """An HTML page given with metadata of its own: what the metadata states wins over what
    the page says."""
    article = extract_html(html, url=meta.get("url"), source=where)
    meta = {**meta, "published": publication_date(meta.get("published"), where)}
    for key, value in meta.items():
        if value:
            setattr(article, key, value)
    return article


def author_text(value: Any) -> str | None:
    """A JSON author field as storyline keeps it: names joined with "; "."""
    items = value if isinstance(value, list) else [value]
    names = [_str(v.get("name") if isinstance(v, dict) else v) for v in items]
    return "; ".join(n for n in names if n) or None


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None
