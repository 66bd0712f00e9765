"""``kg viz``: the HTML page (escaping, styles, layout, theatres), writing it, and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import handmade_articles, write_articles
from rdflib import Literal
from viz_helpers import grid_view

from kg.analysis.theatres import read_theatre_blocs
from kg.cli import cli
from kg.rdf.iri import actor_iri
from kg.rdf.namespace import CKG, GRAPH
from kg.rdf.store import KGStore
from kg.viz import read_view, render_html, select_view, write_page
from kg.viz.camps import camps_of
from kg.viz.model import Edge, Node, View
from kg.viz.render import (
    HIDE_ISOLATED_ABOVE,
    LAYOUT_THRESHOLD,
    embed_json,
    vis_payload,
)

# ---------------------------------------------------------------- HTML


@pytest.mark.parametrize(
    "payload",
    ["</script><script>alert(1)</script>", "<!-- x", "<img src=x onerror=alert(1)>", "a\u2028b"],
)
def test_embed_json_has_no_angle_bracket(payload: str) -> None:
    text = embed_json({"k": payload, payload: [payload]})
    assert "<" not in text
    assert json.loads(text) == {"k": payload, payload: [payload]}


def test_page_escapes_labels_and_title() -> None:
    bad = '</script><script>window.__pwned=1</script><img src=x onerror="x()">'
    v = View([Node("n1", bad, "actor", ("State",), (bad,))], [], {}, {}, 1)
    page = render_html(v)
    assert bad not in page
    assert page.count("</script>") == 3  # data, vis-network, ours
    assert "<img" not in page.split('id="kg-data"')[1].split("</script>")[0]
    data = page.split('<script id="kg-data" type="application/json">')[1].split("</script>")[0]
    assert json.loads(data)["info"]["n1"]["label"] == bad


def test_page_is_self_contained(handmade_view: View) -> None:
    page = render_html(select_view(handmade_view, "full"))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    assert page.startswith("<!DOCTYPE html>")


def test_page_is_deterministic(handmade_view: View) -> None:
    assert render_html(select_view(handmade_view)) == render_html(select_view(handmade_view))


def test_edge_styles_by_relation(handmade_view: View) -> None:
    data = vis_payload(select_view(handmade_view, "full"))
    by_rel: dict[str, list[dict[str, Any]]] = {}
    for e in data["edges"]:
        by_rel.setdefault(e["kgRel"], []).append(e)
    assert all(e["arrows"] == "to" for e in by_rel["backs"])
    assert all(e["arrows"] == "" for e in by_rel["fights"])
    assert {e["color"] for e in by_rel["fights"]} == {"#d62728"}
    assert all(e["dashes"] is True for e in by_rel["tensionWith"])
    widths = {e["id"].rsplit("/", 1)[-1]: e["width"] for e in by_rel["backs"]}
    assert (
        widths["backs-united-states--syrian-democratic-forces"]
        > widths["backs-russia--syrian-arab-army"]
    )


def test_shapes_by_class_and_colours_by_bloc(tmp_path: Path) -> None:
    with KGStore(tmp_path / "store") as st:
        write_articles(st, handmade_articles())
        plain = vis_payload(read_view(st))
        st.replace_graph(
            GRAPH["analysis"],
            [
                (actor_iri("Iran"), CKG.bloc, Literal(1)),
                (actor_iri("Islamic State"), CKG.bloc, Literal(2)),
                (actor_iri("Iran"), CKG.pagerank, Literal(0.3)),
            ],
        )
        blocs = vis_payload(read_view(st))
    shapes = {(n["kgKind"], n["shape"]) for n in plain["nodes"]}
    assert shapes == {
        ("actor", "dot"),
        ("actor", "diamond"),
        ("place", "square"),
        ("event", "triangle"),
    }
    assert len({n["color"] for n in plain["nodes"] if n["kgKind"] == "actor"}) == 1
    colour = {n["label"]: n["color"] for n in blocs["nodes"]}
    assert len({colour["Iran"], colour["Islamic State"], colour["Russia"]}) == 3
    size = {n["label"]: n["size"] for n in blocs["nodes"]}
    assert size["Iran"] > size["Russia"]
    assert blocs["legend"]["blocs"] == [[1, colour["Iran"]], [2, colour["Islamic State"]]]


@pytest.mark.parametrize("n", [12, LAYOUT_THRESHOLD, LAYOUT_THRESHOLD + 1])
def test_every_graph_gets_positions_and_no_physics(n: int) -> None:
    data = vis_payload(grid_view(n))
    assert data["physics"] is False
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in node and "y" in node for node in data["nodes"])
    assert data == vis_payload(grid_view(n))  # same view, same positions
    assert data["hideIsolated"] is (n > HIDE_ISOLATED_ABOVE)


def _label_boxes(data: dict[str, Any]) -> list[tuple[str, float, float, float, float]]:
    """Each node with its label below it: (label, left, top, right, bottom) in canvas px."""
    out = []
    for n in data["nodes"]:
        half = max(7.8 * len(n["label"]) + 4, 2 * n["size"]) / 2  # 14 px sans-serif label
        top, bottom = n["y"] - n["size"], n["y"] + n["size"] + 18  # the label under the node
        out.append((n["label"], n["x"] - half, top, n["x"] + half, bottom))
    return out


def _overlaps(data: dict[str, Any]) -> list[tuple[str, str]]:
    boxes = _label_boxes(data)
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


@pytest.mark.parametrize(
    ("theatres", "has", "lacks"),
    [
        (["Iraq"], "Popular Mobilization Forces", "Syrian Democratic Forces"),
        (["syria"], "Syrian Democratic Forces", "Popular Mobilization Forces"),
        (["Syria", "Iraq"], "Popular Mobilization Forces", None),
    ],
)
def test_select_theatres(
    handmade_view: View, theatres: list[str], has: str, lacks: str | None
) -> None:
    page = select_view(handmade_view, "actors", theatres=theatres)
    labels = {n.label for n in page.nodes}
    assert has in labels
    assert lacks is None or lacks not in labels
    assert len(page.theatres) == len(theatres)
    keep = set(page.theatres)
    assert all(set(e.theatres) & keep for e in page.edges)


def test_no_label_overlaps_another_node(handmade_view: View) -> None:
    for view in ("actors", "full"):
        data = vis_payload(select_view(handmade_view, view))
        assert _overlaps(data) == [], view


def test_isolated_nodes_go_below_the_drawing() -> None:
    nodes = [Node(f"n{i}", f"Actor {i}", "actor", ("ArmedGroup",)) for i in range(6)]
    view = View(nodes, [Edge("e", "n0", "n1", "fights")], {}, {}, 0)
    data = vis_payload(view)
    y = {n["id"]: n["y"] for n in data["nodes"]}
    assert min(y[f"n{i}"] for i in range(2, 6)) > max(y["n0"], y["n1"])
    assert _overlaps(data) == []


# ---------------------------------------------------------------- writing and CLI


def test_write_page_replaces_atomically(handmade_store: KGStore, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    out.write_text("old", encoding="utf-8")
    rep = write_page(handmade_store, out, view="full", blocs=read_theatre_blocs)
    page = select_view(read_view(handmade_store), "full")
    page.camps = camps_of(read_theatre_blocs(handmade_store))
    assert out.read_text(encoding="utf-8") == render_html(page)
    assert (rep.path, rep.title, rep.nodes, rep.edges) == (
        out,
        page.title,
        len(page.nodes),
        len(page.edges),
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.html", "store"]


def test_cli_writes_page(handmade_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    res = CliRunner().invoke(
        cli, ["viz", "--store", str(handmade_store_path), "-o", str(out), "--focus", "SDF"]
    )
    assert res.exit_code == 0, res.output
    assert res.output == (f"wrote {out}: conflict-kg — 2 articles, 4 actors (4 nodes, 4 edges)\n")
    assert "<title>conflict-kg — 2 articles, 4 actors</title>" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--focus", "nobody at all"],
            "Error: --focus 'nobody at all' names no actor in the store: "
            "list actors with 'kg query actors'\n",
        ),
        (
            ["--as-of", "2017-13"],
            "Error: --as-of '2017-13' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD\n",
        ),
        (
            ["--theatre", "Mars"],
            "Error: --theatre 'Mars' names no theatre of the store: use one of Syria, Iraq, "
            "unplaced\n",
        ),
        (
            ["-o", "/nonexistent-folder/g.html"],
            "Error: cannot write /nonexistent-folder/g.html: folder /nonexistent-folder does not "
            "exist; create it first\n",
        ),
    ],
)
def test_cli_errors(handmade_store_path: Path, args: list[str], message: str) -> None:
    res = CliRunner().invoke(cli, ["viz", "--store", str(handmade_store_path), *args])
    assert res.exit_code == 1
    assert res.output == message


def test_cli_missing_store(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["viz", "--store", str(tmp_path / "none")])
    assert res.exit_code == 1
    assert res.output == (
        f"Error: no conflict-kg store at {tmp_path / 'none'}: build one first with "
        f"'kg build ARTICLES --store {tmp_path / 'none'}', or pass --store DIR\n"
    )
