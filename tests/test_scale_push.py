"""``kg push ENDPOINT --shards DIR``: a cluster build pushed without a local store.

A real Oxigraph server (tests/oxiserver.py) receives the shards' graph and, emptied, the graph
of a local build of the same articles pushed from its store: both pushes leave the same sorted
N-Quads on the server, merged and per-article.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from oxiserver import OxigraphServer
from test_push import update

from kg.cli import cli
from kg.pipeline.build import build
from kg.scale.shards import build_shards

pytest.importorskip("distributed")

pytestmark = [pytest.mark.dask, pytest.mark.server]

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store and a folder of shards of the same articles (a name one article defines
    resolves another's acronym, so the cross-article step changes a graph)."""
    root = tmp_path_factory.mktemp("scalepush")
    corpus = root / "corpus"
    shutil.copytree(SAMPLES, corpus / "samples")
    (corpus / "names").mkdir()
    (corpus / "names" / "1.txt").write_text(
        "The Free Idlib Army (FIA) seized Kafr Nabl on Monday.", encoding="utf-8"
    )
    (corpus / "names" / "2.txt").write_text("Turkey backs the FIA, officials said.")
    # the text of 1.txt again, in the next shard: a graph that shard does not own
    shutil.copy(corpus / "names" / "1.txt", corpus / "names" / "3.txt")
    build([corpus], root / "store", default_date="2018-03-09")
    build_shards([corpus], root / "shards", default_date="2018-03-09", workers=1, batch_size=2)
    return root / "store", root / "shards"


def _pushed(srv: OxigraphServer, *args: str) -> list[bytes]:
    update(srv.url, "DROP ALL")
    result = CliRunner().invoke(cli, ["push", srv.url, *args])
    assert result.exit_code == 0, result.output
    return sorted(srv.dump_nquads().splitlines())


@pytest.mark.parametrize("graphs", ["merged", "per-article"])
def test_push_of_shards_equals_push_of_a_build(
    oxi: OxigraphServer, built: tuple[Path, Path], graphs: str
) -> None:
    store, shards = built
    want = _pushed(oxi, "--store", str(store), "--graphs", graphs)
    got = _pushed(oxi, "--shards", str(shards), "--graphs", graphs)
    assert len(want) > 100
    assert got == want


@pytest.mark.parametrize(
    "options",
    [
        ["--protocol", "update", "--chunk-size", "40"],
        ["--graphs", "per-article", "--protocol", "update", "--chunk-size", "40"],
        ["--graphs", "per-article", "--no-atomic"],
    ],
    ids=["merged-update-chunks", "per-article-update-chunks", "per-article-no-atomic"],
)
def test_push_of_shards_in_chunks_equals_push_of_a_build(
    oxi: OxigraphServer, built: tuple[Path, Path], options: list[str]
) -> None:
    """The sorted lines of each target (chunks), not only the streamed request."""
    store, shards = built
    want = _pushed(oxi, "--store", str(store), *options)
    assert _pushed(oxi, "--shards", str(shards), *options) == want


def test_merged_push_of_shards_sorts_in_runs(oxi: OxigraphServer, built: tuple[Path, Path]) -> None:
    """A merged target larger than one sort run: the runs are spilled, merged, de-duplicated
    (the count check after the push passes only without repeats)."""
    from kg.scale.push import push_shards

    store, shards = built
    want = _pushed(oxi, "--store", str(store))
    update(oxi.url, "DROP ALL")
    build_report, pushed = push_shards(shards, oxi.url, run_lines=50)
    assert sorted(oxi.dump_nquads().splitlines()) == want
    assert pushed.statements == len(want)
    assert [r.status for r in build_report.inputs].count("duplicate") == 1


@pytest.mark.parametrize("graphs", ["merged", "per-article"])
@pytest.mark.parametrize("damage", ["bad line", "missing"])
def test_push_of_a_damaged_shard_names_it(
    oxi: OxigraphServer, built: tuple[Path, Path], tmp_path: Path, graphs: str, damage: str
) -> None:
    """Every shard is read and checked before the push sends anything: a bad line or a
    missing shard stops it, named, and the triplestore is as it was."""
    _store, shards = built
    damaged = tmp_path / "shards"
    shutil.copytree(shards, damaged)
    shard = sorted(damaged.glob("*.nq"))[-1]
    if damage == "missing":
        shard.unlink()
        said = f"shard {shard.name} named by {damaged / 'index.json'} is missing"
    else:
        shard.write_bytes(shard.read_bytes() + b"<https://e.org/a> <https://e.org/p> .\n")
        said = f"{shard} line"
    update(oxi.url, "DROP ALL")
    result = CliRunner().invoke(
        cli, ["push", oxi.url, "--shards", str(damaged), "--graphs", graphs]
    )
    assert result.exit_code == 1, result.output
    assert said in result.output
    assert "run 'kg build --shards' again" in result.output
    assert "Traceback" not in result.output
    assert oxi.dump_nquads().strip() == b""


def test_push_refuses_store_with_shards(built: tuple[Path, Path]) -> None:
    store, shards = built
    args = ["push", "http://localhost:1", "--store", str(store), "--shards", str(shards)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "name two graphs to push" in result.output
    result = CliRunner().invoke(cli, ["push", "http://localhost:1", "--curation", "c.yaml"])
    assert result.exit_code == 2
    assert "--curation applies to --shards only" in result.output


def test_push_of_shards_dry_run_sends_nothing(built: tuple[Path, Path]) -> None:
    _store, shards = built
    result = CliRunner().invoke(
        cli, ["push", "http://localhost:1", "--shards", str(shards), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "http://localhost:1/store?default  -- load the default graph" in result.output


def test_file_urls_for_inputs_and_shards_on_a_dask_cluster(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """``kg build file://... --shards file://...`` on a real scheduler and worker: the shards
    load into the store a local build makes."""
    from daskcluster import DaskCluster

    from kg.rdf.store import KGStore
    from kg.scale.load import load_shards

    store, _shards = built
    corpus = store.parent / "corpus"
    shards = tmp_path / "url shards"  # a space: quoted in the URL
    args = ["build", corpus.as_uri(), "--date", "2018-03-09", "--shards", shards.as_uri()]
    with DaskCluster(tmp_path, workers=1) as cluster:
        result = CliRunner().invoke(cli, [*args, "--scheduler", cluster.address])
    assert result.exit_code == 0, result.output
    load_shards(shards, tmp_path / "s")
    with KGStore(tmp_path / "s", read_only=True) as a, KGStore(store, read_only=True) as b:
        assert sorted(map(str, a.quads())) == sorted(map(str, b.quads()))
