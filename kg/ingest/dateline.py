"""Datelines: the place, date and agency wire copy prints before its first sentence.

``11/03/2017 Syria (BBC) –``, ``BEIRUT (Reuters) -``, ``Beirut, Nov 3 (AFP) -`` and
``DAMASCUS, Syria, March 5, 2018 (AP) —`` give a publication date and a publisher
(a newspaper's ``KABUL, Afghanistan—`` only a place); the dateline is removed from the text so
that the first sentence starts cleanly.

A line is taken as a dateline only when it is shaped like one: a date first, a place in
capitals with a date, an agency or its country after a comma, or a known agency (``agencies``
in ``clutter.yaml``) in the parentheses. A
parenthesised acronym of the words before it (``Islamic State (IS) -``) is never a dateline.

Examples
--------
>>> d = find_dateline("BEIRUT (Reuters) - Syrian troops entered the town.")
>>> d.place, d.publisher, d.date, d.end
('BEIRUT', 'Reuters', None, 19)
>>> find_dateline("Islamic State (IS) - the group lost the town.") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.clean import load_clutter
from kg.ingest.dates import DateValue, parse_date
from kg.model import month_alternation

__all__ = ["MAX_PARAGRAPH", "Dateline", "find_dateline", "strip_dateline"]

#: A dateline is looked for at the start of the first this-many paragraphs.
MAX_PARAGRAPH = 6

_MONTH = rf"(?:{month_alternation()})\.?"
_DATE = (
    r"(?:\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
)
_WORD = r"(?:[A-Z]|[a-z]{1,3}-[A-Z])[\w'’.-]*"
_PLACE = rf"{_WORD}(?:[ -]{_WORD}){{0,3}}(?:,\s*{_WORD}(?:[ -]{_WORD}){{0,2}})?"
_AGENCY = r"\((?P<pub>[A-Z][\w&.'’ -]{0,40}?)\)"
# an en or em dash may touch the sentence ("KABUL, Afghanistan—The Taliban"); a hyphen may not
_DASH = r"\s*(?:[–—]\s*|--?\s+)"

# 11/03/2017 Syria (BBC) –      3 November 2017 (AFP) -
_DATE_FIRST = re.compile(rf"(?P<date>{_DATE})(?:\s+(?P<place>{_PLACE}))?\s*{_AGENCY}{_DASH}")
# BEIRUT (Reuters) -     Beirut, Nov 3 (AFP) -     BEIRUT, Nov 3 -
_PLACE_FIRST = re.compile(
    rf"(?P<place>{_PLACE}?)(?:,\s*(?P<date>{_DATE}))?\s*(?:{_AGENCY})?{_DASH}"
)


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a paragraph; ``end`` is where the sentence starts."""

    text: str
    place: str | None
    publisher: str | None
    date: DateValue | None
    end: int


def _acronym_of(words: str, acronym: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", words) if w[0].isupper())
    return acronym.replace(".", "").replace(" ", "").upper() in (initials.upper(), "")


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of ``paragraph``, or None (see the module docstring).

    Examples
    --------
    >>> text = "11/03/2017 Syria (BBC) – The army retook the city."
    >>> d = find_dateline(text)
    >>> d.date, d.place, d.publisher, text[d.end :]
    (NumericDate(a=11, b=3, year=2017), 'Syria', 'BBC', 'The army retook the city.')
    """
    agencies = load_clutter().agencies
    m = _DATE_FIRST.match(paragraph)
    date_first = m is not None
    if m is None:
        m = _PLACE_FIRST.match(paragraph)
    if m is None or m.end() >= len(paragraph):
        return None
    place, pub, date_text = m["place"], m["pub"], m["date"]
    if place and pub and _acronym_of(place, pub):
        return None
    if not date_first:
        caps = bool(place) and place.split(",")[0].upper() == place.split(",")[0]
        caps = caps and sum(c.isalpha() for c in place) >= 2
        # a bare "SDF -" is not a dateline: a place needs an agency or a date beside it, or
        # to be a city in capitals with its country or state ("KABUL, Afghanistan —")
        if not place or not (pub or date_text or (caps and "," in place)):
            return None
        if not (caps or date_text or pub in agencies):
            return None
    date: DateValue | None = None
    if date_text:
        try:
            date = parse_date(date_text)
        except ValueError:
            return None
    return Dateline(
        text=paragraph[: m.end()].strip(),
        place=place or None,
        publisher=pub.strip() if pub else None,
        date=date,
        end=m.end(),
    )


def strip_dateline(text: str) -> tuple[str, Dateline | None]:
    """Remove the first dateline among the first :data:`MAX_PARAGRAPH` paragraphs.

    ``text`` is cleaned text (paragraphs separated by a blank line).

    Examples
    --------
    >>> strip_dateline("Army retakes city\\n\\nBEIRUT (Reuters) - The army retook the city.")
    ('Army retakes city\\n\\nThe army retook the city.', Dateline(text='BEIRUT (Reuters) -', \
place='BEIRUT', publisher='Reuters', date=None, end=19))
    """
    paragraphs = text.split("\n\n")
    for i, p in enumerate(paragraphs[:MAX_PARAGRAPH]):
        found = find_dateline(p)
        if found is not None:
            paragraphs[i] = p[found.end :]
            return "\n\n".join(paragraphs), found
    return text, None
