"""``kg validate``: SHACL shapes, quote offsets and blank nodes, on good and broken stores."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import handmade_articles, write_articles
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.cli import cli
from kg.errors import ValidationError
from kg.quality.validate import (
    ValidationReport,
    Violation,
    format_report,
    load_shapes,
    validate_store,
)
from kg.rdf.namespace import CKG, GRAPH, ID, PROV
from kg.rdf.store import KGStore, to_ox

TEST_GRAPH = GRAPH["test"]


def _one(st: KGStore, sparql: str) -> URIRef:
    rows = st.select(sparql + " ORDER BY ?x LIMIT 1")
    assert rows, sparql
    return rows[0]["x"]


def _remove(st: KGStore, s: URIRef, p: URIRef) -> None:
    for q in list(st.ox.quads_for_pattern(to_ox(s), to_ox(p), None, None)):
        st.ox.remove(q)


def _add(st: KGStore, *triples: tuple[object, object, object]) -> None:
    st.ox.extend(
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(TEST_GRAPH))  # type: ignore[arg-type]
        for s, p, o in triples
    )


def _event(st: KGStore) -> URIRef:
    return _one(st, "SELECT ?x WHERE { ?x a ckg:Event }")


def _attestation(st: KGStore) -> URIRef:
    return _one(st, "SELECT ?x WHERE { ?x a ckg:Attestation }")


def _actor(st: KGStore) -> URIRef:
    return _one(st, "SELECT ?x WHERE { ?x a ckg:Actor }")


def _second_label(st: KGStore) -> None:
    _add(st, (_actor(st), RDFS.label, Literal("Another name", lang="en")))


def _no_attestation(st: KGStore) -> None:
    _remove(st, _event(st), CKG.attestedBy)


def _string_date(st: KGStore) -> None:
    ev = _event(st)
    _remove(st, ev, CKG.date)
    _add(st, (ev, CKG.date, Literal("3 November")))


def _confidence_above_one(st: KGStore) -> None:
    att = _attestation(st)
    _remove(st, att, CKG.confidence)
    _add(st, (att, CKG.confidence, Literal(Decimal("1.5"))))


def _negative_count(st: KGStore) -> None:
    _add(st, (_event(st), CKG.killed, Literal(-3)))


def _no_quote(st: KGStore) -> None:
    _remove(st, _attestation(st), CKG.quote)


def _derived_from_actor(st: KGStore) -> None:
    att = _attestation(st)
    _remove(st, att, PROV.wasDerivedFrom)
    _add(st, (att, PROV.wasDerivedFrom, _actor(st)))


def _blank_node(st: KGStore) -> None:
    _add(st, (_event(st), CKG.place, BNode("somewhere")))


def _foreign_iri(st: KGStore) -> None:
    x = URIRef("http://example.org/some-group")
    _add(st, (x, RDF.type, CKG.Actor), (x, RDF.type, CKG.ArmedGroup))
    _add(st, (x, RDFS.label, Literal("Some group", lang="en")))


def _shifted_offsets(st: KGStore) -> None:
    att = _attestation(st)
    start = next(st.ox.quads_for_pattern(to_ox(att), to_ox(CKG.charStart), None, None))
    st.ox.remove(start)
    _add(st, (att, CKG.charStart, Literal(int(start.object.value) + 1)))  # type: ignore[union-attr]


def _missing_direct_edge(st: KGStore) -> None:
    rel = _one(st, "SELECT ?x WHERE { ?x a ckg:Sponsorship }")
    sponsor = st.select("SELECT ?r ?s ?c WHERE { ?r ckg:sponsor ?s ; ckg:client ?c }", {"r": rel})
    s, c = sponsor[0]["s"], sponsor[0]["c"]
    for q in list(st.ox.quads_for_pattern(to_ox(s), to_ox(CKG.backs), to_ox(c), None)):
        st.ox.remove(q)


def _article_without_text(st: KGStore) -> None:
    _remove(st, _one(st, "SELECT ?x WHERE { ?x a ckg:Article }"), CKG.text)


# (name, corruption, shape expected in the report, words of the expected message)
BREAKAGES: list[tuple[str, Callable[[KGStore], None], str, str]] = [
    ("two labels", _second_label, "ActorShape", "exactly one canonical rdfs:label"),
    ("no attestation", _no_attestation, "EventShape", "at least one ckg:attestedBy"),
    ("string date", _string_date, "EventShape", "ckg:date must be typed xsd:date"),
    ("confidence", _confidence_above_one, "AttestationShape", "xsd:decimal between 0 and 1"),
    ("negative count", _negative_count, "EventShape", "ckg:killed must be an xsd:integer >= 0"),
    ("no quote", _no_quote, "AttestationShape", "exactly one non-empty ckg:quote"),
    ("not an article", _derived_from_actor, "AttestationShape", "prov:wasDerivedFrom"),
    ("blank node", _blank_node, "BlankNodeCheck", "use blank nodes"),
    ("foreign IRI", _foreign_iri, "ActorIRIShape", "id/actor/{slug}"),
    ("offsets", _shifted_offsets, "QuoteCheck", "quote is not the article text at"),
    ("direct edge", _missing_direct_edge, "SponsorshipShape", "'sponsor ckg:backs client'"),
    ("article text", _article_without_text, "ArticleShape", "exactly one ckg:text"),
]


@pytest.fixture
def fresh() -> Iterator[KGStore]:
    st = KGStore(None)
    write_articles(st, handmade_articles())
    yield st
    st.close()


@pytest.fixture(scope="module")
def good_report() -> ValidationReport:
    with KGStore(None) as st:
        write_articles(st, handmade_articles())
        return validate_store(st)


def test_handmade_store_conforms(good_report: ValidationReport) -> None:
    assert good_report.conforms
    assert good_report.violations == []
    assert good_report.triples > 0


@pytest.mark.parametrize(
    ("breakage", "shape", "words"),
    [pytest.param(b, s, w, id=name) for name, b, s, w in BREAKAGES],
)
def test_breakage_found(
    fresh: KGStore, breakage: Callable[[KGStore], None], shape: str, words: str
) -> None:
    breakage(fresh)
    report = validate_store(fresh)
    assert not report.conforms
    found = [v for v in report.errors if v.shape == shape and words in v.message]
    assert found, [(v.shape, v.message) for v in report.violations]


def test_warning_does_not_fail(fresh: KGStore) -> None:
    rel = _one(fresh, "SELECT ?x WHERE { ?x a ckg:Leadership }")
    org = ID["actor/some-council"]
    _add(
        fresh,
        (org, RDF.type, CKG.Actor),
        (org, RDF.type, CKG.Government),
        (org, RDFS.label, Literal("Some council", lang="en")),
        (org, CKG.leads, _one(fresh, "SELECT ?x WHERE { ?x a ckg:Government }")),
    )
    _remove(fresh, rel, CKG.leader)
    _add(fresh, (rel, CKG.leader, org))
    report = validate_store(fresh)
    # the direct edge from the real leader is still there; only the class is doubtful
    assert report.conforms, [(v.shape, v.message) for v in report.errors]
    assert [v.message for v in report.warnings] == [
        "the ckg:leader of a leadership is expected to be a ckg:Person"
    ]


def test_labels_of_focus_nodes(fresh: KGStore) -> None:
    _no_attestation(fresh)
    report = validate_store(fresh)
    ev = _event(fresh)
    label = fresh.select("SELECT ?ev ?l WHERE { ?ev rdfs:label ?l }", {"ev": ev})[0]["l"]
    assert report.labels[ev] == str(label)


def test_text_report_grouped_by_shape(fresh: KGStore) -> None:
    _no_quote(fresh)
    _negative_count(fresh)
    text = format_report(validate_store(fresh))
    lines = text.splitlines()
    headers = [line for line in lines if not line.startswith(" ")]
    assert headers[:-1] == sorted(headers[:-1])
    assert "AttestationShape: 1 violation(s), 0 warning(s)" in headers
    assert "EventShape: 1 violation(s), 0 warning(s)" in headers
    assert lines[-1].startswith("FAILED: 2 violation(s), 0 warning(s) in ")
    assert any(
        "ckg:killed: ckg:killed must be" in line and "[value: -3^^xsd:integer]" in line
        for line in lines
    )


def test_json_report(fresh: KGStore) -> None:
    _no_quote(fresh)
    data = json.loads(format_report(validate_store(fresh), "json"))
    assert data["conforms"] is False
    assert data["violations"] == 1
    (result,) = data["results"]
    assert result["shape"] == "AttestationShape"
    assert result["path"] == str(CKG.quote)


def test_ok_report(good_report: ValidationReport) -> None:
    assert format_report(good_report) == (
        f"OK: 0 violation(s), 0 warning(s) in {good_report.triples} triples"
    )


def test_unknown_format(good_report: ValidationReport) -> None:
    with pytest.raises(ValidationError, match="unknown report format 'xml'"):
        format_report(good_report, "xml")


def test_sort_is_deterministic() -> None:
    a = Violation(ID["event/a"], None, "m", "Warning", None, "EventShape")
    b = Violation(ID["event/b"], None, "m", "Violation", None, "ActorShape")
    text = format_report(ValidationReport(False, [a, b], {}, 3))
    assert text.splitlines()[0].startswith("ActorShape")


def test_missing_shapes_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"SHACL shapes file .* not found"):
        load_shapes(tmp_path / "none.ttl")


def test_broken_shapes_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y", encoding="utf-8")
    with pytest.raises(ValidationError, match=f"cannot read the SHACL shapes {bad}"):
        load_shapes(bad)


def test_cli_ok(handmade_store_path: Path) -> None:
    res = CliRunner().invoke(cli, ["validate", "--store", str(handmade_store_path)])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("OK: 0 violation(s), 0 warning(s) in ")


def test_cli_violations(handmade_store_path: Path) -> None:
    with KGStore(handmade_store_path) as st:
        _no_quote(st)
    res = CliRunner().invoke(
        cli, ["validate", "--store", str(handmade_store_path), "--format", "json"]
    )
    assert res.exit_code == 1
    assert json.loads(res.output)["violations"] == 1


def test_cli_missing_store(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["validate", "--store", str(tmp_path / "none")])
    assert res.exit_code == 1
    assert res.output == (
        f"Error: no conflict-kg store at {tmp_path / 'none'}: build one first with "
        f"'kg build ARTICLES --store {tmp_path / 'none'}', or pass --store DIR\n"
    )


def test_seed_store_conforms(seed_store_path: Path) -> None:
    with KGStore(seed_store_path, read_only=True) as st:
        report = validate_store(st)
    assert report.conforms, format_report(report)
    assert report.triples > 0


def test_typed_literals_kept(fresh: KGStore) -> None:
    """A well-typed date of every precision passes."""
    ev = _event(fresh)
    _add(
        fresh,
        (ev, CKG.date, Literal("2017", datatype=XSD.gYear)),
        (ev, CKG.date, Literal("2017-10", datatype=XSD.gYearMonth)),
    )
    assert validate_store(fresh).conforms


def test_native_sparql_constraints_agree_with_pyshacl(fresh: KGStore) -> None:
    """validate_store runs the shapes' SPARQL constraints on Oxigraph; pyshacl agrees."""
    from kg.quality.validate import store_graphs, validate_graph

    _missing_direct_edge(fresh)
    native = {(v.focus, v.message) for v in validate_store(fresh).errors}
    data, ont = store_graphs(fresh)
    by_pyshacl = {(v.focus, v.message) for v in validate_graph(data, ont)}
    assert native == by_pyshacl
    assert len(native) == 1


def test_two_event_labels_warn(fresh: KGStore) -> None:
    _add(fresh, (_event(fresh), RDFS.label, Literal("Another label", lang="en")))
    report = validate_store(fresh)
    assert report.conforms
    assert [(v.shape, v.severity) for v in report.violations] == [("EventShape", "Warning")]
