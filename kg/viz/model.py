"""The view model: the nodes and edges one page shows, built from what the store holds.

A :class:`View` holds plain values: nodes (actors, places, events) and edges (relationships,
event roles, place containment), each with the attestations that state it and the articles
those come from. :func:`read_view` builds it from the tables :func:`kg.rdf.read.read_tables`
reads (SPARQL only, the reader analysis shares); :func:`select_view` narrows it to a
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

from kg.errors import InputError
from kg.model import RELATION_TYPES, FuzzyDate, Window
from kg.rdf.namespace import local_name
from kg.rdf.read import ArticleInfo, Attestation, Tables, read_tables
from kg.rdf.store import KGStore
from kg.viz.camps import Camps

__all__ = [
    "VIEWS",
    "ArticleInfo",
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
    articles: dict[str, ArticleInfo]
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


def _day(value: str) -> date | None:
    try:
        return FuzzyDate.parse(value[:10]).to_date()
    except ValueError:
        return None


def _first(values: Iterable[str]) -> str | None:
    days = sorted((d, v) for v in values if (d := _day(v)) is not None)
    return days[0][1] if days else None


def _theatres(t: Tables, x: str) -> tuple[str, ...]:
    """Theatres of a fact (``ckg:theatre``) or of a place (``ckg:covers``)."""
    return tuple(sorted(t.theatre_of.get(x, set()) | t.covered_by.get(x, set())))


def _when(t: Tables, fact: str, own: Iterable[str]) -> str | None:
    """A fact's first date: its own, else the earliest of the articles stating it."""
    seen = [
        d
        for a in t.attested.get(fact, ())
        if (art := t.attestations[a].article) in t.articles
        and art is not None
        and (d := t.articles[art].published)
    ]
    return _first(own) or _first(seen)


def _node(t: Tables, e: str, kind: str) -> Node:
    own = sorted(t.dates.get((e, "date"), ()), key=lambda d: (_day(d) or date.max, d))
    arts = tuple(sorted(t.mentions.get(e, ())))
    art_dates = [t.articles[a].published or "" for a in arts if a in t.articles]
    bloc, pr = t.analysis.get(e, (None, None))
    label = t.labels.get(e, local_name(e))
    return Node(
        e,
        label,
        kind,
        tuple(sorted(t.classes.get(e, ()))),
        tuple(sorted(t.aliases.get(e, set()) - {label}, key=str.casefold)),
        bloc,
        pr,
        tuple(own),
        _when(t, e, own) if kind == "event" else _first(art_dates),
        arts,
        tuple(sorted(t.attested.get(e, ()))),
        t.derived.get(e, (None, 0, False))[0],
        tuple(sorted(t.figures.get(e, {}).items())),
        _theatres(t, e),
    )


def _relation_edges(t: Tables) -> dict[str, Edge]:
    """Relationships between two entities, drawn in the direction their direct edge is
    stated (a symmetric one stated both ways: from the lesser IRI)."""
    edges: dict[str, Edge] = {}
    for r in t.relations:
        ways = [(r.subject, r.object)] if r.forward else []
        if r.backward and RELATION_TYPES[r.type][3]:
            ways.append((r.object, r.subject))
        for s, o in ways:
            if r.iri in edges or s == o or t.kind(s) is None or t.kind(o) is None:
                continue
            start = _first(t.dates.get((r.iri, "startDate"), ()))
            end_dates = t.dates.get((r.iri, "endDate"), ())
            end = max(end_dates, key=lambda d: _day(d) or date.min) if end_dates else None
            derived = t.derived.get(r.iri)
            conf, count = derived[:2] if derived else (None, len(t.attested.get(r.iri, ())))
            edges[r.iri] = Edge(
                r.iri,
                s,
                o,
                r.type,
                r.label,
                tuple(sorted(t.attested.get(r.iri, ()))),
                conf,
                count,
                start,
                end,
                _when(t, r.iri, [start] if start else []),
                _theatres(t, r.iri),
            )
    return edges


def _role_edges(t: Tables, event_when: dict[str, str | None]) -> dict[str, Edge]:
    """Event → agent, target, supporter and place."""
    edges: dict[str, Edge] = {}
    for ev, roles in t.roles.items():
        conf, count = t.derived.get(ev, (None, 0, False))[:2]
        for role, x in roles:
            if t.kind(x) is None:
                continue
            eid = f"{ev}#{role}-{x}"
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
                theatres=_theatres(t, ev),
            )
    return edges


def _located_edges(t: Tables) -> dict[str, Edge]:
    """Place → the places containing it."""
    edges: dict[str, Edge] = {}
    for p, parents in t.parents.items():
        for q in parents:
            if q != p and t.kind(q) == "place":
                eid = f"{p}#locatedIn-{q}"
                edges[eid] = Edge(eid, p, q, "locatedIn", "located in", theatres=_theatres(t, p))
    return edges


def read_view(store: KGStore) -> View:
    """Read every node and edge of the ``full`` view from ``store`` (:mod:`kg.rdf.read`).

    Parameters
    ----------
    store : KGStore
        An open store (read-only is enough).

    Returns
    -------
    View
        Nodes and edges sorted by id; narrow it with :func:`select_view`.
    """
    t = read_tables(store, page=True)
    nodes = [_node(t, e, kind) for e in sorted(t.kinds) if (kind := t.kind(e))]
    event_when = {n.id: n.when for n in nodes if n.kind == "event"}
    edges = {**_relation_edges(t), **_role_edges(t, event_when), **_located_edges(t)}
    edge_list = [edges[k] for k in sorted(edges)]
    return View(
        nodes=_actor_theatres(nodes, edge_list),
        edges=edge_list,
        articles=t.articles,
        attestations=dict(sorted(t.attestations.items())),
        n_articles=len(t.articles),
        view="full",
        has_analysis=bool(t.analysis),
        theatres=_by_size(t.theatre_labels, edge_list),
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
    cut = Window.parse(as_of=as_of).as_of if as_of is not None else None
    nodes, edges = _kept(full, view, cut, min_confidence)
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
        near = _within(centre.id, edges, depth)
        nodes = {k: n for k, n in nodes.items() if k in near}
        edges = [e for e in edges if e.source in near and e.target in near]
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


def _kept(
    full: View, view: str, cut: FuzzyDate | None, min_confidence: float | None
) -> tuple[dict[str, Node], list[Edge]]:
    """The nodes and edges of one kind of view, by date and confidence."""

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
    return nodes, [e for e in edges if e.source in nodes and e.target in nodes]


def _within(centre: str, edges: list[Edge], depth: int) -> set[str]:
    """The nodes at most ``depth`` edges from ``centre`` (either direction)."""
    near: dict[str, list[str]] = {}
    for e in edges:
        near.setdefault(e.source, []).append(e.target)
        near.setdefault(e.target, []).append(e.source)
    dist = {centre: 0}
    todo = deque([centre])
    while todo:
        cur = todo.popleft()
        if dist[cur] < depth:
            for nxt in near.get(cur, ()):
                if nxt not in dist:
                    dist[nxt] = dist[cur] + 1
                    todo.append(nxt)
    return set(dist)


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
