"""The rule predicting which literals Virtuoso 7.2 keeps as one (kg.export.virtuoso_values).

Each case is the objects of one subject and predicate and how many triples Virtuoso keeps of
them; ``tests/test_virtuoso.py`` pushes the same cases into a live Virtuoso and checks them
there.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.export.virtuoso_values import kept_count, merged_groups, value_key

X = "http://www.w3.org/2001/XMLSchema#"


def typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{X}{datatype}>'


#: name -> (objects in N-Triples syntax, triples Virtuoso 7.2 keeps of them)
CASES: dict[str, tuple[list[str], int]] = {
    # an event dated by one article to a month and by another to its first day (our graph)
    "month-and-first-day": ([typed("2017-04", "gYearMonth"), typed("2017-04-01", "date")], 1),
    "month-and-other-day": ([typed("2017-04", "gYearMonth"), typed("2017-04-06", "date")], 2),
    "year-month-day": (
        [typed("2016", "gYear"), typed("2016-01", "gYearMonth"), typed("2016-01-01", "date")],
        1,
    ),
    "year-and-february": ([typed("2016", "gYear"), typed("2016-02", "gYearMonth")], 2),
    "date-and-midnight": (
        [typed("2019-11-03", "date"), typed("2019-11-03T00:00:00", "dateTime")],
        1,
    ),
    "zoned-in-utc": (
        [typed("2019-11-03+03:00", "date"), typed("2019-11-02T21:00:00Z", "dateTime")],
        1,
    ),
    "zoned-and-not": ([typed("2019-11-03", "date"), typed("2019-11-03Z", "date")], 2),
    "time-fraction": ([typed("08:30:00", "time"), typed("08:30:00.0", "time")], 1),
    # numerals
    "leading-zero": ([typed("7", "integer"), typed("07", "integer")], 1),
    "plus-sign": ([typed("+7", "integer"), typed("7", "integer")], 1),
    "integer-and-decimal": ([typed("12", "integer"), typed("12.0", "decimal")], 1),
    "integer-subtype": ([typed("12", "integer"), typed("12", "nonNegativeInteger")], 1),
    "trailing-zeros": ([typed("0.85", "decimal"), typed("0.850", "decimal")], 1),
    "fifteenth-digit": ([typed("0.200000000000001", "decimal"), typed("0.2", "decimal")], 2),
    "boolean-and-one": ([typed("true", "boolean"), typed("1", "integer")], 1),
    "boolean-spellings": ([typed("false", "boolean"), typed("0", "boolean")], 1),
    "negative-zero-double": ([typed("0.0E0", "double"), typed("-0.0E0", "double")], 1),
    # language tags
    "tag-case": (['"Aleppo"@en', '"Aleppo"@EN'], 1),
    "region-case": (['"Aleppo"@en-GB', '"Aleppo"@en-gb'], 1),
    # kept apart
    "number-and-string": ([typed("5", "integer"), '"5"'], 2),
    "date-and-string": ([typed("2017-04-01", "date"), '"2017-04-01"'], 2),
    "string-case": (['"Raqqa"', '"raqqa"'], 2),
    "tag-and-none": (['"Raqqa"@en', '"Raqqa"'], 2),
    "points": (
        [
            '"POINT(38.99 35.95)"^^<http://www.opengis.net/ont/geosparql#wktLiteral>',
            '"POINT(38.990001 35.95)"^^<http://www.opengis.net/ont/geosparql#wktLiteral>',
        ],
        2,
    ),
    "other-datatype": (['"1"^^<https://example.org/code>', '"01"^^<https://example.org/code>'], 2),
    "invalid-month": ([typed("2017-4", "gYearMonth"), typed("2017-04", "gYearMonth")], 2),
}


def case_triples(name: str) -> list[ox.Quad]:
    """The case's objects under one subject ``https://example.org/case/NAME`` and predicate."""
    objects, _kept = CASES[name]
    text = "".join(
        f"<https://example.org/case/{name}> <https://example.org/p> {o} .\n" for o in objects
    )
    return list(ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_predicts_what_virtuoso_keeps(name) -> None:
    # Oxigraph (our store) already lowercases language tags: "b"@EN is "b"@en there
    triples = set(case_triples(name))
    assert len(triples) == len(CASES[name][0]) or name.endswith("-case")
    assert kept_count(triples) == CASES[name][1]


def test_only_objects_of_one_subject_and_predicate_merge() -> None:
    a, b, p, q = (ox.NamedNode(f"https://example.org/{x}") for x in "abpq")
    one = ox.Literal("1", datatype=ox.NamedNode(X + "integer"))
    other = ox.Literal("01", datatype=ox.NamedNode(X + "integer"))
    assert kept_count([(a, p, one), (b, p, other), (a, q, other)]) == 3
    assert kept_count([(a, p, one), (a, p, other), (a, q, other)]) == 2
    assert merged_groups([(a, p, one), (a, p, other), (a, q, other)]) == [(a, p, [other, one])]


def test_iris_and_plain_strings_are_their_own_keys() -> None:
    iri = ox.NamedNode("https://example.org/x")
    assert value_key(iri) == iri
    assert value_key(ox.Literal("x")) == ox.Literal("x")


def test_years_far_from_now_keep_their_order() -> None:
    key = value_key(ox.Literal("-0044", datatype=ox.NamedNode(X + "gYear")))
    later = value_key(ox.Literal("0044", datatype=ox.NamedNode(X + "gYear")))
    assert key != later
    assert value_key(ox.Literal("-0044-01", datatype=ox.NamedNode(X + "gYearMonth"))) == key
