"""The time window of an analysis: which facts ``--as-of`` / ``--since`` / ``--until`` keep.

Examples
--------
>>> w = Window.parse(as_of="2017-11")
>>> w.describe()
'as of 2017-11'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.model import FuzzyDate

if TYPE_CHECKING:
    from kg.analysis.project import EventFact, GraphFacts, RelationFact

__all__ = ["Window", "last_day"]


def last_day(d: FuzzyDate) -> date:
    """The last day a fuzzy date covers (``2017-02`` → 2017-02-28): :meth:`FuzzyDate.last_day`."""
    return d.last_day()


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
    """Which facts an analysis sees, by date.

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
        if w.since and w.until and w.since.to_date() > last_day(w.until):
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
        if lo is not None and stop is not None and lo.to_date() > last_day(stop):
            return False
        return not (hi is not None and start is not None and last_day(hi) < start.to_date())

    def keep_relation(self, r: RelationFact) -> bool:
        """Whether the relationship holds within the window."""
        if not self.active:
            return True
        lo = r.start or r.fact.first_seen
        if lo is None:
            return False
        return self.overlaps(lo, r.end)

    def keep_event(self, e: EventFact) -> bool:
        """Whether the event happened within the window (up to ``as_of``)."""
        if not self.active:
            return True
        dates = e.dates or ((e.fact.first_seen,) if e.fact.first_seen else ())
        if not dates:
            return False
        lo = min(dates, key=lambda d: d.to_date())
        hi = max(dates, key=last_day)
        if self.as_of:
            return lo.to_date() <= last_day(self.as_of)
        return self.overlaps(lo, hi)

    def keep(self, facts: GraphFacts) -> GraphFacts:
        """The facts within the window (actors and places are kept whole)."""
        if not self.active:
            return facts
        return replace(
            facts,
            relations=[r for r in facts.relations if self.keep_relation(r)],
            events=[e for e in facts.events if self.keep_event(e)],
        )
