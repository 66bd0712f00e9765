"""Captures, withdrawals and sieges, session 14: how wire copy states that a place changed
hands, who took it and who left (every sentence is our own)."""

from __future__ import annotations

import pytest
from test_events import ex, low, of_type, run

from kg.extract.pipeline import Extractor

__all__ = ["ex"]  # the module-scoped extractor fixture, shared with test_events


def controls(facts: object, place: str) -> set[str]:
    return {
        r.subject.lower()
        for r in facts.relations  # type: ignore[attr-defined]
        if r.type == "controls" and r.object == place and r.end is None
    }


# -- a named taker of a place the article says it held before is still the taker ---------
@pytest.mark.parametrize(
    ("text", "place", "agent"),
    [
        (
            "Kismayo was an al-Shabaab stronghold during the 2010 uprising. "
            "Al-Shabaab fighters have seized Kismayo again, residents said on Monday.",
            "Kismayo",
            "al-shabaab",
        ),
        (
            "Goma was held by M23 in 2012. M23 rebels captured Goma on Tuesday after "
            "the army fled.",
            "Goma",
            "m23",
        ),
    ],
)
def test_a_named_taker_of_a_place_it_once_held_takes_it(
    ex: Extractor, text: str, place: str, agent: str
) -> None:
    facts = run(ex, text)
    caps = [e for e in of_type(facts, "Capture") if e.place == place]
    assert [low(e.agents) for e in caps] == [{agent}]
    assert agent in controls(facts, place)


def test_a_pronoun_taker_of_the_holders_place_is_still_the_holder_losing_it(
    ex: Extractor,
) -> None:
    facts = run(
        ex,
        "Islamic State held Tikrit for a year. They were attacked by Iraqi forces. "
        "They recaptured Tikrit in 2015.",
    )
    assert all("Islamic State" not in e.agents for e in of_type(facts, "Capture"))
