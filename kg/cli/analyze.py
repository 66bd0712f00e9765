"""``kg analyze NAME``: actor-network analyses (thin layer over :mod:`kg.analysis`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.analysis import ANALYSES, MIN_STRENGTH
from kg.cli._common import format_option, store_option

__all__ = ["analyze"]


def _window_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--until", metavar="DATE", help="Only facts up to DATE.")(f)
    f = click.option("--since", metavar="DATE", help="Only facts from DATE on.")(f)
    return click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        help="Only relations holding on DATE and events up to it (YYYY[-MM[-DD]]).",
    )(f)


@click.group()
def analyze() -> None:
    """Actor-network analysis: blocs, centrality, proxies, rivalries, clash risk.

    Each analysis runs on every theatre of war (the country a fact's places lie in) on its
    own, so ties from different wars never chain; --theatre picks some ('all': every fact at
    once). 'kg analyze theatres' lists them.

    \b
    Examples:
      kg analyze blocs --store kg-store
      kg analyze blocs --theatre Syria --min-strength 0.6
      kg analyze sponsors-across-theatres
      kg analyze clash-risk --as-of 2017-11 --format json
      kg analyze centrality --top 10 --write
      kg analyze export --format gexf -o actors.gexf
    """


def _make(name: str, doc: str) -> click.Command:
    @click.command(name=name, help=doc)
    @store_option
    @format_option(("table", "json"), "table", "An aligned table, or JSON for scripts.")
    @_window_options
    @click.option("--top", type=click.IntRange(min=1), help="Show only the first N rows.")
    @click.option(
        "--by",
        type=click.Choice(["pagerank", "degree", "betweenness"]),
        default="pagerank",
        show_default=True,
        help="Centrality measure to rank by (centrality only).",
    )
    @click.option(
        "--write",
        is_flag=True,
        help="Also store blocs (per theatre), centralities and communities in graph/analysis "
        "(replaced).",
    )
    @click.option(
        "--theatre",
        "theatres",
        multiple=True,
        metavar="NAME",
        help="Only this theatre (repeatable): a country such as Syria, 'unplaced', or 'all' "
        "for every fact at once. Default: each theatre separately.",
    )
    @click.option(
        "--min-strength",
        "min_strength",
        type=click.FloatRange(0.0, 1.0),
        default=MIN_STRENGTH,
        show_default=True,
        help="Bloc members tied more weakly than this are reported unaligned.",
    )
    def command(
        store: Path,
        fmt: str,
        as_of: str | None,
        since: str | None,
        until: str | None,
        top: int | None,
        by: str,
        write: bool,
        theatres: tuple[str, ...],
        min_strength: float,
    ) -> None:
        from kg.analysis import analyze as run_analysis

        run = run_analysis(
            store,
            name,
            as_of=as_of,
            since=since,
            until=until,
            top=top,
            by=by,
            write=write,
            theatres=theatres,
            min_strength=min_strength,
        )
        if fmt == "json":
            payload = {"analysis": name, "window": run.window.describe(), **run.result.to_dict()}
            click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            click.echo(run.result.to_table())
        if run.written is not None:
            click.echo(f"wrote {run.written} triples to graph/analysis in {store}", err=True)

    return command


_DOCS = {
    "centrality": "Degree, betweenness and PageRank of actors (kg analyze centrality --top 10).",
    "blocs": "Blocs of actors that best satisfy structural balance (kg analyze blocs).",
    "proxies": "Sponsors, their clients and clients' clients; chains of backers.",
    "rivalries": "Sponsors opposed through their clients, with the chain of evidence.",
    "clash-risk": "Opposed actors active near the same places, ranked (kg analyze clash-risk).",
    "brokers": "Actors with positive ties into two or more blocs.",
    "communities": "Louvain communities of the positive actor graph.",
    "sponsors-across-theatres": "Sponsors backing clients in two or more theatres of war.",
    "theatres": "The theatres of war of the store and how many facts each holds.",
}
for _name in ANALYSES:
    analyze.add_command(_make(_name, _DOCS[_name]))


@analyze.command("export")
@store_option
@format_option(
    ("graphml", "gexf"), "graphml", "File format (Gephi reads both; Cytoscape reads GraphML)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="File to write.",
)
@_window_options
def export_cmd(
    store: Path,
    fmt: str,
    output: Path,
    as_of: str | None,
    since: str | None,
    until: str | None,
) -> None:
    """Export the signed actor graph with blocs and centralities for Gephi or Cytoscape.

    \b
    Example:
      kg analyze export --format gexf -o actors.gexf
    """
    from kg.analysis import export

    path = export(store, output, fmt, as_of=as_of, since=since, until=until)
    click.echo(f"wrote {path}")
