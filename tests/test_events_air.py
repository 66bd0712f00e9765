"""Strikes from the air and who flies them, on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.model import ArticleFacts, ArticleMeta, EventFact, FuzzyDate

PUB = FuzzyDate(2024, 11, 30)  # a Saturday


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def run(ex: Extractor, text: str) -> ArticleFacts:
    return ex.extract(ArticleMeta("test.txt", date=PUB), text)


def of_type(facts: ArticleFacts, type_: str) -> list[EventFact]:
    return [e for e in facts.events if e.type == type_]


# --- aircraft named without a demonym ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        # an official possessor flies them
        (
            "The junta's jets bombed a village near Sagaing on Monday.",
            "State Administration Council",
            "Sagaing",
        ),
        # the forces of the country in context
        (
            "Government aircraft bombed the town of Nyala in Darfur.",
            "Sudanese Armed Forces",
            "Nyala",
        ),
        ("Military planes dropped bombs on a market in Taunggyi.", "Tatmadaw", "Taunggyi"),
        ("A military jet dropped two bombs on a school in Lashio.", "Tatmadaw", "Lashio"),
        (
            "Army helicopter gunships pounded rebel positions north of Tikrit.",
            "Iraqi Security Forces",
            "Tikrit",
        ),
        # "X-led" aircraft: the coalition the gazetteer knows by that name
        ("Saudi-led warplanes struck a fuel depot in Hodeidah.", "Saudi-led coalition", "Hodeidah"),
    ],
)
def test_aircraft_of_an_owner_named_otherwise(
    ex: Extractor, text: str, agent: str, place: str
) -> None:
    strikes = of_type(run(ex, text), "Airstrike")
    assert [e.place for e in strikes] == [place]
    assert agent in strikes[0].agents


def test_gunships_pounding_is_no_shelling_too(ex: Extractor) -> None:
    facts = run(ex, "Army helicopter gunships pounded rebel positions north of Tikrit.")
    assert of_type(facts, "Bombardment") == []


@pytest.mark.parametrize(
    "text",
    [
        "Turkish jets flew over Afrin on Monday.",  # flying is no strike
        "Government aircraft did not bomb the town of Nyala.",  # negated
        "The rebels' drones hit a market in Nyala.",  # an armed group's drones: no airstrike
    ],
)
def test_no_airstrike(ex: Extractor, text: str) -> None:
    assert of_type(run(ex, text), "Airstrike") == []


def test_killed_in_air_strikes_by_aircraft(ex: Extractor) -> None:
    facts = run(
        ex, "At least nine civilians were killed in air strikes by Saudi-led warplanes in Sanaa."
    )
    strikes = of_type(facts, "Airstrike")
    assert [(e.agents, e.place) for e in strikes] == [(["Saudi-led coalition"], "Sanaa")]
    assert of_type(facts, "CasualtyReport")[0].agents == ["Saudi-led coalition"]


# --- the dead of a strike a "when" clause states ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "Twelve people were killed on Monday when the RSF shelled a market in El Fasher.",
            "Rapid Support Forces",
        ),
        (
            "At least seven civilians were killed when Myanmar's armed forces launched air strikes "
            "on a village in Sagaing.",
            "Tatmadaw",
        ),
    ],
)
def test_killed_when_someone_struck(ex: Extractor, text: str, agent: str) -> None:
    reports = of_type(run(ex, text), "CasualtyReport")
    assert [e.agents for e in reports] == [[agent]]


@pytest.mark.parametrize(
    "text",
    [
        "Five people were killed when a bus hit a mine near Goma.",  # no one named
        "Five people were killed when the army arrived in Goma.",  # arriving is no strike
    ],
)
def test_killed_when_no_strike(ex: Extractor, text: str) -> None:
    reports = of_type(run(ex, text), "CasualtyReport")
    assert [e.agents for e in reports] == [[]]


def test_a_village_in_a_region_is_one_strike(ex: Extractor) -> None:
    text = "Government jets bombed the village of Kafr Nabl in Idlib province on Monday."
    assert [e.place for e in of_type(run(ex, text), "Airstrike")] == ["Kafr Nabl"]


def test_aircraft_that_targeted_are_no_ground_attack(ex: Extractor) -> None:
    text = "Six people died in air strikes by Saudi-led warplanes that targeted a house in Sanaa."
    facts = run(ex, text)
    assert of_type(facts, "Attack") == []
    assert [e.agents for e in of_type(facts, "Airstrike")] == [["Saudi-led coalition"]]
