"""Export the graph as standard RDF files, and push it into external triplestores.

- :mod:`kg.export.serialise`: ``kg export`` (sorted N-Triples / N-Quads, Turtle, TriG,
  RDF/XML, JSON-LD);
- :mod:`kg.export.push`: ``kg push`` (Graph Store Protocol or SPARQL Update, replace or append);
- :mod:`kg.export.profiles`: the URLs and limits of Oxigraph, Fuseki, Virtuoso, GraphDB;
- :mod:`kg.export.transport`: streamed request bodies and the retrying HTTP client.
"""

from __future__ import annotations

__all__: list[str] = []
