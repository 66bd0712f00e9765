"""Hostile queries against ``kg query`` and ``kg serve``: refused or stopped with a message,
never a traceback, a crash or a hang; the server answers the next request as before.

The heavy query is a four-way cross product of the store's triples (hours of work), so the
time-out tests wait for the time-out, never for the query.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query.oxigraph import oxigraph_binary
from kg.query.serve import ServeOptions, SparqlServer, start_server

DEEP = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
LONG = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 100_000
SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
ASK = "ASK { ?s ?p ?o }"
KG = str(Path(sys.executable).parent / "kg")

ENGINES = [
    "python",
    pytest.param(
        "oxigraph",
        marks=pytest.mark.skipif(oxigraph_binary() is None, reason="oxigraph not installed"),
    ),
]


def _query(store: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["query", "--store", str(store), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (DEEP, "Error: refused: -e nests brackets more than 64 deep at line 1, column 144"),
        (LONG, "Error: refused: -e is 100,030 characters long, over the 100,000 a query may have"),
        (SERVICE, "Error: refused: -e uses SERVICE at line 1, column 18: SERVICE calls another"),
    ],
    ids=["deep", "long", "service"],
)
def test_kg_query_refuses(store_path: Path, text: str, message: str) -> None:
    code, output = _query(store_path, "-e", text)
    assert code == 1
    assert output.startswith(message), output
    assert "Traceback" not in output


def test_kg_query_service_allowed_is_not_refused(store_path: Path) -> None:
    _code, output = _query(
        store_path, "--allow-service", "-e", SERVICE.replace("SERVICE", "SERVICE SILENT")
    )
    assert "uses SERVICE" not in output
    assert "Traceback" not in output


def test_kg_query_update_with_service_refused(store_path: Path) -> None:
    code, output = _query(
        store_path,
        "--update",
        "-e",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/q> { ?s ?p ?o } }",
    )
    assert code == 1
    assert "uses SERVICE" in output


def test_kg_query_timeout(store_path: Path) -> None:
    # a process of its own: the abandoned query ends with it (in this one it would go on)
    done = subprocess.run(
        [KG, "query", "--store", str(store_path), "--timeout", "0.5", "-e", HEAVY],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "Error: the query was stopped after 0.5 s (--timeout); narrow it (more specific "
        "patterns, LIMIT) or allow it more time with --timeout SECONDS\n"
    )


# -- kg serve ------------------------------------------------------------------------


def _request(
    server: SparqlServer,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return (
            resp.status,
            {k.lower(): v for k, v in resp.getheaders()},
            resp.read().decode("utf-8", "replace"),
        )
    finally:
        conn.close()


def _post_query(
    server: SparqlServer, text: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    return _request(
        server,
        "POST",
        "/query",
        text.encode("utf-8"),
        {
            "Content-Type": "application/sparql-query",
            "Accept": "application/json",
            **(headers or {}),
        },
    )


def _alive(server: SparqlServer) -> None:
    status, _h, body = _post_query(server, ASK)
    assert (status, "true" in body) == (200, True), body


@pytest.fixture(scope="module", params=ENGINES)
def server(request: pytest.FixtureRequest, store_path: Path) -> Iterator[SparqlServer]:
    options = ServeOptions(query_timeout=1.0, cors=("https://yasgui.example.org",))
    with start_server(store_path, port=0, engine=request.param, options=options) as srv:
        yield srv


@pytest.mark.server
@pytest.mark.parametrize(
    ("text", "status", "message"),
    [
        (DEEP, 400, "refused: the query nests brackets more than 64 deep"),
        (LONG, 400, "refused: the query is 100,030 characters long"),
        (SERVICE, 403, "refused: the query uses SERVICE"),
        ("DROP ALL", 403, ""),  # the oxigraph engine: 400, not a query it can read
    ],
    ids=["deep", "long", "service", "update"],
)
def test_serve_refuses_and_goes_on(
    server: SparqlServer, text: str, status: int, message: str
) -> None:
    got, _headers, body = _post_query(server, text)
    assert got == status or (text == "DROP ALL" and server.engine == "oxigraph" and got == 400)
    assert body.startswith(message)
    _alive(server)


@pytest.mark.server
@pytest.mark.parametrize("engine", ENGINES)
def test_serve_stops_a_long_query(store_path: Path, engine: str) -> None:
    # kg serve in a process of its own: with the python engine the abandoned query goes on
    # until the process ends (the oxigraph engine is restarted, which ends it)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    args = ["serve", "--store", str(store_path), "--port", str(port), "--engine", engine]
    proc = subprocess.Popen([KG, *args, "--timeout", "1"], stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        assert "listening on" in proc.stderr.readline()
        server = SparqlServer()
        server.port = port
        status, _headers, body = _post_query(server, HEAVY)
        assert status == 503, body
        assert body.startswith("the query was stopped after 1 s (--timeout)")
        _alive(server)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.server
@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("attacker.example:7878", 421),
        ("attacker.example", 421),
        ("localhost:7878", 200),
        ("127.0.0.1", 200),
        ("[::1]:7878", 200),
        (socket.gethostname(), 200),
    ],
)
def test_serve_checks_the_host_header(server: SparqlServer, host: str, status: int) -> None:
    got, _headers, body = _post_query(server, ASK, {"Host": host})
    assert got == status, body
    if status == 421:
        assert f"Host {host!r} is not this server" in body


@pytest.mark.server
@pytest.mark.parametrize(
    ("origin", "allowed"),
    [("https://yasgui.example.org", True), ("https://attacker.example", False), (None, False)],
)
def test_serve_cors_only_for_named_origins(
    server: SparqlServer, origin: str | None, allowed: bool
) -> None:
    _s, headers, _b = _post_query(server, ASK, {"Origin": origin} if origin else {})
    assert headers.get("access-control-allow-origin") == (origin if allowed else None)
    assert "*" not in headers.get("access-control-allow-origin", "")


@pytest.mark.server
def test_serve_survives_malformed_requests(server: SparqlServer) -> None:
    assert _request(server, "POST", "/query", b"x", {"Content-Length": "abc"})[0] == 400
    status, _h, _b = _request(server, "POST", "/query", None, {"Content-Length": "999999999"})
    assert status == 413
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"\x00\xff garbage \r\n\r\n")
        s.recv(1024)
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\nASK")
    _alive(server)


@pytest.mark.server
@pytest.mark.skipif(oxigraph_binary() is None, reason="oxigraph not installed")
def test_serve_restarts_a_stopped_oxigraph(store_path: Path) -> None:
    with start_server(store_path, port=0, engine="oxigraph") as server:
        _alive(server)
        server._backend._proc.kill()  # type: ignore[attr-defined]  # (waits until it is gone)
        status, _h, body = _post_query(server, ASK)
        assert (status, body) == (
            502,
            "the query engine stopped on this request and was restarted\n",
        )
        _alive(server)
