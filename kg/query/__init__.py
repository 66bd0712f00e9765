"""SPARQL on the conflict graph: the named queries, parameters, endpoints, ``kg serve``.

- :mod:`kg.query.catalog`: ``queries/*.rq`` and their comment headers;
- :mod:`kg.query.sparql`: query or update, syntax errors, binding values with ``VALUES``;
- :mod:`kg.query.run`: running a query on the store or an endpoint, resolving labels;
- :mod:`kg.query.formats`: tables, Markdown, the W3C result formats, Turtle;
- :mod:`kg.query.endpoint`: the SPARQL 1.1 protocol client (urllib);
- :mod:`kg.query.serve`: a read-only SPARQL endpoint over the store.
"""

from __future__ import annotations

__all__: list[str] = []
