"""Hostile inputs: web archives that unpack far beyond their size, junk, and inputs that used to
end a run with a traceback. Each gets one bounded line, and the rest of the batch is stored."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from pathlib import Path

from conftest import STORY, run_cli
from storyline.inputs.charset import decode

MB = 1_000_000


def _gzip(parts: Iterable[bytes]) -> bytes:
    """One gzip member of `parts`, compressed as they come (a bomb never sits in memory)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(packer.compress(p) for p in parts) + packer.flush()


def _response_head(length: int) -> bytes:
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/a\r\n"
        b"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(length).encode() + b"\r\n\r\n"
    )


def _bomb_page(megabytes: int) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = _response_head(len(http) + megabytes * MB) + http
    return _gzip([head, *(b"a" * MB for _ in range(megabytes)), b"\r\n\r\n"])


def _bomb_header(megabytes: int) -> bytes:
    head = _response_head(megabytes * MB + 100) + b"HTTP/1.1 200 OK\r\nX-Long: "
    return _gzip([head, *(b"a" * MB for _ in range(megabytes))])


def test_web_archive_bombs_and_junk_get_one_short_line_each(tmp_path: Path, db: Path) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "page.warc.gz").write_bytes(_bomb_page(50))  # 50 MB of page in 50 KB
    (pile / "header.warc.gz").write_bytes(_bomb_header(20))  # one header line of 20 MB
    (pile / "junk.warc").write_bytes(b"x" * 3 * MB)  # no line end in sight
    (pile / "report.txt").write_text((STORY / "harbour-gazette.txt").read_text())
    ran = run_cli("ingest", str(pile), db=db)
    assert ran.code == 1, ran.stderr
    assert "Ingested 1 new articles" in ran.stderr
    lines = ran.stderr.splitlines()
    skipped = {line.split(":")[0].removeprefix("skipped "): line for line in lines[:-1]}
    assert set(skipped) == {str(pile / n) for n in ("page.warc.gz", "header.warc.gz", "junk.warc")}
    assert (
        "record 1 unpacks to 50.0 MB, more than the 10.0 MB limit"
        in skipped[str(pile / "page.warc.gz")]
    )
    assert "headers longer than 1,000,000 bytes" in skipped[str(pile / "header.warc.gz")]
    assert all(len(line) < 400 for line in lines), "an echoed value must be cut short"


def test_inputs_that_used_to_crash_a_run_are_skipped_and_the_rest_stored(
    tmp_path: Path, db: Path
) -> None:
    report = (STORY / "harbour-gazette.txt").read_text()
    good = tmp_path / "good.txt"
    good.write_text(report)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 1_000_000 + "]" * 1_000_000)
    lines = [
        "[" * 100_000 + "]" * 100_000,
        '{"text": "a", "n": ' + "9" * 5_000 + "}",
        json.dumps(
            {
                "title": "Bridge",
                "text": report.replace("Vellhaven", "Ostmark"),
                "url": "http://[::1",
            }
        ),
    ]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(lines) + "\n")
    page = tmp_path / "idna.html"
    page.write_bytes(
        b'<html><head><meta charset="idna"></head><body><p>Caf\xe9 owners said so.</p></body>'
    )
    ran = run_cli("ingest", str(good), str(deep), str(mixed), str(page), db=db)
    assert ran.code == 1, ran.stderr
    assert "Traceback" not in ran.stderr
    assert "Ingested 3 new articles" in ran.stderr  # the page is read in the charset it has
    assert f"skipped {deep}: invalid JSON (nested too deeply)" in ran.stderr
    assert f"skipped {mixed}:1: invalid JSON line (nested too deeply)" in ran.stderr
    assert f"skipped {mixed}:2: invalid JSON line (Exceeds the limit (4300 digits)" in ran.stderr


def test_a_charset_that_cannot_decode_falls_back() -> None:
    assert decode("Café".encode(), "text/html; charset=idna") == "Café"
    assert decode(b'<meta charset="idna"><p>Caf\xc3\xa9</p>', None).endswith("Café</p>")
