"""Counts as news writes them: "1,500", "93,000", "two", "Twenty-three", "2 million".

Split from :mod:`kg.extract.context`; the casualty, displacement and figure rules read their
numbers here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.timex import in_numeric_date

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["number_value"]

_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "dozens": 0, "hundreds": 0, "thousands": 0,
}  # fmt: skip
#: tens and units a hyphen joins into one number ("twenty-three": 23)
_TENS = frozenset(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def number_value(tok: Token) -> int | None:
    """The integer a number token states ("1,500", "93,000", "two", "2 million"), or None.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> [number_value(t) for t in nlp("some 1,500 fighters and 2 million people")]
    [None, 1500, None, None, 2000000, None, None]
    >>> [number_value(t) for t in nlp("Twenty-three died")]
    [23, None, 23, None]
    """
    text = tok.text.replace(",", "")
    value: float | None = None
    if text.replace(".", "", 1).isdigit():
        value = float(text)
    elif (joined := _hyphenated(tok)) is not None:
        value = float(joined)
    elif _WORD_NUMBERS.get(tok.lower_):
        value = float(_WORD_NUMBERS[tok.lower_])
    if value is None or in_numeric_date(tok):
        return None  # "2023-09-21": a date, not a count
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in _SCALES:
        value *= _SCALES[nxt.lower_]
    if value != int(value) or value > 10**9:
        return None
    if 1900 <= value <= 2100 and nxt is not None and nxt.is_title:
        return None
    return int(value)


def _hyphenated(tok: Token) -> int | None:
    """The number of a hyphenated number word that ``tok`` (its tens or its units) is part
    of: "Twenty-three" (which the tokenizer splits in three) is 23 on either word.

    >>> import spacy
    >>> [_hyphenated(t) for t in spacy.blank("en")("thirty-one and forty")]
    [31, None, 31, None, None]
    """
    doc = tok.doc
    low = tok.lower_
    if low in _TENS and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
        unit = _UNITS.get(doc[tok.i + 2].lower_)
        return _WORD_NUMBERS[low] + unit if unit else None
    if low in _UNITS and tok.i >= 2 and doc[tok.i - 1].text == "-":
        tens = doc[tok.i - 2].lower_
        return _WORD_NUMBERS[tens] + _UNITS[low] if tens in _TENS else None
    return None
