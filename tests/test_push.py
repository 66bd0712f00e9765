"""``kg push``: into a real Oxigraph server (GSP and Update, replace and append), faults, and
the URLs each profile would use (against a recording stdlib server)."""

from __future__ import annotations

import io
import threading
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from oxiserver import FaultyServer, OxigraphServer, free_port, oxigraph_binary

from kg.cli import cli
from kg.errors import PushError
from kg.export.profiles import PROFILES, endpoints
from kg.export.push import PushOptions, push
from kg.export.serialise import write_export
from kg.rdf.store import KGStore
from kg.resources import queries_dir

needs_oxigraph = pytest.mark.skipif(
    oxigraph_binary() is None, reason="the oxigraph CLI (dev extra) is not installed"
)

GRAPH_IRI = "https://example.org/graph/conflict"
SECRET = "s3cr3t-never-shown"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["push", *args], env=env)


def update(url: str, text: str) -> None:
    req = urllib.request.Request(
        url + "/update",
        data=text.encode(),
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    with urllib.request.urlopen(req, timeout=30):
        pass


@pytest.fixture
def server(oxi: OxigraphServer) -> OxigraphServer:
    """The module's Oxigraph server, emptied."""
    update(oxi.url, "DROP ALL")
    return oxi


def merged_nt(store: Path | KGStore) -> bytes:
    out = io.BytesIO()
    write_export(store, out, "nt")
    return out.getvalue()


def server_quads(srv: OxigraphServer) -> list[ox.Quad]:
    return list(ox.parse(srv.dump_nquads(), format=ox.RdfFormat.N_QUADS))


def line(statement: ox.Quad | ox.Triple) -> bytes:
    """One statement as an N-Triples / N-Quads line."""
    fmt = ox.RdfFormat.N_QUADS if isinstance(statement, ox.Quad) else ox.RdfFormat.N_TRIPLES
    data = ox.serialize([statement], format=fmt)  # type: ignore[arg-type]
    assert data is not None
    return data


def default_graph_nt(srv: OxigraphServer) -> bytes:
    triples = [q.triple for q in server_quads(srv) if isinstance(q.graph_name, ox.DefaultGraph)]
    return b"".join(sorted(line(t) for t in triples))


def local_select(st: KGStore, text: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """Variables and sorted rows of a SELECT over the union of the local store's graphs."""
    rows = st.ox_query(text)
    assert isinstance(rows, ox.QuerySolutions)
    names = [v.value for v in rows.variables]
    return names, sorted(tuple(_value(v) for v in row) for row in rows)


def _value(term: object) -> str:
    return _cell("" if term is None else str(getattr(term, "value", term)))


def _cell(text: str) -> str:
    """A cell with its GROUP_CONCAT parts (separator " | ") sorted: SPARQL leaves their order
    to the engine."""
    return " | ".join(sorted(text.split(" | ")))


# -- a real Oxigraph server ----------------------------------------------------------------------


@pytest.mark.server
@pytest.mark.parametrize("protocol", ["gsp", "update"])
@pytest.mark.parametrize("mode", ["--replace", "--append"])
def test_push_gives_the_same_graph_and_answers(server, store_path, protocol, mode) -> None:
    res = run(
        server.url,
        "--store",
        str(store_path),
        "--protocol",
        protocol,
        mode,
        "--chunk-size",
        "400",
    )
    assert res.exit_code == 0, res.output
    want = merged_nt(store_path)
    n = want.count(b"\n")
    assert f"pushed {n:,} triples" in res.output
    assert f"verified: the target holds {n:,} triples" in res.output
    assert default_graph_nt(server) == want
    assert [
        q for q in server_quads(server) if not isinstance(q.graph_name, ox.DefaultGraph)
    ] == []  # no temporary graph left behind
    with KGStore(store_path, read_only=True) as st:
        for path in sorted(queries_dir().glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            names, local = local_select(st, text)
            there = server.select(text)
            remote = sorted(tuple(_cell(r.get(k, "")) for k in names) for r in there)
            assert remote == local, path.name


@pytest.mark.server
@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_replace_twice_then_append_keeps_the_same_quads(server, store_path, protocol) -> None:
    args = [
        server.url,
        "--store",
        str(store_path),
        "--protocol",
        protocol,
        "--graph",
        GRAPH_IRI,
        "--chunk-size",
        "300",
    ]
    counts = []
    for mode in ("--replace", "--replace", "--append"):
        res = run(*args, mode)
        assert res.exit_code == 0, res.output
        counts.append(len(server_quads(server)))
    assert counts[0] == counts[1] == counts[2] == merged_nt(store_path).count(b"\n")


@pytest.mark.server
def test_one_streamed_request_per_graph(server, store_path) -> None:
    """Without --chunk-size: an empty target is bulk-loaded; one that holds data is replaced
    by one transactional PUT (no temporary graph, no MOVE); --no-atomic bulk-loads it."""
    want = merged_nt(store_path)
    n = want.count(b"\n")
    plans = []
    for opts in (
        PushOptions(graph=GRAPH_IRI),
        PushOptions(graph=GRAPH_IRI),
        PushOptions(graph=GRAPH_IRI, atomic=False),
        PushOptions(graph=GRAPH_IRI, replace=False),
    ):
        report = push(store_path, server.url, opts)
        assert report.counts == {GRAPH_IRI: n}
        loads = [r for r in report.requests if r.statements]
        assert [(r.statements, r.bytes) for r in loads] == [(n, len(want))]
        plans.append([(r.method, r.url.split("?", 1)[-1]) for r in report.requests])
        got = list(server_quads(server))
        assert {q.graph_name.value for q in got} == {GRAPH_IRI}  # type: ignore[union-attr]
        assert b"".join(sorted(line(q.triple) for q in got)) == want
    g = "graph=https%3A%2F%2Fexample.org%2Fgraph%2Fconflict"
    count = ("POST", server.url + "/query")
    assert plans == [
        [count, ("PUT", f"{g}&no_transaction&lenient"), count],
        [count, ("PUT", g), count],
        [("PUT", f"{g}&no_transaction&lenient"), count],
        [count, ("POST", f"{g}&no_transaction&lenient"), count],
    ]


@pytest.mark.server
def test_replace_removes_what_the_store_no_longer_holds(server, store_path) -> None:
    update(server.url, f"INSERT DATA {{ GRAPH <{GRAPH_IRI}> {{ <urn:x:stale> <urn:x:p> 1 }} }}")
    res = run(server.url, "--store", str(store_path), "--graph", GRAPH_IRI)
    assert res.exit_code == 0, res.output
    assert b"urn:x:stale" not in server.dump_nquads()


@pytest.mark.server
@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_per_article_push_keeps_each_named_graph(server, store_path, protocol) -> None:
    res = run(
        server.url,
        "--store",
        str(store_path),
        "--graphs",
        "per-article",
        "--protocol",
        protocol,
        "--chunk-size",
        "250",
    )
    assert res.exit_code == 0, res.output
    local = io.BytesIO()
    write_export(store_path, local, "nq", graphs="per-article")
    got = sorted(line(q) for q in server_quads(server))
    assert b"".join(got) == local.getvalue()


@pytest.mark.server
def test_seed_store_push_matches_local(server, seed_store_path) -> None:
    for protocol in ("gsp", "update"):
        res = run(server.url, "--store", str(seed_store_path), "--protocol", protocol)
        assert res.exit_code == 0, res.output
        assert default_graph_nt(server) == merged_nt(seed_store_path)


@pytest.mark.server
def test_per_article_replace_drops_graphs_of_removed_articles(server, store_path) -> None:
    stale = "https://w3id.org/conflict-kg/graph/article/0000000000000000"
    mine = "https://example.org/graph/not-ours"
    update(
        server.url,
        f"INSERT DATA {{ GRAPH <{stale}> {{ <urn:x:a> <urn:x:p> 1 }} "
        f"GRAPH <{mine}> {{ <urn:x:a> <urn:x:p> 2 }} }}",
    )
    report = push(store_path, server.url, PushOptions(graphs="per-article"))
    assert report.removed == [stale]
    graphs = {
        q.graph_name.value for q in server_quads(server) if isinstance(q.graph_name, ox.NamedNode)
    }
    assert stale not in graphs
    assert mine in graphs  # graphs outside conflict-kg's namespace are left alone


# -- faults ---------------------------------------------------------------------------------------


def test_server_down_is_a_clean_error(store_path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    res = run(url, "--store", str(store_path), "--retries", "1")
    assert res.exit_code == 1
    assert res.output == (
        f"Error: POST {url}/query failed after 2 attempts (connection "
        "refused): check that the triplestore is running and reachable at this address; "
        "running the same push again is safe\n"
    )
    assert isinstance(res.exception, SystemExit)


@pytest.mark.server
@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_two_500s_are_retried_and_nothing_is_duplicated(server, store_path, protocol) -> None:
    with FaultyServer(server.url, fail_first=2) as proxy:
        report = push(
            store_path,
            proxy.url,
            PushOptions(protocol=protocol, chunk_size=300, backoff=0.01),
        )
        assert [r.method for r in proxy.requests[:3]] == [report.requests[0].method] * 3
    assert report.retries == 2
    assert default_graph_nt(server) == merged_nt(store_path)
    assert report.counts == {"default graph": report.statements}


@pytest.mark.parametrize(
    ("status", "args", "message"),
    [
        (
            401,
            [],
            "Error: {url}/store?default&no_transaction&lenient requires a login (HTTP 401): "
            "pass --user U "
            "--password-env VAR (the name of an environment variable holding the "
            "password)\n",
        ),
        (
            401,
            ["--user", "ana", "--password-env", "KG_TEST_PW"],
            "Error: {url}/store?default&no_transaction&lenient refused the login of user 'ana' "
            "(HTTP 401): check the user, the password in $KG_TEST_PW, and --auth (sent basic; "
            "Virtuoso expects digest)\n",
        ),
        (
            403,
            [],
            "Error: {url}/store?default&no_transaction&lenient forbids PUT (HTTP 403): "
            "check that the "
            "user may write to this store (Fuseki: start it with --update or grant write "
            "access; GraphDB: the user needs write access to the repository; Virtuoso: GRANT "
            "SPARQL_UPDATE)\n",
        ),
        (
            404,
            [],
            "Error: {url}/store?default&no_transaction&lenient was not found (HTTP 404): "
            "check ENDPOINT "
            "({url}) and --profile oxigraph: it expects the Graph Store service at "
            "{url}/store, queries at {url}/query and updates at {url}/update\n",
        ),
        (
            400,
            [],
            "Error: {url}/store?default&no_transaction&lenient rejected the request to load the "
            "default graph (HTTP 400): refused by the test server.\n",
        ),
    ],
)
def test_refusals_name_the_url_and_what_to_check(store_path, status, args, message) -> None:
    with FaultyServer(status=status) as srv:
        res = run(
            srv.url, "--store", str(store_path), "--no-atomic", *args, env={"KG_TEST_PW": SECRET}
        )
        assert len(srv.requests) == 1  # refusals are not retried
    assert res.exit_code == 1
    assert res.output == message.replace("{url}", srv.url)
    # the thread that read the store into the refused request has stopped
    assert not [t for t in threading.enumerate() if t.name == "kg-push-dump"]
    assert SECRET not in res.output


@pytest.mark.server
@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_login_with_password_from_the_environment(server, store_path, scheme) -> None:
    with FaultyServer(server.url, auth=(scheme, "ana", SECRET)) as proxy:
        ok = run(
            proxy.url,
            "--store",
            str(store_path),
            "--user",
            "ana",
            "--password-env",
            "KG_TEST_PW",
            "--auth",
            scheme,
            env={"KG_TEST_PW": SECRET},
        )
        bad = run(
            proxy.url,
            "--store",
            str(store_path),
            "--user",
            "ana",
            "--password-env",
            "KG_TEST_PW",
            "--auth",
            scheme,
            env={"KG_TEST_PW": "nope"},
        )
    assert ok.exit_code == 0, ok.output
    assert default_graph_nt(server) == merged_nt(store_path)
    assert bad.exit_code == 1
    assert "refused the login of user 'ana' (HTTP 401)" in bad.output
    assert SECRET not in ok.output + bad.output
    assert "nope" not in bad.output


@pytest.mark.server
@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_server_killed_mid_push_then_rerun_completes(tmp_path, store_path, protocol) -> None:
    location = tmp_path / "data"
    with OxigraphServer(location) as first:
        update(first.url, f"INSERT DATA {{ <urn:x:before> <urn:x:p> {1} }}")
        with FaultyServer(first.url, drop_after=2, on_drop=first.kill) as proxy:
            res = run(
                proxy.url,
                "--store",
                str(store_path),
                "--protocol",
                protocol,
                "--chunk-size",
                "200",
                "--retries",
                "1",
            )
    assert res.exit_code == 1
    assert res.output.startswith("Error: ")
    assert "failed after 2 attempts (connection dropped by the server)" in res.output
    assert "Traceback" not in res.output
    with OxigraphServer(location) as second:
        # the target was never written: the chunks went into a temporary graph
        before = [q for q in server_quads(second) if isinstance(q.graph_name, ox.DefaultGraph)]
        assert [str(q.subject) for q in before] == ["<urn:x:before>"]
        again = run(
            second.url,
            "--store",
            str(store_path),
            "--protocol",
            protocol,
            "--chunk-size",
            "200",
        )
        assert again.exit_code == 0, again.output
        assert default_graph_nt(second) == merged_nt(store_path)
        assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in server_quads(second))


# -- what each profile sends -------------------------------------------------------------------


PROFILE_URLS = {
    "oxigraph": ("", "/store", "/update", "/query"),
    "fuseki": ("/conflict", "/conflict/data", "/conflict/update", "/conflict/query"),
    "virtuoso": ("", "/sparql-graph-crud-auth", "/sparql-auth", "/sparql"),
    "graphdb": (
        "/repositories/ckg",
        "/repositories/ckg/rdf-graphs/service",
        "/repositories/ckg/statements",
        "/repositories/ckg",
    ),
    "generic": ("/sparql", "/sparql", "/sparql", "/sparql"),
}


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_profile_requests(store_path, profile, protocol) -> None:
    base, gsp, upd, query = PROFILE_URLS[profile]
    n_sent = merged_nt(store_path).count(b"\n")
    login = ("digest" if profile == "virtuoso" else "basic", "dba", SECRET)
    with FaultyServer(auth=login, count=n_sent) as rec, pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_TEST_PW", SECRET)
        report = push(
            store_path,
            rec.url + base,
            PushOptions(
                profile=profile,
                protocol=protocol,
                graph=GRAPH_IRI,
                chunk_size=500,
                user="dba",
                password_env="KG_TEST_PW",
            ),
        )
        reqs = [r for r in rec.requests if "authorization" in r.headers]
    assert report.statements == n_sent
    assert report.counts == {GRAPH_IRI: n_sent}
    count = ("POST", query, "application/x-www-form-urlencoded")
    assert (reqs[0].method, reqs[0].path, reqs[0].headers["content-type"]) == count
    reqs = reqs[1:]  # the target holds triples (so says the recording server): a temporary graph
    seen = [(r.method, r.path, r.headers["content-type"]) for r in reqs]
    chunks = -(-n_sent // 500)
    if protocol == "gsp":
        want = [("PUT", gsp, "application/n-triples")] + [
            ("POST", gsp, "application/n-triples")
        ] * (chunks - 1)
        assert all(r.query["graph"] == [reqs[0].query["graph"][0]] for r in reqs[:chunks])
        assert "push-tmp" in reqs[0].query["graph"][0]
    else:
        want = [("POST", upd, "application/sparql-update")] * chunks
        assert reqs[0].body.startswith(
            b"DROP SILENT GRAPH <https://w3id.org/conflict-kg/graph/push-tmp/"
        )
        assert all(
            b"INSERT DATA { GRAPH <https://w3id.org/conflict-kg/graph/push-tmp/" in r.body
            for r in reqs[:chunks]
        )
    want += [("POST", upd, "application/sparql-update"), count]
    assert seen == want
    assert reqs[chunks].body.decode().startswith("MOVE GRAPH <https://w3id.org/conflict-kg/")
    assert reqs[chunks].body.decode().endswith(f"TO GRAPH <{GRAPH_IRI}>\n")
    if protocol == "gsp":
        assert b"".join(r.body for r in reqs[:chunks]) == merged_nt(store_path)
    for r in reqs:
        assert SECRET.encode() not in r.body
        assert SECRET not in r.headers["authorization"]


@pytest.mark.parametrize("profile", [p for p in PROFILES if not PROFILES[p].chunked])
@pytest.mark.parametrize("found", [0, 5])
def test_graph_streams_in_one_request_with_a_length(store_path, profile, found) -> None:
    """Without --chunk-size a graph goes in one PUT, from a temporary file with a
    Content-Length (Virtuoso ignores chunked bodies); straight into an empty target."""
    base, gsp, _, query = PROFILE_URLS[profile]
    want = merged_nt(store_path)
    n_sent = want.count(b"\n")
    with FaultyServer(count=found) as rec:
        push(
            store_path, rec.url + base, PushOptions(profile=profile, graph=GRAPH_IRI, verify=False)
        )
    reqs = rec.requests
    assert [(r.method, r.path) for r in reqs][:2] == [("POST", query), ("PUT", gsp)]
    assert reqs[1].headers["content-length"] == str(len(want))
    assert "transfer-encoding" not in reqs[1].headers
    assert sorted(reqs[1].body.splitlines()) == want.splitlines()  # in the store's order
    target = reqs[1].query["graph"][0]
    if found:
        assert "push-tmp" in target
        assert reqs[2].body.decode().startswith("MOVE GRAPH")
        assert len(reqs) == 3
    else:
        assert target == GRAPH_IRI
        assert len(reqs) == 2
    assert n_sent > 0


def test_dry_run_lists_requests_without_sending_or_showing_the_password(
    store_path,
) -> None:
    with FaultyServer() as rec:
        res = run(
            rec.url,
            "--store",
            str(store_path),
            "--dry-run",
            "--chunk-size",
            "500",
            "--user",
            "ana",
            "--password-env",
            "KG_TEST_PW",
            "--graph",
            GRAPH_IRI,
            env={"KG_TEST_PW": SECRET},
        )
        assert rec.requests == []
    assert res.exit_code == 0, res.output
    n = merged_nt(store_path).count(b"\n")
    lines = res.output.splitlines()
    assert lines[0] == (
        "dry run: replace via gsp (oxigraph profile), basic auth as ana (password from $KG_TEST_PW)"
    )
    assert lines[1].startswith(f"  POST {rec.url}/query  -- count the triples")
    assert lines[2].startswith(f"  PUT  {rec.url}/store?graph=https%3A%2F%2Fw3id.org")
    assert f"  POST {rec.url}/update  -- replace: swap 1 target graph(s) in one update" in lines
    assert lines[-1] == (f"would send {n:,} triples to 1 graph(s) in {len(lines) - 2} requests")
    assert SECRET not in res.output


def test_count_mismatch_is_reported(store_path) -> None:
    with FaultyServer(count=3) as rec:
        res = run(rec.url, "--store", str(store_path))
    n = merged_nt(store_path).count(b"\n")
    assert res.exit_code == 1
    assert res.output == (
        f"Error: the COUNT at {rec.url}/query does not match what was sent (default graph: "
        f"sent {n}, found 3): another writer may be using the same graphs, or the store's "
        "default graph is the union of its graphs (push into --graph IRI instead); "
        "--no-verify skips this check\n"
    )
    with FaultyServer(count=3) as rec:
        assert run(rec.url, "--store", str(store_path), "--no-verify").exit_code == 0


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["--user", "ana"],
            {},
            "Error: --user ana needs --password-env VAR: the name of an "
            "environment variable holding the password (passwords are never given on the "
            "command line)\n",
        ),
        (
            ["--user", "ana", "--password-env", "KG_UNSET_PW"],
            {"KG_UNSET_PW": None},
            "Error: the environment variable KG_UNSET_PW named by --password-env is not set: "
            "export KG_UNSET_PW=... before running kg push\n",
        ),
        (
            ["--graph", "not an iri"],
            {},
            "Error: --graph 'not an iri' is not an absolute IRI: "
            "give one such as https://example.org/graph/conflict, or leave it out for the "
            "default graph\n",
        ),
        (
            ["--graphs", "per-article", "--graph", GRAPH_IRI],
            {},
            "Error: --graph names the one "
            "target of a merged push: leave it out with --graphs per-article, where each graph "
            "keeps its own IRI\n",
        ),
        (["--chunk-size", "0"], {}, "Error: --chunk-size must be at least 1, got 0\n"),
    ],
)
def test_option_errors(store_path, args, env, message) -> None:
    res = run("http://127.0.0.1:9", "--store", str(store_path), *args, env=env)
    assert res.exit_code == 1
    assert res.output == message


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://ana:pw@127.0.0.1:7878",
            "the URL http://127.0.0.1:7878 carries credentials: "
            "remove them and pass --user U --password-env VAR (the password is read from that "
            "environment variable)",
        ),
        (
            "localhost:7878",
            "'localhost:7878' is not an http(s) URL: give the store's address, "
            "e.g. http://localhost:7878 for Oxigraph or http://localhost:3030/DATASET for Fuseki",
        ),
    ],
)
def test_bad_endpoints(url, message) -> None:
    with pytest.raises(PushError) as e:
        endpoints("oxigraph", url)
    assert str(e.value) == message
    assert "pw@" not in str(e.value)


def test_password_is_not_an_option(store_path) -> None:
    res = run("http://127.0.0.1:9", "--store", str(store_path), "--password", SECRET)
    assert res.exit_code == 2
    assert "No such option '--password'" in res.output
