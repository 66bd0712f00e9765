"""Time expressions in a sentence, normalised against the article's publication date.

Dates come out only as precise as the text: "in September" is a month, "since 2014" a year,
"on 3 November" a day. Expressions without a year ("on 17 October", "last month", "on Friday")
need the publication date; without one they are dropped, and the build summary lists the
article as undated.

Examples
--------
>>> pub = FuzzyDate(2017, 11, 3)
>>> [(t.text, str(t.value), t.relation) for t in find_dates("IS had held it since 2014.", pub)]
[('since 2014', '2014', 'since')]
>>> [str(t.value) for t in find_dates("Last month they took Raqqa; on Friday they left.", pub)]
['2017-10', '2017-11-03']
>>> [str(t.value) for t in find_dates("It fell on 17 October.", pub)]
['2017-10-17']
>>> [(t.text, str(t.value)) for t in find_dates("It began in April last year.", pub)]
[('in April last year', '2016-04')]
>>> [str(t.value) for t in find_dates("They struck Wednesday night, after Sunday's raid.", pub)]
['2017-11-01', '2017-10-29']
>>> [str(t.value) for t in find_dates("It began nine months ago; two days ago it ended.", pub)]
['2017-02', '2017-11-01']
>>> [(t.text, t.relation) for t in find_dates("Mosul, held since the 2014 IS offensive", pub)]
[('2014', 'since')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kg.extract.vocab import load_rules
from kg.model import MONTHS as _MONTHS
from kg.model import FuzzyDate, month_alternation

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["TimeExpr", "find_dates", "in_numeric_date", "is_dateline", "month_number"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = rf"(?P<mon>{month_alternation()})\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# the end of a range of days, which dates from its first ("3-4 May", "between 3 and 5 May")
_TO_DAY = r"\s*(?:-|\u2013|and|to)\s*\d{1,2}(?:st|nd|rd|th)?"

# counts of days, weeks, months or years before publication ("nine months ago")
_COUNTS = {
    w: n
    for n, w in enumerate(
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ],
        start=1,
    )
}
_COUNT_WORDS = "|".join(_COUNTS)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d\d)\b")),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:{_TO_DAY})?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,\d)(?:[-\u2013]\d{{1,2}}\b)?"
            rf"(?:,?\s+{_YEAR})?"
        ),
    ),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    (
        "myrel",
        re.compile(
            rf"\b(?:(?P<prep>[Ss]ince|[Ff]rom|[Ii]n|[Uu]ntil)\s+)?{_MONTH}\s+(?:of\s+)?"
            rf"(?P<which>last|this|next)\s+year\b"
        ),
    ),
    (
        "rel",
        re.compile(
            r"\b(?P<which>last|this|previous|past|next)\s+(?P<unit>month|year|week)\b", re.I
        ),
    ),
    (
        "ago",
        re.compile(
            rf"\b(?P<n>\d{{1,2}}|a|an|{_COUNT_WORDS})\s+(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
    ("day", re.compile(r"\b(?P<word>yesterday|today)\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?:(?:on|last|this|late|early)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|"
            r"Friday|Saturday|Sunday)\b"
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?P<prep>[Ss]ince|[Ff]rom|[Uu]ntil|[Tt]ill|[Bb]y|[Ii]n|[Dd]uring|[Ee]arly|[Ll]ate|"
            rf"[Mm]id|[Bb]efore|[Aa]fter|[Ll]ast|[Tt]his|of)[\s-]+{_MONTH}(?![A-Za-z])(?!\s+\d)"
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?P<prep>[Ss]ince|[Ff]rom|[Uu]ntil|[Tt]ill|[Bb]y|[Ii]n|[Dd]uring|[Ee]arly|[Ll]ate|"
            rf"[Mm]id|[Bb]efore|[Aa]fter|[Ss]ince\s+early|[Ss]ince\s+late)[\s-]+{_YEAR}\b(?![,.]?\d)"
        ),
    ),
]


def _year_of_event_pattern() -> re.Pattern[str]:
    """A year before the noun of a war or an event, in a phrase of time ("in the 2020 war",
    "during a 2012 rebellion that overran P", "since the 2014 offensive"): up to three words
    may stand between ("since the 2014 Islamic State offensive"); the nouns are
    ``dated_nouns`` in rules.yaml. Without the preposition the year names the thing, not
    when ("vowed to erase the 1916 agreement")."""
    nouns = "|".join(sorted(load_rules()["dated_nouns"], key=len, reverse=True))
    return re.compile(
        r"\b(?P<prep>[Ii]n|[Dd]uring|[Ss]ince|[Aa]fter|[Bb]efore|[Uu]ntil|[Ss]ince)\s+"
        rf"(?:the|a|an|its|their|his|her)\s+{_YEAR}\s+"
        rf"(?:[\w'\u2019-]+\s+){{0,3}}?(?:{nouns})\b"
    )


#: a year the match dates by the noun after it: only the year is the expression
_PATTERNS.append(("year_of_event", _year_of_event_pattern()))

_UNTIL = {"until", "till", "by", "before"}
_YEAR_RANGE_END = re.compile(r"-(?:19|20)?\d\d\b")
_PREFIX = re.compile(r"\b(since|from|until|till|by|before|after|in|on|during)\s+$", re.I)


# what may stand before an article's dateline: nothing, a "date" label, a place in capitals
_DATELINE_HEAD = re.compile(r"(?:date:?|[A-Z][A-Z .'-]*,)?")


def is_dateline(before: str, expr: TimeExpr) -> bool:
    """True when a full date with its year follows only ``before`` at the head of an article:
    the dateline (" date 2024-11-30 (Agency) A ceasefire ...", "BANGUI, 13 January 2021 -
    Rebels ...", "18 Feb 2015 Ukrainian soldiers ..."), which dates the article, not its
    events (not "In February the army ...", "On Monday rebels ...").

    >>> pub = FuzzyDate(2024, 11, 30)
    >>> [is_dateline(b, find_dates(t, pub)[0]) for b, t in
    ...  [(" date ", "2024-11-30 (AFP) A truce"), ("BANGUI, ", "13 January 2021 - Rebels"),
    ...   ("Rebels attacked on ", "13 January 2021"), ("", "In February the army")]]
    [True, True, False, False]
    """
    full = expr.value.precision == "day" and re.search(r"(?:19|20)\d\d", expr.text) is not None
    return full and _DATELINE_HEAD.fullmatch(before.strip()) is not None


def month_number(word: str) -> int:
    """Month number of an English month name or abbreviation, or 0.

    >>> month_number("Sept"), month_number("foo")
    (9, 0)
    """
    return _MONTHS.get(word.lower().rstrip("."), 0)


@dataclass(frozen=True)
class TimeExpr:
    """A date stated in a text: where, its value, and how it relates ("since 2014")."""

    start: int  # character offsets into the text given to :func:`find_dates`
    end: int
    text: str
    value: FuzzyDate
    relation: str  # "at" | "since" | "until"


def _year_for(month: int, day: int, pub: FuzzyDate | None) -> int | None:
    """The year of a month (and day) stated without one: the latest not after publication."""
    if pub is None:
        return None
    if pub.month == 0:
        return pub.year
    if (month, day) > (pub.month, pub.day or 31):
        return pub.year - 1
    return pub.year


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def _numeric(a: int, b: int, year: int, pub: FuzzyDate | None) -> FuzzyDate | None:
    """``a/b/year``: day/month or month/day, whichever is valid and nearest before ``pub``."""
    options = []
    for m, d in ((a, b), (b, a)):
        try:
            options.append(date(year, m, d))
        except ValueError:
            continue
    if not options:
        return None
    if pub is not None and pub.month and len(options) == 2:
        ref = pub.to_date()
        options.sort(key=lambda x: (x > ref + timedelta(days=1), abs((ref - x).days)))
    return FuzzyDate.parse(options[0])


def _value(kind: str, m: re.Match[str], pub: FuzzyDate | None) -> FuzzyDate | None:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if kind == "iso":
        try:
            return FuzzyDate.parse(m.group(0))
        except ValueError:
            return None
    if kind == "numeric":
        return _numeric(int(g["a"]), int(g["b"]), int(g["year"]), pub)
    if kind in ("dmy", "mdy"):
        mon, day = month_number(g["mon"]), int(g["d"])
        year = year or _year_for(mon, day, pub)
        if year is None:
            return None
        try:
            return FuzzyDate.parse(date(year, mon, day))
        except ValueError:
            return None
    if kind == "my":
        return FuzzyDate(int(g["year"]), month_number(g["mon"]))
    if kind == "myrel":  # "in April last year"
        if pub is None:
            return None
        delta = {"last": -1, "this": 0, "next": 1}[g["which"]]
        return FuzzyDate(pub.year + delta, month_number(g["mon"]))
    if kind == "month":
        mon = month_number(g["mon"])
        year = _year_for(mon, 0, pub)
        # "last November" said in March or in December is a year back (the month just gone
        # would be "last month")
        if g["prep"].lower() == "last" and pub is not None and pub.month and mon >= pub.month - 1:
            year = pub.year - 1
        return FuzzyDate(year, mon) if year else None
    if kind in ("year", "year_of_event"):
        return FuzzyDate(int(g["year"]))
    if pub is None:
        return None
    if kind == "rel":
        which, unit = g["which"].lower(), g["unit"].lower()
        delta = -1 if which in ("last", "previous", "past") else 1 if which == "next" else 0
        if unit == "year":
            return FuzzyDate(pub.year + delta)
        if not pub.month:
            return None
        if unit == "month":
            y, mo = _shift_month(pub.year, pub.month, delta)
            return FuzzyDate(y, mo)
        if not pub.day:
            return None
        d = pub.to_date() + timedelta(weeks=delta)
        return FuzzyDate(d.year, d.month)
    if kind == "ago":
        return _ago(g["n"].lower(), g["unit"].lower(), pub)
    if not pub.day:
        return None
    if kind == "day":
        d = pub.to_date() - timedelta(days=1 if g["word"].lower() == "yesterday" else 0)
        return FuzzyDate.parse(d)
    if kind == "weekday":
        target = _WEEKDAYS.index(g["wd"].lower())
        ref = pub.to_date()
        d = ref - timedelta(days=(ref.weekday() - target) % 7)
        return FuzzyDate.parse(d)
    return None


def _ago(count: str, unit: str, pub: FuzzyDate) -> FuzzyDate | None:
    """The date ``count`` ``unit``s before ``pub``, as precise as the unit: "two days ago" a
    day, "three weeks ago" and "nine months ago" a month, "two years ago" a year."""
    n = 1 if count in ("a", "an") else _COUNTS.get(count) or int(count)
    if unit == "year":
        return FuzzyDate(pub.year - n)
    if not pub.month:
        return None
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, -n)
        return FuzzyDate(y, mo)
    if not pub.day:
        return None
    d = pub.to_date() - (timedelta(weeks=n) if unit == "week" else timedelta(days=n))
    return FuzzyDate.parse(d) if unit == "day" else FuzzyDate(d.year, d.month)


def find_dates(text: str, pub: FuzzyDate | None) -> list[TimeExpr]:
    """Every date expression in ``text``, left to right, overlapping matches removed.

    Parameters
    ----------
    text : str
        A sentence (or any text).
    pub : FuzzyDate or None
        The publication date relative expressions are resolved against.

    Returns
    -------
    list of TimeExpr
        ``relation`` is ``"since"`` after since/from, ``"until"`` after until/by, else ``"at"``.
    """
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span("year") if kind == "year_of_event" else m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "mdy" and _modal_may(text, m):
                continue
            # "the end of April", not "the son of April Smith"
            if kind == "month" and m.group("prep") == "of" and re.match(r"\s+[A-Z]", text[e:]):
                continue
            value = _value(kind, m, pub)
            if value is None:
                continue
            prep = (m.groupdict().get("prep") or "").lower()
            if not prep:
                pm = _PREFIX.search(text[max(0, m.start() - 12) : m.start()])
                prep = pm.group(1).lower() if pm else ""
            rel = (
                "since"
                if prep.startswith("since") or prep == "from"
                else ("until" if prep in _UNTIL else "at")
            )
            # "in 2016-style" is a compound word; "in 1998-2000" starts in 1998
            compound = text[e : e + 1] == "-" and not _YEAR_RANGE_END.match(text, e)
            if kind == "year" and prep in ("in", "by") and compound:
                continue
            taken.append((s, e))
            found.append(TimeExpr(s, e, text[s:e], value, rel))
    found.sort(key=lambda t: t.start)
    return _merge_weekdays(text, found)


_THAT_YEAR = re.compile(r"\b(?:that|the same) year\b", re.I)
_NAMED_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def that_year(text: str, before: str, pub: FuzzyDate | None) -> list[TimeExpr]:
    """ "that year", "the same year" in ``text``: the year of the last date with a year
    written out in ``before`` and in ``text`` before it ("a war broke out in 2020 ... P is
    said to have been retaken that year"); none when no such date precedes it.

    >>> [(t.text, str(t.value)) for t in that_year("It fell that year.", "War came in 2020.", None)]
    [('that year', '2020')]
    """
    out: list[TimeExpr] = []
    for m in _THAT_YEAR.finditer(text):
        prior = find_dates(before + " " + text[: m.start()], pub)
        named = [t for t in prior if _NAMED_YEAR.search(t.text)]
        if named:
            year = FuzzyDate(named[-1].value.year)
            out.append(TimeExpr(m.start(), m.end(), m.group(0), year, "at"))
    return out


def _modal_may(text: str, m: re.Match[str]) -> bool:
    """True when the "May 3" of ``m`` may be the verb: no year, and at the head of a sentence
    ("May 3 soldiers be ..." is rare, but "on May 3" and "since May 30" are the month)."""
    if m.group("mon") != "May" or m.group("year"):
        return False
    return re.search(r"(?:^|[.!?:;]['\"”]?)\s*$", text[: m.start()]) is not None


def _merge_weekdays(text: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """One expression for a weekday and the date right after it ("on Wednesday, 3 May",
    "Tuesday May 30"): the stated date's value, not the weekday's nearest past match."""
    out: list[TimeExpr] = []
    for t in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.text.split()[-1].lower() in _WEEKDAYS
            and t.value.precision == "day"
            and re.fullmatch(r",?\s+(?:the\s+)?", text[prev.end : t.start])
        ):
            out[-1] = TimeExpr(prev.start, t.end, text[prev.start : t.end], t.value, prev.relation)
            continue
        out.append(t)
    return out


_NUMERIC_DATE = re.compile(
    r"(?:19|20)\d\d-(?:0?[1-9]|1[0-2])(?:-\d\d?)?"  # 2023-09-21, 2023-09 (not "2014-15")
    r"|\d\d?/\d\d?/(?:19|20)?\d\d"  # 21/09/2023, 9/21/23
)


def in_numeric_date(tok: Token) -> bool:
    """Whether number token ``tok`` is a part of a date written in digits ("2023-09-21",
    "21/09/2023", "2023-09"), which the tokenizer splits at its dashes: a year, a month or a
    day, never a count of people.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Posted 2023-09-21. 12 died; 10-15 fled in 2014-15")
    >>> [t.text for t in doc if t.like_num and in_numeric_date(t)]
    ['2023', '09', '21']
    """
    doc = tok.doc

    def joined(t: Token) -> bool:  # a digit or a date's own separator, no space between
        return t.like_num or t.text in ("-", "/")

    start = end = tok.i
    while start > 0 and not doc[start - 1].whitespace_ and joined(doc[start - 1]):
        start -= 1
    while end + 1 < len(doc) and not doc[end].whitespace_ and joined(doc[end + 1]):
        end += 1
    return _NUMERIC_DATE.fullmatch(doc[start : end + 1].text) is not None
