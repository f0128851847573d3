"""The timeline, on made-up sources, the sochi-2020 reports (undated, few years) and examples."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from conftest import STORY
from storyline.annotate.dates import assign_reference_dates, find_dates
from storyline.annotate.sentences import split_sentences
from storyline.model import Article, Claim, Evidence, Source, TimelineEvent
from storyline.pipeline import read
from storyline.settings import Settings, TimelineTuning
from storyline.timeline import build_timeline


def load(path: Path) -> list[Source]:
    articles = read([str(path)], Settings()).articles
    return [Source(f"S{i}", a, split_sentences(f"S{i}", a.text)) for i, a in enumerate(articles, 1)]


def source(sid: str, text: str, published: str | None = None) -> Source:
    return Source(sid, Article(text=text, published=published), split_sentences(sid, text))


def on(events: list[TimelineEvent], day: str) -> list[TimelineEvent]:
    return [e for e in events if e.date == day]


def well_formed(events: list[TimelineEvent], sources: list[Source]) -> None:
    by_id = {s.id: s for s in sources}
    assert len(events) <= TimelineTuning().max_events
    assert [e.date for e in events] == sorted(e.date for e in events)
    for e in events:
        assert e.text in [ev.text for ev in e.evidence]
        assert e.sources == sorted({ev.source for ev in e.evidence}, key=list(by_id).index)
        assert e.end is None or e.end > e.date
        for ev in e.evidence:
            assert by_id[ev.source].article.text[ev.start : ev.end] == ev.text


# Made-up sources


def test_a_tour_s_list_of_dates_is_a_schedule_not_events() -> None:
    text = (
        "The Harbour Singers will tour the coast next summer, the band said on Monday.\n\n"
        "June 23 -- Seafront Arena at the old harbour of Portmere, with the Quay Band\n\n"
        "July 2 -- Old Quay Hall on the north pier of Vellhaven, with the Quay Band"
    )
    sources = [source("S1", text, "2026-11-02")]
    assert len(sources[0].sentences) == 3  # the list's lines are long enough to be no headings
    assign_reference_dates(sources)
    assert [e.expression for e in build_timeline(sources, [])] == ["on Monday"]


def test_one_event_told_by_several_reports_is_one_entry() -> None:
    sources = [
        source("S1", "The council closed the old bridge to traffic on Tuesday.", "2026-11-03"),
        source(
            "S2", "The old bridge was closed to all traffic on 3 November 2026, officials said."
        ),
        source("S3", "Taxi fares across the harbour doubled on Tuesday, drivers said."),
    ]
    assign_reference_dates(sources)
    events = build_timeline(sources, [])
    assert [(e.date, e.sources) for e in events] == [
        ("2026-11-03", ["S1", "S2"]),
        ("2026-11-03", ["S3"]),
    ]
    closure = events[0]
    assert closure.text == sources[0].sentences[0].text  # the earliest report's sentence
    assert closure.expression == "on Tuesday" and not closure.inferred


def test_a_shared_claim_merges_sentences_that_share_few_words() -> None:
    sources = [
        source("S1", "Lukashenko will meet Putin on Monday, the Kremlin announced.", "2020-09-11"),
        source(
            "S2", "Talks between the two presidents start in Sochi on September 14.", "2020-09-11"
        ),
    ]
    assign_reference_dates(sources)
    assert len(build_timeline(sources, [])) == 2
    (s1,), (s2,) = sources[0].sentences, sources[1].sentences
    claim = Claim(
        id="C1",
        text=s2.text,
        sources=["S1", "S2"],
        independent=2,
        evidence=[Evidence(s.source, s.text, s.index, s.start, s.end) for s in (s1, s2)],
    )
    (event,) = build_timeline(sources, [claim])
    assert (event.date, event.sources, event.text) == ("2020-09-14", ["S1", "S2"], s2.text)


def test_an_outlet_that_states_the_event_undated_tells_it_too() -> None:
    sources = [
        source(
            "S1",
            "A Tarnby man pleaded guilty on Monday to setting the boathouse fire.",
            "2026-03-03",
        ),
        source(
            "S2", "A Tarnby man has pleaded guilty to setting the boathouse fire.", "2026-03-03"
        ),
        source("S3", "A Tarnby man pleaded guilty to the fire last year, his lawyer said in 2025."),
    ]
    assign_reference_dates(sources)
    [(s1,), (s2,), (s3,)] = [s.sentences for s in sources]
    claim = Claim(
        id="C1",
        text=s1.text,
        sources=["S1", "S2", "S3"],
        independent=3,
        evidence=[Evidence(s.source, s.text, s.index, s.start, s.end) for s in (s1, s2, s3)],
    )
    (event,) = build_timeline(sources, [claim])
    assert event.sources == ["S1"]  # without the test of restating, dated sentences only

    def restates(a, b) -> bool:
        return {a.source, b.source} <= {"S1", "S2", "S3"}

    (event,) = build_timeline(sources, [claim], restates=restates)
    # S2 tells Monday's plea undated; S3 dates a plea to another year: not this event.
    assert (event.date, event.sources) == ("2026-03-02", ["S1", "S2"])
    assert [e.source for e in event.evidence] == ["S1", "S2"]


def test_different_dates_never_merge() -> None:
    sources = [
        source("S1", "The leaders met in Sochi on 14 September 2020 for talks."),
        source("S2", "The leaders met in Sochi on 15 September 2020 for talks."),
    ]
    assign_reference_dates(sources)
    assert [e.date for e in build_timeline(sources, [])] == ["2020-09-14", "2020-09-15"]


def test_sentences_dated_only_by_what_cannot_be_placed_are_skipped() -> None:
    sources = [source("S1", "The leaders met in Sochi on September 14. They spoke on Monday.")]
    assign_reference_dates(sources)
    assert sources[0].reference_date is None
    assert build_timeline(sources, []) == []


def test_years_months_and_deadlines_are_not_events() -> None:
    text = (
        "The bridge opened in 1962 and was strengthened in 1998. Traffic grew in March 2020. "
        "The contract is valid until the end of this year. The bridge shut on 3 November 2026."
    )
    sources = [source("S1", text, "2026-11-04")]
    assign_reference_dates(sources)
    assert [(e.date, e.expression) for e in build_timeline(sources, [])] == [
        ("2026-11-03", "3 November 2026")
    ]


# sochi-2020: five reports without a publication date


@pytest.fixture(scope="module")
def sochi_sources(sochi: Path) -> list[Source]:
    sources = load(sochi)
    assign_reference_dates(sources)
    return sources


@pytest.fixture(scope="module")
def sochi_timeline(sochi_sources: list[Source]) -> list[TimelineEvent]:
    return build_timeline(sochi_sources, [])


def test_sochi_references_are_inferred_from_the_reports(sochi_sources: list[Source]) -> None:
    assert len(sochi_sources) == 5
    for s in sochi_sources:
        assert s.article.published is None
        assert s.reference_inferred
        assert s.reference_date and s.reference_date.startswith("2020-09-1"), s.reference_date


def test_sochi_talks_are_one_event_on_14_september_2020(
    sochi_sources: list[Source], sochi_timeline: list[TimelineEvent]
) -> None:
    well_formed(sochi_timeline, sochi_sources)
    talks = [e for e in on(sochi_timeline, "2020-09-14") if len(e.sources) >= 3]
    assert len(talks) == 1, [(e.text, e.sources) for e in on(sochi_timeline, "2020-09-14")]
    (event,) = talks
    assert re.search(r"Sochi|talks|visit", event.text), event.text
    assert event.inferred  # several reports give no year: the date rests on the inferred one
    assert event.end is None


def test_sochi_early_september_visit_is_a_range(sochi_timeline: list[TimelineEvent]) -> None:
    visits = [e for e in on(sochi_timeline, "2020-09-01") if "Mishustin" in e.text]
    assert [(e.end, e.expression) for e in visits] == [("2020-09-10", "early September")]
    assert len(visits[0].sources) >= 2


def test_sochi_election_is_on_9_august_2020(sochi_timeline: list[TimelineEvent]) -> None:
    elections = [e for e in on(sochi_timeline, "2020-08-09") if "election" in e.text]
    assert elections and all(e.end is None for e in elections)


def test_sochi_relative_dates_count_from_the_inferred_reference(
    sochi_timeline: list[TimelineEvent],
) -> None:
    last_week = [e for e in sochi_timeline if e.expression.lower() == "last week"]
    assert [(e.date, e.end, e.inferred) for e in last_week] == [("2020-09-07", "2020-09-13", True)]


# The project's examples: two reports with a publication date, three without


@pytest.fixture(scope="module")
def example_sources() -> list[Source]:
    sources = load(STORY)
    assign_reference_dates(sources)
    return sources


def test_examples_closure_is_on_3_november_2026(example_sources: list[Source]) -> None:
    events = build_timeline(example_sources, [])
    well_formed(events, example_sources)
    closure = [e for e in on(events, "2026-11-03") if len(e.sources) >= 3]
    assert len(closure) == 1
    assert re.search(r"clos|shut", closure[0].text)
    assert not closure[0].inferred  # a dated report tells it


def test_examples_references(example_sources: list[Source]) -> None:
    refs = {Path(s.article.path or "").stem: (s.reference_date, s.reference_inferred)
            for s in example_sources}  # fmt: skip
    assert refs["northshore-daily"] == ("2026-11-04", False)
    assert refs["coastline-wire"] == ("2026-11-03", False)
    assert refs["vellhaven-courier"] == ("2026-11-03", True)


def test_examples_yesterday_is_the_day_of_the_closure(example_sources: list[Source]) -> None:
    (northshore,) = [s for s in example_sources if "northshore" in (s.article.path or "")]
    assert (northshore.article.published or "").startswith("2026-11-04")
    reference = date.fromisoformat(northshore.reference_date or "")
    yesterday = [
        m
        for s in northshore.sentences
        for m in find_dates(s, reference)
        if m.text.lower() == "yesterday"
    ]
    assert [(m.first, m.last, m.relative) for m in yesterday] == [
        (date(2026, 11, 3), date(2026, 11, 3), True)
    ]
    events = build_timeline(example_sources, [])
    (closure,) = [e for e in on(events, "2026-11-03") if len(e.sources) >= 3]
    assert northshore.id in closure.sources
