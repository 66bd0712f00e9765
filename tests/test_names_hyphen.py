"""Persons whose given name is two names joined by a hyphen (kg.extract.names); sentences of
our own."""

from __future__ import annotations

import pytest

from kg.extract.mentions import Resolver
from kg.extract.pipeline import Extractor


def persons(ex: Extractor, text: str) -> set[str]:
    res = Resolver(ex.nlp(text), ex.gaz)
    return {m.key for m in res.mentions if m.kind == "actor"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Defence Minister Jean-Paul Moreau told reporters that jets had hit camps near Gao.",
            "Jean-Paul Moreau",
        ),
        ("Defence Minister Jean-Pierre Bemba spoke to reporters in Kinshasa.", "Jean-Pierre Bemba"),
        ("Rebel leader Jean-Marie Mbaye visited Bangui on Monday.", "Jean-Marie Mbaye"),
        (
            "Army spokesman Abdel-Rahman Salih said troops held the line near El Fasher.",
            "Abdel-Rahman Salih",
        ),
    ],
)
def test_a_hyphenated_given_name_is_whole(ex: Extractor, text: str, name: str) -> None:
    found = persons(ex, text)
    assert name in found
    first = name.split("-")[0]
    assert first not in found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a hyphen with spaces is a dash, not part of the name
        ("Army spokesman Ali Musa - speaking in Juba - denied the report.", "Ali Musa - speaking"),
        # a hyphen before a lower-case word is no double given name
        ("Rebel leader Omar Said-backed fighters attacked the town.", "Omar Said-backed"),
    ],
)
def test_a_dash_or_a_compound_word_is_no_double_name(ex: Extractor, text: str, absent: str) -> None:
    assert absent not in persons(ex, text)
