"""A brief's BLAS threads: limited within the block, as they were after it."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info

from storyline import blas


def _blas_threads() -> set[int]:
    return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}


def test_blas_runs_on_the_threads_set_within_the_block_only() -> None:
    np.ones((2, 2)) @ np.ones((2, 2))  # numpy's BLAS is loaded
    before = _blas_threads()
    assert before
    with blas.limited(1):
        assert _blas_threads() == {1}
        product = np.arange(6.0).reshape(2, 3) @ np.arange(6.0).reshape(3, 2)
    assert product.tolist() == [[10.0, 13.0], [28.0, 40.0]]
    assert _blas_threads() == before
