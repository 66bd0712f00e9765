"""The derived graph: what the store concludes from all its articles together.

``graph/derived`` holds, for every attested fact, its combined confidence (the
:func:`noisy_or` of its attestations' confidences), its attestation count and whether every
attestation hedges it; and the theatres of facts and articles (:mod:`kg.rdf.theatres`). It
is recomputed whole at the end of every build (:func:`derived_statements`, from what the
build gathered as it wrote the graphs: :mod:`kg.rdf.graphfacts`); :func:`refresh_derived`
recomputes it from the store alone.

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

from rdflib import XSD

from kg.rdf.graphfacts import GraphFacts
from kg.rdf.iri import DERIVED_GRAPH
from kg.rdf.namespace import CKG
from kg.rdf.theatres import theatre_statements
from kg.rdf.write import confidence_literal

if TYPE_CHECKING:
    from kg.rdf.store import KGStore

__all__ = ["derived_statements", "noisy_or", "refresh_derived"]

_DECIMAL, _INTEGER, _BOOLEAN = (f'"{{}}"^^<{t}>' for t in (XSD.decimal, XSD.integer, XSD.boolean))


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


def derived_statements(facts: GraphFacts) -> list[str]:
    """The content of ``graph/derived`` for the graphs ``facts`` gathered, as N-Triples lines
    without the final `` .`` (what :meth:`KGStore.replace_graph_statements
    <kg.rdf.store.KGStore.replace_graph_statements>` writes).

    A fact all of whose attestations are hedged is marked ``ckg:hedged true``.
    """
    confidence, count, hedged = (
        f"<{p}>" for p in (CKG.confidence, CKG.attestationCount, CKG.hedged)
    )
    out: list[str] = []
    for iri, atts in _attestations(facts).items():
        value = noisy_or(c for c, _h in atts.values())
        every = "true" if all(h for _c, h in atts.values()) else "false"
        out += [
            f"<{iri}> {confidence} {_DECIMAL.format(confidence_literal(value))}",
            f"<{iri}> {count} {_INTEGER.format(len(atts))}",
            f"<{iri}> {hedged} {_BOOLEAN.format(every)}",
        ]
    return out + theatre_statements(facts)


def refresh_derived(store: KGStore, facts: GraphFacts | None = None) -> int:
    """Recompute ``graph/derived`` of ``store``; returns the number of statements written.

    ``facts`` holds what a build gathered from the graphs it wrote; the store's other named
    graphs are read into it here (all of them when it is not given).
    """
    if facts is None:
        facts = GraphFacts()
    facts.add_store_graphs(store)
    return store.replace_graph_statements(DERIVED_GRAPH, derived_statements(facts))
