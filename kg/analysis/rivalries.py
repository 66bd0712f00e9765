"""Rivalries: sponsors opposed through their clients (proxy conflict).

Two sponsors ``S1`` and ``S2`` are rivals when a client of ``S1`` (direct, or a client's
client) and a client of ``S2`` have a negative tie (they fight, are in tension, or one
attacked the other): ``S1 → x — y ← S2``. A sponsor may itself be one end (``S1`` fights a
client of ``S2``), but a tie between the two sponsors alone is not a proxy rivalry, and an
actor backed by both sponsors is evidence of neither side.

Each chain's strength is the product of its links' weights (combined confidences); a
rivalry's score combines its chains by noisy-or, so more and better-attested chains rank
higher. Every link carries the facts (IRIs, quotes) behind it.

Examples
--------
>>> import networkx as nx
>>> s = nx.Graph([("SDF", "SAA", {"sign": -1, "weight": 0.8})])
>>> d = nx.DiGraph()
>>> d.add_edge("US", "SDF", weight=0.9)
>>> d.add_edge("Iran", "SAA", weight=0.5)
>>> r = rivalries(s, d)
>>> [(x.a.iri, x.b.iri, x.score) for x in r.rivalries]
[('Iran', 'US', 0.36)]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import networkx as nx

from kg.analysis._format import node_info, table
from kg.analysis.project import Tie
from kg.rdf.read import ActorInfo

__all__ = ["Chain", "Link", "Rivalry", "RivalryResult", "rivalries"]


@dataclass(frozen=True)
class Link:
    """One step of a chain: ``kind`` is ``"backs"``, ``"opposes"`` or ``"backed by"``."""

    source: ActorInfo
    target: ActorInfo
    kind: str
    weight: float
    ties: tuple[Tie, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON shape: both actors, kind, weight and the facts."""
        return {
            "from": self.source.to_dict(),
            "to": self.target.to_dict(),
            "kind": self.kind,
            "weight": round(self.weight, 3),
            "facts": [t.to_dict() for t in self.ties],
        }


@dataclass(frozen=True)
class Chain:
    """``S1 → … → x — y ← … ← S2`` as links, and its strength."""

    links: tuple[Link, ...]
    strength: float

    def describe(self) -> str:
        """``"United States backs SDF; SDF opposes SAA; SAA backed by Iran"``."""
        return "; ".join(f"{k.source.label} {k.kind} {k.target.label}" for k in self.links)

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"strength": x, "links": [...]}``."""
        return {"strength": round(self.strength, 3), "links": [k.to_dict() for k in self.links]}


@dataclass
class Rivalry:
    """Two sponsors, the score and the chains of evidence."""

    a: ActorInfo
    b: ActorInfo
    score: float
    chains: list[Chain] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"a": {...}, "b": {...}, "score": x, "chains": [...]}``."""
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "score": self.score,
            "chains": [c.to_dict() for c in self.chains],
        }


@dataclass
class RivalryResult:
    """Rivalries, strongest first."""

    rivalries: list[Rivalry]

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"rivalries": [...]}``."""
        return {"rivalries": [r.to_dict() for r in self.rivalries]}

    def to_table(self) -> str:
        """One row per chain of evidence."""
        if not self.rivalries:
            return "no rivalries: no two sponsors have clients with a negative tie"
        rows = [
            [f"{r.a.label} vs {r.b.label}", f"{r.score:.3f}", c.describe()]
            for r in self.rivalries
            for c in r.chains
        ]
        return table(["rivals", "score", "chain of evidence"], rows)


def _side(d: nx.DiGraph, s: str, depth: int) -> dict[str, list[str]]:
    """The sponsor and its clients up to ``depth`` levels, with the path from ``s``."""
    paths = nx.single_source_shortest_path(d, s, cutoff=depth)
    return dict(paths.items())


def _backs_links(d: nx.DiGraph, path: list[str]) -> list[Link]:
    return [
        Link(
            node_info(d, u),
            node_info(d, v),
            "backs",
            float(d.edges[u, v].get("weight", 1.0)),
            tuple(d.edges[u, v].get("ties", ())),
        )
        for u, v in itertools.pairwise(path)
    ]


def rivalries(signed: nx.Graph, sponsorship: nx.DiGraph, *, depth: int = 2) -> RivalryResult:
    """Pairs of sponsors whose clients have negative ties, with the chains of evidence.

    Parameters
    ----------
    signed : networkx.Graph
        Signed actor graph (``sign``, ``weight``, ``ties`` edge attributes).
    sponsorship : networkx.DiGraph
        Sponsor → client (``weight``, ``ties`` edge attributes).
    depth : int
        How far down the sponsorship graph clients are followed (2: clients' clients).

    Returns
    -------
    RivalryResult
        Rivalries by score (highest first), then labels; chains by strength.
    """
    d = sponsorship
    sponsors = sorted(n for n in d if d.out_degree(n))
    sides = {s: _side(d, s, depth) for s in sponsors}
    found: list[Rivalry] = []
    for i, s1 in enumerate(sponsors):
        for s2 in sponsors[i + 1 :]:
            side1, side2 = sides[s1], sides[s2]
            chains: list[Chain] = []
            for x in sorted(side1):
                if x in side2:
                    continue
                for y in sorted(signed.neighbors(x) if x in signed else ()):
                    if y not in side2 or y in side1 or (x == s1 and y == s2):
                        continue
                    e = signed.edges[x, y]
                    if e.get("sign", 1) > 0:
                        continue
                    neg = Link(
                        node_info(signed, x),
                        node_info(signed, y),
                        "opposes",
                        float(e.get("weight", 1.0)),
                        tuple(t for t in e.get("ties", ()) if t.sign < 0),
                    )
                    links = [*_backs_links(d, side1[x]), neg]
                    links += [
                        Link(k.target, k.source, "backed by", k.weight, k.ties)
                        for k in reversed(_backs_links(d, side2[y]))
                    ]
                    strength = 1.0
                    for k in links:
                        strength *= k.weight
                    chains.append(Chain(tuple(links), strength))
            if chains:
                chains.sort(key=lambda c: (-c.strength, c.describe()))
                miss = 1.0
                for c in chains:
                    miss *= 1.0 - min(c.strength, 1.0)
                a, b = sorted((node_info(d, s1), node_info(d, s2)), key=lambda n: (n.label, n.iri))
                found.append(Rivalry(a, b, round(1.0 - miss, 6), chains))
    found.sort(key=lambda r: (-r.score, r.a.label, r.b.label))
    return RivalryResult(found)
