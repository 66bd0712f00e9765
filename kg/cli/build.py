"""``kg build``: articles → the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg.cli._common import LocalPath, Tick, finish_build, run_with_progress, store_option
from kg.scale import ENGINES

if TYPE_CHECKING:
    from kg.pipeline.build import BuildReport

__all__ = ["build"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=LocalPath(urls=True))
@store_option
@click.option(
    "--date", "date", metavar="YYYY[-MM[-DD]]", help="Publication date of articles that state none."
)
@click.option("--publisher", help="Publisher of articles that name none.")
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="YAML or CSV file giving per-article metadata (file, date, publisher, ...).",
)
@click.option(
    "--curation",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your own curation file, applied instead of the bundled data/curation.yaml. Extra "
    "gazetteer entries: name their folders or files in KG_GAZETTEER.",
)
@click.option(
    "--append",
    is_flag=True,
    help="Keep the articles already in the store (default: the store holds exactly "
    "these articles afterwards).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes parsing and extracting in parallel (try the number of CPUs); output is "
    "identical to one process.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 1000),
    default=16,
    show_default=True,
    help="Articles per spaCy batch (and per chunk handed to a worker).",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read files that symbolic links in a folder point to outside it (default: such "
    "links are reported and skipped).",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write what became of every input (built, duplicate, skipped and why) to this "
    "file as JSON Lines.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="Where articles are read and extracted: this machine, or a Dask cluster (the one "
    "at --scheduler, else a local one of --workers processes); same output.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Address of a running Dask scheduler (implies --engine dask).",
)
@click.option(
    "--shards",
    type=LocalPath(urls=True),
    help="With Dask: workers write sorted N-Quads shards to this folder or URL (shared by "
    "the workers: NFS, s3://bucket/shards) instead of building the store; load them with "
    "'kg load'.",
)
def build(
    paths: tuple[Path | str, ...],
    store: Path,
    date: str | None,
    publisher: str | None,
    manifest: Path | None,
    curation: Path | None,
    append: bool,
    workers: int,
    batch_size: int,
    follow_links: bool,
    report_file: Path | None,
    engine: str,
    scheduler: str | None,
    shards: Path | str | None,
) -> None:
    """Extract the facts of news articles into the store.

    PATHS are files or folders of articles: plain text (optional YAML front matter), HTML
    pages, RSS/Atom feeds and JSON Lines; or URLs of them that fsspec reads (s3://bucket/
    corpus/ with s3fs installed: read where the articles are extracted, so Dask workers need
    the package and the credentials too). An article that cannot be read is reported and
    skipped; the exit status is 1 when any was skipped. Files over 10 MB (JSON Lines over
    200 MB), articles over 1,000,000 characters, pipes and devices are refused, and so are
    links out of a folder unless --follow-links. An article with the same text as an
    earlier one is built once (the first one's metadata is kept; the summary says so).

    \b
    Examples:
      kg build data/samples
      kg build ../shared/seeds --date 2017-11-03 --store seeds-store
      kg build new-articles/ --append
      kg build feeds/ --report build-report.jsonl
      kg build corpus/ --engine dask --scheduler tcp://10.0.0.5:8786
      kg build corpus/ --scheduler tcp://10.0.0.5:8786 --shards /shared/shards
      kg build s3://newsroom/2024/ --engine dask --workers 8
    """
    engine = "dask" if scheduler or shards else engine
    if shards is not None and (append or report_file is not None):
        raise click.UsageError(
            f"{'--append' if append else '--report'} does not apply with --shards: kg load "
            "builds the store from the shards (it replaces the store's articles, and takes "
            "--report)"
        )
    options: dict[str, Any] = {
        "default_date": date,
        "publisher": publisher,
        "workers": workers,
        "batch_size": batch_size,
        "curation": curation,
        "manifest": manifest,
        "follow_links": follow_links,
    }
    if shards is not None:
        from kg.scale.shards import build_shards

        report = run_with_progress(
            "building",
            lambda tick: build_shards(
                list(paths), shards, scheduler=scheduler, progress=tick, **options
            ),
            sources=True,
        )
        where = f"shards: {shards} (load them with 'kg load {shards} --store {store}')"
    else:

        def run_build(tick: Tick) -> BuildReport:
            if engine == "dask":
                from kg.scale.dask_engine import dask_build

                return dask_build(
                    list(paths), store, scheduler=scheduler, append=append, progress=tick, **options
                )
            from kg.pipeline.build import build

            return build(list(paths), store, append=append, progress=tick, **options)

        report = run_with_progress("building", run_build, sources=True)
        where = f"store: {store}"
    finish_build(report, report_file, where)
