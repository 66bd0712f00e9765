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

**Membership strength.** Each member of a bloc gets a strength in [0, 1] from the ties that
put it there: every fact tying it positively to a fellow member counts its evidence (combined
confidence, halved when hedged) times its directness (:data:`DIRECTNESS`: a stated
sponsorship, alliance, membership or leadership counts whole, fighting side by side in one
event 0.7); the facts combine by noisy-or (more, surer, more direct ties: stronger), and
stated hostility towards fellow members scales it down: ``strength = support x (1 -
hostility)``. Members below ``min_strength`` (default :data:`MIN_STRENGTH`) leave the bloc and
are reported unaligned with their strength; what remains is split into its positively
connected parts, and strengths are computed again until every member passes.

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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx

from kg.analysis._format import node_info, table
from kg.analysis.options import MIN_STRENGTH
from kg.analysis.project import DIRECTNESS, Tie
from kg.errors import AnalysisError
from kg.rdf.derived import noisy_or
from kg.rdf.read import ActorInfo

__all__ = [
    "DIRECTNESS",
    "EXACT_LIMIT",
    "MIN_STRENGTH",
    "Bloc",
    "BlocResult",
    "FrustratedEdge",
    "Membership",
    "blocs",
    "frustration",
    "membership",
]

#: Largest positive component solved exactly.
EXACT_LIMIT = 14
_SCALE = 1_000_000  # weights compared as integers (micro-units) so ties are exact
_STARTS = 5  # greedy runs of the heuristic, from the best-connected actors
#: Ties whose fact label says what they are (relationships, the same-state tie).
DIRECTNESS_ROLES = frozenset({"backs", "alliedWith", "memberOf", "leads", "same-state"})


@dataclass
class Membership:
    """Why an actor is in its bloc: its strength and, per fellow member, the facts tying them.

    ``ties`` pairs a fellow member with the positive ties to it (strongest first); ``against``
    lists negative ties to fellow members. For an unaligned actor cut for weakness they refer
    to the bloc it was cut from.
    """

    actor: ActorInfo
    strength: float
    ties: list[tuple[ActorInfo, list[Tie]]] = field(default_factory=list)
    against: list[tuple[ActorInfo, list[Tie]]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON shape: the actor, its strength and the facts that tie it to the bloc."""
        return {
            **self.actor.to_dict(),
            "strength": round(self.strength, 3),
            "ties": [
                {"with": b.to_dict(), "facts": [t.to_dict() for t in ts]} for b, ts in self.ties
            ],
            **(
                {
                    "against": [
                        {"with": b.to_dict(), "facts": [t.to_dict() for t in ts]}
                        for b, ts in self.against
                    ]
                }
                if self.against
                else {}
            ),
        }

    def chain(self) -> str:
        """The strongest tie in words, e.g. ``"Russia backs Syrian Arab Army (0.95) +2 more"``."""
        if not self.ties:
            return ""
        other, ts = self.ties[0]
        n = sum(len(x) or 1 for _o, x in self.ties) - 1
        more = f" +{n} more" if n else ""
        if not ts:
            return f"tied to {other.label}{more}"
        t = ts[0]
        what = t.fact.label if t.role in DIRECTNESS_ROLES else f"{t.role} in {t.fact.label}"
        return f"{what} ({t.direct_evidence:.2f}){more}"


@dataclass
class Bloc:
    """A bloc: its number (1 = largest), members sorted by label, and why each is in it.

    ``memberships`` holds the members' memberships in the order of ``members``.
    """

    id: int
    members: list[ActorInfo]
    memberships: dict[str, Membership] = field(default_factory=dict)

    def strength(self, iri: str) -> float:
        """Membership strength of a member (1 when not computed)."""
        m = self.memberships.get(iri)
        return m.strength if m else 1.0

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"id": 1, "members": [{"iri", "label", "strength", "ties"}, ...]}``."""
        return {
            "id": self.id,
            "members": [
                self.memberships[m.iri].to_dict() if m.iri in self.memberships else m.to_dict()
                for m in self.members
            ],
        }


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
    #: actors cut from a bloc for weakness, by IRI (the rest had no positive tie into one)
    weak: dict[str, Membership] = field(default_factory=dict)
    min_strength: float = MIN_STRENGTH

    def bloc_of(self) -> dict[str, int]:
        """Actor IRI → bloc id (unaligned actors are absent)."""
        return {m.iri: b.id for b in self.blocs for m in b.members}

    def to_dict(self) -> dict[str, object]:
        """JSON shape of ``kg analyze blocs --format json``."""
        return {
            "blocs": [b.to_dict() for b in self.blocs],
            "unaligned": [self._unaligned(a) for a in self.unaligned],
            "min_strength": self.min_strength,
            "frustration": self.frustration,
            "frustrated_edges": [e.to_dict() for e in self.frustrated_edges],
            "method": self.method,
        }

    def _unaligned(self, a: ActorInfo) -> dict[str, object]:
        w = self.weak.get(a.iri)
        if w is None:
            return {**a.to_dict(), "strength": 0.0, "why": "no positive tie into a bloc"}
        why = f"strength {w.strength:.2f} below {self.min_strength:g}"
        return {**w.to_dict(), "why": why}

    def to_table(self) -> str:
        """Blocs (members with strength and strongest tie), unaligned actors, frustrated ties."""
        rows: list[list[object]] = []
        for b in self.blocs:
            for m in b.members:
                ms = b.memberships.get(m.iri)
                rows.append([b.id, m.label, f"{b.strength(m.iri):.2f}", ms.chain() if ms else ""])
        for a in self.unaligned:
            w = self.weak.get(a.iri)
            rows.append(
                [
                    "-",
                    a.label,
                    f"{w.strength:.2f}" if w else "",
                    w.chain() if w else "no positive tie",
                ]
            )
        out = [table(["bloc", "actor", "strength", "strongest tie"], rows)]
        out.append(
            f"\nblocs: {len(self.blocs)}; unaligned actors ('-', no positive tie into a bloc or "
            f"strength below {self.min_strength:g}): {len(self.unaligned)}; frustrated ties: "
            f"{self.frustration} ({self.method} search)"
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


def _evidence(g: nx.Graph, a: str, b: str) -> tuple[dict[str, float], dict[str, float]]:
    """Evidence per fact of the edge ``a``-``b``: positive facts (times directness), negative.

    An edge without facts (a hand-made graph) counts as one fact of its weight and sign.
    """
    data = g.edges[a, b]
    pos: dict[str, float] = {}
    neg: dict[str, float] = {}
    ties: list[Tie] = list(data.get("ties", ()))
    if not ties:
        (pos if _sign(g, a, b) > 0 else neg)[f"{a}|{b}"] = float(data.get("weight", 1.0))
    for t in ties:
        side = pos if t.sign > 0 else neg
        e = t.fact.evidence * (DIRECTNESS.get(t.role, 1.0) if t.sign > 0 else 1.0)
        side[t.fact.iri] = max(side.get(t.fact.iri, 0.0), e)
    return pos, neg


def membership(g: nx.Graph, a: str, members: Iterable[str]) -> Membership:
    """How strongly ``a`` belongs with ``members`` (see the module docstring).

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b", {"sign": 1, "weight": 0.8})])
    >>> g.add_edge("a", "c", sign=1, weight=0.5)
    >>> round(membership(g, "a", ["b", "c"]).strength, 2), membership(g, "b", ["a"]).strength
    (0.9, 0.8)
    """
    pos: dict[str, float] = {}
    neg: dict[str, float] = {}
    ties: list[tuple[float, ActorInfo, list[Tie]]] = []
    against: list[tuple[ActorInfo, list[Tie]]] = []
    inside = set(members)
    for b in sorted(g.neighbors(a)):
        if b not in inside or b == a:
            continue
        p, n = _evidence(g, a, b)
        for k, v in p.items():
            pos[k] = max(pos.get(k, 0.0), v)
        for k, v in n.items():
            neg[k] = max(neg.get(k, 0.0), v)
        edge_ties = list(g.edges[a, b].get("ties", ()))
        if p:
            kept = sorted(
                (t for t in edge_ties if t.sign > 0),
                key=lambda t: (-t.direct_evidence, t.fact.iri),
            )
            ties.append((noisy_or(p.values()), node_info(g, b), kept))
        if n:
            against.append((node_info(g, b), [t for t in edge_ties if t.sign < 0]))
    ties.sort(key=lambda x: (-x[0], x[1].label, x[1].iri))
    strength = noisy_or(pos.values()) * (1.0 - noisy_or(neg.values()))
    return Membership(node_info(g, a), strength, [(b, ts) for _w, b, ts in ties], against)


def _prune(
    g: nx.Graph, groups: list[list[str]], min_strength: float
) -> tuple[list[list[str]], dict[str, Membership], dict[str, Membership]]:
    """Cut members below ``min_strength`` until all pass; split what remains by positive ties.

    Returns the groups (singletons for cut actors), the memberships of bloc members and of
    the actors cut.
    """
    weak: dict[str, Membership] = {}
    todo = [sorted(grp) for grp in groups]
    done: list[list[str]] = []
    kept: dict[str, Membership] = {}
    while todo:
        grp = todo.pop()
        if len(grp) < 2:
            done.append(grp)
            continue
        ms = {a: membership(g, a, grp) for a in grp}
        cut = [a for a in grp if ms[a].strength < min_strength]
        if not cut:
            done.append(grp)
            kept.update(ms)
            continue
        for a in cut:
            weak[a] = ms[a]
            done.append([a])
        rest = [a for a in grp if a not in set(cut)]
        sub = g.subgraph(rest)
        pos = nx.Graph()
        pos.add_nodes_from(rest)
        pos.add_edges_from((u, v) for u, v in sub.edges if _sign(g, u, v) > 0)
        todo += [sorted(c) for c in nx.connected_components(pos)]
    return done, kept, weak


def blocs(
    g: nx.Graph, *, exact_limit: int = EXACT_LIMIT, min_strength: float = MIN_STRENGTH
) -> BlocResult:
    """Partition the signed actor graph into blocs with the fewest frustrated ties.

    Parameters
    ----------
    g : networkx.Graph
        Edge attribute ``sign`` (> 0 positive, else negative; default positive) and optional
        ``weight`` (default 1), ``ties``; node attribute ``label`` (default: the node).
    exact_limit : int
        Positive components larger than this are solved by the local-search heuristic.
    min_strength : float
        Members whose :func:`membership` strength is lower are cut from their bloc and
        reported unaligned (0 keeps every actor the balance search placed).

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

    groups: dict[int, list[str]] = {}
    for n, c in labels.items():
        groups.setdefault(c, []).append(n)
    final, kept, weak = _prune(g, list(groups.values()), min_strength)
    labels = {n: i for i, grp in enumerate(final) for n in grp}
    members = [
        sorted((node_info(g, n) for n in grp), key=lambda a: (a.label, a.iri)) for grp in final
    ]
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
        [Bloc(i, m, {a.iri: kept[a.iri] for a in m}) for i, m in enumerate(multi, start=1)],
        unaligned,
        len(frustrated),
        frustrated,
        method,
        weak,
        min_strength,
    )
