"""The month-name regexes built from kg.model.MONTHS accept what the hand-written ones did.

kg.ingest.dates, kg.ingest.dateline and kg.extract.timex each wrote their month names out by
hand; they now take them from :func:`kg.model.month_alternation`. The hand-written forms are kept
here as the reference: every regex of the three modules, rebuilt with them, must find the same
matches (spans and groups) on the same strings, and the modules' functions must give the same
answers with either.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

import pytest

from kg.extract import timex
from kg.ingest import dateline, dates
from kg.model import FuzzyDate, month_alternation

_FULL = "January|February|March|April|June|July|August|September|October|November|December"
# the month regexes as they were written by hand, before month_alternation
_OLD_DATES = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|" + _FULL
_OLD_DATELINE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_OLD_TIMEX = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)

_NAMES = _FULL.replace("|June|", "|May|June|").split("|")
_WORDS = [*_NAMES, *(n[:3] for n in _NAMES), "Sept", "Sepember", "Septem", "Janu", "Mayo", "Marc"]
_FORMS = sorted({f for w in _WORDS for f in (w, w + ".", w.lower(), w.upper(), w.upper() + ".")})
_CONTEXTS = [
    "{m}",
    "3 {m} 2017",
    "3 {m}, 2017",
    "03 {m}",
    "{m} 3, 2017",
    "{m} 3 2017",
    "{m} 3",
    "{m} 3rd",
    "{m} 2017",
    "{m} of 2016",
    "on the 3rd of {m}",
    "In {m} the talks began.",
    "in {m} 5 people died",
    "since {m} 2015",
    "late {m}",
    "until {m}.",
    "mid-{m}",
    "{m}-3",
    "3 {m}-2017",
    "Friday, 3 {m} 2017",
    "BEIRUT, {m} 3 (Reuters) - The army advanced.",
    "Beirut, {m} 3, 2017 (AFP) - The army advanced.",
    "3 {m} 2017 (AFP) - The army advanced.",
    "ALEPPO, {m} 3 - The army advanced.",
]
_STRINGS = [c.format(m=m) for c, m in itertools.product(_CONTEXTS, _FORMS)]


def _swapped(pattern: re.Pattern[str], swaps: list[tuple[str, str]]) -> re.Pattern[str]:
    """``pattern`` with its month regexes written the old way."""
    text = pattern.pattern
    for new, old in swaps:
        text = text.replace(new, old)
    return re.compile(text, pattern.flags)


def _old_patterns() -> Iterator[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(name, new, old) for every regex of the three modules that names months."""
    new_dates = dates._MONTH.removeprefix("(?P<{g}>").removesuffix(")")
    for name in ("_DAY_MONTH", "_MONTH_DAY", "_MONTH_YEAR"):
        new = getattr(dates, name)
        yield f"dates.{name}", new, _swapped(new, [(new_dates, _OLD_DATES)])
    for name in ("_DATE_FIRST", "_PLACE_FIRST"):
        new = getattr(dateline, name)
        yield f"dateline.{name}", new, _swapped(new, [(dateline._MONTH, _OLD_DATELINE)])
    for kind, new in timex._PATTERNS:
        if timex._MONTH in new.pattern:
            yield f"timex.{kind}", new, _swapped(new, [(timex._MONTH, _OLD_TIMEX)])


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_alternation_forms() -> None:
    forms = month_alternation().split("|")
    assert len(forms) == len(set(forms)) == 12 + 12 - 1 + 1  # "May" once, "Sept" too
    assert set(month_alternation(full=False).split("|")) == {n[:3] for n in _NAMES} | {"Sept"}
    assert month_alternation(short=False, without=["may"]) == _FULL
    # dates._MONTH_ALONE comes out as it was written, to the byte
    assert dates._MONTH_ALONE.pattern.startswith(rf"\b(?P<m>{_FULL}|(?<=[Ii]n )May|")
    # every other month regex differs from the hand-written one in its text
    assert all(new.pattern != old.pattern for _name, new, old in _old_patterns())


@pytest.mark.parametrize("name", [name for name, _new, _old in _old_patterns()])
def test_same_matches_as_hand_written(name: str) -> None:
    new, old = next((new, old) for n, new, old in _old_patterns() if n == name)
    differ = [s for s in _STRINGS if _matches(new, s) != _matches(old, s)]
    if name.startswith("dateline."):
        # the old "Sept?(?:ember)?" also took the misspelt "Sepember"; parse_date never did, so
        # find_dateline gave None for it before and gives None now (test_same_answers)
        differ = [s for s in differ if "Sepember" not in s]
    assert differ == []


def _answers(fn: Callable[[str], object]) -> list[str]:
    out = []
    for s in _STRINGS:
        try:
            out.append(repr(fn(s)))
        except ValueError as err:
            out.append(f"ValueError {err}")
    return out


def test_same_answers_as_hand_written(monkeypatch: pytest.MonkeyPatch) -> None:
    pub = FuzzyDate(2017, 11, 20)
    fns: list[Callable[[str], object]] = [
        dates.parse_date,
        dates.find_date,
        dates.month_mentions,
        dateline.find_dateline,
        lambda s: timex.find_dates(s, pub),
        lambda s: timex.find_dates(s, None),
    ]
    now = [_answers(fn) for fn in fns]
    olds = list(_old_patterns())
    for name, _new, old in olds:
        module, attr = name.split(".")
        if module != "timex":
            monkeypatch.setattr(dates if module == "dates" else dateline, attr, old)
    old_timex = {name.split(".")[1]: old for name, _new, old in olds if name.startswith("timex.")}
    monkeypatch.setattr(timex, "_PATTERNS", [(k, old_timex.get(k, p)) for k, p in timex._PATTERNS])
    before = [_answers(fn) for fn in fns]
    for fn_now, fn_before in zip(now, before, strict=True):
        assert [(s, a) for s, a, b in zip(_STRINGS, fn_now, fn_before, strict=True) if a != b] == []


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("3 Sept. 2017", True),
        ("3 Sept 2017", True),
        ("3 Sep 2017", True),
        ("Nov. 3, 2017", True),
        ("3 May 2017", True),
        ("3 may 2017", False),
        ("3 NOVEMBER 2017", False),
        ("3 Novem 2017", False),
        ("3 SEPT 2017", False),
        ("3 Sepember 2017", False),
    ],
)
def test_month_forms(text: str, taken: bool) -> None:
    assert (dates.find_date(text) is not None) is taken
    assert bool(timex.find_dates(text, None)) is taken


@pytest.mark.parametrize(
    "text",
    [
        "Rockets fell in Mariupol overnight.",  # "in Mar" begins a town's name
        "The fighting in Marib went on.",
        "Government forces advanced since Mayadin fell.",
        "Troops moved in Novoazovsk.",
    ],
)
def test_month_abbreviation_inside_a_name_is_no_date(text: str) -> None:
    assert timex.find_dates(text, FuzzyDate(2017, 11, 20)) == []


def test_month_abbreviation_alone_is_a_date() -> None:
    text = "The town fell in Mar. and again in Sept, officials said."
    found = timex.find_dates(text, FuzzyDate(2017, 11, 20))
    assert [d.value.month for d in found] == [3, 9]
