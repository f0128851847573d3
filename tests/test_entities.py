"""Entities: the people, organisations and places of a story, merged across its reports.

`find_entities(sources)` runs spaCy's NER over every report of one story, repairs the model's
usual slips on news, and resolves all mentions into entities: spelling variants are one person,
a surname alone joins the full name, and role phrases ("the Belarusian leader") count as
mentions of the one person the story gives that role. `EntityIndex.resolve()` maps a name or a
role phrase to its entity; `EntityIndex.at()` finds the entity mentioned at a span of text.

The made-up examples below show each rule; the sochi-2020 tests show them on real, messy,
machine-translated reports (skipped where ../shared is absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.annotate.entities import EntityIndex, find_entities, surname_match
from storyline.annotate.sentences import split_sentences
from storyline.model import Article, Entity, Source
from storyline.pipeline import read
from storyline.settings import Settings


def story(*texts: str) -> list[Source]:
    """Reports of one made-up story, as the pipeline hands them over: S1, S2, …"""
    return [
        Source(f"S{n}", Article(text), split_sentences(f"S{n}", text))
        for n, text in enumerate(texts, 1)
    ]


def named(index: EntityIndex, name: str) -> Entity:
    found = [e for e in index.entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type, e.aliases) for e in index.entities]
    return found[0]


def people(index: EntityIndex) -> list[str]:
    return [e.name for e in index.entities if e.type == "PERSON"]


# --- made-up examples, one rule each -----------------------------------------------------------


def test_spelling_variants_of_a_surname_are_one_person_under_the_most_frequent_spelling() -> None:
    index = find_entities(
        story(
            "Interior Minister Oskar Dorofeyev visited the port of Vellhaven on Monday. "
            "Dorofeyev said the harbour would reopen.",
            "Minister Oskar Dorofeiev said the port was safe. "
            "Dorofeev told AFP that divers had checked the piers.",
            "The port of Vellhaven was visited by the interior minister, Oskar Dorofeyev.",
        )
    )
    minister = named(index, "Oskar Dorofeyev")
    assert minister.type == "PERSON"
    assert minister.aliases == ["Dorofeev", "Dorofeyev", "Oskar Dorofeiev"]
    assert minister.sources == ["S1", "S2", "S3"]
    assert minister.mentions == 5
    assert people(index) == ["Oskar Dorofeyev"]


def test_a_surname_alone_joins_the_full_name() -> None:
    # The small model tags the second "Lindqvist" as an ORG; an earlier "Anna Lindqvist" in the
    # same report makes it a person again.
    index = find_entities(
        story(
            "Anna Lindqvist opened the new bridge in Vellhaven. "
            "Lindqvist said it had cost 40 million euros."
        )
    )
    engineer = named(index, "Anna Lindqvist")
    assert engineer.aliases == ["Lindqvist"] and engineer.mentions == 2
    assert index.resolve("Lindqvist") is engineer
    assert index.resolve("Lindquist") is engineer  # a typo of a known name still resolves


def test_two_people_sharing_a_surname_stay_apart() -> None:
    text = (
        "Tomas Berg, the mayor of Vellhaven, said the bridge would close on Monday. "
        "His brother Karl Berg, a fisherman, said the closure would cost him a season. "
        "Berg added that the harbour was already half empty."
    )
    index = find_entities(story(text))
    mayor, fisherman = named(index, "Tomas Berg"), named(index, "Karl Berg")
    assert mayor is not fisherman
    # "Berg added": the Berg the report named last.
    assert fisherman.aliases == ["Berg"] and fisherman.mentions == 2
    assert index.at("S1", text.index("Berg added"), text.index("Berg added") + 4) is fisherman
    # Alone, "Berg" could be either brother; the position in the text decides.
    assert index.resolve("Berg") is None
    assert index.resolve("Berg", "S1", text.index("Berg added")) is fisherman
    assert index.resolve("Berg", "S1", text.index("said the bridge")) is mayor
    assert index.resolve("the mayor of Vellhaven") is mayor


def test_a_wrong_first_name_with_the_same_role_does_not_split_a_person() -> None:
    index = find_entities(
        story(
            "Finnish Prime Minister Liisa Rantanen arrived in Tallinn on Tuesday.",
            "Finnish Prime Minister Anna Rantanen met Estonian officials in Tallinn.",
            "Mikko Rantanen, a hockey player, watched the talks from the gallery.",
        )
    )
    premier = named(index, "Liisa Rantanen")
    assert "Anna Rantanen" in premier.aliases  # same surname, same office: a slip
    assert named(index, "Mikko Rantanen") is not premier  # other first name, other role


def test_agencies_and_groups_are_organisations_and_common_nouns_are_no_one() -> None:
    index = find_entities(
        story(
            "Officials confirmed the talks to Reuters, according to BelTA and TASS. "
            "The Visegrad group met in Prague. Citizens gathered outside."
        )
    )
    for name in ("Reuters", "BelTA", "TASS", "Visegrad group"):
        assert named(index, name).type == "ORG"
    assert people(index) == []  # the model calls BelTA, Visegrad and Citizens people


def test_a_span_glued_from_two_names_is_split_and_the_titles_teach_the_roles() -> None:
    text = (
        "The talks in Vellhaven were confirmed by the spokesman of the Mayor of Vellhaven "
        "Tomas Berg Erik Lund. Lund said the Kremlin spokesman Dmitry Ivanov was not informed."
    )
    index = find_entities(story(text))
    assert sorted(people(index)) == ["Dmitry Ivanov", "Erik Lund", "Tomas Berg"]
    # "the spokesman of [the Mayor of Vellhaven] Tomas Berg Erik Lund": the inner title is the
    # first name's, the outer one the second's.
    assert index.resolve("the mayor of Vellhaven").name == "Tomas Berg"
    assert index.resolve("the press secretary of the mayor of Vellhaven").name == "Erik Lund"
    # "Kremlin spokesman" is the Russian president's press secretary, however it is put.
    assert index.resolve("the press secretary of the Russian president").name == "Dmitry Ivanov"


def test_a_role_phrase_standing_alone_is_a_mention_of_the_one_person_holding_it() -> None:
    text = (
        "Finnish Prime Minister Liisa Rantanen arrived in Tallinn on Tuesday. "
        "The head of the Finnish government said talks would last two days."
    )
    index = find_entities(story(text))
    premier = named(index, "Liisa Rantanen")
    assert premier.mentions == 2
    assert premier.aliases == ["head of the Finnish government"]
    start = text.index("head of the Finnish")
    assert index.at("S1", start, start + 4) is premier
    for phrase in ("the Finnish prime minister", "the prime minister of Finland", "Rantanen"):
        assert index.resolve(phrase) is premier, phrase
    assert index.resolve("the Estonian prime minister") is None  # nobody holds that role here
    assert index.resolve("Tallinn").type == "GPE"
    assert index.resolve("Olga Virtanen") is None


def test_entities_follow_the_briefing_contract() -> None:
    index = find_entities(
        story(
            "Anna Lindqvist opened the bridge in Vellhaven. Lindqvist thanked Vellhaven.",
            "The mayor of Vellhaven praised Anna Lindqvist.",
        )
    )
    assert [e.id for e in index.entities] == [f"E{n}" for n in range(1, len(index) + 1)]
    counts = [e.mentions for e in index.entities]
    assert counts == sorted(counts, reverse=True)
    first = index.entities[0].to_dict()
    assert {"name", "type", "aliases", "sources", "mentions"} <= first.keys()
    assert all(e.name not in e.aliases for e in index.entities)
    assert find_entities([]).entities == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Lukashenko", "Lukashenka", True),  # transliteration
        ("Lukashenko", "Lukashenkko", True),  # typo
        ("Mezencev", "Mezentsev", True),
        ("Berg", "Borg", False),  # short names must match closely
        ("Feldman", "Friedman", False),
        ("Petrovsky", "Semashko", False),
    ],
)
def test_surnames_match_across_spellings_but_not_across_people(a: str, b: str, same: bool) -> None:
    assert surname_match(a, b) is same


# --- sochi-2020: five real reports, three machine-translated -----------------------------------


@pytest.fixture(scope="module")
def sochi_sources(sochi: Path) -> list[Source]:
    articles = read([str(sochi)], Settings()).articles
    return [Source(f"S{n}", a, split_sentences(f"S{n}", a.text)) for n, a in enumerate(articles, 1)]


@pytest.fixture(scope="module")
def sochi_index(sochi_sources: list[Source]) -> EntityIndex:
    return find_entities(sochi_sources)


def test_sochi_lukashenko_in_every_spelling_is_one_person(sochi_index: EntityIndex) -> None:
    president = named(sochi_index, "Alexander Lukashenko")
    assert president.type == "PERSON"
    assert {"Lukashenko", "Lukashenka", "Lukashenkko", "Alexei Lukashenko"} <= set(
        president.aliases
    )
    assert president.sources == ["S1", "S2", "S3", "S4", "S5"]
    others = [e for e in sochi_index.entities if e is not president]
    assert not [e.name for e in others if "lukashenk" in " ".join([e.name, *e.aliases]).lower()]


def test_sochi_putin_peskov_and_mishustin_are_one_person_each(sochi_index: EntityIndex) -> None:
    for full, surname in [
        ("Vladimir Putin", "Putin"),
        ("Dmitry Peskov", "Peskov"),
        ("Mikhail Mishustin", "Mishustin"),
    ]:
        holders = [e for e in sochi_index.entities if surname in " ".join([e.name, *e.aliases])]
        assert [e.name for e in holders] == [full]
        assert holders[0].type == "PERSON"


def test_sochi_mezentsev_is_one_person_with_the_sources_that_name_him(
    sochi_index: EntityIndex, sochi_sources: list[Source]
) -> None:
    ambassador = sochi_index.resolve("Mezencev")
    assert ambassador is not None and ambassador is sochi_index.resolve("Mezentsev")
    assert {ambassador.name, *ambassador.aliases} == {"Dmitry Mezentsev", "Dmitry Mezencev"}
    naming = [s.id for s in sochi_sources if "Mezen" in s.article.text]
    assert ambassador.sources == naming == ["S2", "S3"]


def test_sochi_agencies_and_the_visegrad_group_are_not_people(sochi_index: EntityIndex) -> None:
    assert sochi_index.resolve("BelTA").type == "ORG"
    assert sochi_index.resolve("Visegrad group").type == "ORG"
    assert sochi_index.resolve("RIA Novosti").type == "ORG"
    for e in sochi_index.entities:
        if e.type == "PERSON":
            assert not {"BelTA", "Visegrad", "TASS", "RT", "Citizens"} & set(e.name.split())
            assert e.name not in ("Belarus", "Russia", "Gazprom", "Rosatom")


def test_sochi_glued_names_get_mentions_of_their_own(sochi_index: EntityIndex) -> None:
    # The model reads "Peskov TASS", "Gazprom Alexey Miller", "Belarus Olga Chemodanova" and
    # "the Republic of Belarus Igor Kizim" as one name each.
    for person in ("Alexey Miller", "Olga Chemodanova", "Igor Kizim"):
        assert named(sochi_index, person).type == "PERSON"
    assert named(sochi_index, "Gazprom").type == "ORG"
    assert named(sochi_index, "TASS").sources == ["S3", "S4"]


def test_sochi_names_and_role_phrases_resolve(sochi_index: EntityIndex) -> None:
    expected = {
        "Peskov": "Dmitry Peskov",
        "the press secretary of the Russian president": "Dmitry Peskov",  # as S3 puts it
        "the Kremlin spokesman": "Dmitry Peskov",
        "Putin's press secretary": "Dmitry Peskov",
        "Lukashenka": "Alexander Lukashenko",
        "the Belarusian leader": "Alexander Lukashenko",
        "the President of Belarus": "Alexander Lukashenko",
        "the Russian president": "Vladimir Putin",
        "the head of the Russian government": "Mikhail Mishustin",
        "the head of the Czech government": "Andrei Babis",
    }
    for phrase, name in expected.items():
        found = sochi_index.resolve(phrase)
        assert found is not None and found.name == name, phrase
    assert sochi_index.resolve("the President") is None  # two presidents in this story


def test_sochi_name_of_gives_quotes_and_contradictions_the_canonical_name(
    sochi_index: EntityIndex, sochi_sources: list[Source]
) -> None:
    # Attributions come whole: a title and a name, or a name the report spells its own way.
    text = sochi_sources[1].article.text  # S2: "… of the President of Russia Vladimir Putin Dmitry
    at = text.index("Dmitry Peskov")  # Peskov", one span to the model
    assert sochi_index.name_of("the press secretary of the President of Russia Dmitry Peskov") == (
        "Dmitry Peskov"
    )
    assert sochi_index.name_of("Lukashenkko", "S5", 0) == "Alexander Lukashenko"
    assert sochi_index.name_of("the expert") is None
    assert sochi_index.at("S2", at, at + len("Dmitry Peskov")).name == "Dmitry Peskov"
    assert sochi_index.at("S2", at - len("Vladimir Putin "), at - 1).name == "Vladimir Putin"


def test_sochi_role_phrases_count_as_mentions(sochi_index: EntityIndex) -> None:
    president = named(sochi_index, "Alexander Lukashenko")
    assert {"Belarusian leader", "President of Belarus"} <= set(president.aliases)
    assert "head of the Russian government" in named(sochi_index, "Mikhail Mishustin").aliases
    assert president.mentions == len(president.spans)


def test_sochi_every_mention_points_at_its_text(
    sochi_index: EntityIndex, sochi_sources: list[Source]
) -> None:
    texts = {s.id: s.article.text for s in sochi_sources}
    for e in sochi_index.entities:
        assert e.mentions == len(e.spans)
        for m in e.spans:
            assert texts[m.source][m.start : m.end] == m.text
            assert sochi_index.at(m.source, m.start, m.end) is not None


def test_transliterations_of_a_given_name_are_one_name_and_other_names_are_not() -> None:
    from storyline.annotate.entities.names import same_given_name

    for a, b in [("Yevgeny", "Evgeny"), ("Alexei", "Aleksey"), ("Dmitry", "Dmitri")]:
        assert same_given_name(a, b), (a, b)
    for a, b in [("Alexei", "Alexander"), ("John", "James")]:
        assert not same_given_name(a, b), (a, b)
