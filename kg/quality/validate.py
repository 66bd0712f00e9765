"""Check a store against the SHACL shapes (``ontology/shapes.ttl``) and the quote offsets.

SHACL runs (pyshacl) over the union of every named graph, with the ontology mixed in and no
inference: every instance carries its classes explicitly. The shapes' SHACL-SPARQL constraints
(the direct edge behind each qualified relationship) run natively on Oxigraph, which is many
times faster than pyshacl's rdflib query engine and gives the same findings. Two checks in
Python follow: each attestation's ``ckg:quote`` is exactly ``text[charStart:charEnd]`` of its
article, and no graph holds blank nodes. :func:`format_report` renders the findings grouped
by shape, with the label of each node at fault.

Examples
--------
>>> from kg.rdf.store import KGStore
>>> with KGStore(None) as st:
...     st.ensure_ontology()
...     validate_store(st).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.errors import ValidationError
from kg.rdf.iri import ONTOLOGY_GRAPH
from kg.rdf.namespace import CKG, PREFIXES, local_name, pasteable
from kg.rdf.store import KGStore, from_ox
from kg.resources import ontology_dir

__all__ = [
    "ValidationReport",
    "Violation",
    "check_blank_nodes",
    "check_quotes",
    "format_report",
    "literal_text",
    "load_shapes",
    "store_graphs",
    "validate_graph",
    "validate_store",
]

_SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_RANK = {"Violation": 0, "Warning": 1, "Info": 2}


class Violation(NamedTuple):
    """One finding: the node at fault, the property path, what is wrong, and how bad it is.

    ``severity`` is ``"Violation"``, ``"Warning"`` or ``"Info"``; ``value`` is the offending
    value when there is one; ``shape`` names the node shape that found it (``"ActorShape"``),
    or the Python check (``"QuoteCheck"``, ``"BlankNodeCheck"``).
    """

    focus: Node
    path: Node | None
    message: str
    severity: str
    value: Node | None = None
    shape: str = ""


@dataclass
class ValidationReport:
    """The outcome of :func:`validate_store`.

    ``conforms`` is False when any finding has severity ``"Violation"`` (warnings do not fail
    validation). ``violations`` are sorted by severity, focus node, path and message;
    ``labels`` maps the nodes they mention to their ``rdfs:label`` where the store has one.
    """

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    labels: dict[Node, str] = field(default_factory=dict)
    triples: int = 0

    @property
    def errors(self) -> list[Violation]:
        """The findings of severity ``"Violation"``."""
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        """The findings of severity ``"Warning"`` or ``"Info"``."""
        return [v for v in self.violations if v.severity != "Violation"]


@lru_cache(maxsize=4)
def _parse_shapes(path: str, mtime: float) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many parser-specific types
        raise ValidationError(f"cannot read the SHACL shapes {path}: {e}") from None
    return g


def load_shapes(path: Path | None = None) -> Graph:
    """The SHACL shapes graph (``ontology/shapes.ttl`` unless ``path`` is given).

    Raises
    ------
    ValidationError
        When the shapes file is missing or is not valid Turtle.

    Examples
    --------
    >>> from rdflib.namespace import SH
    >>> (None, SH.targetClass, CKG.Actor) in load_shapes()
    True
    """
    p = Path(path) if path is not None else ontology_dir() / "shapes.ttl"
    if not p.is_file():
        raise ValidationError(f"SHACL shapes file {p} not found: reinstall conflict-kg")
    return _parse_shapes(str(p), p.stat().st_mtime)


def store_graphs(store: KGStore) -> tuple[Graph, Graph]:
    """Two in-memory rdflib graphs: every non-ontology triple of the store, and the ontology.

    The union of the named graphs is a set: a label repeated by several article graphs
    becomes one triple.
    """
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    data, ont = Graph(), Graph()
    for prefix, ns in PREFIXES.items():
        data.bind(prefix, ns)
    for q in store.quads():  # the named graphs (the default graph is their derived merge)
        t = (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
        (ont if q.graph_name == onto else data).add(t)
    if len(ont) == 0:
        ont.parse(ontology_dir() / "conflict.ttl", format="turtle")
    return data, ont


def validate_graph(
    data: Graph, ont: Graph | None = None, shapes: Graph | None = None
) -> list[Violation]:
    """SHACL findings for ``data`` (with ``ont`` mixed in; ``data`` may be modified).

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from kg.rdf.namespace import ID
    >>> g = Graph()
    >>> _ = g.add((ID["actor/x"], RDF.type, CKG.Actor))
    >>> [v.message for v in validate_graph(g)]
    ['an actor needs exactly one canonical rdfs:label in English (@en)']
    """
    from pyshacl import validate

    shapes_g = shapes if shapes is not None else load_shapes()
    _conforms, results, _text = validate(
        data,
        shacl_graph=shapes_g,
        ont_graph=ont,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        inplace=True,
        advanced=False,
    )
    assert isinstance(results, Graph)
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        msgs = sorted(str(m) for m in results.objects(r, SH.resultMessage))
        sev_node = results.value(r, SH.resultSeverity)
        sev = _SEVERITY.get(sev_node, "Violation") if isinstance(sev_node, URIRef) else "Violation"
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        assert focus is not None
        shape = _node_shape(shapes_g, results.value(r, SH.sourceShape))
        msg = "; ".join(msgs) or "constraint violated"
        out.append(Violation(focus, path, msg, sev, value, shape))
    return out


def _node_shape(shapes: Graph, source: Node | None) -> str:
    """Local name of the node shape a result came from (a property shape's parent)."""
    if source is None:
        return ""
    if isinstance(source, BNode):
        parent = shapes.value(None, SH.property, source)
        if parent is None:
            return ""
        source = parent
    return local_name(source)


_QUOTES = """
SELECT ?att ?quote ?start ?end ?text WHERE {
  ?att a ckg:Attestation ;
       ckg:quote ?quote ; ckg:charStart ?start ; ckg:charEnd ?end ;
       prov:wasDerivedFrom ?article .
  ?article ckg:text ?text .
}"""


def check_quotes(store: KGStore) -> list[Violation]:
    """Attestations whose quote is not the article text between ``charStart`` and ``charEnd``.

    Offsets count Unicode code points, as Python's string indexing does.
    """
    out = []
    for row in store.select(_QUOTES):
        quote, text = str(row["quote"]), str(row["text"])
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            continue  # a malformed offset is reported by SHACL
        if not (0 <= start <= end <= len(text)):
            msg = f"quote offsets {start}..{end} fall outside the article text ({len(text)} chars)"
        elif text[start:end] != quote:
            got = text[start:end]
            if len(got) > 60:
                got = got[:57] + "..."
            msg = f"quote is not the article text at {start}..{end} (the text there is {got!r})"
        else:
            continue
        out.append(Violation(row["att"], CKG.quote, msg, "Violation", row["quote"], "QuoteCheck"))
    return out


class _SparqlConstraint(NamedTuple):
    shape: str
    target: URIRef
    query: str
    message: str
    severity: str


_SPLIT: dict[int, tuple[Graph, Graph, list[_SparqlConstraint]]] = {}


def _split_shapes(shapes: Graph) -> tuple[Graph, list[_SparqlConstraint]]:
    """The shapes without their SPARQL constraints, and those constraints.

    pyshacl runs SHACL-SPARQL through rdflib's query parser, which takes a second per
    validation; :func:`validate_store` runs the same queries natively on Oxigraph instead.
    Only node shapes with ``sh:targetClass`` and an ``sh:select`` projecting ``$this`` are
    supported this way (all of ``ontology/shapes.ttl``'s are).
    """
    cached = _SPLIT.get(id(shapes))
    if cached is not None and cached[0] is shapes:
        return cached[1], cached[2]
    core = Graph()
    drop: set[Node] = set()
    constraints = []
    for shape, c in sorted(shapes.subject_objects(SH.sparql)):
        drop.add(c)
        query = shapes.value(c, SH.select)
        message = shapes.value(c, SH.message)
        sev = shapes.value(c, SH.severity) or shapes.value(shape, SH.severity)
        name = _node_shape(shapes, shape)
        for target in sorted(shapes.objects(shape, SH.targetClass), key=str):
            if query is None or not isinstance(target, URIRef):
                raise ValidationError(
                    f"SHACL shape {name}: a SPARQL constraint needs sh:select and the shape "
                    "sh:targetClass; fix the shapes file"
                )
            constraints.append(
                _SparqlConstraint(
                    name,
                    target,
                    str(query),
                    str(message or "SPARQL constraint violated"),
                    _SEVERITY.get(sev, "Violation") if isinstance(sev, URIRef) else "Violation",
                )
            )
    for t in shapes:
        if t[0] not in drop and t[1] != SH.sparql:
            core.add(t)
    _SPLIT.clear()
    _SPLIT[id(shapes)] = (shapes, core, constraints)
    return core, constraints


def _check_sparql(store: KGStore, constraints: list[_SparqlConstraint]) -> list[Violation]:
    out = []
    for c in constraints:
        targets = {
            r["x"] for r in store.select("SELECT ?x ?cls WHERE { ?x a ?cls }", {"cls": c.target})
        }
        for row in store.select(c.query):
            focus = row.get("this")
            if focus is not None and focus in targets:
                out.append(Violation(focus, None, c.message, c.severity, None, c.shape))
    return out


def check_blank_nodes(store: KGStore) -> list[Violation]:
    """One finding per named graph holding blank nodes (the contract allows none).

    Examples
    --------
    >>> from rdflib import BNode
    >>> from kg.rdf.namespace import GRAPH
    >>> with KGStore(None) as st:
    ...     _ = st.replace_graph(GRAPH["demo"], [(BNode("b"), RDFS.label, Literal("x"))])
    ...     [v.message for v in check_blank_nodes(st)]
    ['1 triple(s) of this graph use blank nodes: every node must be an IRI minted by kg/rdf/iri.py']
    """
    counts: dict[Node, int] = {}
    for q in store.quads():  # the merged default graph repeats them: not counted twice
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            g = from_ox(q.graph_name)
            counts[g] = counts.get(g, 0) + 1
    return [
        Violation(
            g,
            None,
            f"{n} triple(s) of this graph use blank nodes: every node must be an IRI minted "
            "by kg/rdf/iri.py",
            "Violation",
            None,
            "BlankNodeCheck",
        )
        for g, n in sorted(counts.items())
    ]


def _labels(store: KGStore, nodes: set[Node]) -> dict[Node, str]:
    iris = sorted(n for n in nodes if isinstance(n, URIRef))
    if not iris:
        return {}
    out: dict[Node, str] = {}
    label = ox.NamedNode(str(RDFS.label))
    for iri in iris:
        for q in store.ox.quads_for_pattern(ox.NamedNode(str(iri)), label, None, None):
            if isinstance(q.object, ox.Literal):
                out.setdefault(iri, q.object.value)
    return out


def _sort_key(v: Violation) -> tuple[int, str, str, str, str, str]:
    return (
        _RANK.get(v.severity, 3),
        v.shape,
        str(v.focus),
        str(v.path or ""),
        v.message,
        str(v.value),
    )


def validate_store(store: KGStore, shapes: Path | None = None) -> ValidationReport:
    """Validate the whole store: SHACL shapes over the union of its graphs, then the quotes.

    Parameters
    ----------
    store : KGStore
        An open store.
    shapes : Path, optional
        Another shapes file (default ``ontology/shapes.ttl``).

    Returns
    -------
    ValidationReport
        ``conforms`` is False when there is at least one violation; warnings do not count.

    Examples
    --------
    >>> from rdflib.namespace import RDF
    >>> from kg.rdf.namespace import ID, GRAPH
    >>> with KGStore(None) as st:
    ...     _ = st.replace_graph(GRAPH["demo"], [(ID["event/e"], RDF.type, CKG.Event)])
    ...     rep = validate_store(st)
    >>> rep.conforms, len(rep.errors)
    (False, 2)
    """
    store.refresh_merged()  # writes made through ``store.ox`` are not seen otherwise
    data, ont = store_graphs(store)
    n = len(data)
    core, sparql = _split_shapes(load_shapes(shapes))
    found = set(validate_graph(data, ont, core))
    found.update(_check_sparql(store, sparql))
    found.update(check_quotes(store))
    found.update(check_blank_nodes(store))
    violations = sorted(found, key=_sort_key)
    nodes: set[Node] = {v.focus for v in violations} | {
        v.value for v in violations if v.value is not None
    }
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=violations,
        labels=_labels(store, nodes),
        triples=n,
    )


def literal_text(node: Node, limit: int = 60) -> str:
    """A short readable rendering of a value: strings quoted and cut, typed literals with
    their datatype, IRIs as they are.

    >>> literal_text(Literal(-3)), literal_text(Literal("3 Nov"))
    ('-3^^xsd:integer', "'3 Nov'")
    """
    if isinstance(node, Literal):
        s = str(node)
        if node.datatype is not None and node.datatype != XSD.string:
            return f"{s}^^{_short(node.datatype)}"
        return repr(s if len(s) <= limit else s[: limit - 3] + "...")
    return str(node)


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    return pasteable(str(node)) if isinstance(node, URIRef) else str(node)


def format_report(report: ValidationReport, fmt: str = "table") -> str:
    """Render a report: ``"table"`` (findings grouped by shape, with node labels; ``"text"``
    is another name for it) or ``"json"``.

    Raises
    ------
    ValidationError
        When ``fmt`` is neither ``"table"`` nor ``"json"``.

    Examples
    --------
    >>> from kg.rdf.namespace import ID
    >>> v = Violation(ID["actor/x"], RDFS.label, "needs a label", "Violation", None, "ActorShape")
    >>> print(format_report(ValidationReport(False, [v], {}, 7)))
    ActorShape: 1 violation(s), 0 warning(s)
      Violation  <https://w3id.org/conflict-kg/id/actor/x>  rdfs:label: needs a label
    FAILED: 1 violation(s), 0 warning(s) in 7 triples
    """
    if fmt == "json":
        import json

        return json.dumps(
            {
                "conforms": report.conforms,
                "triples": report.triples,
                "violations": len(report.errors),
                "warnings": len(report.warnings),
                "results": [
                    {
                        "severity": v.severity,
                        "shape": v.shape,
                        "focus": str(v.focus),
                        "label": report.labels.get(v.focus),
                        "path": str(v.path) if v.path is not None else None,
                        "value": str(v.value) if v.value is not None else None,
                        "message": v.message,
                    }
                    for v in report.violations
                ],
            },
            indent=2,
        )
    if fmt not in ("table", "text"):
        raise ValidationError(f"unknown report format {fmt!r}: use 'table' or 'json'")
    groups: dict[str, list[Violation]] = {}
    for v in sorted(report.violations, key=lambda v: (v.shape, _sort_key(v))):
        groups.setdefault(v.shape or "(other)", []).append(v)
    lines = []
    for shape, found in groups.items():
        n_err = sum(1 for v in found if v.severity == "Violation")
        lines.append(f"{shape}: {n_err} violation(s), {len(found) - n_err} warning(s)")
        for v in found:
            label = report.labels.get(v.focus)
            node = _short(v.focus) + (f" ({label!r})" if label else "")
            where = f"  {_short(v.path)}:" if v.path is not None else ""
            value = f" [value: {literal_text(v.value)}]" if v.value is not None else ""
            lines.append(f"  {v.severity:<9}  {node}{where} {v.message}{value}")
    verdict = "OK" if report.conforms else "FAILED"
    lines.append(
        f"{verdict}: {len(report.errors)} violation(s), {len(report.warnings)} warning(s) "
        f"in {report.triples} triples"
    )
    return "\n".join(lines)
