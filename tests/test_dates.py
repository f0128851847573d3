"""Temporal expressions → dates, on made-up sentences with a fixed reference date."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.annotate.dates import DateMention, assign_reference_dates, find_dates
from storyline.annotate.sentences import split_sentences
from storyline.model import Article, Sentence, Source

REF = date(2021, 3, 17)  # a Wednesday


def dates(text: str, reference: date | None = REF) -> list[DateMention]:
    return find_dates(Sentence("S1", 0, text, 0, len(text)), reference)


def one(text: str, reference: date | None = REF) -> DateMention:
    found = dates(text, reference)
    assert len(found) == 1, [(m.text, m.first, m.last) for m in found]
    return found[0]


def span(m: DateMention) -> tuple[str, str]:
    return m.first.isoformat(), m.last.isoformat()


@pytest.mark.parametrize(
    "text, expression",
    [
        ("The summit opened on 14 September 2020 in Geneva.", "14 September 2020"),
        ("The summit opened on September 14, 2020 in Geneva.", "September 14, 2020"),
        ("The summit opened on Sept. 14, 2020 in Geneva.", "Sept. 14, 2020"),
        ("The summit opened on 14.09.2020 in Geneva.", "14.09.2020"),
        ("The summit opened on 2020-09-14 in Geneva.", "2020-09-14"),
        ("The summit opened on 9/14/2020 in Geneva.", "9/14/2020"),
        ("The summit opened on 14/09/2020 in Geneva.", "14/09/2020"),
        ("The summit opened on Monday, September 14, 2020.", "Monday, September 14, 2020"),
        ("The summit opened on the 14th of September 2020.", "the 14th of September 2020"),
    ],
)
def test_absolute_dates(text: str, expression: str) -> None:
    m = one(text)
    assert (m.text, span(m)) == (expression, ("2020-09-14", "2020-09-14"))
    assert m.granularity == "day" and not m.relative and not m.yearless


def test_absolute_dates_need_no_reference() -> None:
    assert span(one("The summit opened on 14 September 2020.", None))[0] == "2020-09-14"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The vote took place on March 3.", "2021-03-03"),
        ("Talks resume on April 2.", "2021-04-02"),
        ("The deal was signed on December 28.", "2020-12-28"),  # nearer than 2021-12-28
        ("The deal was signed on Sept. 14.", "2020-09-14"),
        ("The deal was signed on Monday, March 1.", "2021-03-01"),
    ],
)
def test_dates_without_a_year_take_the_nearest_year(text: str, expected: str) -> None:
    m = one(text)
    assert span(m) == (expected, expected)
    assert m.yearless and not m.relative and m.granularity == "day"


def test_dates_without_a_year_are_skipped_without_a_reference() -> None:
    assert dates("The vote took place on March 3.", None) == []
    assert dates("The minister resigned on Monday.", None) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The minister resigned on Monday.", "2021-03-15"),  # past: the latest Monday
        ("On Thursday, the ambassador presented a book.", "2021-03-11"),
        ("The board met on Wednesday.", "2021-03-17"),  # the reference day itself
        ("The talks will take place on Monday.", "2021-03-22"),  # future: the next Monday
        ("The council will vote on Friday.", "2021-03-19"),
        ("On Monday, the council will vote on the budget.", "2021-03-22"),
        ("A ferry will run from Thursday, the council said.", "2021-03-18"),
        ("The minister resigned last Monday.", "2021-03-15"),
        ("The talks resume next Monday.", "2021-03-22"),
        ("Launch day for the new ferry is Tuesday.", "2021-03-23"),  # a present that schedules
        ("The exhibition opens on Friday.", "2021-03-19"),
        ("Queues stretched for two kilometres on Tuesday morning.", "2021-03-16"),
    ],
)
def test_weekdays_follow_the_tense(text: str, expected: str) -> None:
    m = one(text)
    assert span(m) == (expected, expected), m.text
    assert m.relative and m.granularity == "day"


def test_weekday_expression_keeps_on() -> None:
    assert one("The minister resigned on Monday.").text == "on Monday"


def test_named_days_are_no_dates() -> None:
    assert dates("Shops hope for a busy Black Friday.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police said yesterday that two men were held.", "2021-03-16"),
        ("The bridge closed today.", "2021-03-17"),
        ("The inquiry opens tomorrow.", "2021-03-18"),
        ("Fires broke out last night in the port.", "2021-03-16"),
        ("The first crossing is due this morning.", "2021-03-17"),
        ("The plant shut three days ago.", "2021-03-14"),
    ],
)
def test_relative_days(text: str, expected: str) -> None:
    m = one(text)
    assert span(m) == (expected, expected) and m.relative and m.granularity == "day"


@pytest.mark.parametrize(
    "text, expected, granularity",
    [
        ("Last week, the leader said talks were planned.", ("2021-03-08", "2021-03-14"), "week"),
        ("The report is due this week.", ("2021-03-15", "2021-03-21"), "week"),
        ("The report will be published next week.", ("2021-03-22", "2021-03-28"), "week"),
        ("The plant shut two weeks ago.", ("2021-03-01", "2021-03-07"), "week"),
        ("Prices rose last month.", ("2021-02-01", "2021-02-28"), "month"),
        ("The firm was sold earlier this month.", ("2021-03-01", "2021-03-16"), "period"),
        ("Exports fell last year.", ("2020-01-01", "2020-12-31"), "year"),
    ],
)
def test_relative_weeks_months_years(
    text: str, expected: tuple[str, str], granularity: str
) -> None:
    m = one(text)
    assert (span(m), m.granularity, m.relative) == (expected, granularity, True)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The minister visited Minsk in early March.", ("2021-03-01", "2021-03-10")),
        ("The minister visited Minsk in early September 2020.", ("2020-09-01", "2020-09-10")),
        ("Strikes began in mid-February.", ("2021-02-11", "2021-02-20")),
        ("Strikes began in mid-September 2020.", ("2020-09-11", "2020-09-20")),
        ("Strikes began in late February.", ("2021-02-21", "2021-02-28")),
        (
            "As the leader said at the end of January, the debt is large.",
            ("2021-01-21", "2021-01-31"),
        ),
        (
            "As the leader said at the end of August 2020, the debt is large.",
            ("2020-08-21", "2020-08-31"),
        ),
        ("Trade fell in the first half of 2020.", ("2020-01-01", "2020-06-30")),
        ("Trade fell in the second half of 2019.", ("2019-07-01", "2019-12-31")),
        ("Polls were open between August 4 and August 9, 2020.", ("2020-08-04", "2020-08-09")),
        ("Polls were open between March 4 and March 9.", ("2021-03-04", "2021-03-09")),
        ("Polls were open from 4 to 9 March 2021.", ("2021-03-04", "2021-03-09")),
    ],
)
def test_periods_are_ranges(text: str, expected: tuple[str, str]) -> None:
    m = one(text)
    assert span(m) == expected and m.granularity == "period", m.text


def test_period_expressions() -> None:
    assert one("The minister visited Minsk in early March.").text == "early March"
    assert one("He spoke at the end of August 2020.").text == "the end of August 2020"
    assert one("Polls were open between August 4 and August 9, 2020.").text == (
        "between August 4 and August 9, 2020"
    )


@pytest.mark.parametrize(
    "text, expected, granularity",
    [
        ("Disagreements arose in 2019 over oil.", ("2019-01-01", "2019-12-31"), "year"),
        ("The 1999 agreement created the union.", ("1999-01-01", "1999-12-31"), "year"),
        ("Joint holdings were discussed in 2012-2013.", ("2012-01-01", "2013-12-31"), "year"),
        ("The bridge opened in the 1960s.", ("1960-01-01", "1969-12-31"), "year"),
        ("Protests began in August 2020.", ("2020-08-01", "2020-08-31"), "month"),
        ("Protests began in February.", ("2021-02-01", "2021-02-28"), "month"),
    ],
)
def test_years_and_months(text: str, expected: tuple[str, str], granularity: str) -> None:
    m = one(text)
    assert (span(m), m.granularity, m.relative) == (expected, granularity, False)


@pytest.mark.parametrize(
    "text",
    [
        "Lukashenko, who has been in power for 26 years, won 80.1% of the vote.",
        "Protests have been going on in Belarus for a month.",
        "We made progress in the last days, maybe a couple of weeks.",
        "Repairs are expected to take a minimum of six weeks.",
        "The council said work would go on over the last week.",
        "A 45-year-old man, aged 45, was hurt.",
        "Some 2000 people and 38,000 vehicles cross the bridge each day.",
        "The debt of $ 1 billion fell by 21% to 12.5 billion USD.",
        "Bus routes 4 and 11 use the bridge.",
    ],
)
def test_durations_ages_and_counts_are_not_dates(text: str) -> None:
    assert dates(text) == [], [(m.text, m.first) for m in dates(text)]


def test_several_mentions_in_one_sentence() -> None:
    found = dates(
        "Trade, which in the first half of 2020 fell by 21% from the same period last year, "
        "was discussed on September 10, 2020."
    )
    assert [m.text for m in found] == [
        "the first half of 2020",
        "last year",
        "September 10, 2020",
    ]


def test_offsets_point_into_the_article_text() -> None:
    text = "Heading words.\n\nThe talks were held in Sochi on September 14, 2020, the Kremlin said."
    (sentence,) = split_sentences("S1", text)
    (m,) = find_dates(sentence, None)
    assert text[m.start : m.end] == m.text == "September 14, 2020"
    assert (m.source, m.sentence) == ("S1", sentence.index)


# Reference dates


def source(sid: str, text: str, published: str | None = None) -> Source:
    article = Article(text=text, published=published)
    return Source(sid, article, split_sentences(sid, text))


def test_a_published_source_keeps_its_date_and_an_undated_one_borrows() -> None:
    dated = source("S1", "The council closed the bridge on Tuesday.", "2026-11-04T07:30:00+01:00")
    undated = source("S2", "The bridge in the port was closed to traffic on Tuesday.")
    assign_reference_dates([dated, undated])
    assert (dated.reference_date, dated.reference_inferred) == ("2026-11-04", False)
    assert (undated.reference_date, undated.reference_inferred) == ("2026-11-04", True)


def test_an_undated_story_takes_its_date_from_its_reports() -> None:
    sources = [
        source("S1", "The leaders will meet in Sochi on September 14, the Kremlin said."),
        source(
            "S2",
            "The talks were held in Sochi on September 14. Trade between the two countries "
            "fell in the first half of 2020.",
        ),
        source("S3", "The president arrived in Sochi on the morning of September 14."),
        source("S4", "Speaking on September 10, he said he hoped for a good outcome."),
    ]
    assign_reference_dates(sources)
    assert {(s.reference_date, s.reference_inferred) for s in sources} == {("2020-09-14", True)}


def test_the_date_most_reports_give_wins_over_a_later_one() -> None:
    sources = [
        source("S1", "The vote was held on 3 May 2021 across the country."),
        source("S2", "Counting of the vote ended late on May 3, officials said."),
        source("S3", "Turnout on May 3 was high. A rerun is set for May 20 in two districts."),
    ]
    assign_reference_dates(sources)
    assert {s.reference_date for s in sources} == {"2021-05-03"}


def test_without_any_year_the_reference_stays_unknown() -> None:
    sources = [
        source("S1", "The talks were held in Sochi on September 14."),
        source("S2", "The leaders met on Monday in the resort."),
    ]
    assign_reference_dates(sources)
    assert {(s.reference_date, s.reference_inferred) for s in sources} == {(None, False)}


def test_the_nearest_tense_cue_decides() -> None:
    first, second = dates("He said on Monday that he will resign on Friday.")
    assert (first.first, second.first) == (date(2021, 3, 15), date(2021, 3, 19))


def test_a_past_tense_date_is_not_put_far_in_the_future() -> None:
    # 2021-09-14 is nearer 2021-03-17 than 2020-09-14, but "was signed" speaks of the past.
    assert one("The deal was signed on Sept. 14.").first == date(2020, 9, 14)
    assert one("The deal will be signed on Sept. 14.").first == date(2021, 9, 14)


def test_history_years_do_not_date_the_story() -> None:
    sources = [
        source("S1", "The bridge, which opened in 1962, was closed on November 3."),
        source("S2", "Traffic on the bridge was halted on November 3. It was rebuilt in 1998."),
        source("S3", "Traffic across the harbour fell in the first half of 2026."),
    ]
    assign_reference_dates(sources)
    assert {s.reference_date for s in sources} == {"2026-11-03"}


def test_a_weekday_named_with_a_yearless_date_picks_its_year() -> None:
    # 18 May was a Saturday in 2019, not in 2020, though 2020's is nearer to this November.
    text = "The boy was taken from the park at 6 p.m. on Saturday, May 18, police said."
    [mention] = find_dates(Sentence("S1", 0, text, 0, len(text)), date(2019, 11, 19))
    assert mention.first == date(2019, 5, 18)
