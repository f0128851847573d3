"""A sentence that a report tells as a detail of the one before it ("In particular, …") is not a
new fact once that one is in the summary: it comes only where the budget remains."""

from __future__ import annotations

from pathlib import Path

from storyline.api import brief
from storyline.model import Briefing
from storyline.settings import Settings
from storyline.standalone import details_the_one_before

# Three reports of one made-up strike: two tell the crews' demands as a detail of the union's
# statement, the third states them plainly.
REPORTS = {
    "harbour-post.txt": (
        "Ferry strike halts crossings to Marrow Island",
        (
            "Ferry crews at Portmere Shipping walked out on Tuesday, halting every crossing "
            "between Portmere and Marrow Island."
        ),
        (
            "The union said the strike would last until the company reopens talks on pay and rest "
            "hours."
        ),
        (
            "In particular, the crews want a ten percent raise and a cap of twelve hours on every "
            "shift."
        ),
        "About 4,000 passengers use the crossing each day, according to the harbour authority.",
        (
            "Portmere Shipping said it had offered a four percent raise last month and called the "
            "strike unnecessary."
        ),
        (
            "The island's school will stay closed on Wednesday because its teachers live on the "
            "mainland."
        ),
        (
            "A charter boat will carry medicine and post to the island twice a day while the "
            "strike lasts."
        ),
    ),
    "island-courier.txt": (
        "Marrow Island cut off as ferry crews strike",
        (
            "Every ferry crossing between Portmere and Marrow Island stopped on Tuesday when "
            "crews at Portmere Shipping went on strike."
        ),
        (
            "According to the union, the walkout will go on until the company agrees to reopen "
            "talks on pay and rest hours."
        ),
        (
            "For example, crews are asking for a raise of ten percent and shifts capped at twelve "
            "hours."
        ),
        "The harbour authority says roughly 4,000 people take the ferry every day.",
        (
            "The company called the strike unnecessary and said it had offered crews a four "
            "percent raise in October."
        ),
        (
            "Because its teachers commute from the mainland, the island school will stay shut on "
            "Wednesday."
        ),
        (
            "Twice a day, a chartered boat will take post and medicine across while the crossings "
            "are halted."
        ),
    ),
    "coast-wire.txt": (
        "Strike stops Portmere ferries",
        (
            "Crews of Portmere Shipping stopped work on Tuesday, halting all ferry crossings "
            "between Portmere and Marrow Island."
        ),
        (
            "The strike is to continue until the company reopens talks on pay and rest hours, the "
            "union said."
        ),
        "The crews demand a ten percent pay rise and a limit of twelve hours per shift.",
        "Some 4,000 passengers rely on the crossing every day, the harbour authority said.",
        (
            "Portmere Shipping said the strike was unnecessary, pointing to the four percent "
            "raise it offered last month."
        ),
        (
            "Teachers at the island's school live on the mainland, so the school stays shut on "
            "Wednesday."
        ),
        (
            "A charter boat is to bring medicine and post to the island twice daily during the "
            "strike."
        ),
    ),
}


def _brief_strike(tmp_path: Path, words: int) -> list[str]:
    for name, paragraphs in REPORTS.items():
        (tmp_path / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (briefing,) = brief([str(tmp_path)], settings=Settings(words=words))
    return [s.text for s in briefing.summary]


def test_a_detail_comes_after_new_facts_when_the_budget_is_tight(tmp_path: Path) -> None:
    summary = _brief_strike(tmp_path, 80)
    told = " ".join(summary)
    assert "reopen" in told  # the union's statement, which the demands detail
    assert "4,000" in told and "four percent" in told  # new facts, ranked below the demands
    assert "twelve hours" not in told


def test_a_detail_comes_where_the_budget_remains(tmp_path: Path) -> None:
    told = " ".join(_brief_strike(tmp_path, 250))
    assert "reopen" in told and "twelve hours" in told


def _detail_pairs(briefing: Briefing) -> list[tuple[str, str]]:
    owner = {(e.source, e.sentence): c.id for c in briefing.claims for e in c.evidence}
    return [
        (owner[(e.source, e.sentence - 1)], claim.id)
        for claim in briefing.claims
        for e in claim.evidence
        if details_the_one_before(e.text) and (e.source, e.sentence - 1) in owner
    ]


def test_sochi_summary_tells_the_agenda_once(sochi: Path) -> None:
    """Every report gives the talks' agenda and then, "in particular", its items: one point."""
    (briefing,) = brief([str(sochi)])
    pairs = [(a, b) for a, b in _detail_pairs(briefing) if a != b]
    assert pairs
    stated = {s.claim for s in briefing.summary}
    assert any(a in stated or b in stated for a, b in pairs)  # the agenda is told
    assert not any(a in stated and b in stated for a, b in pairs)
