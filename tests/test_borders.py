"""Borders of two countries as places (kg.extract.borders, session 19): one key whatever words
and order name the border, the text's words its alias, no border where both sides are one
country. Every sentence is our own."""

from __future__ import annotations

import pytest

from kg.extract.borders import border_key
from kg.extract.pipeline import Extractor
from kg.model import ArticleFacts, ArticleMeta, FuzzyDate

PUB = FuzzyDate(2024, 3, 14)


def facts(ex: Extractor, text: str) -> ArticleFacts:
    return ex.extract(ArticleMeta("test.txt", date=PUB), text)


def borders(ex: Extractor, text: str) -> dict[str, set[str]]:
    """Border key -> the words the text names it with."""
    f = facts(ex, text)
    return {
        e.key: f.mentions.get(ref, set())
        for ref, e in f.entities.items()
        if e.kind == "place" and e.key.endswith(" border")
    }


def test_border_key_is_one_for_either_order() -> None:
    assert border_key("Niger", "Benin") == border_key("Benin", "Niger") == "Benin-Niger border"


KEY = "Benin-Niger border"


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("Troops dug trenches along Niger's border with Benin.", "Niger's border with Benin"),
        (
            "Troops dug trenches on the border between Benin and Niger.",
            "the border between Benin and Niger",
        ),
        ("Troops dug trenches along the Niger-Benin border.", "the Niger-Benin border"),
        (
            "Troops dug trenches near the Beninese border, officials in Niamey said.",
            "the Beninese border",
        ),
    ],
)
def test_border_of_two_countries(ex: Extractor, text: str, alias: str) -> None:
    got = borders(ex, text)
    assert list(got) == [KEY], got
    assert alias in got[KEY]


def test_border_lies_in_the_country_whose_side_it_is(ex: Extractor) -> None:
    f = facts(ex, "Troops dug trenches near the Beninese border, officials in Niamey said.")
    assert f.entities["place:Benin-Niger border"].parent == "Niger"


@pytest.mark.parametrize(
    "text",
    [
        "Troops dug trenches near the Nigerien border town of Gaya.",  # qualifies a town
        "Troops dug trenches near the Nigerien border, officials in Niamey said.",  # one side
        "Troops reinforced border posts near Gaya.",
        "Gaya, a town near the border with Benin, was quiet.",  # says where the town is
        "Troops from Niger reached the far side of the frontier with Benin.",
    ],
)
def test_no_border_place(ex: Extractor, text: str) -> None:
    assert borders(ex, text) == {}


def test_bare_border_is_the_border_named_before(ex: Extractor) -> None:
    text = (
        "Clashes broke out on the border between Benin and Niger. "
        "Both armies sent reinforcements to the border on Monday."
    )
    f = facts(ex, text)
    assert [e.key for e in f.entities.values() if e.key.endswith(" border")] == [
        "Benin-Niger border"
    ]
