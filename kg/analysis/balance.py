"""Blocs: the partition of actors that best satisfies structural balance.

A partition *frustrates* a positive tie between two blocs and a negative tie inside one.
Harary's balance allows only two camps, which would force an actor that fights everyone
(Islamic State) into a camp with some of its enemies. We use Davis' *weak* balance
(clusterability) instead: any number of blocs, fewest frustrated ties. Then:

- some optimal partition keeps every bloc connected by positive ties (splitting a bloc
  along its positive components never adds frustration), so the search runs on each
  connected component of the positive graph separately, and
- an actor with no positive tie is a bloc of its own: it is reported as *unaligned*, never
  put in a bloc with anyone. Blocs are the groups of two or more actors.

Within each positive component the partition is found

- exactly for components of up to ``exact_limit`` actors (default 14): a branch-and-bound
  search over bloc assignments (restricted growth strings, actors in breadth-first order,
  a branch is cut as soon as its frustration exceeds the best found), seeded with the
  heuristic's answer;
- above that, by a deterministic local search: actors placed greedily one by one in
  breadth-first order, then single-actor moves (to a neighbour's bloc or a new bloc) while
  any move lowers the frustration; the best of five runs, each started from another of the
  best-connected actors. It finds a perfect partition when one exists, but is not
  guaranteed optimal otherwise; the result says which method ran.

Ties between equally frustrated partitions are broken by the frustrated weight (less
confident ties are frustrated first), then by keeping enemies apart (fewer negative ties
inside blocs), then by fewer blocs.

Examples
--------
>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_edge("US", "SDF", sign=1)
>>> g.add_edge("Iran", "SAA", sign=1)
>>> g.add_edge("SAA", "SDF", sign=-1)
>>> g.add_edge("IS", "SDF", sign=-1)
>>> r = blocs(g)
>>> [[m.iri for m in b.members] for b in r.blocs], [a.iri for a in r.unaligned], r.frustration
([['Iran', 'SAA'], ['SDF', 'US']], ['IS'], 0)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx

from kg.analysis._format import node_info, table
from kg.analysis.project import ActorInfo, Tie
from kg.errors import AnalysisError

__all__ = ["EXACT_LIMIT", "Bloc", "BlocResult", "FrustratedEdge", "blocs", "frustration"]

#: Largest positive component solved exactly.
EXACT_LIMIT = 14
_SCALE = 1_000_000  # weights compared as integers (micro-units) so ties are exact
_STARTS = 5  # greedy runs of the heuristic, from the best-connected actors


@dataclass
class Bloc:
    """A bloc: its number (1 = largest) and members sorted by label."""

    id: int
    members: list[ActorInfo]

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"id": 1, "members": [{"iri": ..., "label": ...}, ...]}``."""
        return {"id": self.id, "members": [m.to_dict() for m in self.members]}


@dataclass
class FrustratedEdge:
    """A tie the partition does not satisfy, with the facts behind it."""

    a: ActorInfo
    b: ActorInfo
    sign: int
    weight: float
    ties: list[Tie] = field(default_factory=list)

    @property
    def why(self) -> str:
        """``"positive tie across blocs"`` or ``"negative tie inside a bloc"``."""
        return "positive tie across blocs" if self.sign > 0 else "negative tie inside a bloc"

    def to_dict(self) -> dict[str, object]:
        """JSON shape: both actors, sign, weight, reason and the facts."""
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "sign": self.sign,
            "weight": round(self.weight, 3),
            "why": self.why,
            "facts": [t.to_dict() for t in self.ties],
        }


@dataclass
class BlocResult:
    """The partition: blocs of two or more, unaligned actors, frustrated ties."""

    blocs: list[Bloc]
    unaligned: list[ActorInfo]
    frustration: int
    frustrated_edges: list[FrustratedEdge]
    method: str  # "exact" or "heuristic"

    def bloc_of(self) -> dict[str, int]:
        """Actor IRI → bloc id (unaligned actors are absent)."""
        return {m.iri: b.id for b in self.blocs for m in b.members}

    def to_dict(self) -> dict[str, object]:
        """JSON shape of ``kg analyze blocs --format json``."""
        return {
            "blocs": [b.to_dict() for b in self.blocs],
            "unaligned": [a.to_dict() for a in self.unaligned],
            "frustration": self.frustration,
            "frustrated_edges": [e.to_dict() for e in self.frustrated_edges],
            "method": self.method,
        }

    def to_table(self) -> str:
        """Blocs, unaligned actors and frustrated ties as text."""
        rows: list[list[object]] = [[b.id, m.label] for b in self.blocs for m in b.members]
        rows += [["-", a.label] for a in self.unaligned]
        out = [table(["bloc", "actor"], rows)]
        out.append(
            f"\nblocs: {len(self.blocs)}; unaligned actors ('-', no positive tie into a bloc): "
            f"{len(self.unaligned)}; frustrated ties: {self.frustration} ({self.method} search)"
        )
        if self.frustrated_edges:
            out.append(
                "\n"
                + table(
                    ["actor", "actor", "tie", "why", "facts"],
                    [
                        [
                            e.a.label,
                            e.b.label,
                            "+" if e.sign > 0 else "-",
                            e.why,
                            "; ".join(t.fact.label for t in e.ties),
                        ]
                        for e in self.frustrated_edges
                    ],
                )
            )
        return "\n".join(out)


def _w(g: nx.Graph, u: str, v: str) -> int:
    return round(float(g.edges[u, v].get("weight", 1.0)) * _SCALE)


def _sign(g: nx.Graph, u: str, v: str) -> int:
    return 1 if g.edges[u, v].get("sign", 1) > 0 else -1


def frustration(g: nx.Graph, labels: dict[str, int]) -> int:
    """Number of ties of ``g`` that the partition ``labels`` (node → bloc) frustrates.

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1})])
    >>> frustration(g, {"a": 0, "b": 0, "c": 0}), frustration(g, {"a": 0, "b": 1, "c": 2})
    (1, 1)
    """
    return sum(1 for u, v in g.edges if (_sign(g, u, v) > 0) != (labels[u] == labels[v]))


#: Per component: actor → [(neighbour, sign, weight in micro-units)], neighbours sorted.
Adj = dict[str, list[tuple[str, int, int]]]
Key = tuple[int, int, int, int]


def _adjacency(g: nx.Graph, nodes: list[str]) -> Adj:
    inside = set(nodes)
    return {
        n: [(m, _sign(g, n, m), _w(g, n, m)) for m in sorted(g.neighbors(n)) if m in inside]
        for n in nodes
    }


def _order(adj: Adj, start: str | None = None) -> list[str]:
    """Actors breadth-first from ``start`` (default: the best connected), ties first."""
    if start is None:
        start = min(adj, key=lambda n: (-len(adj[n]), n))
    order = [start]
    seen = {start}
    for n in order:
        for m in sorted((m for m, _s, _w in adj[n]), key=lambda m: (-len(adj[m]), m)):
            if m not in seen:
                seen.add(m)
                order.append(m)
    return order


def _key(adj: Adj, lab: dict[str, int]) -> Key:
    count = weight = neg_in = 0
    for n, ties in adj.items():
        for m, s, w in ties:
            if n < m and (s > 0) != (lab[n] == lab[m]):
                count += 1
                weight += w
                neg_in += s < 0
    return count, weight, neg_in, len(set(lab.values()))


def _heuristic(adj: Adj) -> dict[str, int]:
    """Best of :data:`_STARTS` greedy-plus-local-search runs, each from another root."""
    roots = sorted(adj, key=lambda n: (-len(adj[n]), n))[:_STARTS]
    best: tuple[Key, dict[str, int]] | None = None
    for root in roots:
        order = _order(adj, root)
        lab = _local_search(adj, order, _greedy(adj, order))
        k = _key(adj, lab)
        if best is None or k < best[0]:
            best = (k, lab)
    assert best is not None
    return best[1]


def _greedy(adj: Adj, order: list[str]) -> dict[str, int]:
    """Place actors one by one in the bloc (or new bloc) that adds the least frustration."""
    lab: dict[str, int] = {}
    fresh = 0
    for n in order:
        # a bloc with no neighbour of n costs what a new bloc costs, and a new bloc wins ties
        near = {lab[m] for m, _s, _w in adj[n] if m in lab} | {fresh}
        lab[n] = min(near, key=lambda c: (_delta(adj, n, lab, None, c), c != fresh, c))
        fresh += lab[n] == fresh
    return lab


def _local_search(adj: Adj, order: list[str], lab: dict[str, int]) -> dict[str, int]:
    """Move single actors to a neighbour's bloc or a new bloc while that lowers the key."""
    fresh = max(lab.values()) + 1  # a label no actor has
    for _ in range(100):
        moved = False
        for n in order:
            here = lab[n]
            targets = {lab[m] for m, _s, _w in adj[n]} | {fresh}
            targets.discard(here)
            best_move: tuple[tuple[int, int, int], int] | None = None
            for c in sorted(targets):
                d = _delta(adj, n, lab, here, c)
                if d < (0, 0, 0) and (best_move is None or d < best_move[0]):
                    best_move = (d, c)
            if best_move is not None:
                lab[n] = best_move[1]
                fresh += best_move[1] == fresh
                moved = True
        if not moved:
            break
    return _renumber(order, lab)


def _delta(
    adj: Adj, n: str, lab: dict[str, int], old: int | None, new: int
) -> tuple[int, int, int]:
    """Change of (count, weight, negative-inside) when ``n`` moves from ``old`` to ``new``."""
    dc = dw = dn = 0
    for m, s, w in adj[n]:
        if m == n or m not in lab:
            continue
        for bloc, k in ((old, -1), (new, 1)):
            if bloc is not None and (s > 0) != (lab[m] == bloc):
                dc += k
                dw += k * w
                dn += k * (s < 0)
    return dc, dw, dn


def _renumber(order: list[str], lab: dict[str, int]) -> dict[str, int]:
    names: dict[int, int] = {}
    return {n: names.setdefault(lab[n], len(names)) for n in order}


def _exact(adj: Adj, order: list[str], seed: dict[str, int]) -> dict[str, int]:
    """Branch and bound over restricted growth strings, seeded with a known partition."""
    best_lab = dict(seed)
    best = _key(adj, seed)
    pos = {n: i for i, n in enumerate(order)}
    earlier = [[(pos[m], s, w) for m, s, w in adj[n] if pos[m] < i] for i, n in enumerate(order)]
    assign: list[int] = [0] * len(order)

    def search(i: int, count: int, weight: int, neg_in: int, nblocs: int) -> None:
        nonlocal best, best_lab
        if (count, weight) > best[:2]:
            return
        if i == len(order):
            k = (count, weight, neg_in, nblocs)
            if k < best:
                best = k
                best_lab = {n: assign[j] for j, n in enumerate(order)}
            return
        for c in range(nblocs + 1):
            dc = dw = dn = 0
            for j, s, w in earlier[i]:
                if (s > 0) != (assign[j] == c):
                    dc += 1
                    dw += w
                    dn += s < 0
            assign[i] = c
            search(i + 1, count + dc, weight + dw, neg_in + dn, max(nblocs, c + 1))

    search(0, 0, 0, 0, 0)
    return _renumber(order, best_lab)


def _components(g: nx.Graph) -> Iterator[list[str]]:
    pos = nx.Graph()
    pos.add_nodes_from(g)
    pos.add_edges_from((u, v) for u, v in g.edges if _sign(g, u, v) > 0)
    yield from sorted((sorted(c) for c in nx.connected_components(pos)), key=lambda c: c[0])


def blocs(g: nx.Graph, *, exact_limit: int = EXACT_LIMIT) -> BlocResult:
    """Partition the signed actor graph into blocs with the fewest frustrated ties.

    Parameters
    ----------
    g : networkx.Graph
        Edge attribute ``sign`` (> 0 positive, else negative; default positive) and optional
        ``weight`` (default 1), ``ties``; node attribute ``label`` (default: the node).
    exact_limit : int
        Positive components larger than this are solved by the local-search heuristic.

    Returns
    -------
    BlocResult
        Blocs numbered from 1 by size (then first label); ``method`` is ``"exact"`` unless a
        component exceeded ``exact_limit``.

    Raises
    ------
    AnalysisError
        When the graph has no actors.
    """
    if g.number_of_nodes() == 0:
        raise AnalysisError("no actors to partition: the actor graph is empty")
    labels: dict[str, int] = {}
    method = "exact"
    next_id = 0
    for comp in _components(g):
        if len(comp) == 1:
            lab = {comp[0]: 0}
        else:
            adj = _adjacency(g, comp)
            lab = _heuristic(adj)
            if len(comp) <= exact_limit:
                lab = _exact(adj, _order(adj), lab)
            else:
                method = "heuristic"
        for n, c in lab.items():
            labels[n] = next_id + c
        next_id += max(lab.values()) + 1

    groups: dict[int, list[ActorInfo]] = {}
    for n, c in labels.items():
        groups.setdefault(c, []).append(node_info(g, n))
    members = [sorted(m, key=lambda a: (a.label, a.iri)) for m in groups.values()]
    multi = sorted((m for m in members if len(m) > 1), key=lambda m: (-len(m), m[0].label))
    unaligned = sorted((m[0] for m in members if len(m) == 1), key=lambda a: (a.label, a.iri))
    frustrated = []
    for u, v in g.edges:
        if (_sign(g, u, v) > 0) != (labels[u] == labels[v]):
            a, b = sorted((node_info(g, u), node_info(g, v)), key=lambda x: (x.label, x.iri))
            data = g.edges[u, v]
            frustrated.append(
                FrustratedEdge(
                    a, b, _sign(g, u, v), float(data.get("weight", 1.0)), list(data.get("ties", []))
                )
            )
    frustrated.sort(key=lambda e: (e.a.label, e.b.label, e.a.iri, e.b.iri))
    return BlocResult(
        [Bloc(i, m) for i, m in enumerate(multi, start=1)],
        unaligned,
        len(frustrated),
        frustrated,
        method,
    )
