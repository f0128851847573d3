"""Quotes: words a report attributes to someone, quoted directly or reported, with who relayed them.

`find_quotes(sources, resolve)` reads each source's cleaned article text (with its quote marks
folded to straight `"`; see `characters.fold_marks`) and returns one `Quote` per statement, in the
source's own characters, merged across sources.
Only the standard library and rapidfuzz are used: no model, a few milliseconds per story.

The steps, one module each: `marks` pairs quote marks into spans; `direct` keeps the spans an
attribution (or their own shape) makes quotes; `reported` finds reported speech in the sentences
left; `speakers` resolves who spoke, with `channels` telling agencies that only relay words from
speakers; `scan` runs these over one source; `merge` joins the statements of all sources.
`lexicon`, `text` and `phrases` hold the word lists, text helpers and noun-phrase rules they
share.
"""

from __future__ import annotations

from collections.abc import Callable

from ...model import Quote, Source
from .merge import merge
from .scan import scan_sources
from .speakers import Resolver

__all__ = ["Resolver", "find_quotes"]


def find_quotes(
    sources: list[Source],
    resolve: Resolver,
    is_person: Callable[[str], bool] | None = None,
) -> list[Quote]:
    """Direct quotes and reported speech in `sources`, attributed and merged across sources.

    `resolve(mention, source_id, offset)` maps a speaker mention to its canonical entity name, or
    None. `is_person(canonical_name)`, when given, says whether an entity is a person (pronouns
    and role phrases only refer back to persons); without it a name-shape heuristic decides.
    Quotes come in the order their first source tells them.
    """
    return merge(scan_sources(sources, resolve, is_person))
