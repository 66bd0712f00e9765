"""Mediation: who brokers a truce or talks is a negotiator, not a party (sentences of our
own)."""

from __future__ import annotations

import pytest
from test_events import ex, low, of_type, run

from kg.extract.pipeline import Extractor

__all__ = ["ex"]  # the module-scoped extractor fixture, shared with test_events


@pytest.mark.parametrize(
    ("text", "mediators"),
    [
        (
            "A truce between Armenia and Azerbaijan, mediated by Russia, took hold on Tuesday.",
            ["Russia"],
        ),
        ("The Qatari-brokered truce between Israel and Hamas expired.", ["Qatar"]),
        ("Turkey brokered a grain deal between Russia and Ukraine in 2022.", ["Turkey"]),
        (
            "Saudi Arabia has been trying to broker talks between the Sudanese army and the RSF.",
            ["Saudi Arabia"],
        ),
        # the deal as the subject of a passive
        ("The ceasefire in Libya was brokered by Turkey and Russia.", ["Turkey", "Russia"]),
        ("The talks were mediated by Oman in March.", ["Oman"]),
    ],
)
def test_a_mediator_negotiates(ex: Extractor, text: str, mediators: list[str]) -> None:
    facts = run(ex, text)
    talks = of_type(facts, "Negotiation")
    assert low(mediators) in [low(t.agents) for t in talks]
    for other in talks + of_type(facts, "Ceasefire"):  # the parties' own truce or talks
        if low(other.agents) != low(mediators):
            assert not low(other.agents) & low(mediators)  # a mediator is no party


@pytest.mark.parametrize(
    "text",
    [
        "Egypt could mediate a truce between Israel and Hamas.",  # not done
        "Turkey did not broker the deal.",  # refused
        "The deal was not brokered by Qatar.",  # refused, passive
        "A truce could be brokered by Egypt.",  # hoped for, passive
    ],
)
def test_no_mediation(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Negotiation")
