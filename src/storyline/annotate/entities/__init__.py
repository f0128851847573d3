"""People, organisations and places named in a story's reports, merged across spellings.

`find_entities(sources)` runs spaCy's small English NER over every article of one story, repairs
the model's usual slips on news text with rules, then resolves the mentions of all the articles
into entities:

- *Repairs.* News agencies and media (BelTA, TASS, RIA Novosti, Reuters, RT, Telegram…) are ORG;
  "X group" is ORG; a span glued from two names ("Vladimir Putin Dmitry Peskov", "Peskov TASS",
  "Belarus Olga Chemodanova") is split so the person gets a mention of their own; a capitalised
  common noun ("Citizens") is not a person; a PERSON span that is a place or nationality word of the
  story takes that word's label, and so does one the story mostly labels otherwise; a lone
  surname the model called ORG or GPE ("Bigan") after the same report named the person in full
  is a PERSON; a given name the model left out of a PERSON span ("Dmitry [Peskov]") is put back;
  a title's word alone ("State" of "Secretary of State", "Interior") is no name.
- *People.* Surnames match across transliterations and typos (Jaro-Winkler, backed by phonetic
  codes; short names must match more closely); full names with matching surnames are one person
  when their first names agree or, if the first names differ, when they hold the same role
  ("Belarusian President Alexei Lukashenko" is Alexander Lukashenko; "Tomas Berg, the mayor" and
  "Karl Berg, a fisherman" stay two people). A surname alone joins the full name; where two
  people share it, the one the report named last.
- *Roles.* Titles written just before a name ("Russian Prime Minister Mikhail Mishustin", "the
  press secretary of the President of Russia Dmitry Peskov", "Putin's press secretary Dmitry
  Peskov") or just after it (", the mayor,") teach who holds which role in this story. Roles are
  normalised ("Russian president" = "President of the Russian Federation" = "head of the Russian
  state"; "spokesman" = "press secretary"; "the Kremlin" = the president of Russia; "leader" =
  "president" when nobody is called leader), so a role phrase standing alone ("the Belarusian
  leader", "the head of the Russian government", or "the mayor" where the story has one mayor)
  is a mention of the one person who holds it. Generic roles ("the expert") never are.

`EntityIndex.resolve()` maps a name, a role phrase, or a title followed by a name to its entity
(None when unknown or ambiguous: "the President" of a story with two); `name_of()` gives just the
canonical name; `EntityIndex.at()` finds the entity mentioned at a span of a source's text.

`read_ahead(texts)` starts the model on a story's texts in a process of its own (`reader`), so
that it reads them while the brief splits and encodes their sentences. `find` runs the steps:
`ner` gives each article's spans, `repair` fixes the slips only the whole
story shows, `roles` parses titles, `people` clusters the person mentions (matching spellings with
`names`), `offices` turns role phrases into mentions of their holder, `things` groups the other
spans, `build` makes the Entity records and `index` looks them up. `spans` holds the mention record
and the keys they all compare by.
"""

from .find import find_entities
from .index import EntityIndex
from .names import surname_match
from .ner import read_ahead

__all__ = ["EntityIndex", "find_entities", "read_ahead", "surname_match"]
