"""Places an article names, and a country's name as a place or as its state (issue 13)."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _facts(ex: Extractor, text: str):  # type: ignore[no-untyped-def]
    return ex.extract(ArticleMeta("t.txt", date=FuzzyDate(2021, 3, 8)), text)


def places(ex: Extractor, text: str) -> set[str]:
    """Places the article mentions (not the containers added for the located-in chain)."""
    f = _facts(ex, text)
    return {e.key for k, e in f.entities.items() if e.kind == "place" and k in f.mentions}


def actors(ex: Extractor, text: str) -> set[str]:
    f = _facts(ex, text)
    return {k for k, e in f.entities.items() if e.kind == "actor" and k in f.mentions}


# --- a region named by a direction and a country ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "Aid workers counted the tents of displaced families in southwest Niger.",
            "southwest Niger",
        ),
        ("Photographers filmed army convoys moving across Northern Iraq.", "northern Iraq"),
        ("Herders in eastern Chad said the wells had dried up.", "eastern Chad"),
    ],
)
def test_a_region_of_a_country_is_a_place_without_a_fact(
    ex: Extractor, text: str, region: str
) -> None:
    assert region in places(ex, text)


def test_a_region_describing_a_town_is_no_place_of_its_own(ex: Extractor) -> None:
    found = places(ex, "Hasaka is northern Syria's busiest market town.")
    assert "northern Syria" not in found
