"""``kg stats``, ``kg validate`` and ``kg repair``: what a store holds, whether it keeps the
contract, and finishing a store a stopped update left unfinished."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli._common import REPORT_FORMATS, format_option, store_option

__all__ = ["repair", "stats", "validate"]


@click.command()
@store_option
@format_option(REPORT_FORMATS, "table", "An aligned table, or JSON for scripts.")
def stats(store: Path, fmt: str) -> None:
    """Count what the store holds.

    Articles, actors and places by class, relationships by type, events by type,
    attestations, hedged facts, undated events and triples per named graph.

    \b
    Examples:
      kg stats
      kg stats --store seeds-store --format json
    """
    from kg.quality.stats import format_stats, store_stats
    from kg.rdf.store import KGStore

    with KGStore(store, read_only=True, must_exist=True) as st:
        result = store_stats(st)
    click.echo(format_stats(result, fmt))


@click.command()
@store_option
@format_option(REPORT_FORMATS, "table", "A report grouped by shape, or JSON for scripts.")
@click.option(
    "--shapes",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Another SHACL shapes file (default: ontology/shapes.ttl).",
)
def validate(store: Path, fmt: str, shapes: Path | None) -> None:
    """Check the store against the SHACL shapes and every quote against its article.

    Exits with status 1 when there is any violation; warnings are reported but pass.

    \b
    Examples:
      kg validate
      kg validate --store seeds-store --format json
    """
    from kg.quality.validate import format_report, validate_store
    from kg.rdf.store import KGStore

    with KGStore(store, read_only=True, must_exist=True) as st:
        report = validate_store(st, shapes)
    click.echo(format_report(report, fmt))
    if not report.conforms:
        raise SystemExit(1)


@click.command()
@store_option
@format_option(REPORT_FORMATS, "table", "A sentence, or JSON for scripts.")
def repair(store: Path, fmt: str) -> None:
    """Finish a store that a stopped 'kg query --update' left unfinished.

    An update (or a repair) that was killed or interrupted leaves the store
    marked unfinished, and readers refuse it. Its named graphs are whole: this
    repairs the merged default graph from them, changing only what differs and
    reading no article again; the store is then the one an uninterrupted update
    gives. On a finished store it checks the merge and mends what differs. A
    store a stopped build left unfinished may lack articles: re-run that build.

    \b
    Examples:
      kg repair
      kg repair --store seeds-store --format json
    """
    import dataclasses
    import json

    from kg.rdf.store import KGStore

    with KGStore(store, must_exist=True, repairing=True) as st:
        change = st.repair()
    if fmt == "json":
        click.echo(json.dumps({"store": str(store), **dataclasses.asdict(change)}))
        return
    how = f"+{change.added} −{change.removed} triples"
    if change.added or change.removed:
        click.echo(f"repaired the store {store}: its merged default graph {how}; it is finished")
    else:
        click.echo(f"the store {store} is finished: its merged default graph needed no change")
