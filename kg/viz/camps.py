"""The blocs the page colours actors by: those of each theatre, as ``kg analyze blocs`` finds
them (:func:`kg.analysis.theatres.theatre_blocs`), computed when the page is written.

Each bloc gets a colour of its own (:data:`CAMP_COLOURS`, cycled; grey is kept for actors in
no bloc) and keeps, for each member, its strength and the facts tying it to the bloc, so the
page can show why an actor is where it is.

Examples
--------
>>> c = Camps([PageBloc("t/sy", "Syria", 1, ()), PageBloc("t/ye", "Yemen", 1, ())])
>>> [(b.key, c.colour(b)) for b in c.blocs]
[('t/sy#1', '#1f77b4'), ('t/ye#1', '#d62728')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.analysis.balance import BlocResult, Membership
    from kg.rdf.store import KGStore

__all__ = [
    "CAMP_COLOURS",
    "UNALIGNED_COLOUR",
    "BlocTie",
    "Camps",
    "Member",
    "PageBloc",
    "Unaligned",
    "read_camps",
]

#: Colours of the blocs, in theatre order then bloc number (cycled beyond twelve).
CAMP_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#e377c2",
    "#8c564b",
    "#bcbd22",
    "#393b79",
    "#ad494a",
    "#637939",
)
#: Actors in no bloc of the theatre shown (no positive tie, or too weak a membership).
UNALIGNED_COLOUR = "#b0b0b0"


@dataclass(frozen=True)
class BlocTie:
    """A fact tying a member to a fellow member: how much it counts, and its attestations."""

    fact: str
    label: str
    evidence: float
    role: str
    attestations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Member:
    """A bloc member: strength and, per fellow member it is tied to, the facts."""

    actor: str
    label: str
    strength: float
    ties: tuple[tuple[str, tuple[BlocTie, ...]], ...] = ()


@dataclass(frozen=True)
class PageBloc:
    """Bloc ``number`` of one theatre (``theatre`` is its IRI, ``"all"`` or ``""``)."""

    theatre: str
    theatre_label: str
    number: int
    members: tuple[Member, ...]

    @property
    def key(self) -> str:
        """Unique id on the page: ``theatre#number``."""
        return f"{self.theatre}#{self.number}"


@dataclass(frozen=True)
class Unaligned:
    """An actor of a theatre in no bloc, and why (``strength`` 0 when it has no positive tie)."""

    actor: str
    label: str
    strength: float
    why: str


@dataclass
class Camps:
    """Every theatre's blocs, in order, and the actors each leaves unaligned."""

    blocs: list[PageBloc] = field(default_factory=list)
    unaligned: dict[str, list[Unaligned]] = field(default_factory=dict)
    min_strength: float = 0.4

    def colour(self, bloc: PageBloc) -> str:
        """The colour of ``bloc`` (by its position among all blocs)."""
        i = next(i for i, b in enumerate(self.blocs) if b.key == bloc.key)
        return CAMP_COLOURS[i % len(CAMP_COLOURS)]

    def of_actor(self) -> dict[str, list[tuple[PageBloc, float]]]:
        """Actor IRI → the blocs it belongs to with its strength there, strongest first."""
        out: dict[str, list[tuple[PageBloc, float]]] = {}
        for b in self.blocs:
            for m in b.members:
                out.setdefault(m.actor, []).append((b, m.strength))
        for v in out.values():
            v.sort(key=lambda x: -x[1])
        return out


def _member(m: Membership) -> Member:
    from kg.analysis.balance import DIRECTNESS

    return Member(
        m.actor.iri,
        m.actor.label,
        round(m.strength, 3),
        tuple(
            (
                other.label,
                tuple(
                    BlocTie(
                        t.fact.iri,
                        t.fact.label,
                        round(t.fact.evidence * DIRECTNESS.get(t.role, 1.0), 3),
                        t.role,
                        tuple(q.iri for q in t.fact.quotes),
                    )
                    for t in ts
                ),
            )
            for other, ts in m.ties
        ),
    )


def camps_of(runs: list[tuple[str, str, BlocResult]], min_strength: float) -> Camps:
    """:class:`Camps` from ``(theatre IRI, label, BlocResult)`` triples, in that order."""
    out = Camps(min_strength=min_strength)
    for iri, label, r in runs:
        for b in r.blocs:
            members = tuple(_member(b.memberships[m.iri]) for m in b.members)
            out.blocs.append(PageBloc(iri, label, b.id, members))
        out.unaligned[iri] = [
            Unaligned(
                a.iri,
                a.label,
                round(r.weak[a.iri].strength, 3) if a.iri in r.weak else 0.0,
                f"membership {r.weak[a.iri].strength:.2f} below {min_strength:g}"
                if a.iri in r.weak
                else "no positive tie",
            )
            for a in r.unaligned
        ]
    return out


def read_camps(
    store: KGStore, *, as_of: str | None = None, min_strength: float | None = None
) -> Camps:
    """The blocs of every theatre of ``store`` (facts up to ``as_of`` when given)."""
    from kg.analysis import MIN_STRENGTH
    from kg.analysis.theatres import theatre_blocs
    from kg.model import Window
    from kg.rdf.read import read_facts

    ms = MIN_STRENGTH if min_strength is None else min_strength
    facts = read_facts(store)
    window = Window.parse(as_of=as_of) if as_of else None
    runs = theatre_blocs(facts, window, min_strength=ms)
    return camps_of([(t.iri or "unplaced", t.label, r) for t, r in runs], ms)
