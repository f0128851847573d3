"""Objects built once from installed packages, kept in the user's cache directory.

Files are written to a temporary name and renamed, so a reader never sees half a file; a file
that cannot be read is reported as absent, and the caller builds the object again. Callers key
the file name by the versions the object depends on.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

APP_NAME = "storyline"
# Bump when the layout changes: an old file then fails the check and is rebuilt.
MAGIC = b"storyline-cache1"


def cache_dir() -> Path:
    """`<user cache dir>/storyline` ($XDG_CACHE_HOME/storyline, usually ~/.cache/storyline)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME))


def save(path: Path, obj: Any) -> None:
    """Pickle `obj` to `path`; a failure is logged, not raised (a cache is optional)."""
    _write(path, [MAGIC, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)])


def load(path: Path) -> Any | None:
    """The object saved at `path`, or None when there is none or it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        log.warning("ignoring the cache file %s: not one of ours", path)
        return None
    try:
        return pickle.loads(memoryview(data)[len(MAGIC) :])
    except Exception as exc:  # a damaged pickle may fail in many ways: rebuild instead
        log.warning("ignoring the unreadable cache file %s: %s", path, exc)
        return None


class Rows:
    """A 2-D array left in its file; `rows[ids]` reads just those rows.

    For a large table of which a run uses a few scattered rows: mapping the file instead would
    cost most of it in memory, as the kernel maps the pages around each one touched.
    """

    def __init__(self, path: Path, shape: tuple[int, int], dtype: np.dtype) -> None:
        self.shape, self.dtype = shape, np.dtype(dtype)
        self._width = shape[1] * self.dtype.itemsize
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - open for the object's life
        if os.fstat(self._file.fileno()).st_size != shape[0] * self._width:
            self._file.close()
            raise ValueError(f"not a {shape} {self.dtype} array")

    def __getitem__(self, ids: np.ndarray) -> np.ndarray:
        unique, inverse = np.unique(ids, return_inverse=True)
        out = np.empty((len(unique), self.shape[1]), dtype=self.dtype)
        fd = self._file.fileno()
        for n, row in enumerate(unique.tolist()):
            if os.preadv(fd, [out[n]], row * self._width) != self._width:
                raise OSError(f"short read of row {row} of {self._file.name}")
        return out[inverse]


def save_rows(path: Path, array: np.ndarray) -> None:
    """Write a 2-D array's raw rows for `Rows`; a failure is logged, not raised."""
    _write(path, [np.ascontiguousarray(array).data])


def load_rows(path: Path, shape: tuple[int, int], dtype: np.dtype) -> Rows | None:
    """The rows saved at `path`, or None when there are none or not of this shape."""
    try:
        return Rows(path, shape, dtype)
    except (OSError, ValueError) as exc:
        if path.exists():
            log.warning("ignoring the cache file %s: %s", path, exc)
        return None


def _write(path: Path, chunks: Iterable[bytes | memoryview]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        log.warning("could not write the cache file %s: %s", path, exc)
