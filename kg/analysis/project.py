"""Project the graph's facts into NetworkX graphs of actors: the input of every analysis.

Three steps, each usable on its own:

1. :func:`kg.rdf.read.read_facts` reads actors, places, relationships and events (with their
   dates, combined confidence and quotes) into plain values, a
   :class:`~kg.rdf.read.GraphFacts`;
2. :meth:`~kg.rdf.read.GraphFacts.within` keeps those of a :class:`~kg.model.Window`
   (``--as-of`` / ``--since`` / ``--until``);
3. :func:`project` turns the kept facts into an :class:`ActorNetwork`: a signed, undirected
   actor graph, a directed sponsorship graph, and where each actor was active.

Signed ties (see ``docs/analysis.md``):

- positive: ``backs``, ``alliedWith``, ``memberOf``, ``leads``; co-agents of one armed event,
  and its supporters with its agents;
- negative: ``fights``, ``tensionWith``; agents (and supporters) against targets of an armed
  event.

Several facts about one pair combine: the positive facts' confidences by noisy-or into
``positive``, the negative ones into ``negative``; the edge's ``sign`` is +1 when
``positive > negative``, else -1, and its ``weight`` is the larger of the two.

Examples
--------
>>> from kg.rdf.read import Relation
>>> f = GraphFacts(actors={"a": ActorInfo("a", "A"), "b": ActorInfo("b", "B")})
>>> f.relations.append(Relation(FactInfo("r", "A backs B", 0.7, 1), "backs", "a", "b"))
>>> sorted(project(f).sponsorship.edges)
[('a', 'b')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.errors import AnalysisError
from kg.model import HOSTILE_EVENT_CLASSES, Window
from kg.rdf.derived import noisy_or
from kg.rdf.read import (
    ActorInfo,
    Event,
    FactInfo,
    GraphFacts,
    PlaceInfo,
    Relation,
    read_facts,
)
from kg.rdf.store import KGStore

__all__ = [
    "DIRECTNESS",
    "HOSTILE_EVENTS",
    "ActorNetwork",
    "Tie",
    "project",
    "read_network",
]

#: Event classes that pit agents against targets: agents and supporters are on one side.
HOSTILE_EVENTS = frozenset(HOSTILE_EVENT_CLASSES)
#: Event classes whose place says nothing about where the actors are active.
_PLACELESS_EVENTS = frozenset({"Negotiation"})
_POSITIVE = frozenset({"backs", "alliedWith", "memberOf", "leads"})
#: classes of actors that are organs of one state, tied to each other positively
_STATE_ORGANS = frozenset({"State", "Government", "ArmedForces"})
#: weight of the tie between organs of one state (no article states it; the gazetteer does)
_SAME_STATE_CONFIDENCE = 0.5
_NEGATIVE = frozenset({"fights", "tensionWith"})
#: How directly each kind of positive tie puts two actors on one side (default 1): fighting
#: side by side in one event says less than a stated sponsorship or alliance.
DIRECTNESS = {"co-agents": 0.7, "supporter": 0.7}


# ---------------------------------------------------------------- ties


@dataclass(frozen=True)
class Tie:
    """One fact's contribution to an edge of the signed graph.

    ``role`` says how the fact links the pair: the relation type (``"backs"``), or for an
    event ``"co-agents"``, ``"supporter"`` or ``"against"``.
    """

    fact: FactInfo
    role: str
    sign: int

    @property
    def direct_evidence(self) -> float:
        """The fact's evidence times the :data:`DIRECTNESS` of this tie's role."""
        return self.fact.evidence * DIRECTNESS.get(self.role, 1.0)

    def to_dict(self) -> dict[str, object]:
        """JSON shape: the fact's :meth:`FactInfo.to_dict` plus role and sign."""
        return {"role": self.role, "sign": self.sign, **self.fact.to_dict()}


# ---------------------------------------------------------------- projection


@dataclass
class ActorNetwork:
    """The graphs every analysis works on.

    Attributes
    ----------
    signed : networkx.Graph
        Actors with at least one signed tie. Node attributes ``label``, ``classes``; edge
        attributes ``sign`` (+1/-1), ``weight``, ``positive``, ``negative``, ``tension``,
        ``hostility`` (noisy-or confidences) and ``ties`` (list of :class:`Tie`).
    sponsorship : networkx.DiGraph
        ``backs`` edges, sponsor → client, with ``weight`` and ``ties``.
    places : dict
        Place IRI → :class:`PlaceInfo`.
    activity : dict
        Actor IRI → place IRI → facts placing the actor there (events and control).
    actors : dict
        Actor IRI → :class:`ActorInfo` (every actor in the store).
    window : Window
        The time window the facts were filtered by.
    """

    signed: nx.Graph = field(default_factory=nx.Graph)
    sponsorship: nx.DiGraph = field(default_factory=nx.DiGraph)
    places: dict[str, PlaceInfo] = field(default_factory=dict)
    activity: dict[str, dict[str, list[FactInfo]]] = field(default_factory=dict)
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    window: Window = field(default_factory=Window)

    def actor(self, iri: str) -> ActorInfo:
        """The actor ``iri`` (a bare one when the store does not describe it)."""
        return self.actors.get(iri) or ActorInfo(iri, iri.rsplit("/", 1)[-1])


def _add_node(g: nx.Graph, a: ActorInfo) -> None:
    if a.iri not in g:
        g.add_node(a.iri, label=a.label, classes=a.classes)


def project(facts: GraphFacts, window: Window | None = None) -> ActorNetwork:
    """Build the signed actor graph, the sponsorship graph and actor activity.

    Parameters
    ----------
    facts : GraphFacts
        As read by :func:`~kg.rdf.read.read_facts` (or written by hand in tests).
    window : Window, optional
        Filter applied first (default: every fact).

    Returns
    -------
    ActorNetwork

    Examples
    --------
    >>> from kg.rdf.read import Relation
    >>> f = GraphFacts(actors={"a": ActorInfo("a", "A"), "b": ActorInfo("b", "B")})
    >>> f.relations.append(Relation(FactInfo("r", "A fights B", 0.8, 1), "fights", "a", "b"))
    >>> net = project(f)
    >>> net.signed.edges["a", "b"]["sign"], net.signed.edges["a", "b"]["weight"]
    (-1, 0.8)
    """
    window = window or Window()
    facts = facts.within(window)
    net = ActorNetwork(places=dict(facts.places), actors=dict(facts.actors), window=window)
    ties = _Ties(facts.actors)
    for r in facts.relations:
        _relation_ties(r, facts, net, ties)
    for e in facts.events:
        _event_ties(e, facts, net, ties)
    _same_state_ties(facts, ties.by_pair, ties.add)
    _signed_edges(net, facts, ties.by_pair)
    for _u, _v, data in net.sponsorship.edges(data=True):
        data["weight"] = round(noisy_or(_unique_conf(data["ties"])), 6)
    return net


class _Ties:
    """The ties found so far, by pair of actors (the lesser IRI first)."""

    def __init__(self, actors: dict[str, ActorInfo]) -> None:
        self.actors = actors
        self.by_pair: dict[tuple[str, str], list[Tie]] = {}

    def add(self, a: str, b: str, t: Tie) -> None:
        """Tie ``a`` and ``b`` (two distinct actors of the facts; others are ignored)."""
        if a != b and a in self.actors and b in self.actors:
            self.by_pair.setdefault((min(a, b), max(a, b)), []).append(t)


def _active(net: ActorNetwork, facts: GraphFacts, a: str, place: str | None, f: FactInfo) -> None:
    if place is not None and a in facts.actors:
        net.activity.setdefault(a, {}).setdefault(place, []).append(f)


def _relation_ties(r: Relation, facts: GraphFacts, net: ActorNetwork, ties: _Ties) -> None:
    """A relationship's tie (and sponsorship edge), or a control's activity."""
    if r.type == "controls":
        _active(net, facts, r.subject, r.object, r.fact)
    elif r.type in _POSITIVE or r.type in _NEGATIVE:
        ties.add(r.subject, r.object, Tie(r.fact, r.type, 1 if r.type in _POSITIVE else -1))
        if r.type == "backs" and r.subject in facts.actors and r.object in facts.actors:
            d = net.sponsorship
            for x in (r.subject, r.object):
                _add_node(d, facts.actors[x])
            if d.has_edge(r.subject, r.object):
                d.edges[r.subject, r.object]["ties"].append(Tie(r.fact, "backs", 1))
            else:
                d.add_edge(r.subject, r.object, ties=[Tie(r.fact, "backs", 1)])


def _event_ties(e: Event, facts: GraphFacts, net: ActorNetwork, ties: _Ties) -> None:
    """Where an event's parties were active; an armed event's sides."""
    if e.cls not in _PLACELESS_EVENTS:
        for a in (*e.agents, *e.targets, *e.supporters):
            _active(net, facts, a, e.place, e.fact)
    if e.cls not in HOSTILE_EVENTS:
        return
    side = sorted(set(e.agents) | set(e.supporters))
    for i, a in enumerate(side):
        for b in side[i + 1 :]:
            both_agents = a in e.agents and b in e.agents
            ties.add(a, b, Tie(e.fact, "co-agents" if both_agents else "supporter", 1))
    for a in side:
        for t in e.targets:
            if t not in side:
                ties.add(a, t, Tie(e.fact, "against", -1))


def _signed_edges(
    net: ActorNetwork, facts: GraphFacts, ties: dict[tuple[str, str], list[Tie]]
) -> None:
    """One edge of the signed graph per tied pair, its confidences combined by noisy-or."""
    for (a, b), ts in sorted(ties.items()):
        ts.sort(key=lambda t: (t.fact.iri, t.role))
        pos = noisy_or(_unique_conf(t for t in ts if t.sign > 0))
        neg = noisy_or(_unique_conf(t for t in ts if t.sign < 0))
        _add_node(net.signed, facts.actors[a])
        _add_node(net.signed, facts.actors[b])
        net.signed.add_edge(
            a,
            b,
            sign=1 if pos > neg else -1,
            weight=round(max(pos, neg), 6),
            positive=round(pos, 6),
            negative=round(neg, 6),
            tension=round(noisy_or(_unique_conf(t for t in ts if t.role == "tensionWith")), 6),
            hostility=round(
                noisy_or(_unique_conf(t for t in ts if t.role in ("fights", "against"))), 6
            ),
            ties=ts,
        )


def _unique_conf(ties: Iterable[Tie]) -> list[float]:
    """Evidence of distinct facts (one event can tie a pair in two roles); hedged ones halved."""
    seen: dict[str, float] = {}
    for t in ties:
        seen[t.fact.iri] = t.fact.evidence
    return list(seen.values())


def _same_state_ties(
    facts: GraphFacts,
    ties: dict[tuple[str, str], list[Tie]],
    tie: Callable[[str, str, Tie], None],
) -> None:
    """Tie the organs of one state (state, government, armed forces) positively.

    Only organs that take part in some kept fact (so a theatre's graph holds only its own
    actors), and only when no stated hostility contradicts it: an organ with a negative tie
    to another organ of its state (a coup, a government's forces attacking a regional
    government's) is tied to none of them.
    """
    involved = {a for pair in ties for a in pair}
    organs: dict[str, list[str]] = {}
    for a, c in sorted(facts.countries.items()):
        info = facts.actors.get(a)
        if info is not None and a in involved and set(info.classes) & _STATE_ORGANS:
            organs.setdefault(c, []).append(a)
    for c, members in organs.items():
        hostile = {
            x
            for i, a in enumerate(members)
            for b in members[i + 1 :]
            if any(t.sign < 0 for t in ties.get((min(a, b), max(a, b)), ()))
            for x in (a, b)
        }
        place = facts.places.get(c)
        same = FactInfo(
            c,
            f"same state ({place.label if place else c.rsplit('/', 1)[-1]})",
            _SAME_STATE_CONFIDENCE,
            0,
        )
        kept = [a for a in members if a not in hostile]
        for i, a in enumerate(kept):
            for b in kept[i + 1 :]:
                tie(a, b, Tie(same, "same-state", 1))


def read_network(
    store: KGStore, window: Window | None = None, facts: GraphFacts | None = None
) -> ActorNetwork:
    """:func:`~kg.rdf.read.read_facts` (unless given the ``facts`` of ``store``) then
    :func:`project`, with clear errors for an empty result.

    Raises
    ------
    AnalysisError
        When the store holds no article, or no actor tie falls within the window.
    """
    facts = facts if facts is not None else read_facts(store)
    where = f" {store.path}" if store.path else ""
    if facts.articles == 0 and not facts.relations and not facts.events:
        raise AnalysisError(
            f"the store{where} holds no articles: build it first with "
            f"'kg build ARTICLES --store {store.path or 'DIR'}'"
        )
    net = project(facts, window)
    if net.signed.number_of_nodes() == 0:
        span = f" {net.window.describe()}" if net.window.active else ""
        fix = (
            "widen or drop --as-of/--since/--until"
            if net.window.active
            else "add articles that state relations between actors"
        )
        raise AnalysisError(
            f"the store{where} holds no relations or events between actors{span}: {fix}"
        )
    return net
