"""Quantities, found once per text however many steps ask for them."""

from __future__ import annotations

from storyline.annotate.quantities import find_quantities


def test_each_caller_gets_a_list_of_its_own() -> None:
    text = "The council set aside $12 million to pay 40 workers through the winter."
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(12e6, "USD"), (40.0, "count")]
    found.clear()  # what one step does with its list is no other step's concern
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(12e6, "USD"), (40.0, "count")]
