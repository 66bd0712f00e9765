"""Files the commands write get the permissions the user's umask gives any new file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli


@pytest.fixture(params=[0o022, 0o027], ids=lambda m: f"umask{m:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["export", "--format", "nq", "-o"], "graph.nq"),
        (["export", "--format", "ttl", "--gzip", "-o"], "graph.ttl.gz"),
        (["viz", "-o"], "graph.html"),
        (["analyze", "export", "--format", "gexf", "-o"], "actors.gexf"),
    ],
)
def test_written_files_follow_the_umask(
    store_path: Path, tmp_path: Path, umask: int, args: list[str], name: str
) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(cli, [*args, str(out), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_build_report_follows_the_umask(tmp_path: Path, umask: int) -> None:
    from kg.pipeline.build import BuildReport, InputRecord, write_report

    report = tmp_path / "report.jsonl"
    write_report(BuildReport(inputs=[InputRecord("x.bin", "skipped", reason="binary")]), report)
    assert report.stat().st_mode & 0o777 == 0o666 & ~umask
