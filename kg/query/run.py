"""Run named or ad-hoc SPARQL on the local store or on a SPARQL 1.1 endpoint.

Both targets get the same query text: parameter values are bound by a ``VALUES`` block
(:func:`kg.query.sparql.bind_values`), and actor and place labels are resolved to IRIs by a
query on the same target. So a named query gives the same rows on the embedded store and on
an endpoint loaded with the merged export.

Examples
--------
>>> from kg.rdf.store import KGStore
>>> with KGStore(None) as st:
...     st.ensure_ontology()
...     r = run_query("SELECT ?c WHERE { ?c rdfs:subClassOf ckg:ArmedGroup } ORDER BY ?c", st)
>>> [str(c).rsplit("#", 1)[1] for (c,) in r.rows]
['Militia', 'TerroristOrganization']
"""

from __future__ import annotations

import difflib
import itertools
import re
import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.model import FuzzyDate
from kg.query.catalog import LIST_SEPARATOR, PARAM_TYPES, NamedQuery, Param, parse_header
from kg.query.sparql import (
    bind_values,
    check_service,
    classify,
    missing_prefixes,
    unknown_prefix,
    valid_iri,
)
from kg.rdf.merge import MergeChange
from kg.rdf.namespace import CKG, CKG_NS, PREFIXES, local_name
from kg.rdf.store import KGStore

__all__ = [
    "QueryResult",
    "Target",
    "check_update",
    "param_lookup_key",
    "resolve_params",
    "run_query",
    "run_update",
]

Row = tuple[Identifier | None, ...]


@dataclass
class QueryResult:
    """The answer to a query.

    ``form`` is ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; SELECT fills ``vars`` and
    ``rows`` (``None`` for an unbound cell), ASK ``boolean``, CONSTRUCT and DESCRIBE ``graph``.
    ``more`` says that a row limit left rows out.
    """

    form: str
    vars: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    more: bool = False

    def dicts(self) -> list[dict[str, Identifier]]:
        """Rows as dicts of variable → value, unbound variables left out."""
        return [
            {v: t for v, t in zip(self.vars, row, strict=True) if t is not None}
            for row in self.rows
        ]


@dataclass
class Target:
    """Where queries run: an open local store, or the URL of a SPARQL endpoint.

    ``timeout`` is the seconds a query may take: on an endpoint, to each answer; on the
    local store, the whole query with its rows (``None``: no limit; a bare store passed to
    :func:`run_query` has none). ``allow_service`` lets ``SERVICE`` clauses through.
    """

    store: KGStore | None = None
    endpoint: str | None = None
    timeout: float | None = 60.0
    allow_service: bool = False

    def __post_init__(self) -> None:
        if (self.store is None) == (self.endpoint is None):
            raise QueryError("give either a store or an endpoint URL, not both or neither")
        if self.endpoint is not None and not re.match(r"^https?://", self.endpoint):
            raise QueryError(
                f"endpoint {self.endpoint!r} is not an http(s) URL: give the SPARQL query "
                "URL, e.g. http://127.0.0.1:7878/query"
            )

    def run(self, text: str, form: str, limit: int | None = None) -> QueryResult:
        """Run an already checked query text of the given form; at most ``limit`` rows."""
        if self.endpoint is not None:
            from kg.query.endpoint import endpoint_query

            graph_result = form in ("CONSTRUCT", "DESCRIBE")
            names, rows, boolean, graph = endpoint_query(
                self.endpoint,
                missing_prefixes(text) + text,
                graph_result=graph_result,
                timeout=self.timeout,
            )
            more = limit is not None and len(rows) > limit
            return QueryResult(form, names, rows[:limit], boolean, graph, more)
        if self.timeout is None:
            return self._local(text, form, limit)
        return _within(self.timeout, lambda: self._local(text, form, limit))

    def _local(self, text: str, form: str, limit: int | None) -> QueryResult:
        assert self.store is not None
        res = self.store.query(text)
        if res.type == "ASK":
            return QueryResult(form, boolean=bool(res.askAnswer))
        if res.type == "CONSTRUCT":
            return QueryResult(form, graph=res.graph)
        names = [str(v) for v in res.vars or []]
        # rows are read from Oxigraph as they come and converted one by one: with a limit,
        # the rows past it are never converted (one more is read, to know there are more).
        # rdflib keeps the lazy rows in _genbindings; iterating the Result itself would drop
        # rows with every variable unbound, and .bindings would convert them all first.
        lazy = getattr(res, "_genbindings", None)
        wanted = None if limit is None else limit + 1
        variables = res.vars or []
        rows = [
            tuple(_plain(b.get(v)) for v in variables)
            for b in itertools.islice(lazy if lazy is not None else res.bindings, wanted)
        ]
        more = limit is not None and len(rows) > limit
        return QueryResult(form, names, rows[:limit], more=more)


def _within(seconds: float, run: Callable[[], QueryResult]) -> QueryResult:
    """``run()``, or a QueryError once it has taken ``seconds``; Oxigraph releases Python's
    lock while it works, so the query goes on in a daemon thread, abandoned on time-out."""
    out: list[QueryResult] = []
    error: list[BaseException] = []

    def work() -> None:
        try:
            out.append(run())
        except BaseException as e:  # handed to the caller's thread
            error.append(e)

    thread = threading.Thread(target=work, name="kg-query", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise QueryError(
            f"the query was stopped after {seconds:g} s (--timeout); narrow it (more specific "
            "patterns, LIMIT) or allow it more time with --timeout SECONDS"
        )
    if error:
        raise error[0]
    return out[0]


def _plain(term: Identifier | None) -> Identifier | None:
    """``"x"^^xsd:string`` as the simple literal ``"x"`` (as endpoints return it)."""
    if isinstance(term, Literal) and term.datatype == XSD.string and not term.language:
        return Literal(str(term))
    return term


def param_lookup_key(text: str) -> str:
    """The key an entity parameter's value (``--param client=SDF``) and the graph's labels
    are compared by: no diacritics, case or punctuation differences.

    Apostrophes are removed; every other run of marks and spaces becomes one space, dots and
    hyphens included ("U.S." is "u s", "al-Zour" is "al zour"), and a leading "the" is
    dropped. It is the most lenient of the three foldings of a name because a person types
    the value and a loose match costs little (a value naming several entities is refused,
    listing them), whereas :func:`kg.quality.evaluate.gold.gold_match_key` decides a score
    (hyphens dropped, other marks kept) and the gazetteer's
    :func:`kg.extract.gazindex.normalise` finds names in text (dots kept, so "U.S." and "us"
    stay apart).

    >>> param_lookup_key("  Deir  al-Zour ") == param_lookup_key("deir al zour")
    True
    """
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"['’ʼʻ`]", "", t).casefold()
    t = re.sub(r"[^\w]+", " ", t)
    t = re.sub(r"^the ", "", t.strip())
    return t.strip()


_LABELS = (
    "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("ckg", "rdfs", "skos"))
    + """
SELECT DISTINCT ?entity ?label ?name WHERE {
  ?entity a ?kind ; rdfs:label ?label .
  FILTER NOT EXISTS { ?entity rdfs:label ?other FILTER(STR(?other) < STR(?label)) }
  { ?entity rdfs:label ?name } UNION { ?entity skos:altLabel ?name }
}
"""
)
# (?label is the entity's least label, found per entity rather than by grouping every label)


def _expand_iri(value: str) -> URIRef | None:
    """``<iri>``, an absolute IRI, or a prefixed name with a conflict-kg prefix."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    else:
        prefix, sep, local = v.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            v = PREFIXES[prefix] + local
    return URIRef(v) if valid_iri(v) and ":" in v else None


#: The class of each entity parameter type, and the command that lists its entities.
_ENTITY_KINDS = {
    "actor": (CKG.Actor, "kg query actors"),
    "place": (CKG.Place, "kg query places"),
    "theatre": (CKG.Theatre, "kg analyze theatres"),
}


def _resolve_entity(p: Param, value: str, target: Target, source: str) -> URIRef:
    kind, lister = _ENTITY_KINDS[p.type]
    rows = target.run(bind_values(_LABELS, {"kind": kind}), "SELECT").dicts()
    iri = _expand_iri(value)
    if iri is not None and (value.startswith("<") or "/" in value):
        if any(r["entity"] == iri for r in rows):
            return iri
        raise QueryError(
            f"parameter {p.name!r} of {source}: no {p.type} with IRI <{iri}> in the graph; "
            f"list them with '{lister}'"
        )
    want = param_lookup_key(value)
    names: dict[str, set[URIRef]] = {}
    labels: dict[URIRef, str] = {}
    for r in rows:
        ent = URIRef(r["entity"])
        names.setdefault(param_lookup_key(str(r["name"])), set()).add(ent)
        labels[ent] = str(r["label"])
    found = sorted(names.get(want, set()))
    if len(found) == 1:
        return found[0]
    if found:
        cands = "; ".join(f"{labels[e]} <{e}>" for e in found)
        raise QueryError(
            f"parameter {p.name!r} of {source}: {value!r} names {len(found)} {p.type}s: "
            f"{cands}. Give the IRI of the one you mean"
        )
    close = difflib.get_close_matches(want, list(names), n=5, cutoff=0.6)
    close += [n for n in names if want and f" {want} " in f" {n} "]
    shown = sorted({labels[e] for n in close for e in names[n]})[:8]
    hint = f"; close matches: {', '.join(shown)}" if shown else f"; list them with '{lister}'"
    raise QueryError(f"parameter {p.name!r} of {source}: no {p.type} named {value!r}{hint}")


def _convert(p: Param, value: str, target: Target, source: str) -> Identifier:
    where = f"parameter {p.name!r} of {source}"
    if p.type in _ENTITY_KINDS:
        return _resolve_entity(p, value, target, source)
    if p.type == "iri":
        iri = _expand_iri(value)
        if iri is None:
            raise QueryError(
                f"{where}: {value!r} is not an IRI; give <https://...>, an absolute IRI or a "
                f"prefixed name with one of the prefixes {', '.join(PREFIXES)}"
            )
        return iri
    if p.type == "date":
        try:
            from kg.rdf.write import date_literal

            return date_literal(FuzzyDate.parse(value))
        except ValueError:
            raise QueryError(
                f"{where}: {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
            ) from None
    if p.type == "integer":
        if not re.match(r"^[+-]?\d+$", value.strip()):
            raise QueryError(f"{where}: {value!r} is not an integer")
        return Literal(int(value), datatype=XSD.integer)
    if p.type == "type":
        iri = _expand_iri(value) if (":" in value) else URIRef(CKG_NS + value.strip())
        classes = _ckg_classes()
        if iri is None or iri not in classes:
            raise QueryError(
                f"{where}: {value!r} is not a conflict-kg class; use one of "
                + ", ".join(sorted(local_name(c) for c in classes))
            )
        return iri
    return Literal(value)


def _ckg_classes() -> set[URIRef]:
    from kg.model import ACTOR_CLASSES, EVENT_CLASSES, PLACE_CLASSES, RELATION_TYPES

    names = {"Actor", "Place", "Event", "Relationship", "Article", "Attestation"}
    names |= set(ACTOR_CLASSES) | set(PLACE_CLASSES) | set(EVENT_CLASSES)
    names |= {cls for cls, *_ in RELATION_TYPES.values()}
    return {URIRef(CKG_NS + n) for n in names}


def resolve_params(
    query: NamedQuery, given: Mapping[str, str], target: Target
) -> dict[str, Identifier]:
    """Typed values for a query's parameters, defaults applied, optional ones left out.

    A query without declared parameters (an ad-hoc ``-e`` query) accepts any name: a value
    written as ``<iri>`` or a known prefixed name binds an IRI, anything else a string.

    Raises
    ------
    QueryError
        On an unknown or missing parameter, a value of the wrong type, or a label that names
        no entity or several.
    """
    source = f"query {query.name!r}"
    out: dict[str, Identifier] = {}
    if not query.params:
        for name, text in given.items():
            iri = _expand_iri(text) if (text.startswith("<") or ":" in text) else None
            out[name] = iri if iri is not None else Literal(text)
        return out
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        raise QueryError(
            f"{source} has no parameter {unknown[0]!r}; its parameters are: "
            + ", ".join(p.signature() for p in query.params)
        )
    for p in query.params:
        value = given.get(p.name)
        if value is None:
            value = p.default
        if value is None:
            if p.required:
                raise QueryError(f"{source} needs --param {p.name}=VALUE ({PARAM_TYPES[p.type]})")
            continue
        out[p.name] = _convert(p, value, target, source)
    return out


def _as_query(query: str | NamedQuery, name: str) -> NamedQuery:
    return query if isinstance(query, NamedQuery) else parse_header(name, query)


def _target(where: KGStore | Target | str | Path) -> Target:
    if isinstance(where, Target):
        return where
    if isinstance(where, KGStore):
        return Target(store=where, timeout=None)
    raise QueryError(f"not a store or endpoint: {where!r}")


def run_query(
    query: str | NamedQuery,
    where: KGStore | Target,
    params: Mapping[str, str] | None = None,
    *,
    name: str = "-e",
    limit: int | None = None,
) -> QueryResult:
    """Check, bind and run a SPARQL query (never an update).

    Parameters
    ----------
    query : str or NamedQuery
        SPARQL text (its ``# param:`` header, if any, is honoured) or a named query.
    where : KGStore or Target
        The local store, or a :class:`Target` naming an endpoint.
    params : mapping of str to str, optional
        Parameter values as the user wrote them (labels, dates, IRIs).
    name : str
        How messages name a query given as text.
    limit : int, optional
        Keep at most this many rows of a SELECT (``result.more`` says whether there were
        more); on the local store the rows past it are not even converted.

    Raises
    ------
    QueryError
        On a syntax error (with line and column), an update, or a bad parameter.
    """
    nq = _as_query(query, name)
    target = _target(where)
    source = str(nq.path) if nq.path is not None else nq.name
    kind = classify(nq.text, source=source)
    if kind.is_update:
        raise _update_refused(source)
    check_service(nq.text, target.allow_service, source)
    if target.store is not None:  # an endpoint may know prefixes of its own
        unknown_prefix(nq.text, {p for p, _ns in target.store.dataset.namespaces() if p}, source)
    values = resolve_params(nq, params or {}, target)
    if limit is not None and limit < 0:
        raise QueryError(f"the row limit must be 0 or more, got {limit}")
    result = target.run(bind_values(nq.text, values), kind.form, limit)
    return _sort_lists(result, nq.lists)


def check_update(text: str, *, source: str, allow_update: bool) -> bool:
    """Whether ``text`` is a SPARQL Update, checked against ``allow_update`` (``--update``).

    Syntax errors are raised here too, before any store is opened.

    Raises
    ------
    QueryError
        On a syntax error, an update without ``allow_update``, or a query with it.

    Examples
    --------
    >>> check_update("SELECT * WHERE { ?s ?p ?o }", source="-e", allow_update=False)
    False
    >>> check_update("CLEAR ALL", source="-e", allow_update=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.QueryError: refused: -e is a SPARQL Update, which changes the store; ...
    """
    is_update = classify(text, source=source).is_update
    if is_update and not allow_update:
        raise _update_refused(source)
    if allow_update and not is_update:
        raise _not_an_update()
    return is_update


def _update_refused(source: str) -> QueryError:
    return QueryError(
        f"refused: {source} is a SPARQL Update, which changes the store; add --update to run it"
    )


def _not_an_update() -> QueryError:
    return QueryError("--update expects a SPARQL Update; this is a query: drop --update")


def _sort_lists(result: QueryResult, columns: tuple[str, ...]) -> QueryResult:
    """Sort the items of the ``# lists:`` columns (GROUP_CONCAT order is the engine's)."""
    idx = [i for i, v in enumerate(result.vars) if v in columns]
    if not idx:
        return result
    rows = []
    for row in result.rows:
        cells = list(row)
        for i in idx:
            t = cells[i]
            if isinstance(t, Literal) and LIST_SEPARATOR in str(t):
                items = LIST_SEPARATOR.join(sorted(str(t).split(LIST_SEPARATOR)))
                cells[i] = Literal(items, lang=t.language, datatype=t.datatype)
        rows.append(tuple(cells))
    result.rows = rows
    return result


def run_update(text: str, where: KGStore | Target) -> MergeChange | None:
    """Run a SPARQL Update (``kg query --update``).

    On the local store, the merged default graph is then brought back in line with the named
    graphs (:meth:`~kg.rdf.store.KGStore.update`: only what differs, in bounded batches; a
    triple written to the default graph that no named graph states is taken out again).

    Returns
    -------
    MergeChange or None
        What the update changed in the local store's merged default graph; None for an
        endpoint.

    Raises
    ------
    QueryError
        On a syntax error, or when ``text`` is a query rather than an update.
    """
    target = _target(where)
    kind = classify(text, source="-e")
    if not kind.is_update:
        raise _not_an_update()
    check_service(text, target.allow_service, "-e")
    if target.endpoint is not None:
        from kg.query.endpoint import endpoint_update

        endpoint_update(target.endpoint, missing_prefixes(text) + text, timeout=target.timeout)
        return None
    assert target.store is not None
    unknown_prefix(text, PREFIXES, "-e")
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    try:
        return target.store.update(prefixes + text)
    except (SyntaxError, ValueError, OSError) as e:
        raise QueryError(f"SPARQL update failed: {e}") from None
