"""Turn a :class:`~kg.viz.model.View` into one self-contained HTML page (a pure function).

pyvis builds the vis-network nodes, edges and options; the page itself is our template
(``assets/page.html``) with our own controls (``assets/app.js``, ``assets/app.css``) and the
vis-network library pyvis ships, all inlined: the page makes no network request. The data
travel as JSON inside ``<script type="application/json">`` with every ``<`` escaped, and the
page's script inserts all text from articles with ``textContent``.

Examples
--------
>>> from kg.viz.model import Node, View
>>> v = View([Node("a", "<b>Iran</b>", "actor", ("State",))], [], {}, {}, 1)
>>> page = render_html(v)
>>> "<b>Iran</b>" in page, "\\\\u003cb>Iran\\\\u003c/b>" in page
(False, True)
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from kg.viz.model import Edge, Node, View

__all__ = [
    "APPROX_LAYOUT_MIN",
    "BLOC_COLOURS",
    "EDGE_STYLES",
    "KIND_STYLES",
    "LAYOUT_THRESHOLD",
    "embed_json",
    "grid_layout",
    "render_html",
    "vis_payload",
]

#: Above this many nodes positions are computed in Python and physics starts off.
LAYOUT_THRESHOLD = 300
#: From this many nodes the layout is :func:`grid_layout` (see :func:`_layout`).
APPROX_LAYOUT_MIN = 1000
#: Node shape and colour by kind (colour used when no bloc is known).
KIND_STYLES: dict[str, tuple[str, str]] = {
    "actor": ("dot", "#4e79a7"),
    "place": ("square", "#59a14f"),
    "event": ("triangle", "#f28e2b"),
}
_PERSON_SHAPE = "diamond"
#: Colours of blocs 1, 2, ... (cycled); actors in no bloc are grey when blocs are known.
BLOC_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#e377c2")
_NO_BLOC = "#b0b0b0"
#: Edge colour, dashes and arrow by relation (and event role / containment).
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "backs": {"color": "#2a9d8f", "dashes": False, "arrows": "to"},
    "alliedWith": {"color": "#1f77b4", "dashes": False, "arrows": ""},
    "fights": {"color": "#d62728", "dashes": False, "arrows": ""},
    "tensionWith": {"color": "#ff7f0e", "dashes": True, "arrows": ""},
    "memberOf": {"color": "#8c8c8c", "dashes": [2, 4], "arrows": "to"},
    "leads": {"color": "#9467bd", "dashes": False, "arrows": "to"},
    "controls": {"color": "#8c564b", "dashes": [8, 4], "arrows": "to"},
    "agent": {"color": "#6b6b6b", "dashes": False, "arrows": "to"},
    "target": {"color": "#e07b7b", "dashes": False, "arrows": "to"},
    "supporter": {"color": "#7fb3a9", "dashes": [4, 4], "arrows": "to"},
    "place": {"color": "#9fc58f", "dashes": [2, 2], "arrows": "to"},
    "locatedIn": {"color": "#c8c8c8", "dashes": [1, 3], "arrows": "to"},
}
_ASSETS = resources.files("kg.viz") / "assets"
_MARK = re.compile(r"{{(\w+)}}")


def embed_json(value: object) -> str:
    """JSON safe to place inside a ``<script>`` element: no ``<`` survives.

    >>> embed_json({"q": "</script><!--"})
    '{"q": "\\\\u003c/script>\\\\u003c!--"}'
    """
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def _node_style(n: Node, degree: int, max_pr: float, blocs: bool) -> dict[str, Any]:
    shape, colour = KIND_STYLES[n.kind]
    if n.kind == "actor" and "Person" in n.classes:
        shape = _PERSON_SHAPE
    if n.kind == "actor" and blocs:
        colour = BLOC_COLOURS[(n.bloc - 1) % len(BLOC_COLOURS)] if n.bloc else _NO_BLOC
    if n.pagerank is not None and max_pr > 0:
        size = 10 + 30 * n.pagerank / max_pr
    else:
        size = 10 + 5 * math.sqrt(degree)
    return {"shape": shape, "color": colour, "size": round(size, 2)}


def _edge_width(e: Edge) -> float:
    return 1.0 if e.count <= 1 else round(1 + 1.5 * math.log2(e.count), 2)


def _layout(view: View) -> dict[str, tuple[float, float]]:
    """Deterministic positions, scaled to canvas pixels (``40 * sqrt(n)`` per unit), rounded.

    Below 500 nodes NetworkX's ``spring_layout`` (seeded). From 500 nodes NetworkX needs
    SciPy, so without it graphs get the same Fruchterman-Reingold model from :func:`_spring`
    (dense NumPy: time and memory grow as n²). From :data:`APPROX_LAYOUT_MIN` nodes
    :func:`grid_layout` takes over (O(n log n) time, O(n) memory), with or without SciPy.
    The threshold is where the two cost the same on generated graphs (about 0.3 s of CPU
    at 1,000 nodes; at 2,000 nodes the dense layout takes 1.2 s and 48 MB, the grid 0.5 s).
    """
    if len(view.nodes) >= APPROX_LAYOUT_MIN:
        index = {n.id: i for i, n in enumerate(view.nodes)}
        edges = [(index[e.source], index[e.target]) for e in view.edges]
        xy = grid_layout(len(index), edges, seed=7, iterations=50)
        pos: dict[Any, Any] = dict(zip(index, xy, strict=True))
    else:
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(n.id for n in view.nodes)
        g.add_edges_from((e.source, e.target) for e in view.edges)
        try:
            pos = nx.spring_layout(g, seed=7, iterations=50)
        except ImportError:
            pos = _spring(g, seed=7, iterations=50)
    scale = 40 * math.sqrt(max(len(pos), 1))
    return {
        k: (round(float(p[0]) * scale, 1), round(float(p[1]) * scale, 1)) for k, p in pos.items()
    }


def _spring(g: Any, *, seed: int, iterations: int) -> dict[Any, Any]:
    """Fruchterman-Reingold on a dense NumPy array of pairwise offsets, rescaled to [-1, 1].

    >>> import networkx as nx
    >>> pos = _spring(nx.path_graph(3), seed=1, iterations=20)
    >>> sorted(pos) == [0, 1, 2] and all(abs(c) <= 1 for p in pos.values() for c in p)
    True
    """
    import numpy as np

    order = list(g)
    index = {v: i for i, v in enumerate(order)}
    n = len(order)
    pairs = np.array([(index[a], index[b]) for a, b in g.edges() if a != b], dtype=np.int64)
    src, dst = (pairs[:, 0], pairs[:, 1]) if len(pairs) else (np.zeros(0, int),) * 2
    pos = np.random.default_rng(seed).random((n, 2))
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    k2 = np.float32(1.0 / max(n, 1))
    k = math.sqrt(k2)
    t = 0.1
    dt = t / (iterations + 1)
    dx = np.empty((n, n), np.float32)
    dy = np.empty((n, n), np.float32)
    w = np.empty((n, n), np.float32)
    for _ in range(iterations):
        np.subtract(x[:, None], x[None, :], out=dx)
        np.subtract(y[:, None], y[None, :], out=dy)
        np.multiply(dx, dx, out=w)
        w += dy * dy
        np.maximum(w, np.float32(1e-4), out=w)
        np.divide(k2, w, out=w)  # repulsion k²/d along the unit offset: offset * k²/d²
        fx, fy = (dx * w).sum(axis=1), (dy * w).sum(axis=1)
        px, py = x[src] - x[dst], y[src] - y[dst]
        d = np.sqrt(px * px + py * py) / k  # attraction d²/k along the unit offset
        np.add.at(fx, src, -px * d)
        np.add.at(fy, src, -py * d)
        np.add.at(fx, dst, px * d)
        np.add.at(fy, dst, py * d)
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 0.01)
        step = np.minimum(length, t) / length
        x += fx * step
        y += fy * step
        t -= dt
    pos = np.stack([x, y], axis=1).astype(np.float64)
    pos -= pos.mean(axis=0)
    lim = float(np.abs(pos).max()) or 1.0
    return {v: pos[i] / lim for i, v in enumerate(order)}


def grid_layout(
    n: int, edges: Any, *, seed: int = 7, iterations: int = 50, pair_budget: int = 48
) -> Any:
    """Fruchterman-Reingold with grid-approximated repulsion, in O(n log n) time and O(n) memory.

    The same force model, start (``default_rng(seed).random((n, 2))``) and cooling schedule
    as :func:`_spring`, but repulsion is exact only between nodes in the same or adjacent
    cells of the finest grid. Farther nodes repel through a hierarchy of grids (quadtree
    levels): at each level a cell feels the cells that are children of its parent's
    neighbours but not its own neighbours, each as a point charge (count at centroid), and
    that field is carried to the cell's nodes by a second-order expansion about the cell's
    centre. The finest level is chosen per iteration so that the exact near pairs stay
    about ``pair_budget * n``, and near pairs are processed in blocks of that size.

    Parameters
    ----------
    n : int
        Number of nodes, numbered ``0 .. n - 1``.
    edges : array_like of int, shape (m, 2)
        Undirected edges as node numbers; duplicates and self-loops are ignored.
    seed : int
        Seed of the random start: the result depends only on the arguments.
    iterations : int
        Number of cooling steps.
    pair_budget : int
        Exact near-field pairs allowed per node and per block.

    Returns
    -------
    numpy.ndarray
        Float array of shape ``(n, 2)``, centred on the mean, largest coordinate ``1`` in
        absolute value (zeros for a single node).

    Examples
    --------
    >>> pos = grid_layout(4, [(0, 1), (1, 2), (2, 3)], seed=1)
    >>> pos.shape, bool(abs(pos).max() == 1.0)
    ((4, 2), True)
    >>> bool((grid_layout(4, [(0, 1), (1, 2), (2, 3)], seed=1) == pos).all())
    True
    """
    import numpy as np

    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if len(pairs) and (pairs.min() < 0 or pairs.max() >= n):
        raise ValueError(f"edges must join nodes 0 .. {n - 1}")
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs = np.unique(np.sort(pairs, axis=1), axis=0)
    src, dst = pairs[:, 0], pairs[:, 1]
    start = np.random.default_rng(seed).random((n, 2))
    x, y = start[:, 0].copy(), start[:, 1].copy()
    k2 = 1.0 / max(n, 1)
    k = math.sqrt(k2)
    t = 0.1
    dt = t / (iterations + 1)
    depth = 2
    for _ in range(iterations):
        fx, fy, depth = _grid_repulsion(x, y, k2, pair_budget * max(n, 1), depth)
        px, py = x[src] - x[dst], y[src] - y[dst]
        d = np.sqrt(px * px + py * py) / k  # attraction d²/k along the unit offset
        ax, ay = px * d, py * d
        fx += np.bincount(dst, ax, n) - np.bincount(src, ax, n)
        fy += np.bincount(dst, ay, n) - np.bincount(src, ay, n)
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 0.01)
        step = np.minimum(length, t) / length
        x += fx * step
        y += fy * step
        t -= dt
    pos = np.stack([x, y], axis=1)
    if n:
        pos -= pos.mean(axis=0)
    lim = float(np.abs(pos).max()) if n else 0.0
    return pos / (lim or 1.0)


#: Offsets (dx, dy) of the 36 children of a cell's parent's 3 x 3 neighbourhood, for a cell
#: whose coordinates are even; subtract the parity of the cell coordinates otherwise.
_CHILD_OFFSETS = [(a - 2, b - 2) for a in range(6) for b in range(6)]
_NEAR_OFFSETS = [(a, b) for a in (-1, 0, 1) for b in (-1, 0, 1)]
_MAX_DEPTH = 24


def _lookup(ids: Any, sorted_ids: Any, size: int) -> Any:
    """Position of each of ``ids`` (cells of a ``size`` x ``size`` grid) in ``sorted_ids``.

    ``-1`` where it is absent. A dense table when the grid has at most
    ``max(8 * len(sorted_ids), 2**20)`` cells (8 MB beyond O(n)), else a binary search.
    """
    import numpy as np

    if size * size <= max(8 * len(sorted_ids), 1 << 20):
        table = np.full(size * size + 1, -1, np.int64)
        table[sorted_ids] = np.arange(len(sorted_ids))
        return table[np.where((ids >= 0) & (ids < size * size), ids, size * size)]
    at = np.minimum(np.searchsorted(sorted_ids, ids), len(sorted_ids) - 1)
    return np.where(sorted_ids[at] == ids, at, -1)


def _near_estimate(ix: Any, iy: Any, size: int) -> int:
    """About how many pairs of nodes share or touch a cell: ``9 * sum(count²)`` over cells."""
    import numpy as np

    counts = np.unique(ix * size + iy, return_counts=True)[1]
    return 9 * int((counts * counts).sum())


def _grid_repulsion(x: Any, y: Any, k2: float, budget: int, depth: int) -> tuple[Any, Any, int]:
    """Repulsive forces ``sum_j k2 * (p_i - p_j) / |p_i - p_j|²``, approximated on grids.

    ``depth`` is a first guess of the finest level; the level used is returned.
    """
    import numpy as np

    n = len(x)
    fx, fy = np.zeros(n), np.zeros(n)
    if n < 2:
        return fx, fy, depth
    x0, y0 = float(x.min()), float(y.min())
    side = max(float(x.max()) - x0, float(y.max()) - y0, 1e-9) * (1 + 1e-9)

    def cells(level: int) -> tuple[Any, Any]:
        size = 1 << level
        ix = np.minimum(((x - x0) * (size / side)).astype(np.int64), size - 1)
        iy = np.minimum(((y - y0) * (size / side)).astype(np.int64), size - 1)
        return ix, iy

    # the coarsest finest level whose near pairs (estimated) fit the budget
    depth = max(2, depth - 1)
    while depth < _MAX_DEPTH and _near_estimate(*cells(depth), 1 << depth) > budget:
        depth += 1
    ix, iy = cells(depth)
    z = x + 1j * y
    field = np.zeros(n, complex)  # sum of m / (z - c): the conjugate of the force / k2
    for level in range(2, depth + 1):
        shift = depth - level
        field += _far_field(z, ix >> shift, iy >> shift, level, x0 + 1j * y0, side)
    fx += k2 * field.real
    fy -= k2 * field.imag
    _near_field(x, y, ix, iy, 1 << depth, k2, budget, fx, fy)
    return fx, fy, depth


def _far_field(z: Any, ix: Any, iy: Any, level: int, origin: complex, side: float) -> Any:
    """Field at each node from the cells of its interaction list at one grid level."""
    import numpy as np

    size = 1 << level
    ids, cell, count = np.unique(ix * size + iy, return_inverse=True, return_counts=True)
    centroid = _sum_complex(cell, z, len(ids)) / count
    tx, ty = ids // size, ids % size
    width = side / size
    centre = origin + (tx + 0.5) * width + 1j * (ty + 0.5) * width
    off = np.array(_CHILD_OFFSETS)
    ox = off[None, :, 0] - (tx & 1)[:, None]
    oy = off[None, :, 1] - (ty & 1)[:, None]
    sx, sy = tx[:, None] + ox, ty[:, None] + oy
    ok = (sx >= 0) & (sx < size) & (sy >= 0) & (sy < size) & ((abs(ox) > 1) | (abs(oy) > 1))
    source = np.where(ok, _lookup(sx * size + sy, ids, size), -1)
    rows, cols = np.nonzero(ok & (source >= 0))
    source = source[rows, cols]
    step = 1 / (centre[rows] - centroid[source])
    inv = count[source] * step  # m / d, then m / d², m / d³
    a0 = _sum_complex(rows, inv, len(ids))
    inv *= step
    a1 = -_sum_complex(rows, inv, len(ids))
    inv *= step
    a2 = _sum_complex(rows, inv, len(ids))
    w = z - centre[cell]
    return a0[cell] + w * (a1[cell] + w * a2[cell])


def _sum_complex(rows: Any, values: Any, n: int) -> Any:
    """Sums of complex ``values`` grouped by ``rows`` (``0 .. n - 1``)."""
    import numpy as np

    return np.bincount(rows, values.real, n) + 1j * np.bincount(rows, values.imag, n)


def _near_field(
    x: Any, y: Any, ix: Any, iy: Any, size: int, k2: float, budget: int, fx: Any, fy: Any
) -> None:
    """Add the exact repulsion between nodes in the same or adjacent finest cells."""
    import numpy as np

    n = len(x)
    ids, cell, count = np.unique(ix * size + iy, return_inverse=True, return_counts=True)
    order = np.argsort(cell, kind="stable")
    first = np.cumsum(count) - count
    for a, b in _NEAR_OFFSETS:
        nx_, ny_ = ix + a, iy + b
        ok = (nx_ >= 0) & (nx_ < size) & (ny_ >= 0) & (ny_ < size)
        other = np.where(ok, _lookup(nx_ * size + ny_, ids, size), -1)
        many = np.where(other >= 0, count[other], 0)
        ends = np.cumsum(many)
        lo = 0
        while lo < n:
            # a block of nodes whose pairs fit the budget (at least one node)
            done = int(ends[lo - 1]) if lo else 0
            hi = max(int(np.searchsorted(ends, done + budget, side="right")), lo + 1)
            m = many[lo:hi]
            i = np.repeat(np.arange(lo, hi), m)
            base = np.repeat(ends[lo:hi] - m - done, m)
            j = order[np.repeat(first[other[lo:hi]], m) + np.arange(len(i)) - base]
            dx, dy = x[i] - x[j], y[i] - y[j]
            w = k2 / np.maximum(dx * dx + dy * dy, 1e-4)
            fx[lo:hi] += np.bincount(i - lo, dx * w, hi - lo)
            fy[lo:hi] += np.bincount(i - lo, dy * w, hi - lo)
            lo = hi


def _info(view: View) -> dict[str, dict[str, Any]]:
    """What the side panel shows for each node and edge id."""
    label = {n.id: n.label for n in view.nodes}
    out: dict[str, dict[str, Any]] = {}
    for n in view.nodes:
        out[n.id] = {
            "type": "node",
            "label": n.label,
            "kind": n.kind,
            "classes": list(n.classes),
            "aliases": list(n.aliases),
            "dates": list(n.dates),
            "bloc": n.bloc,
            "pagerank": n.pagerank,
            "confidence": n.confidence,
            "figures": [list(f) for f in n.figures],
            "articles": list(n.articles),
            "attestations": list(n.attestations),
        }
    for e in view.edges:
        out[e.id] = {
            "type": "edge",
            "label": e.label or f"{label[e.source]} {e.rel} {label[e.target]}",
            "rel": e.rel,
            "source": label[e.source],
            "target": label[e.target],
            "start": e.start,
            "end": e.end,
            "confidence": e.confidence,
            "count": e.count,
            "attestations": list(e.attestations),
        }
    return out


def _add_nodes(net: Any, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """``net.add_node(id, **options)`` for each node, in linear time.

    pyvis's ``add_node`` looks every id up in a list (quadratic in the number of nodes);
    this builds the same ``pyvis.node.Node`` options and updates the same attributes of
    the network (``nodes``, ``node_ids``, ``node_map``), looking ids up in a set. As in
    pyvis, a repeated id is ignored and an empty label becomes the id.

    >>> from pyvis.network import Network
    >>> net = Network(directed=True)
    >>> _add_nodes(net, [("a", {"label": "A", "shape": "dot"}), ("a", {"label": "B"})])
    >>> net.nodes == [{"color": "#97c2fc", "id": "a", "label": "A", "shape": "dot"}]
    True
    """
    from pyvis.node import Node as VisNode

    seen = set(net.node_ids)
    for n_id, given in nodes:
        if n_id in seen:
            continue
        seen.add(n_id)
        options = dict(given)
        label = options.pop("label", None) or n_id
        shape = options.pop("shape", "dot")
        if "group" in options:  # pyvis drops the colour of grouped nodes
            options.pop("color", None)
        else:
            options.setdefault("color", "#97c2fc")
        item = VisNode(n_id, shape, label=label, font_color=net.font_color, **options).options
        net.nodes.append(item)
        net.node_ids.append(n_id)
        net.node_map[n_id] = item


def _add_edges(net: Any, edges: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
    """``net.add_edge(source, target, **options)`` for each edge, in linear time.

    pyvis's ``add_edge`` looks both ends up in the list of node ids (quadratic in the size
    of the graph) and, for undirected networks, scans the edges for a duplicate; this
    checks the ends against a set and builds the same ``pyvis.edge.Edge`` options. Only
    for directed networks, where pyvis keeps every edge.

    >>> from pyvis.network import Network
    >>> net = Network(directed=True)
    >>> _add_nodes(net, [("a", {}), ("b", {})])
    >>> _add_edges(net, [("a", "b", {"id": "e1"})])
    >>> net.edges == [{"arrows": "to", "from": "a", "id": "e1", "to": "b"}]
    True
    >>> _add_edges(net, [("a", "c", {})])
    Traceback (most recent call last):
    ...
    ValueError: non existent node 'c'
    """
    from pyvis.edge import Edge as VisEdge

    if not net.directed:
        raise ValueError("_add_edges keeps duplicate edges: directed networks only")
    known = set(net.node_ids)
    for source, target, options in edges:
        for end in (source, target):
            if end not in known:
                raise ValueError(f"non existent node {end!r}")
        net.edges.append(VisEdge(source, target, net.directed, **options).options)


def vis_payload(view: View) -> dict[str, Any]:
    """Everything the page's script needs, as JSON-ready values (built with pyvis).

    Keys: ``title``, ``nodes`` and ``edges`` (vis-network items with ``kgKind``, ``kgRel``,
    ``kgWhen`` for the filters), ``options``, ``physics``, ``info`` (side panel per id),
    ``articles``, ``attestations``, ``legend``.
    """
    from pyvis.network import Network

    degree: dict[str, int] = {n.id: 0 for n in view.nodes}
    for e in view.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    max_pr = max((n.pagerank or 0.0 for n in view.nodes), default=0.0)
    blocs = view.has_analysis and any(n.bloc for n in view.nodes)
    large = len(view.nodes) > LAYOUT_THRESHOLD
    pos = _layout(view) if large else {}

    net = Network(directed=True, cdn_resources="local")
    _add_nodes(
        net,
        (
            (
                n.id,
                {
                    "label": n.label,
                    "kgKind": n.kind,
                    "kgClass": n.classes[0] if n.classes else n.kind,
                    "kgWhen": n.when,
                    **_node_style(n, degree[n.id], max_pr, blocs),
                    **({"x": pos[n.id][0], "y": pos[n.id][1]} if large else {}),
                },
            )
            for n in view.nodes
        ),
    )
    _add_edges(
        net,
        (
            (
                e.source,
                e.target,
                {
                    "id": e.id,
                    "kgRel": e.rel,
                    "kgWhen": e.when,
                    "width": _edge_width(e),
                    **EDGE_STYLES[e.rel],
                },
            )
            for e in view.edges
        ),
    )
    net.toggle_physics(not large)
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    options = json.loads(options_json)
    options["edges"]["smooth"] = {"enabled": not large, "type": "continuous"}
    options["interaction"].update({"hover": not large, "tooltipDelay": 300})
    options["physics"]["stabilization"].update({"iterations": 400, "fit": True})
    options["nodes"] = {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1}
    for item in edges:
        item.pop("title", None)
    for item in nodes:
        item.pop("title", None)
        item.pop("font", None)

    kinds = sorted({n.kind for n in view.nodes}, key=list(KIND_STYLES).index)
    rels = sorted({e.rel for e in view.edges}, key=list(EDGE_STYLES).index)
    legend = {
        "kinds": [
            {"kind": k, "shape": KIND_STYLES[k][0], "color": KIND_STYLES[k][1]} for k in kinds
        ],
        "relations": [{"rel": r, **EDGE_STYLES[r]} for r in rels],
        "blocs": [
            [b, BLOC_COLOURS[(b - 1) % len(BLOC_COLOURS)]]
            for b in sorted({n.bloc for n in view.nodes if n.bloc and blocs})
        ],
        "classes": sorted({c for n in view.nodes for c in (n.classes or (n.kind,))}),
    }
    used_atts = {a for n in view.nodes for a in n.attestations}
    used_atts |= {a for e in view.edges for a in e.attestations}
    used_arts = {n_a for n in view.nodes for n_a in n.articles}
    used_arts |= {src for a in used_atts if (src := view.attestations[a].article)}
    return {
        "title": view.title,
        "subtitle": _subtitle(view),
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "physics": not large,
        "info": _info(view),
        "legend": legend,
        "attestations": {
            a: {
                "quote": att.quote,
                "article": att.article,
                "confidence": att.confidence,
                "hedged": att.hedged,
            }
            for a in sorted(used_atts)
            if (att := view.attestations[a])
        },
        "articles": {
            a: {
                "title": art.title,
                "publishers": list(art.publishers),
                "date": art.date,
                "url": art.url,
            }
            for a in sorted(x for x in used_arts if x)
            if (art := view.articles.get(a)) is not None
        },
    }


def _subtitle(view: View) -> str:
    parts = [f"{view.view} view", f"{len(view.nodes)} nodes", f"{len(view.edges)} edges"]
    if view.focus:
        parts.append(f"around {view.focus}")
    if view.as_of:
        parts.append(f"as of {view.as_of}")
    if view.min_confidence is not None:
        parts.append(f"confidence ≥ {view.min_confidence:g}")
    return " · ".join(parts)


def _vis_files() -> tuple[str, str]:
    """vis-network's standalone script and stylesheet, as shipped inside pyvis."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (
        (lib / "vis-network.min.js").read_text(encoding="utf-8"),
        (lib / "vis-network.css").read_text(encoding="utf-8"),
    )


def _script(text: str) -> str:
    """Script or style text that cannot close its element early."""
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE).replace(
        "<!--", "<\\!--"
    )


def render_html(view: View) -> str:
    """The whole page for ``view``: one UTF-8 HTML string, no external resource.

    Parameters
    ----------
    view : View
        Typically ``select_view(read_view(store), ...)``.

    Returns
    -------
    str
        An HTML document; ``window.kgNetwork`` is the vis Network once it has loaded,
        ``window.kgShowDetails(id)`` opens the side panel of a node or edge, and
        ``window.kgReady`` is a promise resolved once the graph is drawn and stable.
    """
    vis_js, vis_css = _vis_files()
    parts = {
        "title": html.escape(view.title),
        "vis_css": _script(vis_css),
        "app_css": _script((_ASSETS / "app.css").read_text(encoding="utf-8")),
        "data": embed_json(vis_payload(view)),
        "vis_js": _script(vis_js),
        "app_js": _script((_ASSETS / "app.js").read_text(encoding="utf-8")),
    }
    template = (_ASSETS / "page.html").read_text(encoding="utf-8")
    return _MARK.sub(lambda m: parts[m.group(1)], template)
