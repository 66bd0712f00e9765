"""Truces and talks: who brokers them is a negotiator, not a party; "the warring sides" are
the article's main belligerents; a truce only sought is none (sentences of our own)."""

from __future__ import annotations

import pytest
from test_events import low, of_type, run

from kg.extract.pipeline import Extractor


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


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "The Houthis have battled the Saudi-led coalition since 2015. Coalition jets bombed "
            "Sanaa in May. The warring parties agreed to a two-month truce on Friday.",
            ["Houthis", "Saudi-led coalition"],
        ),
        (
            "M23 fighters clashed with Congolese troops near Goma. Both sides agreed to a "
            "ceasefire on Sunday.",
            ["M23", "Armed Forces of the Democratic Republic of the Congo"],
        ),
        # the pair the article says fight in most sentences, not the last one named
        (
            "Hamas fought Israeli troops in Rafah. Israel struck Hamas positions in Khan Younis. "
            "Hezbollah fired rockets at Israel. The two sides agreed to a truce on Monday.",
            ["Hamas", "Israel"],
        ),
    ],
)
def test_a_truce_of_the_warring_sides_has_the_main_belligerents(
    ex: Extractor, text: str, parties: list[str]
) -> None:
    truces = of_type(run(ex, text), "Ceasefire")
    assert len(truces) == 1
    assert low(truces[0].agents) <= low(parties) | {"israel defense forces"}
    assert len(truces[0].agents) == 2


@pytest.mark.parametrize(
    "text",
    [
        "The two sides agreed to a truce.",  # no fighting stated: nobody to name
        "Hamas fought Israeli troops in Rafah. The warring sides did not agree to a truce.",
        # only aimed at
        "UN envoys have been trying to engineer a ceasefire between Israel and Hamas.",
        "Mediators made efforts to secure a truce between Israel and Hamas.",
    ],
)
def test_no_truce(ex: Extractor, text: str) -> None:
    assert not of_type(run(ex, text), "Ceasefire")


def test_a_truce_agreed_to_be_observed_is_one(ex: Extractor) -> None:
    truces = of_type(run(ex, "Israel and Hamas agreed to observe a truce on Sunday."), "Ceasefire")
    assert [low(t.agents) for t in truces] == [{"israel", "hamas"}]
