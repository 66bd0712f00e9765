"""The named queries: their files, their rows on the handmade graph (and where its articles
disagree), their theatre parameter, their order, and what they find in the seed articles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import handmade_articles, write_articles
from query_helpers import ALL_QUERIES, rows
from rdflib import RDFS, Dataset, Literal, URIRef

from kg.errors import QueryError
from kg.query.catalog import PARAM_TYPES, load_query
from kg.query.run import run_query
from kg.query.sparql import classify
from kg.rdf.namespace import GRAPH
from kg.rdf.store import KGStore, from_ox

#: parameters a query cannot run without (everything else runs with none)
REQUIRED = {"actor-profile": {"actor": "Syrian Democratic Forces"}}


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


def ended_holding_article(holder_until: str) -> Any:
    """An article of ours: the SDF took Tabqa from Islamic State, who held it until then."""
    from handmade import evidence

    from kg.model import ArticleFacts, ArticleMeta, Entity, EventFact, FuzzyDate, RelationFact

    t = "The SDF took Tabqa from Islamic State in May 2017, months after the siege began."
    a = ArticleFacts(ArticleMeta("four.txt", "Tabqa", "Wire", FuzzyDate(2017, 10, 1)), t)
    for name, cls in (("Syrian Democratic Forces", "ArmedGroup"), ("Islamic State", "ArmedGroup")):
        a.entities[name] = Entity(name, "actor", cls, name)
        a.mentions[name] = {name}
    a.entities["Tabqa"] = Entity("Tabqa", "place", "Settlement", "Tabqa", country="Syria")
    a.mentions["Tabqa"] = {"Tabqa"}
    took = evidence(t, "The SDF took Tabqa from Islamic State in May 2017")
    a.events.append(
        EventFact(
            "Capture",
            took,
            ["Syrian Democratic Forces"],
            ["Islamic State"],
            [],
            "Tabqa",
            FuzzyDate(2017, 5),
        )
    )
    y, m = (int(x) for x in holder_until.split("-"))
    a.relations.append(
        RelationFact("controls", "Islamic State", "Tabqa", took, end=FuzzyDate(y, m))
    )
    return a


@pytest.mark.parametrize(
    ("until", "latest"),
    [("2017-05", "Syrian Democratic Forces"), ("2017-04", "Syrian Democratic Forces")],
)
def test_an_ended_holding_is_never_the_latest_holder(until: str, latest: str) -> None:
    # dated by its article (later than the capture) it would outrank the capture
    with KGStore(None) as st:
        write_articles(st, [ended_holding_article(until)])
        got = run_query(load_query("territorial-control"), st, {"place": "Tabqa"})
    assert rows(got, "controllerLabel", "date", "until", "basis", "latest") == [
        ("Islamic State", "", until, "control ended", latest),
        ("Syrian Democratic Forces", "2017-05", "", "capture", latest),
    ]


def holding_again_article() -> Any:
    """A later article of ours: Islamic State holds Tabqa again (no end stated)."""
    from handmade import evidence

    from kg.model import ArticleFacts, ArticleMeta, Entity, FuzzyDate, RelationFact

    t = "Islamic State fighters hold Tabqa again after a night raid."
    a = ArticleFacts(ArticleMeta("five.txt", "Tabqa again", "Wire", FuzzyDate(2017, 12, 20)), t)
    a.entities["Islamic State"] = Entity("Islamic State", "actor", "ArmedGroup", "Islamic State")
    a.mentions["Islamic State"] = {"Islamic State"}
    a.entities["Tabqa"] = Entity("Tabqa", "place", "Settlement", "Tabqa", country="Syria")
    a.mentions["Tabqa"] = {"Tabqa"}
    a.relations.append(
        RelationFact("controls", "Islamic State", "Tabqa", evidence(t, "hold Tabqa again"))
    )
    return a


def test_a_holding_stated_again_later_is_current() -> None:
    # the relationship node is shared: one article's end must not end another's holding
    with KGStore(None) as st:
        write_articles(st, [ended_holding_article("2017-05"), holding_again_article()])
        got = run_query(load_query("territorial-control"), st, {"place": "Tabqa"})
    assert set(rows(got, "controllerLabel", "basis", "latest")) >= {
        ("Islamic State", "control", "Islamic State"),
        ("Syrian Democratic Forces", "capture", "Islamic State"),
    }
    assert ("Islamic State", "control ended", "Islamic State") not in rows(
        got, "controllerLabel", "basis", "latest"
    )


def test_a_place_with_only_an_ended_holding_has_no_latest_holder() -> None:
    with KGStore(None) as st:
        art = ended_holding_article("2017-05")
        art.events.clear()
        write_articles(st, [art])
        got = run_query(load_query("territorial-control"), st, {"place": "Tabqa"})
    assert rows(got, "controllerLabel", "basis", "latest") == [
        ("Islamic State", "control ended", "")
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
