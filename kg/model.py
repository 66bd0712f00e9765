"""Plain values handed from extraction to the RDF layer.

Extraction (``kg.extract``) produces an :class:`ArticleFacts` per article; the RDF layer
(``kg.rdf.write``) turns it into quads; the consumers of the graph filter what they read by
a :class:`Window` of dates. Nothing here touches spaCy or rdflib.

Examples
--------
>>> d = FuzzyDate.parse("2017-11")
>>> d.precision, str(d)
('month', '2017-11')
>>> FuzzyDate.parse("2017") < FuzzyDate.parse("2017-11-03")
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from kg.errors import InputError

__all__ = [
    "ACTOR_CLASSES",
    "ARMED_CLASSES",
    "EVENT_CLASSES",
    "FIGURES",
    "HOSTILE_EVENT_CLASSES",
    "MONTHS",
    "PLACE_CLASSES",
    "RELATION_TYPES",
    "ArticleFacts",
    "ArticleMeta",
    "Entity",
    "EventFact",
    "Evidence",
    "FuzzyDate",
    "RelationFact",
    "Window",
    "dates_agree",
    "month_alternation",
]

#: ckg class local names for actors, places and events.
ACTOR_CLASSES = (
    "State",
    "Government",
    "ArmedForces",
    "ArmedGroup",
    "Militia",
    "TerroristOrganization",
    "Coalition",
    "Person",
    "InternationalOrganization",
    "MediaOrganization",
)
#: Actor classes that bear arms (who can fight, command troops, be struck as a side).
ARMED_CLASSES = ("ArmedForces", "ArmedGroup", "Militia", "Coalition", "TerroristOrganization")
PLACE_CLASSES = ("Country", "Province", "District", "Region", "Settlement", "Facility", "River")
#: Event classes that pit agents against targets (agents and supporters are on one side).
HOSTILE_EVENT_CLASSES = (
    "Capture",
    "Offensive",
    "Battle",
    "Siege",
    "SiegeLifted",
    "Airstrike",
    "Bombardment",
    "Attack",
    "ViolenceAgainstCivilians",
)
EVENT_CLASSES = (
    *HOSTILE_EVENT_CLASSES,
    "Displacement",
    "Withdrawal",
    "Ceasefire",
    "Negotiation",
    "CasualtyReport",
)
#: Direct-edge property → (qualified class, subject role, object role, symmetric).
RELATION_TYPES: dict[str, tuple[str, str, str, bool]] = {
    "backs": ("Sponsorship", "sponsor", "client", False),
    "alliedWith": ("Alliance", "party", "party", True),
    "fights": ("Hostility", "party", "party", True),
    "tensionWith": ("Tension", "party", "party", True),
    "memberOf": ("Membership", "member", "organization", False),
    "leads": ("Leadership", "leader", "organization", False),
    "controls": ("Control", "controller", "territory", False),
}
#: Event figures (ckg properties typed xsd:integer).
FIGURES = ("displaced", "killed", "wounded", "trapped", "fighters", "captured", "civilians")

_MONTH_NAMES: tuple[str, ...] = ("january", "february", "march", "april", "may", "june")
_MONTH_NAMES += ("july", "august", "september", "october", "november", "december")
#: English month names and their abbreviations (lower case, ``sept`` too) → month number,
#: for the dates of ingestion (:mod:`kg.ingest.dates`) and extraction (:mod:`kg.extract.timex`);
#: :func:`month_alternation` builds their regexes from it.
MONTHS: dict[str, int] = {
    key: n for n, name in enumerate(_MONTH_NAMES, start=1) for key in (name, name[:3])
} | {"sept": 9}


def month_alternation(*, full: bool = True, short: bool = True, without: Sequence[str] = ()) -> str:
    """A regex alternation of the capitalised month names of :data:`MONTHS`.

    The one source of the month-name regexes of :mod:`kg.ingest.dates`,
    :mod:`kg.ingest.dateline` and :mod:`kg.extract.timex`.

    Parameters
    ----------
    full : bool
        Include the twelve names (``January`` ... ``December``).
    short : bool
        Include the abbreviations (``Jan`` ... ``Dec``, ``May`` among them, and ``Sept``).
    without : sequence of str
        Forms to leave out (lower case).

    Returns
    -------
    str
        Each form once, month by month, the longer forms of a month first, so that a regex
        tries ``September`` before ``Sept`` before ``Sep``. No group and no dot: the caller
        adds them.

    Examples
    --------
    >>> month_alternation(full=False)
    'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec'
    >>> month_alternation(short=False, without=["may"]).split("|")[3:6]
    ['April', 'June', 'July']
    >>> month_alternation().split("|")[15:18]
    ['September', 'Sept', 'Sep']
    """

    def wanted(key: str) -> bool:
        is_full, is_short = key in _MONTH_NAMES, key not in _MONTH_NAMES or len(key) == 3
        return key not in without and ((full and is_full) or (short and is_short))

    forms = sorted((key for key in MONTHS if wanted(key)), key=lambda key: (MONTHS[key], -len(key)))
    return "|".join(key.capitalize() for key in forms)


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A date only as precise as the text: a year, a month or a day.

    Parameters
    ----------
    year, month, day : int
        ``month`` and ``day`` are 0 when unknown.
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        return "day" if self.day else "month" if self.month else "year"

    @classmethod
    def parse(cls, value: str | date | int) -> FuzzyDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a :class:`datetime.date`).

        Raises
        ------
        ValueError
            When the value is none of these, or not a real calendar date.
        """
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int):
            return cls(value)
        m = _DATE_RE.match(value.strip())
        if not m:
            raise ValueError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
        y, mo, d = int(m[1]), int(m[2] or 0), int(m[3] or 0)
        if mo:
            date(y, mo, d or 1)  # validates month and day
        return cls(y, mo, d)

    def to_date(self) -> date:
        """The first day the value covers."""
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The last day the value covers.

        >>> FuzzyDate(2017, 2).last_day()
        datetime.date(2017, 2, 28)
        """
        if self.day:
            return self.to_date()
        if self.month:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)

    def agrees(self, other: FuzzyDate) -> bool:
        """True when both agree to the precision both give.

        >>> FuzzyDate(2017, 11).agrees(FuzzyDate(2017, 11, 3))
        True
        """
        if self.year != other.year:
            return False
        if self.month and other.month and self.month != other.month:
            return False
        return not (self.day and other.day and self.day != other.day)

    def ends_before(self, other: FuzzyDate) -> bool:
        """True when this date ends before ``other`` begins, to the precision both give: a
        year or month is the whole span it covers, so neither ends before a date within it.

        >>> FuzzyDate(2014, 8).ends_before(FuzzyDate(2014, 9, 1))
        True
        >>> FuzzyDate(2014, 3, 5).ends_before(FuzzyDate(2014, 3, 20))  # days count
        True
        >>> FuzzyDate(2014).ends_before(FuzzyDate(2014, 9))  # 2014 may be after September
        False
        """
        return self.last_day() < other.to_date()

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def dates_agree(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    """True when either date is not known, or both agree to the precision both give
    (:meth:`FuzzyDate.agrees`): two statements of one event need not both date it.

    >>> dates_agree(FuzzyDate(2024, 3), None)
    True
    >>> dates_agree(FuzzyDate(2024, 3), FuzzyDate(2024, 4, 2))
    False
    """
    return a is None or b is None or a.agrees(b)


def _parse_option(name: str, value: str | None) -> FuzzyDate | None:
    if value is None:
        return None
    try:
        return FuzzyDate.parse(value)
    except ValueError:
        raise InputError(
            f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None


@dataclass(frozen=True)
class Window:
    """Which facts a reader of the graph sees, by date (``--as-of`` / ``--since`` / ``--until``).

    - ``as_of``: relationships holding on that date (begun by it, not ended before it) and
      events up to it;
    - ``since`` / ``until``: relationships holding at some time in the range and events in it.

    A fact without a date of its own is dated by the earliest article stating it; a fact
    without any date is left out whenever a window is set. Fuzzy dates cover their whole
    period: ``2017`` overlaps ``2017-11-03``.

    >>> w = Window.parse(since="2017-10", until="2017-11")
    >>> w.overlaps(FuzzyDate(2017), FuzzyDate(2017))
    True
    >>> w.overlaps(FuzzyDate(2016), FuzzyDate(2016, 12, 31))
    False
    >>> Window.parse(as_of="2017-11").describe()
    'as of 2017-11'
    """

    as_of: FuzzyDate | None = None
    since: FuzzyDate | None = None
    until: FuzzyDate | None = None

    @classmethod
    def parse(
        cls, as_of: str | None = None, since: str | None = None, until: str | None = None
    ) -> Window:
        """A window from option values (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

        Raises
        ------
        InputError
            On a malformed date, ``--as-of`` combined with a range, or ``since > until``.
        """
        w = cls(
            _parse_option("--as-of", as_of),
            _parse_option("--since", since),
            _parse_option("--until", until),
        )
        if w.as_of and (w.since or w.until):
            raise InputError(
                "--as-of cannot be combined with --since/--until: give one date, or a range"
            )
        if w.since and w.until and w.since.to_date() > w.until.last_day():
            raise InputError(f"--since {w.since} is after --until {w.until}: swap them")
        return w

    @property
    def active(self) -> bool:
        """True when any date is set."""
        return bool(self.as_of or self.since or self.until)

    def describe(self) -> str:
        """The window in words, for messages (``""`` when inactive)."""
        if self.as_of:
            return f"as of {self.as_of}"
        parts = []
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        return " ".join(parts)

    def overlaps(self, lo: FuzzyDate | None, hi: FuzzyDate | None) -> bool:
        """True when ``[lo, hi]`` (``None``: unbounded) meets the window's range."""
        start = self.as_of or self.since
        stop = self.as_of or self.until
        if lo is not None and stop is not None and lo.to_date() > stop.last_day():
            return False
        return not (hi is not None and start is not None and hi.last_day() < start.to_date())

    def holds(self, start: FuzzyDate | None, end: FuzzyDate | None) -> bool:
        """Whether a relationship from ``start`` (its own, else its first article's date) to
        ``end`` holds within the window; an undated one only when no window is set."""
        if not self.active:
            return True
        return start is not None and self.overlaps(start, end)

    def happened(self, dates: Sequence[FuzzyDate]) -> bool:
        """Whether an event on ``dates`` (its own, else its first article's) falls within the
        window (for ``as_of``: began by it); an undated one only when no window is set."""
        if not self.active:
            return True
        if not dates:
            return False
        lo = min(dates, key=lambda d: d.to_date())
        hi = max(dates, key=lambda d: d.last_day())
        if self.as_of:
            return lo.to_date() <= self.as_of.last_day()
        return self.overlaps(lo, hi)


@dataclass(frozen=True)
class Evidence:
    """Where and how one article states a fact.

    ``char_start``/``char_end`` index the article's cleaned text; ``quote`` is the sentence.
    """

    quote: str
    char_start: int
    char_end: int
    method: str
    confidence: float
    hedged: bool = False


@dataclass
class Entity:
    """An actor or a place, resolved to one real-world thing.

    ``key`` is the canonical name; IRIs are minted from it, so it must be stable: a gazetteer
    name, or a normalised surface form for entities no gazetteer knows.
    """

    key: str
    kind: str  # "actor" | "place"
    cls: str  # a ckg class local name
    label: str
    aliases: set[str] = field(default_factory=set)
    country: str | None = None  # key of the country place
    parent: str | None = None  # key of the containing place
    coords: tuple[float, float] | None = None  # (lat, lon)
    source: str = "ner"  # "gazetteer" | "ner" | "acronym" | "head-noun" | "curated"


@dataclass
class RelationFact:
    """A relationship stated in an article. ``type`` is a key of :data:`RELATION_TYPES`."""

    type: str
    subject: str  # entity key
    object: str  # entity key
    evidence: Evidence
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None


@dataclass
class EventFact:
    """An event stated in an article. ``type`` is one of :data:`EVENT_CLASSES`."""

    type: str
    evidence: Evidence
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    place: str | None = None
    date: FuzzyDate | None = None
    figures: dict[str, int] = field(default_factory=dict)


@dataclass
class ArticleMeta:
    """What is known about an article besides its text."""

    source: str  # file name, or "feed.xml#entry-id", or "file.jsonl:LINE"
    title: str | None = None
    publisher: str | None = None
    date: FuzzyDate | None = None
    url: str | None = None


@dataclass
class ArticleFacts:
    """Everything extracted from one article: the input of :func:`kg.rdf.write.article_quads`."""

    meta: ArticleMeta
    text: str
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[RelationFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    #: entity key → surface forms seen in this article
    mentions: dict[str, set[str]] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """``sha256:`` of the cleaned text; the article IRI derives from it."""
        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()
