"""Proxies: sponsors, their clients and their clients' clients; each client's chain of backers.

Reads the directed sponsorship graph (``backs``: sponsor → client).

Examples
--------
>>> import networkx as nx
>>> d = nx.DiGraph([("Iran", "Hezbollah"), ("Hezbollah", "Militia X"), ("Russia", "SAA")])
>>> r = proxies(d)
>>> [(s.sponsor.iri, [c.actor.iri for c in s.clients]) for s in r.sponsors]
[('Iran', ['Hezbollah']), ('Hezbollah', ['Militia X']), ('Russia', ['SAA'])]
>>> [[a.iri for a in chain] for chain in r.backed[1].chains]
[['Hezbollah', 'Iran']]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from kg.analysis._format import node_info, table
from kg.rdf.read import ActorInfo, FactInfo

__all__ = ["MAX_CHAIN", "Backed", "Client", "ProxyResult", "Sponsor", "proxies"]

#: Longest chain of backers followed upwards.
MAX_CHAIN = 4


@dataclass
class Client:
    """A client of a sponsor, the facts stating it, and (one level down) its own clients."""

    actor: ActorInfo
    facts: list[FactInfo] = field(default_factory=list)
    clients: list[Client] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON shape: actor, facts, nested clients."""
        return {
            **self.actor.to_dict(),
            "facts": [f.to_dict() for f in self.facts],
            "clients": [c.to_dict() for c in self.clients],
        }


@dataclass
class Sponsor:
    """A sponsor and its clients."""

    sponsor: ActorInfo
    clients: list[Client]
    reach: int  # distinct actors backed directly or through clients

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"sponsor": {...}, "reach": N, "clients": [...]}``."""
        return {
            "sponsor": self.sponsor.to_dict(),
            "reach": self.reach,
            "clients": [c.to_dict() for c in self.clients],
        }


@dataclass
class Backed:
    """A backed actor and every chain of backers above it (nearest backer first)."""

    actor: ActorInfo
    chains: list[list[ActorInfo]]

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"actor": {...}, "chains": [[{...}, ...], ...]}``."""
        return {
            "actor": self.actor.to_dict(),
            "chains": [[a.to_dict() for a in c] for c in self.chains],
        }


@dataclass
class ProxyResult:
    """Sponsors (widest reach first) and backed actors (by label)."""

    sponsors: list[Sponsor]
    backed: list[Backed]

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"sponsors": [...], "backed": [...]}``."""
        return {
            "sponsors": [s.to_dict() for s in self.sponsors],
            "backed": [b.to_dict() for b in self.backed],
        }

    def to_table(self) -> str:
        """Sponsor → client → client's client, then each backed actor's chains."""
        if not self.sponsors:
            return "no sponsorship ('backs') relations between actors"
        rows: list[list[object]] = []
        for s in self.sponsors:
            for c in s.clients:
                conf = max((f.confidence for f in c.facts), default=0.0)
                rows.append([s.sponsor.label, c.actor.label, f"{conf:.2f}", ""])
                rows += [[s.sponsor.label, c.actor.label, "", cc.actor.label] for cc in c.clients]
        out = [table(["sponsor", "client", "conf", "client's client"], rows), ""]
        out.append(
            table(
                ["backed actor", "chain of backers"],
                [
                    [b.actor.label, " <- ".join([b.actor.label, *(a.label for a in chain)])]
                    for b in self.backed
                    for chain in b.chains
                ],
            )
        )
        return "\n".join(out)


def _facts(d: nx.DiGraph, u: str, v: str) -> list[FactInfo]:
    return [t.fact for t in d.edges[u, v].get("ties", [])]


def _chains(d: nx.DiGraph, actor: str) -> list[list[str]]:
    """Maximal simple paths of backers above ``actor``, up to :data:`MAX_CHAIN` long."""
    out: list[list[str]] = []

    def up(path: list[str]) -> None:
        nxt = sorted(p for p in d.predecessors(path[-1]) if p not in path and p != actor)
        if not nxt or len(path) > MAX_CHAIN:
            out.append(path[1:])
            return
        for p in nxt:
            up([*path, p])

    up([actor])
    return out


def proxies(d: nx.DiGraph) -> ProxyResult:
    """Sponsors with their clients (two levels) and every backed actor's chains of backers.

    Parameters
    ----------
    d : networkx.DiGraph
        Sponsorship graph, sponsor → client; optional edge attribute ``ties`` and node
        attribute ``label``.

    Returns
    -------
    ProxyResult
        Sponsors ranked by reach (actors backed directly or through clients, any depth),
        then label; empty when there is no sponsorship.
    """

    def client(u: str, v: str, depth: int) -> Client:
        subs = (
            [client(v, w, depth + 1) for w in sorted(d.successors(v), key=_label(d)) if w != u]
            if depth < 2
            else []
        )
        return Client(node_info(d, v), _facts(d, u, v), subs)

    sponsors = [
        Sponsor(
            node_info(d, s),
            [client(s, c, 1) for c in sorted(d.successors(s), key=_label(d))],
            len(nx.descendants(d, s)),
        )
        for s in d
        if d.out_degree(s)
    ]
    sponsors.sort(key=lambda s: (-s.reach, s.sponsor.label, s.sponsor.iri))
    backed = [
        Backed(node_info(d, a), [[node_info(d, x) for x in c] for c in _chains(d, a)])
        for a in d
        if d.in_degree(a)
    ]
    backed.sort(key=lambda b: (b.actor.label, b.actor.iri))
    return ProxyResult(sponsors, backed)


def _label(d: nx.DiGraph) -> Callable[[str], tuple[str, str]]:
    return lambda n: (str(d.nodes[n].get("label", n)), n)
