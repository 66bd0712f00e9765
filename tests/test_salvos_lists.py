"""The coordination chains of :mod:`kg.extract.salvos` on parses built by hand: a list the parser
hangs as a name in apposition with conjuncts after it is one list; a lone apposition is not."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract.salvos import _in_chain, _linked


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)


def test_an_apposition_a_list_goes_on_from_is_linked() -> None:
    # "including Hass, Kafranbel, Hish and Tah": Kafranbel in apposition to Hass, Hish and
    # Tah conjuncts of Kafranbel
    words = ["including", "Hass", ",", "Kafranbel", ",", "Hish", "and", "Tah"]
    heads = [0, 0, 1, 1, 3, 3, 5, 5]
    deps = ["ROOT", "pobj", "punct", "appos", "punct", "conj", "cc", "conj"]
    pos = ["VERB", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN"]
    doc = _doc(words, heads, deps, pos)
    assert all(_linked(doc[i]) for i in (3, 5, 7))
    assert all(_in_chain(doc[i], doc[1]) for i in (3, 5, 7))


def test_a_lone_apposition_is_not_linked() -> None:
    # "shelled Kupiansk, Kharkiv": a name in apposition with nothing after it is no list
    doc = _doc(
        ["shelled", "Kupiansk", ",", "Kharkiv"],
        [0, 0, 1, 1],
        ["ROOT", "dobj", "punct", "appos"],
        ["VERB", "PROPN", "PUNCT", "PROPN"],
    )
    assert not _linked(doc[3])
    assert not _in_chain(doc[3], doc[1])
