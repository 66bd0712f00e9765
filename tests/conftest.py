"""Shared fixtures.

``handmade_facts`` is a small, hand-written set of facts shaped like what ``kg build`` writes
(no spaCy involved), so consumers of the graph (query, analysis, viz, export) can be tested
fast and independently of extraction. ``seed_store`` is the real thing: the seed articles built
with the real model (session-scoped, built once).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from oxiserver import OxigraphServer, oxigraph_binary

from kg.model import (
    ArticleFacts,
    ArticleMeta,
    Entity,
    EventFact,
    Evidence,
    FuzzyDate,
    RelationFact,
)
from kg.rdf.store import KGStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "dev"
SAMPLES = ROOT / "data" / "samples"

_ACTORS = {
    "United States": "State",
    "Iran": "State",
    "Russia": "State",
    "Syrian Democratic Forces": "ArmedGroup",
    "Syrian Arab Army": "ArmedForces",
    "Islamic State": "TerroristOrganization",
    "Popular Mobilization Forces": "Militia",
    "Shiite militias": "Militia",
    "US-led coalition": "Coalition",
    "Iraqi Security Forces": "ArmedForces",
    "Bashar al-Assad": "Person",
    "Government of Syria": "Government",
}
_PLACES = {
    "Syria": ("Country", None, (35.0, 38.0)),
    "Iraq": ("Country", None, (33.0, 44.0)),
    "Deir ez-Zor Governorate": ("Province", "Syria", None),
    "Deir ez-Zor": ("Settlement", "Deir ez-Zor Governorate", (35.3359, 40.1408)),
    "Raqqa": ("Settlement", "Syria", (35.9594, 39.0079)),
    "Al-Qaim": ("Settlement", "Iraq", (34.3711, 41.0943)),
}


def _ev(text: str, quote: str, method: str = "test", conf: float = 0.8, hedged: bool = False):
    start = text.index(quote)
    return Evidence(quote, start, start + len(quote), method, conf, hedged)


def handmade_articles() -> list[ArticleFacts]:
    """Two articles' worth of facts, written by hand, shaped like a real build."""
    t1 = (
        "The Syrian army, backed by Russia and Iran, retook Deir ez-Zor from Islamic State "
        "on 3 November. The US-backed Syrian Democratic Forces took Raqqa last month. "
        "Analysts see a risk of clashes between the Syrian army and the SDF. "
        "President Bashar al-Assad welcomed the news. Shiite militias fought alongside the army."
    )
    t2 = (
        "Iran-backed Popular Mobilization Forces and Iraqi forces entered Al-Qaim, held by "
        "Islamic State. The US-led coalition, backed by the United States, carried out airstrikes "
        "on Al-Qaim. Some 5,000 people fled. The SDF is believed to be backed by the United States."
    )
    a1 = ArticleFacts(
        ArticleMeta(
            "one.txt",
            "Deir ez-Zor falls",
            "Test Wire",
            FuzzyDate(2017, 11, 3),
            "https://example.org/one",
        ),
        t1,
    )
    a2 = ArticleFacts(ArticleMeta("two.txt", "Al-Qaim entered", None, FuzzyDate(2017, 11, 4)), t2)
    for art in (a1, a2):
        for name, cls in _ACTORS.items():
            art.entities[name] = Entity(name, "actor", cls, name, source="gazetteer")
        for name, (cls, parent, coords) in _PLACES.items():
            country = "Iraq" if name in ("Iraq", "Al-Qaim") else "Syria"
            art.entities[name] = Entity(
                name,
                "place",
                cls,
                name,
                country=country,
                parent=parent,
                coords=coords,
                source="gazetteer",
            )
    a1.mentions = {
        k: {k}
        for k in (
            "Syrian Arab Army",
            "Russia",
            "Iran",
            "Deir ez-Zor",
            "Islamic State",
            "United States",
            "Syrian Democratic Forces",
            "Raqqa",
            "Bashar al-Assad",
            "Shiite militias",
        )
    }
    a1.mentions["Syrian Arab Army"].add("Syrian army")
    a1.mentions["Syrian Democratic Forces"].add("SDF")
    a2.mentions = {
        k: {k}
        for k in (
            "Iran",
            "Popular Mobilization Forces",
            "Iraqi Security Forces",
            "Al-Qaim",
            "Islamic State",
            "US-led coalition",
            "United States",
            "Syrian Democratic Forces",
        )
    }
    a2.mentions["Iraqi Security Forces"].add("Iraqi forces")
    a2.mentions["Syrian Democratic Forces"].add("SDF")
    s1 = "The Syrian army, backed by Russia and Iran, retook Deir ez-Zor from Islamic State"
    a1.relations += [
        RelationFact("backs", "Russia", "Syrian Arab Army", _ev(t1, s1)),
        RelationFact("backs", "Iran", "Syrian Arab Army", _ev(t1, s1)),
        RelationFact("fights", "Syrian Arab Army", "Islamic State", _ev(t1, s1)),
        RelationFact(
            "controls", "Syrian Arab Army", "Deir ez-Zor", _ev(t1, s1), start=FuzzyDate(2017, 11, 3)
        ),
        RelationFact(
            "backs",
            "United States",
            "Syrian Democratic Forces",
            _ev(t1, "The US-backed Syrian Democratic Forces", conf=0.9),
        ),
        RelationFact(
            "fights",
            "Syrian Democratic Forces",
            "Islamic State",
            _ev(t1, "Syrian Democratic Forces took Raqqa"),
        ),
        RelationFact(
            "tensionWith",
            "Syrian Arab Army",
            "Syrian Democratic Forces",
            _ev(t1, "risk of clashes between the Syrian army and the SDF"),
        ),
        RelationFact(
            "leads", "Bashar al-Assad", "Government of Syria", _ev(t1, "President Bashar al-Assad")
        ),
        RelationFact(
            "alliedWith",
            "Shiite militias",
            "Syrian Arab Army",
            _ev(t1, "Shiite militias fought alongside the army"),
        ),
    ]
    a1.events += [
        EventFact(
            "Capture",
            _ev(t1, s1),
            ["Syrian Arab Army"],
            ["Islamic State"],
            ["Russia", "Iran"],
            "Deir ez-Zor",
            FuzzyDate(2017, 11, 3),
        ),
        EventFact(
            "Capture",
            _ev(t1, "Syrian Democratic Forces took Raqqa last month"),
            ["Syrian Democratic Forces"],
            ["Islamic State"],
            [],
            "Raqqa",
            FuzzyDate(2017, 10),
        ),
    ]
    s2 = "Iran-backed Popular Mobilization Forces and Iraqi forces entered Al-Qaim"
    a2.relations += [
        RelationFact("backs", "Iran", "Popular Mobilization Forces", _ev(t2, s2, conf=0.9)),
        RelationFact(
            "alliedWith", "Popular Mobilization Forces", "Iraqi Security Forces", _ev(t2, s2)
        ),
        RelationFact("fights", "Iraqi Security Forces", "Islamic State", _ev(t2, s2)),
        RelationFact("fights", "Popular Mobilization Forces", "Islamic State", _ev(t2, s2)),
        RelationFact("controls", "Islamic State", "Al-Qaim", _ev(t2, "held by Islamic State")),
        RelationFact(
            "backs",
            "United States",
            "US-led coalition",
            _ev(t2, "The US-led coalition, backed by the United States"),
        ),
        RelationFact(
            "fights",
            "US-led coalition",
            "Islamic State",
            _ev(t2, "carried out airstrikes on Al-Qaim"),
        ),
        RelationFact(
            "backs",
            "United States",
            "Syrian Democratic Forces",
            _ev(t2, "The SDF is believed to be backed by the United States", conf=0.5, hedged=True),
        ),
    ]
    a2.events += [
        EventFact(
            "Capture",
            _ev(t2, s2),
            ["Popular Mobilization Forces", "Iraqi Security Forces"],
            ["Islamic State"],
            [],
            "Al-Qaim",
            FuzzyDate(2017, 11, 4),
        ),
        EventFact(
            "Airstrike",
            _ev(t2, "carried out airstrikes on Al-Qaim"),
            ["US-led coalition"],
            ["Islamic State"],
            [],
            "Al-Qaim",
            FuzzyDate(2017, 11),
        ),
        EventFact(
            "Displacement",
            _ev(t2, "Some 5,000 people fled"),
            [],
            [],
            [],
            "Al-Qaim",
            FuzzyDate(2017, 11),
            {"displaced": 5000},
        ),
    ]
    return [a1, a2]


def write_articles(store: KGStore, articles) -> None:  # type: ignore[no-untyped-def]
    """Write facts the way ``kg build`` does (ontology, article graphs, derived graph)."""
    from kg.rdf.derived import refresh_derived
    from kg.rdf.iri import article_graph_iri
    from kg.rdf.write import article_triples

    store.ensure_ontology()
    for art in articles:
        store.replace_graph(article_graph_iri(art.content_hash), article_triples(art))
    refresh_derived(store)


@pytest.fixture
def handmade_store(tmp_path: Path) -> Iterator[KGStore]:
    """A store on disk holding :func:`handmade_articles` (fresh per test)."""
    st = KGStore(tmp_path / "store")
    write_articles(st, handmade_articles())
    yield st
    st.close()


@pytest.fixture
def handmade_store_path(tmp_path: Path) -> Path:
    """The folder of a closed store holding :func:`handmade_articles` (for CLI tests)."""
    path = tmp_path / "store"
    with KGStore(path) as st:
        write_articles(st, handmade_articles())
    return path


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by the real pipeline from ``../shared/seeds`` (built once per session).

    Tests using it must not write to it: copy it first (see :func:`copy_store`).
    """
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    from kg.pipeline.build import build

    path = tmp_path_factory.mktemp("seed") / "store"
    build([SEEDS], path, default_date="2017-11-03")
    return path


def copy_store(src: Path, dst: Path) -> Path:
    """A writable copy of a (closed) store folder."""
    shutil.copytree(src, dst)
    return dst


@pytest.fixture(scope="module")
def oxi(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A real Oxigraph server on loopback, one per test module (skipped without the CLI)."""
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph CLI (dev extra) is not installed")
    with OxigraphServer(tmp_path_factory.mktemp("oxi") / "data") as srv:
        yield srv
