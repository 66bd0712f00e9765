"""Event rules, session 18 (helper dev-at): truce words, where a state acts, who is hurt.
Every sentence is our own."""

from __future__ import annotations

import pytest
from test_events import of_type, run

from kg.extract.pipeline import Extractor


# -- a country that is a verb's subject acts: it is no place --------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "not_place"),
    [
        (
            "Ethiopia struck back at once, killing nearly 40 Sudanese fighters.",
            "CasualtyReport",
            "Ethiopia",
        ),
        (
            "Azerbaijan launched an attack on Armenian army positions on Monday.",
            "Attack",
            "Azerbaijan",
        ),
        (
            "Armenia and France said that Azerbaijan has been breaking the ceasefire.",
            "Ceasefire",
            "Armenia",
        ),
    ],
)
def test_a_state_that_acts_is_no_place(
    ex: Extractor, text: str, type_: str, not_place: str
) -> None:
    events = of_type(run(ex, text), type_)
    assert events, text
    assert all(e.place != not_place for e in events), [e.place for e in events]


def test_states_between_are_sides_not_places(ex: Extractor) -> None:
    text = (
        "Armenian and French officials said Azerbaijan has been breaking the truce, "
        "exposing a rift between Azerbaijan and France."
    )
    assert all(e.place != "France" for e in run(ex, text).events)
    border = "Sudanese troops attacked RSF positions near the border between Sudan and Chad."
    # the border between the two states is the place (kg.extract.borders), neither side alone
    assert [e.place for e in of_type(run(ex, border), "Attack")] == ["Chad-Sudan border"]


def test_a_state_hit_keeps_its_place(ex: Extractor) -> None:
    events = of_type(run(ex, "Ukraine was hit by a wave of Russian missiles on Monday."), "Attack")
    assert [e.place for e in events] == ["Ukraine"]


# -- truce words ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "The cease-fire between Armenia and Azerbaijan collapsed on Monday.",
            {"armenia", "azerbaijan"},
        ),
        ("The truce agreement between Israel and Hamas was signed on Sunday.", {"israel", "hamas"}),
        ("The Arakan Army announced a unilateral truce on Thursday.", {"arakan army"}),
        ("Hamas rejected a ceasefire deal offered by the mediators on Sunday.", None),
        ("The Arakan Army may announce a unilateral truce.", None),
        ("The fire spread through the camp on Monday.", None),
    ],
)
def test_truce_words(ex: Extractor, text: str, parties: set[str] | None) -> None:
    truces = of_type(run(ex, text), "Ceasefire")
    if parties is None:
        assert not truces, [(e.agents, e.place) for e in truces]
    else:
        assert [{a.lower() for a in e.agents} for e in truces] == [parties]


# -- the hurt are no doers ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "agents"),
    [
        (
            "The explosion left two Colombian policemen injured in Jamundi on Monday.",
            "CasualtyReport",
            set(),
        ),
        (
            "The blast left five Afghan soldiers wounded in Kandahar on Sunday.",
            "CasualtyReport",
            set(),
        ),
        (
            "Al-Shabaab fighters left three Somali soldiers wounded in Baidoa.",
            "CasualtyReport",
            {"al-shabaab"},
        ),
        ("Turkey suffered heavy losses in an attack on its base near Saraqib.", "Attack", set()),
        (
            "The Malian army lost 20 soldiers in an ambush near Boulkessi on Friday.",
            "Attack",
            set(),
        ),
        (
            "Wagner fighters took part in the attack on a base near Moura.",
            "Attack",
            {"wagner group"},
        ),
    ],
)
def test_the_hurt_are_no_doers(ex: Extractor, text: str, type_: str, agents: set[str]) -> None:
    events = of_type(run(ex, text), type_)
    assert [{a.lower() for a in e.agents} for e in events] == [agents]
