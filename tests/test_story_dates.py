"""Dates of a story told in the past: a month named without a year, and a statement with no
date, continue the year the sentence before wrote out (kg.extract.timex.in_story_year,
ArticleContext.story_date; every sentence is our own)."""

from __future__ import annotations

import pytest
from test_events import of_type, run

from kg.extract.pipeline import Extractor
from kg.model import FuzzyDate

PUB = FuzzyDate(2024, 3, 10)


@pytest.mark.parametrize(
    ("text", "type_", "date"),
    [
        (
            "Maute group fighters stormed Marawi on May 23, 2017. Philippine troops fought "
            "them for five months before retaking the city in October.",
            "Capture",
            FuzzyDate(2017, 10),
        ),
        (
            "Seleka rebels seized Bangui in March 2013. In December, anti-balaka militias "
            "attacked Bangui.",
            "Attack",
            FuzzyDate(2013, 12),
        ),
    ],
)
def test_a_month_without_a_year_continues_the_told_year(
    ex: Extractor, text: str, type_: str, date: FuzzyDate
) -> None:
    dates = [e.date for e in of_type(run(ex, text, PUB), type_) if e.date != FuzzyDate(2017, 5, 23)]
    assert dates == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # an earlier month than the told one may be of any year since: the publication's
        (
            "Seleka rebels seized Bangui in May 2013. In February, anti-balaka militias "
            "attacked Bangui.",
            FuzzyDate(2024, 2),
        ),
        # a year alone tells no month to continue from
        (
            "Seleka rebels seized Bangui in 2013. In December, anti-balaka militias "
            "attacked Bangui.",
            FuzzyDate(2023, 12),
        ),
        # "last December" is the publication's
        (
            "Seleka rebels seized Bangui in March 2013. Last December, anti-balaka militias "
            "attacked Bangui.",
            FuzzyDate(2023, 12),
        ),
    ],
)
def test_a_month_keeps_the_publication_year_otherwise(
    ex: Extractor, text: str, date: FuzzyDate
) -> None:
    assert [e.date for e in of_type(run(ex, text, PUB), "Attack")] == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Maute group fighters stormed Marawi on May 23, 2017. Philippine troops fought "
            "them in the city for five months.",
            FuzzyDate(2017),
        ),
        # present and perfect verbs tell of now, not of the story before
        (
            "Maute group fighters stormed Marawi on May 23, 2017. Philippine troops are "
            "fighting them in the city.",
            FuzzyDate(2024, 3),
        ),
        (
            "Maute group fighters stormed Marawi on May 23, 2017. Philippine troops have "
            "fought them in the city for months.",
            FuzzyDate(2024, 3),
        ),
        # "since" dates no story
        (
            "Maute group fighters have held parts of Marawi since May 2017. Philippine troops "
            "fought them in the city.",
            FuzzyDate(2024, 3),
        ),
    ],
)
def test_an_undated_statement_takes_the_year_of_the_story_before(
    ex: Extractor, text: str, date: FuzzyDate
) -> None:
    assert [e.date for e in of_type(run(ex, text, PUB), "Battle")] == [date]
