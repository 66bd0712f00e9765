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

from kg.viz.camps import UNALIGNED_COLOUR
from kg.viz.layout import APPROX_LAYOUT_MIN, declutter, grid_layout, layout
from kg.viz.model import UNPLACED, Edge, Node, View

__all__ = [
    "APPROX_LAYOUT_MIN",
    "BLOC_COLOURS",
    "EDGE_STYLES",
    "HIDE_ISOLATED_ABOVE",
    "KIND_STYLES",
    "LAYOUT_THRESHOLD",
    "declutter",
    "embed_json",
    "grid_layout",
    "render_html",
    "vis_payload",
]

#: Above this many nodes edges are drawn straight and hover is off (speed).
LAYOUT_THRESHOLD = 300
#: Above this many nodes the page starts with nodes without a visible tie hidden.
HIDE_ISOLATED_ABOVE = 50
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


def _node_style(
    n: Node, degree: int, max_pr: float, blocs: bool, camp: str | None = None
) -> dict[str, Any]:
    shape, colour = KIND_STYLES[n.kind]
    if n.kind == "actor" and "Person" in n.classes:
        shape = _PERSON_SHAPE
    if n.kind == "actor" and camp is not None:
        colour = camp
    elif n.kind == "actor" and blocs:
        colour = BLOC_COLOURS[(n.bloc - 1) % len(BLOC_COLOURS)] if n.bloc else _NO_BLOC
    if n.pagerank is not None and max_pr > 0:
        size = 10 + 30 * n.pagerank / max_pr
    else:
        size = 10 + 5 * math.sqrt(degree)
    return {"shape": shape, "color": colour, "size": round(size, 2)}


def _edge_width(e: Edge) -> float:
    return 1.0 if e.count <= 1 else round(1 + 1.5 * math.log2(e.count), 2)


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
    ``kgWhen``, ``kgTheatres`` for the filters; actors' ``kgCamps``: theatre → colour),
    ``options``, ``physics``, ``info`` (side panel per id), ``articles``, ``attestations``,
    ``legend``, ``theatres``, ``camps`` (blocs with members, strengths and facts),
    ``hideIsolated`` (the checkbox's first state: on above :data:`HIDE_ISOLATED_ABOVE` nodes).
    Every node has a position (:func:`_layout`); physics starts off.
    """
    blocs = view.has_analysis and any(n.bloc for n in view.nodes)
    camp_colour, camp_of = _camp_colours(view)
    nodes, edges, options = _vis_network(view, blocs, camp_colour, camp_of)
    camps = _camps_payload(view)
    attestations, articles = _cited(view, with_camps=camps is not None)
    return {
        "title": view.title,
        "subtitle": _subtitle(view),
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "physics": False,
        "info": _info(view),
        "legend": _legend(view, blocs, bool(camp_colour)),
        "theatres": _theatres_payload(view),
        "camps": camps,
        "hideIsolated": len(view.nodes) > HIDE_ISOLATED_ABOVE,
        "attestations": attestations,
        "articles": articles,
    }


def _vis_network(
    view: View, blocs: bool, camp_colour: dict[str, str], camp_of: dict[str, dict[str, str]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """vis-network nodes (styled, placed by :func:`layout`), edges and options, via pyvis."""
    from pyvis.network import Network

    degree: dict[str, int] = {n.id: 0 for n in view.nodes}
    for e in view.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    max_pr = max((n.pagerank or 0.0 for n in view.nodes), default=0.0)
    styles = {
        n.id: _node_style(n, degree[n.id], max_pr, blocs, camp_colour.get(n.id)) for n in view.nodes
    }
    pos = layout(view, {k: float(v["size"]) for k, v in styles.items()})
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
                    "kgTheatres": list(n.theatres),
                    **({"kgCamps": camp_of[n.id]} if n.id in camp_of else {}),
                    **styles[n.id],
                    "x": pos[n.id][0],
                    "y": pos[n.id][1],
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
                    "kgTheatres": list(e.theatres),
                    "width": _edge_width(e),
                    **EDGE_STYLES[e.rel],
                },
            )
            for e in view.edges
        ),
    )
    net.toggle_physics(False)
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    large = len(view.nodes) > LAYOUT_THRESHOLD
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
    return nodes, edges, options


def _legend(view: View, blocs: bool, camps: bool) -> dict[str, Any]:
    """Shapes, the unaligned colour, relation styles, stored blocs and classes shown."""
    rels = sorted({e.rel for e in view.edges}, key=list(EDGE_STYLES).index)
    return {
        "shapes": _shape_legend(view, camps or blocs),
        "unaligned": (
            {
                "color": UNALIGNED_COLOUR,
                "label": "actor in no bloc of the theatre shown: no positive tie, or a "
                f"membership weaker than {view.camps.min_strength:g}",
            }
            if view.camps is not None and any(n.kind == "actor" for n in view.nodes)
            else None
        ),
        "relations": [{"rel": r, **EDGE_STYLES[r]} for r in rels],
        "blocs": [
            [b, BLOC_COLOURS[(b - 1) % len(BLOC_COLOURS)]]
            for b in sorted({n.bloc for n in view.nodes if n.bloc and blocs})
        ],
        "classes": sorted({c for n in view.nodes for c in (n.classes or (n.kind,))}),
    }


def _cited(view: View, with_camps: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """The attestations and articles the page cites (of its nodes, edges and blocs)."""
    used_atts = {a for n in view.nodes for a in n.attestations}
    used_atts |= {a for e in view.edges for a in e.attestations}
    if view.camps is not None and with_camps:
        used_atts |= {
            a
            for b in view.camps.blocs
            for m in b.members
            for _o, ts in m.ties
            for t in ts
            for a in t.attestations
            if a in view.attestations
        }
    used_arts = {n_a for n in view.nodes for n_a in n.articles}
    used_arts |= {src for a in used_atts if (src := view.attestations[a].article)}
    attestations = {
        a: {
            "quote": att.quote,
            "article": att.article,
            "confidence": att.confidence,
            "hedged": att.hedged,
        }
        for a in sorted(used_atts)
        if (att := view.attestations[a])
    }
    articles = {
        a: {
            "title": art.title,
            "publishers": list(art.publishers),
            "date": art.published,
            "url": art.url,
        }
        for a in sorted(x for x in used_arts if x)
        if (art := view.articles.get(a)) is not None
    }
    return attestations, articles


def _camp_colours(view: View) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Each actor's colour with every theatre shown (its strongest bloc's; grey: none), and
    per theatre it takes part in, its colour there."""
    if view.camps is None:
        return {}, {}
    camps = view.camps
    colour = {b.key: camps.colour(b) for b in camps.blocs}
    of_actor = camps.of_actor()
    first: dict[str, str] = {}
    per: dict[str, dict[str, str]] = {}
    for n in view.nodes:
        if n.kind != "actor":
            continue
        mine = of_actor.get(n.id, [])
        first[n.id] = colour[mine[0][0].key] if mine else UNALIGNED_COLOUR
        there = {b.theatre: colour[b.key] for b, _s in mine}
        per[n.id] = {t: there.get(t, UNALIGNED_COLOUR) for t in (n.theatres or (UNPLACED,))}
    return first, per


def _shape_legend(view: View, coloured: bool) -> list[dict[str, str]]:
    """One entry per shape on the page: what it stands for and what its colour says."""
    out = []
    actors = [n for n in view.nodes if n.kind == "actor"]
    bloc = " (colour: its bloc)" if coloured else ""
    if any("Person" not in n.classes for n in actors):
        out.append({"shape": "dot", "color": KIND_STYLES["actor"][1], "label": f"actor{bloc}"})
    if any("Person" in n.classes for n in actors):
        out.append(
            {"shape": _PERSON_SHAPE, "color": KIND_STYLES["actor"][1], "label": f"person{bloc}"}
        )
    for kind in ("place", "event"):
        if any(n.kind == kind for n in view.nodes):
            shape, colour = KIND_STYLES[kind]
            out.append({"shape": shape, "color": colour, "label": kind})
    return out


def _theatres_payload(view: View) -> list[dict[str, Any]]:
    """The theatre selector's options: theatres of the view in order, then ``unplaced``."""
    count: dict[str, int] = {}
    for n in view.nodes:
        for t in n.theatres or ((UNPLACED,) if n.kind == "actor" else ()):
            count[t] = count.get(t, 0) + 1
    out = [
        {"key": t, "label": label, "nodes": count[t]}
        for t, label in view.theatres.items()
        if t in count
    ]
    if UNPLACED in count:
        out.append({"key": UNPLACED, "label": UNPLACED, "nodes": count[UNPLACED]})
    return out


def _camps_payload(view: View) -> dict[str, Any] | None:
    """The blocs for the legend and the bloc panels (members with strength and facts)."""
    if view.camps is None:
        return None
    camps = view.camps
    shown = {n.id for n in view.nodes}
    return {
        "minStrength": camps.min_strength,
        "blocs": [
            {
                "key": b.key,
                "theatre": b.theatre,
                "theatreLabel": b.theatre_label,
                "number": b.number,
                "color": camps.colour(b),
                "members": [
                    {
                        "id": m.actor,
                        "label": m.label,
                        "strength": m.strength,
                        "shown": m.actor in shown,
                        "ties": [
                            {
                                "with": other,
                                "facts": [
                                    {
                                        "id": t.fact,
                                        "label": t.label,
                                        "evidence": t.evidence,
                                        "role": t.role,
                                        "attestations": [
                                            a for a in t.attestations if a in view.attestations
                                        ],
                                    }
                                    for t in ts
                                ],
                            }
                            for other, ts in m.ties
                        ],
                    }
                    for m in b.members
                ],
            }
            for b in camps.blocs
        ],
        "unaligned": {
            t: [{"id": u.actor, "label": u.label, "strength": u.strength, "why": u.why} for u in us]
            for t, us in camps.unaligned.items()
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
