"""Mentions (session 13): generic references, forces named by a person, countries that act;
sentences of our own."""

from __future__ import annotations

import pytest

from kg.extract.mentions import Resolver
from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def actor_keys(ex: Extractor, text: str) -> list[str]:
    res = Resolver(ex.nlp(text), ex.gaz)
    return [m.key for m in res.mentions if m.kind == "actor"]


def actors(ex: Extractor, text: str) -> dict[str, set[str]]:
    """Actor key → its surface forms, as the article's facts record them."""
    facts = ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2020, 5, 4)), text)
    return {k: facts.mentions.get(k, set()) for k, e in facts.entities.items() if e.kind == "actor"}


# --- "rebels" before the story names them ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Rebels seize two villages near Kidal\nThe villages fell to Ansar Dine rebels on "
            "Sunday, residents said.",
            "Ansar Dine",
        ),
        (
            "Rebels took the town on Friday. The rebels, known as the Tigray People's Liberation "
            "Front, held it for a week.",
            "Tigray People's Liberation Front",
        ),
    ],
)
def test_rebels_named_later_in_the_story(ex: Extractor, text: str, group: str) -> None:
    found = actors(ex, text)
    assert group in found
    assert not any(k.endswith(" opposition") for k in found)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("The rebels, known as the Houthis, fired missiles at Mokha.", "Houthis"),
        ("The fighters, known as Ansar Dine, entered Gao.", "Ansar Dine"),
    ],
)
def test_known_as_set_off_by_a_comma(ex: Extractor, text: str, group: str) -> None:
    assert set(actor_keys(ex, text)) == {group}


def test_rebels_no_group_is_called_stay_the_opposition(ex: Extractor) -> None:
    text = "Rebels shelled Aleppo on Monday. Hezbollah fighters later entered the city."
    found = actors(ex, text)
    assert "Syrian opposition" in found
    assert "rebels" not in {f.lower() for f in found.get("Hezbollah", set())}
