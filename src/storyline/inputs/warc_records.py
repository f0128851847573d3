"""warcio's record iterator with bounds, so a hostile web archive costs little before it is refused.

warcio reads each header line whole, however long: a gzipped file of 5 MB whose one "line" unpacks
to 5 GB fills memory, and a 20 MB file of junk is read to its end before warcio gives up and puts
that "first line" into its error message. Here a run of header lines (a record's WARC and HTTP
headers, or the blank lines between records) stops at MAX_HEADER_BYTES, and warcio's own
warning, which it writes to stderr with the offending line, is silenced: the reader reports.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.utils import BUFF_SIZE

# Real WARC and HTTP headers take a few kilobytes (a long Set-Cookie or Content-Security-Policy
# some tens); a megabyte of header lines is junk or a bomb.
MAX_HEADER_BYTES = 1_000_000


class HeaderTooLong(ValueError):
    """A run of header lines longer than MAX_HEADER_BYTES."""


class _BoundedReader(DecompressingBufferedReader):
    """Counts the bytes of consecutive `readline` calls (headers) since the last `read` (a
    record's block) and refuses a run past MAX_HEADER_BYTES."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream, block_size=BUFF_SIZE)
        self.header_bytes = 0

    def readline(self, length: int | None = None) -> bytes:
        room = MAX_HEADER_BYTES - self.header_bytes + 1
        line = super().readline(room if length is None else min(length, room))
        self.header_bytes += len(line)
        if self.header_bytes > MAX_HEADER_BYTES:
            raise HeaderTooLong(f"headers longer than {MAX_HEADER_BYTES:,} bytes")
        return line

    def read(self, length: int | None = None) -> bytes:
        self.header_bytes = 0
        return super().read(length)


class BoundedArchive(ArchiveIterator):
    """`ArchiveIterator` over a reader whose header lines are bounded."""

    INC_RECORD = ""  # warcio's warning, written raw to stderr with the line it found

    def __init__(self, stream: BinaryIO, **options: Any) -> None:
        super().__init__(stream, **options)
        self.reader = _BoundedReader(self.fh)  # nothing is read before the first record
