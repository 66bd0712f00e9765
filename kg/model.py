"""Plain values handed from extraction to the RDF layer.

Extraction (``kg.extract``) produces an :class:`ArticleFacts` per article; the RDF layer
(``kg.rdf.write``) turns it into quads. Nothing here touches spaCy or rdflib.

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
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "ACTOR_CLASSES",
    "EVENT_CLASSES",
    "FIGURES",
    "PLACE_CLASSES",
    "RELATION_TYPES",
    "ArticleFacts",
    "ArticleMeta",
    "Entity",
    "EventFact",
    "Evidence",
    "FuzzyDate",
    "RelationFact",
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
PLACE_CLASSES = ("Country", "Province", "District", "Region", "Settlement", "Facility", "River")
EVENT_CLASSES = (
    "Capture",
    "Offensive",
    "Battle",
    "Siege",
    "SiegeLifted",
    "Airstrike",
    "Bombardment",
    "Attack",
    "ViolenceAgainstCivilians",
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

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


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
