"""``kg export``: every format re-parses into the same graph; N-Quads are sorted and stable."""

from __future__ import annotations

import gzip
import io
import os
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS, copy_store, handmade_articles, write_articles
from rdflib import Dataset, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.term import Node

from kg.cli import cli
from kg.errors import ExportError
from kg.export import serialise
from kg.export.serialise import FORMATS, layout_for, sorted_lines, write_export
from kg.rdf.iri import ONTOLOGY_GRAPH
from kg.rdf.store import KGStore
from kg.rdf.store import from_ox as store_from_ox
from kg.resources import queries_dir

_OX = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_RDFLIB = {
    "nt": "nt",
    "nq": "nquads",
    "ttl": "turtle",
    "trig": "trig",
    "rdfxml": "xml",
    "jsonld": "json-ld",
}
CASES = [
    (f, g)
    for f in FORMATS
    for g in ("merged", "per-article")
    if g == "merged" or FORMATS[f].dataset
]


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_ox(term: Any) -> Node:
    """A pyoxigraph term as rdflib reads it from a file (xsd:string as a plain literal)."""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value == _XSD_STRING:
        return Literal(term.value)
    return store_from_ox(term)


@pytest.fixture(scope="module")
def store() -> KGStore:
    st = KGStore(None)
    write_articles(st, handmade_articles())
    return st


def expected(st: KGStore, layout: str, include_ontology: bool = True) -> dict[str | None, Graph]:
    """The store's content read straight from Oxigraph, graph name → rdflib graph."""
    out: dict[str | None, Graph] = {}
    for q in st.quads():
        if not include_ontology and q.graph_name == ox.NamedNode(str(ONTOLOGY_GRAPH)):
            continue
        name = (
            None
            if layout == "merged" or isinstance(q.graph_name, ox.DefaultGraph)
            else q.graph_name.value
        )
        out.setdefault(name, Graph()).add(
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
        )
    return out


def by_graph_ox(data: bytes, fmt: str, layout: str) -> dict[str | None, Graph]:
    out: dict[str | None, Graph] = {}
    for q in ox.parse(data, format=_OX[fmt]):
        g = getattr(q, "graph_name", ox.DefaultGraph())
        name = None if isinstance(g, ox.DefaultGraph) else g.value
        out.setdefault(name, Graph()).add(
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
        )
    return out


def by_graph_rdflib(data: bytes, fmt: str) -> dict[str | None, Graph]:
    ds = Dataset()
    ds.parse(data=data, format=_RDFLIB[fmt])
    out: dict[str | None, Graph] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = (
            None
            if g is None or g == ds.default_context.identifier or str(g) == "urn:x-rdflib:default"
            else str(g)
        )
        out.setdefault(name, Graph()).add((s, p, o))
    return out


def assert_same(got: dict[str | None, Graph], want: dict[str | None, Graph]) -> None:
    assert sorted(map(str, got)) == sorted(map(str, want))
    for name, g in want.items():
        if not isomorphic(got[name], g):
            _, only_got, only_want = graph_diff(to_isomorphic(got[name]), to_isomorphic(g))
            pytest.fail(
                f"graph {name}: extra {sorted(only_got)[:5]}; missing {sorted(only_want)[:5]}"
            )


@pytest.mark.parametrize(("fmt", "layout"), CASES)
def test_every_format_reparses_isomorphic_with_both_parsers(store, fmt, layout) -> None:
    out = io.BytesIO()
    report = write_export(store, out, fmt, graphs=layout)
    data = out.getvalue()
    want = expected(store, layout)
    assert report.statements == sum(len(g) for g in want.values())
    assert_same(by_graph_ox(data, fmt, layout), want)
    assert_same(by_graph_rdflib(data, fmt), want)


@pytest.mark.parametrize(("fmt", "layout"), [("nt", "merged"), ("nq", "per-article")])
def test_lines_are_sorted_unique_and_blank_node_free(store, fmt, layout) -> None:
    out = io.BytesIO()
    write_export(store, out, fmt, graphs=layout)
    lines = out.getvalue().splitlines()
    assert lines == sorted(set(lines))
    assert not any(b"_:" in line.split(b'"')[0] for line in lines)


def test_small_runs_spill_to_disk_and_give_the_same_bytes(store) -> None:
    whole = b"".join(sorted_lines(store, graphs="per-article"))
    runs = b"".join(sorted_lines(store, graphs="per-article", run_lines=37))
    assert runs == whole


def test_merged_removes_duplicates_across_graphs(store) -> None:
    quads = list(store.quads())
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    assert len(triples) < len(quads)  # the articles share actor and place nodes
    assert sum(1 for _ in sorted_lines(store, graphs="merged")) == len(triples)


def test_same_facts_written_in_another_order_export_byte_identical(store) -> None:
    other = KGStore(None)
    write_articles(other, list(reversed(handmade_articles())))
    for fmt in ("nq", "ttl", "trig", "jsonld"):
        a, b = io.BytesIO(), io.BytesIO()
        write_export(store, a, fmt)
        write_export(other, b, fmt)
        assert a.getvalue() == b.getvalue(), fmt


@pytest.mark.parametrize(("include", "present"), [(True, True), (False, False)])
def test_ontology_included_unless_asked(store, include, present) -> None:
    out = io.BytesIO()
    write_export(store, out, "nq", include_ontology=include)
    assert (f"<{ONTOLOGY_GRAPH}> .".encode() in out.getvalue()) is present
    assert_same(
        by_graph_ox(out.getvalue(), "nq", "per-article"), expected(store, "per-article", include)
    )


def _cell(text: str) -> str:
    """A cell with its GROUP_CONCAT parts (separator " | ") sorted: SPARQL leaves their order
    to the engine."""
    return " | ".join(sorted(text.split(" | ")))


def _rows(result: object) -> list[tuple[str, ...]]:
    assert isinstance(result, ox.QuerySolutions)
    return sorted(
        tuple(_cell("" if v is None else str(v.value if hasattr(v, "value") else v)) for v in row)
        for row in result
    )


def test_named_queries_answer_the_same_on_the_merged_export(store) -> None:
    out = io.BytesIO()
    write_export(store, out, "nt")
    plain = ox.Store()
    plain.load(out.getvalue(), format=ox.RdfFormat.N_TRIPLES)
    files = sorted(queries_dir().glob("*.rq"))
    assert files, f"no named queries in {queries_dir()}"
    for path in files:
        text = path.read_text(encoding="utf-8")
        local = store.ox_query(text)
        there = plain.query(text)
        assert _rows(there) == _rows(local), path.name


def test_subclass_query_needs_the_ontology_in_the_merged_export(store) -> None:
    query = (
        "SELECT ?a WHERE { ?a a ?c . ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>"
        "* <https://w3id.org/conflict-kg/ontology#ArmedGroup> }"
    )
    found = {}
    for include in (True, False):
        out = io.BytesIO()
        write_export(store, out, "nt", include_ontology=include)
        plain = ox.Store()
        plain.load(out.getvalue(), format=ox.RdfFormat.N_TRIPLES)
        rows = plain.query(query)
        assert isinstance(rows, ox.QuerySolutions)
        found[include] = {str(r["a"]) for r in rows}
    assert "<https://w3id.org/conflict-kg/id/actor/islamic-state>" in found[True]
    assert found[False] < found[True]


def test_gzip_file_is_deterministic_and_holds_the_plain_bytes(store, tmp_path) -> None:
    plain = io.BytesIO()
    write_export(store, plain, "nq")
    a, b = tmp_path / "a.nq.gz", tmp_path / "b.nq.gz"
    write_export(store, a, "nq", gzip_output=True)
    write_export(store, b, "nq", gzip_output=True)
    assert a.read_bytes() == b.read_bytes()
    assert gzip.decompress(a.read_bytes()) == plain.getvalue()


def test_failed_export_leaves_the_old_file_and_no_temp(store, tmp_path, monkeypatch) -> None:
    target = tmp_path / "graph.nq"
    target.write_bytes(b"old\n")

    def broken(st, out, *a, **k):
        out.write(b"<half> ")
        raise ExportError("disk full")

    monkeypatch.setattr(serialise, "export_store", broken)
    with pytest.raises(ExportError, match="disk full"):
        write_export(store, target, "nq")
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq"]


@pytest.mark.parametrize(
    ("fmt", "graphs", "message"),
    [
        (
            "ttl",
            "per-article",
            "Turtle holds a single graph, so --graphs per-article is not "
            "possible: use --format trig or nq to keep the named graphs, or --graphs merged",
        ),
        (
            "rdfxml",
            "per-article",
            "RDF/XML holds a single graph, so --graphs per-article is "
            "not possible: use --format trig or nq to keep the named graphs, or --graphs merged",
        ),
        ("xml", None, "unknown export format 'xml': use one of nt, nq, ttl, trig, rdfxml, jsonld"),
    ],
)
def test_layout_errors(fmt, graphs, message) -> None:
    with pytest.raises(ExportError) as e:
        layout_for(fmt, graphs)
    assert str(e.value) == message


# -- CLI -----------------------------------------------------------------------------------------


def test_cli_export_to_stdout_is_sorted_nquads(store_path) -> None:
    res = CliRunner().invoke(cli, ["export", "--store", str(store_path)])
    assert res.exit_code == 0, res.output
    lines = res.stdout_bytes.splitlines()
    assert lines
    assert lines == sorted(set(lines))
    assert len(lines[0].split(b"> <")) >= 3
    with KGStore(store_path, read_only=True) as st:
        assert_same(by_graph_ox(res.stdout_bytes, "nq", "per-article"), expected(st, "per-article"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_export_to_file(store_path, tmp_path, fmt) -> None:
    out = tmp_path / f"g.{fmt}"
    res = CliRunner().invoke(
        cli, ["export", "--store", str(store_path), "--format", fmt, "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert f"as {fmt} to {out} ({out.stat().st_size:,} bytes)" in res.stderr
    assert len(list(ox.parse(path=str(out), format=_OX[fmt]))) > 100


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "ttl", "--graphs", "per-article"],
            "Error: Turtle holds a single graph, so --graphs per-article is not possible: use "
            "--format trig or nq to keep the named graphs, or --graphs merged\n",
        ),
        (
            ["-o", "{tmp}/missing/g.nq"],
            "Error: cannot write {tmp}/missing/g.nq: the folder {tmp}/missing does not exist\n",
        ),
        (["-o", "{tmp}"], "Error: -o {tmp} is a folder: give a file name such as {tmp}/graph.nq\n"),
    ],
)
def test_cli_export_errors(store_path, tmp_path, args, message) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    res = CliRunner().invoke(cli, ["export", "--store", str(store_path), *args])
    assert res.exit_code == 1
    assert res.stderr == message.replace("{tmp}", str(tmp_path))
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit)


def test_cli_export_missing_store(tmp_path) -> None:
    missing = tmp_path / "nowhere"
    res = CliRunner().invoke(cli, ["export", "--store", str(missing)])
    assert res.exit_code == 1
    assert res.stderr == (
        f"Error: no conflict-kg store at {missing}: build one first with "
        f"'kg build ARTICLES --store {missing}', or pass --store DIR\n"
    )


# -- the real seed build -----------------------------------------------------------------------


def test_seed_export_reparses_and_is_stable(seed_store_path, tmp_path) -> None:
    a, b = tmp_path / "a.nq", tmp_path / "b.nq"
    write_export(seed_store_path, a, "nq")
    write_export(copy_store(seed_store_path, tmp_path / "copy"), b, "nq")
    assert a.read_bytes() == b.read_bytes()
    with KGStore(seed_store_path, read_only=True) as st:
        assert_same(by_graph_ox(a.read_bytes(), "nq", "per-article"), expected(st, "per-article"))
        ttl = io.BytesIO()
        write_export(st, ttl, "ttl")
        assert_same(by_graph_rdflib(ttl.getvalue(), "ttl"), expected(st, "merged"))


def test_seed_rebuild_exports_byte_identical(seed_store_path, tmp_path) -> None:
    from kg.pipeline.build import build

    again = tmp_path / "again"
    build([SEEDS], again, default_date="2017-11-03")
    a, b = tmp_path / "a.nq", tmp_path / "b.nq"
    write_export(seed_store_path, a, "nq")
    write_export(again, b, "nq")
    assert a.read_bytes() == b.read_bytes()
    assert os.path.getsize(a) > 0


# -- the benchmark's helpers (no timing thresholds: only that they measure the right thing) --


def test_export_bench_rows_on_a_small_synthetic_store(tmp_path, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))  # the bench package sits beside kg
    from bench.export_bench import export_rows, synthetic_store

    store = synthetic_store(tmp_path / "store", 3001)
    with KGStore(store, read_only=True) as st:
        assert len(st) == 3001
    rows = export_rows(store, tmp_path / "work", articles=None, memory_triples=4000)
    assert [r.name for r in rows] == ["export", "export-memory"]
    assert rows[0].note.startswith("3,001 quads: sorted N-Quads by kg export")
    assert rows[0].value is not None
    assert rows[0].value > 0
    assert rows[1].note.startswith("peak RSS growth exporting 4,000 quads vs 1,000")
