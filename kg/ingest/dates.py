"""Publication dates as articles and their metadata write them.

Metadata (front matter, HTML, feeds, JSON Lines, manifests) and datelines write dates in many
ways. :func:`parse_date` reads them into a :class:`~kg.model.FuzzyDate`, or into a
:class:`NumericDate` when the text is a numeric ``11/03/2017`` whose month/day order is not
settled by the numbers themselves, or a :class:`YearlessDate` (``Nov 3``).
:func:`resolve` settles both against the article text.

How the month/day order of ``a/b/yyyy`` is decided
---------------------------------------------------
1. If one part is greater than 12 it is the day.
2. Otherwise both readings are tried. For each, every month the article names ("In September",
   "on 17 October", "May 2017") is placed at its latest occurrence on or before that reading's
   publication date (or at its stated year), and the days between it and the publication date are
   summed. The reading with the smaller sum wins: an article usually talks about its recent past.
   Relative phrases ("last month") say nothing about the order and are not counted.
3. A tie (also: the article names no month) goes to the reading that agrees with, or lies nearest
   to, the ``--date`` the user gave; without one, month-first (``11/03/2017`` = 3 November 2017).

Examples
--------
>>> parse_date("3 November 2017")
FuzzyDate(year=2017, month=11, day=3)
>>> resolve(parse_date("11/03/2017"), "In September the army broke the siege.")
FuzzyDate(year=2017, month=11, day=3)
>>> resolve(parse_date("11/03/2017"), "In February the talks began.")
FuzzyDate(year=2017, month=3, day=11)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from kg.model import MONTHS, FuzzyDate, month_alternation

__all__ = [
    "ACCEPTED_FORMS",
    "MONTHS",
    "DateValue",
    "NumericDate",
    "YearlessDate",
    "decide",
    "find_date",
    "month_mentions",
    "out_of_range",
    "parse_date",
    "resolve",
]

#: What :func:`parse_date` accepts, for error messages.
ACCEPTED_FORMS = (
    "YYYY-MM-DD, YYYY-MM, YYYY, an ISO date-time (2017-11-03T10:00:00Z), "
    "'3 November 2017', 'November 3, 2017', 'Fri, 03 Nov 2017 10:00:00 GMT' or '11/03/2017'"
)

# abbreviations ("May" among them) may take a dot, full names may not
_FULL_MONTHS = month_alternation(short=False, without=["may"])
_MONTH = rf"(?P<{{g}}>(?:{month_alternation(full=False)})\.?|{_FULL_MONTHS})"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"

# "3 November 2017", "3 Nov", "November 3, 2017", "Nov. 3", "November 2017"
_DAY_MONTH = re.compile(
    rf"\b{_DAY.format(g='d1')}\s+{_MONTH.format(g='m1')}(?:,?\s+{_YEAR.format(g='y1')})?(?![\w-])"
)
_MONTH_DAY = re.compile(
    rf"\b{_MONTH.format(g='m2')}\s+{_DAY.format(g='d2')}(?:(?:,\s*|\s+){_YEAR.format(g='y2')})?(?![\w-])"
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH.format(g='m3')}\s+{_YEAR.format(g='y3')}\b")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})\b")
_YMD_SLASH = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
# a month name alone: "In September", "since March" (capitalised; "May" needs a cue word)
_MONTH_ALONE = re.compile(
    rf"\b(?P<m>{_FULL_MONTHS}|"
    r"(?<=[Ii]n )May|(?<=[Ss]ince )May|(?<=[Ll]ate )May|(?<=[Ee]arly )May)\b"
)


@dataclass(frozen=True)
class NumericDate:
    """``a/b/year`` with both ``a`` and ``b`` ≤ 12: the month/day order is still open."""

    a: int
    b: int
    year: int


@dataclass(frozen=True)
class YearlessDate:
    """A month and day without a year (``BEIRUT, Nov 3 (Reuters)``)."""

    month: int
    day: int


#: A date as read from metadata or a dateline, before :func:`resolve`.
DateValue = FuzzyDate | NumericDate | YearlessDate


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _numeric(a: int, b: int, year: int) -> DateValue:
    """Settle ``a/b/year`` when the numbers allow it."""
    if a > 12 and b <= 12:
        return FuzzyDate(year, b, a)
    if b > 12 or a == b:
        return FuzzyDate(year, a, b)
    return NumericDate(a, b, year)


def _checked(value: DateValue) -> DateValue:
    """Raise ValueError when the value is no calendar date."""
    if isinstance(value, FuzzyDate) and value.month:
        date(value.year, value.month, value.day or 1)
    elif isinstance(value, YearlessDate):
        date(2000, value.month, value.day)  # a leap year: 29 February is fine
    elif isinstance(value, NumericDate):
        date(value.year, value.a, value.b)
        date(value.year, value.b, value.a)
    return value


def parse_date(value: object) -> DateValue:
    """Read a publication date written in any of :data:`ACCEPTED_FORMS`.

    Parameters
    ----------
    value : str, int, datetime.date or FuzzyDate
        As found in metadata (YAML gives ``datetime.date`` and ``int``).

    Returns
    -------
    FuzzyDate, NumericDate or YearlessDate

    Raises
    ------
    ValueError
        With a message naming the value and the accepted forms.

    Examples
    --------
    >>> parse_date("2017-11-03T08:15:00+02:00")
    FuzzyDate(year=2017, month=11, day=3)
    >>> parse_date("November 3, 2017"), parse_date("Nov 2017")
    (FuzzyDate(year=2017, month=11, day=3), FuzzyDate(year=2017, month=11, day=0))
    >>> parse_date("25/12/2016")
    FuzzyDate(year=2016, month=12, day=25)
    >>> parse_date("05/04/2016")
    NumericDate(a=5, b=4, year=2016)
    """
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, datetime | date):
        return FuzzyDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999:
        return FuzzyDate(value)
    text = str(value).strip() if isinstance(value, str) else ""
    try:
        parsed = _parse_text(text)
        if parsed is not None:
            return _checked(parsed)
    except ValueError:
        pass
    why = out_of_range(text)
    raise ValueError(f"{value!r} is not a date{why}: write it as {ACCEPTED_FORMS}")


_ISO_PARTS = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")


def out_of_range(text: str) -> str:
    """Why an ISO-shaped date is invalid (`` (day 30 is out of range for 2017-02)``), or "".

    >>> out_of_range("2017-02-30"), out_of_range("2017-01-01T25:00")
    (' (day 30 is out of range for 2017-02)', ' (hour 25 is out of range 0-23)')
    """
    m = _ISO_PARTS.match(text)
    if m is None:
        return ""
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if not 1 <= month <= 12:
        return f" (month {month} is out of range 1-12)"
    try:
        date(year, month, day)
    except ValueError:
        return f" (day {day} is out of range for {year}-{month:02d})"
    for value, what, top in ((m[4], "hour", 23), (m[5], "minute", 59), (m[6], "second", 60)):
        if value is not None and int(value) > top:
            return f" ({what} {int(value)} is out of range 0-{top})"
    return ""


def _parse_text(text: str) -> DateValue | None:
    if not text:
        return None
    m = _ISO_DATETIME.match(text)
    if m:
        if out_of_range(text):
            return None
        text = m[1]
    try:
        return FuzzyDate.parse(text)
    except ValueError:
        pass
    m = _YMD_SLASH.match(text)
    if m:
        return FuzzyDate(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _NUMERIC.fullmatch(text)
    if m:
        return _numeric(int(m["a"]), int(m["b"]), _year(m["y"]))
    if re.match(r"^[A-Z][a-z]{2}, ", text):  # RFC 2822, as in RSS
        try:
            d = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        return FuzzyDate(d.year, d.month, d.day)
    # "Friday, 3 November 2017": drop a leading weekday
    text = re.sub(r"^[A-Z][a-z]+day,?\s+", "", text)
    found = find_date(text)
    if found is None or found[1] != (0, len(text)):
        return None
    return found[0]


def find_date(text: str) -> tuple[DateValue, tuple[int, int]] | None:
    """The first date written in ``text`` and its span, or None.

    Month-name dates without a year give a :class:`YearlessDate`.

    Examples
    --------
    >>> find_date("BEIRUT, Nov 3 ")
    (YearlessDate(month=11, day=3), (8, 13))
    >>> find_date("11/03/2017 Syria")
    (NumericDate(a=11, b=3, year=2017), (0, 10))
    """
    best: tuple[DateValue, tuple[int, int]] | None = None
    for m in (
        _NUMERIC.search(text),
        _DAY_MONTH.search(text),
        _MONTH_DAY.search(text),
        _MONTH_YEAR.search(text),
    ):
        if m is None or (best is not None and m.start() >= best[1][0]):
            continue
        g = m.groupdict()
        value: DateValue
        try:
            if g.get("a"):
                value = _numeric(int(g["a"]), int(g["b"]), _year(g["y"]))
            elif g.get("m1"):
                month, day = _month(g["m1"]), int(g["d1"])
                value = FuzzyDate(int(g["y1"]), month, day) if g["y1"] else YearlessDate(month, day)
            elif g.get("m2"):
                month, day = _month(g["m2"]), int(g["d2"])
                value = FuzzyDate(int(g["y2"]), month, day) if g["y2"] else YearlessDate(month, day)
            else:
                value = FuzzyDate(int(g["y3"]), _month(g["m3"]))
            value = _checked(value)
        except ValueError:
            continue
        best = (value, (m.start(), m.end()))
    return best


def month_mentions(text: str) -> list[tuple[int, int, int]]:
    """Every month the text names, as ``(year or 0, month, day or 0)``, in text order.

    Examples
    --------
    >>> month_mentions("On 17 October the SDF took Raqqa; in September 2016 talks began.")
    [(0, 10, 17), (2016, 9, 0)]
    """
    found: dict[int, tuple[int, int, int]] = {}
    taken: list[tuple[int, int]] = []
    for rx in (_DAY_MONTH, _MONTH_DAY, _MONTH_YEAR):
        for m in rx.finditer(text):
            g = {k: v for k, v in m.groupdict().items() if v}
            month = _month(g.get("m1") or g.get("m2") or g["m3"])
            day = int(g.get("d1") or g.get("d2") or 0)
            year = int(g.get("y1") or g.get("y2") or g.get("y3") or 0)
            if day > 31 or any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found[m.start()] = (year, month, day)
    for m in _MONTH_ALONE.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            found[m.start()] = (0, _month(m["m"]), 0)
    return [found[k] for k in sorted(found)]


def _distance(published: date, mentions: list[tuple[int, int, int]]) -> int:
    """Days between ``published`` and each mention placed at or before it, summed."""
    total = 0
    for year, month, day in mentions:
        if year:
            when = date(year, month, min(day or 1, 28))
            total += abs((published - when).days)
            continue
        year = published.year
        if (month, day or 1) > (published.month, published.day):
            year -= 1
        total += (published - date(year, month, min(day or 1, 28))).days
    return total


def decide(value: NumericDate, text: str, hint: FuzzyDate | None = None) -> FuzzyDate:
    """Settle the month/day order of ``value`` (see the module docstring).

    Examples
    --------
    >>> decide(NumericDate(5, 4, 2016), "")
    FuzzyDate(year=2016, month=5, day=4)
    >>> decide(NumericDate(5, 4, 2016), "", FuzzyDate(2016, 4))
    FuzzyDate(year=2016, month=4, day=5)
    """
    month_first = FuzzyDate(value.year, value.a, value.b)
    day_first = FuzzyDate(value.year, value.b, value.a)
    mentions = month_mentions(text)
    scores = [_distance(c.to_date(), mentions) for c in (month_first, day_first)]
    if scores[0] != scores[1]:
        return month_first if scores[0] < scores[1] else day_first
    if hint is not None:
        agree = [c.agrees(hint) for c in (month_first, day_first)]
        if agree[0] != agree[1]:
            return month_first if agree[0] else day_first
        gaps = [abs((c.to_date() - hint.to_date()).days) for c in (month_first, day_first)]
        if gaps[1] < gaps[0]:
            return day_first
    return month_first


def resolve(value: DateValue | None, text: str, hint: FuzzyDate | None = None) -> FuzzyDate | None:
    """A :class:`FuzzyDate` for ``value``, deciding what it leaves open from the text.

    A :class:`YearlessDate` takes the year of ``hint`` (the user's ``--date``), or stays
    unknown (None) without one.

    Examples
    --------
    >>> resolve(YearlessDate(11, 3), "", FuzzyDate(2017))
    FuzzyDate(year=2017, month=11, day=3)
    >>> resolve(YearlessDate(11, 3), "") is None
    True
    """
    if value is None or isinstance(value, FuzzyDate):
        return value
    if isinstance(value, NumericDate):
        return decide(value, text, hint)
    if hint is None:
        return None
    return FuzzyDate(hint.year, value.month, value.day)
