"""``kg analyze NAME``: actor-network analyses (thin layer over :mod:`kg.analysis`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.analysis import ANALYSES, EXPORT_FORMATS, MEASURES, MIN_STRENGTH
from kg.cli._common import REPORT_FORMATS, format_option, store_option

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


#: the options that only some analyses use (every one takes --store, --format, the window
#: and --write); an analysis not listed here gets them all
_OPTIONS_OF: dict[str, tuple[str, ...]] = {
    "centrality": ("theatres", "top", "by"),
    "blocs": ("theatres", "min_strength"),
    "proxies": ("theatres",),
    "rivalries": ("theatres",),
    "clash-risk": ("theatres", "top", "min_strength"),
    "brokers": ("theatres", "min_strength"),
    "communities": ("theatres",),
    "sponsors-across-theatres": (),
    "theatres": (),
}
_OPTIONS: dict[str, Callable[[Callable[..., Any]], Callable[..., Any]]] = {
    "theatres": click.option(
        "--theatre",
        "theatres",
        multiple=True,
        metavar="NAME",
        help="Only this theatre (repeatable): a country such as Syria, 'unplaced', or 'all' "
        "for every fact at once. Default: each theatre separately.",
    ),
    "top": click.option("--top", type=click.IntRange(min=1), help="Show only the first N rows."),
    "by": click.option(
        "--by",
        type=click.Choice(MEASURES),
        default="pagerank",
        show_default=True,
        help="Centrality measure to rank by.",
    ),
    "min_strength": click.option(
        "--min-strength",
        "min_strength",
        type=click.FloatRange(0.0, 1.0),
        default=MIN_STRENGTH,
        show_default=True,
        help="Bloc members tied more weakly than this are reported unaligned.",
    ),
}
_EXAMPLES = {
    "centrality": ["kg analyze centrality --top 10", "kg analyze centrality --by betweenness"],
    "blocs": ["kg analyze blocs", "kg analyze blocs --theatre Syria --min-strength 0.6"],
    "proxies": ["kg analyze proxies", "kg analyze proxies --as-of 2017-11 --format json"],
    "rivalries": ["kg analyze rivalries", "kg analyze rivalries --theatre all"],
    "clash-risk": ["kg analyze clash-risk --top 5", "kg analyze clash-risk --as-of 2017-11"],
    "brokers": ["kg analyze brokers", "kg analyze brokers --since 2017-06"],
    "communities": ["kg analyze communities", "kg analyze communities --write"],
    "sponsors-across-theatres": ["kg analyze sponsors-across-theatres --format json"],
    "theatres": ["kg analyze theatres", "kg analyze theatres --until 2018"],
}


def _make(name: str, doc: str) -> click.Command:
    examples = _EXAMPLES.get(name, [f"kg analyze {name}"])
    help_text = doc + "\n\n\b\nExamples:\n" + "\n".join(f"  {e}" for e in examples)

    def command(
        store: Path,
        fmt: str,
        as_of: str | None,
        since: str | None,
        until: str | None,
        write: bool,
        **only_some: Any,
    ) -> None:
        from kg.analysis import analyze as run_analysis

        run = run_analysis(
            store, name, as_of=as_of, since=since, until=until, write=write, **only_some
        )
        if fmt == "json":
            payload = {"analysis": name, "window": run.window.describe(), **run.result.to_dict()}
            click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            click.echo(run.result.to_table())
        if run.written is not None:
            click.echo(f"wrote {run.written} triples to graph/analysis in {store}", err=True)

    f: Callable[..., Any] = command
    for key in reversed(_OPTIONS_OF.get(name, tuple(_OPTIONS))):
        f = _OPTIONS[key](f)
    f = click.option(
        "--write",
        is_flag=True,
        help="Also store blocs (per theatre), centralities and communities in graph/analysis "
        "(replaced).",
    )(f)
    f = _window_options(f)
    f = format_option(REPORT_FORMATS, "table", "An aligned table, or JSON for scripts.")(f)
    f = store_option(f)
    return click.command(name=name, help=help_text)(f)


_DOCS = {
    "centrality": "Degree, betweenness and PageRank of actors.",
    "blocs": "Blocs of actors that best satisfy structural balance.",
    "proxies": "Sponsors, their clients and clients' clients; chains of backers.",
    "rivalries": "Sponsors opposed through their clients, with the chain of evidence.",
    "clash-risk": "Opposed actors active near the same places, ranked.",
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
    EXPORT_FORMATS, "graphml", "File format (Gephi reads both; Cytoscape reads GraphML)."
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
