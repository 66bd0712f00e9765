"""How long the graph page takes to become interactive on a generated graph.

:func:`page_time` generates a random actor graph of ``n_nodes`` actors (about two relations
each, every relation attested by a quote from one of a hundred articles; fixed seed), renders
it with :func:`kg.viz.render.render_html`, opens it from disk in headless Chromium (driven by
``tests/browser.py``) and measures the time from navigation until ``window.kgReady``
resolves: positions come precomputed (:mod:`kg.viz.layout`) and physics is off, so that is
when the page has been fitted to the visible nodes and drawn once.
"""

from __future__ import annotations

import importlib.util
import random
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from bench.steps import BenchError
from kg.model import ACTOR_CLASSES, RELATION_TYPES
from kg.viz.model import ArticleInfo, Attestation, Edge, Node, View

__all__ = ["generated_view", "page_time"]

_BROWSER = Path(__file__).resolve().parent.parent / "tests" / "browser.py"
_RELATIONS = [r for r in RELATION_TYPES if r != "controls"]


def generated_view(n_nodes: int, *, seed: int = 5, articles: int = 100) -> View:
    """A random actors view: ``n_nodes`` actors, ``2 * n_nodes`` attested relations.

    >>> v = generated_view(10)
    >>> len(v.nodes), len(v.edges), v.n_actors
    (10, 20, 10)
    """
    rng = random.Random(seed)
    arts = {
        f"art{i}": ArticleInfo(f"art{i}", f"Generated article {i}", ("Bench Wire",), "2017-11-03")
        for i in range(articles)
    }
    nodes = [
        Node(
            f"actor{i:05d}",
            f"Actor {i}",
            "actor",
            (rng.choice(ACTOR_CLASSES),),
            (f"A{i}",),
            when="2017-11-03",
            articles=(f"art{rng.randrange(articles)}",),
        )
        for i in range(n_nodes)
    ]
    edges: list[Edge] = []
    atts: dict[str, Attestation] = {}
    for k in range(2 * n_nodes):
        a, b = rng.sample(range(n_nodes), 2) if n_nodes > 1 else (0, 0)
        rel = rng.choice(_RELATIONS)
        att = f"att{k}"
        atts[att] = Attestation(
            att, f"Actor {a} and Actor {b}: {rel}.", f"art{rng.randrange(articles)}", 0.8
        )
        edges.append(
            Edge(f"rel{k}", nodes[a].id, nodes[b].id, rel, "", (att,), 0.8, 1, when="2017-11-03")
        )
    return View(nodes, edges, arts, atts, articles)


def _driver() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_bench_browser", _BROWSER)
    if spec is None or spec.loader is None:
        raise BenchError(f"cannot load the browser driver {_BROWSER}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def page_time(n_nodes: int, *, timeout: float = 120.0) -> float:
    """Seconds from navigation until the page of ``n_nodes`` generated actors is interactive.

    Raises
    ------
    BenchError
        When Chromium is missing or the page reports an error or a network request.
    """
    from kg.viz.render import render_html

    browser = _driver()
    if browser.chromium_path() is None:
        raise BenchError("page: chromium is not installed (apt install chromium)")
    with tempfile.TemporaryDirectory(prefix="kg-page-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(render_html(generated_view(n_nodes)), encoding="utf-8")
        with browser.Browser.launch() as b:
            url = page.resolve().as_uri()
            start = time.perf_counter()
            b.send("Page.navigate", url=url)
            b.wait_event("Page.loadEventFired", timeout)
            if b.evaluate("window.kgReady", timeout=timeout) is not True:
                raise BenchError(f"page@{n_nodes}: the page did not become ready")
            seconds = time.perf_counter() - start
            drawn = b.evaluate("kgNetwork.body.data.nodes.length")
            outside = [r for r in b.requests if r != url and not r.startswith("data:")]
    if b.errors or outside or drawn != n_nodes:
        raise BenchError(
            f"page@{n_nodes}: {drawn} nodes drawn, errors {b.errors[:3]}, requests {outside[:3]}"
        )
    return seconds
