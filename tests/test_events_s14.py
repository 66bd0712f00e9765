"""Event rules, session 14: where an event is when its sentence names several places, and
statements that report no new event (sentences of our own)."""

from __future__ import annotations

import pytest
from test_events import ex, of_type, run

from kg.extract.pipeline import Extractor

__all__ = ["ex"]  # the module-scoped extractor fixture, shared with test_events


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        # the town named after the province that owns it
        (
            "Gunmen stormed a police post in Nangarhar province's capital Jalalabad on Monday, "
            "killing six officers.",
            "Attack",
            "Jalalabad",
        ),
        (
            "Shelling in North Darfur's state capital, El Fasher, killed nine people on Sunday.",
            "CasualtyReport",
            "El Fasher",
        ),
        (
            "Rebels attacked an army post in Anbar province's Ramadi overnight.",
            "Attack",
            "Ramadi",
        ),
    ],
)
def test_a_town_before_the_province_that_contains_it(
    ex: Extractor, text: str, type_: str, place: str
) -> None:
    assert [e.place for e in of_type(run(ex, text), type_)] == [place]


def test_two_towns_neither_inside_the_other_keep_their_order(ex: Extractor) -> None:
    text = "Gunmen attacked a checkpoint in Kandahar, 80 km from Jalalabad, on Monday."
    assert [e.place for e in of_type(run(ex, text), "Attack")] == ["Kandahar"]
