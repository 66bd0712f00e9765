"""Named SPARQL queries, parameters, output formats and ``kg query`` (issue 3)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import copy_store, handmade_articles, write_articles
from rdflib import RDFS, Dataset, Literal, URIRef

from kg.cli import cli
from kg.errors import QueryError
from kg.model import ArticleFacts, ArticleMeta, Entity, EventFact, Evidence, FuzzyDate, RelationFact
from kg.query.catalog import PARAM_TYPES, list_queries, load_query, parse_header
from kg.query.formats import format_result, short
from kg.query.run import QueryResult, run_query
from kg.query.sparql import bind_values, classify
from kg.rdf.namespace import GRAPH
from kg.rdf.store import KGStore, from_ox
from kg.resources import queries_dir

INJECTION = 'x" } ; DROP ALL ; SELECT * { "'
ALL_QUERIES = sorted(p.stem for p in queries_dir().glob("*.rq"))
#: parameters a query cannot run without (everything else runs with none)
REQUIRED = {"actor-profile": {"actor": "Syrian Democratic Forces"}}


def _ev(text: str, quote: str, conf: float = 0.8, hedged: bool = False) -> Evidence:
    start = text.index(quote)
    return Evidence(quote, start, start + len(quote), "test", conf, hedged)


def third_article() -> ArticleFacts:
    """An article that disagrees with the handmade ones, and adds a proxy chain."""
    t = (
        "Tehran arms Hezbollah, and Hezbollah is thought to fund the Shiite militias. "
        "One report had government forces entering Raqqa in October, while another "
        "dated the SDF's entry to September."
    )
    a = ArticleFacts(
        ArticleMeta("three.txt", "Raqqa disputed", "Other Wire", FuzzyDate(2017, 11, 5)), t
    )
    actors = {
        "Iran": "State",
        "Hezbollah": "ArmedGroup",
        "Shiite militias": "Militia",
        "Syrian Arab Army": "ArmedForces",
        "Iraqi Security Forces": "ArmedForces",
        "Syrian Democratic Forces": "ArmedGroup",
    }
    for name, cls in actors.items():
        a.entities[name] = Entity(name, "actor", cls, name)
    a.entities["Raqqa"] = Entity(
        "Raqqa", "place", "Settlement", "Raqqa", country="Syria", parent="Syria"
    )
    a.mentions = {k: {k} for k in actors if k != "Iraqi Security Forces"} | {"Raqqa": {"Raqqa"}}
    a.mentions["Iran"].add("Tehran")
    # "government forces" names two different actors: an ambiguous alias
    a.mentions["Syrian Arab Army"].add("government forces")
    a.mentions["Iraqi Security Forces"] = {"government forces"}
    a.relations += [
        RelationFact("backs", "Iran", "Hezbollah", _ev(t, "Tehran arms Hezbollah")),
        RelationFact(
            "backs",
            "Hezbollah",
            "Shiite militias",
            _ev(t, "Hezbollah is thought to fund the Shiite militias", 0.5, hedged=True),
        ),
    ]
    a.events += [
        EventFact(
            "Capture",
            _ev(t, "government forces entering Raqqa in October"),
            ["Syrian Arab Army"],
            [],
            [],
            "Raqqa",
            FuzzyDate(2017, 10),
        ),
        EventFact(
            "Capture",
            _ev(t, "dated the SDF's entry to September"),
            ["Syrian Democratic Forces"],
            ["Islamic State"],
            [],
            "Raqqa",
            FuzzyDate(2017, 9),
        ),
    ]
    return a


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handmade articles, built once for the module (tests must not write to it)."""
    path = tmp_path_factory.mktemp("query") / "store"
    with KGStore(path) as st:
        write_articles(st, handmade_articles())
    return path


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[KGStore]:
    with KGStore(store_path, read_only=True) as st:
        yield st


@pytest.fixture(scope="module")
def richer() -> Iterator[KGStore]:
    """The handmade articles plus :func:`third_article` (in memory)."""
    with KGStore(None) as st:
        write_articles(st, [*handmade_articles(), third_article()])
        yield st


def rows(result: QueryResult, *cols: str) -> list[tuple[str, ...]]:
    """Selected columns of each row, as shown in a table."""
    return [tuple(short(d.get(c)) for c in cols) for d in result.dicts()]


def kg(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


# ------------------------------------------------------------------ the query files


@pytest.mark.parametrize("name", ALL_QUERIES)
def test_query_file_header_is_complete(name: str) -> None:
    q = load_query(name)
    assert q.title, f"{name}.rq: no title"
    assert q.description, f"{name}.rq: no description"
    assert q.examples, f"{name}.rq: no example"
    assert classify(q.text).form == "SELECT"
    for prefix in set(re.findall(r"\b([a-z]+):[A-Za-z]", q.text.split("SELECT", 1)[1])):
        assert re.search(rf"PREFIX\s+{prefix}:", q.text), f"{name}.rq: PREFIX {prefix} missing"
    for p in q.params:
        assert p.type in PARAM_TYPES
        assert f"?{p.name}" in q.text, f"{name}.rq: ?{p.name} never used"
    for example in q.examples:
        assert example.startswith(f"kg query {name}")
        for given in re.findall(r"--param (\w+)=", example):
            assert q.param(given) is not None, f"{name}.rq: example uses undeclared {given}"


def test_named_queries_cover_the_issue() -> None:
    assert set(ALL_QUERIES) >= {
        "actors", "backers", "proxy-chains", "alliances", "hostilities", "opposing-sponsors",
        "events-timeline", "territorial-control", "actor-profile", "evidence",
        "contested-facts", "places",
    }  # fmt: skip


# ------------------------------------------------------------------ rows on the handmade graph

US, SDF, SAA = "United States", "Syrian Democratic Forces", "Syrian Arab Army"
PMF, ISF, IS = "Popular Mobilization Forces", "Iraqi Security Forces", "Islamic State"

CASES = [
    (
        "actors",
        {"class": "ArmedGroup"},
        ("type", "label", "aliases", "articles"),
        [
            ("ckg:ArmedGroup", SDF, "SDF", "2"),
            ("ckg:Militia", PMF, "", "1"),
            ("ckg:Militia", "Shiite militias", "", "1"),
            ("ckg:TerroristOrganization", IS, "", "2"),
        ],
    ),
    (
        "actors",
        {"class": "State"},
        ("label", "articles"),
        [("Iran", "2"), ("Russia", "1"), (US, "2")],
    ),
    (
        "backers",
        {},
        ("sponsorLabel", "clientLabel", "sources", "confidence", "hedged"),
        [
            ("Iran", PMF, "1", "0.9", "false"),
            ("Iran", SAA, "1", "0.8", "false"),
            ("Russia", SAA, "1", "0.8", "false"),
            (US, SDF, "2", "0.95", "false"),
            (US, "US-led coalition", "1", "0.8", "false"),
        ],
    ),
    (
        "backers",
        {"client": "sdf"},
        ("sponsor", "clientLabel", "sources"),
        [("<https://w3id.org/conflict-kg/id/actor/united-states>", SDF, "2")],
    ),
    ("backers", {"sponsor": "Iran", "client": "Syrian army"}, ("clientLabel",), [(SAA,)]),
    (
        "proxy-chains",
        {"sponsor": "Russia"},
        ("sponsorLabel", "clientLabel", "length", "via"),
        [("Russia", SAA, "1", "")],
    ),
    ("proxy-chains", {"min_length": "2"}, ("sponsorLabel",), []),
    (
        "alliances",
        {},
        ("aLabel", "bLabel", "attestations", "sources"),
        [(ISF, PMF, "1", "1"), ("Shiite militias", SAA, "1", "1")],
    ),
    # the edge is written (Shiite militias, Syrian Arab Army): asking from the other end works
    ("alliances", {"actor": SAA}, ("aLabel", "bLabel"), [(SAA, "Shiite militias")]),
    (
        "hostilities",
        {},
        ("aLabel", "bLabel", "kind"),
        [
            (ISF, IS, "fights"),
            (IS, PMF, "fights"),
            (IS, SAA, "fights"),
            (IS, SDF, "fights"),
            (IS, "US-led coalition", "fights"),
            (SAA, SDF, "tensionWith"),
        ],
    ),
    (
        "hostilities",
        {"actor": SDF},
        ("aLabel", "bLabel", "kind", "sources"),
        [(SDF, IS, "fights", "1"), (SDF, SAA, "tensionWith", "1")],
    ),
    (
        "opposing-sponsors",
        {},
        ("sponsorALabel", "sponsorBLabel", "clientALabel", "clientBLabel", "kind"),
        [("Iran", US, SAA, SDF, "tensionWith"), ("Russia", US, SAA, SDF, "tensionWith")],
    ),
    (
        "opposing-sponsors",
        {"sponsor": "Russia"},
        ("sponsorALabel", "sponsorBLabel"),
        [("Russia", US)],
    ),
    (
        "events-timeline",
        {},
        ("date", "eventType", "placeLabel", "agents", "targets", "attestations"),
        [
            ("2017-10", "ckg:Capture", "Raqqa", SDF, IS, "1"),
            ("2017-11", "ckg:Airstrike", "Al-Qaim", "US-led coalition", IS, "1"),
            ("2017-11", "ckg:Displacement", "Al-Qaim", "", "", "1"),
            ("2017-11-03", "ckg:Capture", "Deir ez-Zor", SAA, IS, "1"),
            ("2017-11-04", "ckg:Capture", "Al-Qaim", f"{ISF} | {PMF}", IS, "1"),
        ],
    ),
    # places within: Deir ez-Zor lies in the governorate, which lies in Syria
    (
        "events-timeline",
        {"place": "Deir ez-Zor Governorate"},
        ("date", "placeLabel"),
        [("2017-11-03", "Deir ez-Zor")],
    ),
    (
        "events-timeline",
        {"place": "syria"},
        ("date", "placeLabel"),
        [("2017-10", "Raqqa"), ("2017-11-03", "Deir ez-Zor")],
    ),
    (
        "events-timeline",
        {"type": "Capture", "actor": "Iraqi forces"},
        ("date", "placeLabel"),
        [("2017-11-04", "Al-Qaim")],
    ),
    # a month overlaps a range starting inside it; 2017-10 does not
    (
        "events-timeline",
        {"from": "2017-11-03"},
        ("date", "eventType"),
        [
            ("2017-11", "ckg:Airstrike"),
            ("2017-11", "ckg:Displacement"),
            ("2017-11-03", "ckg:Capture"),
            ("2017-11-04", "ckg:Capture"),
        ],
    ),
    ("events-timeline", {"to": "2017-10-31"}, ("date", "placeLabel"), [("2017-10", "Raqqa")]),
    (
        "events-timeline",
        {"from": "2017-11-04", "to": "2017"},
        ("date", "eventType"),
        [
            ("2017-11", "ckg:Airstrike"),
            ("2017-11", "ckg:Displacement"),
            ("2017-11-04", "ckg:Capture"),
        ],
    ),
    (
        "territorial-control",
        {},
        ("placeLabel", "controllerLabel", "date", "basis", "latest"),
        [
            ("Al-Qaim", ISF, "2017-11-04", "capture", f"{ISF} | {PMF}"),
            ("Al-Qaim", IS, "2017-11-04", "control", f"{ISF} | {PMF}"),
            ("Al-Qaim", PMF, "2017-11-04", "capture", f"{ISF} | {PMF}"),
            ("Deir ez-Zor", SAA, "2017-11-03", "capture", SAA),
            ("Deir ez-Zor", SAA, "2017-11-03", "control", SAA),
            ("Raqqa", SDF, "2017-10", "capture", SDF),
        ],
    ),
    (
        "territorial-control",
        {"place": "Iraq", "actor": IS},
        ("placeLabel", "controllerLabel", "basis"),
        [("Al-Qaim", IS, "control")],
    ),
    (
        "actor-profile",
        {"actor": "SDF"},
        ("section", "role", "itemLabel", "otherLabel", "date", "attestations"),
        [
            ("class", "", "", "", "", ""),
            ("alias", "", "SDF", "", "", ""),
            ("relation", "client", f"{US} backs {SDF}", US, "", "2"),
            ("relation", "party", f"{SAA} in tension with {SDF}", SAA, "", "1"),
            ("relation", "party", f"{SDF} fights {IS}", IS, "", "1"),
            ("event", "agent", f"Capture of Raqqa by {SDF} (2017)", "", "2017-10", "1"),
            ("source", "", "Deir ez-Zor falls", "", "2017-11-03", ""),
            ("source", "", "Al-Qaim entered", "", "2017-11-04", ""),
        ],
    ),
    (
        "evidence",
        {"actor": US, "other": "SDF"},
        ("factLabel", "quote", "confidence", "hedged", "title", "published", "publisher"),
        [
            (
                f"{US} backs {SDF}",
                "The US-backed Syrian Democratic Forces",
                "0.9",
                "false",
                "Deir ez-Zor falls",
                "2017-11-03",
                "Test Wire",
            ),
            (
                f"{US} backs {SDF}",
                "The SDF is believed to be backed by the United States",
                "0.5",
                "true",
                "Al-Qaim entered",
                "2017-11-04",
                "",
            ),
        ],
    ),
    ("contested-facts", {}, ("factLabel", "issue"), []),
    (
        "places",
        {"within": "Syria"},
        ("label", "classes", "lat", "lon", "parentLabel", "countryLabel"),
        [
            ("Deir ez-Zor", "Settlement", "35.3359", "40.1408", "Deir ez-Zor Governorate", "Syria"),
            ("Deir ez-Zor Governorate", "Province", "", "", "Syria", "Syria"),
            ("Raqqa", "Settlement", "35.9594", "39.0079", "Syria", "Syria"),
        ],
    ),
    (
        "places",
        {},
        ("label",),
        [
            (n,)
            for n in ("Al-Qaim", "Deir ez-Zor", "Deir ez-Zor Governorate", "Iraq", "Raqqa", "Syria")
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "params", "cols", "expected"),
    CASES,
    ids=[f"{c[0]}-{'-'.join(c[1]) or 'all'}" for c in CASES],
)
def test_named_query_rows(
    store: KGStore, name: str, params: dict[str, str], cols: tuple[str, ...], expected: list
) -> None:
    assert rows(run_query(load_query(name), store, params), *cols) == expected


def test_every_named_query_is_covered() -> None:
    assert {c[0] for c in CASES} == set(ALL_QUERIES)


def test_evidence_of_one_fact_by_iri(store: KGStore) -> None:
    fact = "id:relation/backs-iran--syrian-arab-army"
    got = rows(run_query(load_query("evidence"), store, {"fact": fact}), "fact", "sourceName")
    assert got == [
        ("<https://w3id.org/conflict-kg/id/relation/backs-iran--syrian-arab-army>", "one.txt")
    ]


# ------------------------------------------------------------------ disagreements


def test_contested_facts(richer: KGStore) -> None:
    got = rows(run_query(load_query("contested-facts"), richer), "factLabel", "issue", "detail")
    saa = f"Capture of Raqqa by {SAA} (2017)"
    sdf = f"Capture of Raqqa by {SDF} (2017)"
    assert got == [
        (saa, "captured by another actor", sdf),
        (sdf, "captured by another actor", saa),
        (sdf, "dates disagree", "2017-09 vs 2017-10"),
        (
            "Hezbollah backs Shiite militias",
            "single hedged source",
            "Hezbollah is thought to fund the Shiite militias",
        ),
    ]


def test_proxy_chain_of_two_steps(richer: KGStore) -> None:
    got = run_query(load_query("proxy-chains"), richer, {"min_length": "2"})
    assert rows(got, "sponsorLabel", "clientLabel", "length", "via") == [
        ("Iran", "Shiite militias", "2", "Hezbollah")
    ]


def test_territorial_control_latest_of_disputed_place(richer: KGStore) -> None:
    got = run_query(load_query("territorial-control"), richer, {"place": "Raqqa"})
    assert rows(got, "controllerLabel", "date", "latest") == [
        (SDF, "2017-09", f"{SAA} | {SDF}"),
        (SAA, "2017-10", f"{SAA} | {SDF}"),
        (SDF, "2017-10", f"{SAA} | {SDF}"),
    ]


def test_an_entity_with_several_labels_shows_its_least_label_once() -> None:
    iran = URIRef("https://w3id.org/conflict-kg/id/actor/iran")
    extra = ("Islamic Republic of Iran", "A-Iran", "Iran (state)")
    with KGStore(None) as st:
        write_articles(st, handmade_articles())
        before = {n: run_query(load_query(n), st) for n in ("backers", "actors", "evidence")}
        more = [(iran, RDFS.label, Literal(x, lang="en")) for x in extra]
        st.replace_graph(GRAPH["labels"], more)
        for name, col in (("backers", "sponsorLabel"), ("actors", "label")):
            after = run_query(load_query(name), st)
            assert len(after.rows) == len(before[name].rows), name
            labels = {str(d[col]) for d in after.dicts() if col in d}
            assert "A-Iran" in labels, name
            assert not labels & {"Iran", *extra} - {"A-Iran"}, name
        assert len(run_query(load_query("evidence"), st).rows) == len(before["evidence"].rows)


def test_places_runs_on_rdflib_in_memory(store: KGStore) -> None:
    """rdflib's own engine (the benchmark's baseline) can sort places without a parent."""
    ds = Dataset(default_union=True)
    for q in store.quads():
        ds.graph(URIRef(str(getattr(q.graph_name, "value", "")))).add(
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
        )
    text = load_query("places").text

    def plain(rows: Iterable[Any]) -> list[tuple[object, ...]]:  # decimals differ in form
        return [
            tuple(float(t) if i in (3, 4) and t is not None else str(t) for i, t in enumerate(r))
            for r in rows
        ]

    assert plain(ds.query(text)) == plain(store.query(text))


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
    assert rows(got, "sponsorLabel") == [(US,)]


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
    with KGStore(path, read_only=True) as st:
        assert len(st) == 0


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
    sponsors = ["Iran", "Iran", "Russia", US, US]
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


# ------------------------------------------------------------------ the seed articles


@pytest.fixture(scope="module")
def seed(seed_store_path: Path) -> Iterator[KGStore]:
    with KGStore(seed_store_path, read_only=True) as st:
        yield st


@pytest.mark.parametrize("name", ALL_QUERIES)
def test_every_named_query_runs_on_the_seeds(seed: KGStore, name: str) -> None:
    result = run_query(load_query(name), seed, REQUIRED.get(name, {}))
    assert result.form == "SELECT"
    if name not in ("contested-facts", "proxy-chains", "alliances"):
        assert result.rows, f"{name} found nothing in the seed articles"


def test_seed_backers_of_sdf(seed: KGStore) -> None:
    got = run_query(load_query("backers"), seed, {"client": "Syrian Democratic Forces"})
    assert ("United States",) in rows(got, "sponsorLabel")


def test_seed_opposing_sponsors(seed: KGStore) -> None:
    got = rows(run_query(load_query("opposing-sponsors"), seed), "sponsorALabel", "sponsorBLabel")
    assert ("Iran", "United States") in got


def test_seed_capture_of_deir_ez_zor(seed: KGStore) -> None:
    got = run_query(
        load_query("events-timeline"), seed, {"place": "Deir ez-Zor", "type": "Capture"}
    )
    assert any(
        d == "2017-11-03" and "Syrian Arab Army" in agents.split(" | ")
        for d, agents in rows(got, "date", "agents")
    ), rows(got, "date", "label", "agents")


def test_format_result_rejects_unknown_format() -> None:
    with pytest.raises(QueryError, match="unknown format 'yaml'"):
        format_result(QueryResult("SELECT"), "yaml")


# ------------------------------------------------------------------ sorting on label pieces

#: strings that share 15, 30 and 45 characters, are prefixes of each other, run past the
#: last piece, and hold characters of more than one byte
_PIECES_STRINGS = [
    "Islamic State captures Raqqa",
    "Islamic State captures Raqqa (2017)",
    "Islamic State c",
    "Islamic State",
    "Islamic State – Khorasan Province",
    "Islamic State West Africa Province attacks Maiduguri and Monguno (2019)",
    "Islamic State West Africa Province attacks Maiduguri and Monguno (2018)",
    "Islamic State West Africa Province attacks Maiduguri",
    "Islamic State West Africa Province attacks Maiduguri and Monguno",
    "Deir ez-Zor",
    "Déir ez-Zor",
    "deir ez-Zor",
    "",
    "Z",
]
_PIECES_QUERY = """
SELECT ?s WHERE {
  VALUES ?s { %s }
  BIND(SUBSTR(?s, 1, 15) AS ?k1)
  BIND(SUBSTR(?s, 16, 15) AS ?k2)
  BIND(SUBSTR(?s, 31, 15) AS ?k3)
  BIND(SUBSTR(?s, 46) AS ?kr)
}
ORDER BY %s
"""


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_sorting_on_label_pieces_keeps_the_order_of_the_labels(engine: str) -> None:
    # evidence, opposing-sponsors and contested-facts sort on 15-character pieces of their
    # labels (fast in Oxigraph); the order must be exactly that of the whole labels
    values = " ".join(json.dumps(s) for s in _PIECES_STRINGS)
    by_pieces = _PIECES_QUERY % (values, "?k1 ?k2 ?k3 ?kr")
    by_label = _PIECES_QUERY % (values, "?s")
    if engine == "rdflib":
        g = Dataset()
        got = [str(r[0]) for r in g.query(by_pieces)]
        want = [str(r[0]) for r in g.query(by_label)]
    else:
        with KGStore(None) as st:
            got = [str(r[0]) for r in run_query(by_pieces, st).rows]
            want = [str(r[0]) for r in run_query(by_label, st).rows]
    assert got == want == sorted(_PIECES_STRINGS)


def _sort_key(*cells: Any) -> tuple[tuple[bool, str], ...]:
    """SPARQL's ORDER BY on strings: unbound first, then by code point."""
    return tuple((c is not None, "" if c is None else str(c)) for c in cells)


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("evidence", ("factLabel", "fact", "published", "sourceName", "quote")),
        (
            "opposing-sponsors",
            ("sponsorALabel", "sponsorBLabel", "clientALabel", "clientBLabel", "kind"),
        ),
        ("contested-facts", ("issue", "factLabel", "fact", "detail")),
    ],
)
def test_rows_come_sorted_by_their_labels(
    seed: KGStore, richer: KGStore, name: str, columns: tuple[str, ...]
) -> None:
    # these queries sort on pieces of labels and on ranks, not on the labels themselves
    for st in (seed, richer):
        result = run_query(load_query(name), st)
        keys = [_sort_key(*(d.get(c) for c in columns)) for d in result.dicts()]
        assert keys == sorted(keys), name
        if name == "contested-facts" and st is richer:
            assert len(keys) > 1


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


THEATRE_QUERIES = ["backers", "alliances", "hostilities", "events-timeline"]


def _theatres(st: KGStore) -> list[str]:
    q = (
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?l WHERE { ?t a ckg:Theatre ; rdfs:label ?l } ORDER BY ?l"
    )
    return [str(r["l"]) for r in run_query(q, st).dicts()]


@pytest.mark.parametrize("name", THEATRE_QUERIES)
def test_theatre_parameter_keeps_the_facts_of_that_theatre(richer: KGStore, name: str) -> None:
    theatres = _theatres(richer)
    assert theatres, "the handmade store has no theatre"
    everything = {tuple(sorted(d.items())) for d in run_query(load_query(name), richer).dicts()}
    seen: set[tuple[object, ...]] = set()
    for t in theatres:
        got = {
            tuple(sorted(d.items()))
            for d in run_query(load_query(name), richer, {"theatre": t}).dicts()
        }
        assert got <= everything, (name, t)
        seen |= got
    assert seen, name


def test_unknown_theatre_says_how_to_list_them(richer: KGStore) -> None:
    with pytest.raises(QueryError) as e:
        run_query(load_query("hostilities"), richer, {"theatre": "Atlantis"})
    assert "no theatre named 'Atlantis'" in str(e.value)
    assert "kg analyze theatres" in str(e.value)
