"""Read the store into a view model: the nodes and edges one page shows (SPARQL only).

A :class:`View` holds plain values: nodes (actors, places, events) and edges (relationships,
event roles, place containment), each with the attestations that state it and the articles
those come from. :func:`read_view` reads it from a store; :func:`select_view` narrows it to a
kind of view, a neighbourhood of one actor, a date and a confidence threshold. Nothing here
knows about HTML (see :mod:`kg.viz.render`).

Views:

- ``actors`` (default): every actor and the relationships between actors;
- ``events``: events with the actors and places they involve;
- ``full``: everything, with ``controls`` (actor → place) and ``locatedIn`` (place → place).

Examples
--------
>>> v = View(nodes=[Node("a", "Iran", "actor", ("State",))], edges=[], articles={},
...          attestations={}, n_articles=1)
>>> v.title
'conflict-kg — 1 article, 1 actor'
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from rdflib.term import Identifier

from kg.analysis.project import Window
from kg.errors import InputError
from kg.model import FuzzyDate
from kg.rdf.namespace import RELATION_ROLE_ROWS, local_name
from kg.rdf.store import KGStore
from kg.viz.camps import Camps

__all__ = [
    "VIEWS",
    "Article",
    "Attestation",
    "Edge",
    "Node",
    "View",
    "read_view",
    "resolve_actor",
    "select_view",
]

#: Kinds of view ``kg viz --view`` accepts.
VIEWS = ("actors", "events", "full")
#: Relationship types between two actors (``controls`` goes to a place).
_ACTOR_RELATIONS = frozenset({"backs", "alliedWith", "fights", "tensionWith", "memberOf", "leads"})
_EVENT_ROLES = ("agent", "target", "supporter", "place")


@dataclass(frozen=True)
class Article:
    """An article as the side panel cites it."""

    id: str
    title: str
    publishers: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Attestation:
    """One article's statement of a fact: the quoted sentence and where it comes from."""

    id: str
    quote: str
    article: str | None
    confidence: float | None = None
    hedged: bool = False


@dataclass(frozen=True)
class Node:
    """An actor, a place or an event.

    ``when`` is the first day it is known from (event date, else first article mentioning it),
    used by the page's date slider; ``dates`` are the event's own dates as stated.
    """

    id: str
    label: str
    kind: str  # "actor" | "place" | "event"
    classes: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    bloc: int | None = None
    pagerank: float | None = None
    dates: tuple[str, ...] = ()
    when: str | None = None
    articles: tuple[str, ...] = ()
    attestations: tuple[str, ...] = ()
    confidence: float | None = None
    figures: tuple[tuple[str, int], ...] = ()
    #: theatre IRIs: an event's, a place's (the theatre covering it), an actor's (those of
    #: the relationships and events it takes part in)
    theatres: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edge:
    """A relationship (``rel`` is its type), an event role, or a place's ``locatedIn``.

    ``source`` → ``target`` follows the relationship's direction (sponsor → client, event →
    agent, place → containing place).
    """

    id: str
    source: str
    target: str
    rel: str
    label: str = ""
    attestations: tuple[str, ...] = ()
    confidence: float | None = None
    count: int = 0
    start: str | None = None
    end: str | None = None
    when: str | None = None
    #: theatre IRIs of the relationship or event (of the place, for ``locatedIn``)
    theatres: tuple[str, ...] = ()


@dataclass
class View:
    """What one page shows, plus the articles and attestations its panels cite."""

    nodes: list[Node]
    edges: list[Edge]
    articles: dict[str, Article]
    attestations: dict[str, Attestation]
    n_articles: int
    view: str = "actors"
    focus: str | None = None
    as_of: str | None = None
    min_confidence: float | None = None
    has_analysis: bool = field(default=False)
    #: theatre IRI → label, largest theatre first
    theatres: dict[str, str] = field(default_factory=dict)
    #: the blocs of each theatre (:mod:`kg.viz.camps`), when computed
    camps: Camps | None = None

    @property
    def n_actors(self) -> int:
        """Actors among the nodes."""
        return sum(n.kind == "actor" for n in self.nodes)

    @property
    def title(self) -> str:
        """``conflict-kg — N articles, M actors`` (counts of this view)."""
        a, m = self.n_articles, self.n_actors
        return f"conflict-kg — {a} article{'s' * (a != 1)}, {m} actor{'s' * (m != 1)}"


# ---------------------------------------------------------------- reading the store

_Q_ENTITIES = """
SELECT ?e ?kind ?label WHERE {
  VALUES (?top ?kind) { (ckg:Actor "actor") (ckg:Place "place") (ckg:Event "event") }
  ?e a ?top .
  OPTIONAL { ?e rdfs:label ?label }
}"""
_Q_CLASSES = """
SELECT ?e ?cls WHERE {
  VALUES ?top { ckg:Actor ckg:Place ckg:Event }
  ?e a ?top , ?cls .
  FILTER(?cls != ?top && STRSTARTS(STR(?cls), STR(ckg:)))
}"""
_Q_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_Q_ANALYSIS = """
SELECT ?e ?bloc ?pr WHERE {
  ?e a ckg:Actor .
  OPTIONAL { ?e ckg:bloc ?bloc }
  OPTIONAL { ?e ckg:pagerank ?pr }
  FILTER(BOUND(?bloc) || BOUND(?pr))
}"""
_Q_MENTIONS = "SELECT ?e ?art WHERE { ?e ckg:mentionedIn ?art }"
_Q_ARTICLES = """
SELECT ?art ?label ?title ?publisher ?published ?url WHERE {
  ?art a ckg:Article .
  OPTIONAL { ?art rdfs:label ?label }
  OPTIONAL { ?art ckg:title ?title }
  OPTIONAL { ?art ckg:publisher ?publisher }
  OPTIONAL { ?art ckg:published ?published }
  OPTIONAL { ?art ckg:url ?url }
}"""
_Q_RELATIONS = (
    """
SELECT ?r ?type ?s ?o ?label WHERE {
  VALUES (?edge ?rs ?ro) {
"""
    + RELATION_ROLE_ROWS
    + """  }
  ?r ckg:edge ?edge ; ?rs ?s ; ?ro ?o .
  ?s ?edge ?o .
  FILTER(?s != ?o)
  OPTIONAL { ?r rdfs:label ?label }
  BIND(STRAFTER(STR(?edge), "#") AS ?type)
}"""
)
_Q_DATES = """
SELECT ?f ?prop ?d WHERE {
  VALUES ?prop { ckg:startDate ckg:endDate ckg:date }
  ?f ?prop ?d .
}"""
_Q_DERIVED = "SELECT ?f ?conf ?n WHERE { ?f ckg:attestationCount ?n ; ckg:confidence ?conf }"
_Q_ATTESTATIONS = """
SELECT ?f ?att ?quote ?art ?conf ?hedged WHERE {
  ?f ckg:attestedBy ?att .
  OPTIONAL { ?att ckg:quote ?quote }
  OPTIONAL { ?att prov:wasDerivedFrom ?art . ?art a ckg:Article }
  OPTIONAL { ?att ckg:confidence ?conf }
  OPTIONAL { ?att ckg:hedged ?hedged }
}"""
_Q_ROLES = """
SELECT ?ev ?role ?x WHERE {
  VALUES ?role { ckg:agent ckg:target ckg:supporter ckg:place }
  ?ev a ckg:Event ; ?role ?x .
}"""
_Q_FIGURES = """
SELECT ?ev ?prop ?n WHERE {
  VALUES ?prop { ckg:displaced ckg:killed ckg:wounded ckg:trapped ckg:fighters ckg:captured
                 ckg:civilians }
  ?ev ?prop ?n .
}"""
_Q_THEATRES = """
SELECT ?x ?t WHERE { { ?x ckg:theatre ?t } UNION { ?t ckg:covers ?x } }"""
_Q_THEATRE_LABELS = "SELECT ?t ?label WHERE { ?t a ckg:Theatre ; rdfs:label ?label }"
_Q_LOCATED = """
SELECT ?p ?q WHERE { ?p a ckg:Place ; ckg:locatedIn ?q . ?q a ckg:Place . FILTER(?p != ?q) }"""


def _day(value: str) -> date | None:
    try:
        return FuzzyDate.parse(value[:10]).to_date()
    except ValueError:
        return None


def _first(values: Iterable[str]) -> str | None:
    days = sorted((d, v) for v in values if (d := _day(v)) is not None)
    return days[0][1] if days else None


def _float(term: Identifier | None) -> float | None:
    try:
        return float(str(term)) if term is not None else None
    except ValueError:
        return None


def read_view(store: KGStore) -> View:
    """Read every node and edge of the ``full`` view from ``store``, through SPARQL only.

    Parameters
    ----------
    store : KGStore
        An open store (read-only is enough).

    Returns
    -------
    View
        Nodes and edges sorted by id; narrow it with :func:`select_view`.
    """
    articles: dict[str, Article] = {}
    pubs: dict[str, set[str]] = {}
    for r in store.select(_Q_ARTICLES):
        a = str(r["art"])
        if "publisher" in r:
            pubs.setdefault(a, set()).add(str(r["publisher"]))
        if a not in articles:
            title = str(r.get("title", r.get("label", "")))
            url = str(r["url"]) if "url" in r else None
            date_ = str(r["published"]) if "published" in r else None
            articles[a] = Article(a, title, (), date_, url)
    articles = {
        a: replace(art, publishers=tuple(sorted(pubs.get(a, ()))))
        for a, art in sorted(articles.items())
    }

    atts: dict[str, Attestation] = {}
    att_of: dict[str, set[str]] = {}
    for r in store.select(_Q_ATTESTATIONS):
        att = str(r["att"])
        att_of.setdefault(str(r["f"]), set()).add(att)
        atts[att] = Attestation(
            att,
            str(r.get("quote", "")),
            str(r["art"]) if "art" in r else None,
            _float(r.get("conf")),
            str(r.get("hedged", "false")).lower() in ("true", "1"),
        )

    derived = {str(r["f"]): (_float(r["conf"]), int(str(r["n"]))) for r in store.select(_Q_DERIVED)}
    dates: dict[tuple[str, str], set[str]] = {}
    for r in store.select(_Q_DATES):
        dates.setdefault((str(r["f"]), local_name(r["prop"])), set()).add(str(r["d"]))

    def fact_when(f: str, own: Iterable[str]) -> str | None:
        seen = [
            d
            for a in att_of.get(f, ())
            if (art := atts[a].article)
            for d in [articles[art].date]
            if art in articles and d
        ]
        return _first(own) or _first(seen)

    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    for r in store.select(_Q_ENTITIES):
        e = str(r["e"])
        kinds.setdefault(e, str(r["kind"]))
        if "label" in r:
            labels[e] = min(labels.get(e, str(r["label"])), str(r["label"]))
    classes: dict[str, set[str]] = {}
    for r in store.select(_Q_CLASSES):
        classes.setdefault(str(r["e"]), set()).add(local_name(r["cls"]))
    aliases: dict[str, set[str]] = {}
    for r in store.select(_Q_ALIASES):
        aliases.setdefault(str(r["e"]), set()).add(str(r["alias"]))
    mentions: dict[str, set[str]] = {}
    for r in store.select(_Q_MENTIONS):
        mentions.setdefault(str(r["e"]), set()).add(str(r["art"]))
    analysis: dict[str, tuple[int | None, float | None]] = {}
    for r in store.select(_Q_ANALYSIS):
        bloc = int(str(r["bloc"])) if "bloc" in r else None
        analysis[str(r["e"])] = (bloc, _float(r.get("pr")))
    figures: dict[str, dict[str, int]] = {}
    for r in store.select(_Q_FIGURES):
        figures.setdefault(str(r["ev"]), {})[local_name(r["prop"])] = int(str(r["n"]))

    theatre_of: dict[str, set[str]] = {}
    for r in store.select(_Q_THEATRES):
        theatre_of.setdefault(str(r["x"]), set()).add(str(r["t"]))
    theatre_labels: dict[str, str] = {}
    for r in store.select(_Q_THEATRE_LABELS):
        t = str(r["t"])
        theatre_labels[t] = min(theatre_labels.get(t, str(r["label"])), str(r["label"]))

    nodes: list[Node] = []
    for e in sorted(kinds):
        kind = kinds[e]
        own = sorted(dates.get((e, "date"), ()), key=lambda d: (_day(d) or date.max, d))
        arts = tuple(sorted(mentions.get(e, ())))
        art_dates = [articles[a].date or "" for a in arts if a in articles]
        bloc, pr = analysis.get(e, (None, None))
        label = labels.get(e, local_name(e))
        nodes.append(
            Node(
                e,
                label,
                kind,
                tuple(sorted(classes.get(e, ()))),
                tuple(sorted(aliases.get(e, set()) - {label}, key=str.casefold)),
                bloc,
                pr,
                tuple(own),
                fact_when(e, own) if kind == "event" else _first(art_dates),
                arts,
                tuple(sorted(att_of.get(e, ()))),
                derived.get(e, (None, 0))[0],
                tuple(sorted(figures.get(e, {}).items())),
                tuple(sorted(theatre_of.get(e, ()))),
            )
        )

    edges: dict[str, Edge] = {}
    for r in store.select(_Q_RELATIONS):
        rid = str(r["r"])
        if rid in edges or str(r["s"]) not in kinds or str(r["o"]) not in kinds:
            continue
        start = _first(dates.get((rid, "startDate"), ()))
        end_dates = dates.get((rid, "endDate"), ())
        end = max(end_dates, key=lambda d: _day(d) or date.min) if end_dates else None
        conf, count = derived.get(rid, (None, len(att_of.get(rid, ()))))
        edges[rid] = Edge(
            rid,
            str(r["s"]),
            str(r["o"]),
            str(r["type"]),
            str(r.get("label", "")),
            tuple(sorted(att_of.get(rid, ()))),
            conf,
            count,
            start,
            end,
            fact_when(rid, [start] if start else []),
            tuple(sorted(theatre_of.get(rid, ()))),
        )
    event_when = {n.id: n.when for n in nodes if n.kind == "event"}
    for r in store.select(_Q_ROLES):
        ev, role, x = str(r["ev"]), local_name(r["role"]), str(r["x"])
        if x not in kinds:
            continue
        eid = f"{ev}#{role}-{x}"
        conf, count = derived.get(ev, (None, 0))
        edges[eid] = Edge(
            eid,
            ev,
            x,
            role,
            role,
            (),
            conf,
            count,
            when=event_when.get(ev),
            theatres=tuple(sorted(theatre_of.get(ev, ()))),
        )
    for r in store.select(_Q_LOCATED):
        p, q = str(r["p"]), str(r["q"])
        eid = f"{p}#locatedIn-{q}"
        edges[eid] = Edge(
            eid, p, q, "locatedIn", "located in", theatres=tuple(sorted(theatre_of.get(p, ())))
        )

    edge_list = [edges[k] for k in sorted(edges)]
    return View(
        nodes=_actor_theatres(nodes, edge_list),
        edges=edge_list,
        articles=articles,
        attestations=dict(sorted(atts.items())),
        n_articles=len(articles),
        view="full",
        has_analysis=bool(analysis),
        theatres=_by_size(theatre_labels, edge_list),
    )


def _actor_theatres(nodes: list[Node], edges: list[Edge]) -> list[Node]:
    """Actors take the theatres of the relationships and events they take part in."""
    of: dict[str, set[str]] = {}
    for e in edges:
        if e.rel != "locatedIn":
            for end in (e.source, e.target):
                of.setdefault(end, set()).update(e.theatres)
    return [
        replace(n, theatres=tuple(sorted(of.get(n.id, ())))) if n.kind == "actor" else n
        for n in nodes
    ]


def _by_size(labels: dict[str, str], edges: list[Edge]) -> dict[str, str]:
    """Theatres ordered as ``kg analyze`` orders them: most facts first, then by label."""
    facts: dict[str, set[str]] = {t: set() for t in labels}
    for e in edges:
        fact = e.id.split("#", 1)[0] if e.rel != "locatedIn" else None
        for t in e.theatres:
            if fact and t in facts:
                facts[t].add(fact)
    order = sorted(labels, key=lambda t: (-len(facts[t]), labels[t], t))
    return {t: labels[t] for t in order}


# ---------------------------------------------------------------- narrowing a view


def resolve_actor(view: View, name: str) -> Node:
    """The actor whose label or alias is ``name`` (case-insensitive).

    Raises
    ------
    InputError
        When no actor has that name (closest names suggested), or several do (all listed).

    Examples
    --------
    >>> v = View([Node("x", "Syrian Democratic Forces", "actor", (), ("SDF",))], [], {}, {}, 0)
    >>> resolve_actor(v, "sdf").label
    'Syrian Democratic Forces'
    """
    key = name.strip().casefold()
    actors = [n for n in view.nodes if n.kind == "actor"]
    exact = [n for n in actors if n.label.casefold() == key]
    hits = exact or [n for n in actors if key in {a.casefold() for a in n.aliases}]
    if len(hits) == 1:
        return hits[0]
    if hits:
        names = "; ".join(f"{n.label} ({n.id})" for n in sorted(hits, key=lambda n: n.id))
        raise InputError(
            f"--focus {name!r} is ambiguous: it names {len(hits)} actors: {names}; "
            "pass the full canonical name of one of them"
        )
    close = difflib.get_close_matches(
        name, sorted({n.label for n in actors} | {a for n in actors for a in n.aliases}), n=5
    )
    hint = f"did you mean: {', '.join(close)}?" if close else "list actors with 'kg query actors'"
    raise InputError(f"--focus {name!r} names no actor in the store: {hint}")


def _holds(edge: Edge, as_of: FuzzyDate) -> bool:
    if edge.rel in _EVENT_ROLES or edge.rel == "locatedIn":
        return True
    lo = FuzzyDate.parse(edge.when[:10]) if edge.when else None
    if lo is None:
        return False
    hi = FuzzyDate.parse(edge.end[:10]) if edge.end and _day(edge.end) else None
    return Window(as_of=as_of).overlaps(lo, hi)


def select_view(
    full: View,
    view: str = "actors",
    *,
    focus: str | None = None,
    depth: int = 1,
    as_of: str | None = None,
    min_confidence: float | None = None,
    theatres: Sequence[str] = (),
) -> View:
    """Narrow the full view read by :func:`read_view` (a pure function).

    Parameters
    ----------
    full : View
        What :func:`read_view` returned.
    view : {"actors", "events", "full"}
        Which nodes and edges to show (see the module docstring).
    focus, depth : str, int
        Keep only nodes within ``depth`` edges of the actor named ``focus`` (label or alias).
    as_of : str
        ``YYYY[-MM[-DD]]``: relationships holding on that date and events up to it (a fact
        without a date of its own is dated by its earliest article; undated facts are dropped).
    min_confidence : float
        Drop relationships and events whose combined confidence is lower.
    theatres : sequence of str
        Keep only the facts of these theatres (labels, any case; ``unplaced`` for facts of
        none), the actors taking part in them and the places they cover.

    Raises
    ------
    InputError
        On an unknown view, a bad date, a confidence outside [0, 1], a negative depth, a
        focus naming no actor or several, or an unknown theatre.
    """
    if view not in VIEWS:
        raise InputError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    if depth < 0:
        raise InputError(f"--depth {depth} is negative: give 0 or more")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise InputError(f"--min-confidence {min_confidence} is outside [0, 1]: give e.g. 0.5")
    cut: FuzzyDate | None = None
    if as_of is not None:
        cut = Window.parse(as_of=as_of).as_of

    def keep_node(n: Node) -> bool:
        if n.kind == "event":
            if min_confidence is not None and (n.confidence or 0.0) < min_confidence:
                return False
            if cut is not None:
                return (
                    n.when is not None
                    and _day(n.when) is not None
                    and (FuzzyDate.parse(n.when[:10]).to_date() <= cut.last_day())
                )
        return True

    def keep_edge(e: Edge) -> bool:
        if e.rel not in _EVENT_ROLES and e.rel != "locatedIn":
            if min_confidence is not None and (e.confidence or 0.0) < min_confidence:
                return False
            if cut is not None and not _holds(e, cut):
                return False
        return True

    nodes = {n.id: n for n in full.nodes if keep_node(n)}
    edges = [e for e in full.edges if keep_edge(e) and e.source in nodes and e.target in nodes]
    if view == "actors":
        nodes = {k: n for k, n in nodes.items() if n.kind == "actor"}
        edges = [e for e in edges if e.rel in _ACTOR_RELATIONS]
    elif view == "events":
        edges = [e for e in edges if e.rel in _EVENT_ROLES]
        linked = {e.source for e in edges} | {e.target for e in edges}
        nodes = {k: n for k, n in nodes.items() if n.kind == "event" or k in linked}
    edges = [e for e in edges if e.source in nodes and e.target in nodes]
    shown = full.theatres
    if theatres:
        keys = _theatre_keys(full, theatres)
        shown = {t: lab for t, lab in full.theatres.items() if t in keys}
        nodes = {k: n for k, n in nodes.items() if _in(n.theatres, keys)}
        edges = [
            e for e in edges if _in(e.theatres, keys) and e.source in nodes and e.target in nodes
        ]

    focus_label = None
    if focus is not None:
        centre = resolve_actor(full, focus)
        focus_label = centre.label
        if centre.id not in nodes:
            raise InputError(
                f"--focus {focus!r}: {centre.label} is not in the {view} view with these "
                "filters; try --view full, or drop --as-of / --min-confidence"
            )
        near: dict[str, list[str]] = {}
        for e in edges:
            near.setdefault(e.source, []).append(e.target)
            near.setdefault(e.target, []).append(e.source)
        dist = {centre.id: 0}
        todo = deque([centre.id])
        while todo:
            cur = todo.popleft()
            if dist[cur] < depth:
                for nxt in near.get(cur, ()):
                    if nxt not in dist:
                        dist[nxt] = dist[cur] + 1
                        todo.append(nxt)
        nodes = {k: n for k, n in nodes.items() if k in dist}
        edges = [e for e in edges if e.source in dist and e.target in dist]

    return replace(
        full,
        nodes=[nodes[k] for k in sorted(nodes)],
        edges=edges,
        view=view,
        focus=focus_label,
        as_of=str(cut) if cut else None,
        min_confidence=min_confidence,
        theatres=dict(shown),
    )


#: The page's name of the facts no place ties to a theatre.
UNPLACED = "unplaced"


def _in(theatres: tuple[str, ...], keys: set[str]) -> bool:
    return bool(set(theatres) & keys) if theatres else UNPLACED in keys


def _theatre_keys(full: View, names: Sequence[str]) -> set[str]:
    by_label = {lab.casefold(): t for t, lab in full.theatres.items()}
    by_label[UNPLACED] = UNPLACED
    out = set()
    for name in names:
        key = by_label.get(name.strip().casefold())
        if key is None:
            have = ", ".join([*full.theatres.values(), UNPLACED])
            raise InputError(f"--theatre {name!r} names no theatre of the store: use one of {have}")
        out.add(key)
    return out
