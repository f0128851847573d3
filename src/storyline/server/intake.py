"""A POSTed request body → Articles, then into the store; their stories are briefed after.

Bodies: JSON (one object, a list, or `{"articles": [...]}`; each object with `text`, `body` or
`html`, and optional `title`, `url`, `published`, `outlet`, `author`), raw `text/html`, or
`text/plain` (the metadata then comes from the query string).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException

from ..errors import InputError, clip
from ..extraction import outlet_from_url
from ..inputs.charset import encoding_of
from ..inputs.convert import (
    author_text,
    html_article,
    one_input,
    parse_json,
    record_article,
    text_article,
)
from ..model import Article, Reject
from ..settings import Settings
from .deps import Stores

log = logging.getLogger(__name__)

META = ("title", "url", "published", "outlet", "author")
JSON_TYPES = {"application/json"}
MAX_ARTICLES = 1000  # per request: one request holds the pipeline for its whole ingest
FORMATS = "JSON (application/json), HTML (text/html) or plain text (text/plain)"


@dataclass(frozen=True, slots=True)
class Body:
    media_type: str
    charset: str | None
    data: bytes


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    media, *params = (header or "").split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media.strip().lower(), charset


def articles_from(body: Body, meta: dict[str, str | None]) -> list[Article]:
    """The articles of a request body; HTTPException 400/415/422 saying what is wrong."""
    if not body.data.strip():
        raise HTTPException(400, f"the request body is empty; send {FORMATS}")
    media = body.media_type
    if media in JSON_TYPES or media.endswith("+json"):
        return _from_json(_decode(body))
    if media == "text/html":
        html = _decode(body)
        return [_guard("the HTML body", lambda: html_article(html, "api", meta))]
    if media == "text/plain":
        text = _decode(body)
        return [_guard("the text body", lambda: _from_text(text, meta))]
    raise HTTPException(415, f"cannot ingest a body of type {media or 'unknown'!r}; send {FORMATS}")


def _decode(body: Body) -> str:
    """A declared charset is the client's word and is held to it; an HTML or text body that
    declares none is read as files and fetched pages are (`charset.encoding_of`)."""
    if body.charset is None and body.media_type in ("text/html", "text/plain"):
        codec = encoding_of(body.data)
        if codec is None:
            raise HTTPException(400, "the body is binary, not text or HTML")
        return body.data.decode(codec, "replace")
    try:
        return body.data.decode(body.charset or "utf-8")
    except LookupError as exc:
        raise HTTPException(400, f"unknown charset {clip(body.charset or '')!r}") from exc
    except UnicodeError as exc:  # "idna" fails with a UnicodeError that names no byte
        where = f" (byte {exc.start})" if isinstance(exc, UnicodeDecodeError) else ""
        raise HTTPException(
            400, f"the body is not valid {clip(body.charset or 'UTF-8')} text{where}"
        ) from exc


def _from_json(text: str) -> list[Article]:
    try:
        data = parse_json("the body", text)
    except InputError as exc:
        raise HTTPException(400, exc.reason) from exc
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    if not records:
        raise HTTPException(422, "the JSON body holds no article")
    if len(records) > MAX_ARTICLES:
        raise HTTPException(
            400, f"{len(records)} articles in one request; send at most {MAX_ARTICLES} at once"
        )
    out = []
    for number, record in enumerate(records, 1):
        where = "api" if len(records) == 1 else f"api:{number}"
        label = "the article" if len(records) == 1 else f"article {number}"
        out.append(_guard(label, lambda r=record, w=where: _from_record(r, w)))
    return out


def _from_record(record: Any, where: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(where, "a JSON article must be an object", stage="decode")
    has_text = any(isinstance(record.get(k), str) and record[k].strip() for k in ("text", "body"))
    html = record.get("html")
    if not has_text and isinstance(html, str) and html.strip():
        meta = {k: _text(record.get(k)) for k in META}
        meta["author"] = author_text(record.get("author") or record.get("authors"))
        return html_article(html, where, meta)
    if not has_text:
        raise InputError(where, "the article has no `text`, `body` or `html`", stage="decode")
    return record_article(record, where)


def _from_text(text: str, meta: dict[str, str | None]) -> Article:
    given = {k: v for k, v in meta.items() if v}
    if "outlet" not in given and (outlet := outlet_from_url(given.get("url"))):
        given["outlet"] = outlet
    return text_article(text, path="api", **given)


def _guard(label: str, make: Callable[[], Article]) -> Article:
    """The boundary of one article of a request: whatever goes wrong is a 422 naming it."""
    made = one_input(label, make)
    if isinstance(made, Reject):
        raise HTTPException(422, f"{label} cannot be used: {made.reason}")
    return made


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value).strip() or None


def ingest_and_queue(articles: list[Article], settings: Settings, stores: Stores) -> dict:
    """Store the articles, each joining a story, then queue every story they joined for the
    background briefer (single-article stories too): the request answers once the articles are
    stored, and pages show each story's latest briefing until the new one is made.

    Returns `{"articles": [{"id", "story", "new"}], "stories": [keys]}` (runs in a worker
    thread, holding the pipeline lock while it ingests).
    """
    from ..pipeline import ingest_parsed

    hashes = list(dict.fromkeys(a.content_hash for a in articles))
    with stores.work, stores.open() as store:
        stored = store.articles_by_hash(hashes)
        run = ingest_parsed(articles, settings, store)
        keys = [store.story_key(story) for story in run.stories]
        ids = store.articles_by_hash(hashes)
    stores.briefer.submit(keys)  # a story whose briefing is current is left as it is
    placed = [
        {"id": ids[h][0], "story": ids[h][1], "new": h not in stored} for h in hashes if h in ids
    ]
    return {"articles": placed, "stories": keys}
