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


# -- held-against: whom a side still tries to take a place from holds it --------------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        (
            "Moscow brought in reinforcements to push Ukrainian troops out of the Kursk region.",
            "armed forces of ukraine",
            "kursk oblast",
        ),
        (
            "For weeks the rebels have tried to drive government forces from Idlib.",
            "syrian arab army",
            "idlib",
        ),
        (
            "Iraqi troops began a campaign to seize Tal Afar from Islamic State on Sunday.",
            "islamic state",
            "tal afar",
        ),
    ],
)
def test_held_against(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        # the deed done: the loser holds nothing any more
        ("Iraqi troops drove Islamic State out of Tal Afar in August.", "islamic state"),
        # a whole country is no place held
        ("The coalition hopes to push Islamic State out of Iraq by next year.", "islamic state"),
        # negated
        ("The army did not try to push the rebels out of Idlib.", "syrian opposition"),
    ],
)
def test_not_held_against(ex: Extractor, text: str, holder: str) -> None:
    facts = ex.extract(ArticleMeta("test.txt", date=PUB), text)
    assert not any(
        r.type == "controls" and r.subject.lower() == holder and r.end is None
        for r in facts.relations
    )


# -- control nouns: "X's control of P", "X's grip on P", "the occupation of P by X" ---------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("Islamic State's control of Raqqa has begun to slip.", "islamic state", "raqqa"),
        ("The Taliban's hold on Kunduz grew stronger over the summer.", "taliban", "kunduz"),
        ("Diplomats discussed the occupation of Kherson by Russia.", "russia", "kherson"),
    ],
)
def test_control_noun(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "By the spring the army had lost its grip on Palmyra.",
        "The end of Islamic State's control of Mosul came in 2017.",
        "The Houthis are seeking to extend their control over Marib.",
        "Islamic State's hold on Raqqa could collapse within weeks.",
    ],
)
def test_no_control_noun(ex: Extractor, text: str) -> None:
    assert not any(p in ("palmyra", "mosul", "marib", "raqqa") for _, p in controls(ex, text))


# -- a demonym before "-held", "rebel stronghold", "X's de facto capital P" -----------------
@pytest.mark.parametrize(
    ("text", "holder", "place"),
    [
        ("Drones struck Russian-occupied Melitopol overnight.", "russia", "melitopol"),
        ("Shells fell on Ukrainian-held Avdiivka all day.", "ukraine", "avdiivka"),
        ("Jets bombed Islamic State's de facto capital Raqqa again.", "islamic state", "raqqa"),
        (
            "Syrian jets hit Idlib, the last rebel stronghold in the country.",
            "syrian opposition",
            "idlib",
        ),
    ],
)
def test_holder_words(ex: Extractor, text: str, holder: str, place: str) -> None:
    assert (holder, place) in controls(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Shells fell on Kurdish-held Kobane all day.",  # no state is Kurdish
        "Yemen's capital Sanaa was bombed on Monday.",  # a state's capital says nothing
        "The former rebel stronghold of Homs was calm.",
    ],
)
def test_no_holder_word(ex: Extractor, text: str) -> None:
    assert controls(ex, text) == set()
