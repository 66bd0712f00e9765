"""Control of places, session 14 (helper rl14b): the ways news says who holds a place, and the
ways it says a side only might ("could soon be in control of P"), once did, or only tried.
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


def controls(ex: Extractor, text: str) -> set[tuple[str, str]]:
    """(holder, place) in lower case of every controls relation of ``text``."""
    got = relation_set(ex.extract(ArticleMeta("test.txt", date=PUB), text))
    return {(s, o) for t, s, o in got if t == "controls"}


def events(ex: Extractor, text: str) -> list[tuple[str, str | None]]:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    return [(e.type, e.place) for e in facts.events]


# -- in control / in charge of: said as a fact, never as a possibility ------------------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("By Friday the Taliban were in charge of Kunduz.", "taliban", "kunduz"),
        ("Local elders say the Houthis are in charge of Hodeidah now.", "houthis", "hodeidah"),
    ],
)
def test_in_charge_of(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts warn the Taliban could soon be in control of Kunduz.",
        "Officials fear Kunduz may come under Taliban control within days.",
        "The Houthis would never be in charge of Marib, the governor said.",
    ],
)
def test_possible_control_is_no_control(ex: Extractor, text: str) -> None:
    assert controls(ex, text) == set()


# -- a headline's infinitive is a plan; "wrested from X control by Y" is a capture -----------
def test_headline_plan_is_no_capture(ex: Extractor) -> None:
    text = "Karen Rebels Beat Back Army Push to Recapture Myawaddy"
    assert ("Capture", "Myawaddy") not in events(ex, text)
    assert not any(p == "myawaddy" for _, p in controls(ex, text))


@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        (
            "Ramadi was wrested from Islamic State control by Iraqi forces last December.",
            "iraqi security forces",
            "ramadi",
        ),
        (
            "In a swift advance the Taliban wrested Kunduz from the Afghan army on Monday.",
            "taliban",
            "kunduz",
        ),
    ],
)
def test_wrested(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)
