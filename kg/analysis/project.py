"""Project the store into NetworkX graphs of actors: the input of every analysis.

The store is read only through SPARQL. Three steps, each usable on its own:

1. :func:`load_facts` reads actors, places, relationships and events (with their dates,
   combined confidence and quotes) into plain values, a :class:`GraphFacts`;
2. :meth:`Window.keep` filters them by time (``--as-of`` / ``--since`` / ``--until``);
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
>>> w = Window.parse(as_of="2017-11")
>>> w.describe()
'as of 2017-11'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import networkx as nx
from rdflib.term import Identifier

from kg.analysis.window import Window, last_day
from kg.errors import AnalysisError
from kg.model import EVENT_CLASSES, FuzzyDate
from kg.rdf.derived import noisy_or
from kg.rdf.namespace import CKG, RELATION_ROLE_ROWS, local_name
from kg.rdf.store import KGStore

__all__ = [
    "HEDGED_FACTOR",
    "HOSTILE_EVENTS",
    "ActorInfo",
    "ActorNetwork",
    "EventFact",
    "Fact",
    "GraphFacts",
    "PlaceInfo",
    "Quote",
    "RelationFact",
    "Tie",
    "Window",
    "load_facts",
    "project",
    "read_network",
]

#: Event classes that pit agents against targets: agents and supporters are on one side.
HOSTILE_EVENTS = frozenset(
    {
        "Capture",
        "Offensive",
        "Battle",
        "Siege",
        "SiegeLifted",
        "Airstrike",
        "Bombardment",
        "Attack",
        "ViolenceAgainstCivilians",
    }
)
#: Event classes whose place says nothing about where the actors are active.
_PLACELESS_EVENTS = frozenset({"Negotiation"})
_POSITIVE = frozenset({"backs", "alliedWith", "memberOf", "leads"})
#: classes of actors that are organs of one state, tied to each other positively
_STATE_ORGANS = frozenset({"State", "Government", "ArmedForces"})
#: weight of the tie between organs of one state (no article states it; the gazetteer does)
_SAME_STATE_CONFIDENCE = 0.5
#: a hedged fact counts this much of its confidence in the actor graphs
HEDGED_FACTOR = 0.5
_NEGATIVE = frozenset({"fights", "tensionWith"})


# ---------------------------------------------------------------- plain values


@dataclass(frozen=True)
class Quote:
    """One article's statement of a fact: the attestation, its article and its sentence."""

    attestation: str
    article: str
    text: str


@dataclass(frozen=True)
class Fact:
    """What every relationship or event carries: provenance, confidence and dates.

    ``first_seen`` is the earliest publication date of an article stating the fact; a fact
    without a date of its own is dated by it.
    """

    iri: str
    label: str
    confidence: float
    attestations: int
    quotes: tuple[Quote, ...] = ()
    first_seen: FuzzyDate | None = None
    #: every attestation hedges it ("believed to be backed by")
    hedged: bool = False

    @property
    def evidence(self) -> float:
        """Confidence as a tie counts it: :data:`HEDGED_FACTOR` times less when hedged."""
        return self.confidence * (HEDGED_FACTOR if self.hedged else 1.0)

    def to_dict(self) -> dict[str, object]:
        """JSON shape: IRI, label, confidence, attestation count and quotes."""
        return {
            "fact": self.iri,
            "label": self.label,
            "confidence": round(self.confidence, 3),
            "attestations": self.attestations,
            **({"hedged": True} if self.hedged else {}),
            "quotes": [
                {"quote": q.text, "article": q.article, "attestation": q.attestation}
                for q in self.quotes
            ],
        }


@dataclass(frozen=True)
class RelationFact:
    """A qualified relationship: ``type`` is the direct edge's local name (``"backs"``)."""

    fact: Fact
    type: str
    subject: str
    object: str
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    #: theatre IRIs (``ckg:theatre``); empty: unplaced
    theatres: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventFact:
    """An event: ``cls`` is its ckg class local name (``"Capture"``)."""

    fact: Fact
    cls: str
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    supporters: tuple[str, ...] = ()
    place: str | None = None
    dates: tuple[FuzzyDate, ...] = ()
    #: theatre IRIs (``ckg:theatre``); empty: unplaced
    theatres: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorInfo:
    """An actor node: IRI, canonical label and ckg classes (local names, sorted)."""

    iri: str
    label: str
    classes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str]:
        """JSON shape ``{"iri": ..., "label": ...}``."""
        return {"iri": self.iri, "label": self.label}


@dataclass(frozen=True)
class PlaceInfo:
    """A place: label and the chain of places containing it, nearest first."""

    iri: str
    label: str
    ancestors: tuple[str, ...] = ()


@dataclass
class GraphFacts:
    """Everything the analyses read from a store, as plain values."""

    actors: dict[str, ActorInfo] = field(default_factory=dict)
    places: dict[str, PlaceInfo] = field(default_factory=dict)
    relations: list[RelationFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    articles: int = 0
    #: actor IRI → IRI of the country it belongs to (``ckg:country``)
    countries: dict[str, str] = field(default_factory=dict)
    #: theatre IRI → label (``ckg:Theatre`` nodes)
    theatres: dict[str, str] = field(default_factory=dict)

    def in_theatre(self, theatre: str | None) -> GraphFacts:
        """The relationships and events of one theatre (``None``: the unplaced ones)."""
        want = (theatre,) if theatre else ()
        return replace(
            self,
            relations=[r for r in self.relations if _has(r.theatres, want)],
            events=[e for e in self.events if _has(e.theatres, want)],
        )


def _has(theatres: tuple[str, ...], want: tuple[str, ...]) -> bool:
    return theatres == () if not want else want[0] in theatres


@dataclass(frozen=True)
class Tie:
    """One fact's contribution to an edge of the signed graph.

    ``role`` says how the fact links the pair: the relation type (``"backs"``), or for an
    event ``"co-agents"``, ``"supporter"`` or ``"against"``.
    """

    fact: Fact
    role: str
    sign: int

    def to_dict(self) -> dict[str, object]:
        """JSON shape: the fact's :meth:`Fact.to_dict` plus role and sign."""
        return {"role": self.role, "sign": self.sign, **self.fact.to_dict()}


# ---------------------------------------------------------------- reading the store

_Q_ACTORS = """
SELECT ?a ?label ?cls WHERE {
  ?a a ckg:Actor .
  OPTIONAL { ?a rdfs:label ?label }
  OPTIONAL { ?a a ?cls . FILTER(STRSTARTS(STR(?cls), STR(ckg:))) }
}"""
_Q_COUNTRIES = """
SELECT DISTINCT ?a ?c WHERE { ?a a ckg:Actor ; ckg:country ?c }"""
_Q_PLACES = """
SELECT ?p ?label ?parent WHERE {
  ?p a ckg:Place .
  OPTIONAL { ?p rdfs:label ?label }
  OPTIONAL { ?p ckg:locatedIn ?parent }
}"""
_Q_RELATIONS = (
    """
SELECT ?fact ?type ?a ?b ?label WHERE {
  VALUES (?edge ?ra ?rb) {
"""
    + RELATION_ROLE_ROWS
    + """  }
  ?fact ckg:edge ?edge ; ?ra ?a ; ?rb ?b .
  FILTER(?ra != ?rb || STR(?a) < STR(?b))
  OPTIONAL { ?fact rdfs:label ?label }
  BIND(STRAFTER(STR(?edge), "#") AS ?type)
}"""
)
_Q_EVENTS = """
SELECT ?fact ?cls ?label ?place WHERE {
  ?fact a ckg:Event ; a ?cls .
  FILTER(STRSTARTS(STR(?cls), STR(ckg:)) && ?cls != ckg:Event)
  OPTIONAL { ?fact rdfs:label ?label }
  OPTIONAL { ?fact ckg:place ?place }
}"""
_Q_ROLES = """
SELECT ?fact ?role ?actor WHERE {
  VALUES ?role { ckg:agent ckg:target ckg:supporter }
  ?fact ?role ?actor .
}"""
_Q_DATES = """
SELECT ?fact ?prop ?d WHERE {
  VALUES ?prop { ckg:startDate ckg:endDate ckg:date }
  ?fact ?prop ?d .
}"""
_Q_DERIVED = """
SELECT ?fact ?conf ?n ?hedged WHERE {
  ?fact ckg:attestationCount ?n ; ckg:confidence ?conf .
  OPTIONAL { ?fact ckg:hedged ?hedged }
}"""
_Q_THEATRES = "SELECT ?fact ?t WHERE { ?fact ckg:theatre ?t }"
_Q_THEATRE_LABELS = "SELECT ?t ?label WHERE { ?t a ckg:Theatre ; rdfs:label ?label }"
_Q_ATTESTATIONS = """
SELECT ?fact ?att ?conf ?quote ?article ?published WHERE {
  ?fact ckg:attestedBy ?att .
  OPTIONAL { ?att ckg:confidence ?conf }
  OPTIONAL { ?att ckg:quote ?quote }
  OPTIONAL { ?att prov:wasDerivedFrom ?article .
             OPTIONAL { ?article ckg:published ?published } }
}"""
_Q_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ckg:Article }"


def _date(term: Identifier | None) -> FuzzyDate | None:
    if term is None:
        return None
    try:
        return FuzzyDate.parse(str(term)[:10])
    except ValueError:
        return None


def _ancestors(iri: str, parents: dict[str, set[str]]) -> tuple[str, ...]:
    """Places containing ``iri``, breadth-first (nearest first), cycles ignored."""
    out: list[str] = []
    seen = {iri}
    frontier = [iri]
    while frontier:
        nxt: list[str] = []
        for p in frontier:
            for q in sorted(parents.get(p, ())):
                if q not in seen:
                    seen.add(q)
                    out.append(q)
                    nxt.append(q)
        frontier = nxt
    return tuple(out)


def _facts_meta(store: KGStore) -> dict[str, Fact]:
    """Confidence, attestation count, quotes and first-seen date of every attested fact."""
    atts: dict[str, dict[str, tuple[float, Quote, FuzzyDate | None]]] = {}
    for r in store.select(_Q_ATTESTATIONS):
        conf = float(str(r["conf"])) if "conf" in r else 0.0
        q = Quote(str(r["att"]), str(r.get("article", "")), str(r.get("quote", "")))
        atts.setdefault(str(r["fact"]), {})[str(r["att"])] = (conf, q, _date(r.get("published")))
    derived = {
        str(r["fact"]): (
            float(str(r["conf"])),
            int(str(r["n"])),
            str(r.get("hedged", "false")).lower() in ("true", "1"),
        )
        for r in store.select(_Q_DERIVED)
    }
    out: dict[str, Fact] = {}
    for iri, by_att in atts.items():
        vals = [by_att[k] for k in sorted(by_att)]
        conf, n, hedged = derived.get(iri, (noisy_or(v[0] for v in vals), len(vals), False))
        seen = [v[2] for v in vals if v[2] is not None]
        out[iri] = Fact(
            iri,
            "",
            conf,
            n,
            tuple(v[1] for v in vals),
            min(seen, key=lambda d: d.to_date()) if seen else None,
            hedged,
        )
    return out


def load_facts(store: KGStore) -> GraphFacts:
    """Read actors, places, relationships and events from ``store`` (SPARQL only).

    Facts without an attestation get confidence 0 and no quotes (they should not exist).
    """
    gf = GraphFacts()
    gf.articles = int(str(store.select(_Q_ARTICLES)[0]["n"]))
    labels: dict[str, list[str]] = {}
    classes: dict[str, set[str]] = {}
    for r in store.select(_Q_ACTORS):
        a = str(r["a"])
        labels.setdefault(a, [])
        classes.setdefault(a, set())
        if "label" in r:
            labels[a].append(str(r["label"]))
        if "cls" in r and r["cls"] != CKG.Actor:
            classes[a].add(local_name(str(r["cls"])))
    for a in sorted(labels):
        label = min(labels[a]) if labels[a] else local_name(a)
        gf.actors[a] = ActorInfo(a, label, tuple(sorted(classes[a])))

    for r in store.select(_Q_COUNTRIES):
        a, c = str(r["a"]), str(r["c"])
        if a in gf.actors and (a not in gf.countries or c < gf.countries[a]):
            gf.countries[a] = c
    for a, info in gf.actors.items():
        if "State" in info.classes and a not in gf.countries and "/actor/" in a:
            gf.countries[a] = a.replace("/actor/", "/place/", 1)

    place_labels: dict[str, list[str]] = {}
    parents: dict[str, set[str]] = {}
    for r in store.select(_Q_PLACES):
        p = str(r["p"])
        place_labels.setdefault(p, [])
        if "label" in r:
            place_labels[p].append(str(r["label"]))
        if "parent" in r:
            parents.setdefault(p, set()).add(str(r["parent"]))
    for p in sorted(place_labels):
        label = min(place_labels[p]) if place_labels[p] else p.rsplit("/", 1)[-1]
        gf.places[p] = PlaceInfo(p, label, _ancestors(p, parents))

    meta = _facts_meta(store)
    dates: dict[tuple[str, str], list[FuzzyDate]] = {}
    for r in store.select(_Q_DATES):
        d = _date(r["d"])
        if d is not None:
            dates.setdefault((str(r["fact"]), local_name(str(r["prop"]))), []).append(d)

    def fact(iri: str, label: str) -> Fact:
        base = meta.get(iri) or Fact(iri, "", 0.0, 0)
        return replace(base, label=label)

    theatres: dict[str, set[str]] = {}
    for r in store.select(_Q_THEATRES):
        theatres.setdefault(str(r["fact"]), set()).add(str(r["t"]))
    for r in store.select(_Q_THEATRE_LABELS):
        t = str(r["t"])
        gf.theatres[t] = min(gf.theatres.get(t, str(r["label"])), str(r["label"]))

    rel_rows: dict[tuple[str, str, str, str], str] = {}
    for r in store.select(_Q_RELATIONS):
        key = (str(r["fact"]), str(r["type"]), str(r["a"]), str(r["b"]))
        rel_rows[key] = min(rel_rows.get(key, str(r.get("label", ""))), str(r.get("label", "")))
    for (iri, type_, a, b), label in sorted(rel_rows.items()):
        starts = dates.get((iri, "startDate"), [])
        ends = dates.get((iri, "endDate"), [])
        gf.relations.append(
            RelationFact(
                fact(iri, label or iri),
                type_,
                a,
                b,
                min(starts, key=lambda d: d.to_date()) if starts else None,
                max(ends, key=last_day) if ends else None,
                tuple(sorted(theatres.get(iri, ()))),
            )
        )

    ev_rows: dict[str, tuple[set[str], str, str | None]] = {}
    for r in store.select(_Q_EVENTS):
        iri = str(r["fact"])
        cls_set, label, place = ev_rows.get(iri, (set(), "", None))
        cls_set.add(local_name(str(r["cls"])))
        new_label = str(r.get("label", ""))
        label = min(label, new_label) if label else new_label
        new_place = str(r["place"]) if "place" in r else None
        if new_place and (place is None or new_place < place):
            place = new_place
        ev_rows[iri] = (cls_set, label, place)
    roles: dict[tuple[str, str], set[str]] = {}
    for r in store.select(_Q_ROLES):
        roles.setdefault((str(r["fact"]), local_name(str(r["role"]))), set()).add(str(r["actor"]))
    for iri in sorted(ev_rows):
        cls_set, label, place = ev_rows[iri]
        known = sorted(c for c in cls_set if c in EVENT_CLASSES)
        gf.events.append(
            EventFact(
                fact(iri, label or iri),
                known[0] if known else min(cls_set),
                tuple(sorted(roles.get((iri, "agent"), ()))),
                tuple(sorted(roles.get((iri, "target"), ()))),
                tuple(sorted(roles.get((iri, "supporter"), ()))),
                place,
                tuple(sorted(set(dates.get((iri, "date"), [])))),
                tuple(sorted(theatres.get(iri, ()))),
            )
        )
    return gf


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
    activity: dict[str, dict[str, list[Fact]]] = field(default_factory=dict)
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
        As read by :func:`load_facts` (or written by hand in tests).
    window : Window, optional
        Filter applied first (default: every fact).

    Returns
    -------
    ActorNetwork

    Examples
    --------
    >>> f = GraphFacts(actors={"a": ActorInfo("a", "A"), "b": ActorInfo("b", "B")})
    >>> f.relations.append(RelationFact(Fact("r", "A fights B", 0.8, 1), "fights", "a", "b"))
    >>> net = project(f)
    >>> net.signed.edges["a", "b"]["sign"], net.signed.edges["a", "b"]["weight"]
    (-1, 0.8)
    """
    window = window or Window()
    facts = window.keep(facts)
    net = ActorNetwork(places=dict(facts.places), actors=dict(facts.actors), window=window)
    ties: dict[tuple[str, str], list[Tie]] = {}

    def tie(a: str, b: str, t: Tie) -> None:
        if a != b and a in facts.actors and b in facts.actors:
            ties.setdefault((min(a, b), max(a, b)), []).append(t)

    def active(a: str, place: str | None, f: Fact) -> None:
        if place is not None and a in facts.actors:
            net.activity.setdefault(a, {}).setdefault(place, []).append(f)

    for r in facts.relations:
        if r.type == "controls":
            active(r.subject, r.object, r.fact)
        elif r.type in _POSITIVE or r.type in _NEGATIVE:
            tie(r.subject, r.object, Tie(r.fact, r.type, 1 if r.type in _POSITIVE else -1))
            if r.type == "backs" and r.subject in facts.actors and r.object in facts.actors:
                d = net.sponsorship
                for x in (r.subject, r.object):
                    _add_node(d, facts.actors[x])
                if d.has_edge(r.subject, r.object):
                    d.edges[r.subject, r.object]["ties"].append(Tie(r.fact, "backs", 1))
                else:
                    d.add_edge(r.subject, r.object, ties=[Tie(r.fact, "backs", 1)])
    for e in facts.events:
        if e.cls not in _PLACELESS_EVENTS:
            for a in (*e.agents, *e.targets, *e.supporters):
                active(a, e.place, e.fact)
        if e.cls not in HOSTILE_EVENTS:
            continue
        side = sorted(set(e.agents) | set(e.supporters))
        for i, a in enumerate(side):
            for b in side[i + 1 :]:
                both_agents = a in e.agents and b in e.agents
                tie(a, b, Tie(e.fact, "co-agents" if both_agents else "supporter", 1))
        for a in side:
            for t in e.targets:
                if t not in side:
                    tie(a, t, Tie(e.fact, "against", -1))

    _same_state_ties(facts, ties, tie)

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
    for _u, _v, data in net.sponsorship.edges(data=True):
        data["weight"] = round(noisy_or(_unique_conf(data["ties"])), 6)
    return net


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
        same = Fact(
            c,
            f"same state ({place.label if place else c.rsplit('/', 1)[-1]})",
            _SAME_STATE_CONFIDENCE,
            0,
        )
        kept = [a for a in members if a not in hostile]
        for i, a in enumerate(kept):
            for b in kept[i + 1 :]:
                tie(a, b, Tie(same, "same-state", 1))


def read_network(store: KGStore, window: Window | None = None) -> ActorNetwork:
    """:func:`load_facts` then :func:`project`, with clear errors for an empty result.

    Raises
    ------
    AnalysisError
        When the store holds no article, or no actor tie falls within the window.
    """
    facts = load_facts(store)
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
