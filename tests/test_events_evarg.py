"""Event agents, session 23 (helper evarg). Every sentence is our own."""

from __future__ import annotations

import pytest
from test_events import run

from kg.extract.pipeline import Extractor


def offensive_agents(ex: Extractor, text: str) -> list[list[str]]:
    """The agents of every Offensive of ``text``."""
    return [e.agents for e in run(ex, text).events if e.type == "Offensive"]


# -- the owner before an offensive noun; never the enemy "anti-" / "counter-" names -----------
@pytest.mark.parametrize(
    ("text", "agents"),
    [
        ("A Russian offensive on Avdiivka began in October.", [["Russia"]]),
        ("Iraqi forces launched an anti-ISIS offensive near Mosul on Monday.", None),
        ("The anti-Houthi offensive near Hodeidah stalled on Monday.", []),
        ("A counter-ISIS offensive near Raqqa began on Monday.", []),
    ],
)
def test_an_offensive_is_its_owners(
    ex: Extractor, text: str, agents: list[list[str]] | None
) -> None:
    got = offensive_agents(ex, text)
    if agents is None:  # the launchers, whatever the gazetteer calls Iraq's forces
        assert got, got
        assert all(a and "Islamic State" not in a for a in got), got
    else:
        assert got == agents
