"""SPARQL text: telling queries from updates, syntax errors, and binding values with VALUES.

Values are never formatted into a query as text. :func:`bind_values` adds a ``VALUES`` block
whose terms are serialised by rdflib (``Identifier.n3()``: quotes and backslashes escaped,
IRIs checked), at the start of the query's ``WHERE`` group, so every pattern and ``FILTER``
of the query sees the bound values. The same text runs on the embedded store and on any
SPARQL 1.1 endpoint, so both give the same rows.

Examples
--------
>>> from rdflib import Literal
>>> print(bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('x" } ; DROP ALL')}))
SELECT ?s WHERE { VALUES (?o) { ("x\\" } ; DROP ALL") }
 ?s ?p ?o }
>>> classify("DROP ALL").is_update
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pyparsing import ParseBaseException
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.rdf.namespace import PREFIXES

__all__ = [
    "Classified",
    "bind_values",
    "classify",
    "missing_prefixes",
    "term_n3",
    "valid_iri",
]

_IRI_CHARS = re.compile(r'^[^<>"{}|^`\\\x00-\x20]*$')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-.]*(?::[^\s{}()<>,;]*)?|:[^\s{}()<>,;]*)
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}


@dataclass(frozen=True)
class Classified:
    """What a SPARQL text is: an update, or a query of a given form."""

    is_update: bool
    form: str  # "SELECT" | "CONSTRUCT" | "DESCRIBE" | "ASK" | "UPDATE"


def classify(text: str, *, source: str = "query") -> Classified:
    """Parse ``text`` with rdflib's SPARQL 1.1 grammar, as a query and as an update.

    Parameters
    ----------
    text : str
        SPARQL query or update.
    source : str
        How to name the text in an error message (a file name, ``-e``).

    Raises
    ------
    QueryError
        When it is neither: the message gives the line and column of the error.
    """
    return _classify(text, source)


@functools.lru_cache(maxsize=256)
def _classify(text: str, source: str) -> Classified:
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except ParseBaseException as query_error:
        try:
            parseUpdate(text)
        except ParseBaseException as update_error:
            # report the parse that got further: that is where the author went wrong
            err = update_error if update_error.loc > query_error.loc else query_error
            raise QueryError(_syntax_message(text, err, source)) from None
        return Classified(True, "UPDATE")
    name = parsed[1].name  # SelectQuery, ConstructQuery, DescribeQuery, AskQuery
    return Classified(False, name.removesuffix("Query").upper())


def _syntax_message(text: str, err: ParseBaseException, source: str) -> str:
    line, col = err.lineno, err.col
    lines = text.splitlines() or [""]
    found = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    found = found if len(found) <= 60 else found[:57] + "..."
    what = str(err.msg).replace("\n", " ")
    return f"SPARQL syntax error in {source} at line {line}, column {col}: {what}" + (
        f" (in: {found})" if found else ""
    )


def valid_iri(value: str) -> bool:
    """True when ``value`` is an absolute IRI that is safe to write as ``<value>``.

    >>> valid_iri("https://w3id.org/conflict-kg/id/actor/iran"), valid_iri("x> } DROP ALL")
    (True, False)
    """
    return bool(_SCHEME.match(value)) and bool(_IRI_CHARS.match(value))


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def term_n3(term: Identifier) -> str:
    """A term in N-Triples syntax, a literal always on one line with escapes.

    >>> print(term_n3(Literal('say "hi"\\n', lang="en")))
    "say \\"hi\\"\\n"@en
    >>> print(term_n3(Literal(3)))
    "3"^^<http://www.w3.org/2001/XMLSchema#integer>

    Raises
    ------
    QueryError
        For a blank node, or an IRI that is not a valid absolute IRI.
    """
    if isinstance(term, URIRef):
        if not valid_iri(str(term)):
            raise QueryError(f"{str(term)!r} is not a valid absolute IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = "".join(_ESCAPES.get(c, c) for c in str(term))
        if term.language:
            return f'"{body}"@{term.language}'
        if term.datatype is not None:
            return f'"{body}"^^{term_n3(URIRef(term.datatype))}'
        return f'"{body}"'
    if isinstance(term, BNode):
        raise QueryError("blank nodes cannot be bound as values")
    raise QueryError(f"cannot write {term!r} as an RDF term")


def _term_n3(name: str, term: Identifier) -> str:
    try:
        return term_n3(term)
    except QueryError as e:
        raise QueryError(f"parameter {name!r}: {e}") from None


def _tokens(text: str) -> list[tuple[str, str, int]]:
    return [(m.lastgroup or "other", m.group(), m.start()) for m in _TOKEN.finditer(text)]


def _where_brace(text: str) -> int | None:
    """Index of the ``{`` opening the query's WHERE group (``None`` when there is none)."""
    toks = [t for t in _tokens(text) if t[0] not in ("comment",)]
    depth = 0
    form: str | None = None
    after_where = False
    for kind, value, pos in toks:
        if kind == "word" and depth == 0:
            upper = value.upper()
            if form is None and upper in _FORMS:
                form = upper
            elif upper == "WHERE":
                after_where = True
        elif kind == "open":
            if depth == 0 and form is not None and (after_where or form != "CONSTRUCT"):
                return pos
            depth += 1
        elif kind == "close":
            depth -= 1
    return None


def bind_values(text: str, values: Mapping[str, Identifier]) -> str:
    """``text`` with ``values`` bound by a ``VALUES`` block opening its WHERE group.

    Parameters
    ----------
    text : str
        A SPARQL query (not an update).
    values : mapping of str to rdflib term
        Variable name (without ``?``) → value. Empty: ``text`` is returned unchanged.

    Raises
    ------
    QueryError
        When a name is not a variable name, a value cannot be serialised safely, or the
        query has no WHERE group to bind into (``DESCRIBE <iri>``).
    """
    if not values:
        return text
    names = sorted(values)
    for name in names:
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise QueryError(
                f"parameter name {name!r} is not a SPARQL variable name "
                "(letters, digits and _, not starting with a digit)"
            )
    brace = _where_brace(text)
    if brace is None:
        raise QueryError(
            "parameters are bound in the query's WHERE clause, and this query has none"
        )
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(_term_n3(n, values[n]) for n in names)
    block = f" VALUES ({head}) {{ ({row}) }}\n"
    return text[: brace + 1] + block + text[brace + 1 :]


def missing_prefixes(text: str) -> str:
    """``PREFIX`` lines for the conflict-kg prefixes ``text`` uses without declaring.

    The embedded store knows these prefixes; an endpoint does not, so they are declared for it.

    >>> missing_prefixes("SELECT * { ?a ckg:backs ?b }")
    'PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\\n'
    """
    declared = {m[1] for m in re.finditer(r"(?i)\bPREFIX\s+([A-Za-z0-9_\-.]*):", text)}
    used: set[str] = set()
    for kind, value, _pos in _tokens(text):
        if kind == "word" and ":" in value:
            used.add(value.split(":", 1)[0])
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p in used - declared)
