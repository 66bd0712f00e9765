"""The blocs the page colours actors by: those of each theatre, as ``kg analyze blocs`` finds
them, computed when the page is written.

The page does not compute them: its caller hands :func:`kg.viz.write.write_page` a function
that does (the CLI hands it :func:`kg.analysis.theatres.read_theatre_blocs`), and
:func:`camps_of` reads the result through the protocols below, so ``kg.viz`` imports no other
consumer.

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kg.rdf.read import ActorInfo, FactInfo
    from kg.rdf.store import KGStore

__all__ = [
    "CAMP_COLOURS",
    "UNALIGNED_COLOUR",
    "BlocPartSource",
    "BlocResultSource",
    "BlocSource",
    "BlocTie",
    "Camps",
    "Member",
    "MembershipSource",
    "PageBloc",
    "TheatreBlocsSource",
    "TheatreSource",
    "TieSource",
    "Unaligned",
    "camps_of",
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


# ---------------------------------------------------------------- what the page reads


class TieSource(Protocol):
    """A fact tying a member to a fellow member (``kg.analysis.project.Tie``)."""

    @property
    def fact(self) -> FactInfo: ...  # pragma: no cover

    @property
    def role(self) -> str: ...  # pragma: no cover

    @property
    def direct_evidence(self) -> float: ...  # pragma: no cover


class MembershipSource(Protocol):
    """Why an actor is in its bloc (``kg.analysis.balance.Membership``)."""

    @property
    def actor(self) -> ActorInfo: ...  # pragma: no cover

    @property
    def strength(self) -> float: ...  # pragma: no cover

    @property
    def ties(self) -> Sequence[tuple[ActorInfo, Sequence[TieSource]]]: ...  # pragma: no cover


class BlocPartSource(Protocol):
    """One bloc (``kg.analysis.balance.Bloc``): its members' memberships, in member order."""

    @property
    def id(self) -> int: ...  # pragma: no cover

    @property
    def memberships(self) -> Mapping[str, MembershipSource]: ...  # pragma: no cover


class BlocResultSource(Protocol):
    """One theatre's partition (``kg.analysis.balance.BlocResult``)."""

    @property
    def blocs(self) -> Sequence[BlocPartSource]: ...  # pragma: no cover

    @property
    def unaligned(self) -> Sequence[ActorInfo]: ...  # pragma: no cover

    @property
    def weak(self) -> Mapping[str, MembershipSource]: ...  # pragma: no cover


class TheatreSource(Protocol):
    """A theatre of war (``kg.analysis.theatres.Theatre``): IRI (``None``: unplaced), label."""

    @property
    def iri(self) -> str | None: ...  # pragma: no cover

    @property
    def label(self) -> str: ...  # pragma: no cover


class TheatreBlocsSource(Protocol):
    """Every theatre's blocs (``kg.analysis.theatres.TheatreBlocs``)."""

    @property
    def runs(self) -> Sequence[tuple[TheatreSource, BlocResultSource]]: ...  # pragma: no cover

    @property
    def min_strength(self) -> float: ...  # pragma: no cover


#: Computes the blocs of a store's theatres for the page (e.g. a
#: ``functools.partial`` of :func:`kg.analysis.theatres.read_theatre_blocs`).
BlocSource = Callable[["KGStore"], TheatreBlocsSource]


def _member(m: MembershipSource) -> Member:
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
                        round(t.direct_evidence, 3),
                        t.role,
                        tuple(q.iri for q in t.fact.quotes),
                    )
                    for t in ts
                ),
            )
            for other, ts in m.ties
        ),
    )


def camps_of(source: TheatreBlocsSource) -> Camps:
    """:class:`Camps` from the blocs of each theatre, in their order.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> camps_of(NS(runs=[], min_strength=0.5))
    Camps(blocs=[], unaligned={}, min_strength=0.5)
    """
    min_strength = source.min_strength
    out = Camps(min_strength=min_strength)
    for theatre, r in source.runs:
        iri = theatre.iri or "unplaced"
        for b in r.blocs:
            members = tuple(_member(m) for m in b.memberships.values())
            out.blocs.append(PageBloc(iri, theatre.label, b.id, members))
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
