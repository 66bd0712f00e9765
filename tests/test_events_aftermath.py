"""Who killed the dead of an event told before (sentences of our own;
:mod:`kg.extract.aftermath`)."""

from __future__ import annotations

import pytest
from test_events import of_type, run

from kg.extract.pipeline import Extractor


def test_the_dead_of_shelling_told_before_have_its_doers(ex: Extractor) -> None:
    facts = run(
        ex, "Russian forces shelled Kupiansk on Monday. Six civilians died in the shelling."
    )
    [rep] = of_type(facts, "CasualtyReport")
    assert rep.agents == ["Russian Armed Forces"]
    assert rep.place == "Kupiansk"


@pytest.mark.parametrize(
    "text",
    [
        "The SDF launched an offensive on Tabqa in May. More than 300 civilians were killed "
        "during the campaign.",
        "Heavy fighting between the army and the RSF raged in Omdurman on Monday. Forty "
        "civilians died in the fighting.",
    ],
)
def test_civilians_dead_in_a_two_sided_event_have_no_stated_killer(
    ex: Extractor, text: str
) -> None:
    """Dead of no side in a battle or a campaign: the text does not say who killed them."""
    for rep in of_type(run(ex, text), "CasualtyReport"):
        assert rep.agents == [], text


def test_a_sides_dead_in_fighting_were_killed_by_the_other_side(ex: Extractor) -> None:
    facts = run(
        ex,
        "Heavy fighting between the army and the RSF raged in Omdurman on Monday. Twelve RSF "
        "fighters died in the fighting.",
    )
    [rep] = of_type(facts, "CasualtyReport")
    assert rep.agents == ["Sudanese Armed Forces"]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a page's date in digits before the count: its year is no toll
        ("date 2024-05-12 14 of the suspected rebels later died in an army counter-offensive.", 14),
        ("2024-05-12 Seven soldiers died in the raid near Gao.", 7),
        ("posted 2024-05-12 20 of the fighters died in the raid near Gao.", 20),
        ("Between 10-15 soldiers were killed in an ambush near Menaka on Sunday.", 15),
    ],
)
def test_a_date_written_in_digits_is_no_count_of_the_dead(
    ex: Extractor, text: str, killed: int
) -> None:
    facts = run(ex, text)
    assert {e.figures.get("killed") for e in facts.events if e.figures} == {killed}
