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
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from pyparsing import ParseBaseException
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.rdf.namespace import PREFIXES

__all__ = [
    "MAX_NESTING",
    "MAX_QUERY_CHARS",
    "Classified",
    "bind_values",
    "check_service",
    "classify",
    "missing_prefixes",
    "point_at",
    "term_n3",
    "unknown_prefix",
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
_UPDATE_WORDS = {
    *("INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"),
}


#: the longest SPARQL text accepted, in characters (the named queries are under 5,000)
MAX_QUERY_CHARS = 100_000
#: the deepest nesting of ``{ }``, ``( )`` and ``[ ]`` accepted (the named queries: under 10)
MAX_NESTING = 64


def check_size(text: str, source: str) -> None:
    """Refuse a text over :data:`MAX_QUERY_CHARS` or nested over :data:`MAX_NESTING` deep
    (parsers recurse on nesting: a 6 KB text 3,000 deep crashed them).

    Raises
    ------
    QueryError
        Saying which limit, and where the nesting gets too deep.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"refused: {source} is {len(text):,} characters long, over the {MAX_QUERY_CHARS:,} "
            "a query may have; shorten it (bind long value lists with --param or VALUES "
            "from a file)"
        )
    depth = 0
    for kind, value, pos in _tokens(text):
        if kind == "open" or (kind == "other" and value in "(["):
            depth += 1
            if depth > MAX_NESTING:
                raise QueryError(
                    f"refused: {source} nests brackets more than {MAX_NESTING} deep "
                    + point_at(text, pos, "this bracket is too deep; flatten the query")
                )
        elif kind == "close" or (kind == "other" and value in ")]"):
            depth -= 1


def check_service(text: str, allowed: bool, source: str) -> None:
    """Refuse a ``SERVICE`` clause (it makes the engine call other servers over the
    network) unless ``allowed`` (``--allow-service``).

    >>> check_service("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", True, "-e")
    >>> try:
    ...     check_service("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", False, "-e")
    ... except QueryError as e:
    ...     print(str(e).splitlines()[0][:45])
    refused: -e uses SERVICE at line 1, column 12
    """
    if allowed:
        return
    for kind, value, pos in _tokens(text):
        if kind == "word" and value.upper() == "SERVICE":
            raise QueryError(
                f"refused: {source} uses SERVICE "
                + point_at(
                    text,
                    pos,
                    "SERVICE calls another server over the network; pass --allow-service to let it",
                )
            )


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
        When it is neither: the message gives the line and column of the error; when it
        is over the size or nesting limits (:func:`check_size`).
    """
    check_size(text, source)
    try:
        return _classify(text, source)
    except RecursionError:
        raise QueryError(f"refused: {source} is nested too deep to be read") from None


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
    """One line saying what was expected where, then the offending line with a caret.

    rdflib's parser backtracks to the start of the query on most errors ("Expected
    SelectQuery"): unbalanced brackets and quotes and an unknown query form are found
    first; otherwise rdflib's position is kept and what may stand there is named.
    """
    found = _unbalanced(text) or _bad_form(text)
    if found is None:
        pos = err.loc
        what = _expected_here(text, pos)
    else:
        pos, what = found
    return f"SPARQL syntax error in {source} " + point_at(text, pos, what)


def point_at(text: str, pos: int, what: str) -> str:
    """``at line L, column C: WHAT`` and the line of ``text`` at ``pos`` with a caret under it.

    >>> print(point_at("SELECT *\\nWHERE { ?s ?p }", 18, "expected an object"))
    at line 2, column 10: expected an object
      WHERE { ?s ?p }
               ^
    """
    pos = max(0, min(pos, len(text)))
    line = text.count("\n", 0, pos) + 1
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    shown = text[start : len(text) if end < 0 else end].replace("\t", " ").rstrip("\r")
    col = pos - start
    if len(shown) > 100:  # a window around the column
        cut = max(0, col - 60)
        shown = ("..." if cut else "") + shown[cut : cut + 100]
        col = col - cut + (3 if cut else 0)
    return f"at line {line}, column {pos - start + 1}: {what}\n  {shown}\n  {' ' * col}^"


def _word_at(text: str, pos: int) -> str:
    m = re.compile(r"\s*(\S{1,30})").match(text, pos)
    return m.group(1) if m else ""


_CLOSERS = {"{": "}", "(": ")", "[": "]"}


def _unbalanced(text: str) -> tuple[int, str] | None:
    """An unclosed bracket or string, or a stray closing bracket."""
    stack: list[tuple[str, int]] = []
    for kind, value, pos in _tokens(text):
        if kind == "other" and value in "\"'":
            return pos, f"this string is never closed: add the closing {value}"
        if kind == "open" or (kind == "other" and value in "(["):
            stack.append((value, pos))
        elif kind == "close" or (kind == "other" and value in ")]"):
            if not stack or _CLOSERS[stack[-1][0]] != value:
                return pos, f"unexpected {value!r}" + (
                    f" (the {stack[-1][0]!r} at {_line_col(text, stack[-1][1])} is still open)"
                    if stack
                    else ", nothing is open here"
                )
            stack.pop()
    if stack:
        opener, pos = stack[-1]
        return len(text.rstrip()), (
            f"expected {_CLOSERS[opener]!r} to close the {opener!r} at {_line_col(text, pos)}"
        )
    return None


def _line_col(text: str, pos: int) -> str:
    return f"line {text.count(chr(10), 0, pos) + 1}, column {pos - text.rfind(chr(10), 0, pos)}"


_START_WORDS = {*_FORMS, "PREFIX", "BASE", *_UPDATE_WORDS}


def _bad_form(text: str) -> tuple[int, str] | None:
    """The first keyword, when it starts neither a query nor an update."""
    for kind, value, pos in _tokens(text):
        if kind in ("comment",) or value.isspace():
            continue
        if kind == "word" and value.upper() in _START_WORDS:
            return None
        if kind == "word":
            return pos, (
                f"expected SELECT, CONSTRUCT, ASK or DESCRIBE (or PREFIX), found {value!r}"
            )
        return None
    return 0, "the query is empty"


_IN_GROUP = (
    "a triple pattern",
    *("FILTER", "OPTIONAL", "BIND", "VALUES", "MINUS", "UNION", "GRAPH", "SERVICE"),
)
_AFTER_GROUP = (
    *("GROUP BY", "HAVING", "ORDER BY", "LIMIT", "OFFSET", "VALUES", "the end of the query"),
)


def _expected_here(text: str, pos: int) -> str:
    """What may stand at ``pos``, judged from where it is: inside a group, or after it.

    rdflib's parser gives the right place (the start of the clause it cannot read) but
    names a grammar rule ("Expected SelectQuery"); this names what the author may write.
    """
    depth, seen_group = 0, False
    for kind, _value, at in _tokens(text):
        if at >= pos:
            break
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            seen_group = seen_group or depth == 0
    word = _word_at(text, pos)
    keyword = re.match(r"[A-Za-z]+", word)
    if depth > 0:
        allowed: tuple[str, ...] = _IN_GROUP
    elif seen_group:
        allowed = _AFTER_GROUP
    else:
        allowed = ("variables", "*", "(expression AS ?var)", "WHERE", "'{'")
    first = next((v.upper() for k, v, _p in _tokens(text) if k == "word"), "")
    if first in _UPDATE_WORDS:
        return f"this SPARQL Update cannot be read from here; found {word or 'the end'!r}"
    if keyword and keyword[0].upper() in {a.split()[0] for a in allowed}:
        return f"this {keyword[0].upper()} cannot be read: check its brackets and operands"
    where = "the end of the query" if not word else repr(word)
    return f"expected {', '.join(allowed[:-1])} or {allowed[-1]}; found {where}"


def unknown_prefix(text: str, known: Collection[str], source: str) -> None:
    """Raise when ``text`` uses a prefix neither declared in it nor among ``known``.

    Raises
    ------
    QueryError
        Naming the prefix, where it is used, and the prefixes that are defined.

    Examples
    --------
    >>> unknown_prefix("SELECT * { ?a ckg:backs ?b }", {"ckg"}, "-e")
    >>> try:
    ...     unknown_prefix("SELECT * { ?a foo:backs ?b }", {"ckg", "id"}, "-e")
    ... except QueryError as e:
    ...     print(str(e).replace("; ", ";\\n"))
    SPARQL syntax error in -e at line 1, column 15: unknown prefix 'foo:';
    the defined prefixes are ckg, id (declare others with PREFIX foo: <...>)
      SELECT * { ?a foo:backs ?b }
                    ^
    """
    declared = {m[1] for m in re.finditer(r"(?i)\bPREFIX\s+([A-Za-z0-9_\-.]*):", text)}
    defined = set(known) | declared
    words = [(value, pos) for kind, value, pos in _tokens(text) if kind == "word"]
    for (before, _p), (value, pos) in zip([("", 0), *words], words, strict=False):
        if ":" not in value or value.startswith("_:") or before.upper() == "PREFIX":
            continue
        prefix = value.split(":", 1)[0]
        if prefix not in defined:
            ours = [p for p in PREFIXES if p in defined]
            names = ", ".join(ours + sorted(defined - set(ours)))
            raise QueryError(
                f"SPARQL syntax error in {source} "
                + point_at(
                    text,
                    pos,
                    f"unknown prefix '{prefix}:'; the defined prefixes are {names} "
                    f"(declare others with PREFIX {prefix}: <...>)",
                )
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
