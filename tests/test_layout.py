"""Node positions of large graph pages: the grid layout, the layout switch, the pyvis bypass."""

from __future__ import annotations

import importlib.util
import itertools
import math
import tracemalloc
from typing import Any

import numpy as np
import pytest
from pyvis.network import Network

import kg.viz.layout as layout_mod
import kg.viz.render as render
from kg.viz.model import Edge, Node, View
from kg.viz.render import APPROX_LAYOUT_MIN, grid_layout


def _random_edges(n: int, m: int, seed: int = 3) -> Any:
    return np.random.default_rng(seed).integers(0, max(n, 1), (m, 2))


def _view(n: int, m: int | None = None) -> View:
    """``n`` actors and ``m`` (default ``2 n``) random relations between them."""
    nodes = [Node(f"n{i:05d}", f"Actor {i}", "actor", ("ArmedGroup",)) for i in range(n)]
    pairs = _random_edges(n, 2 * n if m is None else m)
    edges = [Edge(f"e{k}", nodes[a].id, nodes[b].id, "fights") for k, (a, b) in enumerate(pairs)]
    return View(nodes, edges, {}, {}, 0)


# ---------------------------------------------------------------- grid_layout


@pytest.mark.parametrize(
    ("n", "m"), [(2, 1), (30, 0), (300, 600), (APPROX_LAYOUT_MIN, 2 * APPROX_LAYOUT_MIN)]
)
def test_grid_layout_is_deterministic(n: int, m: int) -> None:
    edges = _random_edges(n, m)
    first = grid_layout(n, edges, seed=7)
    assert np.array_equal(first, grid_layout(n, edges, seed=7))
    assert not np.array_equal(first, grid_layout(n, edges, seed=8))


@pytest.mark.parametrize(
    ("n", "m"),
    [(2, 1), (5, 0), (40, 0), (200, 50), (600, 1200), (2000, 4000), (2000, 10000)],
)
def test_grid_layout_spread_is_bounded(n: int, m: int) -> None:
    pos = grid_layout(n, _random_edges(n, m))
    assert pos.shape == (n, 2)
    assert np.isfinite(pos).all()
    assert np.abs(pos).max() == pytest.approx(1.0)
    assert np.abs(pos.mean(axis=0)).max() < 1e-9
    # no collapse: nodes are not piled up (coordinates differ, neighbours keep a distance)
    assert len(np.unique(pos.round(6), axis=0)) == n
    assert np.median(np.hypot(*pos.T)) > 0.02


@pytest.mark.parametrize("n", [0, 1])
def test_grid_layout_of_no_or_one_node(n: int) -> None:
    pos = grid_layout(n, [])
    assert pos.shape == (n, 2)
    assert (pos == 0).all()


def test_grid_layout_ignores_self_loops_and_duplicate_edges() -> None:
    edges = [(0, 1), (1, 2), (2, 0), (2, 3)]
    noisy = [*edges, (1, 0), (0, 1), (3, 3), (2, 2)]
    assert np.array_equal(grid_layout(4, edges), grid_layout(4, noisy))


@pytest.mark.parametrize("edges", [[(0, 3)], [(-1, 0)]])
def test_grid_layout_rejects_unknown_nodes(edges: list[tuple[int, int]]) -> None:
    with pytest.raises(ValueError, match=r"edges must join nodes 0 \.\. 2"):
        grid_layout(3, edges)


def test_grid_layout_keeps_isolated_nodes_apart() -> None:
    # a connected core of 900 nodes and 300 isolated ones
    core = [(i, (i * 7 + 1) % 900) for i in range(900)] + [(i, i + 1) for i in range(899)]
    pos = grid_layout(1200, core)
    core_radius = np.median(np.hypot(*pos[:900].T))
    isolated_radius = np.median(np.hypot(*pos[900:].T))
    assert isolated_radius > core_radius
    assert len(np.unique(pos.round(6), axis=0)) == 1200


@pytest.mark.parametrize(("n", "seed"), [(300, 1), (1500, 2), (1500, 3)])
def test_grid_repulsion_matches_the_exact_sum(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    # a dense blob with a sparse halo, like a layout with stray components
    x = np.concatenate([rng.normal(0, 0.2, n - n // 10), rng.uniform(-2, 2, n // 10)])
    y = np.concatenate([rng.normal(0, 0.2, n - n // 10), rng.uniform(-2, 2, n // 10)])
    k2 = 1.0 / n
    dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
    w = k2 / np.maximum(dx * dx + dy * dy, 1e-4)
    ex, ey = (dx * w).sum(axis=1), (dy * w).sum(axis=1)
    gx, gy, depth = layout_mod._grid_repulsion(x, y, k2, 48 * n, 2)
    assert depth > 2  # the far field was approximated
    error = np.hypot(gx - ex, gy - ey)
    scale = np.hypot(ex, ey).mean()
    assert np.median(error) < 0.01 * scale
    assert error.max() < 0.1 * scale


@pytest.mark.parametrize("n", [20_000])
def test_grid_layout_memory_is_linear(n: int) -> None:
    edges = _random_edges(n, 2 * n)
    tracemalloc.start()
    try:
        pos = grid_layout(n, edges, iterations=3)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert np.isfinite(pos).all()
    # one n x n float32 array alone would be 4 n² bytes (1.6 GB here)
    assert peak < 10_000 * n


# ---------------------------------------------------------------- _layout


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (499, "networkx"),
        (500, "networkx" if importlib.util.find_spec("scipy") else "_spring"),
        (APPROX_LAYOUT_MIN - 1, "networkx" if importlib.util.find_spec("scipy") else "_spring"),
        (APPROX_LAYOUT_MIN, "grid_layout"),
        (APPROX_LAYOUT_MIN + 1, "grid_layout"),
    ],
)
def test_layout_switches_at_the_threshold(
    monkeypatch: pytest.MonkeyPatch, n: int, expected: str
) -> None:
    import networkx as nx

    used: list[str] = []

    def fake_spring_layout(g: Any, **kwargs: Any) -> dict[Any, Any]:
        if len(g) >= 500 and not importlib.util.find_spec("scipy"):
            raise ImportError("scipy")
        used.append("networkx")
        return {v: np.zeros(2) for v in g}

    def fake_spring(g: Any, **kwargs: Any) -> dict[Any, Any]:
        used.append("_spring")
        return {v: np.zeros(2) for v in g}

    def fake_grid(count: int, edges: Any, **kwargs: Any) -> Any:
        used.append("grid_layout")
        return np.zeros((count, 2))

    monkeypatch.setattr(nx, "spring_layout", fake_spring_layout)
    monkeypatch.setattr(layout_mod, "_spring", fake_spring)
    monkeypatch.setattr(layout_mod, "grid_layout", fake_grid)
    view = _view(n)
    path = [
        Edge(f"p{i}", a.id, b.id, "fights")
        for i, (a, b) in enumerate(itertools.pairwise(view.nodes))
    ]
    view.edges += path  # no isolated node: the spring layout sees all n
    pos = layout_mod.layout(view)
    assert used == [expected]
    assert list(pos) == [node.id for node in view.nodes]


@pytest.mark.parametrize("n", [APPROX_LAYOUT_MIN, 3000])
def test_large_layout_is_deterministic_and_within_the_canvas(n: int) -> None:
    view = _view(n)
    pos = layout_mod.layout(view)
    assert pos == layout_mod.layout(view)
    assert list(pos) == [node.id for node in view.nodes]
    xy = np.array(list(pos.values()))
    assert np.isfinite(xy).all()
    assert np.abs(xy).max() <= 40 * math.sqrt(n) + 0.05
    assert len(np.unique(xy, axis=0)) > 0.9 * n
    assert (xy == xy.round(1)).all()


def test_small_layout_is_networkx_spring_layout() -> None:
    import networkx as nx

    view = _view(400)  # above DECLUTTER_MAX: the spring layout as it is
    ends = {x for e in view.edges for x in (e.source, e.target)}
    g = nx.Graph()
    g.add_nodes_from(n.id for n in view.nodes if n.id in ends)  # isolated ones go in rows
    g.add_edges_from((e.source, e.target) for e in view.edges)
    want = nx.spring_layout(g, seed=7, iterations=50)
    scale = 40 * math.sqrt(len(want))
    got = layout_mod.layout(view)
    assert {k: got[k] for k in want} == {
        k: (round(float(p[0]) * scale, 1), round(float(p[1]) * scale, 1)) for k, p in want.items()
    }


# ---------------------------------------------------------------- pyvis items


_NODES: list[tuple[str, dict[str, Any]]] = [
    ("a", {"label": "A", "shape": "dot", "color": "#111111", "size": 12.5, "kgKind": "actor"}),
    ("b", {"label": "", "shape": "square", "x": 1.5, "y": -2.0}),
    ("c", {"label": "C", "group": "g1", "color": "#222222"}),
    ("a", {"label": "again", "shape": "triangle"}),
    ("d", {}),
]
_EDGES: list[tuple[str, str, dict[str, Any]]] = [
    ("a", "b", {"id": "e1", "kgRel": "backs", "arrows": "to", "width": 1.0}),
    ("b", "a", {"id": "e2", "arrows": ""}),
    ("a", "b", {"id": "e3", "dashes": [2, 4]}),
    ("c", "c", {}),
]


@pytest.mark.parametrize("font_color", [False, "#333333"])
def test_items_are_what_pyvis_builds(font_color: str | bool) -> None:
    slow = Network(directed=True, font_color=font_color)
    for n_id, options in _NODES:
        slow.add_node(n_id, **options)
    for source, target, options in _EDGES:
        slow.add_edge(source, target, **options)
    fast = Network(directed=True, font_color=font_color)
    render._add_nodes(fast, _NODES)
    render._add_edges(fast, _EDGES)
    assert fast.nodes == slow.nodes
    assert fast.node_ids == slow.node_ids
    assert fast.node_map == slow.node_map
    assert fast.edges == slow.edges
    assert fast.get_network_data()[5] == slow.get_network_data()[5]


@pytest.mark.parametrize(("source", "target"), [("a", "zz"), ("zz", "a")])
def test_edges_need_known_ends(source: str, target: str) -> None:
    net = Network(directed=True)
    render._add_nodes(net, [("a", {})])
    with pytest.raises(ValueError, match="non existent node 'zz'"):
        render._add_edges(net, [(source, target, {})])


def test_edges_only_for_directed_networks() -> None:
    net = Network(directed=False)
    render._add_nodes(net, [("a", {}), ("b", {})])
    with pytest.raises(ValueError, match="directed networks only"):
        render._add_edges(net, [("a", "b", {})])
