"""Shared fixtures.

The ``handmade`` stores hold the hand-written articles of :mod:`handmade` (no spaCy involved),
so consumers of the graph (query, analysis, viz, export) can be tested fast and independently
of extraction. ``seed_store_path`` is the real thing: the seed articles built with the real
model (session-scoped, built once).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from handmade import handmade_articles, third_article, write_articles
from oxiserver import OxigraphServer, oxigraph_binary

from kg.rdf.store import KGStore

if TYPE_CHECKING:
    from kg.extract.pipeline import Extractor
    from kg.viz.model import View

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "dev"
SAMPLES = ROOT / "data" / "samples"

# every test sentence also checks the rules' word gates: a rule skipped for want of its words
# is run all the same, and a fact from it fails the test (kg/extract/gates.py)
os.environ.setdefault("KG_CHECK_GATES", "1")


@pytest.fixture(scope="module")
def ex() -> Extractor:
    """The extractor with the packaged gazetteer (its spaCy pipeline is loaded once and cached),
    for the tests that run rules on sentences of our own."""
    from kg.extract.pipeline import Extractor

    return Extractor()


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


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store holding :func:`handmade_articles`, built once for each test module.

    Tests using it must not write to it: copy it first (see :func:`copy_store`).
    """
    path = tmp_path_factory.mktemp("handmade") / "store"
    with KGStore(path) as st:
        write_articles(st, handmade_articles())
    return path


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[KGStore]:
    """:func:`store_path` opened read-only."""
    with KGStore(store_path, read_only=True) as st:
        yield st


@pytest.fixture(scope="module")
def richer() -> Iterator[KGStore]:
    """The handmade articles plus :func:`third_article`, which disagrees with them (in memory)."""
    with KGStore(None) as st:
        write_articles(st, [*handmade_articles(), third_article()])
        yield st


@pytest.fixture(scope="module")
def handmade_view(tmp_path_factory: pytest.TempPathFactory) -> View:
    """The full ``kg viz`` view of the hand-written articles (read once per module)."""
    from kg.viz import read_view

    with KGStore(tmp_path_factory.mktemp("viz") / "store") as st:
        write_articles(st, handmade_articles())
        return read_view(st)


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
