"""Bytes of a fetched or archived page → text, and sizes for messages."""

from __future__ import annotations

import codecs
import re

# The media types of an HTML page.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
# Labels browsers read as windows-1252 (WHATWG Encoding): servers say latin-1 and send cp1252.
_AS_CP1252 = {"latin_1", "iso8859-1", "ascii"}


def decode(data: bytes, content_type: str | None) -> str:
    """Bytes of a page → text: a BOM, the HTTP charset, the page's meta charset, UTF-8, then
    charset_normalizer's guess. UTF-8 is tried before guessing because a strict UTF-8 decode that
    succeeds is near-certain, while guesses on short pages are not."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
        if data.startswith(bom) or (codec == "utf-16" and data.startswith(codecs.BOM_UTF16_BE)):
            return data.decode(codec, "replace")
    declared = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        declared.append(m.group(1))
    if m := _META_CHARSET.search(data[:8192]):
        declared.append(m.group(1).decode("ascii", "replace"))
    for label in [*declared, "utf-8"]:
        try:
            codec = codecs.lookup(label).name
            return data.decode("cp1252" if codec in _AS_CP1252 else codec)
        except (LookupError, UnicodeError):  # "idna" fails with a UnicodeError of its own
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, "replace")
    return data.decode("utf-8", "replace")


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
