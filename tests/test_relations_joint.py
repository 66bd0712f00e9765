"""Relation rules of session 12, written against classes of phrasing seen in further real war
news: allies that act jointly ("coordinated its strikes with Y", "a coordinated operation
between X and Y", "Along with Y, X ..."), and the negative cases. Every sentence is our own."""

from __future__ import annotations

import pytest
from relation_facts import fact, relation_set

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate

PUB = FuzzyDate(2016, 5, 3)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def rels(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) in lower case; symmetric pairs sorted."""
    return relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "For the first time the United States coordinated its raids with the GNA.",
            ("alliedWith", "United States", "Government of National Accord"),
        ),
        (
            "Kenyan forces coordinated their attacks with Somali troops near Kismayo.",
            ("alliedWith", "Kenya Defence Forces", "Somali National Army"),
        ),
        (
            "A coordinated operation between Kenyan and Somali troops began in May.",
            ("alliedWith", "Kenya Defence Forces", "Somali National Army"),
        ),
        (
            "The town was retaken by a combination of Chadian and Nigerien troops.",
            ("alliedWith", "Chadian National Army", "Niger Armed Forces"),
        ),
        (
            "The raid was a joint operation by the Syrian army and Hezbollah.",
            ("alliedWith", "Syrian Arab Army", "Hezbollah"),
        ),
        (
            "Along with Iran, Russia sent troops and aircraft to Syria last year.",
            ("alliedWith", "Russia", "Iran"),
        ),
        (
            "Hezbollah, along with the Syrian army, attacked rebel positions near Aleppo.",
            ("alliedWith", "Hezbollah", "Syrian Arab Army"),
        ),
    ],
)
def test_joint_action(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan forces did not coordinate their strikes with Somali troops.",  # negated
        "Kenyan forces could coordinate their strikes with Somali troops.",  # modal
        "A joint operation of the Syrian army retook the town.",  # one side alone
        "Hezbollah shelled the Syrian army along with its Iraqi militias.",  # after the verb
        "Along with Iran, Russia may send troops to Syria.",  # modal
        "Russia, along with Iran, did not send troops to Syria.",  # negated
    ],
)
def test_no_joint_action(ex: Extractor, text: str) -> None:
    assert not {r for r in rels(ex, text) if r[0] == "alliedWith"}
