"""A brief's BLAS threads: limited within the block, as they were after it."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
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


def _openblas_threads_after_import(environ: dict[str, str]) -> str:
    code = (
        "import storyline.pipeline\n"
        "from threadpoolctl import threadpool_info\n"
        "from storyline import blas\n"
        "def threads():\n"
        "    return {i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'}\n"
        "before = threads()\n"
        "with blas.limited(2):\n"
        "    within = threads()\n"
        "print(sorted(before), sorted(within))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"} | environ
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="OpenBLAS runs no more threads than cores")
def test_openblas_starts_on_one_thread_unless_the_environment_says_otherwise() -> None:
    # No idle thread per core beside the process; `threads` can still ask for more.
    assert _openblas_threads_after_import({}) == "[1] [2]"
    assert _openblas_threads_after_import({"OPENBLAS_NUM_THREADS": "2"}) == "[2] [2]"
