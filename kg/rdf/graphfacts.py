"""What the end of a build reads from the named graphs, gathered as the graphs are written.

The derived graph (:mod:`kg.rdf.derived`) needs every fact's attestations and what theatres
are assigned from (:class:`~kg.rdf.theatres.TheatreInput`); the build's summary counts
articles, actors, places, relationships, events and attestations. :class:`GraphFacts` takes
each named graph's triples as they go by (a build's graph writer, ``kg load``'s shards) and
keeps just that, so the end of a build runs no query over the whole store: the SPARQL it
replaces took 9 s on a 1,000-article store, reading the same triples as they were written
takes a fraction of a second (docs/scaling.md). Graphs the build did not write (the
ontology, an ``--append`` build's earlier articles) are read from the store
(:meth:`GraphFacts.add_store_graphs`).

Triples are joined *within their graph*, as the ``GRAPH ?g { ... }`` patterns of a query
join, and kept as sets of rows (a row once, however many graphs give it): the ``rows`` of
each kind below, as plain strings (IRIs, and the lexical forms of literals).

Examples
--------
>>> from kg.rdf.namespace import CKG
>>> gf = GraphFacts()
>>> gf.add("urn:g", [("urn:syria", str(RDF_TYPE), str(CKG.Country)),
...                  ("urn:syria", str(RDF_TYPE), str(CKG.Place))])
>>> sorted(gf.rows["countries"]), gf.counts()["places"]
([('urn:syria',)], 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.rdf.iri import DERIVED_GRAPH
from kg.rdf.namespace import CKG, PROV

if TYPE_CHECKING:
    from kg.rdf.store import KGStore

__all__ = ["COUNTED", "PARTY_ROLES", "RDF_TYPE", "ROW_KINDS", "WANTED", "GraphFacts"]

RDF_TYPE = str(RDF.type)

#: Roles that name the parties of a fact (``territory`` and ``place`` are places).
PARTY_ROLES = (
    "agent",
    "target",
    "supporter",
    "sponsor",
    "client",
    "party",
    "member",
    "organization",
    "leader",
    "controller",
)

#: the classes the build's summary counts, by the name it gives them
COUNTED = {
    str(CKG.Article): "articles",
    str(CKG.Actor): "actors",
    str(CKG.Place): "places",
    str(CKG.Relationship): "relations",
    str(CKG.Event): "events",
    str(CKG.Attestation): "attestations",
}
_COUNTRY, _PLACE, _STATE, _EVENT = (str(c) for c in (CKG.Country, CKG.Place, CKG.State, CKG.Event))
_CLASSES = {*COUNTED, _COUNTRY, _STATE}

#: predicate IRI → what it is kept as (every other predicate is passed over)
WANTED: dict[str, str] = {
    RDF_TYPE: "type",
    str(CKG.country): "country",
    str(CKG.locatedIn): "locatedIn",
    str(RDFS.label): "label",
    str(SKOS.altLabel): "altLabel",
    str(CKG.mentionedIn): "mentionedIn",
    str(CKG.place): "place",
    str(CKG.edge): "edge",
    str(CKG.attestedBy): "attestedBy",
    str(PROV.wasDerivedFrom): "source",
    str(CKG.charStart): "start",
    str(CKG.charEnd): "end",
    str(CKG.quote): "quote",
    str(CKG.confidence): "confidence",
    str(CKG.hedged): "hedged",
    **{str(CKG[r]): "role" for r in (*PARTY_ROLES, "territory")},
}

#: the kinds of rows, and what one row of each is (as the query it replaces would select it)
ROW_KINDS = {
    "countries": "(place,) of class ckg:Country",
    "country_of": "(place or actor, its ckg:country)",
    "parents": "(place, a ckg:locatedIn of it)",
    "place_names": "(place, its rdfs:label or skos:altLabel)",
    "country_labels": "(country, its rdfs:label)",
    "article_places": "(place, an article it is ckg:mentionedIn)",
    "states": "(actor,) of class ckg:State",
    "events": "(event, its ckg:place, or '' when it has none in that graph)",
    "edges": "(relationship, its ckg:edge)",
    "roles": "(fact, role predicate, actor or place)",
    "spans": "(fact, attestation, article, charStart, charEnd, quote)",
    "attestations": "(fact, attestation, confidence, ckg:hedged or '')",
}


class GraphFacts:
    """The rows the end of a build reads (module docstring), from graphs given one at a time.

    Attributes
    ----------
    rows : dict of str to set of tuple of str
        One set per kind of :data:`ROW_KINDS`.
    graphs : set of str
        The graphs given so far.
    """

    def __init__(self) -> None:
        self.rows: dict[str, set[tuple[str, ...]]] = {k: set() for k in ROW_KINDS}
        self.graphs: set[str] = set()
        self._typed: dict[str, set[str]] = {c: set() for c in COUNTED}

    def add(self, graph: str, triples: Iterable[tuple[str, str, str]]) -> None:
        """Take the triples of one whole named graph ``graph`` (each graph once): subject,
        predicate and object as strings (an IRI, a literal's lexical form)."""
        self.graphs.add(graph)
        types: dict[str, set[str]] = {}
        got: dict[str, list[tuple[str, str]]] = {k: [] for k in set(WANTED.values())}
        roles = self.rows["roles"]
        for s, p, o in triples:
            key = WANTED.get(p)
            if key is None:
                continue
            if key == "type":
                if o in _CLASSES:
                    types.setdefault(s, set()).add(o)
            elif key == "role":
                roles.add((s, p, o))
            else:
                got[key].append((s, o))
        for s, classes in types.items():
            for c in classes & COUNTED.keys():
                self._typed[c].add(s)
        self._places(types, got)
        self._facts(types, got)

    def _places(self, types: dict[str, set[str]], got: dict[str, list[tuple[str, str]]]) -> None:
        rows = self.rows
        countries = {s for s, cs in types.items() if _COUNTRY in cs}
        places = {s for s, cs in types.items() if _PLACE in cs}
        rows["countries"].update((p,) for p in countries)
        rows["country_of"].update(got["country"])
        rows["parents"].update(got["locatedIn"])
        rows["place_names"].update(
            (p, n) for key in ("label", "altLabel") for p, n in got[key] if p in places
        )
        rows["country_labels"].update((p, n) for p, n in got["label"] if p in countries)
        rows["article_places"].update((p, a) for p, a in got["mentionedIn"] if p in places)
        rows["states"].update((s,) for s, cs in types.items() if _STATE in cs)

    def _facts(self, types: dict[str, set[str]], got: dict[str, list[tuple[str, str]]]) -> None:
        rows = self.rows
        placed: dict[str, list[str]] = {}
        for e, p in got["place"]:
            placed.setdefault(e, []).append(p)
        for e, cs in types.items():
            if _EVENT in cs:
                rows["events"].update((e, p) for p in placed.get(e, [""]))
        rows["edges"].update(got["edge"])
        of: dict[str, dict[str, list[str]]] = {}
        for key in ("source", "start", "end", "quote", "confidence", "hedged"):
            values = of[key] = {}
            for t, v in got[key]:
                values.setdefault(t, []).append(v)
        for f, t in got["attestedBy"]:
            confs, hedged = of["confidence"].get(t, ()), of["hedged"].get(t, [""])
            rows["attestations"].update((f, t, c, h) for c in confs for h in hedged)
            rows["spans"].update(
                (f, t, a, s, e, q)
                for a in of["source"].get(t, ())
                for s in of["start"].get(t, ())
                for e in of["end"].get(t, ())
                for q in of["quote"].get(t, ())
            )

    def add_terms(self, graph: str, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """:meth:`add` for rdflib triples (a build's, the curation graph's)."""
        self.add(graph, ((str(s), str(p), str(o)) for s, p, o in triples))

    def add_store_graphs(self, store: KGStore, skip: Iterable[object] = ()) -> None:
        """:meth:`add` every named graph of ``store`` not given yet, but those in ``skip`` (to
        be removed) and the derived graph (computed from the others): the ontology, the
        earlier articles an ``--append`` build keeps."""
        passed = self.graphs | {str(DERIVED_GRAPH)} | set(map(str, skip))
        for g in list(store.ox.named_graphs()):
            if g.value not in passed:
                quads = store.ox.quads_for_pattern(None, None, None, g)
                self.add(g.value, ((_value(s), p.value, _value(o)) for s, p, o, _g in quads))

    def counts(self) -> dict[str, int]:
        """How many subjects of each counted class (:data:`COUNTED`) the graphs hold, by the
        names :func:`kg.pipeline.build.store_counts` gives them."""
        return {name: len(self._typed[c]) for c, name in COUNTED.items()}


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return term.value if not isinstance(term, ox.Triple) else str(term)
