"""Reported speech, found per sentence on sentences no direct quote covers.

`X said (that) …`, `X noted/stressed/added/announced/claimed/told reporters (that) …`,
`X told Y that …`, `X believes that …`, `according to X, …` / `…, according to X`, `As X said, …`,
`As reported by X, …`, `…, said X`, `…, X said`, `In his opinion, …`. Without "that", a clause
must have a verb before its first comma ("said the repair work was likely …", not "said Piet
Lund, as …"). The text is the reported clause without the attribution and without "that".
"""

from __future__ import annotations

import re

from ...model import Sentence
from .channels import IsPerson, channel_in, channel_name, is_channel
from .lexicon import AUXILIARIES, CLAUSE_OPENERS, PREPOSITIONS, REPORT, SUBJECT_ADVERB, VERB_ADVERB
from .phrases import np_ok, subject_of
from .said import Said
from .text import clean_clause, words_of

_LEAD = r"(?:(?:[A-Z][\w'-]*(?:\s+[\w'-]+){0,5}),\s+)?"

_R_ACCORDING_LEAD = re.compile(
    rf"^{_LEAD}[Aa]ccording\s+to\s+(?P<np>[^,]{{2,160}}?),\s+(?P<clause>\S.*)$", re.S
)

_R_ACCORDING_TAIL = re.compile(
    r"^(?P<clause>\S.{10,}?),\s+according\s+to\s+(?P<np>[^,]{2,160}?)\s*[.!?]?$", re.S
)

_R_OPINION = re.compile(
    rf"^{_LEAD}[Ii]n\s+(?P<np>his|her|[A-Z][\w.'\- ]{{1,60}}?'s)\s+(?:opinion|view|words),\s+"
    r"(?P<clause>\S.*)$",
    re.S,
)

_R_AS_BY = re.compile(
    rf"^{_LEAD}[Aa]s\s+(?:reported|stated|announced|said|noted|explained)\s+by\s+"
    r"(?P<np>[^,]{2,160}?),\s+(?P<clause>\S.*)$",
    re.S,
)

_R_AS_SAID = re.compile(
    rf"^{_LEAD}[Aa]s\s+(?P<np>[^\"]{{2,200}}?)\s+(?:{SUBJECT_ADVERB}\s+)*"
    rf"(?:{REPORT}|put\s+it)\b(?P<adj>[^,\"]{{0,120}}),\s+(?P<clause>\S.*)$",
    re.S,
)

_R_SAID_THAT = re.compile(
    rf"^(?P<pre>.{{1,400}}?)\s+(?:{SUBJECT_ADVERB}\s+)*(?P<verb>{REPORT}|told\s+[^,\"]{{1,60}}?)"
    rf"(?P<adj>(?:\s+{VERB_ADVERB})?(?:\s+(?:in|at|on|during)\s+[^,\"]{{1,60}}?)?)"
    r"(?:\s+that\b,?\s*|\s*:\s*)(?P<clause>\S.*)$",
    re.S,
)

_R_SAID_BARE = re.compile(
    rf"^(?P<pre>.{{1,400}}?)\s+(?:{SUBJECT_ADVERB}\s+)*(?P<verb>said|says|added|adds|warned|warns"
    r"|believes|believe|told\s+(?:reporters|journalists|this\s+newspaper|[A-Z][\w.-]*(?:\s+[A-Z]"
    r"[\w.-]*)*))\s+(?P<clause>[\w$€£].*)$",
    re.S,
)

_FINITE = re.compile(
    r"\b(?:is|are|was|were|will|would|had|has|have|could|can|may|might|should|must|did|does"
    r"|do|[a-z]{2,}ed|[a-z]{3,}s)\b"
)

_R_VERB_FIRST = re.compile(
    rf"^(?P<clause>\S.{{10,}}?),\s+(?P<verb>{REPORT}|told\s+reporters)\s+(?P<np>[^,]{{2,160}}?)"
    r"(?:,\s+(?P<extra>[^,]*?))?\s*[.!?]?$",
    re.S,
)

_R_TRAILING = re.compile(
    rf"^(?P<clause>\S.{{10,}}?)(?:,|\s+-)\s+(?P<np>[A-Za-z][^,\"]{{0,100}}?)\s+"
    rf"(?:{SUBJECT_ADVERB}\s+)*(?P<verb>{REPORT}|told\s+reporters)\b(?P<rest>[^,\"]*?)\s*"
    r"[.!?]?$",
    re.S,
)

# What may follow a reporting verb at the end of a sentence: an adjunct, not an object.
_ADJUNCT = re.compile(
    r"^\s*(?:$|this\b|so\b|in\b|on\b|at\b|during\b|after\b|before\b|when\b|while\b|to\b"
    r"|about\b|from\b|earlier\b|later\b|yesterday\b|today\b|last\b|as\b|via\b"
    r"|by\b|through\b|with\b|answering\b|adding\b|according\b)"
)


def reported_speech(s: Sentence, resolve_person: IsPerson) -> list[Said]:
    text, base = s.text, s.start
    m = _R_ACCORDING_LEAD.match(text)
    if m and not m.group("np").lower().startswith(("the data", "data", "figures", "statistics")):
        return [_said_from(m, "np", "clause", base, s, channel_from_np=True)]
    m = _R_ACCORDING_TAIL.match(text)
    if m:
        return [_said_from(m, "np", "clause", base, s, channel_from_np=True)]
    m = _R_OPINION.match(text)
    if m:
        np = m.group("np")
        np = np[:-2] if np.endswith("'s") else np
        said = _said_from(m, "np", "clause", base, s)
        said.np = np
        return [said]
    m = _R_AS_BY.match(text) or _R_AS_SAID.match(text)
    if m:
        said = _said_from(m, "np", "clause", base, s, channel_from_np=True)
        if said.channel is None and "adj" in m.re.groupindex:
            said.channel = channel_in(m.group("adj") or "", base + m.start("adj"), resolve_person)
        return [said]
    for pattern in (_R_SAID_THAT, _R_SAID_BARE):
        m = pattern.match(text)
        if not m:
            continue
        if pattern is _R_SAID_BARE:
            clause_words = m.group("clause").split()
            if clause_words[0].lower() in PREPOSITIONS | CLAUSE_OPENERS | {"so", "this"}:
                continue
            # A clause has a verb before its first comma ("said Piet Lund, as cited by …" has not).
            head = m.group("clause").split(",", 1)[0].split()
            if not _FINITE.search(" ".join(head[1:8])):
                continue
        subject = subject_of(m.group("pre"), base)
        if subject is None:
            continue
        np, np_at = subject
        verb = m.group("verb")
        channel = None
        if verb.startswith("told"):
            channel = channel_in(verb, base + m.start("verb"), resolve_person)
        if channel is None and "adj" in m.re.groupindex:
            channel = channel_in(m.group("adj") or "", base + m.start("adj"), resolve_person)
        if is_channel(np):
            np, channel = None, channel_name(np)
        clause = clean_clause(m.group("clause"))
        if len(words_of(clause)) < 3:
            continue
        c0 = base + m.start("clause")
        return [Said("reported", clause, c0, s.end, np, np_at, channel, s.start, s.end)]
    m = _R_VERB_FIRST.match(text)
    if m:
        np = m.group("np").strip()
        if np_ok(np) and not np.lower().startswith(("that", "it ")):
            extra = m.group("extra") or ""
            channel = channel_in(extra, base + m.start("extra"), resolve_person) or channel_in(
                m.group("np"), base + m.start("np"), resolve_person
            )
            said = _said_from(m, "np", "clause", base, s)
            said.channel = channel
            if is_channel(np):
                said.np, said.channel = None, channel_name(np)
            return [said]
    m = _R_TRAILING.match(text)
    if m:
        np = m.group("np").strip()
        rest = m.group("rest") or ""
        first = np.split()[0].lower()
        if (
            first not in CLAUSE_OPENERS
            and len(np.split()) <= 8
            and _ADJUNCT.match(rest)
            and len(words_of(m.group("clause"))) >= 4
            and not any(w in AUXILIARIES for w in np.lower().split())
        ):
            said = _said_from(m, "np", "clause", base, s)
            said.channel = channel_in(rest, base + m.start("rest"), resolve_person)
            if is_channel(np):
                said.np, said.channel = None, channel_name(np)
            return [said]
    return []


def _said_from(
    m: re.Match[str],
    np_group: str,
    clause_group: str,
    base: int,
    s: Sentence,
    channel_from_np: bool = False,
) -> Said:
    np = m.group(np_group).strip()
    np_at = base + m.start(np_group) + (len(m.group(np_group)) - len(m.group(np_group).lstrip()))
    clause = clean_clause(m.group(clause_group))
    channel = None
    if channel_from_np and is_channel(np):
        channel, np = channel_name(np), None
    c0 = base + m.start(clause_group)
    return Said(
        "reported", clause, c0, base + m.end(clause_group), np, np_at, channel, s.start, s.end
    )
