"""Which triples Virtuoso 7.2 stores as one: the count it keeps of a graph we send it.

Virtuoso does not keep a typed literal as the RDF term it was given but as a value of an SQL
type, so two literals of one subject and predicate (in one graph) that are different terms
but the same value become one triple, and a ``COUNT`` finds fewer triples than were sent.
Which one survives is the server's choice; how many survive is predicted by
:func:`value_key`, measured live against Debian's ``virtuoso-opensource`` 7.2
(``tests/test_virtuoso.py`` checks this rule on a server; docs/triplestores.md says what a user
loses):

- **numbers and booleans** (``xsd:integer`` and its subtypes, ``xsd:decimal``,
  ``xsd:boolean``) are one space of exact numbers: ``"1"``, ``"01"``, ``"+1"``, ``"1.0"``
  (decimal) and ``"true"`` (boolean) are one value. ``xsd:double`` and ``xsd:float`` merge
  among themselves when equal as doubles (``"-0.0E0"`` is ``"0.0E0"``). Not predicted (our
  graph has neither): whether a double merges with a decimal (``0.1`` and
  ``"0.1"^^xsd:double`` do, ``0.3`` and ``0.30000000000000004`` do not), and decimals that
  differ only after the 15th digit past the point (``INSERT DATA`` merges them, the Graph
  Store loader keeps both).
- **dates and times** (``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:date``, ``xsd:dateTime``)
  are instants: a year is its first moment, a month its first day, a date its midnight, so
  ``"2017"^^xsd:gYear``, ``"2017-01"^^xsd:gYearMonth`` and ``"2017-01-01"^^xsd:date`` are
  one value. With a time zone they are compared in UTC (``"2017-04-01+02:00"`` is
  ``"2017-03-31T22:00:00Z"``); one without a time zone never equals one with.
  ``xsd:time`` values equal as times are one (``10:00:00`` and ``10:00:00.0``).
- **language tags** compare without case: ``"b"@en`` and ``"b"@EN`` are one.

Every other term (IRIs, plain strings, ``geo:wktLiteral``, other datatypes, a lexical form
that is not valid for its type) is kept as given.

Examples
--------
>>> import pyoxigraph as ox
>>> s, p = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p")
>>> XSD = "http://www.w3.org/2001/XMLSchema#"
>>> def lit(v, t): return ox.Literal(v, datatype=ox.NamedNode(XSD + t))
>>> triples = [(s, p, lit("2017-04", "gYearMonth")), (s, p, lit("2017-04-01", "date")),
...            (s, p, lit("2017-04-06", "date"))]
>>> kept_count(triples)
2
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Hashable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

__all__ = ["kept_count", "merged_groups", "value_key"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + t
    for t in [
        "integer",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}
_DECIMAL = _XSD + "decimal"
_BOOLEAN = _XSD + "boolean"
_DOUBLES = {_XSD + "double", _XSD + "float"}
_TIME = _XSD + "time"
_STRING = _XSD + "string"
#: datatype -> the part of an instant its lexical form gives (the rest is the first moment)
_INSTANTS = {
    _XSD + "gYear": r"(-?\d{4,})()()()",
    _XSD + "gYearMonth": r"(-?\d{4,})-(\d\d)()()",
    _XSD + "date": r"(-?\d{4,})-(\d\d)-(\d\d)()",
    _XSD + "dateTime": r"(-?\d{4,})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d(?:\.\d+)?)",
}
_ZONE = r"(Z|[+-]\d\d:\d\d)?"
_INSTANT_RE = {t: re.compile(body + _ZONE) for t, body in _INSTANTS.items()}
_TIME_RE = re.compile(r"(\d\d):(\d\d):(\d\d(?:\.\d+)?)" + _ZONE)
_BOOLEANS = {"true": Decimal(1), "1": Decimal(1), "false": Decimal(0), "0": Decimal(0)}


def _number(text: str, datatype: str) -> Decimal | None:
    if datatype == _BOOLEAN:
        return _BOOLEANS.get(text)
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    if datatype in _INTEGERS and value != value.to_integral_value():
        return None
    return value


def _zone(text: str | None) -> dt.timedelta | None:
    if not text:
        return None
    if text == "Z":
        return dt.timedelta(0)
    sign = -1 if text[0] == "-" else 1
    return sign * dt.timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))


def _instant(text: str, datatype: str) -> tuple[bool, int, float] | None:
    """(has a time zone, day number, seconds into that day), in UTC when zoned."""
    m = _INSTANT_RE[datatype].fullmatch(text)
    if m is None:
        return None
    year, month, day, clock, zone = m.groups()
    y = int(year)
    try:  # the calendar repeats every 400 years: any year maps into 2000..2399
        days = dt.date(2000 + y % 400, int(month or 1), int(day or 1)).toordinal()
    except ValueError:
        return None
    days += (y - y % 400) // 400 * 146_097
    hh, mm, ss = (clock or "00:00:00").split(":")
    seconds = int(hh) * 3600 + int(mm) * 60 + float(ss)
    offset = _zone(zone)
    if offset is not None:
        seconds -= offset.total_seconds()
    shift, seconds = divmod(seconds, 86_400)
    return offset is not None, days + int(shift), seconds


@functools.lru_cache(maxsize=1 << 16)
def value_key(term: Any) -> Hashable:
    """What Virtuoso 7.2 stores ``term`` as: two objects of one subject and predicate with
    equal keys become one triple there.

    >>> import pyoxigraph as ox
    >>> XSD = "http://www.w3.org/2001/XMLSchema#"
    >>> def lit(v, t): return ox.Literal(v, datatype=ox.NamedNode(XSD + t))
    >>> value_key(lit("01", "integer")) == value_key(lit("1.0", "decimal"))
    True
    >>> value_key(ox.Literal("b", language="en")) == value_key(ox.Literal("b", language="EN"))
    True
    >>> value_key(lit("2017", "gYear")) == value_key(lit("2017-01-02", "date"))
    False
    """
    if not isinstance(term, ox.Literal):
        return term
    if term.language:
        return ("lang", term.value, term.language.lower())
    datatype = term.datatype.value
    key: tuple[Any, ...] | None = None
    if datatype in _INTEGERS or datatype in (_DECIMAL, _BOOLEAN):
        key = ("number", _number(term.value, datatype))
    elif datatype in _DOUBLES:
        try:
            key = ("double", float(term.value))
        except ValueError:
            key = ("double", None)
    elif datatype in _INSTANT_RE:
        key = ("instant", _instant(term.value, datatype))
    elif datatype == _TIME:
        m = _TIME_RE.fullmatch(term.value)
        if m is not None:
            offset = _zone(m[4])
            s = int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3])
            s -= offset.total_seconds() if offset is not None else 0
            key = ("time", offset is not None, s % 86400)
    if key is None or key[1] is None:
        return term  # not a value Virtuoso converts (or not a valid lexical form): as given
    return key


def merged_groups(triples: Iterable[Any]) -> list[tuple[Any, Any, list[Any]]]:
    """Each subject and predicate with two or more objects Virtuoso keeps as one triple.

    ``triples`` are ``(s, p, o)`` sequences or pyoxigraph triples or quads (their graph
    ignored: pass one graph's triples), with pyoxigraph terms.
    """
    groups: dict[tuple[Any, Any, Hashable], list[Any]] = {}
    for t in triples:
        s, p, o = (t.subject, t.predicate, t.object) if hasattr(t, "subject") else t
        if isinstance(o, ox.Literal):
            groups.setdefault((s, p, value_key(o)), []).append(o)
    return [(s, p, sorted(os, key=str)) for (s, p, _k), os in groups.items() if len(os) > 1]


def kept_count(triples: Iterable[Any]) -> int:
    """How many of ``triples`` (distinct triples of one graph) Virtuoso 7.2 keeps."""
    n = 0
    seen: set[tuple[Any, Any, Hashable]] = set()
    for t in triples:
        o = t.object if hasattr(t, "object") else t[2]
        if isinstance(o, ox.Literal) and (o.language or o.datatype.value != _STRING):
            s, p = (t.subject, t.predicate) if hasattr(t, "subject") else t[:2]
            seen.add((s, p, value_key(o)))
        else:  # plain strings and IRIs are kept as given
            n += 1
    return n + len(seen)
