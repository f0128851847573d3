"""One source's statements, in text order, with their speakers and evidence.

Direct quotes are found first, on the whole article text; reported speech only on the sentences
no direct quote covers. Both are read with quote marks and dashes folded (`fold_marks`, which
keeps every offset), and what was said is given back in the source's own characters. Speakers
are resolved afterwards in text order, so that a pronoun or a role phrase can look back at who
spoke in the sentences before it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import replace

from ...characters import fold_marks, in_source
from ...model import Evidence, Source
from .direct import direct_quote
from .marks import quote_spans
from .reported import reported_speech
from .said import Said
from .speakers import Resolver, Speakers


def scan_sources(
    sources: list[Source],
    resolve: Resolver,
    is_person: Callable[[str], bool] | None = None,
) -> Iterator[tuple[str, Said, Evidence | None]]:
    """(source id, statement, its evidence) for every non-empty statement, source by source."""
    for source in sources:
        scan = _SourceScan(source, resolve, is_person)
        for said in scan.statements():
            if said.text:
                said.text = in_source(said.text, source.text, scan.text, said.start)
                yield source.id, said, scan.evidence(said)


class _SourceScan:
    def __init__(
        self, source: Source, resolve: Resolver, is_person: Callable[[str], bool] | None
    ) -> None:
        self.source = source
        self.text = fold_marks(source.text)
        self.sentences = sorted(
            (replace(s, text=fold_marks(s.text)) for s in source.sentences), key=lambda s: s.start
        )
        self.starts = [s.start for s in self.sentences]
        self.speakers = Speakers(source.id, self.sentences, resolve, is_person)

    def statements(self) -> list[Said]:
        text = self.text
        resolves_person = self.speakers.resolves_person
        found: list[Said] = []
        last: Said | None = None
        for o, c in quote_spans(text):
            said = direct_quote(text, o, c, last, resolves_person)
            if said:
                found.extend(said)
                last = said[0]
        covered: set[int] = set()
        for said in found:
            covered.update(self._overlapping(said.lo, said.hi))
        for k, s in enumerate(self.sentences):
            if k in covered:
                continue
            found.extend(reported_speech(s, resolves_person))
        found.sort(key=lambda f: (f.lo, f.start))
        for said in found:
            if said.follows is not None:
                said.speaker, said.channel = said.follows.speaker, said.follows.channel
            else:
                said.speaker = self.speakers.speaker(said.np, said.np_at, said.lo)
            if said.speaker:
                for k in self._overlapping(said.lo, said.hi):
                    self.speakers.said_in[k] = said.speaker
        return found

    def evidence(self, said: Said) -> Evidence | None:
        """The statement's first sentence in this source."""
        if not self.sentences:
            return None
        ks = self._overlapping(said.start, said.end) or self._overlapping(said.lo, said.hi)
        k = ks[0] if ks else self._position(said.start)
        s = self.sentences[k]
        return Evidence(self.source.id, self.source.text[s.start : s.end], s.index, s.start, s.end)

    def _position(self, offset: int) -> int:
        """Position in self.sentences of the sentence holding `offset` (or the next one)."""
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.sentences[k].end:
            return k
        return min(k + 1, len(self.sentences) - 1) if self.sentences else -1

    def _overlapping(self, lo: int, hi: int) -> list[int]:
        k = max(bisect.bisect_right(self.starts, lo) - 1, 0)
        out = []
        while k < len(self.sentences) and self.sentences[k].start < hi:
            if self.sentences[k].end > lo:
                out.append(k)
            k += 1
        return out
