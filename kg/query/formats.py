"""Query results as text: a terminal table, Markdown, the W3C result formats, or Turtle.

``csv``, ``tsv``, ``json`` and ``xml`` are the W3C SPARQL 1.1 results formats (csv, json and
xml by rdflib's serialisers; tsv here, as rdflib has no TSV writer). ``table`` and ``md`` show
IRIs in a form that pastes back into a query (``ckg:backs``, ``<https://...>``) and literals
by their value. CONSTRUCT and DESCRIBE results are graphs
and are written as Turtle.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> r = QueryResult("SELECT", ["actor", "n"],
...                 [(URIRef("https://w3id.org/conflict-kg/id/actor/iran"), Literal(2))])
>>> print(format_result(r, "table"))
actor                                         n
--------------------------------------------  -
<https://w3id.org/conflict-kg/id/actor/iran>  2
>>> format_result(r, "tsv").splitlines()[1].split("\\t")[1]
'"2"^^<http://www.w3.org/2001/XMLSchema#integer>'
"""

from __future__ import annotations

from rdflib import BNode, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.query.run import QueryResult
from kg.query.sparql import term_n3
from kg.rdf.namespace import PREFIXES, pasteable

__all__ = ["FORMATS", "TABLE_LIMIT", "default_limit", "format_result", "short"]

#: Output formats of ``kg query --format``.
FORMATS = ("table", "csv", "tsv", "json", "xml", "md")
#: rows of a table on a terminal unless ``--limit`` or ``--all`` says otherwise
TABLE_LIMIT = 100


def default_limit(fmt: str, terminal: bool) -> int | None:
    """The row limit when neither ``--limit`` nor ``--all`` is given.

    >>> default_limit("table", True), default_limit("table", False), default_limit("csv", True)
    (100, None, None)
    """
    return TABLE_LIMIT if fmt == "table" and terminal else None


#: table cells of text longer than this are cut; IRIs never are, so that they paste back into
#: a query, nor is anything in the other formats
_CELL_MAX = 80


def short(term: Identifier | None) -> str:
    """A term as shown in tables: an IRI as :func:`~kg.rdf.namespace.pasteable`, a literal's value.

    >>> short(URIRef("https://w3id.org/conflict-kg/ontology#Capture"))
    'ckg:Capture'
    >>> short(None)
    ''
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return pasteable(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _CELL_MAX else text[: _CELL_MAX - 1] + "…"


def _table(r: QueryResult) -> str:
    cells = [[short(t) if isinstance(t, URIRef) else _cut(short(t)) for t in row] for row in r.rows]
    widths = [max([len(v)] + [len(row[i]) for row in cells]) for i, v in enumerate(r.vars)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(r.vars), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    return "\n".join(out)


def _md_cell(term: Identifier | None) -> str:
    text = " ".join(short(term).split())
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _markdown(r: QueryResult) -> str:
    out = ["| " + " | ".join(r.vars) + " |", "|" + "---|" * len(r.vars)]
    out += ["| " + " | ".join(_md_cell(t) for t in row) + " |" for row in r.rows]
    return "\n".join(out)


def _tsv(r: QueryResult) -> str:
    def term(t: Identifier | None) -> str:
        if t is None:
            return ""
        return f"_:{t}" if isinstance(t, BNode) else term_n3(t)

    out = ["\t".join(f"?{v}" for v in r.vars)]
    out += ["\t".join(term(t) for t in row) for row in r.rows]
    return "\n".join(out) + "\n"


def _w3c(r: QueryResult, fmt: str) -> str:
    res = Result(r.form if r.form in ("SELECT", "ASK") else "SELECT")
    if r.form == "ASK":
        res.askAnswer = bool(r.boolean)
    else:
        res.vars = [Variable(v) for v in r.vars]
        res.bindings = [
            {Variable(v): t for v, t in zip(r.vars, row, strict=True) if t is not None}
            for row in r.rows
        ]
    data = res.serialize(format=fmt, encoding="utf-8")
    assert data is not None
    text = data.decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def format_result(r: QueryResult, fmt: str = "table") -> str:
    """Render a result in ``fmt`` (one of :data:`FORMATS`).

    Raises
    ------
    QueryError
        For an unknown format, or a graph result asked for in a result-set format.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if r.graph is not None:
        if fmt not in ("table", "md"):
            raise QueryError(
                f"a {r.form} query returns a graph, written as Turtle; --format {fmt} is for "
                "SELECT and ASK results: leave --format out"
            )
        for prefix, ns in PREFIXES.items():
            r.graph.bind(prefix, ns, override=True)
        return r.graph.serialize(format="turtle")
    if r.form == "ASK":
        if fmt in ("json", "xml"):
            return _w3c(r, fmt)
        return "true" if r.boolean else "false"
    if fmt == "table":
        return _table(r)
    if fmt == "md":
        return _markdown(r)
    if fmt == "tsv":
        return _tsv(r)
    if fmt == "csv":
        return _w3c(r, "csv")
    return _w3c(r, fmt)
