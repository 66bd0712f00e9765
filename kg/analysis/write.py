"""Results back into the store (``graph/analysis``) and out to Gephi / Cytoscape files.

``kg analyze … --write`` stores every per-actor result, whatever analysis was asked for,
so the graph never mixes results of different runs:

- ``ckg:bloc`` (``xsd:integer``): bloc number of actors in a bloc (unaligned actors have none).
  Blocs are computed per theatre and numbered across theatres (the largest theatre's first),
  so an actor in blocs of two theatres (a sponsor of two wars) has two numbers;
- ``ckg:degreeCentrality``, ``ckg:betweenness``, ``ckg:pagerank`` (``xsd:decimal``, 6 places);
- ``ckg:community`` (``xsd:integer``): Louvain community of actors with a positive tie.

The graph is replaced as a whole on each run.

Examples
--------
>>> import networkx as nx
>>> from kg.analysis.project import ActorNetwork
>>> net = ActorNetwork(signed=nx.Graph([("https://e.org/a", "https://e.org/b", {"sign": 1})]))
>>> sorted(str(p).rsplit("#")[-1] for _s, p, _o in analysis_triples(net) if _s.endswith("/a"))
['betweenness', 'bloc', 'community', 'degreeCentrality', 'pagerank']
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import Element

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.analysis.balance import blocs
from kg.analysis.centrality import centrality
from kg.analysis.communities import communities
from kg.analysis.options import EXPORT_FORMATS
from kg.analysis.project import ActorNetwork
from kg.analysis.theatres import theatre_blocs
from kg.errors import ExportError
from kg.files import publish
from kg.model import Window
from kg.rdf.iri import ANALYSIS_GRAPH
from kg.rdf.namespace import CKG
from kg.rdf.read import GraphFacts
from kg.rdf.store import KGStore

__all__ = [
    "EXPORT_FORMATS",
    "analysis_triples",
    "export_graph",
    "export_network",
    "numbered_blocs",
    "write_analysis",
]


def _decimal(value: float) -> Literal:
    return Literal(Decimal(f"{value:.6f}"), datatype=XSD.decimal)


def analysis_triples(
    net: ActorNetwork, bloc_of: dict[str, set[int]] | None = None
) -> list[tuple[Node, Node, Node]]:
    """Per-actor results of blocs, centrality and communities as triples (sorted).

    ``bloc_of`` gives each actor's bloc numbers (default: the blocs of ``net`` as a whole).
    """
    g = net.signed
    if g.number_of_nodes() == 0:
        return []
    if bloc_of is None:
        bloc_of = {a: {b} for a, b in blocs(g).bloc_of().items()}
    community_of = communities(g).community_of()
    out: list[tuple[Node, Node, Node]] = []
    for s in centrality(g).scores:
        a = URIRef(s.actor.iri)
        out += [
            (a, CKG.degreeCentrality, _decimal(s.degree)),
            (a, CKG.betweenness, _decimal(s.betweenness)),
            (a, CKG.pagerank, _decimal(s.pagerank)),
        ]
        out += [(a, CKG.bloc, Literal(b)) for b in sorted(bloc_of.get(s.actor.iri, ()))]
        if s.actor.iri in community_of:
            out.append((a, CKG.community, Literal(community_of[s.actor.iri])))
    return sorted(out)


def numbered_blocs(
    facts: GraphFacts, window: Window | None = None, *, min_strength: float | None = None
) -> dict[str, set[int]]:
    """Actor → numbers of its blocs, per theatre, numbered across theatres from 1."""
    out: dict[str, set[int]] = {}
    n = 0
    for _t, r in theatre_blocs(facts, window, min_strength=min_strength):
        for b in r.blocs:
            for m in b.members:
                out.setdefault(m.iri, set()).add(n + b.id)
        n += len(r.blocs)
    return out


def write_analysis(
    store: KGStore,
    net: ActorNetwork,
    facts: GraphFacts | None = None,
    *,
    min_strength: float | None = None,
) -> int:
    """Replace ``graph/analysis`` in ``store`` with :func:`analysis_triples`; returns the count.

    With ``facts`` (as :func:`~kg.rdf.read.read_facts` read them), blocs are those of
    each theatre (:func:`numbered_blocs`); without, those of ``net`` as a whole.
    """
    bloc_of = (
        numbered_blocs(facts, net.window, min_strength=min_strength) if facts is not None else None
    )
    triples = analysis_triples(net, bloc_of)
    # marked unfinished while written: a write stopped halfway is refused by readers and
    # finished by the next build (the merge then repaired), as a stopped build is
    store.begin_build()
    count = store.replace_graph(ANALYSIS_GRAPH, triples)
    store.commit_build()
    return count


def export_network(net: ActorNetwork) -> nx.Graph:
    """The signed actor graph with flat attributes GraphML and GEXF accept.

    Nodes: ``label``, ``classes`` (``;``-joined), ``bloc`` and ``community`` (0: none),
    ``degree``, ``betweenness``, ``pagerank``. Edges: ``sign``, ``weight``, ``relations``
    (roles, ``;``-joined) and ``facts`` (fact IRIs, ``;``-joined).
    """
    g = net.signed
    out = nx.Graph()
    if g.number_of_nodes() == 0:
        return out
    bloc_of = blocs(g).bloc_of()
    community_of = communities(g).community_of()
    for s in sorted(centrality(g).scores, key=lambda s: s.actor.iri):
        out.add_node(
            s.actor.iri,
            label=s.actor.label,
            classes=";".join(g.nodes[s.actor.iri].get("classes", ())),
            bloc=bloc_of.get(s.actor.iri, 0),
            community=community_of.get(s.actor.iri, 0),
            degree=s.degree,
            betweenness=s.betweenness,
            pagerank=s.pagerank,
        )
    for u, v, d in sorted((min(u, v), max(u, v), d) for u, v, d in g.edges(data=True)):
        ties = d.get("ties", [])
        out.add_edge(
            u,
            v,
            sign=int(d.get("sign", 1)),
            weight=float(d.get("weight", 1.0)),
            relations=";".join(sorted({t.role for t in ties})),
            facts=";".join(sorted({t.fact.iri for t in ties})),
        )
    return out


def export_graph(net: ActorNetwork, path: Path | str, fmt: str = "graphml") -> Path:
    """Write :func:`export_network` to ``path`` as GraphML or GEXF, atomically.

    The GEXF header carries no modification date, so the same graph gives the same bytes.

    Raises
    ------
    ExportError
        On an unknown format or a folder that cannot be written.
    """
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    path = Path(path)
    g = export_network(net)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            if fmt == "graphml":
                nx.write_graphml(g, fh, encoding="utf-8")
            else:
                writer = GEXFWriter(encoding="utf-8", prettyprint=True)
                meta = writer.xml.find("meta")
                if isinstance(meta, Element):
                    meta.attrib.pop("lastmodifieddate", None)
                writer.add_graph(g)
                writer.write(fh)
        publish(tmp, path)
    except OSError as e:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise ExportError(
            f"cannot write {path}: {e.strerror or e}; give a file in an existing, writable folder"
        ) from None
    return path
