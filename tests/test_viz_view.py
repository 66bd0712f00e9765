"""``kg viz``: the view model (what each view keeps, focus, time, confidence, errors)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import handmade_articles, write_articles

from kg.model import RELATION_TYPES, ArticleFacts, ArticleMeta, Entity, Evidence, RelationFact
from kg.rdf.iri import actor_iri
from kg.rdf.store import KGStore
from kg.viz import read_view, select_view
from kg.viz.model import Node, View
from kg.viz.render import (
    EDGE_STYLES,
)

_ACTOR_RELS = {k for k in RELATION_TYPES if k != "controls"}


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
