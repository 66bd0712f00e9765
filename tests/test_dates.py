"""Publication dates as metadata and datelines write them (kg.ingest.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ingest.dates import (
    NumericDate,
    YearlessDate,
    decide,
    find_date,
    month_mentions,
    parse_date,
    resolve,
)
from kg.model import FuzzyDate


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-05-14", FuzzyDate(2016, 5, 14)),
        ("2016-05", FuzzyDate(2016, 5)),
        ("2016", FuzzyDate(2016)),
        (2016, FuzzyDate(2016)),
        (dt.date(2016, 5, 14), FuzzyDate(2016, 5, 14)),
        (dt.datetime(2016, 5, 14, 23, 59), FuzzyDate(2016, 5, 14)),
        ("2016-05-14T23:30:00-04:00", FuzzyDate(2016, 5, 14)),  # the local day, not UTC's
        ("2016/05/14", FuzzyDate(2016, 5, 14)),
        ("14 May 2016", FuzzyDate(2016, 5, 14)),
        ("May 14, 2016", FuzzyDate(2016, 5, 14)),
        ("Sept. 2, 2019", FuzzyDate(2019, 9, 2)),
        ("Saturday, 14 May 2016", FuzzyDate(2016, 5, 14)),
        ("June 2018", FuzzyDate(2018, 6)),
        ("Sat, 14 May 2016 22:10:00 +0300", FuzzyDate(2016, 5, 14)),
        ("25/12/2016", FuzzyDate(2016, 12, 25)),
        ("12/25/2016", FuzzyDate(2016, 12, 25)),
        ("7/7/19", FuzzyDate(2019, 7, 7)),
        ("05/04/2016", NumericDate(5, 4, 2016)),
        ("Nov 3", YearlessDate(11, 3)),
        ("3 November", YearlessDate(11, 3)),
    ],
)
def test_parse_date(value: object, expected: object) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "soon",
        "2016-13-01",
        "31 February 2016",
        "32/01/2016",
        "13/13/2016",
        "May 2016 fell",
        True,
    ],
)
def test_parse_date_rejects(value: object) -> None:
    with pytest.raises(ValueError, match=r"is not a date( \(.*\))?: write it as YYYY-MM-DD") as err:
        parse_date(value)
    assert repr(value) in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DAMASCUS, 5 June (SANA)", (YearlessDate(6, 5), (10, 16))),
        ("Posted 06/19/2018 by staff", (FuzzyDate(2018, 6, 19), (7, 17))),
        ("In March 2015 the coalition intervened", (FuzzyDate(2015, 3), (3, 13))),
        ("no date at all", None),
    ],
)
def test_find_date(text: str, expected: object) -> None:
    assert find_date(text) == expected


def test_month_mentions_in_text_order() -> None:
    text = "Talks began in May 2019. On 4 April the offensive started; since January, and in June."
    assert month_mentions(text) == [(2019, 5, 0), (0, 4, 4), (0, 1, 0), (0, 6, 0)]


@pytest.mark.parametrize(
    ("numeric", "text", "hint", "expected"),
    [
        # recent months named in the text decide the order
        (
            NumericDate(6, 4, 2019),
            "The offensive began in April and slowed in May.",
            None,
            FuzzyDate(2019, 6, 4),
        ),
        # a day two days before 6 April beats one two months before 4 June
        (NumericDate(6, 4, 2019), "The offensive began on 4 April.", None, FuzzyDate(2019, 4, 6)),
        (
            NumericDate(6, 4, 2019),
            "Talks collapsed in February; in March the war resumed.",
            None,
            FuzzyDate(2019, 4, 6),
        ),
        # no month named: the user's date breaks the tie, else month first
        (NumericDate(6, 4, 2019), "No months here.", FuzzyDate(2019, 4), FuzzyDate(2019, 4, 6)),
        (NumericDate(6, 4, 2019), "No months here.", FuzzyDate(2019, 6), FuzzyDate(2019, 6, 4)),
        (NumericDate(6, 4, 2019), "No months here.", None, FuzzyDate(2019, 6, 4)),
    ],
)
def test_decide_month_day_order(
    numeric: NumericDate, text: str, hint: FuzzyDate | None, expected: FuzzyDate
) -> None:
    assert decide(numeric, text, hint) == expected


@pytest.mark.parametrize(
    ("value", "hint", "expected"),
    [
        (None, FuzzyDate(2018), None),
        (FuzzyDate(2018, 6), None, FuzzyDate(2018, 6)),
        (YearlessDate(6, 13), FuzzyDate(2018, 6, 20), FuzzyDate(2018, 6, 13)),
        (YearlessDate(6, 13), None, None),
    ],
)
def test_resolve(value: object, hint: FuzzyDate | None, expected: FuzzyDate | None) -> None:
    assert resolve(value, "", hint) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2014", "2016", True),  # years apart
        ("2016", "2014", False),
        ("2014-08", "2014-09", True),  # months of one year
        ("2014-09", "2014-08", False),
        ("2014-08", "2014-08", False),
        ("2014", "2014-09", False),  # a year covers its months: not before one of them
        ("2014-03", "2014", False),
        ("2014-03-05", "2014-03-20", True),  # days count (the old pipeline._before ignored them)
        ("2014-03-20", "2014-03-05", False),
        ("2014-03-05", "2014-03-05", False),  # the same day: neither ends first
        ("2014-03-05", "2014-03", False),  # a day within the month
        ("2014-03", "2014-03-05", False),
        ("2014-02-28", "2014-03", True),
        ("2014-12-31", "2015", True),
        ("2014-12", "2015-01-01", True),
    ],
)
def test_fuzzy_date_ends_before(a: str, b: str, expected: bool) -> None:
    assert FuzzyDate.parse(a).ends_before(FuzzyDate.parse(b)) is expected
