"""Direct quotes: a quoted span is a quote when an attribution sits next to it.

- after it, in the same sentence: `"…," X said/noted/told reporters/believes/summed up …`,
  `"…," said X`, `"…," according to X`, `"…" - quoted Peskov TASS` (translation order),
  `"…," RIA Novosti quoted X as saying`, `"…," BelTA quotes X as saying`;
- before it: `X said: "…"`, `X noted that "…"`, `According to X, "…"`, `As X put it, "…"`, a
  paragraph ending in `X said:` before a quote that opens the next paragraph;
- in the next sentence: `"…." Peskov said this to journalists.`;
- a quote right after an attributed one in the same paragraph continues it
  (`"…," he said. "More."`);
- or, without any attribution, when it is a whole statement of its own: it opens a sentence, has
  at least MIN_STANDALONE_WORDS words and ends like a sentence (speaker None).

Any other quoted span is a scare quote or a title (`put a "fat point"`, `will raise "key issues"`)
and is not a quote, whatever its length; its sentence may still be reported speech. An
attribution followed by `, who claimed that …` or `, adding that …` also yields that clause as
reported speech by the same speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .channels import IsPerson, channel_in, channel_name, is_channel, split_quoted
from .lexicon import QUOTING, REPORT, SPEECH, SUBJECT_ADVERB, VERB_ADVERB
from .phrases import cut_np, np_ok, subject_of
from .said import Said
from .text import clean_clause, sentence_end, sentence_start, words_of

MIN_STANDALONE_WORDS = 5


@dataclass(slots=True)
class _Attribution:
    np: str | None  # the speaker mention as written
    np_at: int  # its offset in the article
    channel: str | None
    start: int  # the attribution's span in the article
    end: int
    relative: tuple[str, int, int] | None = None  # ", who claimed that …": (clause, start, end)


_WHO_SAID = re.compile(
    rf"^,?\s*(?:who\s+(?:also\s+)?(?:{REPORT})|adding|noting|stressing|explaining|warning)\s+"
    r"(?:that\s+)?(?P<clause>\S.*)$",
    re.S | re.I,
)

_AFTER_LEAD = re.compile(r"[\s,]*(?:-\s*)?")

_AFTER_VERB_FIRST = re.compile(rf"(?:(?P<quoting>{QUOTING})|(?P<verb>{SPEECH}))\s+(?P<rest>\S.*)")

_AFTER_SUBJECT = re.compile(
    rf"(?:as\s+)?(?P<np>[^,.;:!?\"()]{{1,100}}?(?:,\s*\d{{1,3}},)?)\s+(?:{SUBJECT_ADVERB}\s+)*"
    rf"(?:(?P<quoting>{QUOTING})|(?P<verb>{SPEECH}))\b(?P<rest>.*)",
    re.S,
)

_AFTER_ACCORDING = re.compile(r"according\s+to\s+(?P<np>[^,.;]+)")

_AS_SAYING = re.compile(r"\s+as\s+(?:saying|telling|stating)\b.*$", re.S)


def _after(text: str, inner: str, close: int, resolve_person: IsPerson) -> _Attribution | None:
    """The attribution following a closing mark, in the same sentence."""
    end = sentence_end(text, close + 1)
    tail = text[close + 1 : end]
    lead = _AFTER_LEAD.match(tail)
    skip = lead.end() if lead else 0
    body = tail[skip:]
    at = close + 1 + skip
    glued = bool(tail[:skip].strip())  # a comma or a dash joins the quote to what follows
    if not glued and (
        not body.strip(" .") or (body[:1].isupper() and inner.rstrip()[-1:] in ".!?")
    ):
        return None  # `"…." Next sentence`: the quote ended its sentence
    if not glued and not inner.rstrip().endswith((",", ".", "!", "?", "…", "-")):
        return None  # `"fat point" in …`: nothing marks the end of a quotation
    body_clean = body.rstrip()
    # "…," according to X.
    m = _AFTER_ACCORDING.match(body_clean)
    if m:
        np = m.group("np").strip()
        if is_channel(np):
            return _Attribution(None, at, channel_name(np), close, at + len(body_clean))
        return _Attribution(np, at + m.start("np"), None, close, at + len(body_clean))
    # "…," said X / quoted Peskov TASS
    m = _AFTER_VERB_FIRST.match(body_clean)
    if m:
        rest = m.group("rest")
        rest_at = at + m.start("rest")
        if m.group("quoting"):
            np_part = _AS_SAYING.sub("", rest)
            np, lead_len = cut_np(np_part)
            sp, sp_at, ch = split_quoted(np, rest_at + lead_len)
            ch = ch or channel_in(rest, rest_at, resolve_person)
            return _Attribution(sp or None, sp_at, ch, close, at + len(body_clean))
        np, lead_len = cut_np(rest)
        if not np_ok(np, lowercase=True):
            return None
        after_np = rest[lead_len + len(np) :]
        channel = channel_in(after_np, rest_at + lead_len + len(np), resolve_person)
        if is_channel(np):
            return _Attribution(None, rest_at, channel_name(np), close, at + len(body_clean))
        return _Attribution(
            np,
            rest_at + lead_len,
            channel,
            close,
            at + len(body_clean),
            _relative(after_np, rest_at + lead_len + len(np)),
        )
    # "…," X said / RIA Novosti quoted X as saying
    m = _AFTER_SUBJECT.match(body_clean)
    if m:
        np = m.group("np").strip()
        if not np_ok(np) or np.lower() in {"it", "this", "that"}:
            return None
        np_at = at + m.start("np") + (len(m.group("np")) - len(m.group("np").lstrip()))
        rest = m.group("rest")
        rest_at = at + m.start("rest")
        if m.group("quoting"):
            obj = _AS_SAYING.sub("", rest)
            sp, lead_len = cut_np(obj)
            channel = (
                channel_name(np) if is_channel(np) else channel_in(rest, rest_at, resolve_person)
            )
            speaker = sp if np_ok(sp) else None
            if not is_channel(np) and speaker is None:
                speaker = np  # "X is quoted …": X speaks
            return _Attribution(
                speaker,
                rest_at + lead_len if speaker != np else np_at,
                channel,
                close,
                at + len(body_clean),
            )
        channel = channel_in(m.group("verb") + rest, rest_at - len(m.group("verb")), resolve_person)
        if is_channel(np):
            return _Attribution(None, np_at, channel_name(np), close, at + len(body_clean))
        return _Attribution(
            np, np_at, channel, close, at + len(body_clean), _relative(rest, rest_at)
        )
    return None


def _next_said(text: str, inner: str, close: int, resolve_person: IsPerson) -> _Attribution | None:
    """`"…." Peskov said this to journalists.`: the attribution is the next sentence."""
    if inner.rstrip()[-1:] not in ".!?…":
        return None
    i = close + 1
    while i < len(text) and text[i] in " \n" and text[i : i + 3] != "\n\n\n":
        i += 1
    if text[close + 1 : i].count("\n") > 2:
        return None
    end = sentence_end(text, i)
    m = _NEXT_SAID.match(text, i, end)
    if not m:
        return None
    np = m.group("np").strip()
    if not np_ok(np) or is_channel(np):
        return None
    channel = channel_in(m.group("rest"), m.start("rest"), resolve_person)
    return _Attribution(np, m.start("np"), channel, close, end)


def _relative(rest: str, rest_at: int) -> tuple[str, int, int] | None:
    """`, who claimed that CLAUSE` after an attribution: more reported speech by the speaker."""
    m = _WHO_SAID.match(rest)
    if not m:
        return None
    clause = clean_clause(m.group("clause"))
    if len(words_of(clause)) < 3:
        return None
    return clause, rest_at + m.start("clause"), rest_at + len(rest)


_BEFORE_SAID = re.compile(
    rf"^(?P<pre>.*?\S)\s+(?:{SUBJECT_ADVERB}\s+)*(?P<verb>{SPEECH})"
    rf"(?:\s+{VERB_ADVERB})?(?:\s+(?:in|at|on|during|to)\s+[^,\":]{{1,60}}?)?(?:\s+that)?\s*[:,]?$",
    re.S,
)

# The sentence after a quote: "Peskov said this to journalists."
_NEXT_SAID = re.compile(
    rf"(?P<np>[^,.;:!?\"]{{1,80}}?)\s+(?:{SUBJECT_ADVERB}\s+)*(?:{SPEECH})\s+"
    r"(?:this|so|these\s+words)\b(?P<rest>[^\n]*)"
)

_BEFORE_QUOTING = re.compile(
    rf"^(?P<pre>.*?\S)\s+(?:{QUOTING})\s+(?P<np>[^,:;\"]+?)\s+as\s+(?:saying|stating)\s*[:,]?$",
    re.S,
)

_BEFORE_ACCORDING = re.compile(r"(?:^|\b)[Aa]ccording\s+to\s+(?P<np>[^,\"]+?),\s*$")

_BEFORE_AS = re.compile(rf"(?:^|\b)[Aa]s\s+(?P<np>[^,\"]+?)\s+(?:{SPEECH})(?P<adj>[^,\"]*),\s*$")


def _before(text: str, open_: int, resolve_person: IsPerson) -> _Attribution | None:
    """The attribution leading into an opening mark: `X said: "…"`, `According to X, "…"`."""
    start = sentence_start(text, open_)
    pre = text[start:open_]
    if not pre.strip():
        # A quote opening its paragraph, after a paragraph that ends "X said:".
        line_start = text.rfind("\n", 0, open_) + 1
        if start != line_start or line_start < 2:
            return None
        prev_end = line_start - 1
        while prev_end > 0 and text[prev_end - 1] == "\n":
            prev_end -= 1
        if prev_end <= 0 or text[prev_end - 1] != ":":
            return None
        start = sentence_start(text, prev_end - 1)
        pre = text[start:prev_end]
    pre_r = pre.rstrip()
    m = _BEFORE_ACCORDING.search(pre_r)
    if m:
        np = m.group("np").strip()
        if is_channel(np):
            return _Attribution(None, start + m.start("np"), channel_name(np), start, open_)
        return _Attribution(np, start + m.start("np"), None, start, open_)
    m = _BEFORE_AS.search(pre_r)
    if m:
        ch = channel_in(m.group("adj"), start + m.start("adj"), resolve_person)
        return _Attribution(m.group("np"), start + m.start("np"), ch, start, open_)
    m = _BEFORE_QUOTING.match(pre_r)
    if m:
        subject = subject_of(m.group("pre"), start)
        channel = subject[0] if subject and is_channel(subject[0]) else None
        return _Attribution(m.group("np"), start + m.start("np"), channel, start, open_)
    m = _BEFORE_SAID.match(pre_r)
    if m:
        subject = subject_of(m.group("pre"), start)
        if subject is None:
            return None
        np, np_at = subject
        if is_channel(np):
            return _Attribution(None, np_at, channel_name(np), start, open_)
        return _Attribution(np, np_at, None, start, open_)
    return None


def direct_quote(
    text: str, o: int, c: int, last: Said | None, resolve_person: IsPerson
) -> list[Said]:
    """What the quoted span between the marks at `o` and `c` says: nothing for a scare quote or a
    title, else the quote and any reported clause its attribution adds. `last` is the previous
    direct quote in the text, which an unattributed quote right after it continues."""
    inner_raw = text[o + 1 : c]
    inner = clean_clause(inner_raw)
    if not inner or not words_of(inner):
        return []
    attribution = _after(text, inner_raw, c, resolve_person)
    if attribution is None:
        attribution = _before(text, o, resolve_person)
    if attribution is None:
        attribution = _next_said(text, inner_raw, c, resolve_person)
    if attribution is None and last is not None and last.np is not None:
        gap = text[last.hi : o]
        if last.hi <= o and not gap.strip() and "\n" not in gap and len(words_of(inner)) >= 2:
            # `"…," he said. "More."`: the same speaker goes on.
            said = Said("direct", inner, o + 1, c, None, o, None, o, c + 1)
            said.follows = last
            return [said]
    if attribution is None:
        # No attribution: a whole statement of its own, or a scare quote / title.
        start = sentence_start(text, o)
        whole = (
            start == o
            and len(words_of(inner)) >= MIN_STANDALONE_WORDS
            and (inner_raw.rstrip()[-1:] in ".!?…," or "\n" in inner_raw)
        )
        if not whole:
            return []
        return [Said("direct", inner, o + 1, c, None, o, None, o, c + 1)]
    lo, hi = min(o, attribution.start), max(c + 1, attribution.end)
    out = [
        Said(
            "direct", inner, o + 1, c, attribution.np, attribution.np_at,
            attribution.channel, lo, hi,
        )
    ]  # fmt: skip
    if attribution.relative:
        clause, a, b = attribution.relative
        out.append(
            Said("reported", clause, a, b, attribution.np, attribution.np_at,
                 attribution.channel, lo, hi)
        )  # fmt: skip
    return out
