"""storyline: many news reports of the same events in, one verified briefing per story out.

    >>> import storyline
    >>> for briefing in storyline.brief(["a.html", "b.txt", "c.html"]):
    ...     print(briefing.to_markdown())

The calls (`brief`, `ingest`, `stories`, `story`, `extract`) live in `storyline.api`; the
records they return in `storyline.model`. Names load on first use, so `import storyline` stays
cheap for a command that needs none of them.
"""

import importlib
import logging
import os
from typing import Any

__version__ = "0.1.0"

# OpenBLAS starts with one thread: storyline's products run on the `threads` setting's threads
# (1 unless set), raised where a brief asks for more (`storyline.blas`). Left to start a thread
# per core, it keeps them idle beside the process all along, and a process of several threads
# pays for them in every lock: spaCy's entity recogniser, which takes the GIL for each parser
# state, reads a story about 15% slower. Only before numpy loads; the environment's value wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

logging.getLogger(__name__).addHandler(logging.NullHandler())

_EXPORTS = {
    "brief": "api",
    "ingest": "api",
    "stories": "api",
    "story": "api",
    "extract": "api",
    "Article": "model",
    "Briefing": "model",
    "Reject": "model",
    "Settings": "settings",
    "load_settings": "settings",
    "Store": "store",
    "StorylineError": "errors",
    "InputError": "errors",
    "NothingToBrief": "errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
