"""kg build reading its articles from an fsspec URL: an S3 bucket on a real S3 server.

The server is moto's (the S3 API as boto3 and s3fs speak it) on loopback; s3fs finds it
through fsspec's configuration, as a user's MinIO would (``FSSPEC_S3_ENDPOINT_URL``). Every
build of the bucket must give the sorted N-Quads of a build of the same files from a folder:
in this process, in ``--workers`` processes and on the workers of a local Dask cluster, which
read the objects themselves.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.ingest.remote import check_url, read_url, url_files
from kg.pipeline.build import BuildReport, build
from kg.rdf.store import KGStore

pytest.importorskip("s3fs", reason="s3fs reads s3:// URLs: pip install -e '.[dev]'")
moto_server = pytest.importorskip("moto.server", reason="moto runs the S3 server of the tests")

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
#: a text file, an HTML page and a JSON Lines file (read by the client, not the workers)
FILES = ("2017-10-14-mayadin.txt", "2017-11-19-albu-kamal.html", "2017-2018-wire.jsonl")
BUCKET = "newsroom"


def sorted_quads(path: Path) -> list[str]:
    with KGStore(path, read_only=True) as st:
        return sorted(str(q) for q in st.quads())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("remote") / "corpus"
    (folder / "wire").mkdir(parents=True)
    for name in FILES:
        shutil.copy(SAMPLES / name, folder / "wire" / name)
    (folder / "Our own report.txt").write_text(
        "Rebels of the Free Idlib Army (FIA) seized the village of Kafr Nabl on Monday.",
        encoding="utf-8",
    )
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02\xff" * 50)  # reported and skipped
    (folder / "README.md").write_text("Not an article.", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Not read either.", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def s3(corpus: Path) -> Iterator[str]:
    """The corpus uploaded to a bucket of a loopback S3 server; yields its URL."""
    import fsspec

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    with pytest.MonkeyPatch.context() as mp:
        # for the workers' processes (environment) and for this one (fsspec read it already)
        for name, value in {
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_DEFAULT_REGION": "us-east-1",
            "FSSPEC_S3_ENDPOINT_URL": endpoint,
        }.items():
            mp.setenv(name, value)
        mp.setitem(fsspec.config.conf, "s3", {"endpoint_url": endpoint})
        fs = fsspec.filesystem("s3", skip_instance_cache=True)
        fs.mkdir(BUCKET)
        for path in sorted(corpus.rglob("*")):
            if path.is_file():
                fs.pipe(f"{BUCKET}/corpus/{path.relative_to(corpus).as_posix()}", path.read_bytes())
        try:
            yield f"s3://{BUCKET}/corpus/"
        finally:
            server.stop()


@pytest.fixture(scope="module")
def local(corpus: Path) -> tuple[BuildReport, list[str]]:
    store = corpus.parent / "local-store"
    report = build([corpus], store, default_date="2018-03-09")
    return report, sorted_quads(store)


def _same(report: BuildReport, quads: list[str], local: tuple[BuildReport, list[str]]) -> None:
    want, want_quads = local
    assert [src for src, _ in report.errors] == [src for src, _ in want.errors] == ["junk.txt"]
    assert (report.articles, report.words, report.undated) == (
        want.articles,
        want.words,
        want.undated,
    )
    assert quads == want_quads


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "two-processes"])
def test_bucket_build_is_identical_to_a_folder_build(
    s3: str, local: tuple[BuildReport, list[str]], tmp_path: Path, workers: int
) -> None:
    report = build([s3], tmp_path / "s", default_date="2018-03-09", workers=workers)
    _same(report, sorted_quads(tmp_path / "s"), local)
    # the skipped object is named by its URL, with what is wrong with it
    [(_, message)] = report.errors
    assert message.startswith(f"{s3}junk.txt")


@pytest.mark.dask
def test_dask_workers_read_the_bucket(
    s3: str, local: tuple[BuildReport, list[str]], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    from kg.scale.dask_engine import dask_build

    report = dask_build([s3], tmp_path / "d", workers=2, default_date="2018-03-09")
    _same(report, sorted_quads(tmp_path / "d"), local)


def test_listing_follows_the_folder_rules(s3: str) -> None:
    got = [source for _, source in url_files(s3)]
    assert got == ["Our own report.txt", "junk.txt", *(f"wire/{name}" for name in sorted(FILES))]
    assert list(url_files(s3 + "wire/2017-10-14-mayadin.txt")) == [
        (s3 + "wire/2017-10-14-mayadin.txt", "2017-10-14-mayadin.txt")
    ]


@pytest.mark.parametrize(
    ("name", "limit", "message"),
    [
        ("wire/2017-10-14-mayadin.txt", 100, "is over 100 bytes"),
        ("nothing-here.txt", 10_000, "no such file or folder"),
        ("wire", 10_000, "is a folder, not a file"),
    ],
)
def test_read_url_refusals(s3: str, name: str, limit: int, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_url(s3 + name, limit)


def test_read_url_reads_the_bytes(s3: str, corpus: Path) -> None:
    data = read_url(s3 + "Our own report.txt", 10_000)
    assert data == (corpus / "Our own report.txt").read_bytes()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("s3://newsroom/no-such-corpus/", "no such file or folder: s3://newsroom/no-such-corpus/"),
        ("nosuchscheme://x/y", "unknown URL scheme 'nosuchscheme'"),
        ("oci://bucket@ns/corpus", "Install ocifs"),
    ],
)
def test_cli_names_the_url_and_writes_nothing(
    s3: str, tmp_path: Path, url: str, message: str
) -> None:
    if url.startswith("oci:"):
        try:
            import ocifs  # noqa: F401
        except ImportError:
            pass
        else:
            pytest.skip("ocifs is installed here")
    result = CliRunner().invoke(cli, ["build", url, "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists()


def test_check_url_accepts_a_bucket_folder(s3: str) -> None:
    check_url(s3)
    assert os.environ["FSSPEC_S3_ENDPOINT_URL"].startswith("http://127.0.0.1:")


@pytest.mark.dask
def test_shards_in_a_bucket_then_kg_load_from_it(
    s3: str, local: tuple[BuildReport, list[str]], tmp_path: Path
) -> None:
    # the workers write their shards to the bucket, the client its index, and kg load reads
    # them back from there: the store of a folder build
    pytest.importorskip("distributed")
    from kg.scale.shards import build_shards

    shards = f"s3://{BUCKET}/runs/shards/"
    built = build_shards([s3], shards, workers=2, default_date="2018-03-09", batch_size=2)
    assert [src for src, _ in built.errors] == ["junk.txt"]
    result = CliRunner().invoke(cli, ["load", shards, "--store", str(tmp_path / "s")])
    assert result.exit_code == 1, result.output  # the build skipped junk.txt
    assert "Traceback" not in result.output
    want_report, want_quads = local
    assert sorted_quads(tmp_path / "s") == want_quads
    assert f"{want_report.articles} article" in result.output


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty", None, "holds no index.json"),
        ("bad-index", b"{not json", "index.json cannot be read"),
        ("old-format", b'{"format": "conflict-kg shards 1"}', "again with this version"),
        (
            "lost-shard",
            b'{"format": "conflict-kg shards 2", "articles": 1, "shards": ["ab"], '
            b'"errors": [], "curation": null, "curation_sha256": null}',
            "shard ab.nq named by",
        ),
    ],
)
def test_kg_load_names_what_is_wrong_with_a_bucket(
    s3: str, tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    from kg.scale.folder import ShardFolder

    folder = ShardFolder.of(f"s3://{BUCKET}/bad/{name}")
    if data is not None:
        folder.write("index.json", data)
    result = CliRunner().invoke(cli, ["load", str(folder), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists()


def test_shard_folder_in_a_bucket(s3: str) -> None:
    from kg.scale.folder import ShardFolder

    folder = ShardFolder.of(f"s3://{BUCKET}/unit/")
    assert folder.remote
    assert str(folder) == f"s3://{BUCKET}/unit"
    folder.make()
    folder.write("x.nq", b"one")
    folder.write("x.nq", b"two")  # a retried task overwrites its own shard
    assert folder.read("x.nq") == b"two"
    assert folder.is_file("x.nq")
    assert not folder.is_file("y.nq")
    with pytest.raises(InputError, match=r"unit/y\.nq cannot be read \(no such file"):
        folder.read("y.nq")
