"""Syndication: copies and light rewrites of one text, and one outlet's reports, are one voice."""

from __future__ import annotations

import re

from storyline.dedup import dependences, voices
from storyline.model import Article, Source

WIRE = "\n\n".join(
    [
        "Firefighters in Lindmark brought a blaze at the Ostervik paint factory under control "
        "early on Sunday after a night-long battle, the regional fire service said.",
        "About forty workers on the night shift left the building safely when the alarm sounded "
        "shortly after eleven o'clock on Saturday evening.",
        "Smoke could be seen from the motorway, and residents of three nearby streets were told to "
        "keep their windows closed until the morning.",
        "The cause of the fire is not yet known, and investigators will examine the site once the "
        "building has been declared safe to enter.",
    ]
)
OWN_REPORT = "\n\n".join(
    [
        "A paint factory in Lindmark burned through Saturday night, and neighbours say they were "
        "woken by explosions before the fire engines arrived at the gates.",
        "The plant's owner told our reporter that production would stop for at least a month, "
        "putting the jobs of temporary staff at risk over the winter.",
    ]
)


def source(sid: str, text: str, outlet: str | None) -> Source:
    return Source(sid, Article(text=text, outlet=outlet))


def test_a_lightly_edited_copy_is_one_voice() -> None:
    paragraphs = WIRE.split("\n\n")
    copy = (
        "\n\n".join(["Our region woke to bad news on Sunday.", *paragraphs[:3]])
        .replace("About forty", "Some forty")
        .replace("the regional fire service said", "officials said")
    )
    sources = [
        source("S1", WIRE, "Lindmark Press Agency"),
        source("S2", copy, "Valley Herald"),
        source("S3", OWN_REPORT, "Coast Times"),
    ]
    [dep] = dependences(sources)
    assert (dep.a, dep.b) == ("S1", "S2") and dep.reason in {"copy", "shared paragraphs"}
    assert voices(sources) == {"S1": "S1", "S2": "S1", "S3": "S3"}


def test_independent_reports_of_one_event_stay_independent() -> None:
    sources = [source("S1", WIRE, "Lindmark Press Agency"), source("S2", OWN_REPORT, "Coast Times")]
    assert dependences(sources) == []


def test_two_reports_of_one_outlet_are_one_voice() -> None:
    sources = [source("S1", WIRE, "Coast Times"), source("S2", OWN_REPORT, "coast times")]
    assert voices(sources)["S2"] == "S1"
    assert dependences(sources)[0].reason == "same outlet"


def test_signatures_are_datasketchs() -> None:
    """The thresholds were set with datasketch's MinHash; ours must give the same estimates."""
    from datasketch import MinHash

    from storyline.dedup import NUM_PERM, _jaccard, _minhash

    def theirs(text: str) -> MinHash:
        words = re.findall(r"\w+", text.lower())
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([" ".join(words[i : i + 5]).encode() for i in range(len(words) - 4)])
        return m

    copy = WIRE.replace("About forty", "Some forty")
    assert (_minhash(WIRE) == theirs(WIRE).hashvalues).all()
    assert _jaccard(_minhash(WIRE), _minhash(copy)) == theirs(WIRE).jaccard(theirs(copy))
    assert _jaccard(_minhash(""), _minhash("")) == 1.0


def test_the_voice_count_is_the_one_a_briefing_cites() -> None:
    """`voice_count` decides which stories a batch job briefs: it must answer as the briefing
    would, for copies of one wire text with no outlet named and for independent reports."""
    from storyline.pipeline import brief_articles
    from storyline.settings import Settings
    from storyline.steps import voice_count

    settings = Settings()
    copies = [
        Article(text=WIRE, path="a.txt"),
        Article(text=WIRE + "\n\nThe service thanked the volunteers.", path="b.txt"),
    ]
    independent = [*copies, Article(text=OWN_REPORT, outlet="Coast Times", path="c.txt")]
    for articles, expected in ((copies, 1), (independent, 2)):
        briefing = brief_articles(articles, settings)
        assert voice_count(articles, settings) == len({s.voice for s in briefing.sources})
        assert voice_count(articles, settings) == expected
