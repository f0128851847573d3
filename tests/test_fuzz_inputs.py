"""Property-based fuzzing of every reader and of cleaning: whatever the bytes, a reader gives
Articles and Rejects (the server: articles or a 4xx), never an exception. The number of examples
is bounded so `make test` stays quick; `HYPOTHESIS_PROFILE=long` runs many more."""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("hypothesis", reason="hypothesis comes with the dev extra: make setup")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.exceptions import HTTPException

from storyline.clean import clean_text
from storyline.inputs.charset import decode
from storyline.inputs.files import read_inputs
from storyline.model import Article, Reject
from storyline.server.intake import Body, articles_from

settings.register_profile(
    "bounded",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("long", parent=settings.get_profile("bounded"), max_examples=2_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "bounded"))

SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".txt.gz", ".json.gz", ".warc", ".warc.gz"]

# Pieces that reach the odd corners of the readers: markup, charsets, JSON keys, WARC headers.
FRAGMENTS = [
    "<html>", "<p>", "</p>", "<meta charset=\"idna\">", "<meta charset=utf-16>", "<script>",
    "<article>", "<!--", "]]>", "&#0;", "&#xD800;", "\x00", "\ufeff", "\u202e", "\x1b[31m",
    '{"text": "', '"url": "http://[::1', '"published": "', "[[[[", "9" * 50, "\r\n",
    "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9\r\n\r\n", "HTTP/1.1 200 OK\r\n",
    "Photo: Reuters", "“", "”", "«", "…", "\n\n", " said.", "Mr.", "2020-09-14",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30).map(
    "".join
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {},
    optional={
        key: json_values | texts
        for key in ("text", "body", "html", "title", "url", "published", "outlet", "author")
    },
)
raw = st.one_of(
    st.binary(max_size=2_000),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
    st.lists(records, max_size=3).map(lambda r: json.dumps(r).encode()),
    records.map(lambda r: json.dumps(r).encode()),
)


def _only_articles_and_rejects(items: list[Any]) -> None:
    assert all(isinstance(item, Article | Reject) for item in items), items
    for item in items:
        if isinstance(item, Reject):
            assert item.reason and len(item.reason) < 1_000


@given(data=raw, suffix=st.sampled_from(SUFFIXES), packed=st.booleans())
def test_every_file_reader_gives_articles_or_rejects(
    data: bytes, suffix: str, packed: bool
) -> None:
    if packed:  # unpacked, a ".gz" file is one that lies about its packing
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        _only_articles_and_rejects(list(read_inputs([str(path)], max_bytes=100_000)))


@given(data=raw)
def test_standard_input_gives_articles_or_rejects(data: bytes) -> None:
    _only_articles_and_rejects(list(read_inputs(["-"], 100_000, stdin=io.BytesIO(data))))


@given(
    data=raw,
    media=st.sampled_from(["application/json", "text/html", "text/plain"]),
    charset=st.sampled_from([None, "utf-8", "idna", "utf-16", "latin-1", "nonsense"]),
    url=st.one_of(st.none(), texts),
)
def test_server_intake_gives_articles_or_a_4xx(
    data: bytes, media: str, charset: str | None, url: str | None
) -> None:
    try:
        made = articles_from(Body(media, charset, data), {"url": url})
    except HTTPException as exc:
        assert 400 <= exc.status_code < 500
    else:
        assert all(isinstance(a, Article) for a in made)


@given(data=st.binary(max_size=2_000), header=st.one_of(st.none(), texts))
def test_decoding_a_page_gives_text(data: bytes, header: str | None) -> None:
    assert isinstance(decode(data, header), str)


@given(text=texts)
def test_cleaning_gives_text(text: str) -> None:
    assert isinstance(clean_text(text), str)
