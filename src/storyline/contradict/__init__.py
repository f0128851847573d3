"""Where outlets disagree: numbers, dates, names, labels and negations.

No NLI model ships on PyPI, so disagreements are found the way an editor checks copy: take two
sentences of different voices that state the same fact (counterparts in the claims' alignment,
or sharing the slot a label or an office fills), pull out the detail each states, and compare
the details explicitly. Rounding, a vague and a precise date, a part and the total, a relative
date read against two pages' own dates and a quote against its paraphrase are not
disagreements. Every rule prefers silence to a guess: a false contradiction misleads a reader
more than a missed one.
"""

from __future__ import annotations

import re

import numpy as np

from ..annotate.dates import DateMention
from ..corroborate import Alignment
from ..model import Claim, Contradiction, Entity, Sentence
from ..settings import ContradictionTuning
from .figures import date_disputes, number_disputes
from .negation import negation_disputes
from .sides import disputes_facts, drop_other_sides, merge
from .slots import (
    EntityOf,
    by_slot,
    first_names,
    label_details,
    role_details,
    unify_roles,
)

# A sentence that quotes someone: another report's paraphrase of the quote drops its hedges and
# its negations ("not yet detected liquid water" against "the next best thing to liquid water").
_QUOTED = re.compile(r'["“”„«»]')


def find_contradictions(
    alignment: Alignment,
    claims: list[Claim],
    voices: dict[str, str],
    counterparts: list[tuple[int, int]] = (),
    dates: dict[tuple[str, int], list[DateMention]] | None = None,
    entity_of: EntityOf | None = None,
    people: list[Entity] = (),
    tuning: ContradictionTuning = ContradictionTuning(),
) -> list[Contradiction]:
    """Disagreements between voices, strongest first.

    `counterparts` are the pairs of sentence positions that state one fact, conflicts aside
    (`corroborate.counterparts`): only they can disagree. Those whose figures or dates conflict
    are compared on the number or the date, so a part and the total, or two figures of two
    things, never are; a denial is looked for in any of them. `dates` maps (source, sentence
    index) to the explicit dates the sentence gives (a relative "today" read against two pages'
    own dates is no evidence of a disagreement); `entity_of` resolves a person's name to their
    entity (spelling variants are one person). `people` are the story's entities: one person given
    two first names by two voices ("Alexei" for Alexander Lukashenko) is a name disagreement.
    """
    sentences = alignment.sentences
    topic = np.maximum(alignment.cosine, alignment.similarity)
    claim_of = {(e.source, e.sentence): c.id for c in claims for e in c.evidence}
    position = {(s.source, s.index): k for k, s in enumerate(sentences)}

    def same_topic(a: Sentence, b: Sentence) -> bool:
        """Whether two sentences are about one thing: one claim, or close in meaning (they share
        a slot word or a figure, which already ties them together)."""
        ka, kb = (a.source, a.index), (b.source, b.index)
        same_claim = ka in claim_of and claim_of.get(ka) == claim_of.get(kb)
        return same_claim or topic[position[ka], position[kb]] >= tuning.slot_topic

    found: list[Contradiction] = []
    found += by_slot([d for s in sentences for d in label_details(s)], voices, same_topic, "label")
    roles = unify_roles([d for s in sentences for d in role_details(s, entity_of)])
    found += by_slot(roles, voices, same_topic, "name")
    found += first_names(people, sentences, voices)
    pairs = [
        (i, j)
        for i, j in counterparts
        if voices[sentences[i].source] != voices[sentences[j].source]
    ]
    sides = [(sentences[i], sentences[j]) for i, j in pairs if alignment.conflicts[i, j]]
    found += number_disputes(sides, sentences, same_topic, voices)
    if dates:
        found += date_disputes(sides, dates)
    # A denial and a statement of one fact; a quote and another report's paraphrase of it drop
    # different hedges, so pairs with a quotation are left alone.
    denials = [
        (sentences[i], sentences[j])
        for i, j in pairs
        if not (_QUOTED.search(sentences[i].text) or _QUOTED.search(sentences[j].text))
    ]
    found += negation_disputes(denials, sentences, tuning)
    # Disagreements about what happened come before a slip in a name.
    return sorted(merge(found), key=lambda c: not disputes_facts(c))


__all__ = ["disputes_facts", "drop_other_sides", "find_contradictions"]
