"""``kg viz``: the page in headless Chromium (views, filters, planted markup, large graphs,
the theatre selector and the legend).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Browser, chromium_path
from conftest import write_articles
from viz_helpers import grid_view

from kg.analysis.theatres import read_theatre_blocs
from kg.model import ArticleFacts, ArticleMeta, Entity, Evidence, RelationFact
from kg.rdf.store import KGStore
from kg.viz import read_view, render_html, select_view, write_page
from kg.viz.model import Edge, Node, View
from kg.viz.render import (
    APPROX_LAYOUT_MIN,
    LAYOUT_THRESHOLD,
    vis_payload,
)


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
    page = grid_view(n)
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
