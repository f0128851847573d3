"""The pipeline as a Ray Data job (`storyline batch`); needs the `ray` extra."""

from .job import BatchRun, run_batch

__all__ = ["BatchRun", "run_batch"]
