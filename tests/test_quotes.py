"""Quotes: direct and reported speech, speakers, channels, merging (annotate/quotes/).

Unit tests use made-up lines; the sochi-2020 tests run on the shared real corpus (skipped when it
is absent) with a small dictionary resolver standing in for the entity index.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from storyline.annotate.quotes import find_quotes
from storyline.annotate.sentences import split_sentences
from storyline.characters import normalize
from storyline.model import Article, Quote, Source

ROOT = Path(__file__).resolve().parents[1]

PEOPLE = {
    "ilse varga": "Ilse Varga",
    "varga": "Ilse Varga",
    "mayor ilse varga": "Ilse Varga",
    "tomas brenn": "Tomas Brenn",
    "brenn": "Tomas Brenn",
    "anna lind": "Anna Lind",
    "lind": "Anna Lind",
    "piet lund": "Piet Lund",
    "jan holt": "Jan Holt",
    "the harbour master": "Jan Holt",
    "the council": "Northport City Council",
    "northport city council": "Northport City Council",
    # Agencies and places resolve too, as the entity index would: they must still never speak.
    "ria novosti": "RIA Novosti",
    "belta": "BelTA",
    "tass": "TASS",
    "northport": "Northport",
}


def dict_resolver(table: dict[str, str]):
    calls: list[tuple[str, str, int]] = []

    def resolve(name: str, source: str, offset: int) -> str | None:
        calls.append((name, source, offset))
        return table.get(name.lower())

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


def src(sid: str, text: str) -> Source:
    return Source(sid, Article(text=text), split_sentences(sid, text))


def quotes(*texts: str, table: dict[str, str] = PEOPLE) -> list[Quote]:
    sources = [src(f"S{i}", t) for i, t in enumerate(texts, 1)]
    return find_quotes(sources, dict_resolver(table))


def one(found: list[Quote], words: str) -> Quote:
    hits = [q for q in found if words.lower() in q.text.lower()]
    assert len(hits) == 1, (words, [q.text for q in found])
    return hits[0]


# ------------------------------------------------------------------------- direct quotes


def test_said_x():
    q = one(quotes('"The harbour will reopen in the spring," said Ilse Varga.'), "harbour")
    assert (q.kind, q.speaker, q.channel) == ("direct", "Ilse Varga", None)
    assert q.text == "The harbour will reopen in the spring"
    assert q.sources == ["S1"]


def test_x_said_with_adjunct():
    q = one(quotes('"We need more time for the repairs," Varga said on Tuesday.'), "more time")
    assert (q.kind, q.speaker) == ("direct", "Ilse Varga")


def test_x_said_colon_before_quote():
    text = 'Varga told reporters: "The budget is not the problem here."'
    q = one(quotes(text), "budget")
    assert (q.kind, q.speaker, q.text) == (
        "direct",
        "Ilse Varga",
        "The budget is not the problem here",
    )


def test_x_noted_that_quote():
    q = one(quotes('Brenn, for his part, noted that "no ship has left the port yet."'), "no ship")
    assert (q.kind, q.speaker) == ("direct", "Tomas Brenn")


def test_according_to_x_before_quote():
    q = one(quotes('According to Brenn, "the numbers do not add up at all."'), "numbers")
    assert (q.kind, q.speaker) == ("direct", "Tomas Brenn")


def test_title_and_role_before_name():
    text = (
        '"The ferry will run every hour," said the head of the port authority of Northport '
        "Tomas Brenn."
    )
    q = one(quotes(text), "ferry")
    assert q.speaker == "Tomas Brenn"  # the name ends the phrase; "Northport" is a complement


def test_lowercase_role_after_said():
    q = one(quotes('"Nobody was hurt tonight," said harbour pilot Piet Lund.'), "nobody")
    assert q.speaker == "Piet Lund"


def test_relative_clause_after_attribution_is_reported_speech():
    text = (
        '"The signs were there for years," said Anna Lind, who claimed that the rust had first '
        "been reported in 2021."
    )
    found = quotes(text)
    direct, reported = one(found, "signs"), one(found, "rust")
    assert (direct.kind, direct.speaker) == ("direct", "Anna Lind")
    assert (reported.kind, reported.speaker) == ("reported", "Anna Lind")
    assert reported.text == "the rust had first been reported in 2021"


def test_attribution_in_the_next_sentence():
    text = '"The deal is dead and buried." Tomas Brenn said this to reporters on Friday.'
    q = one(quotes(text), "dead and buried")
    assert (q.kind, q.speaker) == ("direct", "Tomas Brenn")


def test_quote_continued_after_its_attribution():
    text = (
        "Brenn spoke to the crews on the quay.\n\n"
        '"The first part is done," he said. "The second part will follow next week."'
    )
    found = quotes(text)
    assert [(q.kind, q.speaker) for q in found] == [("direct", "Tomas Brenn")] * 2


def test_adding_that_after_attribution():
    found = quotes('"We are ready," Varga said, adding that the crews had trained for months.')
    assert one(found, "ready").speaker == "Ilse Varga"
    q = one(found, "trained")
    assert (q.kind, q.speaker, q.text) == (
        "reported",
        "Ilse Varga",
        "the crews had trained for months",
    )


def test_age_apposition():
    assert one(quotes('"It is over for us now," Brenn, 45, said.'), "over").speaker == "Tomas Brenn"


def test_two_speakers_are_not_one():
    q = one(quotes("Varga and Brenn said the vote had been rigged."), "rigged")
    assert (q.kind, q.speaker) == ("reported", None)


# ------------------------------------------------------------------------- channel vs speaker


def test_agency_quoted_x_as_saying():
    q = one(
        quotes('"We will not sign anything today," RIA Novosti quoted Brenn as saying.'), "sign"
    )
    assert (q.speaker, q.channel) == ("Tomas Brenn", "RIA Novosti")


def test_agency_quotes_x_as_saying():
    q = one(
        quotes('"The talks were useful for both sides," BelTA quotes Varga as saying.'), "talks"
    )
    assert (q.speaker, q.channel) == ("Ilse Varga", "BelTA")


def test_translation_order_quoted_speaker_agency():
    q = one(quotes('"Nothing has been decided on the tariffs yet" - quoted Brenn TASS.'), "tariffs")
    assert (q.speaker, q.channel) == ("Tomas Brenn", "TASS")


def test_as_cited_by_agency_in_reported_speech():
    text = "The port talks have ended without a deal, said Piet Lund, as cited by TASS."
    q = one(quotes(text), "port talks")
    assert (q.kind, q.speaker, q.channel) == ("reported", "Piet Lund", "TASS")


def test_told_agency_is_the_channel():
    found = quotes(
        'Anna Lind arrived on Monday.\n\n"We will win this vote," she told the BBC.',
        "Brenn told RIA Novosti that the port would stay closed.",
    )
    assert (one(found, "win").speaker, one(found, "win").channel) == ("Anna Lind", "BBC")
    assert (one(found, "port").speaker, one(found, "port").channel) == (
        "Tomas Brenn",
        "RIA Novosti",
    )


def test_agency_is_never_a_speaker():
    text = (
        '"The convoy has crossed the border," RIA Novosti said.\n\n'
        "According to TASS, the convoy was stopped at the second checkpoint."
    )
    found = quotes(text)
    assert found, "both statements are attributed"
    assert all(q.speaker is None for q in found)
    assert {q.channel for q in found} == {"RIA Novosti", "TASS"}


def test_agency_quotes_role_phrase_refers_back_to_the_one_speaker():
    text = (
        "Tomas Brenn spoke at length about the sanctions on Monday.\n\n"
        '"We do not rule out further steps against the shipping firms," RIA Novosti quotes the '
        "diplomat."
    )
    q = one(quotes(text), "shipping firms")
    assert (q.speaker, q.channel) == ("Tomas Brenn", "RIA Novosti")


# ------------------------------------------------------------------------- pronouns and roles


def test_pronoun_resolves_to_previous_person():
    text = 'Tomas Brenn arrived at the harbour on Monday morning.\n\n"Talks have begun," he said.'
    q = one(quotes(text), "talks have begun")
    assert (q.kind, q.speaker) == ("direct", "Tomas Brenn")


def test_pronoun_prefers_the_previous_speaker_and_chains():
    text = (
        "Anna Lind said that the dock workers would return on Friday.\n\n"
        "She noted that the strike fund was nearly empty.\n\n"
        '"We cannot hold out another month without help," she said.'
    )
    found = quotes(text)
    assert {q.speaker for q in found} == {"Anna Lind"}
    assert len(found) == 3


def test_pronoun_without_antecedent_stays_none():
    text = 'The weather was cold and grey all week.\n\n"Talks have begun," he said.'
    assert one(quotes(text), "talks").speaker is None


def test_pronoun_is_never_sent_to_the_resolver_as_a_name():
    resolve = dict_resolver(PEOPLE)
    find_quotes([src("S1", 'Varga came late.\n\n"We start now, at last," he said.')], resolve)
    assert all(name.lower() not in {"he", "she"} for name, _, _ in resolve.calls)


def test_role_phrase_resolved_by_the_resolver():
    q = one(quotes('"The port stays open to all ships," the harbour master said.'), "port stays")
    assert q.speaker == "Jan Holt"


def test_unknown_role_phrase_stays_none():
    text = 'Prices rose again in March.\n\n"This is a disaster for the town," the expert believes.'
    q = one(quotes(text), "disaster")
    assert (q.kind, q.speaker) == ("direct", None)


def test_role_phrase_with_two_candidates_is_ambiguous():
    text = (
        "Anna Lind and Tomas Brenn met the fishermen on Monday.\n\n"
        '"The result was expected by everyone," the expert said.'
    )
    assert one(quotes(text), "result").speaker is None


def test_role_phrase_after_one_named_person():
    text = (
        "Political scientist Anna Lind commented on the vote.\n\n"
        '"The result was expected by everyone," the expert said.'
    )
    assert one(quotes(text), "result").speaker == "Anna Lind"


def test_organisation_phrase_never_refers_back_to_a_person():
    table = {k: v for k, v in PEOPLE.items() if "council" not in k}
    text = (
        "A council spokesperson, Anna Lind, said the repairs would take months.\n\n"
        "The ferry will be free for everyone from Wednesday, the council said."
    )
    found = quotes(text, table=table)
    assert one(found, "repairs").speaker == "Anna Lind"
    assert one(found, "ferry").speaker is None


# ------------------------------------------------------------------------- what is not a quote


def test_scare_quotes_are_not_quotes():
    text = (
        'The minister wants to put a "fat full stop" in the dispute over the quay.\n\n'
        'The plan will raise "key questions of further cooperation between the two ports."\n\n'
        'The so-called "harbour tax" was dropped.'
    )
    found = quotes(text)
    assert [q for q in found if q.kind == "direct"] == []


def test_short_fragment_with_speech_verb_is_a_quote():
    assert one(quotes('Varga came in.\n\n"Talks have begun," she said.'), "talks").kind == "direct"


def test_quoted_heading_is_not_a_quote():
    assert quotes('"Avoid the harbour scenario"\n\nThe council met on Monday.') == []


def test_unattributed_whole_statement_is_a_quote_without_speaker():
    text = 'Crowds gathered at the quay.\n\n"We will stay here until the port opens again."'
    q = one(quotes(text), "stay here")
    assert (q.kind, q.speaker) == ("direct", None)


# ------------------------------------------------------------------------- shapes of quotes


def test_multi_paragraph_quote_is_one_quote():
    text = (
        "The mayor spoke after the meeting.\n\n"
        '"We are working on the details of the new timetable.\n\n'
        "Of course, there will be many more questions from the ferry operators.\n\n"
        'When there is cooperation, questions appear and we resolve them," BelTA quotes Varga '
        "as saying."
    )
    found = quotes(text)
    assert len(found) == 1
    q = found[0]
    assert (q.speaker, q.channel) == ("Ilse Varga", "BelTA")
    assert q.text.startswith("We are working") and q.text.endswith("we resolve them")
    assert "\n" not in q.text
    ev = q.evidence[0]
    assert ev.text.startswith('"We are working')  # evidence: the quote's first sentence
    assert text[ev.start : ev.end] == ev.text


def test_multi_paragraph_quote_english_convention():
    text = (
        '"We are working on the details of the new timetable.\n\n'
        '"There will be many more questions from the ferry operators," Varga said.'
    )
    found = quotes(text)
    assert len(found) == 1 and found[0].speaker == "Ilse Varga"
    assert "ferry operators" in found[0].text


def test_misplaced_closing_quote():
    text = '"The port stays open to all ships and boats, "the harbour master said.'
    q = one(quotes(text), "port stays")
    assert (q.speaker, q.text) == ("Jan Holt", "The port stays open to all ships and boats")


def test_misplaced_closing_quote_repaired_by_the_cleaner():
    text = normalize("“The port stays open to all ships and boats, ”the harbour master said.")
    q = one(quotes(text), "port stays")
    assert (q.speaker, q.text) == ("Jan Holt", "The port stays open to all ships and boats")


def test_curly_quotes_after_cleaning():
    text = normalize("“The port stays open to all ships,” said Ilse Varga.")
    q = one(quotes(text), "port stays")
    assert q.speaker == "Ilse Varga"


def test_quote_keeps_the_sources_apostrophes_and_dashes():
    text = normalize("“The port’s gates stay open — day and night,” said Ilse Varga.")
    q = one(quotes(text), "gates stay")
    assert (q.speaker, q.text) == ("Ilse Varga", "The port’s gates stay open — day and night")


def test_quote_inside_quote():
    text = '"We call this the "blue line" plan for the harbour," said Ilse Varga.'
    q = one(quotes(text), "blue line")
    assert q.speaker == "Ilse Varga"
    assert q.text == 'We call this the "blue line" plan for the harbour'


# ------------------------------------------------------------------------- reported speech


@pytest.mark.parametrize(
    ("text", "speaker", "clause"),
    [
        (
            "Varga said that the bridge would stay closed until May.",
            "Ilse Varga",
            "the bridge would stay closed until May",
        ),
        (
            "Earlier, Tomas Brenn stressed that the ferry was safe.",
            "Tomas Brenn",
            "the ferry was safe",
        ),
        (
            "Varga told reporters the bridge would reopen in June.",
            "Ilse Varga",
            "the bridge would reopen in June",
        ),
        (
            "According to Brenn, the port lost money last year.",
            "Tomas Brenn",
            "the port lost money last year",
        ),
        (
            "The ferry will run every hour from Wednesday, the council said.",
            "Northport City Council",
            "The ferry will run every hour from Wednesday",
        ),
        (
            "As Anna Lind noted, the quay is older than the bridge.",
            "Anna Lind",
            "the quay is older than the bridge",
        ),
        (
            "Several residents believe that the plan is too expensive.",
            None,
            "the plan is too expensive",
        ),
    ],
)
def test_reported_speech(text, speaker, clause):
    found = quotes(text)
    assert len(found) == 1, [q.text for q in found]
    q = found[0]
    assert (q.kind, q.speaker, q.text) == ("reported", speaker, clause)
    assert q.evidence[0].sentence == 0 and q.evidence[0].text == text


def test_reported_speech_not_double_counted_with_direct_quote():
    found = quotes('Varga said that "the bridge would stay closed until May."')
    assert len(found) == 1 and found[0].kind == "direct"


def test_narration_is_not_reported_speech():
    text = (
        "Along with this, Brenn announced the possibility of new fees for the harbour.\n\n"
        "The ferry crossed the harbour in twelve minutes.\n\n"
        "It is reported that the quay was closed."
    )
    assert [q.text for q in quotes(text) if q.speaker == "Tomas Brenn"] == []
    assert all(q.speaker is None for q in quotes(text))


# ------------------------------------------------------------------------- merging and evidence


def test_same_quote_in_two_sources_is_merged():
    found = quotes(
        '"We will rebuild the bridge within two years," said Ilse Varga.',
        'Crowds gathered.\n\n"We will rebuild the bridge within two years," the mayor said.',
        '"We will rebuild the old bridge within two years at most," Varga told reporters.',
    )
    assert len(found) == 1
    q = found[0]
    assert q.sources == ["S1", "S2", "S3"]
    assert q.speaker == "Ilse Varga"  # S2 alone does not resolve "the mayor"
    assert [e.source for e in q.evidence] == ["S1", "S2", "S3"]


def test_several_quotes_merge_pairwise():
    story = (
        "Anna Lind spoke at the quay on Monday.\n\n"
        '"The harbour will reopen in the spring," she said.\n\n'
        '"The ferry stays free for everyone until then," Lind added.\n\n'
        "Tomas Brenn said that the fishermen would be paid for their lost weeks."
    )
    found = quotes(story, story.replace("Monday", "Tuesday"))
    assert [(q.speaker, q.sources) for q in found] == [
        ("Anna Lind", ["S1", "S2"]),
        ("Anna Lind", ["S1", "S2"]),
        ("Tomas Brenn", ["S1", "S2"]),
    ]


def test_speaker_from_a_later_source_fills_in():
    found = quotes(
        'Crowds gathered.\n\n"We will rebuild the bridge within two years," the mayor said.',
        '"We will rebuild the bridge within two years," said Ilse Varga.',
    )
    assert len(found) == 1 and found[0].speaker == "Ilse Varga"


def test_same_words_different_speakers_are_not_merged():
    found = quotes(
        '"We will rebuild the bridge within two years," said Ilse Varga.',
        '"We will rebuild the bridge within two years," said Tomas Brenn.',
    )
    assert sorted(q.speaker for q in found) == ["Ilse Varga", "Tomas Brenn"]


def test_different_quotes_are_not_merged():
    found = quotes(
        '"We will rebuild the bridge within two years," said Ilse Varga.',
        '"The ferry is free for everyone until the bridge reopens," said Ilse Varga.',
    )
    assert len(found) == 2


def test_evidence_points_at_the_source_sentence():
    text = (
        "The harbour was quiet on Monday.\n\n"
        "Brenn spoke to the crews.\n\n"
        '"We are ready to sail as soon as the wind drops," Brenn said.'
    )
    source = src("S1", text)
    (q,) = find_quotes([source], dict_resolver(PEOPLE))
    (ev,) = q.evidence
    sentence = next(s for s in source.sentences if s.index == ev.sentence)
    assert (ev.source, ev.text, ev.start, ev.end) == (
        "S1",
        sentence.text,
        sentence.start,
        sentence.end,
    )
    assert text[ev.start : ev.end] == ev.text
    assert q.to_dict()["evidence"][0]["sentence"] == ev.sentence


def test_resolver_gets_offsets_of_the_mention():
    text = 'The quay was closed.\n\n"We need more time," said Ilse Varga.'
    resolve = dict_resolver(PEOPLE)
    find_quotes([src("S1", text)], resolve)
    assert ("Ilse Varga", "S1", text.index("Ilse Varga")) in resolve.calls


def test_empty_and_quoteless_sources():
    assert find_quotes([], dict_resolver(PEOPLE)) == []
    assert quotes("The bridge was closed on Tuesday after engineers found cracks.") == []
    assert find_quotes([Source("S1", Article(text=""), [])], dict_resolver(PEOPLE)) == []


# ------------------------------------------------------------------------- the example story


def test_example_story_against_gold():
    """The vellhaven example with a resolver built from the gold entities: every gold quote."""
    gold = json.loads((ROOT / "bench" / "gold" / "vellhaven-bridge-closure.json").read_text())
    table: dict[str, str] = {}
    for e in gold["entities"] + gold.get("entities_optional", []):
        for form in [e["name"], *e.get("aliases", [])]:
            table[form.lower()] = e["name"]
            table[form.lower().removeprefix("the ")] = e["name"]
        if e["type"] == "PERSON":
            table[e["name"].split()[-1].lower()] = e["name"]
    from storyline.pipeline import read
    from storyline.settings import Settings

    arts = read([str(ROOT / "examples" / "vellhaven-bridge-closure")], Settings()).articles
    sources = [src(f"S{i}", a.text) for i, a in enumerate(arts, 1)]
    found = find_quotes(sources, dict_resolver(table))
    right = 0
    for g in gold["quotes"]:
        best = max(found, key=lambda q: fuzz.token_set_ratio(q.text.lower(), g["text"].lower()))
        assert fuzz.token_set_ratio(best.text.lower(), g["text"].lower()) >= 80, g["text"]
        right += best.speaker == g["speaker"] and best.kind == g["kind"]
    assert right >= 0.9 * len(gold["quotes"])


# ------------------------------------------------------------------------- sochi-2020 (real)

SOCHI_NAMES = {
    "Dmitry Peskov": ["Peskov", "Dmitry Peskov"],
    "Alexander Lukashenko": [
        "Lukashenko",
        "Lukashenka",
        "Lukashenkko",
        "Alexander Lukashenko",
        "Alexei Lukashenko",
        "the President of Belarus",
        "the Belarusian leader",
    ],
    "Vladimir Putin": ["Putin", "Vladimir Putin"],
    "Stephen Bigan": ["Bigan", "Stephen Bigan"],
    "Viktor Vodolatsky": ["Vodolatsky", "Viktor Vodolatsky"],
    "Ivan Mezyukho": ["Mezyukho", "Mezyuho", "Ivan Mezyukho"],
    "Pavel Feldman": ["Feldman", "Pavel Feldman"],
    "Pyotr Petrovsky": ["Petrovsky", "Pyotr Petrovsky"],
    "Vladimir Shapovalov": ["Shapovalov", "Vladimir Shapovalov"],
    "Andrei Babis": ["Babis", "Andrei Babis"],
    "Mateusz Morawiecki": ["Morawiecki", "Mateusz Morawiecki"],
    "Mikhail Mishustin": ["Mishustin", "Mikhail Mishustin"],
    "Anton Siluanov": ["Siluanov", "Anton Siluanov"],
    "Dmitry Mezentsev": ["Mezentsev", "Mezencev", "Dmitry Mezentsev", "Dmitry Mezencev"],
    "Igor Kizim": ["Kizim", "Igor Kizim"],
    "Kremlin": ["Kremlin", "the Kremlin"],
    # Resolvable, as the entity index resolves them, but never speakers.
    "RIA Novosti": ["RIA Novosti"],
    "BelTA": ["BelTA"],
    "TASS": ["TASS"],
    "Russia": ["Russia"],
    "Belarus": ["Belarus"],
    "Moscow": ["Moscow"],
    "Minsk": ["Minsk"],
    "United States": ["United States", "the United States"],
}
SOCHI_TABLE = {form.lower(): name for name, forms in SOCHI_NAMES.items() for form in forms}


@pytest.fixture(scope="module")
def sochi_sources(sochi: Path) -> list[Source]:
    from storyline.pipeline import read
    from storyline.settings import Settings

    arts = read([str(sochi)], Settings()).articles
    return [Source(f"S{i}", a, split_sentences(f"S{i}", a.text)) for i, a in enumerate(arts, 1)]


@pytest.fixture(scope="module")
def sochi_quotes(sochi_sources: list[Source]) -> list[Quote]:
    found = find_quotes(sochi_sources, dict_resolver(SOCHI_TABLE))
    with_speaker = sum(q.speaker is not None for q in found)
    kinds = {k: sum(q.kind == k for q in found) for k in ("direct", "reported")}
    print(
        f"\nsochi-2020: {len(found)} quotes ({kinds['direct']} direct, {kinds['reported']} "
        f"reported), {with_speaker} with a speaker, {len(found) - with_speaker} without"
    )
    return found


def test_sochi_peskov_quoted(sochi_quotes):
    peskov = [q for q in sochi_quotes if q.speaker == "Dmitry Peskov" and q.kind == "direct"]
    assert any(
        "talks have begun" in q.text.lower() or "working visit" in q.text.lower() for q in peskov
    ), [q.text for q in peskov]


def test_sochi_agencies_are_channels_never_speakers(sochi_quotes):
    agencies = {"RIA Novosti", "BelTA", "TASS", "RT"}
    assert not [q for q in sochi_quotes if q.speaker in agencies]
    ria = [q for q in sochi_quotes if q.channel == "RIA Novosti"]
    assert ria and all(q.speaker != "RIA Novosti" for q in ria)
    assert any(q.speaker == "Stephen Bigan" for q in ria)


def test_sochi_belta_relays_lukashenko(sochi_quotes):
    assert any(q.channel == "BelTA" and q.speaker == "Alexander Lukashenko" for q in sochi_quotes)


def test_sochi_tass_relays_peskov(sochi_quotes):
    assert any(q.channel == "TASS" and q.speaker == "Dmitry Peskov" for q in sochi_quotes)


def test_sochi_fat_point_is_not_a_quote(sochi_quotes):
    direct = [q for q in sochi_quotes if q.kind == "direct"]
    assert not [q for q in direct if "fat point" in q.text.lower()]
    assert not [q for q in sochi_quotes if q.text.lower().strip(' ".') == "fat point"]


def test_sochi_named_speakers(sochi_quotes):
    speakers = {q.speaker for q in sochi_quotes if q.kind == "direct"}
    assert {"Viktor Vodolatsky", "Ivan Mezyukho", "Stephen Bigan"} <= speakers
    assert any(q.speaker == "Ivan Mezyukho" and q.kind == "reported" for q in sochi_quotes)


def test_sochi_places_never_speak(sochi_quotes):
    places = {"Russia", "Belarus", "Moscow", "Minsk", "United States"}
    assert not [q for q in sochi_quotes if q.speaker in places]


def test_sochi_evidence_is_verbatim(sochi_sources, sochi_quotes):
    texts = {s.id: s.article.text for s in sochi_sources}
    for q in sochi_quotes:
        assert q.evidence and {e.source for e in q.evidence} == set(q.sources)
        for e in q.evidence:
            assert texts[e.source][e.start : e.end] == e.text
