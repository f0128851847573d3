"""Bytes of a fetched page, an archived page or a file → text, and sizes for messages."""

from __future__ import annotations

import codecs
import re

# The media types of an HTML page.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
# Labels browsers read as windows-1252 (WHATWG Encoding): servers say latin-1 and send cp1252.
_AS_CP1252 = {"latin_1", "iso8859-1", "ascii"}
# Python codecs that are no page's character set: they rewrite escapes (unicode-escape), refuse
# the "replace" handler a page is read with (idna, punycode), or are refused by browsers (UTF-7).
_NOT_CHARSETS = {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7"}


# Byte-order marks, UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def encoding_of(data: bytes, content_type: str | None = None) -> str | None:
    """The codec to read a page or a file with: a BOM, the HTTP charset, the page's meta charset,
    UTF-8, then charset_normalizer's guess; None for binary data (NUL bytes without a BOM, or
    bytes no encoding fits). UTF-8 is tried before guessing because a strict UTF-8 decode that
    succeeds is near-certain, while guesses on short pages are not."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    if b"\x00" in data[:8192]:
        return None
    declared = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        declared.append(m.group(1))
    if m := _META_CHARSET.search(data[:8192]):
        declared.append(m.group(1).decode("ascii", "replace"))
    for label in [*declared, "utf-8"]:
        try:
            codec = codecs.lookup(label).name
            if codec in _NOT_CHARSETS:
                continue
            codec = "cp1252" if codec in _AS_CP1252 else codec
            data.decode(codec)
            return codec
        except (LookupError, UnicodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None and best.encoding else None


def decode(data: bytes, content_type: str | None = None) -> str:
    """Bytes of a page → text, in the codec `encoding_of` finds (UTF-8 when it finds none)."""
    return data.decode(encoding_of(data, content_type) or "utf-8", "replace")


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
