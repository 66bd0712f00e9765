"""``kg export`` and ``kg push``: the graph as RDF files, and into external triplestores."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli._common import LocalPath, format_option, store_option
from kg.export.profiles import PROFILES
from kg.export.push import PROTOCOLS
from kg.export.serialise import FORMATS, LAYOUTS
from kg.export.transport import AUTH_SCHEMES

if TYPE_CHECKING:
    from kg.cli._common import Tick
    from kg.export.push import PushOptions, PushReport
    from kg.pipeline.build import BuildReport

__all__ = ["export", "push"]


@click.command()
@store_option
@format_option(tuple(FORMATS), "nq", "nt/nq: sorted N-Triples/N-Quads; ttl, trig, jsonld, rdfxml.")
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE|-",
    help="File to write (replaced only once complete), or - for standard output.",
)
@click.option(
    "--graphs",
    type=click.Choice(LAYOUTS),
    default=None,
    help="merged: every graph's triples in one graph; per-article: keep the named "
    "graphs. Default: per-article for nq and trig, merged otherwise.",
)
@click.option(
    "--include-ontology/--no-ontology",
    default=True,
    show_default=True,
    help="Include the ontology graph (the named queries use its class hierarchy).",
)
@click.option("--gzip", "gzip_output", is_flag=True, help="Compress the output with gzip.")
def export(
    store: Path,
    fmt: str,
    output: str,
    graphs: str | None,
    include_ontology: bool,
    gzip_output: bool,
) -> None:
    """Write the graph as a standard RDF file.

    N-Triples and N-Quads are sorted, so exports of the same graph are byte-identical.

    \b
    Examples:
      kg export --format nq -o graph.nq
      kg export --format ttl --graphs merged -o graph.ttl.gz --gzip
    """
    from kg.export.serialise import write_export

    report = write_export(
        store,
        None if output == "-" else Path(output),
        fmt,
        graphs=graphs,
        include_ontology=include_ontology,
        gzip_output=gzip_output,
    )
    what = "triples" if report.graphs == "merged" else "quads"
    where = f"to {report.path} ({report.bytes:,} bytes)" if report.path else "to standard output"
    graphs_note = f" in {report.named_graphs} named graphs" if report.named_graphs else ""
    click.echo(f"exported {report.statements:,} {what}{graphs_note} as {fmt} {where}", err=True)


@click.command()
@click.argument("endpoint")
@store_option
@click.option(
    "--shards",
    type=LocalPath(exists=True, urls=True),
    default=None,
    help="Push the shards 'kg build --shards' wrote instead of a store: the cross-article "
    "step runs here and the shards are streamed to ENDPOINT one at a time (no store is made).",
)
@click.option(
    "--curation",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With --shards: the curation file (default: the one the shards were built with).",
)
@click.option(
    "--profile",
    type=click.Choice(tuple(PROFILES)),
    default="oxigraph",
    show_default=True,
    help="Which store: decides the URLs.",
)
@click.option(
    "--protocol",
    type=click.Choice(PROTOCOLS),
    default="gsp",
    show_default=True,
    help="gsp: Graph Store HTTP Protocol; update: SPARQL Update INSERT DATA.",
)
@click.option(
    "--graph",
    "graph",
    default=None,
    metavar="IRI",
    help="Target graph of a merged push (default: the store's default graph).",
)
@click.option(
    "--graphs",
    type=click.Choice(LAYOUTS),
    default="merged",
    show_default=True,
    help="per-article keeps each named graph under its own IRI.",
)
@click.option(
    "--replace/--append",
    default=True,
    show_default=True,
    help="Replace the target graph(s), or add to them.",
)
@click.option(
    "--atomic/--no-atomic",
    default=True,
    show_default=True,
    help="A replace that fails half-way leaves a target that held data as it was (through "
    "a temporary graph where the store needs one); --no-atomic loads straight into it.",
)
@click.option("--user", default=None, help="User name for the store.")
@click.option(
    "--password-env",
    default=None,
    metavar="VAR",
    help="Environment variable holding the password (never on the command line).",
)
@click.option(
    "--auth",
    type=click.Choice(AUTH_SCHEMES),
    default=None,
    help="Authentication scheme (default: the profile's; Virtuoso uses digest).",
)
@click.option(
    "--chunk-size",
    type=int,
    default=None,
    help="At most N triples per request. Default: a whole graph per streamed Graph Store "
    "request; SPARQL Update in requests the profile's store accepts (Virtuoso: 1,000 triples).",
)
@click.option(
    "--include-ontology/--no-ontology",
    default=True,
    show_default=True,
    help="Send the ontology graph too.",
)
@click.option(
    "--retries",
    type=int,
    default=4,
    show_default=True,
    help="Further attempts after a 5xx answer or a dropped connection.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds to wait for progress, and for each whole answer once a request is sent.",
)
@click.option(
    "--deadline",
    type=click.FloatRange(0, min_open=True),
    default=None,
    help="Seconds the whole push may take, retries included (default: no limit).",
)
@click.option("--gsp-url", default=None, help="Override the Graph Store Protocol URL.")
@click.option("--query-url", default=None, help="Override the SPARQL query URL.")
@click.option("--update-url", default=None, help="Override the SPARQL Update URL.")
@click.option("--dry-run", is_flag=True, help="List the requests without sending them.")
@click.option("--no-verify", is_flag=True, help="Skip the COUNT check after the push.")
def push(
    endpoint: str,
    store: Path,
    shards: Path | str | None,
    curation: Path | None,
    profile: str,
    protocol: str,
    graph: str | None,
    graphs: str,
    replace: bool,
    atomic: bool,
    user: str | None,
    password_env: str | None,
    auth: str | None,
    chunk_size: int | None,
    include_ontology: bool,
    retries: int,
    timeout: float,
    deadline: float | None,
    gsp_url: str | None,
    query_url: str | None,
    update_url: str | None,
    dry_run: bool,
    no_verify: bool,
) -> None:
    """Load the graph into a running triplestore at ENDPOINT.

    ENDPOINT is the server root (Oxigraph, Virtuoso), the dataset URL (Fuseki) or the
    repository URL (GraphDB). See docs/triplestores.md.

    \b
    Examples:
      kg push http://localhost:7878
      kg push http://localhost:3030/conflict --profile fuseki --graph https://example.org/ckg
      KG_PW=... kg push http://localhost:8890 --profile virtuoso --user dba --password-env KG_PW
      kg push http://localhost:7878 --shards /shared/shards    # a cluster build, no store
    """
    from kg.export.push import PushOptions
    from kg.export.push import push as run_push

    _check_source(store, shards, curation)
    opts = PushOptions(
        profile=profile,
        protocol=protocol,
        graph=graph,
        graphs=graphs,
        replace=replace,
        atomic=atomic,
        chunk_size=chunk_size,
        user=user,
        password_env=password_env,
        auth=auth,
        verify=not no_verify,
        include_ontology=include_ontology,
        retries=retries,
        timeout=timeout,
        deadline=deadline,
        gsp_url=gsp_url,
        query_url=query_url,
        update_url=update_url,
    )
    if shards is None:
        report = run_push(store, endpoint, opts, dry_run=dry_run)
    else:
        report = _push_shards(shards, endpoint, opts, curation, dry_run)
    mode = "replace" if replace else "append"
    if dry_run:
        login = (
            f"{report.auth} auth as {user} (password from ${password_env})" if user else "no login"
        )
        click.echo(f"dry run: {mode} via {protocol} ({profile} profile), {login}")
        _echo_requests(report)
    else:
        _echo_pushed(report, f"{mode}, {protocol}", endpoint)


def _check_source(store: Path, shards: Path | str | None, curation: Path | None) -> None:
    """``--store`` (given on the command line) and ``--shards`` name two sources: refused."""
    from click.core import ParameterSource

    given = click.get_current_context().get_parameter_source("store")
    if shards is not None and given == ParameterSource.COMMANDLINE:
        raise click.UsageError(
            f"--store {store} and --shards {shards} name two graphs to push: give one "
            "(--shards pushes a cluster build without a store; 'kg load SHARDS --store DIR' "
            "makes a store of it)"
        )
    if curation is not None and shards is None:
        raise click.UsageError("--curation applies to --shards only (a store is already curated)")


def _push_shards(
    shards: Path | str, endpoint: str, opts: PushOptions, curation: Path | None, dry_run: bool
) -> PushReport:
    """``--shards``: finish the build, say what it found, and stream the shards."""
    from kg.cli._common import run_with_progress
    from kg.scale.push import push_shards

    pushed: list[PushReport] = []

    def run(tick: Tick) -> BuildReport:
        build, report = push_shards(
            shards, endpoint, opts, curation=curation, dry_run=dry_run, progress=tick
        )
        pushed.append(report)
        return build

    build = run_with_progress("loading", run)
    click.echo(build.summary(), err=True)
    return pushed[0]


def _echo_requests(report: PushReport) -> None:
    """``--dry-run``: the requests a push would send."""
    for r in report.requests:
        size = f"  {r.statements:,} triples, {r.bytes:,} bytes" if r.statements else ""
        click.echo(f"  {r.method:4} {r.url}  -- {r.purpose}{size}")
    click.echo(
        f"would send {report.statements:,} triples to "
        f"{len(report.targets)} graph(s) in {len(report.requests)} requests"
    )


def _echo_pushed(report: PushReport, how: str, endpoint: str) -> None:
    """What a push sent, dropped and found in the target."""
    retried = f", {report.retries} retried" if report.retries else ""
    click.echo(
        f"pushed {report.statements:,} triples ({how}) to "
        f"{len(report.targets)} graph(s) at {endpoint} in {len(report.requests)} "
        f"requests{retried}, {report.seconds:.1f} s"
    )
    if report.removed:
        click.echo(f"dropped {len(report.removed)} graph(s) of articles no longer in the store")
    if report.counts:
        total = sum(report.counts.values())
        click.echo(f"verified: the target holds {total:,} triples")
    if report.merged:
        click.echo(
            f"({report.merged:,} of the triples sent are kept by the store as one with "
            "another: literals equal as values, such as 1 and 01 or a month and its first "
            "day; docs/triplestores.md)"
        )
