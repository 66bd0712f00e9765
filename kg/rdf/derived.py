"""The derived graph: what the store concludes from all its articles together.

``graph/derived`` holds, for every attested fact, its combined confidence (the
:func:`noisy_or` of its attestations' confidences), its attestation count and whether every
attestation hedges it; and the theatres of facts and articles (:mod:`kg.rdf.theatres`). It
is recomputed whole by :func:`refresh_derived` at the end of every build.

Examples
--------
>>> round(noisy_or([0.5, 0.5]), 2)
0.75
>>> from kg.rdf.store import KGStore
>>> with KGStore(None) as st:
...     refresh_derived(st)
0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.rdf.graphfacts import GraphFacts
from kg.rdf.iri import DERIVED_GRAPH
from kg.rdf.namespace import CKG
from kg.rdf.theatres import theatre_triples
from kg.rdf.write import confidence_literal

if TYPE_CHECKING:
    from kg.rdf.store import KGStore

__all__ = ["noisy_or", "refresh_derived"]


def noisy_or(values: Iterable[float]) -> float:
    """The chance that at least one of independent pieces of evidence holds: ``1 - Π(1 - cᵢ)``.

    Each value is clamped to [0, 1] first; no value gives 0.

    >>> noisy_or([0.8]), noisy_or([]), round(noisy_or([0.6, 0.5, 2.0]), 2)
    (0.8, 0.0, 1.0)
    """
    miss = 1.0
    for v in values:
        miss *= 1.0 - min(max(v, 0.0), 1.0)
    return 1.0 - miss


def _attestations(facts: GraphFacts) -> dict[str, dict[str, tuple[float, bool]]]:
    """Fact IRI → attestation IRI → (confidence, hedged), from the rows ``facts`` gathered."""
    per_fact: dict[str, dict[str, tuple[float, bool]]] = {}
    for fact, att, conf, hedged in sorted(facts.rows["attestations"]):
        per_fact.setdefault(fact, {})[att] = (float(conf), hedged in ("true", "1"))
    return per_fact


def refresh_derived(store: KGStore, facts: GraphFacts | None = None) -> int:
    """Recompute ``graph/derived`` of ``store``; returns the number of attested facts.

    ``facts`` holds what a build gathered from the graphs it wrote; the store's other named
    graphs are read into it here (all of them when it is not given). A fact all of whose
    attestations are hedged is marked ``ckg:hedged true``.
    """
    if facts is None:
        facts = GraphFacts()
    facts.add_store_graphs(store)
    per_fact = _attestations(facts)
    triples: list[tuple[Node, Node, Node]] = []
    for iri, atts in per_fact.items():
        fact = URIRef(iri)
        confidence = noisy_or(c for c, _h in atts.values())
        triples.append((fact, CKG.confidence, confidence_literal(confidence)))
        triples.append((fact, CKG.attestationCount, Literal(len(atts))))
        triples.append((fact, CKG.hedged, Literal(all(h for _c, h in atts.values()))))
    triples += theatre_triples(facts)
    store.replace_graph(DERIVED_GRAPH, triples, bulk=True)
    return len(per_fact)
