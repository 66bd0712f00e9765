"""Shelling, fire, battles and casualty reports on sentences written for these tests (split
from test_events.py, which holds the first attack, battle and casualty rules)."""

from __future__ import annotations

import pytest
from test_events import ex, low, of_type, pairs, run

from kg.extract.pipeline import Extractor

__all__ = ["ex"]


# --- shelling and fire on what a side owns -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agent", "target", "place"),
    [
        (
            "Azerbaijani forces shelled Armenian positions near Jermuk.",
            "Azerbaijani Armed Forces",
            "Armenia",
            "Jermuk",
        ),
        (
            "Russian troops pounded Ukrainian positions around Avdiivka overnight.",
            "Russian Armed Forces",
            "Ukraine",
            "Avdiivka",
        ),
        (
            "The Taliban fired on Afghan army positions near Kunduz.",
            "Taliban",
            "Afghan National Army",
            "Kunduz",
        ),
        (
            "RSF fighters opened fire on a Sudanese army patrol in Omdurman.",
            "Rapid Support Forces",
            "Sudanese Armed Forces",
            "Omdurman",
        ),
    ],
)
def test_shelling_or_fire_on_a_sides_positions(
    ex: Extractor, text: str, agent: str, target: str, place: str
) -> None:
    facts = run(ex, text)
    evs = [e for e in facts.events if e.type in ("Attack", "Bombardment")]
    assert [(low(e.agents), low(e.targets), e.place) for e in evs] == [
        ({agent.lower()}, {target.lower()}, place)
    ]


def test_shelling_a_town_is_placed_there(ex: Extractor) -> None:
    evs = of_type(run(ex, "Russian troops shelled Kharkiv on Monday."), "Bombardment")
    assert [(e.place, str(e.date)) for e in evs] == [("Kharkiv", "2024-11-25")]


@pytest.mark.parametrize(
    "text",
    [
        "The army did not shell Armenian positions near Jermuk.",
        "Soldiers fired into the air near Kunduz to disperse the crowd.",
        "Azerbaijani forces could shell Armenian positions near Jermuk.",
    ],
)
def test_no_shelling_or_fire_stated(ex: Extractor, text: str) -> None:
    assert not [e for e in run(ex, text).events if e.type in ("Attack", "Bombardment")]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Houthi rebels attacked a Saudi coalition vessel near Hodeidah.", "Saudi-led coalition"),
        ("Al-Shabaab fighters hit an Ethiopian military convoy near Baidoa.", "Ethiopia"),
        ("The Houthis struck a British tanker near Hodeidah on Friday.", "United Kingdom"),
    ],
)
def test_owner_of_the_thing_attacked_is_the_target(ex: Extractor, text: str, target: str) -> None:
    facts = run(ex, text)
    (ev,) = of_type(facts, "Attack")
    # the state, or its armed forces when the phrase names them ("Ethiopian military")
    assert any(t.lower().startswith(target.lower()[:8]) for t in ev.targets), ev.targets
    assert pairs(facts, "fights")


def test_a_demonym_before_no_military_thing_names_no_target(ex: Extractor) -> None:
    (ev,) = of_type(run(ex, "JNIM fighters attacked a Malian wedding party near Mopti."), "Attack")
    assert ev.targets == []


# --- casualties: whose people were killed -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "target", "killed", "place"),
    [
        (
            "Militants killed 14 soldiers of the Malian army near Gao.",
            "Malian Armed Forces",
            14,
            "Gao",
        ),
        ("Fourteen Nigerien soldiers were killed near Niamey.", "Niger Armed Forces", 14, "Niamey"),
        ("The group said 16 of its fighters died in Kidal.", None, 16, "Kidal"),
    ],
)
def test_casualties_of_a_sides_soldiers(
    ex: Extractor, text: str, target: str | None, killed: int, place: str
) -> None:
    (ev,) = of_type(run(ex, text), "CasualtyReport")
    assert (ev.figures.get("killed"), ev.place) == (killed, place)
    if target is not None:
        assert [t.lower()[:10] for t in ev.targets] == [target.lower()[:10]]


@pytest.mark.parametrize(
    ("text", "target", "killed"),
    [
        ("The attack killed 14 Malian soldiers, JNIM said.", "Malian Armed Forces", 14),
        ("A raid on a village near Kidal left 12 Malian soldiers dead.", "Malian Armed Forces", 12),
        ("Nineteen Somali soldiers were killed in an ambush near Jowhar.", "Somali", 19),
    ],
)
def test_an_attack_that_killed_targets_its_victims(
    ex: Extractor, text: str, target: str, killed: int
) -> None:
    (ev,) = of_type(run(ex, text), "Attack")
    assert ev.figures.get("killed") == killed
    assert [t.lower()[: len(target)] for t in ev.targets] == [target.lower()]
    assert ev.agents == []  # who reports it ("JNIM said") did not carry it out
