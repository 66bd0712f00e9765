"""Brokers: actors with positive ties into two or more blocs.

An actor allied with, backing, backed by or fighting alongside members of several blocs
can carry messages, arms or defections between them. Ties to unaligned actors do not count.
Brokers rank by the number of blocs they reach, then by the weight of their ties outside
their own bloc.

Examples
--------
>>> import networkx as nx
>>> g = nx.Graph([("a", "m", {"sign": 1}), ("b", "m", {"sign": 1}), ("a", "b", {"sign": -1})])
>>> r = brokers(g, {"a": 1, "m": 1, "b": 2})
>>> [(x.actor.iri, sorted(x.ties)) for x in r.brokers]
[('m', [1, 2])]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from kg.analysis._format import node_info, table
from kg.analysis.project import Tie
from kg.rdf.read import ActorInfo

__all__ = ["Broker", "BrokerResult", "brokers"]


@dataclass
class Broker:
    """An actor, its own bloc (``None``: unaligned) and its positive ties by bloc."""

    actor: ActorInfo
    bloc: int | None
    ties: dict[int, list[tuple[ActorInfo, list[Tie]]]] = field(default_factory=dict)
    outside: float = 0.0  # weight of positive ties to other blocs

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"actor", "bloc", "blocs": [{"id", "members": [...]}], "outside"}``."""
        return {
            "actor": self.actor.to_dict(),
            "bloc": self.bloc,
            "outside": self.outside,
            "blocs": [
                {
                    "id": b,
                    "members": [
                        {**m.to_dict(), "facts": [t.to_dict() for t in ts if t.sign > 0]}
                        for m, ts in self.ties[b]
                    ],
                }
                for b in sorted(self.ties)
            ],
        }


@dataclass
class BrokerResult:
    """Brokers, best connected first."""

    brokers: list[Broker]

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"brokers": [...]}``."""
        return {"brokers": [b.to_dict() for b in self.brokers]}

    def to_table(self) -> str:
        """One row per broker and bloc it reaches."""
        if not self.brokers:
            return "no brokers: no actor has positive ties into two or more blocs"
        rows = [
            [
                b.actor.label,
                "-" if b.bloc is None else b.bloc,
                bloc,
                ", ".join(m.label for m, _ in b.ties[bloc]),
            ]
            for b in self.brokers
            for bloc in sorted(b.ties)
        ]
        return table(["broker", "own bloc", "tied to bloc", "through"], rows)


def brokers(signed: nx.Graph, bloc_of: Mapping[str, int]) -> BrokerResult:
    """Actors whose positive ties reach members of at least two blocs.

    Parameters
    ----------
    signed : networkx.Graph
        Signed actor graph (``sign``, ``weight``, ``ties`` edge attributes).
    bloc_of : mapping
        Actor → bloc id (:meth:`kg.analysis.balance.BlocResult.bloc_of`).
    """
    found = []
    for n in sorted(signed):
        by_bloc: dict[int, list[tuple[ActorInfo, list[Tie]]]] = {}
        outside = 0.0
        for m in sorted(signed.neighbors(n)):
            d = signed.edges[n, m]
            if m not in bloc_of or d.get("sign", 1) <= 0:
                continue
            by_bloc.setdefault(bloc_of[m], []).append(
                (node_info(signed, m), list(d.get("ties", [])))
            )
            if bloc_of[m] != bloc_of.get(n):
                outside += float(d.get("weight", 1.0))
        if len(by_bloc) >= 2:
            for members in by_bloc.values():
                members.sort(key=lambda x: (x[0].label, x[0].iri))
            found.append(Broker(node_info(signed, n), bloc_of.get(n), by_bloc, round(outside, 6)))
    found.sort(key=lambda b: (-len(b.ties), -b.outside, b.actor.label, b.actor.iri))
    return BrokerResult(found)
