"""`find_entities`: the steps from a story's sources to its EntityIndex."""

from __future__ import annotations

from ...model import Source
from .build import build_entities
from .index import EntityIndex
from .ner import raw_spans
from .offices import Offices, role_mentions
from .people import cluster_people, learn_roles
from .repair import repair
from .roles import Grammar, Text
from .things import group_things


def find_entities(sources: list[Source]) -> EntityIndex:
    """Named entities of one story's sources, merged across spellings, sources and roles."""
    spans = repair(raw_spans(sources), sources)
    texts = {s.id: s.text for s in sources}
    grammar = Grammar(spans)
    tokenised = {source: Text.of(text) for source, text in texts.items()}
    people = [s for s in spans if s.label == "PERSON"]
    learn_roles(people, tokenised, grammar)
    persons = cluster_people(people)
    offices = Offices.of(persons)
    for s in role_mentions(spans, tokenised, grammar, offices, texts):
        persons[s.entity].spans.append(s)
    groups = [p.spans for p in persons] + group_things([s for s in spans if s.label != "PERSON"])
    entities, numbers = build_entities(groups, persons)
    return EntityIndex(entities, grammar, offices.renumbered(numbers))
