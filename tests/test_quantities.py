"""Quantities, found once per text however many steps ask for them."""

from __future__ import annotations

from storyline.annotate.quantities import find_quantities


def test_each_caller_gets_a_list_of_its_own() -> None:
    text = "The council set aside $12 million to pay 40 workers through the winter."
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(12e6, "USD"), (40.0, "count")]
    found.clear()  # what one step does with its list is no other step's concern
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(12e6, "USD"), (40.0, "count")]


def test_number_words_that_begin_alike_are_read_whole() -> None:
    text = "Sixteen boats, sixty-five volunteers and six trucks searched; seventeen were hurt."
    found = [(q.value, q.noun) for q in find_quantities(text)]
    assert found == [(16.0, "boats"), (65.0, "volunteers"), (6.0, "trucks"), (17.0, "were")]


def test_fractions_are_read_whole() -> None:
    text = "Two thirds of the budget went on roads, a third on schools and half on nothing."
    found = [(round(q.value, 1), q.text) for q in find_quantities(text) if q.unit == "%"]
    assert found == [(66.7, "Two thirds"), (33.3, "a third"), (50.0, "half")]
