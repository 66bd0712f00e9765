"""kg build --engine dask, --shards and kg load on a real Dask cluster on loopback.

One scheduler and two worker processes serve the whole module. Every build reads the same
corpus (the sample articles, generated articles, two articles where a name one defines
resolves the other's acronym, a repeated text and a file that cannot be read) and must give
the sorted N-Quads of a local build, with the same skipped file and message. The generated
part is 200 articles cut to their first paragraphs (``GENERATED``, ``PARAGRAPHS``): the CI
machine has two cores, and each build parses the whole corpus again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.pipeline.build import BuildReport, build
from kg.rdf.store import KGStore
from kg.scale.dask_engine import dask_build
from kg.scale.load import load_shards
from kg.scale.shards import INDEX, build_shards

pytest.importorskip("distributed")
from daskcluster import DaskCluster

pytestmark = pytest.mark.dask

GENERATED = 200
PARAGRAPHS = 3
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def sorted_quads(path: Path) -> list[str]:
    with KGStore(path, read_only=True) as st:
        return sorted(str(q) for q in st.quads())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.corpus import NamePools, generate

    root = tmp_path_factory.mktemp("scale")
    folder = root / "corpus"
    shutil.copytree(SAMPLES, folder / "samples")
    generated = folder / "generated"
    generated.mkdir(parents=True)
    for art in generate(GENERATED, pools=NamePools.load()):
        # the front matter and the first paragraphs (about a fifth of the words)
        head, _, body = art.to_file_text().partition("---\n\n")
        short = "\n\n".join(body.split("\n\n")[:PARAGRAPHS])
        (generated / art.file_name).write_text(f"{head}---\n\n{short}\n", encoding="utf-8")
    names = folder / "names"
    names.mkdir()
    (names / "1.txt").write_text(
        "The Free Idlib Army (FIA) seized Kafr Nabl on Monday.", encoding="utf-8"
    )
    (names / "2.txt").write_text("Turkey backs the FIA, officials said.", encoding="utf-8")
    (names / "3-binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (names / "4-again.txt").write_text(  # a repeated text: built once
        "The Free Idlib Army (FIA) seized Kafr Nabl on Monday.", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def local(corpus: Path) -> tuple[BuildReport, list[str]]:
    store = corpus.parent / "local-store"
    report = build([corpus], store, default_date="2018-03-09")
    return report, sorted_quads(store)


@pytest.fixture(scope="module")
def cluster(corpus: Path) -> Iterator[DaskCluster]:
    with DaskCluster(corpus.parent, workers=2) as c:
        yield c


def _same(report: BuildReport, quads: list[str], local: tuple[BuildReport, list[str]]) -> None:
    want, want_quads = local
    assert report.errors == want.errors
    assert [d.source for d in want.duplicates] == ["names/4-again.txt"]
    assert [src for src, _ in report.errors] == ["names/3-binary.txt"]
    assert (report.articles, report.words, report.undated) == (
        want.articles,
        want.words,
        want.undated,
    )
    assert quads == want_quads


def test_dask_build_is_identical_to_a_local_build(
    cluster: DaskCluster, corpus: Path, local: tuple[BuildReport, list[str]], tmp_path: Path
) -> None:
    report = dask_build(
        [corpus],
        tmp_path / "s",
        default_date="2018-03-09",
        scheduler=cluster.address,
        batch_size=3,
    )
    _same(report, sorted_quads(tmp_path / "s"), local)
    assert report.facts == local[0].facts


def test_shards_then_kg_load_is_identical_to_a_local_build(
    cluster: DaskCluster, corpus: Path, local: tuple[BuildReport, list[str]], tmp_path: Path
) -> None:
    shards = tmp_path / "shards"
    args = ["build", str(corpus), "--date", "2018-03-09", "--batch-size", "4"]
    result = CliRunner().invoke(
        cli, [*args, "--scheduler", cluster.address, "--shards", str(shards)]
    )
    assert result.exit_code == 1, result.output  # a file was skipped
    assert f"load them with 'kg load {shards}" in result.output
    assert "names/3-binary.txt" in result.output
    assert (shards / INDEX).is_file()
    # shards are named by their content: a batch run again overwrites its own shard
    for nq in shards.glob("*.nq"):
        facts = nq.with_name(nq.stem + ".facts.jsonl.gz").read_bytes()
        assert hashlib.sha256(nq.read_bytes() + b"\0" + facts).hexdigest()[:32] == nq.stem
    report = load_shards(shards, tmp_path / "s")
    _same(report, sorted_quads(tmp_path / "s"), local)
    assert report.facts == local[0].facts
    assert sorted((r.source, r.status) for r in report.inputs) == sorted(
        (r.source, r.status) for r in local[0].inputs
    )


def test_worker_killed_mid_build_gives_the_same_store(
    cluster: DaskCluster, corpus: Path, local: tuple[BuildReport, list[str]], tmp_path: Path
) -> None:
    from distributed import Client

    cluster.add_worker("doomed")
    cluster.wait_for(3)
    doomed = cluster.info()["doomed"]
    killed = threading.Event()
    done = threading.Event()
    watcher = Client(cluster.address, timeout="30s")

    def kill_when_busy() -> None:
        # beside the build (not in its progress callback, which would hold the build up):
        # kill the third worker as soon as it holds tasks
        while not done.is_set():
            if watcher.processing().get(doomed):
                cluster.kill("doomed")
                killed.set()
                return
            time.sleep(0.05)

    sniper = threading.Thread(target=kill_when_busy, daemon=True)
    sniper.start()
    try:
        report = dask_build(
            [corpus],
            tmp_path / "s",
            default_date="2018-03-09",
            scheduler=cluster.address,
            batch_size=2,
        )
    finally:
        done.set()
        sniper.join(10)
        watcher.close(timeout=5)
    assert killed.is_set()
    assert cluster.workers["doomed"].returncode is not None
    _same(report, sorted_quads(tmp_path / "s"), local)


def test_local_cluster_without_scheduler(corpus: Path, tmp_path: Path) -> None:
    # no --scheduler: a local cluster of --workers processes, stopped afterwards
    names = corpus / "names"
    one = build([names], tmp_path / "one")
    result = CliRunner().invoke(
        cli,
        ["build", str(names), "--engine", "dask", "--workers", "1", "--store", str(tmp_path / "d")],
    )
    assert result.exit_code == 1, result.output  # a file was skipped
    assert "3-binary.txt" in result.output
    assert sorted_quads(tmp_path / "d") == sorted_quads(tmp_path / "one")
    assert one.articles == 2


def test_unreachable_scheduler_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oxiserver import free_port

    from kg.scale import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    (tmp_path / "a.txt").write_text("Turkey backs the FIA, officials said.", encoding="utf-8")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(
        cli,
        ["build", str(tmp_path / "a.txt"), "--scheduler", address, "--store", str(tmp_path / "s")],
    )
    assert result.exit_code == 1
    assert f"cannot reach the Dask scheduler at {address}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists()  # the store this build would have created


@pytest.mark.parametrize("option", [["--append"], ["--report", "r.jsonl"]])
def test_shards_refuse_store_options(corpus: Path, tmp_path: Path, option: list[str]) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(corpus / "names"), "--shards", str(tmp_path / "sh"), *option]
    )
    assert result.exit_code == 2
    assert f"{option[0]} does not apply with --shards" in result.output
    assert not (tmp_path / "sh").exists()


def test_load_refuses_a_folder_without_index(tmp_path: Path) -> None:
    (tmp_path / "shards").mkdir()
    result = CliRunner().invoke(
        cli, ["load", str(tmp_path / "shards"), "--store", str(tmp_path / "s")]
    )
    assert result.exit_code == 1
    assert "holds no index.json" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists()


def test_load_of_shards_is_repeatable(cluster: DaskCluster, corpus: Path, tmp_path: Path) -> None:
    # loading into a store that already holds a build gives the same store again
    shards = tmp_path / "shards"
    build_shards([corpus / "names"], shards, scheduler=cluster.address)
    result = CliRunner().invoke(
        cli,
        ["load", str(shards), "--store", str(tmp_path / "s"), "--report", str(tmp_path / "r")],
    )
    assert result.exit_code == 1, result.output  # the build skipped a file
    statuses = [json.loads(line)["status"] for line in (tmp_path / "r").read_text().splitlines()]
    assert sorted(statuses) == ["built", "built", "duplicate", "skipped"]
    first = load_shards(shards, tmp_path / "s")
    quads = sorted_quads(tmp_path / "s")
    again = load_shards(shards, tmp_path / "s")
    assert (first.articles, again.articles) == (2, 2)
    assert [d.source for d in first.duplicates] == ["4-again.txt"]
    assert [src for src, _ in first.errors] == ["3-binary.txt"]
    assert sorted_quads(tmp_path / "s") == quads
    # a graph of the user's own survives a load, in the merged default graph too
    import pyoxigraph as ox

    note = ox.Quad(*(ox.NamedNode(f"https://e.org/{n}") for n in ("s", "p", "o", "notes")))
    with KGStore(tmp_path / "s") as st:
        st.ox.add(note)
        st.refresh_merged()
    load_shards(shards, tmp_path / "s")
    assert sorted_quads(tmp_path / "s") == sorted([*quads, str(note)])
    with KGStore(tmp_path / "s", read_only=True) as st:
        assert ox.Quad(note.subject, note.predicate, note.object) in st.ox
    # the shards' triples carry the build's curation: another file is refused
    other = tmp_path / "other-curation.yaml"
    other.write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["load", str(shards), "--store", str(tmp_path / "t"), "--curation", str(other)]
    )
    assert result.exit_code == 1
    assert f"the shards in {shards} were built with the curation file" in result.output
    assert not (tmp_path / "t").exists()


def every_quad(path: Path) -> list[str]:
    """The sorted quads of every graph, the merged default graph's included."""
    with KGStore(path, read_only=True) as st:
        return sorted(str(q) for q in st.ox)


@pytest.mark.parametrize("batch_size", [1, 16], ids=["a-shard-each", "one-shard"])
def test_kg_load_gives_the_local_build_with_its_merge(
    cluster: DaskCluster,
    corpus: Path,
    tmp_path: Path,
    batch_size: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an article a shard: a name an earlier shard defines changes an article ("FIA"), and a
    # text repeats an earlier shard's, so those shards are read line by line, the others go
    # to the loader as they are; in one shard, the name changes an article of the same shard
    # (workers settle no names), so that shard is read line by line
    build([corpus / "names"], tmp_path / "local")
    want = every_quad(tmp_path / "local")
    shards = tmp_path / "shards"
    build_shards([corpus / "names"], shards, scheduler=cluster.address, batch_size=batch_size)
    lines = [line for nq in shards.glob("*.nq") for line in nq.read_text().splitlines()]
    assert any(line.count(" <") == 2 and line.endswith("> .") for line in lines)  # merge lines
    read = _lines_read(monkeypatch)
    load_shards(shards, tmp_path / "s")
    assert every_quad(tmp_path / "s") == want
    first, read[:] = list(read), []
    # again into the same store: its graphs are replaced, and the shards are read as the
    # first time (the old articles' merge is dropped before, not recomputed after)
    load_shards(shards, tmp_path / "s")
    assert every_quad(tmp_path / "s") == want
    assert read == first


def _lines_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shards ``kg load`` reads line by line (not handed to Oxigraph as they are)."""
    from kg.scale.load import ShardStream

    read: list[str] = []
    original = ShardStream._lines

    def spy(self: ShardStream, file: str, data: bytes, owned: set[bytes]) -> bytes:
        read.append(file)
        return original(self, file, data, owned)

    monkeypatch.setattr(ShardStream, "_lines", spy)
    return read
