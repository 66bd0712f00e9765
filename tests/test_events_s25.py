"""Event rules, session 25 (helper evbank): phrasing of wars outside the news set.
Every sentence is our own."""

from __future__ import annotations

import pytest
from test_events import run

from kg.extract.pipeline import Extractor


# -- hyphenated number words ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Twenty-three villagers were killed in an attack on Solhan on Friday.", 23),
        ("Rebels killed thirty-one people in Bria on Monday.", 31),
        ("Forty soldiers died near Djibo on Sunday.", 40),  # a tens word alone
        ("Fifty-nine civilians died in Maiduguri on Sunday.", 59),
    ],
)
def test_hyphenated_number_words(ex: Extractor, text: str, killed: int) -> None:
    counts = {e.figures["killed"] for e in run(ex, text).events if "killed" in e.figures}
    assert counts == {killed}, text


def test_a_hyphen_between_other_words_is_no_number(ex: Extractor) -> None:
    # "twenty-year-old" is an age: the count of the dead is the number before it
    facts = run(ex, "Two twenty-year-old students were killed in Maiduguri.")
    assert {e.figures["killed"] for e in facts.events if "killed" in e.figures} <= {2}
