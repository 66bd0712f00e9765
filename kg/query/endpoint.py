"""A SPARQL 1.1 protocol client over HTTP (``urllib`` only).

Queries are POSTed form-encoded; SELECT and ASK results are read as
``application/sparql-results+json``, CONSTRUCT and DESCRIBE results as N-Triples.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError

__all__ = ["endpoint_query", "endpoint_update", "parse_json_results"]

_UA = "conflict-kg (kg query)"


def _post(url: str, form: dict[str, str], accept: str, timeout: float | None) -> bytes:
    data = urllib.parse.urlencode(form).encode("utf-8")
    req = urllib.request.Request(
        url,
        data=data,
        headers={
            "Accept": accept,
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": _UA,
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body: bytes = resp.read()
            return body
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", "replace").strip().splitlines()
        first = detail[0][:200] if detail else ""
        raise QueryError(
            f"the endpoint {url} answered HTTP {e.code} {e.reason}"
            + (f": {first}" if first else "")
        ) from None
    except urllib.error.URLError as e:
        raise QueryError(
            f"cannot reach the SPARQL endpoint {url}: {e.reason}; check the URL and that "
            "the server is running"
        ) from None
    except (TimeoutError, OSError) as e:
        raise QueryError(f"the SPARQL endpoint {url} did not answer: {e}") from None


def _term(cell: dict[str, Any]) -> Identifier:
    kind = cell.get("type")
    value = cell.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in cell:
            return Literal(value, lang=cell["xml:lang"])
        if "datatype" in cell:
            return Literal(value, datatype=URIRef(cell["datatype"]))
        return Literal(value)
    raise QueryError(f"the endpoint returned a result term of unknown type {kind!r}")


def parse_json_results(
    body: bytes, url: str = "the endpoint"
) -> tuple[list[str], list[tuple[Identifier | None, ...]], bool | None]:
    """Read SPARQL 1.1 JSON results: ``(variables, rows, boolean)``.

    ``boolean`` is set for ASK results (and ``variables`` and ``rows`` are empty).

    >>> parse_json_results(b'{"head": {"vars": ["x"]}, "results": {"bindings": '
    ...                    b'[{"x": {"type": "literal", "value": "1"}}, {}]}}')
    (['x'], [(rdflib.term.Literal('1'),), (None,)], None)
    """
    try:
        doc = json.loads(body)
    except ValueError:
        raise QueryError(
            f"{url} did not return SPARQL JSON results (is it a SPARQL endpoint URL?)"
        ) from None
    if not isinstance(doc, dict):
        raise QueryError(f"{url} did not return SPARQL JSON results")
    if "boolean" in doc:
        return [], [], bool(doc["boolean"])
    names: list[str] = list(doc.get("head", {}).get("vars", []))
    rows = [
        tuple(_term(b[n]) if n in b else None for n in names)
        for b in doc.get("results", {}).get("bindings", [])
    ]
    return names, rows, None


def endpoint_query(
    url: str, text: str, *, graph_result: bool, timeout: float | None = 60.0
) -> tuple[list[str], list[tuple[Identifier | None, ...]], bool | None, Graph | None]:
    """Run a query on a SPARQL endpoint: ``(variables, rows, boolean, graph)``.

    Raises
    ------
    QueryError
        When the endpoint cannot be reached, refuses the query or answers something else
        than SPARQL results.
    """
    if graph_result:
        body = _post(url, {"query": text}, "application/n-triples", timeout)
        g = Graph()
        try:
            g.parse(data=body.decode("utf-8"), format="nt")
        except Exception as e:  # rdflib raises several parser errors
            raise QueryError(f"{url} returned a graph that is not N-Triples: {e}") from None
        return [], [], None, g
    body = _post(url, {"query": text}, "application/sparql-results+json", timeout)
    names, rows, boolean = parse_json_results(body, url)
    return names, rows, boolean, None


def endpoint_update(url: str, text: str, *, timeout: float | None = 60.0) -> None:
    """POST a SPARQL Update to ``url`` (the server's update endpoint)."""
    _post(url, {"update": text}, "*/*", timeout)
