"""Which sentences can stand alone in a summary, and which can lead it."""

from __future__ import annotations

import pytest

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
    ("Closed for weeks.", "a fragment"),
    ("The harbour authority confirmed the closure in a statement…", "a cut sentence"),
    ("A spokeswoman for the ferry company declined to comment.", "no news"),
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
