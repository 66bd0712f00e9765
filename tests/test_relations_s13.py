"""Relation rules of session 13, written against classes of phrasing seen in further real war
news (Libya 2011, Marawi 2017, Donbas 2015, Fallujah, South Sudan 2014, Sri Lanka 2009, Yemen):
two sides of a coordinated subject fighting each other, a place "in rebel hands", a party
"allied with" another, an assault held off or an advance halted, and allies fighting
alongside in a participle. Every sentence is our own."""

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


def of_type(got: set[tuple[str, str, str]], type_: str) -> set[tuple[str, str, str]]:
    return {r for r in got if r[0] == type_}


# -- mutual-fight: "X and Y have been fighting" --------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Al-Shabaab and Somali forces have been fighting for weeks around Kismayo.",
            ("fights", "Somali National Army", "al-Shabaab"),
        ),
        (
            "Rebels and government troops clashed again in Bentiu.",
            ("fights", "South Sudan People's Defence Forces", "South Sudanese opposition"),
        ),
        (
            "The SPLA and the rebels fought for control of Malakal.",
            ("fights", "South Sudan People's Defence Forces", "South Sudanese opposition"),
        ),
        ("Russia and Ukraine have been at war since 2022.", ("fights", "Russia", "Ukraine")),
        (
            "Sri Lankan soldiers and Tamil Tiger rebels fought in the town of Mullaittivu.",
            ("fights", "Armed Forces of Sri Lanka", "Liberation Tigers of Tamil Eelam"),
        ),
    ],
)
def test_two_sides_fight_each_other(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The YPG and the SDF fought together in Raqqa.",
        "Al-Shabaab and Somali forces could clash again near Kismayo.",
        "Al-Shabaab and Somali forces have not fought since March.",
        "Armenia and Azerbaijan once fought over Karabakh.",
        # a foreign group beside a state's forces, no reciprocal word: maybe allies
        "Syrian troops and Hezbollah fought in Qusayr.",
    ],
)
def test_no_mutual_fight(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "fights")


def test_no_fight_between_allies_fighting_one_enemy(ex: Extractor) -> None:
    got = rels(ex, "Syrian troops and Hezbollah fought against the rebels in Qusayr.")
    assert fact("fights", "Syrian Arab Army", "Hezbollah") not in got
    assert fact("fights", "Hezbollah", "Syrian opposition") in got


def test_allies_of_the_article_do_not_fight_each_other(ex: Extractor) -> None:
    """A fight of two coordinated sides whom the article has as allies is dropped."""
    text = (
        "Iraqi forces and the Popular Mobilization Forces fought in Tikrit. "
        "The Popular Mobilization Forces are allied with the Iraqi government."
    )
    got = rels(ex, text)
    assert fact("alliedWith", "Popular Mobilization Forces", "Government of Iraq") in got
    assert not of_type(got, "fights")


# -- under-control: "P remains in rebel hands" --------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The town of Kidal remains in rebel hands.", ("controls", "Malian opposition", "Kidal")),
        (
            "The Houthi rebels advanced on Taiz. Mocha is in rebel hands.",
            ("controls", "Houthis", "Mocha"),
        ),
    ],
)
def test_place_in_rebel_hands(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kidal was never in rebel hands.",
        "Kidal, which once was in rebel hands, is calm.",
        "Kidal could soon be in rebel hands.",
    ],
)
def test_no_control_in_rebel_hands(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "controls")


# -- aligned: "X are allied with Y" --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Houthis are allied with Iran.", ("alliedWith", "Houthis", "Iran")),
        (
            "Hezbollah is allied with the Syrian government.",
            ("alliedWith", "Hezbollah", "Government of Syria"),
        ),
    ],
)
def test_allied_with(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis were once allied with al-Qaeda.",
        "The Houthis could be allied with Iran.",
        "The Houthis are not allied with Iran.",
    ],
)
def test_not_allied_with(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "alliedWith")


# -- hostile-verb: an assault held off, an advance halted -----------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenyan troops beat back an al-Shabaab attack on their base.",
            ("fights", "Kenya Defence Forces", "al-Shabaab"),
        ),
        (
            "Somali troops are holding off an al-Shabaab assault on the town.",
            ("fights", "Somali National Army", "al-Shabaab"),
        ),
        (
            "Kenyan troops halted the advance of al-Shabaab fighters.",
            ("fights", "Kenya Defence Forces", "al-Shabaab"),
        ),
        (
            "Ukrainian troops slowed the rebels' advance near Donetsk. The rebels are backed by "
            "Russia.",
            ("fights", "Armed Forces of Ukraine", "Ukrainian opposition"),
        ),
    ],
)
def test_assault_held_off(ex: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert fact(*expected) in rels(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "Turkey urged Russia to stop the government attacks.",
        "Kenyan troops could not halt the advance of al-Shabaab fighters.",
        "The Houthis are holding talks with Saudi Arabia.",
    ],
)
def test_no_assault_held_off(ex: Extractor, text: str) -> None:
    assert not of_type(rels(ex, text), "fights")


# -- alongside in a participle set off by commas ------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ethiopian troops, fighting alongside Eritrean soldiers, captured Axum.",
            ("alliedWith", "Ethiopian National Defense Force", "Eritrean Defence Forces"),
        ),
        (
            "Chadian troops, fighting alongside Nigerien soldiers, retook Damasak.",
            ("alliedWith", "Chadian National Army", "Niger Armed Forces"),
        ),
    ],
)
def test_alongside_in_a_participle(
    ex: Extractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert fact(*expected) in rels(ex, text)


def test_no_alongside_in_a_negated_clause(ex: Extractor) -> None:
    got = rels(ex, "Fighting alongside Eritrean soldiers is not an option for Ethiopian troops.")
    assert not of_type(got, "alliedWith")
