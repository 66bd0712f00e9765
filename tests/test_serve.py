"""Named queries over HTTP: an Oxigraph server loaded with the merged graph, and ``kg serve``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError, StoreError
from kg.query.catalog import list_queries, load_query
from kg.query.endpoint import endpoint_update
from kg.query.oxigraph import OxigraphProcess, free_port, oxigraph_binary
from kg.query.run import Target, run_query
from kg.query.serve import start_server
from kg.rdf.store import KGStore

pytestmark = pytest.mark.server

OXIGRAPH = oxigraph_binary()
needs_oxigraph = pytest.mark.skipif(OXIGRAPH is None, reason="oxigraph binary not installed")

#: parameters for each query, so the comparison also covers label resolution over HTTP
PARAMS: dict[str, dict[str, str]] = {
    "actor-profile": {"actor": "SDF"},
    "backers": {"client": "Syrian Democratic Forces"},
    "events-timeline": {"place": "Syria", "from": "2017-10"},
    "evidence": {"actor": "United States", "other": "sdf"},
    "hostilities": {"actor": "Islamic State"},
    "places": {"within": "Syria"},
    "territorial-control": {"place": "Iraq"},
}
QUERIES = [q.name for q in list_queries()]


def wait_for_port(port: int, proc: subprocess.Popen[bytes] | None = None) -> None:
    for _ in range(400):
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


@pytest.fixture(scope="module")
def local(store_path: Path) -> Iterator[KGStore]:
    with KGStore(store_path, read_only=True) as st:
        yield st


@pytest.fixture(scope="module")
def merged_endpoint(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``oxigraph serve`` holding every quad of the store merged into its default graph."""
    if OXIGRAPH is None:
        pytest.skip("oxigraph binary not installed")
    with KGStore(store_path, read_only=True) as st:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in st.quads()]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    with OxigraphProcess(OXIGRAPH, tmp_path_factory.mktemp("oxigraph")) as server:
        req = urllib.request.Request(
            f"{server.url}/store?default",
            data=data,
            headers={"Content-Type": "application/n-triples"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.status in (200, 201, 204)
        yield f"{server.url}/query"


@pytest.mark.parametrize("name", QUERIES)
def test_same_rows_on_merged_endpoint(local: KGStore, merged_endpoint: str, name: str) -> None:
    q = load_query(name)
    here = run_query(q, local, PARAMS.get(name, {}))
    there = run_query(q, Target(endpoint=merged_endpoint), PARAMS.get(name, {}))
    assert there.vars == here.vars
    assert there.rows == here.rows
    if name != "contested-facts":
        assert here.rows, f"{name}: compare something, not two empty results"


def test_cli_output_same_on_endpoint(store_path: Path, merged_endpoint: str) -> None:
    runner = CliRunner()
    args = ["query", "events-timeline", "-p", "place=Deir ez-Zor", "-f", "csv"]
    here = runner.invoke(cli, [*args, "--store", str(store_path)])
    there = runner.invoke(cli, [*args, "--endpoint", merged_endpoint])
    assert here.exit_code == there.exit_code == 0, there.output
    assert there.stdout == here.stdout
    assert "2017-11-03" in here.stdout


def test_endpoint_without_prefixes_gets_them(local: KGStore, merged_endpoint: str) -> None:
    # DISTINCT: locally, a triple stated by two articles is in two graphs of the union
    text = "SELECT DISTINCT ?c WHERE { ?s ckg:backs ?c } ORDER BY ?c"
    assert run_query(text, Target(endpoint=merged_endpoint)).rows == run_query(text, local).rows


def test_endpoint_error_is_reported(merged_endpoint: str) -> None:
    bad = "SELECT * WHERE { ?s ?p ?o } ORDER BY foo:bar(?s)"  # unknown function: server refuses
    with pytest.raises(
        QueryError, match=r"^the endpoint http://127\.0\.0\.1:\d+/query answered HTTP 400"
    ):
        run_query(bad, Target(endpoint=merged_endpoint))


# ------------------------------------------------------------------ kg serve


def _get(url: str, query: str, accept: str) -> tuple[int, str, dict[str, str]]:
    full = url + "?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(full, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8"), _lower(resp.headers.items())
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8"), _lower(e.headers.items())


def _lower(items: object) -> dict[str, str]:
    return {k.lower(): v for k, v in items}  # type: ignore[attr-defined]


@pytest.mark.parametrize("engine", ["python", pytest.param("oxigraph", marks=needs_oxigraph)])
def test_kg_serve_engines(store_path: Path, local: KGStore, engine: str) -> None:
    port = 0 if engine == "python" else free_port()
    with start_server(store_path, port=port, engine=engine) as server:
        assert server.engine == engine
        assert server.url == f"http://127.0.0.1:{server.port}/query"
        target = Target(endpoint=server.url)
        for name in ("backers", "events-timeline", "opposing-sponsors"):
            q = load_query(name)
            params = PARAMS.get(name, {})
            assert run_query(q, target, params).rows == run_query(q, local, params).rows
        status, body, headers = _get(server.url, "SELECT ?c WHERE { ?s ckg:backs ?c }", "text/csv")
        # the oxigraph server knows no prefixes; the python one knows conflict-kg's, like kg query
        assert status == (200 if engine == "python" else 400)
        status, body, headers = _get(
            server.url,
            "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ckg:backs ?c }",
            "text/csv",
        )
        assert status == 200
        assert headers["content-type"].startswith("text/csv")
        assert body.splitlines() == ["n", "3"]
        with pytest.raises(QueryError, match="HTTP 4"):
            endpoint_update(server.url, "DROP ALL")
    with KGStore(store_path, read_only=True) as st:
        assert len(st) == len(local)


def test_python_server_cors_and_formats(store_path: Path) -> None:
    with start_server(store_path, port=0, engine="python") as server:
        ask = "ASK { ?s ?p ?o }"
        status, body, headers = _get(server.url, ask, "application/sparql-results+json")
        assert status == 200
        assert "access-control-allow-origin" not in headers  # no wildcard: see --cors
        assert '"boolean": true' in body
        status, body, _h = _get(server.url, ask, "application/sparql-results+xml")
        assert status == 200
        assert "<boolean>true</boolean>" in body
        status, body, headers = _get(
            server.url, "CONSTRUCT WHERE { ?s a ?o } LIMIT 1", "text/turtle"
        )
        assert status == 200
        assert headers["content-type"].startswith("text/turtle")
        status, body, _h = _get(server.url, "DROP ALL", "*/*")
        assert status == 403
        assert "SPARQL Update" in body
        status, body, _h = _get(server.url, "SELECT * WHERE {", "*/*")
        assert status == 400
        assert body.startswith("SPARQL syntax error in the query at line 1, column 17")


def test_serve_refuses_missing_store(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        cli, ["serve", "--store", str(tmp_path / "none"), "--engine", "python"]
    )
    assert res.exit_code == 1
    assert res.stderr.startswith(f"Error: no conflict-kg store at {tmp_path / 'none'}")


def test_serve_port_in_use(store_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        res = CliRunner().invoke(
            cli, ["serve", "--store", str(store_path), "--port", str(port), "--engine", "python"]
        )
    assert res.exit_code == 1
    assert res.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")


@pytest.mark.parametrize("engine", ["python", pytest.param("oxigraph", marks=needs_oxigraph)])
def test_kg_serve_says_where_and_stops_on_sigterm(store_path: Path, engine: str) -> None:
    port = free_port()
    kg = Path(sys.executable).parent / "kg"
    proc = subprocess.Popen(
        [str(kg), "serve", "--store", str(store_path), "--port", str(port), "--engine", engine],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline().decode("utf-8")
        assert f"listening on http://127.0.0.1:{port}/query" in first
        assert f"SPARQL endpoint ({engine}, read-only)" in first
        status, body, _h = _get(
            f"http://127.0.0.1:{port}/query", "ASK { ?s ?p ?o }", "application/json"
        )
        assert status == 200
        assert "true" in body
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert err.decode("utf-8").strip() == "stopped"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()


def test_oxigraph_process_says_why_it_did_not_start(tmp_path: Path) -> None:
    if OXIGRAPH is None:
        pytest.skip("oxigraph binary not installed")
    not_a_folder = tmp_path / "store"
    not_a_folder.write_text("")
    with pytest.raises(StoreError) as e:
        OxigraphProcess(OXIGRAPH, not_a_folder)
    assert str(e.value).startswith("the oxigraph server could not start: Error: ")
    assert "not a directory" in str(e.value)
