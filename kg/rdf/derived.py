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

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.rdf.iri import DERIVED_GRAPH
from kg.rdf.namespace import CKG, PREFIXES
from kg.rdf.theatres import theatre_triples
from kg.rdf.write import confidence_literal

if TYPE_CHECKING:
    from kg.rdf.store import KGStore

__all__ = ["noisy_or", "refresh_derived"]

_ATTESTATIONS = """
SELECT DISTINCT ?fact ?att ?conf ?hedged WHERE {
  GRAPH ?g {
    ?fact ckg:attestedBy ?att .
    ?att ckg:confidence ?conf .
    OPTIONAL { ?att ckg:hedged ?hedged }
  }
}"""


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


def _attestations(store: KGStore) -> dict[str, dict[str, tuple[float, bool]]]:
    """Fact IRI → attestation IRI → (confidence, hedged), from the article graphs."""
    # read the article graphs themselves (no need to bring the merged graph up to date),
    # streamed from Oxigraph as plain strings: a large store has ~10 attestations an article
    solutions = store.ox.query(_ATTESTATIONS, prefixes={k: str(v) for k, v in PREFIXES.items()})
    assert isinstance(solutions, ox.QuerySolutions)
    per_fact: dict[str, dict[str, tuple[float, bool]]] = {}
    for sol in solutions:
        fact, att, conf, hedged = sol["fact"], sol["att"], sol["conf"], sol["hedged"]
        if fact is None or att is None or conf is None:  # not optional in the pattern
            continue
        per_fact.setdefault(fact.value, {})[att.value] = (
            float(conf.value),
            hedged is not None and hedged.value in ("true", "1"),
        )
    return per_fact


def refresh_derived(store: KGStore) -> int:
    """Recompute ``graph/derived`` of ``store``; returns the number of attested facts.

    A fact all of whose attestations are hedged is marked ``ckg:hedged true``.
    """
    per_fact = _attestations(store)
    triples: list[tuple[Node, Node, Node]] = []
    for iri, atts in per_fact.items():
        fact = URIRef(iri)
        confidence = noisy_or(c for c, _h in atts.values())
        triples.append((fact, CKG.confidence, confidence_literal(confidence)))
        triples.append((fact, CKG.attestationCount, Literal(len(atts))))
        triples.append((fact, CKG.hedged, Literal(all(h for _c, h in atts.values()))))
    triples += theatre_triples(store)
    store.replace_graph(DERIVED_GRAPH, triples)
    return len(per_fact)
