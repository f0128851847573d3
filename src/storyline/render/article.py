"""An article's whole text in paragraphs of sentences, for the pages that show it.

Each sentence keeps its anchor (`S1-4`), the id a citation links to, and whether the briefing
cites it; text outside any sentence (headings, bylines) is kept as plain pieces, so nothing of
the article is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.model import Briefing, Source

_LINE_BREAK = re.compile(r"[ \t\f\v\xa0]*[\r\n\u2028\u2029][\s]*")


@dataclass(slots=True)
class Piece:
    text: str
    anchor: str | None = None  # set for a sentence: its id on the page
    cited: bool = False


@dataclass(slots=True)
class Paragraph:
    pieces: list[Piece] = field(default_factory=list)

    @property
    def has_sentences(self) -> bool:
        return any(p.anchor for p in self.pieces)


def cited_anchors(b: Briefing) -> set[str]:
    """The anchors of every source sentence the briefing uses as evidence."""
    anchors = {e.anchor for c in b.claims for e in c.evidence}
    anchors.update(s.evidence.anchor for s in b.summary)
    anchors.update(e.anchor for t in b.timeline for e in t.evidence)
    anchors.update(e.anchor for q in b.quotes for e in q.evidence)
    anchors.update(e.anchor for c in b.contradictions for side in c.sides for e in side.evidence)
    return anchors


def paragraphs(source: Source, cited: set[str], seen: set[str]) -> list[Paragraph]:
    """The whole article text split into paragraphs of sentence and non-sentence pieces.

    Line breaks in the text between sentences end a paragraph, as does a change of the
    sentences' paragraph number. A sentence whose anchor is in `seen` (another source on the
    same page has it) keeps no anchor, so ids stay unique; the anchors given are added to `seen`.
    """
    text = source.article.text
    if not text.strip():
        return []
    found: list[Paragraph] = []
    current = Paragraph()

    def flush() -> None:
        nonlocal current
        if any(p.text.strip() or p.anchor for p in current.pieces):
            found.append(current)
        current = Paragraph()

    def gap(chunk: str) -> None:
        for i, part in enumerate(_LINE_BREAK.split(chunk)):
            if i:
                flush()
            if part:
                current.pieces.append(Piece(part))

    cursor = 0
    last_paragraph: int | None = None
    for s in sorted(source.sentences, key=lambda s: (s.start, s.index)):
        start = min(max(s.start, cursor), len(text))
        end = min(max(s.end, start), len(text))
        gap(text[cursor:start])
        if last_paragraph is not None and s.paragraph != last_paragraph:
            flush()
        last_paragraph = s.paragraph
        anchor = None if s.anchor in seen else s.anchor
        if anchor:
            seen.add(anchor)
        current.pieces.append(Piece(text[start:end], anchor=anchor, cited=s.anchor in cited))
        cursor = end
    gap(text[cursor:])
    flush()
    return found
