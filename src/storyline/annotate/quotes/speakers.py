"""Speakers: the canonical name behind a speaker phrase, or who a pronoun or a role refers to.

The phrase goes to `resolve(mention, source, offset)` (offset: where the mention starts in the
article text): the whole phrase, then name-like comma segments (`Pavel Feldman, deputy director
…`), then the name at its end (`the press secretary … Dmitry Peskov`; after a preposition only a
name following the run's first word, so "the Commission of Belarus" is not Belarus; never the
second of "X and Y"), then each segment; `X's press service` and `the mayor's office` speak for X.
A phrase nothing resolves keeps speaker None, except:

- pronouns (he, she, him, her, his) are never sent to `resolve`: they refer to the speaker of the
  nearest of the previous two sentences, or else to the first person-like name there (the
  subject position), or stay None;
- generic person roles without a capitalised word ("the expert", "the diplomat", "the deputy";
  head noun in `lexicon.PERSON_ROLES`) that `resolve` does not know refer back to the nearest
  preceding sentence (of two) that has a speaker or names a person, only when that sentence
  points at exactly one person; otherwise None. Organisations ("the council", "the department")
  never refer back, and specific roles ("the Belarusian leader", "the head of the Russian
  government") are left to `resolve`: a wrong guess there would be worse than none.

"Person-like" is `is_person(name)` when the caller passes it, else a name-shape heuristic (two or
more capitalised words, none of them an organisation or place word). Channels never speak.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ...model import Sentence
from .channels import is_channel
from .lexicon import (
    NAME_PARTICLES,
    NOT_PERSON,
    OTHER_PRONOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    TITLES,
)
from .phrases import COMMA_SEG, Candidate, tail_run
from .text import capitalised_runs

Resolver = Callable[[str, str, int], str | None]
"""(speaker mention as written, source id, character offset in the article) → canonical name."""


def _person_like(name: str) -> bool:
    """A canonical name that looks like a person's: two or more capitalised words, no org word."""
    toks = name.replace("-", " ").split()
    if len(toks) < 2 or is_channel(name):
        return False
    for t in toks:
        low = t.lower().strip(".,'")
        if low in NOT_PERSON:
            return False
        if not (t[0].isupper() or low in NAME_PARTICLES):
            return False
    return True


def _is_role_phrase(np: str) -> bool:
    """A generic role that refers back to a person ("the expert", "the diplomat").

    No capitalised word (specific roles are the resolver's), and the head noun names a person's
    role: "the council" or "the department" never refer back to the last person named.
    """
    toks = np.split()
    if not 2 <= len(toks) <= 6 or toks[0].lower() not in {"the", "this", "that"}:
        return False
    if not all(t[0].islower() for t in toks[1:] if t[0].isalpha()):
        return False
    words = [t.lower().strip(",.;:") for t in toks[1:]]
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head.removesuffix("'s") in PERSON_ROLES


def _candidates(np: str) -> list[Candidate]:
    """Mentions to resolve for a speaker phrase, best first."""
    out = [Candidate(np, 0)]
    bare = re.sub(r"^(?:the|a|an)\s+", "", np, flags=re.I)
    if bare != np:
        out.append(Candidate(bare, len(np) - len(bare)))
    # "X's press service", "the mayor's office": the office speaks for X.
    m = re.match(
        r"^(?P<x>.+?)(?:'s)?\s+(?:press\s+(?:service|office|secretary)|office|"
        r"spokes(?:man|woman|person)|press\s+team)$",
        np,
        re.I,
    )
    x = m.group("x") if m else ""
    runs = capitalised_runs(x)
    if (runs and runs[0].text == x) or re.fullmatch(r"the(?:\s+[a-z][\w-]*){1,3}", x, re.I):
        # Only a name or a short role owns the office, not "a channel close to X's service".
        out.append(Candidate(x, 0))
        if not x.lower().startswith("the "):
            out.append(Candidate("the " + x, 0))
    segs = [(m.group(), m.start()) for m in COMMA_SEG.finditer(np) if m.group().strip()]
    if len(segs) > 1:
        # Name-like comma segments first: "Pavel Feldman, deputy director of …".
        for seg, off in segs:
            seg_s = seg.strip()
            runs = capitalised_runs(seg_s)
            if runs and runs[0].text == seg_s:
                out.append(Candidate(seg_s, off + seg.find(seg_s), run=True))
    # The name at the end: "the press secretary of the President … Dmitry Peskov".
    if (run := tail_run(np, 0)) is not None:
        out.append(run)
    if len(segs) > 1:
        for seg, off in segs:
            seg_s = seg.strip()
            lead = off + seg.find(seg_s)
            out.append(Candidate(seg_s, lead))
            if (run := tail_run(seg_s, lead)) is not None:
                out.append(run)
    return out


class Speakers:
    """Speaker resolution for one source, whose sentences are given in text order.

    `said_in` maps a sentence's position to the speaker of what is said there; the caller fills it
    as it resolves statements in text order, so pronouns and roles only look back.
    """

    def __init__(
        self,
        source_id: str,
        sentences: list[Sentence],
        resolve: Resolver,
        is_person: Callable[[str], bool] | None = None,
    ) -> None:
        self.source_id = source_id
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.resolve = resolve
        self.is_person = is_person
        self.said_in: dict[int, str] = {}
        self._persons_cache: dict[int, list[str]] = {}
        self._resolve_cache: dict[tuple[str, int], str | None] = {}

    def speaker(self, np: str | None, at: int, before: int | None = None) -> str | None:
        """The canonical speaker for mention `np` at offset `at`; pronouns and role phrases
        look back from the sentences before offset `before` (where what was said starts)."""
        before = at if before is None else before
        if not np:
            return None
        raw = np
        np = np.strip(" ,.;:")
        at += raw.find(np)
        low = " ".join(np.lower().split())
        if not np or low in OTHER_PRONOUNS:
            return None
        if low in PERSON_PRONOUNS:
            return self._antecedent(before, pronoun=True)
        if is_channel(np):
            return None
        for c in _candidates(np):
            if c.run:
                got = self._resolve_run(c.text, at + c.offset, c.complement)
            else:
                got = self._res(c.text, at + c.offset)
            if got and not is_channel(got):
                return got
        segs = [m for m in COMMA_SEG.finditer(np) if m.group().strip()]
        first = segs[0].group().strip() if segs else np
        if _is_role_phrase(first) or _is_role_phrase(np):
            return self._antecedent(before, pronoun=False)
        return None

    def resolves_person(self, mention: str, at: int) -> bool:
        """Whether `mention` at offset `at` resolves to a person: the attributions' `IsPerson`."""
        got = self._res(mention, at)
        return bool(got) and self._person(got)

    def _res(self, name: str, at: int) -> str | None:
        name = " ".join(name.split()).strip(" ,.;:\"'")
        if not name:
            return None
        key = (name, at)
        if key not in self._resolve_cache:
            try:
                got = self.resolve(name, self.source_id, at)
            except Exception:  # a resolver failing on one odd mention must not lose the rest
                got = None
            self._resolve_cache[key] = got or None
        return self._resolve_cache[key]

    def _person(self, name: str) -> bool:
        if is_channel(name):
            return False
        if self.is_person is not None:
            return bool(self.is_person(name))
        return _person_like(name)

    def _resolve_run(self, run: str, at: int, complement: bool = False) -> str | None:
        """A capitalised run, or its longest resolving suffix ("State Stephen Bigan" → Bigan).

        `complement`: the run follows a preposition ("the Commission of Belarus"), so the run
        as a whole is not the phrase's head; only a name after it is ("of State Stephen Bigan").
        """
        toks = list(re.finditer(r"\S+", run))
        for k in range(1 if complement else 0, len(toks)):
            part = run[toks[k].start() :]
            if k == 0 and len(toks) > 1 and toks[0].group().lower() in TITLES:
                continue
            if k > 0 and toks[k].group().lower() in NAME_PARTICLES:
                continue
            got = self._res(part, at + toks[k].start())
            if got:
                return got
        return None

    def _persons_in(self, k: int) -> list[str]:
        """Person-like canonical names a sentence mentions, in order."""
        if k in self._persons_cache:
            return self._persons_cache[k]
        s = self.sentences[k]
        names: list[str] = []
        for run in capitalised_runs(s.text):
            got = self._resolve_run(run.text, s.start + run.start)
            if got and self._person(got) and got not in names:
                names.append(got)
        self._persons_cache[k] = names
        return names

    def _antecedent(self, at: int, pronoun: bool) -> str | None:
        """Who a pronoun or a generic role phrase refers to, from the previous two sentences."""
        # Sentences wholly before `at`: the one holding `at` is what was said, not its context.
        k = bisect.bisect_right(self.starts, at) - 1
        if k >= 0 and at < self.sentences[k].end:
            k -= 1
        for j in (k, k - 1):
            if j < 0:
                break
            names: list[str] = []
            if j in self.said_in:
                names.append(self.said_in[j])
            for n in self._persons_in(j):
                if n not in names:
                    names.append(n)
            if not names:
                continue
            if pronoun:
                return names[0]
            if j in self.said_in and len(names) > 1:
                # The speaker of that sentence is named or quoted there; others it names are
                # what the speaker talks about only when the sentence is the speaker's quote.
                return None
            return names[0] if len(names) == 1 else None
        return None
