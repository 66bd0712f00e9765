"""A common noun that opens a sentence or a paragraph is tagged a noun, not a name
(kg.extract.nlp.sentence_nouns; every sentence is our own)."""

from __future__ import annotations

import pytest
from test_events import of_type, run

from kg.extract.pipeline import Extractor


def _first_word(ex: Extractor, text: str, word: str) -> str:
    doc = ex.nlp(text)
    return next(t.pos_ for t in doc if t.text == word)


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose in Lagos\n\nFighters of ISWAP attacked a base in Borno state on Friday.",
        " Fighters of ISWAP attacked a base in Borno state on Friday.",
        "Market report\n\nMilitants of ISWAP attacked a base in Borno state on Friday.",
    ],
)
def test_a_paragraph_opening_with_a_common_noun_keeps_its_doer(ex: Extractor, text: str) -> None:
    (ev,) = of_type(run(ex, text), "Attack")
    assert ev.agents == ["Islamic State West Africa Province"]
    assert ev.place == "Borno State"


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        ("Prices rose.\n\nFighters of ISWAP attacked a base.", "Fighters", "NOUN"),
        ("Prices rose.\n\nArmy Chief Musa Ali visited the base.", "Army", "PROPN"),
        ("Prices rose.\n\nLagos traders closed their shops.", "Lagos", "PROPN"),
    ],
)
def test_only_a_lone_common_noun_is_retagged(ex: Extractor, text: str, word: str, pos: str) -> None:
    assert _first_word(ex, text, word) == pos
