"""Analyses per theatre of war, and the sponsors active in several.

Each relationship and event carries the theatres (``ckg:theatre``) that
:mod:`kg.rdf.theatres` derived from the places it names. An analysis runs on one theatre's
facts at a time, so ties from different wars never chain into one bloc; facts no place
ties to a country are *unplaced* and analysed apart. :func:`sponsors_across_theatres` is the
report across theatres: who backs clients in more than one war.

Examples
--------
>>> from kg.rdf.read import ActorInfo, FactInfo, GraphFacts, Relation
>>> f = GraphFacts(theatres={"t/sy": "Syria", "t/ye": "Yemen"})
>>> f.relations += [
...     Relation(FactInfo("r1", "Iran backs SAA", 0.9, 1), "backs", "ir", "saa",
...                  theatres=("t/sy",)),
...     Relation(FactInfo("r2", "Iran backs Houthis", 0.9, 1), "backs", "ir", "hu",
...                  theatres=("t/ye",)),
... ]
>>> [(t.label, t.facts) for t in theatres_of(f)]
[('Syria', 1), ('Yemen', 1)]
>>> [(s.sponsor.iri, sorted(s.theatres)) for s in sponsors_across_theatres(f).sponsors]
[('ir', ['Syria', 'Yemen'])]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from kg.analysis._format import table
from kg.errors import AnalysisError, InputError
from kg.rdf.read import ActorInfo, FactInfo, GraphFacts

if TYPE_CHECKING:
    from kg.analysis.balance import BlocResult
    from kg.model import Window
    from kg.rdf.store import KGStore

__all__ = [
    "ALL",
    "UNPLACED",
    "CrossSponsor",
    "CrossTheatreResult",
    "Theatre",
    "TheatreBlocs",
    "TheatreResults",
    "read_theatre_blocs",
    "resolve_theatres",
    "sponsors_across_theatres",
    "theatre_blocs",
    "theatres_of",
]

#: ``--theatre all``: every fact at once (the whole store as one theatre).
ALL = "all"
#: ``--theatre unplaced``: the facts no place ties to a theatre.
UNPLACED = "unplaced"


class _Result(Protocol):
    def to_dict(self) -> dict[str, object]: ...  # pragma: no cover

    def to_table(self) -> str: ...  # pragma: no cover


@dataclass(frozen=True)
class Theatre:
    """A theatre: its IRI (``None`` for the unplaced facts, ``"all"`` for all), label, size."""

    iri: str | None
    label: str
    facts: int = 0

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"iri": ..., "label": ..., "facts": N}``."""
        return {"iri": self.iri, "label": self.label, "facts": self.facts}

    def select(self, facts: GraphFacts) -> GraphFacts:
        """The facts of this theatre."""
        return facts if self.iri == ALL else facts.in_theatre(self.iri)


def theatres_of(facts: GraphFacts) -> list[Theatre]:
    """Theatres with at least one fact, largest first (then by label); unplaced last."""
    count: dict[str | None, int] = {}
    tagged = [r.theatres for r in facts.relations] + [e.theatres for e in facts.events]
    for ts in tagged:
        for t in ts or (None,):
            count[t] = count.get(t, 0) + 1
    out = [
        Theatre(t, facts.theatres.get(t, t.rsplit("/", 1)[-1]), n)
        for t, n in count.items()
        if t is not None
    ]
    out.sort(key=lambda t: (-t.facts, t.label))
    if None in count:
        out.append(Theatre(None, UNPLACED, count[None]))
    return out


def resolve_theatres(facts: GraphFacts, names: Sequence[str]) -> list[Theatre]:
    """The theatres ``names`` name (labels, case-insensitive; ``all``; ``unplaced``).

    Raises
    ------
    InputError
        When a name matches no theatre of the store (the theatres it has are listed).
    """
    known = theatres_of(facts)
    out: list[Theatre] = []
    for name in names:
        key = name.strip().casefold()
        if key == ALL:
            hit: Theatre | None = Theatre(
                ALL, "all theatres", len(facts.relations) + len(facts.events)
            )
        else:
            hit = next((t for t in known if key in (t.label.casefold(), _slug(t))), None)
        if hit is None:
            have = ", ".join(t.label for t in known if t.iri is not None) or "none"
            raise InputError(
                f"--theatre {name!r} names no theatre of the store: use one of {have}, "
                f"'{UNPLACED}' or '{ALL}' (list them with 'kg analyze theatres')"
            )
        if hit not in out:
            out.append(hit)
    return out


def _slug(t: Theatre) -> str:
    return (t.iri or UNPLACED).rsplit("/", 1)[-1]


@dataclass
class TheatreResults:
    """One analysis per theatre, and the theatres skipped for want of ties between actors."""

    name: str
    runs: list[tuple[Theatre, _Result]] = field(default_factory=list)
    skipped: list[Theatre] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"theatres": [{"theatre": {...}, ...result}], "skipped": [...]}``."""
        return {
            "theatres": [{"theatre": t.to_dict(), **r.to_dict()} for t, r in self.runs],
            "skipped": [t.to_dict() for t in self.skipped],
        }

    def to_table(self) -> str:
        """Each theatre's table under a heading."""
        out = []
        for t, r in self.runs:
            out.append(f"== {t.label} ({t.facts} fact{'s' * (t.facts != 1)}) ==\n{r.to_table()}")
        if self.skipped:
            out.append("no ties between actors in: " + ", ".join(t.label for t in self.skipped))
        return "\n\n".join(out)


def theatre_blocs(
    facts: GraphFacts,
    window: Window | None = None,
    *,
    theatres: Sequence[Theatre] | None = None,
    min_strength: float | None = None,
) -> list[tuple[Theatre, BlocResult]]:
    """Blocs of each theatre (default: every theatre with ties between actors)."""
    from kg.analysis.balance import MIN_STRENGTH, blocs
    from kg.analysis.project import project

    out = []
    for t in theatres if theatres is not None else theatres_of(facts):
        net = project(t.select(facts), window)
        if net.signed.number_of_nodes():
            ms = MIN_STRENGTH if min_strength is None else min_strength
            out.append((t, blocs(net.signed, min_strength=ms)))
    return out


@dataclass
class TheatreBlocs:
    """The blocs of every theatre of a store and the strength they were cut at."""

    runs: list[tuple[Theatre, BlocResult]]
    min_strength: float


def read_theatre_blocs(
    store: KGStore, *, as_of: str | None = None, min_strength: float | None = None
) -> TheatreBlocs:
    """The blocs of every theatre of ``store`` (facts up to ``as_of`` when given).

    They are the blocs ``kg analyze blocs`` finds; ``kg viz`` colours actors by them (the
    CLI hands this function to :func:`kg.viz.write.write_page`, so the page needs no analysis).

    Raises
    ------
    InputError
        On a date ``as_of`` that does not parse.
    """
    from kg.analysis.balance import MIN_STRENGTH
    from kg.model import Window
    from kg.rdf.read import read_facts

    ms = MIN_STRENGTH if min_strength is None else min_strength
    facts = read_facts(store)
    window = Window.parse(as_of=as_of) if as_of else None
    return TheatreBlocs(theatre_blocs(facts, window, min_strength=ms), ms)


# ---------------------------------------------------------------- across theatres


@dataclass
class CrossSponsor:
    """A sponsor with clients in several theatres: theatre label → [(client, facts)]."""

    sponsor: ActorInfo
    theatres: dict[str, list[tuple[ActorInfo, list[FactInfo]]]]

    def to_dict(self) -> dict[str, object]:
        """JSON shape: the sponsor and, per theatre, its clients with the facts."""
        return {
            "sponsor": self.sponsor.to_dict(),
            "theatres": [
                {
                    "theatre": t,
                    "clients": [
                        {**c.to_dict(), "facts": [f.to_dict() for f in fs]} for c, fs in cs
                    ],
                }
                for t, cs in self.theatres.items()
            ],
        }


@dataclass
class CrossTheatreResult:
    """Sponsors backing clients in two or more theatres, most theatres first."""

    sponsors: list[CrossSponsor]

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"sponsors": [...]}``."""
        return {"sponsors": [s.to_dict() for s in self.sponsors]}

    def to_table(self) -> str:
        """One row per sponsor and theatre."""
        rows = [
            [s.sponsor.label, t, ", ".join(c.label for c, _f in cs)]
            for s in self.sponsors
            for t, cs in s.theatres.items()
        ]
        return (
            table(["sponsor", "theatre", "clients"], rows)
            + f"\n\nsponsors active in several theatres: {len(self.sponsors)}"
        )


def sponsors_across_theatres(facts: GraphFacts, window: Window | None = None) -> CrossTheatreResult:
    """Sponsors whose ``backs`` facts lie in two or more theatres, with their clients there.

    Raises
    ------
    AnalysisError
        When the store holds no sponsorship at all (in the window).
    """
    if window is not None:
        facts = facts.within(window)
    by_sponsor: dict[str, dict[str, dict[str, list[FactInfo]]]] = {}
    backs = [r for r in facts.relations if r.type == "backs"]
    if not backs:
        raise AnalysisError("no sponsorship (backs) between actors: nothing to compare")
    for r in backs:
        for t in r.theatres:
            label = facts.theatres.get(t, t.rsplit("/", 1)[-1])
            per = by_sponsor.setdefault(r.subject, {}).setdefault(label, {})
            per.setdefault(r.object, []).append(r.fact)

    def info(a: str) -> ActorInfo:
        return facts.actors.get(a) or ActorInfo(a, a.rsplit("/", 1)[-1])

    out = [
        CrossSponsor(
            info(s),
            {
                t: sorted(
                    ((info(c), fs) for c, fs in cs.items()), key=lambda x: (x[0].label, x[0].iri)
                )
                for t, cs in sorted(per.items())
            },
        )
        for s, per in by_sponsor.items()
        if len(per) > 1
    ]
    out.sort(key=lambda s: (-len(s.theatres), s.sponsor.label, s.sponsor.iri))
    return CrossTheatreResult(out)
