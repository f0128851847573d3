"""Storyline's exceptions. Messages name the input and say what to do about it."""

from __future__ import annotations

# Of a value a message echoes from its input (a line of a file, a parser's complaint about it),
# this many characters are shown: enough to recognise it, never a flood.
ECHO_CHARS = 200


def clip(value: str, limit: int = ECHO_CHARS) -> str:
    """`value` cut to `limit` characters, marked with "…" where cut."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


class StorylineError(Exception):
    """Base class: the CLI prints these as one `Error: …` line."""


class InputError(StorylineError):
    """One input could not be used. The pipeline turns these into `Reject` records."""

    def __init__(self, input: str, reason: str, stage: str = "read") -> None:
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason
        self.stage = stage


class NothingToBrief(StorylineError):
    """No usable article remained after reading every input."""


class StoreError(StorylineError):
    """The store is missing, unreadable, or of a newer schema."""
