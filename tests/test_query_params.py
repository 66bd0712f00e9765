"""Query parameters and SPARQL text: typed and entity parameters, injection, VALUES binding,
syntax errors, updates, and the header of a query file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import copy_store
from query_helpers import kg, rows
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.query.catalog import load_query, parse_header
from kg.query.run import run_query
from kg.query.sparql import bind_values
from kg.rdf.store import KGStore

INJECTION = 'x" } ; DROP ALL ; SELECT * { "'


# ------------------------------------------------------------------ parameters


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"client": "government forces"},
            "parameter 'client' of query 'backers': 'government forces' names 2 actors: "
            "Iraqi Security Forces <https://w3id.org/conflict-kg/id/actor/iraqi-security-forces>; "
            "Syrian Arab Army <https://w3id.org/conflict-kg/id/actor/syrian-arab-army>. "
            "Give the IRI of the one you mean",
        ),
        (
            {"client": "Hizbollah"},
            "parameter 'client' of query 'backers': no actor named 'Hizbollah'; "
            "close matches: Hezbollah",
        ),
        (
            {"client": "Raqqa"},
            "parameter 'client' of query 'backers': no actor named 'Raqqa'; "
            "list them with 'kg query actors'",
        ),
        (
            {"client": "id:actor/nobody"},
            "parameter 'client' of query 'backers': no actor with IRI "
            "<https://w3id.org/conflict-kg/id/actor/nobody> in the graph; "
            "list them with 'kg query actors'",
        ),
        (
            {"patron": "Iran"},
            "query 'backers' has no parameter 'patron'; its parameters are: "
            "client (actor, optional), sponsor (actor, optional), theatre (theatre, optional)",
        ),
    ],
)
def test_bad_entity_parameters(richer: KGStore, params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError) as e:
        run_query(load_query("backers"), richer, params)
    assert str(e.value) == message


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        (
            "actor-profile",
            {},
            "query 'actor-profile' needs --param actor=VALUE "
            "(an actor: its label or an alias (case-insensitive), or its IRI)",
        ),
        (
            "events-timeline",
            {"from": "3 Nov 2017"},
            "parameter 'from' of query 'events-timeline': '3 Nov 2017' is not a date; "
            "use YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "events-timeline",
            {"to": "2017-13"},
            "parameter 'to' of query 'events-timeline': '2017-13' is not a date; "
            "use YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "proxy-chains",
            {"min_length": "two"},
            "parameter 'min_length' of query 'proxy-chains': 'two' is not an integer",
        ),
        (
            "evidence",
            {"fact": "not an iri"},
            "parameter 'fact' of query 'evidence': 'not an iri' is not an IRI; give "
            "<https://...>, an absolute IRI or a prefixed name with one of the prefixes "
            "ckg, id, rdf, rdfs, owl, xsd, skos, prov, schema, geo, dcterms",
        ),
    ],
)
def test_bad_typed_parameters(
    store: KGStore, name: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError) as e:
        run_query(load_query(name), store, params)
    assert str(e.value) == message


def test_bad_type_parameter_lists_classes(store: KGStore) -> None:
    with pytest.raises(
        QueryError, match=r"'Kapture' is not a conflict-kg class; use one of .*Capture"
    ):
        run_query(load_query("events-timeline"), store, {"type": "Kapture"})


@pytest.mark.parametrize(
    "value",
    [
        "Syrian Democratic Forces",
        "syrian democratic forces",
        "SDF",
        "  the sdf ",
        "id:actor/syrian-democratic-forces",
        "<https://w3id.org/conflict-kg/id/actor/syrian-democratic-forces>",
        "https://w3id.org/conflict-kg/id/actor/syrian-democratic-forces",
    ],
)
def test_actor_parameter_accepts_labels_aliases_and_iris(store: KGStore, value: str) -> None:
    got = run_query(load_query("backers"), store, {"client": value})
    assert rows(got, "sponsorLabel") == [("United States",)]


def test_injection_is_data(store_path: Path, tmp_path: Path) -> None:
    path = copy_store(store_path, tmp_path / "copy")
    with KGStore(path) as st:
        before = sorted(str(q) for q in st.quads())
        # as an actor label: no such actor, a clean error
        with pytest.raises(QueryError, match="no actor named"):
            run_query(load_query("backers"), st, {"client": INJECTION})
        # as a string: comes back unchanged as a value
        got = run_query("SELECT ?v WHERE { }", st, {"v": INJECTION})
        assert got.rows == [(Literal(INJECTION),)]
        after = sorted(str(q) for q in st.quads())
    assert after == before


def test_injection_through_cli(store_path: Path, tmp_path: Path) -> None:
    path = copy_store(store_path, tmp_path / "copy")
    with KGStore(path, read_only=True) as st:
        before = len(st)
    for args in (
        ["backers", "--param", f"client={INJECTION}"],
        ["events-timeline", "--param", f"from={INJECTION}"],
        ["-e", "SELECT ?v WHERE { }", "--param", f"v={INJECTION}", "--format", "csv"],
    ):
        code, out, err = kg("query", *args, "--store", str(path))
        assert "Traceback" not in out + err
        assert code in (0, 1), err
    assert code == 0
    assert out.splitlines() == ["v", '"x"" } ; DROP ALL ; SELECT * { """']
    with KGStore(path, read_only=True) as st:
        assert len(st) == before


# ------------------------------------------------------------------ SPARQL text


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", 15),
        ("select * { ?s ?p ?o }", 9),
        ("PREFIX a: <x:#a> # {\nSELECT ?s WHERE { ?s a:p '{' }", 37),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 29),
        ("ASK { ?s ?p ?o }", 4),
    ],
)
def test_values_go_into_the_where_group(text: str, where: int) -> None:
    out = bind_values(text, {"o": URIRef("https://example.org/o")})
    assert out[where] == "{"
    assert out[where + 1 :].startswith(" VALUES (?o) { (<https://example.org/o>) }\n")


def test_bind_values_refuses_unsafe_iri_and_describe_without_where() -> None:
    with pytest.raises(QueryError, match="is not a valid absolute IRI"):
        bind_values("SELECT * { ?s ?p ?o }", {"o": URIRef("x> } DROP ALL { <y")})
    with pytest.raises(QueryError, match="and this query has none"):
        bind_values("DESCRIBE <https://example.org/x>", {"o": Literal(1)})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTR(?o) }",
            "line 3, column 3: expected a triple pattern, FILTER, OPTIONAL, BIND, VALUES, MINUS, "
            "UNION, GRAPH or SERVICE; found 'FILTR(?o)'\n    FILTR(?o) }\n    ^",
        ),
        (
            "SELECT * { ?s ?p ?o } ; DROP ALL",
            "line 1, column 23: expected GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, VALUES or "
            "the end of the query; found ';'\n  SELECT * { ?s ?p ?o } ; DROP ALL\n"
            "                        ^",
        ),
        (
            "SELECT ?a WHERE { ?a ckg:backs ?b ",
            "line 1, column 34: expected '}' to close the '{' at line 1, column 17\n"
            "  SELECT ?a WHERE { ?a ckg:backs ?b \n                                   ^",
        ),
        (
            "SELECT ?a WHERE {\n ?a ckg:backs ?b .\n FILTER(?b = ) }",
            "line 3, column 2: this FILTER cannot be read: check its brackets and operands\n"
            "   FILTER(?b = ) }\n   ^",
        ),
        (
            "SELEC ?a WHERE { ?a ?b ?c }",
            "line 1, column 1: expected SELECT, CONSTRUCT, ASK or DESCRIBE (or PREFIX), "
            "found 'SELEC'\n  SELEC ?a WHERE { ?a ?b ?c }\n  ^",
        ),
        (
            "SELECT ?a WHERE { ?a ?b 'Raqqa }",
            "line 1, column 25: this string is never closed: add the closing '\n"
            "  SELECT ?a WHERE { ?a ?b 'Raqqa }\n                          ^",
        ),
    ],
)
def test_syntax_errors_say_what_was_expected_where(text: str, message: str) -> None:
    code, _out, err = kg("query", "-e", text, "--store", "/nonexistent-store-unused")
    assert code == 1
    assert err.rstrip("\n") == f"Error: SPARQL syntax error in -e at {message}"


def test_an_unknown_prefix_lists_the_defined_ones(store_path: Path) -> None:
    text = "PREFIX ex: <https://example.org/>\nSELECT ?a WHERE { ?a ex:p ?b ; foo:backs ?c }"
    code, _out, err = kg("query", "-e", text, "--store", str(store_path))
    assert code == 1
    first, line, caret = err.rstrip("\n").split("\n")
    assert first.startswith(
        "Error: SPARQL syntax error in -e at line 2, column 32: unknown prefix 'foo:'; "
        "the defined prefixes are ckg, id, rdf, rdfs, owl, xsd"
    ), first
    assert ", ex, " in first
    assert first.endswith("(declare others with PREFIX foo: <...>)")
    assert line == "  " + text.split("\n")[1]
    assert caret == " " * (2 + 31) + "^"


@pytest.mark.parametrize(
    "update",
    ["DROP ALL", "CLEAR DEFAULT", "INSERT DATA { <x:a> <x:b> <x:c> }", "drop  all ;"],
)
def test_updates_are_refused_without_flag(store_path: Path, update: str) -> None:
    code, out, err = kg("query", "-e", update, "--store", str(store_path))
    assert code == 1, out
    assert err.strip() == (
        "Error: refused: -e is a SPARQL Update, which changes the store; add --update to run it"
    )


def test_update_runs_with_flag(store_path: Path, tmp_path: Path) -> None:
    path = copy_store(store_path, tmp_path / "copy")
    code, _out, err = kg("query", "-e", "DROP ALL", "--update", "--store", str(path))
    assert code == 0, err
    assert err.startswith(
        "update applied: the named graphs hold 0 quads; the merged default graph +0 −"
    )
    with KGStore(path, read_only=True) as st:
        assert len(st) == 0


@pytest.mark.parametrize(
    "update",
    [
        'INSERT DATA { GRAPH <urn:mine> { <urn:a> <urn:b> "mine" } }',  # a graph of one's own
        "DELETE WHERE { GRAPH ?g { ?s a ckg:Event } }",  # out of the article graphs
        'INSERT DATA { <urn:a> <urn:b> "stray" }',  # into the default graph: not a named graph's
    ],
)
def test_an_update_leaves_the_default_graph_the_merge_of_the_named_graphs(
    store_path: Path, tmp_path: Path, update: str
) -> None:
    # builds keep the merge write by write: an update must leave it right, as nothing would
    # recompute it later
    path = copy_store(store_path, tmp_path / "copy")
    code, _out, err = kg("query", "-e", update, "--update", "--store", str(path))
    assert code == 0, err
    with KGStore(path, read_only=True) as st:
        merged = {(q.subject, q.predicate, q.object) for q in st.quads()}
        default = st.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())
        assert {(q.subject, q.predicate, q.object) for q in default} == merged


def test_an_update_with_an_unknown_prefix_says_so(store_path: Path) -> None:
    text = "INSERT DATA { foo:a ckg:backs id:b }"
    code, _out, err = kg("query", "-e", text, "--update", "--store", str(store_path))
    assert code == 1
    assert err.startswith(
        "Error: SPARQL syntax error in -e at line 1, column 15: unknown prefix 'foo:'; "
        "the defined prefixes are ckg, id, rdf,"
    ), err


def test_update_flag_with_a_query_is_refused(store_path: Path) -> None:
    code, _out, err = kg("query", "-e", "ASK {}", "--update", "--store", str(store_path))
    assert (code, err.strip()) == (
        1,
        "Error: --update expects a SPARQL Update; this is a query: drop --update",
    )


# ------------------------------------------------------------------ header format


def test_parse_header_reads_continuations_and_params() -> None:
    q = parse_header(
        "demo",
        "# title: A demo\n# description: first part\n#   and the rest\n"
        "# param: who actor required -- the actor\n# param: n integer default 5\n"
        "# example: kg query demo --param who=Iran\nSELECT * { ?s ?p ?who }",
    )
    assert q.title == "A demo"
    assert q.description == "first part and the rest"
    assert [p.signature() for p in q.params] == ["who (actor, required)", "n (integer, default 5)"]
    assert q.params[0].doc == "the actor"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("# param: who", "cannot read the header line '# param: who'"),
        ("# param: who person optional", "parameter 'who' has unknown type 'person'"),
        ("# param: 1x actor optional", "parameter name '1x' is not a SPARQL variable name"),
    ],
)
def test_bad_header_lines(line: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse_header("demo", f"{line}\nSELECT * {{}}")
