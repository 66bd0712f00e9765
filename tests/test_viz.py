"""``kg viz``: the view model, the HTML page, the CLI, and the page in headless Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from browser import Browser, chromium_path
from click.testing import CliRunner
from conftest import handmade_articles, write_articles
from rdflib import Literal

from kg.analysis.theatres import read_theatre_blocs
from kg.cli import cli
from kg.model import RELATION_TYPES, ArticleFacts, ArticleMeta, Entity, Evidence, RelationFact
from kg.rdf.iri import actor_iri
from kg.rdf.namespace import CKG, GRAPH
from kg.rdf.store import KGStore
from kg.viz import read_view, render_html, select_view, write_page
from kg.viz.camps import camps_of
from kg.viz.model import Edge, Node, View
from kg.viz.render import (
    APPROX_LAYOUT_MIN,
    EDGE_STYLES,
    HIDE_ISOLATED_ABOVE,
    LAYOUT_THRESHOLD,
    embed_json,
    vis_payload,
)

_ACTOR_RELS = {k for k in RELATION_TYPES if k != "controls"}


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def handmade_view(tmp_path_factory: pytest.TempPathFactory) -> View:
    """The full view of the hand-written articles (read once per module)."""
    with KGStore(tmp_path_factory.mktemp("viz") / "store") as st:
        write_articles(st, handmade_articles())
        return read_view(st)


def _expected_actor_edges(articles: Sequence[ArticleFacts]) -> set[tuple[str, str, str]]:
    """Distinct actor-to-actor relations stated by the articles (symmetric ones unordered)."""
    out = set()
    for art in articles:
        for r in art.relations:
            if r.type not in _ACTOR_RELS:
                continue
            a, b = r.subject, r.object
            if RELATION_TYPES[r.type][3]:
                a, b = sorted((a, b))
            out.add((r.type, a, b))
    return out


def _planted_articles() -> list[ArticleFacts]:
    """An article whose every text field tries to run script or load an image."""
    bad = '<img src="x.png" onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    text = f"Alpha Front {bad} is backed by Beta State. Alpha Front fights Gamma Army."
    meta = ArticleMeta("evil.txt", f"Title {bad}", f"Wire {bad}", None, "javascript:alert(1)")
    art = ArticleFacts(meta, text)
    for key, cls in (
        ("Alpha Front", "ArmedGroup"),
        ("Beta State", "State"),
        ("Gamma Army", "ArmedForces"),
    ):
        art.entities[key] = Entity(key, "actor", cls, key, aliases={f"{key} {bad}"})
        art.mentions[key] = {key, f"{key} {bad}"}
    first = text.split(". ")[0]
    art.relations = [
        RelationFact(
            "backs", "Beta State", "Alpha Front", Evidence(first, 0, len(first), "t", 0.9)
        ),
        RelationFact("fights", "Alpha Front", "Gamma Army", Evidence(bad, 12, 20, "t", 0.8)),
    ]
    return [art]


# ---------------------------------------------------------------- view model


def test_full_view_counts_match_the_articles(handmade_view: View) -> None:
    arts = handmade_articles()
    actors = {k for a in arts for k, e in a.entities.items() if e.kind == "actor"}
    page = select_view(handmade_view, "actors")
    assert {n.label for n in page.nodes} == actors
    got = set()
    for e in page.edges:
        a, b = (n.label for i in (e.source, e.target) for n in page.nodes if n.id == i)
        if RELATION_TYPES[e.rel][3]:
            a, b = sorted((a, b))
        got.add((e.rel, a, b))
    assert got == _expected_actor_edges(arts)
    assert page.title == f"conflict-kg — 2 articles, {len(actors)} actors"


def test_reading_and_drawing_the_page_need_neither_analysis_nor_extraction() -> None:
    # the page's facts come from kg.rdf.read, as analysis's do (only its blocs come from
    # kg.analysis, when the page is written)
    code = (
        "import sys, kg.viz.model, kg.viz.render, kg.viz.layout\n"
        "print(sorted(m for m in sys.modules if m.startswith(('kg.analysis', 'kg.extract'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("stated", "drawn"),
    [
        ([("Zeta Front", "Alpha Army")], ("Zeta Front", "Alpha Army")),
        ([("Alpha Army", "Zeta Front")], ("Alpha Army", "Zeta Front")),
        # stated both ways (by two articles): from the lesser IRI
        (
            [("Zeta Front", "Alpha Army"), ("Alpha Army", "Zeta Front")],
            ("Alpha Army", "Zeta Front"),
        ),
    ],
)
def test_symmetric_relation_is_drawn_as_stated(
    tmp_path: Path, stated: list[tuple[str, str]], drawn: tuple[str, str]
) -> None:
    arts = []
    for i, (a, b) in enumerate(stated):
        text = f"Report {i}: {a} joined forces with {b}."
        art = ArticleFacts(ArticleMeta(f"ally-{i}.txt"), text)
        for key in (a, b):
            art.entities[key] = Entity(key, "actor", "ArmedGroup", key)
        art.relations = [RelationFact("alliedWith", a, b, Evidence(text, 0, len(text), "t", 0.8))]
        arts.append(art)
    with KGStore(tmp_path / "store") as st:
        write_articles(st, arts)
        view = read_view(st)
    [edge] = [e for e in view.edges if e.rel == "alliedWith"]
    assert (edge.source, edge.target) == tuple(str(actor_iri(k)) for k in drawn)


@pytest.mark.parametrize(
    ("view", "kinds", "rels"),
    [
        ("actors", {"actor"}, _ACTOR_RELS),
        ("events", {"actor", "place", "event"}, {"agent", "target", "supporter", "place"}),
        ("full", {"actor", "place", "event"}, set(EDGE_STYLES)),
    ],
)
def test_views_hold_their_kinds(
    handmade_view: View, view: str, kinds: set[str], rels: set[str]
) -> None:
    page = select_view(handmade_view, view)
    assert {n.kind for n in page.nodes} == kinds
    assert {e.rel for e in page.edges} <= rels
    ids = {n.id for n in page.nodes}
    assert all(e.source in ids and e.target in ids for e in page.edges)


def test_events_view_keeps_only_linked_actors(handmade_view: View) -> None:
    page = select_view(handmade_view, "events")
    linked = {e.target for e in page.edges}
    assert {n.id for n in page.nodes if n.kind != "event"} == linked
    assert "Bashar al-Assad" not in {n.label for n in page.nodes}


@pytest.mark.parametrize(
    ("focus", "depth", "labels"),
    [
        ("sdf", 0, {"Syrian Democratic Forces"}),
        (
            "Syrian Democratic Forces",
            1,
            {"Syrian Democratic Forces", "United States", "Islamic State", "Syrian Arab Army"},
        ),
        ("BASHAR AL-ASSAD", 1, {"Bashar al-Assad", "Government of Syria"}),
    ],
)
def test_focus_keeps_the_neighbourhood(
    handmade_view: View, focus: str, depth: int, labels: set[str]
) -> None:
    page = select_view(handmade_view, "actors", focus=focus, depth=depth)
    assert {n.label for n in page.nodes} == labels
    assert page.focus in labels


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"focus": "Syrian Democratic Farces"},
            "--focus 'Syrian Democratic Farces' names no actor in the store: "
            "did you mean: Syrian Democratic Forces?",
        ),
        ({"view": "map"}, "unknown view 'map': use one of actors, events, full"),
        (
            {"as_of": "Nov 2017"},
            "--as-of 'Nov 2017' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        ({"min_confidence": 1.5}, "--min-confidence 1.5 is outside [0, 1]: give e.g. 0.5"),
        ({"depth": -1}, "--depth -1 is negative: give 0 or more"),
    ],
)
def test_bad_options_are_named(handmade_view: View, kwargs: dict[str, Any], message: str) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError) as e:
        select_view(handmade_view, **kwargs)
    assert str(e.value) == message


def test_ambiguous_focus_lists_candidates() -> None:
    nodes = [
        Node("a1", "Free Army", "actor", (), ("FA",)),
        Node("a2", "Front Alliance", "actor", (), ("fa",)),
    ]
    with pytest.raises(
        Exception,
        match=r"ambiguous: it names 2 actors: Free Army \(a1\); "
        r"Front Alliance \(a2\)",
    ):
        select_view(View(nodes, [], {}, {}, 0), focus="Fa")


@pytest.mark.parametrize(
    ("as_of", "kept"),
    [
        ("2017-10", set()),
        ("2017-11-03", {"Russia", "Iran", "United States", "Shiite militias", "Bashar al-Assad"}),
        (
            "2017",
            {
                "Russia",
                "Iran",
                "United States",
                "Shiite militias",
                "Bashar al-Assad",
                "Popular Mobilization Forces",
            },
        ),
    ],
)
def test_as_of_keeps_relations_known_by_then(
    handmade_view: View, as_of: str, kept: set[str]
) -> None:
    page = select_view(handmade_view, "actors", as_of=as_of)
    label = {n.id: n.label for n in page.nodes}
    sources = {label[e.source] for e in page.edges if e.rel in ("backs", "alliedWith", "leads")}
    assert sources == kept
    assert all(e.when is not None and e.when[:10] <= "2017-12-31" for e in page.edges)


@pytest.mark.parametrize("threshold", [0.0, 0.85, 0.95, 1.0])
def test_min_confidence(handmade_view: View, threshold: float) -> None:
    every = select_view(handmade_view, "full")
    page = select_view(handmade_view, "full", min_confidence=threshold)
    facts = [e for e in every.edges if e.rel in RELATION_TYPES]
    want = {e.id for e in facts if (e.confidence or 0) >= threshold}
    assert {e.id for e in page.edges if e.rel in RELATION_TYPES} == want
    assert all((n.confidence or 0) >= threshold for n in page.nodes if n.kind == "event")


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


def _grid_view(n: int) -> View:
    nodes = [Node(f"n{i:04d}", f"Actor {i}", "actor", ("ArmedGroup",)) for i in range(n)]
    edges = [Edge(f"e{i}", f"n{i:04d}", f"n{(i * 7 + 1) % n:04d}", "fights") for i in range(n)]
    return View(nodes, edges, {}, {}, 0)


@pytest.mark.parametrize("n", [12, LAYOUT_THRESHOLD, LAYOUT_THRESHOLD + 1])
def test_every_graph_gets_positions_and_no_physics(n: int) -> None:
    data = vis_payload(_grid_view(n))
    assert data["physics"] is False
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in node and "y" in node for node in data["nodes"])
    assert data == vis_payload(_grid_view(n))  # same view, same positions
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


# ---------------------------------------------------------------- in the browser

needs_chromium = pytest.mark.skipif(
    chromium_path() is None, reason="chromium is not installed (apt install chromium)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if chromium_path() is None:
        pytest.skip("chromium is not installed (apt install chromium)")
    with Browser.launch() as b:
        yield b


def _open(browser: Browser, page: Path) -> None:
    url = browser.open(page)
    assert browser.evaluate("window.kgReady") is True
    browser.pump(0.2)
    assert [r for r in browser.requests if r != url and not r.startswith("data:")] == []
    assert browser.errors == []


def _open_everything(browser: Browser) -> list[str]:
    """Open the side panel of every node and edge; returns the texts shown."""
    return list(
        browser.evaluate(
            """(() => {
              const ids = kgNetwork.body.data.nodes.getIds()
                .concat(kgNetwork.body.data.edges.getIds());
              return ids.map(id => {
                if (!kgShowDetails(id)) throw new Error('no details for ' + id);
                return document.getElementById('kg-details').textContent;
              });
            })()"""
        )
    )


def _counts(browser: Browser) -> list[int]:
    return list(
        browser.evaluate("[kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length]")
    )


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("view", ["actors", "full"])
def test_page_in_browser(browser: Browser, handmade_view: View, tmp_path: Path, view: str) -> None:
    page = select_view(handmade_view, view)
    out = tmp_path / "g.html"
    out.write_text(render_html(page), encoding="utf-8")
    _open(browser, out)
    assert _counts(browser) == [len(page.nodes), len(page.edges)]
    assert browser.evaluate("document.title") == page.title
    sdf = browser.evaluate(
        "(() => { const f = document.getElementById('kg-search-form');"
        " document.getElementById('kg-search').value = 'SDF';"
        " f.requestSubmit(); return kgNetwork.getSelectedNodes(); })()"
    )
    assert [browser.evaluate(f"kgNetwork.body.data.nodes.get({json.dumps(sdf[0])}).label")] == [
        "Syrian Democratic Forces"
    ]
    backs = next(e for e in page.edges if e.rel == "backs")
    quote = handmade_view.attestations[backs.attestations[0]].quote
    assert browser.evaluate(f"kgShowDetails({json.dumps(backs.id)})") is True
    assert quote in browser.evaluate("document.getElementById('kg-details').textContent")
    texts = _open_everything(browser)
    assert len(texts) == len(page.nodes) + len(page.edges)
    assert browser.errors == []


@needs_chromium
@pytest.mark.browser
def test_filters_hide_and_show(browser: Browser, handmade_view: View, tmp_path: Path) -> None:
    page = select_view(handmade_view, "actors")
    out = tmp_path / "g.html"
    out.write_text(render_html(page), encoding="utf-8")
    _open(browser, out)
    hidden = "kgNetwork.body.data.edges.get({filter: e => e.hidden}).map(e => e.id).sort()"
    first_rel = browser.evaluate(
        "document.querySelector('#kg-rel-filters input').parentNode.textContent.trim()"
    )
    browser.evaluate(
        "(() => { const b = document.querySelector('#kg-rel-filters input');"
        " b.checked = false; b.dispatchEvent(new Event('change')); })()"
    )
    assert browser.evaluate(hidden) == sorted(e.id for e in page.edges if e.rel == first_rel)
    browser.evaluate(
        "(() => { const s = document.getElementById('kg-date'); s.value = '0';"
        " s.dispatchEvent(new Event('input')); })()"
    )
    whens = [n.when for n in page.nodes] + [e.when for e in page.edges]
    cut = min(w[:10] for w in whens if w)
    late = {n.id for n in page.nodes if n.when and n.when[:10] > cut}
    want = sorted(
        e.id
        for e in page.edges
        if e.rel == first_rel
        or (e.when and e.when[:10] > cut)
        or e.source in late
        or e.target in late
    )
    assert browser.evaluate(hidden) == want
    assert 0 < len(want) < len(page.edges)
    assert browser.errors == []


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("view", ["actors", "full"])
def test_planted_markup_runs_nothing(browser: Browser, tmp_path: Path, view: str) -> None:
    with KGStore(tmp_path / "store") as st:
        write_articles(st, _planted_articles())
        page = select_view(read_view(st), view)
    out = tmp_path / "evil.html"
    out.write_text(render_html(page), encoding="utf-8")
    _open(browser, out)
    texts = _open_everything(browser)
    assert any("<script>window.__pwned=2</script>" in t for t in texts)
    assert any("onerror" in t for t in texts)
    browser.evaluate("kgSearch('alpha')")
    browser.pump(0.3)
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert (
        browser.evaluate("document.querySelectorAll('#kg-details img, #kg-details script').length")
        == 0
    )
    assert browser.evaluate("document.querySelectorAll('#kg-details a').length") == 0
    assert [r for r in browser.requests if not r.startswith(("file:", "data:"))] == []
    assert browser.errors == []


@needs_chromium
@pytest.mark.browser
def test_seed_page_in_browser(browser: Browser, seed_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    with KGStore(seed_store_path, read_only=True) as st:
        full = read_view(st)
    page = select_view(full, "actors")
    write_page(seed_store_path, out, blocs=read_theatre_blocs)
    _open(browser, out)
    assert _counts(browser) == [len(page.nodes), len(page.edges)]
    sdf = browser.evaluate("kgSearch('SDF')")
    assert browser.evaluate("kgNetwork.getSelectedNodes()") == [sdf]
    assert browser.evaluate(f"kgNetwork.body.data.nodes.get({json.dumps(sdf)}).label") == (
        "Syrian Democratic Forces"
    )
    backs = [e for e in page.edges if e.rel == "backs" and e.attestations]
    assert backs, "the seed articles state at least one backs relation"
    browser.evaluate(f"kgShowDetails({json.dumps(backs[0].id)})")
    shown = browser.evaluate("document.getElementById('kg-details').textContent")
    assert all(full.attestations[a].quote in shown for a in backs[0].attestations)
    _open_everything(browser)
    assert browser.errors == []


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("n", [LAYOUT_THRESHOLD + 1, APPROX_LAYOUT_MIN])
def test_large_page_in_browser(browser: Browser, tmp_path: Path, n: int) -> None:
    page = _grid_view(n)
    out = tmp_path / "large.html"
    out.write_text(render_html(page), encoding="utf-8")
    _open(browser, out)
    assert _counts(browser) == [n, n]
    first = vis_payload(page)["nodes"][0]
    shown = browser.evaluate(f"kgNetwork.getPositions([{json.dumps(first['id'])}])")
    # vis-network reports positions rounded to whole pixels
    assert shown[first["id"]] == {
        "x": pytest.approx(first["x"], abs=0.5),
        "y": pytest.approx(first["y"], abs=0.5),
    }
    assert browser.errors == []


_OUTSIDE = """(() => {
  const ids = kgVisibleNodes(), pos = kgNetwork.getPositions(ids);
  const r = document.getElementById('kg-network').getBoundingClientRect();
  return ids.filter(id => { const d = kgNetwork.canvasToDOM(pos[id]);
    return d.x < 0 || d.y < 0 || d.x > r.width || d.y > r.height; });
})()"""


def _choose_theatre(browser: Browser, key: str) -> None:
    browser.evaluate(
        "(() => { const s = document.getElementById('kg-theatre');"
        f" s.value = {json.dumps(key)}; s.dispatchEvent(new Event('change')); }})()"
    )


def _shown(browser: Browser) -> dict[str, str]:
    """Label → colour of the visible nodes."""
    return dict(
        browser.evaluate(
            "kgVisibleNodes().map(id => { const n = kgNetwork.body.data.nodes.get(id);"
            " return [n.label, n.color]; })"
        )
    )


@needs_chromium
@pytest.mark.browser
def test_theatre_selector_and_bloc_legend(browser: Browser, tmp_path: Path) -> None:
    from test_theatre_analysis import war_articles

    from kg.rdf.iri import theatre_iri
    from kg.viz.camps import UNALIGNED_COLOUR

    store = tmp_path / "store"
    with KGStore(store) as st:
        write_articles(st, war_articles())
    out = tmp_path / "wars.html"
    write_page(store, out, blocs=read_theatre_blocs)
    _open(browser, out)
    assert browser.evaluate(_OUTSIDE) == []
    options = browser.evaluate(
        "[...document.querySelectorAll('#kg-theatre option')].map(o => o.textContent)"
    )
    assert options[0] == "All theatres"
    assert {o.split(" (")[0] for o in options[1:]} == {"Syria", "Iraq", "Yemen"}
    legend = browser.evaluate("document.getElementById('kg-legend').textContent")
    assert "dot: actor (colour: its bloc)" in legend
    assert "grey: actor in no bloc" in legend
    for rel in ("backs", "tensionWith", "alliedWith", "leads"):
        assert rel in legend

    _choose_theatre(browser, str(theatre_iri("x/yemen")))
    colour = _shown(browser)
    assert set(colour) == {
        "Iran",
        "Houthis",
        "Saudi Arabia",
        "United States",
        "Saudi-led coalition",
        "Government of Yemen",
        "Tihama tribesmen",
    }
    assert colour["Iran"] == colour["Houthis"] != colour["United States"]
    assert colour["United States"] == colour["Saudi-led coalition"] == colour["Saudi Arabia"]
    assert colour["Tihama tribesmen"] == UNALIGNED_COLOUR  # one hedged tie is not enough
    assert browser.evaluate(_OUTSIDE) == []
    buttons = browser.evaluate(
        "[...document.querySelectorAll('#kg-legend button.kg-bloc')].map(b => b.textContent)"
    )
    assert len(buttons) == 2
    assert all(b.startswith("bloc ") for b in buttons)
    browser.evaluate("document.querySelector('#kg-legend button.kg-bloc').click()")
    panel = browser.evaluate("document.getElementById('kg-details').textContent")
    assert "Yemen — bloc 1" in panel
    assert "Unaligned in Yemen" in panel
    assert "Tihama tribesmen" in panel
    strengths = browser.evaluate(
        "[...document.querySelectorAll('#kg-details table.kg-members tr')]"
        ".map(r => Number(r.lastChild.textContent))"
    )
    assert strengths
    assert all(0.4 <= s <= 1 for s in strengths)
    assert browser.evaluate("document.querySelectorAll('#kg-details blockquote').length") > 0

    _choose_theatre(browser, str(theatre_iri("x/iraq")))
    colour = _shown(browser)
    assert "Houthis" not in colour
    assert colour["Peshmerga"] == UNALIGNED_COLOUR  # attacked by Iraqi forces: no same-state tie
    assert colour["Iraqi Security Forces"] == colour["Popular Mobilization Forces"]
    _choose_theatre(browser, "")
    assert len(_shown(browser)) > len(colour)
    assert browser.errors == []


@needs_chromium
@pytest.mark.browser
def test_legend_explains_persons_and_hidden_isolated_nodes(
    browser: Browser, handmade_store_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "g.html"
    write_page(handmade_store_path, out, view="full", blocs=read_theatre_blocs)
    _open(browser, out)
    legend = browser.evaluate("document.getElementById('kg-legend').textContent")
    for text in ("diamond: person", "square: place", "triangle: event", "grey: actor"):
        assert text in legend
    nodes = [Node(f"n{i}", f"Actor {i}", "actor", ("ArmedGroup",)) for i in range(4)]
    lone = tmp_path / "lone.html"
    lone.write_text(render_html(View(nodes, [Edge("e", "n0", "n1", "fights")], {}, {}, 0)))
    _open(browser, lone)
    assert len(browser.evaluate("kgVisibleNodes()")) == 4  # 50 nodes or fewer: all shown
    browser.evaluate(
        "(() => { const b = document.getElementById('kg-isolated'); b.checked = true;"
        " b.dispatchEvent(new Event('change')); })()"
    )
    assert sorted(browser.evaluate("kgVisibleNodes()")) == ["n0", "n1"]
    assert browser.evaluate(_OUTSIDE) == []
    assert browser.errors == []
