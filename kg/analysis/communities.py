"""Communities: Louvain modularity clustering of the positive actor graph.

Blocs (:mod:`kg.analysis.balance`) are exact but only practical on small components;
Louvain scales to large graphs and ignores hostility: it groups actors densely tied by
positive ties (weighted by combined confidence). Runs are deterministic (fixed seed).
Actors with no positive tie form communities of one and are listed apart.

Examples
--------
>>> import networkx as nx
>>> g = nx.Graph([("a", "b", {"sign": 1}), ("c", "d", {"sign": 1}), ("b", "c", {"sign": -1})])
>>> r = communities(g)
>>> [[m.iri for m in c.members] for c in r.communities]
[['a', 'b'], ['c', 'd']]
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.analysis._format import node_info, table
from kg.errors import AnalysisError
from kg.rdf.read import ActorInfo

__all__ = ["SEED", "Community", "CommunityResult", "communities"]

#: Seed of the Louvain run: same graph, same communities.
SEED = 42


@dataclass
class Community:
    """A community: number (1 = largest) and members by label."""

    id: int
    members: list[ActorInfo]

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"id": 1, "members": [...]}``."""
        return {"id": self.id, "members": [m.to_dict() for m in self.members]}


@dataclass
class CommunityResult:
    """Communities of two or more, actors alone, and the partition's modularity."""

    communities: list[Community]
    alone: list[ActorInfo]
    modularity: float

    def community_of(self) -> dict[str, int]:
        """Actor IRI → community id (actors alone are absent)."""
        return {m.iri: c.id for c in self.communities for m in c.members}

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"communities": [...], "alone": [...], "modularity": x}``."""
        return {
            "communities": [c.to_dict() for c in self.communities],
            "alone": [a.to_dict() for a in self.alone],
            "modularity": self.modularity,
        }

    def to_table(self) -> str:
        """Members by community."""
        rows: list[list[object]] = [[c.id, m.label] for c in self.communities for m in c.members]
        rows += [["-", a.label] for a in self.alone]
        return (
            f"{table(['community', 'actor'], rows)}\n\ncommunities: {len(self.communities)}; "
            f"actors with no positive tie ('-'): {len(self.alone)}; "
            f"modularity: {self.modularity:.3f}"
        )


def communities(g: nx.Graph, *, seed: int = SEED) -> CommunityResult:
    """Louvain communities of the positive ties of the signed graph ``g``.

    Raises
    ------
    AnalysisError
        When the graph has no actors.
    """
    if g.number_of_nodes() == 0:
        raise AnalysisError("no actors to cluster: the actor graph is empty")
    pos = nx.Graph()
    pos.add_nodes_from(sorted(g))
    pos.add_edges_from(
        (u, v, {"weight": float(d.get("weight", 1.0))})
        for u, v, d in sorted(g.edges(data=True))
        if d.get("sign", 1) > 0
    )
    if pos.number_of_edges():
        parts = nx.community.louvain_communities(pos, weight="weight", seed=seed)
        modularity = nx.community.modularity(pos, parts, weight="weight")
    else:
        parts = [{n} for n in pos]
        modularity = 0.0
    groups = [sorted((node_info(g, n) for n in p), key=lambda a: (a.label, a.iri)) for p in parts]
    multi = sorted((m for m in groups if len(m) > 1), key=lambda m: (-len(m), m[0].label))
    alone = sorted((m[0] for m in groups if len(m) == 1), key=lambda a: (a.label, a.iri))
    return CommunityResult(
        [Community(i, m) for i, m in enumerate(multi, start=1)], alone, round(modularity, 6)
    )
