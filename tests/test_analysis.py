"""Actor-network analysis: hand-made signed graphs with known answers, the hand-made store,
the CLI, and the seed articles' Done-when checks."""

from __future__ import annotations

import itertools
import json
import random
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
from kg.analysis.balance import BlocResult, blocs, frustration
from kg.analysis.brokers import brokers
from kg.analysis.centrality import centrality, pagerank
from kg.analysis.clash import clash_risk
from kg.analysis.communities import communities
from kg.analysis.project import ActorNetwork, project, read_network
from kg.analysis.proxies import proxies
from kg.analysis.rivalries import rivalries
from kg.analysis.theatres import TheatreResults
from kg.analysis.write import analysis_triples, export_graph, write_analysis
from kg.cli import cli
from kg.errors import AnalysisError, ExportError, InputError
from kg.model import FuzzyDate, Window
from kg.rdf.iri import ANALYSIS_GRAPH, actor_iri
from kg.rdf.read import ActorInfo, Event, FactInfo, GraphFacts, PlaceInfo, Relation, read_facts
from kg.rdf.store import KGStore


def signed(*edges: tuple[str, str, int] | tuple[str, str, int, float], nodes: str = "") -> nx.Graph:
    """A signed graph from ``(a, b, sign[, weight])`` tuples plus isolated ``nodes``."""
    g = nx.Graph()
    g.add_nodes_from(nodes)
    for e in edges:
        g.add_edge(e[0], e[1], sign=e[2], weight=e[3] if len(e) > 3 else 1.0)
    return g


def members(result) -> list[list[str]]:
    return [[m.iri for m in b.members] for b in result.blocs]


# ---------------------------------------------------------------- blocs


@pytest.mark.parametrize(
    ("graph", "want_blocs", "want_unaligned", "want_frustration"),
    [
        pytest.param(
            signed(("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1)),
            [["a", "b"], ["c", "d"]],
            [],
            0,
            id="balanced",
        ),
        pytest.param(
            signed(("a", "b", -1), ("b", "c", -1), ("a", "c", -1)),
            [],
            ["a", "b", "c"],
            0,
            id="all-enemies-weak-balance",
        ),
        pytest.param(
            signed(("a", "b", 1, 0.9), ("b", "c", 1, 0.3), ("a", "c", -1, 0.8)),
            [["a", "b"]],
            ["c"],
            1,
            id="unbalanced-weakest-tie-frustrated",
        ),
        pytest.param(
            signed(("a", "b", 1), ("c", "d", 1), nodes="e"),
            [["a", "b"], ["c", "d"]],
            ["e"],
            0,
            id="disconnected",
        ),
        pytest.param(signed(nodes="a"), [], ["a"], 0, id="one-actor"),
        pytest.param(
            signed(
                ("us", "sdf", 1),
                ("iran", "saa", 1),
                ("sdf", "saa", -1),
                ("is", "sdf", -1),
                ("is", "saa", -1),
                ("is", "iran", -1),
            ),
            [["iran", "saa"], ["sdf", "us"]],
            ["is"],
            0,
            id="fights-everyone-unaligned",
        ),
        pytest.param(
            signed(("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("a", "d", -1), ("b", "d", -1)),
            [["a", "b", "c"]],
            ["d"],
            1,
            id="cut-one-positive-tie",
        ),
    ],
)
def test_blocs_known_answers(graph, want_blocs, want_unaligned, want_frustration):
    r = blocs(graph)
    assert members(r) == want_blocs
    assert [a.iri for a in r.unaligned] == want_unaligned
    assert r.frustration == want_frustration == len(r.frustrated_edges)
    assert r.method == "exact"


def test_blocs_empty_graph_is_an_error():
    with pytest.raises(AnalysisError, match="the actor graph is empty"):
        blocs(nx.Graph())


def test_frustrated_edge_keeps_enemies_apart():
    """An actor allied with two enemies: the frustrated tie is one alliance, not the enmity."""
    r = blocs(signed(("a", "m", 1), ("b", "m", 1), ("a", "b", -1)))
    assert r.frustration == 1
    (e,) = r.frustrated_edges
    assert e.sign == 1
    assert e.why == "positive tie across blocs"
    assert "m" in (e.a.iri, e.b.iri)


def _all_partitions(nodes: list[str]) -> Iterator[dict[str, int]]:
    def rec(i: int, lab: dict[str, int], k: int) -> Iterator[dict[str, int]]:
        if i == len(nodes):
            yield dict(lab)
            return
        for c in range(k + 1):
            lab[nodes[i]] = c
            yield from rec(i + 1, lab, max(k, c + 1))

    yield from rec(0, {}, 0)


def _random_signed(seed: int, n: int) -> nx.Graph:
    rng = random.Random(seed)
    g = nx.Graph()
    g.add_nodes_from(f"n{i}" for i in range(n))
    for u, v in itertools.combinations(sorted(g), 2):
        if rng.random() < 0.5:
            g.add_edge(u, v, sign=rng.choice([1, 1, -1]), weight=rng.choice([0.5, 0.8, 0.9]))
    return g


@pytest.mark.parametrize("seed", range(12))
def test_exact_search_matches_brute_force(seed):
    g = _random_signed(seed, 7)
    best = min(frustration(g, lab) for lab in _all_partitions(sorted(g)))
    r = blocs(g, min_strength=0)  # the balance search alone
    assert r.frustration == best
    bloc_of = r.bloc_of()
    labels = {n: bloc_of.get(n, -1 - i) for i, n in enumerate(sorted(g))}
    assert frustration(g, labels) == best


@pytest.mark.parametrize("seed", range(6))
def test_heuristic_is_consistent_and_never_beats_exact(seed):
    g = _random_signed(100 + seed, 9)
    exact, heuristic = blocs(g, min_strength=0), blocs(g, exact_limit=1, min_strength=0)
    assert heuristic.method == "heuristic"
    bloc_of = heuristic.bloc_of()
    labels = {n: bloc_of.get(n, -1 - i) for i, n in enumerate(sorted(g))}
    assert frustration(g, labels) == heuristic.frustration >= exact.frustration


@pytest.mark.parametrize(
    "graph",
    [
        signed(("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1)),
        signed(("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("d", "e", -1), ("e", "f", 1)),
    ],
)
def test_heuristic_finds_perfect_partition(graph):
    r = blocs(graph, exact_limit=0)
    assert r.frustration == 0
    assert members(r) == members(blocs(graph))


# ---------------------------------------------------------------- centrality


def test_centrality_star():
    r = centrality(signed(("hub", "a", 1), ("hub", "b", -1), ("hub", "c", 1)))
    top = r.scores[0]
    assert top.actor.iri == "hub"
    assert (top.degree, top.betweenness) == (1.0, 1.0)
    assert [s.betweenness for s in r.scores[1:]] == [0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("by", "top", "first"), [("degree", 1, "b"), ("pagerank", 2, "b"), ("betweenness", None, "b")]
)
def test_centrality_ranking_and_top(by, top, first):
    r = centrality(signed(("a", "b", 1), ("b", "c", -1), nodes="z"), by=by, top=top)
    assert r.scores[0].actor.iri == first
    assert len(r.scores) == (top or 4)
    assert r.total == 4


def test_centrality_one_actor_and_errors():
    (s,) = centrality(signed(nodes="a")).scores
    assert (s.degree, s.betweenness, s.pagerank) == (1.0, 0.0, 1.0)
    with pytest.raises(AnalysisError, match="empty"):
        centrality(nx.Graph())
    with pytest.raises(AnalysisError, match="unknown centrality measure 'fame'"):
        centrality(signed(nodes="a"), by="fame")


@pytest.mark.parametrize("seed", range(3))
def test_pagerank_matches_networkx_reference(seed):
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    g = _random_signed(seed, 10)
    g.add_node("isolated")
    ours, ref = pagerank(g), _pagerank_python(g, weight="weight", tol=1e-12)
    assert ours == pytest.approx(ref, abs=1e-6)


# ---------------------------------------------------------------- proxies


def test_proxies_two_levels_and_chains():
    d = nx.DiGraph(
        [("iran", "hezbollah"), ("hezbollah", "militia"), ("russia", "saa"), ("iran", "saa")]
    )
    r = proxies(d)
    assert [(s.sponsor.iri, s.reach) for s in r.sponsors] == [
        ("iran", 3),
        ("hezbollah", 1),
        ("russia", 1),
    ]
    iran = r.sponsors[0]
    assert [(c.actor.iri, [cc.actor.iri for cc in c.clients]) for c in iran.clients] == [
        ("hezbollah", ["militia"]),
        ("saa", []),
    ]
    chains = {b.actor.iri: [[a.iri for a in c] for c in b.chains] for b in r.backed}
    assert chains == {
        "hezbollah": [["iran"]],
        "militia": [["hezbollah", "iran"]],
        "saa": [["iran"], ["russia"]],
    }


@pytest.mark.parametrize(
    "graph", [nx.DiGraph(), nx.DiGraph([("a", "b"), ("b", "a")])], ids=["empty", "cycle"]
)
def test_proxies_empty_and_cycle(graph):
    r = proxies(graph)
    assert len(r.sponsors) == graph.number_of_nodes()
    for b in r.backed:
        assert all(b.actor.iri not in [a.iri for a in c] for c in b.chains)
    if not graph:
        assert r.to_table() == "no sponsorship ('backs') relations between actors"


# ---------------------------------------------------------------- rivalries


def _sponsorship(*edges: tuple[str, str]) -> nx.DiGraph:
    d = nx.DiGraph()
    for u, v in edges:
        d.add_edge(u, v, weight=1.0)
    return d


@pytest.mark.parametrize(
    ("neg", "backs", "want"),
    [
        pytest.param(
            [("sdf", "saa")],
            [("us", "sdf"), ("iran", "saa")],
            [("iran", "us")],
            id="through-clients",
        ),
        pytest.param(
            [("sdf", "x")],
            [("us", "sdf"), ("iran", "pmf"), ("pmf", "x")],
            [("iran", "us"), ("pmf", "us")],
            id="clients-client",
        ),
        pytest.param(
            [("us", "saa")],
            [("us", "sdf"), ("iran", "saa")],
            [("iran", "us")],
            id="sponsor-fights-client",
        ),
        pytest.param(
            [("us", "iran")], [("us", "sdf"), ("iran", "saa")], [], id="sponsors-alone-not-proxy"
        ),
        pytest.param([("saa", "is")], [("russia", "saa"), ("iran", "saa")], [], id="shared-client"),
        pytest.param([], [], [], id="empty"),
    ],
)
def test_rivalries(neg, backs, want):
    g = signed(*[(a, b, -1) for a, b in neg])
    r = rivalries(g, _sponsorship(*backs))
    assert [(x.a.iri, x.b.iri) for x in r.rivalries] == want
    for x in r.rivalries:
        kinds = [k.kind for k in x.chains[0].links]
        assert kinds.count("opposes") == 1


def test_rivalry_positive_tie_is_not_rivalry():
    g = signed(("sdf", "saa", 1))
    assert rivalries(g, _sponsorship(("us", "sdf"), ("iran", "saa"))).rivalries == []


# ---------------------------------------------------------------- clash risk

PLACES = {
    "town1": PlaceInfo("town1", "Town 1", ("prov", "country")),
    "town2": PlaceInfo("town2", "Town 2", ("prov", "country")),
    "prov": PlaceInfo("prov", "Province", ("country",)),
    "country": PlaceInfo("country", "Country"),
    "far": PlaceInfo("far", "Far"),
}


@pytest.mark.parametrize(
    ("edge", "blocs_", "where", "want"),
    [
        pytest.param(
            None,
            {"a": 1, "b": 2},
            ("town1", "town1"),
            {"tension": 0, "hostility": 0, "blocs": 1, "places": 1 + 1 / 4 + 1 / 16},
            id="same-town",
        ),
        pytest.param(
            None,
            {"a": 1, "b": 2},
            ("town1", "town2"),
            {"tension": 0, "hostility": 0, "blocs": 1, "places": 1 / 4 + 1 / 16},
            id="same-province",
        ),
        pytest.param(
            {"tension": 0.5},
            {},
            ("far", "town1"),
            {"tension": 2.0, "hostility": 0, "blocs": 0, "places": 0},
            id="tension-no-place",
        ),
        pytest.param(None, {"a": 1, "b": 1}, ("town1", "town1"), None, id="same-bloc"),
        pytest.param(None, {"a": 1, "b": 2}, ("far", "town1"), None, id="nowhere-near"),
        pytest.param({"hostility": 0.5}, {}, ("town1", "town1"), None, id="unaligned-fighting"),
    ],
)
def test_clash_parts(edge, blocs_, where, want):
    g = signed(nodes="ab")
    if edge is not None:
        g.add_edge("a", "b", sign=-1, weight=0.5, **edge)
    activity: dict[str, dict[str, list[FactInfo]]] = {"a": {where[0]: []}, "b": {where[1]: []}}
    r = clash_risk(g, blocs_, activity, PLACES)
    if want is None:
        assert r.pairs == []
    else:
        (p,) = r.pairs
        assert p.parts == pytest.approx(want)
        assert p.score == pytest.approx(sum(want.values()))


def test_clash_tension_outranks_shared_town():
    g = signed(("a", "b", -1, 0.6), nodes="cd")
    g.edges["a", "b"]["tension"] = 0.6
    activity: dict[str, dict[str, list[FactInfo]]] = {
        "a": {"town1": []},
        "b": {"town2": []},
        "c": {"town1": []},
        "d": {"town1": []},
    }
    r = clash_risk(g, {"a": 1, "c": 1, "b": 2, "d": 2}, activity, PLACES)
    assert (r.pairs[0].a.iri, r.pairs[0].b.iri) == ("a", "b")
    assert clash_risk(nx.Graph(), {}, {}, {}).pairs == []


# ---------------------------------------------------------------- brokers, communities


@pytest.mark.parametrize(
    ("graph", "bloc_of", "want"),
    [
        (
            signed(("a", "m", 1), ("b", "m", 1), ("a", "b", -1)),
            {"a": 1, "m": 1, "b": 2},
            [("m", [1, 2])],
        ),
        (
            signed(("a", "b", 1), ("c", "d", 1), ("a", "c", -1)),
            {"a": 1, "b": 1, "c": 2, "d": 2},
            [],
        ),
        (signed(("x", "a", 1), ("x", "c", 1)), {"a": 1, "c": 2}, [("x", [1, 2])]),
        (signed(nodes="a"), {}, []),
        (signed(), {}, []),
    ],
    ids=["allied-both", "balanced", "unaligned-go-between", "one-actor", "empty"],
)
def test_brokers(graph, bloc_of, want):
    r = brokers(graph, bloc_of)
    assert [(b.actor.iri, sorted(b.ties)) for b in r.brokers] == want


@pytest.mark.parametrize(
    ("graph", "want", "alone"),
    [
        (
            signed(
                ("a", "b", 1),
                ("b", "c", 1),
                ("a", "c", 1),
                ("d", "e", 1),
                ("e", "f", 1),
                ("d", "f", 1),
                ("c", "d", -1),
            ),
            [["a", "b", "c"], ["d", "e", "f"]],
            [],
        ),
        (signed(("a", "b", -1)), [], ["a", "b"]),
        (signed(nodes="a"), [], ["a"]),
    ],
    ids=["two-cliques", "no-positive-tie", "one-actor"],
)
def test_communities(graph, want, alone):
    r = communities(graph)
    assert [[m.iri for m in c.members] for c in r.communities] == want
    assert [a.iri for a in r.alone] == alone


def test_communities_empty_is_an_error():
    with pytest.raises(AnalysisError, match="empty"):
        communities(nx.Graph())


# ---------------------------------------------------------------- time window


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"as_of": "2017-13"}, "--as-of '2017-13' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"since": "last week"}, "--since 'last week' is not a date"),
        ({"as_of": "2017", "until": "2018"}, "--as-of cannot be combined with --since/--until"),
        ({"since": "2018", "until": "2017-06"}, "--since 2018 is after --until 2017-06: swap them"),
    ],
)
def test_window_errors(kwargs, message):
    with pytest.raises(InputError) as e:
        Window.parse(**kwargs)
    assert message in str(e.value)


def _rel(start=None, end=None, seen=None) -> Relation:
    f = FactInfo("r", "A backs B", 0.8, 1, first_seen=seen and FuzzyDate.parse(seen))
    return Relation(
        f, "backs", "a", "b", start and FuzzyDate.parse(start), end and FuzzyDate.parse(end)
    )


@pytest.mark.parametrize(
    ("window", "rel", "keep"),
    [
        (Window.parse(as_of="2017-06"), _rel(start="2015"), True),
        (Window.parse(as_of="2017-06"), _rel(start="2015", end="2016"), False),
        (Window.parse(as_of="2017-06"), _rel(start="2017"), True),  # a year covers June
        (Window.parse(as_of="2017-06"), _rel(seen="2017-11-03"), False),  # dated by article
        (Window.parse(as_of="2017-06"), _rel(), False),  # no date at all
        (Window(), _rel(), True),
        (Window.parse(since="2016", until="2016"), _rel(start="2015", end="2017"), True),
        (Window.parse(since="2018"), _rel(start="2015", end="2017-12"), False),
    ],
)
def test_window_relations(window, rel, keep):
    assert len(GraphFacts(relations=[rel]).within(window).relations) == keep


@pytest.mark.parametrize(
    ("window", "dates", "keep"),
    [
        (Window.parse(as_of="2017-11"), ("2017-10-17",), True),
        (Window.parse(as_of="2017-10"), ("2017-11-03",), False),
        (Window.parse(since="2017-11"), ("2017-10",), False),
        (Window.parse(since="2017-10-20", until="2017-10-25"), ("2017-10",), True),
        (Window.parse(since="2017"), (), True),  # undated: the article's date, 2017-11-03
    ],
)
def test_window_events(window, dates, keep):
    f = FactInfo("e", "Capture", 0.8, 1, first_seen=FuzzyDate(2017, 11, 3))
    ev = Event(f, "Capture", ("a",), ("b",), dates=tuple(FuzzyDate.parse(d) for d in dates))
    assert len(GraphFacts(events=[ev]).within(window).events) == keep


def test_project_combines_signs_and_event_roles():
    actors = {k: ActorInfo(k, k.upper()) for k in "abcst"}
    f = GraphFacts(actors=actors)
    f.relations += [
        Relation(FactInfo("r1", "a allied b", 0.5, 1), "alliedWith", "a", "b"),
        Relation(FactInfo("r2", "a fights b", 0.8, 1), "fights", "a", "b"),
        Relation(FactInfo("r3", "a in tension with c", 0.6, 1), "tensionWith", "a", "c"),
        Relation(FactInfo("r4", "a controls p", 0.9, 1), "controls", "a", "p"),
    ]
    f.events.append(
        Event(FactInfo("e1", "Attack", 0.7, 1), "Attack", ("a", "c"), ("t",), ("s",), "p")
    )
    f.events.append(Event(FactInfo("e2", "Talks", 0.9, 1), "Negotiation", ("b", "t"), (), (), "q"))
    net = project(f)
    g = net.signed
    assert (g.edges["a", "b"]["sign"], g.edges["a", "b"]["weight"]) == (-1, 0.8)
    ac = g.edges["a", "c"]  # co-agents (+0.7) vs tension (-0.6)
    assert (ac["sign"], ac["positive"], ac["tension"]) == (1, 0.7, 0.6)
    assert g.edges["s", "t"]["sign"] == -1
    assert g.edges["a", "s"]["sign"] == 1
    assert not g.has_edge("b", "t")  # talks are not a tie
    assert sorted(net.activity) == ["a", "c", "s", "t"]
    assert sorted(f.iri for f in net.activity["a"]["p"]) == ["e1", "r4"]


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


@pytest.fixture(scope="module")
def hand_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store holding the hand-made articles, shared by read-only tests."""
    path = tmp_path_factory.mktemp("hand") / "store"
    with KGStore(path) as st:
        write_articles(st, handmade_articles())
    return path


def test_analyze_runs_every_analysis(hand_path: Path):
    for name in ANALYSES:
        run = analyze(hand_path, name, top=3)
        assert run.written is None
        json.dumps(run.result.to_dict())
        assert run.result.to_table()
    with pytest.raises(AnalysisError, match="unknown analysis 'gossip'"):
        analyze(hand_path, "gossip")


@pytest.mark.parametrize("name", ANALYSES)
def test_cli_json_and_table(hand_path: Path, name: str):
    runner = CliRunner()
    res = runner.invoke(cli, ["analyze", name, "--store", str(hand_path), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["analysis"] == name
    res = runner.invoke(cli, ["analyze", name, "--store", str(hand_path)])
    assert res.exit_code == 0, res.output


def test_cli_blocs_json_shape(hand_path: Path):
    res = CliRunner().invoke(
        cli, ["analyze", "blocs", "--store", str(hand_path), "--format", "json"]
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


def test_cli_errors(hand_path: Path, tmp_path: Path):
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
            ["analyze", "rivalries", "--store", str(hand_path), "--as-of", "2016"],
            f"Error: the store {hand_path} holds no relations or events between actors "
            "as of 2016: widen or drop --as-of/--since/--until\n",
        ),
        (
            ["analyze", "blocs", "--store", str(hand_path), "--since", "soon"],
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


def _organs(*rels: tuple[str, str, str]) -> ActorNetwork:

    f = GraphFacts(
        actors={
            "gov": ActorInfo("gov", "Government of X", ("Government",)),
            "army": ActorInfo("army", "X Army", ("ArmedForces",)),
            "region": ActorInfo("region", "X Regional Forces", ("ArmedForces",)),
            "rebels": ActorInfo("rebels", "Rebels", ("ArmedGroup",)),
            "boss": ActorInfo("boss", "Boss", ("Person",)),
        },
        countries=dict.fromkeys(("gov", "army", "region", "rebels"), "place/x"),
    )
    for i, (a, rel, b) in enumerate(rels):
        f.relations.append(Relation(FactInfo(f"r{i}", f"{a} {rel} {b}", 0.8, 1), rel, a, b))
    return project(f)


def test_organs_of_one_state_are_tied() -> None:
    net = _organs(("army", "fights", "rebels"), ("boss", "leads", "gov"))
    edge = net.signed.edges["army", "gov"]
    assert (edge["sign"], edge["weight"]) == (1, 0.5)
    assert not net.signed.has_edge("gov", "rebels")  # an armed group is no organ of the state
    assert "region" not in net.signed  # an organ no kept fact names is left out


def test_stated_hostility_cancels_same_state_tie() -> None:
    # the army attacks the regional forces: neither gets the same-state tie
    net = _organs(("army", "fights", "region"), ("boss", "leads", "gov"))
    assert net.signed.edges["army", "region"]["sign"] == -1
    assert not net.signed.has_edge("army", "gov")
    assert not net.signed.has_edge("gov", "region")
    r = blocs(net.signed)
    assert r.bloc_of().get("army") is None or r.bloc_of().get("army") != r.bloc_of().get("region")
