"""Which sentences can stand alone in a summary, and which can lead it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.annotate.sentences import split_sentences
from storyline.inputs.files import read_inputs
from storyline.standalone import is_quote, reads_alone, tells_news

ALONE = [
    "The Harbour Authority closed the north pier on Friday after a crane collapsed.",
    '"We will reopen the pier once it is safe," harbour master Ines Varga said.',
    "Tickets for the tour go on sale on Friday at 10 a.m. local time.",
    "Earlier that night, a harbour patrol searched the same pier but found nobody.",
    "This week the council will vote on the ferry subsidy for the island.",
    "The ferry -- which carries 900 people a day -- will stop running on 1 May.",
    "“We will reopen the pier once it’s safe,” harbour master Ines Varga said.",
    "港务局周五在一台起重机倒塌后关闭了北码头。",
    "বন্দর কর্তৃপক্ষ শুক্রবার উত্তর জেটি বন্ধ করে দিয়েছে।",
    "On that day the council voted to close the north pier for good.",
    "In one of its statements the council said the pier would stay shut.",
    'Some call the ferry "the slowest in Europe," it turns out with good reason.',
    "The harbour master said that for now the north pier would stay closed to ferries.",
    "The authority reported that in May the crane had been inspected and passed.",
    "In her speech on Monday, Mayor Ines Varga said the pier would reopen in June.",
]
NOT_ALONE = [
    ("Here's what the early reviews say:", "a teaser ending in a colon"),
    ('"But the third is somewhat hard to find beyond the harbour," he said.', "quote of 'he'"),
    ("He said the pier would stay closed for weeks.", "a pronoun opener"),
    ("But the crane had been inspected in May.", "a 'but' opener"),
    ("Later this information was confirmed by the harbour master.", "'this' after an adverb"),
    ("June 23 -- Seafront Arena, Portmere", "a tour-list line"),
    ("Is the north pier safe to use at all?", "a question"),
    ('First, "Is the pier safe?"', "a question in quotes"),
    ('"We got him. We got him."', "all quote, no speaker"),
    ("“We got him. We got him.”", "all quote in curly marks, no speaker"),
    ("“But the third is somewhat hard to find beyond the harbour,” he said.", "curly, of 'he'"),
    ("北码头现在还能安全使用吗？", "a question with a full-width mark"),
    ("Read our full review of the new ferry here.", "link text"),
    ("Follow us for updates on the harbour: pic.twitter.com/abc123", "page clutter"),
    ("Get the week's harbour stories and tide tables in your inbox every Friday.", "a pitch"),
    ("Closed for weeks.", "a fragment"),
    ("The harbour authority confirmed the closure in a statement…", "a cut sentence"),
    ("A spokeswoman for the ferry company declined to comment.", "no news"),
    ("In particular, the council will discuss the timetable and the fees.", "a connective"),
    ("On one of those nights the patrol saw a light on the north pier.", "'those' points back"),
    ("In it, the harbour master denied that the crane was overloaded.", "'in it' points back"),
    ("Later that evening, she confirmed that the pier would stay closed.", "'she' after a phrase"),
    ('"Well, honestly? No," she assures the crew.', "quote of 'she', any verb"),
    ("Updated at 4:05 p.m.", "a page's time stamp"),
    ("The Harbour Gazette has reported that for its part in the collapse.", "a verbless report"),
]


@pytest.mark.parametrize("text", ALONE)
def test_statements_and_credited_quotes_read_alone(text: str) -> None:
    assert reads_alone(text)


@pytest.mark.parametrize(("text", "why"), NOT_ALONE)
def test_sentences_that_need_their_neighbours_do_not(text: str, why: str) -> None:
    assert not reads_alone(text), why


def test_a_lead_names_who_or_what_and_is_not_a_quote() -> None:
    assert tells_news(ALONE[0])
    assert not tells_news(ALONE[1]) and is_quote(ALONE[1])
    assert not tells_news("It was the splash heard around the whole bay that evening.")


def test_real_sentences_that_elaborate_the_one_before_do_not_read_alone(sochi: Path) -> None:
    """The sochi reports copy the Kremlin's agenda, whose second sentence opens "In particular":
    it only elaborates the first, so it cannot stand in a summary without it."""
    sentences = [
        s.text
        for article in read_inputs([str(sochi)], 10_000_000)
        for s in split_sentences("S", article.text)
    ]
    elaborations = [s for s in sentences if re.match(r"In particular\b", s)]
    assert elaborations
    assert not any(reads_alone(s) for s in elaborations)
    assert sum(reads_alone(s) for s in sentences) > len(sentences) / 2
