"""Numpy's BLAS threads, limited to the `threads` setting for the whole of a brief.

Left to itself, OpenBLAS runs every matrix product on a thread per core. A brief's products are
small (a story's sentences against each other) and many: the threads cost more to start and wait
for than they save, and on a busy machine the wait grows with the load (a 176 × 512 product of a
story's sentence vectors took 10 ms on two threads, 0.6 ms on one).
"""

from __future__ import annotations

import contextlib
import functools
from contextlib import AbstractContextManager
from typing import Any


@functools.cache
def controller() -> Any | None:
    """threadpoolctl's view of the loaded BLAS libraries, built once (it inspects every loaded
    library); None where it cannot be built."""
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController()
    except Exception:  # an optional speed-up: the products run as they are without it
        return None


def limited(threads: int) -> AbstractContextManager[Any]:
    """A block within which BLAS runs on at most `threads` threads."""
    found = controller()
    return found.limit(limits=threads, user_api="blas") if found else contextlib.nullcontext()
