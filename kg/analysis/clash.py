"""Clash risk: pairs of opposed actors active in the same or nearby places.

Candidates are pairs in *opposing blocs* (both in a bloc, different blocs) or with a stated
*tension* between them. A pair is reported when it has a tension tie or shares at least one
place. Its score is a sum of parts, each shown:

- ``tension``: 4 × the combined confidence of ``tensionWith`` facts between them (an
  explicit statement that they may clash weighs most);
- ``hostility``: 2 × the combined confidence of ``fights`` facts and hostile events between
  them (they already clash);
- ``blocs``: 1 when they are in opposing blocs;
- ``places``: the sum, over places both are active in or near, of ``2 ** -(da + db)``,
  where ``da`` is how many ``ckg:locatedIn`` steps separate the place from where ``a`` is
  active (0: the place itself). Being in the same town counts 1, in two towns of one
  province 0.25, in one country through two provinces 1/16.

An actor is active where it was agent, target or supporter of an event (talks excepted)
and where it controls territory, within the analysis' time window.

Examples
--------
>>> import networkx as nx
>>> from kg.rdf.read import PlaceInfo
>>> g = nx.Graph([("SAA", "SDF", {"sign": -1, "weight": 0.8, "tension": 0.8})])
>>> places = {"town": PlaceInfo("town", "Town", ("country",)),
...           "country": PlaceInfo("country", "Country")}
>>> activity = {"SAA": {"town": []}, "SDF": {"country": []}}
>>> r = clash_risk(g, {"SAA": 1, "SDF": 2}, activity, places)
>>> p = r.pairs[0]
>>> p.score, p.parts
(4.7, {'tension': 3.2, 'hostility': 0.0, 'blocs': 1.0, 'places': 0.5})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from kg.analysis._format import node_info, table
from kg.analysis.project import Tie
from kg.rdf.read import ActorInfo, FactInfo, PlaceInfo

__all__ = ["WEIGHTS", "ClashPair", "ClashResult", "SharedPlace", "clash_risk"]

#: Weight of each part of the score.
WEIGHTS = {"tension": 4.0, "hostility": 2.0, "blocs": 1.0, "places": 1.0}


@dataclass(frozen=True)
class SharedPlace:
    """A place both actors are active in or near, reached from ``a_via`` and ``b_via``."""

    iri: str
    label: str
    a_via: str
    b_via: str
    proximity: float
    facts: tuple[FactInfo, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON shape: place, the places each actor is active in, proximity, facts."""
        return {
            "iri": self.iri,
            "label": self.label,
            "a_via": self.a_via,
            "b_via": self.b_via,
            "proximity": self.proximity,
            "facts": [f.iri for f in self.facts],
        }


@dataclass
class ClashPair:
    """Two actors, their score, its parts, and the shared places."""

    a: ActorInfo
    b: ActorInfo
    score: float
    parts: dict[str, float]
    places: list[SharedPlace] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"a", "b", "score", "parts", "places", "facts"}``."""
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "score": self.score,
            "parts": self.parts,
            "places": [p.to_dict() for p in self.places],
            "facts": [t.to_dict() for t in self.ties],
        }


@dataclass
class ClashResult:
    """Pairs by score, highest first."""

    pairs: list[ClashPair]
    total: int

    def to_dict(self) -> dict[str, object]:
        """JSON shape ``{"pairs": [...], "total": N}``."""
        return {"pairs": [p.to_dict() for p in self.pairs], "total": self.total}

    def to_table(self) -> str:
        """Ranked pairs with the parts of the score and the nearest shared place."""
        if not self.pairs:
            return "no clash risk: no pair of actors in opposing blocs or in tension shares a place"
        rows = [
            [
                i,
                p.a.label,
                p.b.label,
                f"{p.score:.3f}",
                " ".join(f"{k}={v:g}" for k, v in p.parts.items() if v),
                ", ".join(s.label for s in p.places[:3]) + (" ..." if len(p.places) > 3 else ""),
            ]
            for i, p in enumerate(self.pairs, start=1)
        ]
        head = table(["rank", "actor", "actor", "score", "parts", "places"], rows)
        return f"{head}\n\n{len(self.pairs)} of {self.total} pairs"


def _reach(
    active: Mapping[str, object], places: Mapping[str, PlaceInfo]
) -> dict[str, tuple[int, str]]:
    """Place → (steps up from the nearest active place, that place), for one actor."""
    out: dict[str, tuple[int, str]] = {}
    for p in sorted(active):
        chain = (p, *(places[p].ancestors if p in places else ()))
        for steps, q in enumerate(chain):
            if q not in out or (steps, p) < out[q]:
                out[q] = (steps, p)
    return out


def clash_risk(
    signed: nx.Graph,
    bloc_of: Mapping[str, int],
    activity: Mapping[str, Mapping[str, list[FactInfo]]],
    places: Mapping[str, PlaceInfo],
    *,
    top: int | None = None,
) -> ClashResult:
    """Rank pairs of opposed actors by the risk that they clash, with the parts shown.

    Parameters
    ----------
    signed : networkx.Graph
        Signed actor graph; edge attributes ``tension`` and ``hostility`` (combined
        confidences, default 0) and ``ties`` are read.
    bloc_of : mapping
        Actor → bloc id (:meth:`kg.analysis.balance.BlocResult.bloc_of`).
    activity : mapping
        Actor → place → facts placing the actor there.
    places : mapping
        Place → :class:`~kg.analysis.project.PlaceInfo` (for the located-in chains).
    top : int, optional
        Keep the first ``top`` pairs.

    Returns
    -------
    ClashResult
        The pairs, highest score first, and how many there were before ``top``.
    """
    label = {p: info.label for p, info in places.items()}
    reach = {a: _reach(act, places) for a, act in activity.items()}
    pairs: list[ClashPair] = []
    for a, b in _candidates(signed, bloc_of):
        edge = signed.edges[a, b] if signed.has_edge(a, b) else {}
        shared = _shared_places(a, b, reach, activity, label)
        tension = float(edge.get("tension", 0.0))
        if not shared and tension <= 0:
            continue
        opposed = a in bloc_of and b in bloc_of and bloc_of[a] != bloc_of[b]
        raw = {
            "tension": tension,
            "hostility": float(edge.get("hostility", 0.0)),
            "blocs": 1.0 if opposed else 0.0,
            "places": sum(s.proximity for s in shared),
        }
        parts = {k: round(WEIGHTS[k] * v, 6) for k, v in raw.items()}
        x, y = sorted((node_info(signed, a), node_info(signed, b)), key=lambda n: (n.label, n.iri))
        pairs.append(
            ClashPair(
                x,
                y,
                round(sum(parts.values()), 6),
                parts,
                shared,
                [t for t in edge.get("ties", []) if t.sign < 0],
            )
        )
    pairs.sort(key=lambda p: (-p.score, p.a.label, p.b.label))
    total = len(pairs)
    return ClashResult(pairs[:top] if top is not None else pairs, total)


def _candidates(signed: nx.Graph, bloc_of: Mapping[str, int]) -> list[tuple[str, str]]:
    """The pairs that may clash: in opposed blocs, or under a stated tension; sorted.

    Parameters
    ----------
    signed : networkx.Graph
        Signed actor graph (edge attribute ``tension`` read).
    bloc_of : mapping
        Actor → bloc id.

    Returns
    -------
    list of (str, str)
        Each pair once, its two actors in order.
    """
    candidates: set[tuple[str, str]] = set()
    in_bloc = sorted(a for a in bloc_of if a in signed)
    for i, a in enumerate(in_bloc):
        for b in in_bloc[i + 1 :]:
            if bloc_of[a] != bloc_of[b]:
                candidates.add((a, b))
    for u, v, d in signed.edges(data=True):
        if d.get("tension", 0.0) > 0:
            candidates.add((min(u, v), max(u, v)))
    return sorted(candidates)


def _shared_places(
    a: str,
    b: str,
    reach: Mapping[str, Mapping[str, tuple[int, str]]],
    activity: Mapping[str, Mapping[str, list[FactInfo]]],
    label: Mapping[str, str],
) -> list[SharedPlace]:
    """The places both ``a`` and ``b`` reach, nearest first.

    Parameters
    ----------
    a, b : str
        The two actors.
    reach : mapping
        Actor → place → (steps up the located-in chain, the place the actor was active in).
    activity : mapping
        Actor → place → facts placing the actor there.
    label : mapping
        Place → label.

    Returns
    -------
    list of SharedPlace
        By proximity (``2 ** -(steps of a + steps of b)``), then label and IRI.
    """
    ra, rb = reach.get(a, {}), reach.get(b, {})
    shared = []
    for q in sorted(set(ra) & set(rb)):
        (da, pa), (db, pb) = ra[q], rb[q]
        facts = {f.iri: f for f in (*activity[a][pa], *activity[b][pb])}
        shared.append(
            SharedPlace(
                q,
                label.get(q, q),
                label.get(pa, pa),
                label.get(pb, pb),
                2.0 ** -(da + db),
                tuple(facts[k] for k in sorted(facts)),
            )
        )
    shared.sort(key=lambda s: (-s.proximity, s.label, s.iri))
    return shared
