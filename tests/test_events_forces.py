"""A state that acts does so with the armed forces the article names: both are the event's
agents (sentences of our own)."""

from __future__ import annotations

import pytest
from test_events import of_type, run

from kg.extract.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "type_", "agents"),
    [
        (
            "Azerbaijan shelled the town of Jermuk on Tuesday. Azerbaijani troops later denied it.",
            "Bombardment",
            ["Azerbaijan", "Azerbaijani Armed Forces"],
        ),
        (
            "Israeli soldiers guarded the crossing. Israel struck the city of Rafah on Monday.",
            "Attack",
            ["Israel", "Israel Defense Forces"],
        ),
        (
            "Ethiopian troops were seen near the border. Ethiopia captured the town of "
            "Humera in November.",
            "Capture",
            ["Ethiopia", "Ethiopian National Defense Force"],
        ),
    ],
)
def test_a_state_acts_with_its_named_forces(
    ex: Extractor, text: str, type_: str, agents: list[str]
) -> None:
    events = [e for e in of_type(run(ex, text), type_) if e.agents]
    assert events, text
    assert set(agents) <= set(events[-1].agents)


@pytest.mark.parametrize(
    "text",
    [
        # the state's forces are not named: nothing to add
        "Azerbaijan shelled the town of Jermuk on Tuesday.",
        # the forces named are another state's
        "Armenian troops held the ridge. Azerbaijan shelled the town of Jermuk on Tuesday.",
    ],
)
def test_no_forces_added_that_the_article_does_not_name(ex: Extractor, text: str) -> None:
    [ev] = of_type(run(ex, text), "Bombardment")
    assert ev.agents == ["Azerbaijan"]


def test_forces_of_the_target_state_are_not_agents(ex: Extractor) -> None:
    """ "X shelled Armenia ... Armenian troops": the target's forces stay out of the agents."""
    facts = run(ex, "Armenian troops dug in. Azerbaijan shelled Armenia on Tuesday.")
    for ev in of_type(facts, "Bombardment"):
        assert "Armenian Armed Forces" not in ev.agents


# -- "The army said troops had retaken P": bare troops in what armed forces report ---------
@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "ISWAP overran Marte on Friday. The army said troops had retaken the town on Sunday.",
            "Nigerian Armed Forces",
        ),
        (
            "Rebels seized Bria in May. The military says soldiers recaptured Bria on Tuesday.",
            "Central African Armed Forces",
        ),
    ],
)
def test_bare_troops_in_an_army_report_are_its_own(ex: Extractor, text: str, agent: str) -> None:
    retaken = [e for e in of_type(run(ex, text), "Capture") if e.date and e.date.day]
    assert [e.agents for e in retaken][-1] == [agent]


@pytest.mark.parametrize(
    "text",
    [
        "ISWAP overran Marte on Friday. Residents said troops had retaken the town on Sunday.",
        "ISWAP overran Marte on Friday. The group said soldiers had fled the town on Sunday.",
        "The Nigerian army said troops from Chad had retaken Marte on Sunday.",
        "The Nigerian army said troops loyal to a mutinous officer had attacked its barracks "
        "in Marte.",
    ],
)
def test_bare_troops_others_report_stay_unnamed(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    doers = {a for e in facts.events for a in e.agents}
    assert not doers & {"Nigerian Armed Forces", "Nigerian Army"}
