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
