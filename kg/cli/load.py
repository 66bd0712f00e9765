"""``kg load``: shards written by ``kg build --shards`` → the store."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli._common import LocalPath, finish_build, run_with_progress, store_option

__all__ = ["load"]


@click.command()
@click.argument("shards", type=LocalPath(exists=True, urls=True))
@store_option
@click.option(
    "--curation",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Curation file (default: the one the shards were built with); it must be that file "
    "as it was for the build.",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write what became of every input of the build (built, duplicate, skipped and why) "
    "to this file as JSON Lines.",
)
def load(shards: Path | str, store: Path, curation: Path | None, report_file: Path | None) -> None:
    """Bulk-load the shards of a cluster build into the store and finish the build.

    SHARDS is the folder or URL (s3://bucket/shards) 'kg build --shards' wrote. Names one
    article defines are resolved in the others (in the build's order), then the triples are
    bulk-loaded: the store is the one 'kg build' makes of the same articles. It holds exactly
    these articles afterwards.
    The exit status is 1 when the build skipped any article.

    \b
    Examples:
      kg build corpus/ --scheduler tcp://10.0.0.5:8786 --shards /shared/shards
      kg load /shared/shards --store kg-store
    """
    from kg.scale.load import load_shards

    report = run_with_progress(
        "loading", lambda tick: load_shards(shards, store, curation=curation, progress=tick)
    )
    finish_build(report, report_file, f"store: {store}")
