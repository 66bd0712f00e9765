"""Relation mechanisms of session 14, written against classes seen in further real war news
(Iraq 2015, Somalia 2012, Afghanistan 2015-18, Syria 2012, Lebanon 2006, Myanmar 2024, Mali
2013): facts an article implies from its events and holdings rather than from one verb.
Every sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2016, 5, 3)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


def fights(got: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(s, o) for t, s, o in got if t == "fights"}


def pair(a: str, b: str) -> tuple[str, str]:
    x, y = sorted((a.lower(), b.lower()))
    return (x, y)


# -- holder-foes: an offensive or attack on a place the article has another side hold ------
@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "The town of Tal Afar has been held by Islamic State since 2014. "
            "On Monday the Peshmerga launched a new offensive on Tal Afar.",
            "Peshmerga",
            "Islamic State",
        ),
        (
            "Kismayo remains in the hands of al-Shabaab. "
            "Kenyan troops advanced on Kismayo at dawn.",
            "Kenya Defence Forces",
            "al-Shabaab",
        ),
        (
            "Ghazni is controlled by government forces, officials said. "
            "Taliban fighters attacked Ghazni overnight from several directions.",
            "Taliban",
            "Afghan National Army",
        ),
    ],
)
def test_holder_foes(ex: Extractor, text: str, a: str, b: str) -> None:
    assert pair(a, b) in {pair(s, o) for s, o in fights(rels(ex, text))}


@pytest.mark.parametrize(
    "text",
    [
        # the doers' ally holds the place: no fight between friends
        "Kismayo is held by Somali government forces, which Kenya backs. "
        "Kenyan troops advanced on Kismayo at dawn.",
        # a strike from the air in a town held by the side the striker helps
        "Ghazni is controlled by government forces, officials said. "
        "US jets carried out airstrikes on Ghazni overnight.",
        # a holding that is over, or only feared
        "The Peshmerga launched an offensive on Tal Afar, a town once held by Islamic State.",
        "The Peshmerga launched an offensive on Tal Afar, which Islamic State might seize.",
    ],
)
def test_holder_foes_negative(ex: Extractor, text: str) -> None:
    got = fights(rels(ex, text))
    assert not {p for p in got if "united states" in p or "kenya defence forces" in p}
    assert pair("Peshmerga", "Islamic State") not in {pair(s, o) for s, o in got}
