"""The record shared by direct and reported speech until speakers are resolved."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Said:
    """One attributed statement before its speaker is resolved."""

    kind: str
    text: str
    start: int  # where the quoted words / the clause begin in the article
    end: int
    np: str | None
    np_at: int
    channel: str | None
    lo: int  # the whole span: words and attribution
    hi: int
    speaker: str | None = None
    follows: Said | None = None  # `"…," he said. "More."`: the quote continues this one
