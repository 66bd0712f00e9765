"""What a store holds, counted: articles, entities by class, facts by type, provenance.

:func:`store_stats` is what ``kg stats`` runs; :func:`format_stats` renders the result as an
aligned text table or as JSON. Every count comes from one SPARQL query over the union of the
store's graphs, so the numbers are those any consumer of the graph sees.

An actor, place or event carrying several classes (articles may disagree on what a thing is)
is counted under each of its specific classes; the totals count each node once.

Examples
--------
>>> from kg.rdf.store import KGStore
>>> with KGStore(None) as st:
...     st.ensure_ontology()
...     s = store_stats(st)
>>> s.articles, s.actors_total, s.graphs["ontology"] > 0
(0, 0, True)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from rdflib import URIRef

from kg.errors import InputError
from kg.rdf.namespace import CKG, GRAPH, local_name
from kg.rdf.store import KGStore

__all__ = ["StoreStats", "format_stats", "store_stats"]


@dataclass
class StoreStats:
    """Counts of what a store holds.

    ``actors``, ``places`` and ``events`` map a ckg class local name (``"ArmedGroup"``) to the
    number of nodes of that class; ``relations`` maps a direct-edge name (``"backs"``) to the
    number of qualified relationship nodes; ``graphs`` maps a named graph (relative to
    ``https://w3id.org/conflict-kg/graph/``) to its number of triples.
    """

    articles: int = 0
    undated_articles: int = 0
    actors_total: int = 0
    actors: dict[str, int] = field(default_factory=dict)
    places_total: int = 0
    places: dict[str, int] = field(default_factory=dict)
    relations_total: int = 0
    relations: dict[str, int] = field(default_factory=dict)
    events_total: int = 0
    events: dict[str, int] = field(default_factory=dict)
    attestations: int = 0
    hedged_facts: int = 0
    undated_events: int = 0
    triples: int = 0
    graphs: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (keys as the field names)."""
        return asdict(self)


_COUNT = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { %s }"

_BY_CLASS = """
SELECT ?top ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?top { ckg:Actor ckg:Place ckg:Event }
  ?x a ?top , ?cls .
  FILTER(?cls != ?top && STRSTARTS(STR(?cls), STR(ckg:)))
} GROUP BY ?top ?cls"""

_RELATIONS = """
SELECT ?edge (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?r a ckg:Relationship ; ckg:edge ?edge .
} GROUP BY ?edge"""

_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _count(store: KGStore, pattern: str) -> int:
    rows = store.select(_COUNT % pattern)
    return int(rows[0]["n"]) if rows else 0


def _by_class(store: KGStore) -> dict[URIRef, dict[str, int]]:
    out: dict[URIRef, dict[str, int]] = {CKG.Actor: {}, CKG.Place: {}, CKG.Event: {}}
    for r in store.select(_BY_CLASS):
        out[r["top"]][local_name(r["cls"])] = int(r["n"])
    return {k: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for k, v in out.items()}


def store_stats(store: KGStore) -> StoreStats:
    """Count what ``store`` holds.

    Parameters
    ----------
    store : KGStore
        An open store, read-only or not: the merged default graph is counted, and the size of
        every named graph.

    Returns
    -------
    StoreStats
        Counts; classes and types sorted by descending count, then name.
    """
    s = StoreStats()
    s.articles = _count(store, "?x a ckg:Article")
    s.undated_articles = _count(store, "?x a ckg:Article ; ckg:dateKnown false")
    s.actors_total = _count(store, "?x a ckg:Actor")
    by_class = _by_class(store)
    s.actors = by_class[CKG.Actor]
    s.places_total = _count(store, "?x a ckg:Place")
    s.places = by_class[CKG.Place]
    s.events_total = _count(store, "?x a ckg:Event")
    s.events = by_class[CKG.Event]
    s.relations_total = _count(store, "?x a ckg:Relationship")
    rel = {local_name(r["edge"]): int(r["n"]) for r in store.select(_RELATIONS)}
    s.relations = dict(sorted(rel.items(), key=lambda kv: (-kv[1], kv[0])))
    s.attestations = _count(store, "?x a ckg:Attestation")
    s.hedged_facts = _count(store, "?x ckg:attestedBy ?a ; ckg:hedged true")
    s.undated_events = _count(store, "?x a ckg:Event FILTER NOT EXISTS { ?x ckg:date ?d }")
    graphs = {}
    for r in store.select(_GRAPHS):
        name = str(r["g"])
        graphs[name.removeprefix(str(GRAPH))] = int(r["n"])
    s.graphs = dict(sorted(graphs.items()))
    s.triples = len(store)
    return s


def _rows(title: str, total: int, parts: dict[str, int]) -> list[tuple[str, str]]:
    rows = [(title, str(total))]
    rows += [("  " + k, str(v)) for k, v in parts.items()]
    return rows


def format_stats(stats: StoreStats, fmt: str = "table") -> str:
    """Render ``stats`` as an aligned two-column table (``"table"``, or ``"text"``) or ``"json"``.

    Per-article graphs are summed into one ``article/* (N graphs)`` row of the text table;
    the JSON lists every graph.

    Raises
    ------
    InputError
        When ``fmt`` is neither ``"table"`` nor ``"json"``.

    Examples
    --------
    >>> print(format_stats(StoreStats(articles=2, actors_total=1, actors={"State": 1})))
    articles                2
      without a known date  0
    actors                  1
      State                 1
    places                  0
    relationships           0
    events                  0
      undated               0
    attestations            0
    hedged facts            0
    triples                 0
    """
    if fmt == "json":
        return json.dumps(stats.to_dict(), indent=2, sort_keys=True)
    if fmt not in ("table", "text"):
        raise InputError(f"unknown stats format {fmt!r}: use 'table' or 'json'")
    rows = [
        ("articles", str(stats.articles)),
        ("  without a known date", str(stats.undated_articles)),
    ]
    rows += _rows("actors", stats.actors_total, stats.actors)
    rows += _rows("places", stats.places_total, stats.places)
    rows += _rows("relationships", stats.relations_total, stats.relations)
    rows += _rows("events", stats.events_total, stats.events)
    rows += [("  undated", str(stats.undated_events))]
    rows += [("attestations", str(stats.attestations)), ("hedged facts", str(stats.hedged_facts))]
    rows += [("triples", str(stats.triples))]
    articles = {k: v for k, v in stats.graphs.items() if k.startswith("article/")}
    if articles:
        rows.append((f"  article/* ({len(articles)} graphs)", str(sum(articles.values()))))
    rows += [("  " + k, str(v)) for k, v in stats.graphs.items() if k not in articles]
    width = max(len(k) for k, _ in rows) + 2
    return "\n".join(f"{k:<{width}}{v:>{max(len(v) for _, v in rows)}}" for k, v in rows)
