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
from importlib import resources
from pathlib import Path
from typing import Any

from kg.viz.model import Edge, Node, View

__all__ = [
    "BLOC_COLOURS",
    "EDGE_STYLES",
    "KIND_STYLES",
    "LAYOUT_THRESHOLD",
    "embed_json",
    "render_html",
    "vis_payload",
]

#: Above this many nodes positions are computed with NetworkX and physics starts off.
LAYOUT_THRESHOLD = 300
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
    """Deterministic positions, scaled to canvas pixels.

    NetworkX's ``spring_layout`` (seeded); graphs of 500 nodes or more need SciPy there, so
    without it they get the same Fruchterman-Reingold model from :func:`_spring` (NumPy only).
    """
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(n.id for n in view.nodes)
    g.add_edges_from((e.source, e.target) for e in view.edges)
    try:
        pos = nx.spring_layout(g, seed=7, iterations=50)
    except ImportError:
        pos = _spring(g, seed=7, iterations=50)
    scale = 40 * math.sqrt(max(len(g), 1))
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
    for n in view.nodes:
        extra: dict[str, Any] = {"x": pos[n.id][0], "y": pos[n.id][1]} if large else {}
        net.add_node(
            n.id,
            label=n.label,
            kgKind=n.kind,
            kgClass=n.classes[0] if n.classes else n.kind,
            kgWhen=n.when,
            **_node_style(n, degree[n.id], max_pr, blocs),
            **extra,
        )
    for e in view.edges:
        net.add_edge(
            e.source,
            e.target,
            id=e.id,
            kgRel=e.rel,
            kgWhen=e.when,
            width=_edge_width(e),
            **EDGE_STYLES[e.rel],
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
