"""Actor-network measures on hand-made signed graphs with known answers: blocs, centrality,
proxies, rivalries, clash risk, brokers and communities.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

import networkx as nx
import pytest

from kg.analysis.balance import blocs, frustration
from kg.analysis.brokers import brokers
from kg.analysis.centrality import centrality, pagerank
from kg.analysis.clash import clash_risk
from kg.analysis.communities import communities
from kg.analysis.proxies import proxies
from kg.analysis.rivalries import rivalries
from kg.errors import AnalysisError
from kg.rdf.read import FactInfo, PlaceInfo


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
