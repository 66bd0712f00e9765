"""``kg query`` and ``kg serve``: SPARQL on the store (thin layer over :mod:`kg.query`)."""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from kg.cli._common import format_option, store_option

if TYPE_CHECKING:
    from kg.query.catalog import NamedQuery
    from kg.query.run import Target

__all__ = ["query", "serve"]

from kg.query.formats import FORMATS, TABLE_LIMIT, default_limit
from kg.query.serve import ENGINES


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(
                f"{item!r} is not NAME=VALUE (e.g. --param client=SDF)", param_hint="--param"
            )
        if name.strip() in out:
            raise click.BadParameter(f"{name.strip()!r} is given twice", param_hint="--param")
        out[name.strip()] = value
    return out


@click.command()
@click.argument("name", required=False, metavar="[NAME|FILE.rq]")
@click.option("-e", "--expr", "expr", metavar="SPARQL", help="Run this SPARQL text.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter value (repeatable); see the query's --describe.",
)
@format_option(FORMATS, "table", "Output format (CONSTRUCT and DESCRIBE always give Turtle).")
@store_option
@click.option(
    "--endpoint",
    metavar="URL",
    help="Query this SPARQL 1.1 endpoint (e.g. http://127.0.0.1:7878/query) instead of --store.",
)
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@click.option("--describe", is_flag=True, help="Show the query's header (parameters, example).")
@click.option("--update", is_flag=True, help="Allow a SPARQL Update (it changes the store).")
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds the query may run (on an endpoint: to each answer) before it is stopped.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let SERVICE clauses call other servers over the network (refused by default).",
)
@click.option(
    "--limit",
    type=click.IntRange(0),
    default=None,
    metavar="N",
    help=f"Show at most N rows. Default: {TABLE_LIMIT} for a table on a terminal; every row "
    "in the other formats and when the output goes to a file or a pipe.",
)
@click.option("--all", "all_rows", is_flag=True, help="Show every row (no --limit).")
@click.pass_context
def query(
    ctx: click.Context,
    name: str | None,
    expr: str | None,
    params: tuple[str, ...],
    fmt: str,
    store: Path,
    endpoint: str | None,
    list_: bool,
    describe: bool,
    update: bool,
    timeout: float,
    allow_service: bool,
    limit: int | None,
    all_rows: bool,
) -> None:
    """Run a named query, a .rq file, or SPARQL given with -e.

    \b
    Examples:
      kg query --list
      kg query backers --param client="Syrian Democratic Forces"
      kg query events-timeline -p place=Syria -p from=2017-10 --format csv
      kg query queries/actors.rq --endpoint http://127.0.0.1:7878/query
      kg query -e 'SELECT ?s WHERE { ?s a ckg:Capture }'

    \b
    A query file starts with a comment header:
      # title: One line saying what it answers
      # description: More text; continuation lines start with "#" and 3 spaces.
      # param: NAME TYPE (required | optional | default VALUE) -- what it is
      # lists: COLUMN ...   (" | "-separated list columns; kg sorts their items)
      # example: kg query NAME --param NAME=VALUE
    NAME is the SPARQL variable the value binds (?NAME), before the query's
    patterns and filters run; an optional parameter given no value stays
    unbound. TYPE is one of:
      actor, place  a label or alias (case-insensitive) or an IRI; a label
                    naming several entities is refused with the candidates
      iri           <https://...> or a prefixed name such as id:actor/iran
      date          YYYY, YYYY-MM or YYYY-MM-DD
      integer, string, type (a ckg class: Capture, ArmedGroup, ...)
    Values are bound as data with a VALUES block, never pasted into the text.
    Without a header, --param NAME=VALUE binds an IRI (<...> or prefix:name)
    or a string.

    \b
    Formats: table and md show prefixed names; csv, tsv, json and xml are the
    W3C SPARQL results formats. A SPARQL Update is refused without --update,
    SERVICE without --allow-service; a query over 100,000 characters or nested
    over 64 brackets deep is refused; one running over --timeout is stopped.
    A table on a terminal shows the first 100 rows (--limit N, --all);
    other formats, and output to a file or pipe, have every row.
    """
    from kg.query.catalog import load_query
    from kg.query.run import Target, check_update

    if list_:
        _echo_list()
        return
    _check_sources(ctx, name, expr, endpoint)
    nq = load_query(name) if name is not None else None
    if describe:
        click.echo(_description(nq))
        return
    values = _parse_params(params)
    limit = _row_limit(limit, all_rows, fmt)
    text = nq.text if nq is not None else str(expr)
    is_update = check_update(text, source=name or "-e", allow_update=update)
    if is_update and values:
        raise click.UsageError("--param cannot be used with an update")
    if endpoint is not None:
        target = Target(endpoint=endpoint, timeout=timeout, allow_service=allow_service)
        _answer(target, nq or text, is_update, values, limit, fmt)
        return
    from kg.rdf.store import KGStore

    with KGStore(store, read_only=not is_update, must_exist=True) as st:
        target = Target(store=st, timeout=timeout, allow_service=allow_service)
        _answer(target, nq or text, is_update, values, limit, fmt)


def _echo_list() -> None:
    """``kg query --list``: the named queries and their titles."""
    from kg.query.catalog import list_queries

    queries = list_queries()
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        click.echo(f"{q.name.ljust(width)}  {q.title}")


def _check_sources(
    ctx: click.Context, name: str | None, expr: str | None, endpoint: str | None
) -> None:
    """One query (NAME, FILE.rq or -e) and one place to run it (--store or --endpoint)."""
    if (name is None) == (expr is None):
        raise click.UsageError("give a query NAME or FILE.rq, or -e 'SPARQL' (one of them)")
    if endpoint is not None and (
        ctx.get_parameter_source("store") == click.core.ParameterSource.COMMANDLINE
    ):
        raise click.UsageError("give --store or --endpoint, not both")


def _description(nq: NamedQuery | None) -> str:
    """``--describe``: the header of a named query or a file."""
    if nq is None:
        raise click.UsageError("--describe needs a query NAME or FILE.rq")
    return nq.describe()


def _row_limit(limit: int | None, all_rows: bool, fmt: str) -> int | None:
    """The row limit from --limit / --all, else the default for this output."""
    if all_rows and limit is not None:
        raise click.UsageError("give --limit N or --all, not both")
    if limit is None and not all_rows:
        return default_limit(fmt, sys.stdout.isatty())
    return limit


def _answer(
    target: Target,
    query: NamedQuery | str,
    is_update: bool,
    values: dict[str, str],
    limit: int | None,
    fmt: str,
) -> None:
    """Run the update or the query on ``target`` and echo what it gave."""
    from kg.query.formats import format_result
    from kg.query.run import run_query, run_update

    if is_update:
        st = target.store
        merge = run_update(query if isinstance(query, str) else query.text, target)
        if st is None or merge is None:
            click.echo(f"update sent to {target.endpoint}", err=True)
        else:  # counted once: a count reads every quad of the store
            click.echo(
                f"update applied: the named graphs hold {len(st)} quads; the merged default "
                f"graph +{merge.added} −{merge.removed} triples",
                err=True,
            )
        return
    result = run_query(query, target, values, limit=limit)
    text = format_result(result, fmt)
    click.echo(text, nl=not text.endswith("\n"))
    if result.more:
        click.echo(f"(the first {len(result.rows)} rows; more with --limit N or --all)", err=True)
    elif fmt == "table" and result.graph is None and result.form == "SELECT":
        n = len(result.rows)
        click.echo(f"({n} row{'s' if n != 1 else ''})", err=True)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@click.command()
@store_option
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option(
    "--bind", "host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="oxigraph: the oxigraph server binary (pip install oxigraph); python: the built-in "
    "server; auto: oxigraph when installed.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds a query may run before it is stopped.",
)
@click.option(
    "--cors",
    multiple=True,
    metavar="ORIGIN",
    help="Let pages of this origin (e.g. https://yasgui.example.org) read answers; repeatable. "
    "Default: none (never a wildcard).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Accept this name in the Host header besides this machine's; repeatable.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let SERVICE clauses call other servers over the network (refused by default).",
)
def serve(
    store: Path,
    port: int,
    host: str,
    engine: str,
    timeout: float,
    cors: tuple[str, ...],
    allow_hosts: tuple[str, ...],
    allow_service: bool,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (YASGUI or any client).

    Queries see the union of the store's graphs, as with kg query. Stop with
    Ctrl-C (or SIGTERM). Updates are refused, SERVICE unless --allow-service,
    and so are queries over 100,000 characters or nested over 64 brackets deep;
    a query running over --timeout is stopped. Only requests whose Host header
    names this machine (or --allow-host) are answered, and only pages of a
    --cors origin may read the answers in a browser.

    \b
    Examples:
      kg serve --store kg-store --port 7878
      kg serve --cors https://yasgui.triply.cc --timeout 20
      kg query backers --endpoint http://127.0.0.1:7878/query
    """
    from kg.query.serve import ServeOptions, start_server

    for origin in cors:
        if not re.match(r"^https?://[^/\s*]+$", origin):
            raise click.BadParameter(
                f"{origin!r} is not an origin: give scheme, host and port only, e.g. "
                "https://yasgui.example.org (a wildcard is not accepted)",
                param_hint="--cors",
            )
    options = ServeOptions(timeout, cors, allow_hosts, allow_service)
    server = start_server(store, host=host, port=port, engine=engine, options=options)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    click.echo(
        f"SPARQL endpoint ({server.engine}, read-only) over {store} listening on "
        f"{server.url} ; Ctrl-C to stop",
        err=True,
    )
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
    click.echo("stopped", err=True)
