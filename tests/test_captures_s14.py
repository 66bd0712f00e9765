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


# -- "X said it had ...": the pronoun is the state the reporting verb's subject names -----
@pytest.mark.parametrize(
    ("text", "type_", "place", "agent"),
    [
        (
            "Germany pulls soldiers out as Malian troops surround key town\n\n"
            "Germany said it had withdrawn its soldiers from the town of Gao on Monday.",
            "Withdrawal",
            "Gao",
            "germany",
        ),
        (
            "Kenyan troops advanced along the coast. Somalia said it had retaken "
            "the port of Kismayo on Friday.",
            "Capture",
            "Kismayo",
            "somalia",
        ),
    ],
)
def test_it_in_a_clause_a_state_reports_is_that_state(
    ex: Extractor, text: str, type_: str, place: str, agent: str
) -> None:
    evs = [e for e in of_type(run(ex, text), type_) if e.place == place]
    assert [low(e.agents) for e in evs] == [{agent}]


def test_they_in_a_clause_a_state_reports_is_not_that_state(ex: Extractor) -> None:
    facts = run(ex, "Syrian rebels attacked Palmyra. Syria said they had been repelled.")
    assert all("Syria" not in e.agents for e in facts.events)


# -- one place taken on one day by friends is one capture -----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Turkish-backed rebels seized the town of Tal Abyad on Sunday. Turkish troops and "
        "the rebels they back took control of Tal Abyad on Sunday, Ankara said.",
        "Rwandan-backed M23 rebels captured Goma on Tuesday. Rwandan soldiers and their "
        "M23 allies took Goma on Tuesday after brief clashes.",
    ],
)
def test_a_place_taken_by_friends_on_one_day_is_one_capture(ex: Extractor, text: str) -> None:
    caps = of_type(run(ex, text), "Capture")
    assert len(caps) == 1


def test_foes_taking_one_place_on_other_dates_are_two_captures(ex: Extractor) -> None:
    text = (
        "Islamic State seized Palmyra in May 2015. Syrian troops recaptured Palmyra in March 2016."
    )
    caps = of_type(run(ex, text), "Capture")
    assert len(caps) == 2


# -- "on the verge of retaking P": not yet taken ------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Peshmerga fighters pushed into Sinjar on Friday, putting them on the verge of "
        "fully recapturing the town.",
        "Government troops are close to retaking Ramadi, officials said.",
        "The rebels are on the brink of seizing Aleppo.",
    ],
)
def test_on_the_verge_of_taking_is_no_capture(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    assert not of_type(facts, "Capture")
    assert not any(r.type == "controls" for r in facts.relations)
