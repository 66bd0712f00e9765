"""``kg viz``: write the offline interactive graph page (thin layer over :mod:`kg.viz`)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.analysis import MIN_STRENGTH
from kg.cli._common import store_option
from kg.viz.model import VIEWS

__all__ = ["viz"]


@click.command()
@store_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("graph.html"),
    show_default=True,
    help="HTML file to write (self-contained: open it from disk, no network needed).",
)
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default="actors",
    show_default=True,
    help="actors: actors and their relations; events: events with their actors and places; "
    "full: everything.",
)
@click.option("--focus", metavar="ACTOR", help="Show only the neighbourhood of this actor.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="How many ties away from --focus to show.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Only relations holding on DATE and events up to it (YYYY[-MM[-DD]]).",
)
@click.option(
    "--min-confidence",
    "min_confidence",
    type=click.FloatRange(0.0, 1.0),
    help="Hide relations and events whose combined confidence is lower.",
)
@click.option(
    "--theatre",
    "theatres",
    multiple=True,
    metavar="NAME",
    help="Only this theatre of war (repeatable), e.g. Syria; 'unplaced' for facts of none.",
)
@click.option(
    "--min-strength",
    "min_strength",
    type=click.FloatRange(0.0, 1.0),
    default=MIN_STRENGTH,
    show_default=True,
    help="Actors tied to their bloc more weakly than this are drawn unaligned (grey).",
)
def viz(
    store: Path,
    output: Path,
    view: str,
    focus: str | None,
    depth: int,
    as_of: str | None,
    min_confidence: float | None,
    theatres: tuple[str, ...],
    min_strength: float,
) -> None:
    """Write one self-contained HTML page to browse the graph (no network needed).

    Actors are coloured by bloc: the blocs of each theatre of war, computed as 'kg analyze
    blocs' does (no other command needed); grey actors are in no bloc. The page has a
    theatre selector and a legend for every colour and shape; click a bloc in the legend to
    see its members, their strength and the facts that tie them. Click a node or an edge to
    see its attestations: the quoted sentence and its article.

    \b
    Examples:
      kg viz -o graph.html
      kg viz --theatre Syria --theatre Iraq -o levant.html
      kg viz --view full --focus SDF --depth 2 -o sdf.html
      kg viz --as-of 2017-11 --min-confidence 0.6
    """
    from functools import partial

    from kg.analysis.theatres import read_theatre_blocs
    from kg.viz import write_page

    report = write_page(
        store,
        output,
        view=view,
        focus=focus,
        depth=depth,
        as_of=as_of,
        min_confidence=min_confidence,
        theatres=theatres,
        blocs=partial(read_theatre_blocs, as_of=as_of, min_strength=min_strength),
    )
    click.echo(f"wrote {report.path}: {report.title} ({report.nodes} nodes, {report.edges} edges)")
