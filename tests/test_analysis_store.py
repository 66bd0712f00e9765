"""Analysis of a store: the hand-made articles (projection, blocs, writing and exporting the
results), the library entry and CLI, and the seed articles' Done-when checks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import handmade_articles, write_articles
from rdflib import XSD, Literal

from kg.analysis import ANALYSES, analyze, export
from kg.analysis.balance import BlocResult, blocs
from kg.analysis.clash import clash_risk
from kg.analysis.project import ActorNetwork, project, read_network
from kg.analysis.rivalries import rivalries
from kg.analysis.theatres import TheatreResults
from kg.analysis.write import analysis_triples, export_graph, write_analysis
from kg.cli import cli
from kg.errors import AnalysisError, ExportError
from kg.model import Window
from kg.rdf.iri import ANALYSIS_GRAPH, actor_iri
from kg.rdf.read import read_facts
from kg.rdf.store import KGStore

# ---------------------------------------------------------------- the hand-made store


@pytest.fixture(scope="module")
def hand_net() -> Iterator[ActorNetwork]:
    with KGStore(None) as st:
        write_articles(st, handmade_articles())
        yield read_network(st)


A = actor_iri


def test_handmade_projection(hand_net: ActorNetwork):
    g = hand_net.signed
    us_sdf = g.edges[str(A("United States")), str(A("Syrian Democratic Forces"))]
    assert us_sdf["sign"] == 1
    (t,) = us_sdf["ties"]
    assert t.fact.attestations == 2
    assert len(t.fact.quotes) == 2
    saa_sdf = g.edges[str(A("Syrian Arab Army")), str(A("Syrian Democratic Forces"))]
    assert saa_sdf["sign"] == -1
    assert saa_sdf["tension"] > 0
    assert hand_net.sponsorship.has_edge(str(A("Iran")), str(A("Popular Mobilization Forces")))


def test_handmade_blocs(hand_net: ActorNetwork):
    r = blocs(hand_net.signed)
    bloc_of = r.bloc_of()
    names = ["United States", "Syrian Democratic Forces", "US-led coalition"]
    assert len({bloc_of[str(A(n))] for n in names}) == 1
    other = ["Syrian Arab Army", "Russia", "Iran", "Shiite militias", "Popular Mobilization Forces"]
    assert len({bloc_of[str(A(n))] for n in other}) == 1
    assert bloc_of[str(A("Iran"))] != bloc_of[str(A("United States"))]
    assert str(A("Islamic State")) in [a.iri for a in r.unaligned]
    assert r.frustration == 0


def test_handmade_rivalries_and_clash(hand_net: ActorNetwork):
    r = rivalries(hand_net.signed, hand_net.sponsorship)
    pairs = {(x.a.label, x.b.label) for x in r.rivalries}
    assert ("Iran", "United States") in pairs
    iran_us = next(x for x in r.rivalries if (x.a.label, x.b.label) == ("Iran", "United States"))
    quotes = [q for k in iran_us.chains[0].links for t in k.ties for q in t.fact.quotes]
    assert quotes
    assert all(q.quote for q in quotes)
    bloc_of = blocs(hand_net.signed).bloc_of()
    c = clash_risk(hand_net.signed, bloc_of, hand_net.activity, hand_net.places)
    first = {c.pairs[0].a.label, c.pairs[0].b.label}
    assert first == {"Syrian Arab Army", "Syrian Democratic Forces"}
    assert c.pairs[0].parts["tension"] > 0


@pytest.mark.parametrize(
    ("window", "edges"),
    [
        ({"as_of": "2017-10-31"}, {("Islamic State", "Syrian Democratic Forces")}),
        ({"until": "2017-10"}, {("Islamic State", "Syrian Democratic Forces")}),
        ({"since": "2017-11-04"}, None),
    ],
    ids=["as-of", "until", "since"],
)
def test_handmade_window(window, edges):
    with KGStore(None) as st:
        write_articles(st, handmade_articles())
        net = project(read_facts(st), Window.parse(**window))
    got = {
        tuple(sorted((net.signed.nodes[u]["label"], net.signed.nodes[v]["label"])))
        for u, v in net.signed.edges
    }
    if edges is None:  # relations without an end persist; the first article's events do not
        assert ("Iran", "Syrian Arab Army") in got
        assert ("Iran", "Russia") not in got  # only tied as supporters of a 2017-11-03 capture
    else:
        assert got == edges


def test_write_replaces_analysis_graph(handmade_store: KGStore):
    net = read_network(handmade_store)
    n1 = write_analysis(handmade_store, net)
    n2 = write_analysis(handmade_store, net)
    assert n1 == n2 == len(analysis_triples(net))
    rows = handmade_store.select(
        "SELECT ?g ?a ?bloc WHERE { GRAPH ?g { ?a ckg:bloc ?bloc } }", {"g": ANALYSIS_GRAPH}
    )
    bloc_of = {str(r["a"]): int(str(r["bloc"])) for r in rows}
    assert bloc_of[str(A("United States"))] == bloc_of[str(A("Syrian Democratic Forces"))]
    assert str(A("Islamic State")) not in bloc_of
    assert len(
        handmade_store.select(
            "SELECT ?g ?a WHERE { GRAPH ?g { ?a ckg:pagerank ?p } }", {"g": ANALYSIS_GRAPH}
        )
    ) == len(net.signed)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_is_readable_and_deterministic(hand_net: ActorNetwork, tmp_path: Path, fmt: str):
    p1, p2 = export_graph(hand_net, tmp_path / f"a.{fmt}", fmt), tmp_path / f"b.{fmt}"
    export_graph(hand_net, p2, fmt)
    assert p1.read_bytes() == p2.read_bytes()
    g = nx.read_graphml(p1) if fmt == "graphml" else nx.read_gexf(p1)
    assert g.number_of_nodes() == hand_net.signed.number_of_nodes()
    us = str(A("United States"))
    assert g.nodes[us]["label"] == "United States"
    assert g.nodes[us]["bloc"] > 0
    assert list(tmp_path.glob(".*")) == []  # no temp files left


def test_export_errors(hand_net: ActorNetwork, tmp_path: Path):
    with pytest.raises(ExportError, match="unknown export format 'dot': use one of graphml, gexf"):
        export_graph(hand_net, tmp_path / "x.dot", "dot")
    with pytest.raises(ExportError, match=r"cannot write .*missing/x.graphml: No such file"):
        export_graph(hand_net, tmp_path / "missing" / "x.graphml")


# ---------------------------------------------------------------- library entry and CLI


def test_analyze_runs_every_analysis(store_path: Path):
    for name in ANALYSES:
        run = analyze(store_path, name, top=3)
        assert run.written is None
        json.dumps(run.result.to_dict())
        assert run.result.to_table()
    with pytest.raises(AnalysisError, match="unknown analysis 'gossip'"):
        analyze(store_path, "gossip")


@pytest.mark.parametrize("name", ANALYSES)
def test_cli_json_and_table(store_path: Path, name: str):
    runner = CliRunner()
    res = runner.invoke(cli, ["analyze", name, "--store", str(store_path), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["analysis"] == name
    res = runner.invoke(cli, ["analyze", name, "--store", str(store_path)])
    assert res.exit_code == 0, res.output


def test_cli_blocs_json_shape(store_path: Path):
    res = CliRunner().invoke(
        cli, ["analyze", "blocs", "--store", str(store_path), "--format", "json"]
    )
    data = json.loads(res.output)
    assert [t["theatre"]["label"] for t in data["theatres"]] == ["Syria", "Iraq"]
    syria = data["theatres"][0]
    assert set(syria) >= {"theatre", "blocs", "frustration", "frustrated_edges", "unaligned"}
    assert syria["blocs"][0]["id"] == 1
    assert set(syria["blocs"][0]["members"][0]) == {"iri", "label", "strength", "ties"}


def test_cli_write_and_export(handmade_store_path: Path, tmp_path: Path):
    runner = CliRunner()
    res = runner.invoke(
        cli, ["analyze", "centrality", "--store", str(handmade_store_path), "--write", "--top", "2"]
    )
    assert res.exit_code == 0, res.output
    assert "wrote" in res.output
    assert "graph/analysis" in res.output
    out = tmp_path / "g.gexf"
    res = runner.invoke(
        cli,
        [
            "analyze",
            "export",
            "--store",
            str(handmade_store_path),
            "--format",
            "gexf",
            "-o",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert res.output == f"wrote {out}\n"
    assert export(handmade_store_path, tmp_path / "h.gexf", "gexf").read_bytes() == out.read_bytes()


def test_cli_errors(store_path: Path, tmp_path: Path):
    runner = CliRunner()
    empty = tmp_path / "empty"
    with KGStore(empty) as st:
        st.ensure_ontology()
    cases = [
        (
            ["analyze", "blocs", "--store", str(empty)],
            f"Error: the store {empty} holds no articles: build it first with "
            f"'kg build ARTICLES --store {empty}'\n",
        ),
        (
            ["analyze", "blocs", "--store", str(tmp_path / "none")],
            f"Error: no conflict-kg store at {tmp_path / 'none'}: build one first with "
            f"'kg build ARTICLES --store {tmp_path / 'none'}', or pass --store DIR\n",
        ),
        (
            ["analyze", "rivalries", "--store", str(store_path), "--as-of", "2016"],
            f"Error: the store {store_path} holds no relations or events between actors "
            "as of 2016: widen or drop --as-of/--since/--until\n",
        ),
        (
            ["analyze", "blocs", "--store", str(store_path), "--since", "soon"],
            "Error: --since 'soon' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD\n",
        ),
    ]
    for args, message in cases:
        res = runner.invoke(cli, args)
        assert res.exit_code == 1, res.output
        assert res.output == message
    res = runner.invoke(cli, ["analyze", "blocs", "--format", "xml"])
    assert res.exit_code == 2
    assert "'xml' is not one of 'table', 'json'" in res.output


def test_cli_module_does_not_import_networkx():
    code = "import sys, kg.cli.analyze; print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_help_lists_every_analysis():
    res = CliRunner().invoke(cli, ["analyze", "--help"])
    assert res.exit_code == 0
    for name in (*ANALYSES, "export"):
        assert name in res.output
        sub = CliRunner().invoke(cli, ["analyze", name, "--help"])
        assert sub.exit_code == 0
        assert "--store" in sub.output


# ---------------------------------------------------------------- the seed articles (Done when)


@pytest.fixture(scope="module")
def seed_net(seed_store_path: Path) -> Iterator[ActorNetwork]:
    st = KGStore(seed_store_path, read_only=True, must_exist=True)
    try:
        yield read_network(st)
    finally:
        with suppress(RuntimeError):  # read-only stores cannot flush (see kg.analysis._opened)
            st.close()


@pytest.fixture(scope="module")
def seed_syria(seed_store_path: Path) -> ActorNetwork:
    from kg.analysis.theatres import resolve_theatres

    st = KGStore(seed_store_path, read_only=True, must_exist=True)
    try:
        facts = read_facts(st)
    finally:
        with suppress(RuntimeError):
            st.close()
    (syria,) = resolve_theatres(facts, ["Syria"])
    return project(syria.select(facts))


@pytest.mark.parametrize("which", ["syria", "whole"])
def test_seed_blocs(seed_net: ActorNetwork, seed_syria: ActorNetwork, which: str):
    net = seed_syria if which == "syria" else seed_net
    r = blocs(net.signed)
    bloc_of = r.bloc_of()
    west = ["United States", "Syrian Democratic Forces"]
    axis = ["Syrian Arab Army", "Russia", "Iran", "Shiite militias"]
    if which == "whole":
        west.append("US-led coalition")
        axis.append("Popular Mobilization Forces")
    missing = [n for n in west + axis if str(A(n)) not in bloc_of]
    assert not missing, f"in no bloc: {missing}\n{r.to_table()}"
    west_ids = {bloc_of[str(A(n))] for n in west}
    axis_ids = {bloc_of[str(A(n))] for n in axis}
    assert len(west_ids) == 1, r.to_table()
    assert len(axis_ids) == 1, r.to_table()
    assert west_ids != axis_ids
    assert bloc_of.get(str(A("Islamic State"))) not in west_ids | axis_ids


def test_seed_rivalries(seed_net: ActorNetwork):
    r = rivalries(seed_net.signed, seed_net.sponsorship)
    pairs = {frozenset((x.a.iri, x.b.iri)) for x in r.rivalries}
    assert frozenset((str(A("United States")), str(A("Iran")))) in pairs, r.to_table()


def test_seed_clash_risk(seed_net: ActorNetwork, seed_syria: ActorNetwork):
    bloc_of = blocs(seed_net.signed).bloc_of()
    r = clash_risk(seed_net.signed, bloc_of, seed_net.activity, seed_net.places)
    top2 = [{p.a.iri, p.b.iri} for p in r.pairs[:2]]
    assert {str(A("Syrian Arab Army")), str(A("Syrian Democratic Forces"))} in top2, r.to_table()
    net = seed_syria
    r = clash_risk(net.signed, blocs(net.signed).bloc_of(), net.activity, net.places)
    first = {r.pairs[0].a.iri, r.pairs[0].b.iri}
    assert first == {str(A("Syrian Arab Army")), str(A("Syrian Democratic Forces"))}, r.to_table()


def test_seed_analysis_graph_round_trip(seed_store_path: Path, tmp_path: Path):
    from conftest import copy_store

    path = copy_store(seed_store_path, tmp_path / "seed")
    run = analyze(path, "blocs", write=True)
    assert run.written
    assert run.written > 0
    with KGStore(path) as st:
        rows = st.select(
            "SELECT ?g ?a ?b WHERE { GRAPH ?g { ?a ckg:bloc ?b } }", {"g": ANALYSIS_GRAPH}
        )
    assert isinstance(run.result, TheatreResults)
    members = {m.iri for _t, res in run.result.runs for b in res.blocs for m in b.members}  # type: ignore[attr-defined]
    assert {str(r["a"]) for r in rows} == members
    assert all(isinstance(res, BlocResult) for _t, res in run.result.runs)
    assert {r["b"].datatype for r in rows if isinstance(r["b"], Literal)} == {XSD.integer}
    assert all(isinstance(r["b"], Literal) for r in rows)
