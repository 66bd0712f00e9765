"""``kg query`` on the command line: listing, describing, query files, output formats, errors."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from query_helpers import ALL_QUERIES, kg
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.query.catalog import list_queries
from kg.query.formats import format_result
from kg.query.run import QueryResult

# ------------------------------------------------------------------ CLI


def test_list() -> None:
    code, out, _err = kg("query", "--list")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ALL_QUERIES
    for line, q in zip(lines, list_queries(), strict=True):
        assert line.endswith("  " + q.title)


def test_describe() -> None:
    code, out, _err = kg("query", "backers", "--describe")
    assert code == 0
    assert (
        out.splitlines()[0]
        == "backers: Who backs whom: sponsor, client, dates and number of sources"
    )
    assert "Parameters:" in out.splitlines()
    assert "  client (actor, optional): only sponsors of this actor (label, alias or IRI)" in out
    assert '  kg query backers --param client="Syrian Democratic Forces"' in out


def test_query_file_path(store_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "mine.rq"
    f.write_text(
        "# title: mine\n# param: who actor required\n"
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
        "SELECT ?c WHERE { ?who ckg:backs ?c } ORDER BY ?c\n",
        encoding="utf-8",
    )
    code, out, err = kg("query", str(f), "-p", "who=Iran", "-f", "csv", "--store", str(store_path))
    assert code == 0, err
    assert out.splitlines() == [
        "c",
        "https://w3id.org/conflict-kg/id/actor/popular-mobilization-forces",
        "https://w3id.org/conflict-kg/id/actor/syrian-arab-army",
    ]


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml", "md"])
def test_formats(store_path: Path, fmt: str) -> None:
    code, out, err = kg("query", "backers", "--format", fmt, "--store", str(store_path))
    assert code == 0, err
    head = ["sponsor", "sponsorLabel", "client", "clientLabel", "start", "end", "sources",
            "confidence", "hedged"]  # fmt: skip
    sponsors = ["Iran", "Iran", "Russia", "United States", "United States"]
    if fmt == "table":
        lines = out.splitlines()
        assert lines[0].split() == head
        assert [line.split()[1] for line in lines[2:]] == [
            "Iran",
            "Iran",
            "Russia",
            "United",
            "United",
        ]
        assert lines[2].startswith("<https://w3id.org/conflict-kg/id/actor/iran> ")
        assert err == "(5 rows)\n"
    elif fmt == "md":
        lines = out.splitlines()
        assert lines[0] == "| " + " | ".join(head) + " |"
        assert [line.split(" | ")[1] for line in lines[2:]] == sponsors
    elif fmt == "csv":
        table = list(csv.reader(io.StringIO(out)))
        assert table[0] == head
        assert [r[1] for r in table[1:]] == sponsors
        assert table[1][0] == "https://w3id.org/conflict-kg/id/actor/iran"
    elif fmt == "tsv":
        lines = out.splitlines()
        assert lines[0] == "\t".join(f"?{h}" for h in head)
        assert lines[1].split("\t")[:2] == [
            "<https://w3id.org/conflict-kg/id/actor/iran>",
            '"Iran"',
        ]
        assert len(lines) == 6
    elif fmt == "json":
        doc = json.loads(out)
        assert doc["head"]["vars"] == head
        assert [b["sponsorLabel"]["value"] for b in doc["results"]["bindings"]] == sponsors
        assert "start" not in doc["results"]["bindings"][0]
    else:
        ns = "{http://www.w3.org/2005/sparql-results#}"
        root = ET.fromstring(out)
        assert [v.get("name") for v in root.iter(f"{ns}variable")] == head
        assert len(list(root.iter(f"{ns}result"))) == 5


def test_construct_gives_turtle(store_path: Path) -> None:
    from rdflib import Graph

    code, out, err = kg(
        "query", "-e", "CONSTRUCT { ?s ckg:backs ?o } WHERE { ?s ckg:backs ?o }",
        "--store", str(store_path),
    )  # fmt: skip
    assert code == 0, err
    assert len(Graph().parse(data=out, format="turtle")) == 5
    code, _out, err = kg(
        "query", "-e", "DESCRIBE ?s WHERE { ?s a ckg:Capture }", "-f", "json",
        "--store", str(store_path),
    )  # fmt: skip
    assert code == 1
    assert "returns a graph, written as Turtle" in err


def test_ask(store_path: Path) -> None:
    code, out, _err = kg("query", "-e", "ASK { ?s ckg:backs ?o }", "--store", str(store_path))
    assert (code, out) == (0, "true\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "Error: no named query 'nope'; the named queries are: "),
        (
            ["--store", "/nonexistent/store", "actors"],
            "Error: no conflict-kg store at /nonexistent/store",
        ),
        (
            ["-e", "ASK {}", "--endpoint", "ftp://x"],
            "Error: endpoint 'ftp://x' is not an http(s) URL",
        ),
        (
            ["-e", "ASK {}", "--store", "s", "--endpoint", "http://x"],
            "Error: give --store or --endpoint, not both",
        ),
        ([], "Error: give a query NAME or FILE.rq, or -e 'SPARQL' (one of them)"),
        (
            ["backers", "--param", "client"],
            "Error: Invalid value for --param: 'client' is not NAME=VALUE",
        ),
    ],
)
def test_cli_errors(args: list[str], message: str) -> None:
    code, _out, err = kg("query", *args)
    assert code != 0
    assert err.splitlines()[-1].startswith(message), err
    assert "Traceback" not in err


def test_unreachable_endpoint() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, _out, err = kg("query", "actors", "--endpoint", f"http://127.0.0.1:{port}/query")
    assert code == 1
    assert err.startswith(
        f"Error: cannot reach the SPARQL endpoint http://127.0.0.1:{port}/query: "
    )


def test_format_result_rejects_unknown_format() -> None:
    with pytest.raises(QueryError, match="unknown format 'yaml'"):
        format_result(QueryResult("SELECT"), "yaml")


@pytest.mark.slow
def test_docs_queries_md_is_what_its_generator_writes() -> None:
    """docs/queries.md shows every named query and its sample output: regenerate it (``docs/
    gen_queries_md.py``) when a query or the intro changes."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, str(root / "docs" / "gen_queries_md.py"), "--check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_iris_shown_paste_back_into_a_query(store_path: Path, fmt: str) -> None:
    code, out, err = kg("query", "backers", "--store", str(store_path), "--format", fmt)
    assert code == 0, err
    shown = re.findall(r"<https://[^>\s]+>|\b[a-z]+:[A-Za-z]\S*", out)
    assert shown, out
    for iri in sorted(set(shown)):
        code, out, err = kg("query", "-e", f"ASK {{ {iri} ?p ?o }}", "--store", str(store_path))
        assert (code, out.strip()) == (0, "true"), f"{iri}: {err}"


def test_long_iris_are_never_cut_in_tables() -> None:
    from kg.query.formats import format_result
    from kg.query.run import QueryResult

    iri = URIRef("https://w3id.org/conflict-kg/id/relation/" + "backs-" * 20 + "x")
    text = Literal("word " * 40)
    out = format_result(QueryResult("SELECT", ["fact", "quote"], [(iri, text)]), "table")
    row = out.splitlines()[2]
    assert row.startswith(f"<{iri}>  ")
    assert row.endswith("…")
