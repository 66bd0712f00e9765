"""Event rules, session 16 (helper ev16). Every sentence is our own."""

from __future__ import annotations

import pytest
from test_events import run

from kg.extract.pipeline import Extractor


def former_holders(ex: Extractor, text: str) -> set[tuple[str, str]]:
    """(holder, place) in lower case of every holding a capture's loser is given."""
    facts = run(ex, text)
    return {
        (r.subject.lower(), r.object.lower())
        for r in facts.relations
        if r.type == "controls" and r.evidence.method == "taken-from-holder"
    }


# -- a former holding only from a target a from / lost-to / out-of phrase names ----------------
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Kenyan troops took Kismayo from al-Shabaab on Sunday.", ("al-shabaab", "kismayo")),
        ("Rebels wrested Kafr Nabl from government forces in April.", None),
        ("Al-Shabaab lost Baidoa to Ethiopian troops in February.", ("al-shabaab", "baidoa")),
        ("Iraqi forces drove the Islamic State out of Ramadi.", ("islamic state", "ramadi")),
    ],
)
def test_a_named_loser_held_the_place(
    ex: Extractor, text: str, pair: tuple[str, str] | None
) -> None:
    got = former_holders(ex, text)
    if pair is None:  # any holder of Kafr Nabl (the army's name varies with the gazetteer)
        assert any(place == "kafr nabl" for _, place in got), got
    else:
        assert pair in got


@pytest.mark.parametrize(
    "text",
    [
        # the owner of the sites overrun in the place, not its holder
        "M23 rebels seized Goma on Monday, overrunning Congolese army bases in Goma.",
        "Russian troops captured Avdiivka on Monday. On Monday Russian troops also overran "
        "Ukrainian positions in Avdiivka.",
    ],
)
def test_a_target_read_otherwise_is_no_former_holder(ex: Extractor, text: str) -> None:
    facts = run(ex, text)
    capture = [e for e in facts.events if e.type == "Capture"]
    assert capture
    assert capture[0].targets  # the target stays on the event
    assert former_holders(ex, text) == set()
