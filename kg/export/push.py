"""Load the graph into a running triplestore over HTTP: Graph Store Protocol or SPARQL Update.

A push sends the same de-duplicated triples as ``kg export`` (no blank nodes, so sending a
chunk twice changes nothing):

- ``protocol="gsp"``: the SPARQL 1.1 Graph Store HTTP Protocol. Each graph goes in **one
  streamed request** (N-Triples, ``PUT`` to replace, ``POST`` to add): sent as it is read with
  chunked transfer encoding where the store takes it (Oxigraph), else from a temporary file
  with a ``Content-Length``. ``chunk_size`` splits a graph into ``PUT`` + ``POST`` requests.
- ``protocol="update"``: SPARQL 1.1 Update ``INSERT DATA`` requests, cut by triples and by
  bytes so the profile's store accepts each (Virtuoso: 1,000 triples; others: 50,000), and
  never more than ``chunk_size`` triples.

**Replace** (the default) never leaves a target that held data half-written. A target found
empty by a first ``COUNT`` is loaded directly (and through Oxigraph's bulk path,
``no_transaction&lenient``); so is one on a store where one ``PUT`` is one transaction (Oxigraph)
when the graph goes in one request. Otherwise the chunks go into a temporary graph
(``graph/push-tmp/…``) and one final update request moves it onto the target (``MOVE GRAPH
<tmp> TO <target>``), for every target graph at once; on stores that run an update request in
one transaction (Oxigraph, Fuseki, GraphDB) a push that fails half-way leaves the target as it
was, and re-running it clears the temporary graph and completes. ``atomic=False``
(``--no-atomic``) loads straight into the targets, fastest. **Append** adds to the targets.

Requests that fail with a 5xx status or a dropped connection are retried with exponential
backoff; 401, 403 and 404 stop at once with a message naming the URL and what to check. After
the push a ``COUNT`` on the target is compared with what was sent (unless ``verify=False``).
The password is read from an environment variable and never appears in a report, a log or an
error message.

Examples
--------
>>> from kg.rdf.store import KGStore
>>> with KGStore(None) as st:
...     report = push(st, "http://localhost:7878", PushOptions(), dry_run=True)
>>> for r in report.requests:
...     print(r.method, r.url)
POST http://localhost:7878/query
PUT http://localhost:7878/store?default
POST http://localhost:7878/query
>>> report.requests[1].purpose
'load the default graph'
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.errors import PushError
from kg.export.profiles import PROFILES, Endpoints, Profile, endpoints
from kg.export.push_units import TEMP_GRAPHS, PushUnit, push_units
from kg.export.serialise import LAYOUTS
from kg.export.transport import AUTH_SCHEMES, Client, PushRequest, SpoolBody, StreamBody
from kg.export.virtuoso_values import kept_count
from kg.rdf.iri import ONTOLOGY_GRAPH
from kg.rdf.namespace import GRAPH
from kg.rdf.store import KGStore

__all__ = ["PROTOCOLS", "PushOptions", "PushReport", "PushRequest", "push", "push_source"]

#: ``--protocol`` values.
PROTOCOLS = ("gsp", "update")

_NT = "application/n-triples"
_UPDATE = "application/sparql-update"
_RESULTS = "application/sparql-results+json"

_T = TypeVar("_T")


@dataclass(frozen=True)
class PushOptions:
    """How to push (every ``kg push`` option but the endpoint).

    Attributes
    ----------
    profile : str
        A key of :data:`kg.export.profiles.PROFILES`.
    protocol : str
        ``"gsp"`` or ``"update"``.
    graph : str or None
        Target graph IRI of a merged push; ``None`` for the store's default graph.
    graphs : str
        ``"merged"`` (every triple into ``graph``) or ``"per-article"`` (every named graph of
        the local store replaced or extended under its own IRI).
    replace : bool
        Replace the target graphs rather than add to them.
    atomic : bool
        Replace a target that holds data through a temporary graph when one request cannot
        replace it in one transaction; ``False`` loads straight into the targets.
    chunk_size : int or None
        At most this many statements per request; ``None``: a whole graph per Graph Store
        request, and the profile's limits for SPARQL Update.
    user, password_env : str or None
        User name, and the name of the environment variable holding the password.
    auth : str or None
        ``"basic"`` or ``"digest"``; ``None`` for the profile's scheme.
    verify : bool
        Compare a ``COUNT`` on the target with what was sent.
    include_ontology : bool
        Send the ontology graph too (the named queries need its class hierarchy).
    retries : int
        Further attempts after a 5xx answer or a dropped connection.
    backoff : float
        Seconds before the first retry; doubled on each further one.
    timeout : float
        Seconds to wait for progress while connecting and sending, and for each whole answer
        once its request is sent (:mod:`kg.export.transport`).
    deadline : float or None
        Seconds the whole push may take (retries and waits included); ``None``: no limit.
    gsp_url, query_url, update_url : str or None
        Override the profile's URLs.
    """

    profile: str = "oxigraph"
    protocol: str = "gsp"
    graph: str | None = None
    graphs: str = "merged"
    replace: bool = True
    atomic: bool = True
    chunk_size: int | None = None
    user: str | None = None
    password_env: str | None = None
    auth: str | None = None
    verify: bool = True
    include_ontology: bool = True
    retries: int = 4
    backoff: float = 0.5
    timeout: float = 60.0
    deadline: float | None = None
    gsp_url: str | None = None
    query_url: str | None = None
    update_url: str | None = None


@dataclass
class PushReport:
    """What a push sent and found.

    Attributes
    ----------
    endpoints : Endpoints
        The URLs used.
    targets : list of str
        Target graphs (``"default graph"`` or an IRI).
    statements : int
        Distinct triples sent.
    requests : list of PushRequest
        Every request, in order (a dry run lists them without sending).
    retries : int
        Requests repeated after a 5xx answer or a dropped connection.
    counts : dict
        Triples found in each target after the push (empty when not verified).
    removed : list of str
        Graphs of a per-article replace that the target held under conflict-kg's graph IRIs
        but the local store no longer has (articles removed since the last push): dropped.
    merged : int
        Triples sent that the store keeps as one with another (Virtuoso: literals equal as
        values, :mod:`kg.export.virtuoso_values`); the verification expects them missing.
    """

    endpoints: Endpoints
    options: PushOptions
    dry_run: bool
    auth: str | None
    targets: list[str] = field(default_factory=list)
    statements: int = 0
    requests: list[PushRequest] = field(default_factory=list)
    retries: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    merged: int = 0
    seconds: float = 0.0


# -- what goes where -----------------------------------------------------------------------------


def _graph_ref(g: ox.NamedNode | None) -> str:
    return "DEFAULT" if g is None else f"GRAPH {g}"


def _gsp_url(base: str, g: ox.NamedNode | None, bulk: str | None = None) -> str:
    query = "default" if g is None else urlencode({"graph": g.value})
    return base + ("&" if "?" in base else "?") + query + (f"&{bulk}" if bulk else "")


def _chunks(lines: Iterable[bytes], size: int, max_bytes: int) -> Iterator[list[bytes]]:
    """Lists of at most ``size`` lines and (beyond their first line) ``max_bytes`` bytes."""
    chunk: list[bytes] = []
    held = 0
    for line in lines:
        if chunk and held + len(line) > max_bytes:
            yield chunk
            chunk, held = [], 0
        chunk.append(line)
        held += len(line)
        if len(chunk) >= size:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _target_iri(graph: str | None) -> ox.NamedNode | None:
    if graph is None or graph == "default":
        return None
    try:
        node = ox.NamedNode(graph)
    except ValueError:
        node = None
    if node is None or ":" not in graph:
        raise PushError(
            f"--graph {graph!r} is not an absolute IRI: give one such as "
            "https://example.org/graph/conflict, or leave it out for the default graph"
        )
    return node


@dataclass(frozen=True)
class _Route:
    """Where one unit's lines go, and how."""

    into: ox.NamedNode | None  # the target, or its temporary graph
    bulk: bool  # the store's non-transactional load may be used
    streamed: bool  # the whole graph in one Graph Store request


def _route(unit: PushUnit, opts: PushOptions, profile: Profile, before: dict[str, int]) -> _Route:
    streamed = opts.protocol == "gsp" and opts.chunk_size is None
    if not opts.replace or not opts.atomic or before.get(unit.name) == 0:
        return _Route(unit.target, True, streamed)
    if streamed and profile.atomic_put:
        return _Route(unit.target, False, streamed)  # one PUT, one transaction
    return _Route(unit.temp, True, streamed)


def _transfer(
    client: Client,
    unit: PushUnit,
    route: _Route,
    urls: Endpoints,
    profile: Profile,
    opts: PushOptions,
    stack: ExitStack,
) -> int:
    """Send ``unit``'s lines as ``route`` says; returns how many were sent."""
    into = route.into
    phrase = "the default graph" if unit.target is None else f"<{unit.name}>"
    where = phrase if into == unit.target else f"a temporary graph for {phrase}"
    bulk = profile.bulk if route.bulk else None
    if route.streamed:
        body: StreamBody | SpoolBody
        if profile.chunked:
            body = StreamBody(unit.blocks)
        else:
            body = stack.enter_context(closing(SpoolBody(unit.blocks)))
        method = "PUT" if opts.replace else "POST"
        purpose = f"{'load' if opts.replace else 'add to'} {where}"
        client.send(method, _gsp_url(urls.gsp, into, bulk), body, _NT, purpose)
        return body.statements
    size = opts.chunk_size or profile.update_triples
    max_bytes = 1 << 62
    if opts.protocol == "update":
        size, max_bytes = min(size, profile.update_triples), profile.update_bytes
    sent = 0
    for i, chunk in enumerate(_chunks(unit.lines(), size, max_bytes)):
        data = b"".join(chunk)
        first = i == 0 and opts.replace
        purpose = f"{'load' if first else 'add to'} {where}"
        if opts.protocol == "gsp":
            url = _gsp_url(urls.gsp, into, bulk)
            client.send("PUT" if first else "POST", url, data, _NT, purpose, statements=len(chunk))
        else:
            head = f"DROP SILENT {_graph_ref(into)} ;\n" if first else ""
            if into is None:
                body_bytes = f"{head}INSERT DATA {{\n".encode() + data + b"}\n"
            else:
                body_bytes = f"{head}INSERT DATA {{ GRAPH {into} {{\n".encode() + data + b"} }\n"
            client.send("POST", urls.update, body_bytes, _UPDATE, purpose, statements=len(chunk))
        sent += len(chunk)
    return sent


def _select(
    client: Client,
    urls: Endpoints,
    query: str,
    purpose: str,
    read: Callable[[list[dict[str, Any]]], _T],
    *,
    asked: str = "",
    advice: str = "",
) -> _T | None:
    """Send a SELECT to the store's query URL and ``read`` its rows (None in a dry run).

    Parameters
    ----------
    client : Client
        Sends the request.
    urls : Endpoints
        The store's URLs (``query`` is used).
    query : str
        The SPARQL SELECT query.
    purpose : str
        What the request is for, in the report.
    read : callable
        Makes the result of the SPARQL JSON ``bindings``.
    asked, advice : str
        Said in the error: what was asked (e.g. ``" the COUNT query"``), and what else to do.

    Raises
    ------
    PushError
        The answer is not SPARQL JSON results, or not rows that ``read`` can read.
    """
    body = urlencode({"query": query}).encode()
    form = "application/x-www-form-urlencoded"
    raw = client.send("POST", urls.query, body, form, purpose, accept=_RESULTS)
    if client.dry_run:
        return None
    try:
        return read(json.loads(raw)["results"]["bindings"])
    except (ValueError, KeyError, TypeError) as e:
        raise PushError(
            f"{urls.query} did not answer{asked} with SPARQL JSON results ({e!r}): check the "
            f"query URL (--profile or --query-url){advice}"
        ) from None


def _stale_graphs(client: Client, urls: Endpoints, keep: set[str]) -> list[ox.NamedNode]:
    """conflict-kg graphs on the target that a per-article replace must drop."""
    query = (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }}'
    )
    purpose = "list the conflict-kg graphs on the target (to drop those of removed articles)"
    found = _select(client, urls, query, purpose, lambda rows: {r["g"]["value"] for r in rows})
    if found is None:
        return []
    return [ox.NamedNode(g) for g in sorted(found - keep) if not g.startswith(str(TEMP_GRAPHS))]


def _count(client: Client, urls: Endpoints, units: list[PushUnit]) -> dict[str, int]:
    """Triples in each target graph, by target name (empty in a dry run)."""
    named = [u.target for u in units if u.target is not None]
    parts = []
    if any(u.target is None for u in units):
        parts.append('{ BIND("" AS ?g) { SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } } }')
    if named:
        values = " ".join(str(g) for g in named)
        parts.append(
            f"{{ SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
            "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g }"
        )
    query = "SELECT ?g ?n WHERE {\n" + "\nUNION\n".join(parts) + "\n}"

    def read(rows: list[dict[str, Any]]) -> dict[str, int]:
        return {(r["g"]["value"] or "default graph"): int(r["n"]["value"]) for r in rows}

    purpose = f"count the triples in {len(units)} target graph(s)"
    advice = ", or pass --no-verify"
    found = _select(client, urls, query, purpose, read, asked=" the COUNT query", advice=advice)
    if found is None:
        return {}
    return {u.name: found.get(u.name, 0) for u in units}


def push(
    store: KGStore | Path | str,
    endpoint: str,
    options: PushOptions | None = None,
    *,
    dry_run: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> PushReport:
    """Push the graph of ``store`` to the triplestore at ``endpoint``.

    Parameters
    ----------
    store : KGStore or path
        An open store, or the folder of one (opened read-only).
    endpoint : str
        The store's base URL (see :mod:`kg.export.profiles`).
    options : PushOptions
        Protocol, profile, target graph, auth, chunking, retries.
    dry_run : bool
        List the requests without sending any.

    Returns
    -------
    PushReport

    Raises
    ------
    PushError
        A bad option, a refused or failed request, or a COUNT that does not match.
    StoreError
        The local store does not exist or is locked.
    """
    opts = options or PushOptions()
    with ExitStack() as stack:

        def units(target: ox.NamedNode | None) -> list[PushUnit]:
            st = (
                store
                if isinstance(store, KGStore)
                else stack.enter_context(KGStore(store, read_only=True, must_exist=True))
            )
            return push_units(st, opts.graphs, opts.include_ontology, target)

        return push_source(units, endpoint, opts, dry_run=dry_run, sleep=sleep)


def push_source(
    units: Callable[[ox.NamedNode | None], list[PushUnit]],
    endpoint: str,
    options: PushOptions | None = None,
    *,
    dry_run: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> PushReport:
    """Push the target graphs that ``units`` makes to the triplestore at ``endpoint``.

    :func:`push` of any source of :class:`~kg.export.push_units.PushUnit` (a store: :func:`push`;
    the shards of a cluster build: :func:`kg.scale.push.push_shards`).

    Parameters
    ----------
    units : callable
        Called once, after the options are checked, with the target of a merged push (None:
        the default graph); returns the units to send, each read only when it is sent.
    endpoint, options, dry_run, sleep
        As for :func:`push`.

    Returns
    -------
    PushReport

    Raises
    ------
    PushError
        A bad option, a refused or failed request, or a COUNT that does not match.
    """
    opts = options or PushOptions()
    urls, password, target = _check_options(opts, endpoint, dry_run)
    profile = PROFILES[opts.profile]
    auth = opts.auth or profile.auth
    report = PushReport(urls, opts, dry_run, auth if opts.user is not None else None)
    client = _client(report, endpoint, password, auth, sleep)
    start = time.perf_counter()
    with ExitStack() as stack:
        made = units(target)
        report.targets = [u.name for u in made]
        wants_before = (opts.verify and not opts.replace) or (opts.replace and opts.atomic)
        before = _count(client, urls, made) if wants_before else {}
        sent = _send_units(client, report, made, before, profile, stack)
        if opts.verify:
            _verify(client, report, made, sent, before, profile)
    report.seconds = time.perf_counter() - start
    return report


def _client(
    report: PushReport,
    endpoint: str,
    password: str | None,
    auth: str,
    sleep: Callable[[float], None],
) -> Client:
    """The HTTP client of one push, with its auth, retries and time limits.

    Parameters
    ----------
    report : PushReport
        Where the client records every request; its ``options`` and ``endpoints`` set the
        user, retries, backoff, timeouts and URLs, and ``dry_run`` whether anything is sent.
    endpoint : str
        The store's base URL as given, named in the message of a 404.
    password : str or None
        The password read from ``options.password_env`` (None without ``--user``).
    auth : str
        The auth scheme: ``options.auth`` or the profile's.
    sleep : callable
        Waits between retries (a test passes one that does not wait).

    Returns
    -------
    Client
    """
    opts, urls = report.options, report.endpoints
    hint = (
        f"check ENDPOINT ({endpoint}) and --profile {opts.profile}: it expects the Graph Store "
        f"service at {urls.gsp}, queries at {urls.query} and updates at {urls.update}"
    )
    return Client(
        report,
        urls,
        user=opts.user,
        password=password,
        password_env=opts.password_env,
        auth=auth,
        retries=opts.retries,
        backoff=opts.backoff,
        timeout=opts.timeout,
        deadline=opts.deadline,
        dry_run=report.dry_run,
        hint_404=hint,
        sleep=sleep,
    )


def _verify(
    client: Client,
    report: PushReport,
    units: list[PushUnit],
    sent: dict[str, int],
    before: dict[str, int],
    profile: Profile,
) -> None:
    """COUNT the targets after the push and compare with what was sent.

    Parameters
    ----------
    client : Client
        Sends the COUNT query.
    report : PushReport
        Takes the counts found (``counts``) and the triples a store merged (``merged``).
    units : list of PushUnit
        The target graphs pushed.
    sent : dict
        Triples sent per target name.
    before : dict
        Triples per target name before the push (empty when not counted).
    profile : Profile
        The store's profile: whether it keeps literals equal as values once.

    Raises
    ------
    PushError
        A count that does not match what was sent.
    """
    report.counts = _count(client, report.endpoints, units)
    if report.dry_run:
        return
    replace = report.options.replace
    off = _mismatches(report, sent, before, replace)
    if off and profile.merges_values:
        # the store keeps literals equal as values once: expect exactly what it keeps (a pass
        # over the graph, so only when a count falls short)
        kept = {u.name: kept_count(u.triples()) for u in units if u.name in off}
        report.merged = sum(sent[name] - n for name, n in kept.items())
        sent = {**sent, **kept}
    _check_counts(report, sent, before, replace)


def _send_units(
    client: Client,
    report: PushReport,
    units: list[PushUnit],
    before: dict[str, int],
    profile: Profile,
    stack: ExitStack,
) -> dict[str, int]:
    """Send every unit, then the one update that swaps / drops; triples sent per unit."""
    opts, urls = report.options, report.endpoints
    swaps: list[str] = []
    sent: dict[str, int] = {}
    for unit in units:
        route = _route(unit, opts, profile, before)
        n = _transfer(client, unit, route, urls, profile, opts, stack)
        report.statements += n
        sent[unit.name] = n
        if not opts.replace:
            continue
        if route.into != unit.target:
            swaps.append(
                f"MOVE {_graph_ref(route.into)} TO {_graph_ref(unit.target)}"
                if n
                else f"DROP SILENT {_graph_ref(route.into)} ;\n"
                f"DROP SILENT {_graph_ref(unit.target)}"
            )
        elif not n and not route.streamed:
            swaps.append(f"DROP SILENT {_graph_ref(unit.target)}")
    if opts.replace and opts.graphs == "per-article":
        keep = {u.name for u in units} | {str(ONTOLOGY_GRAPH)}
        for g in _stale_graphs(client, urls, keep):
            swaps.append(f"DROP SILENT GRAPH {g}")
            report.removed.append(g.value)
    if swaps:
        moves = sum(s.startswith("MOVE") for s in swaps)
        purpose = (
            f"replace: swap {moves} target graph(s) in one update"
            if moves
            else f"replace: clear {len(swaps)} graph(s) with nothing to send"
        )
        client.send("POST", urls.update, " ;\n".join(swaps).encode() + b"\n", _UPDATE, purpose)
    return sent


def _check_options(
    opts: PushOptions, endpoint: str, dry_run: bool
) -> tuple[Endpoints, str | None, ox.NamedNode | None]:
    """The URLs, the password and the target graph; a clear error for any bad option."""
    if opts.protocol not in PROTOCOLS:
        raise PushError(f"unknown --protocol {opts.protocol!r}: use one of {', '.join(PROTOCOLS)}")
    if opts.graphs not in LAYOUTS:
        raise PushError(f"unknown --graphs {opts.graphs!r}: use one of {', '.join(LAYOUTS)}")
    if opts.chunk_size is not None and opts.chunk_size < 1:
        raise PushError(f"--chunk-size must be at least 1, got {opts.chunk_size}")
    if opts.retries < 0:
        raise PushError(f"--retries must be 0 or more, got {opts.retries}")
    urls = endpoints(
        opts.profile,
        endpoint,
        gsp_url=opts.gsp_url,
        query_url=opts.query_url,
        update_url=opts.update_url,
    )
    auth = opts.auth or PROFILES[opts.profile].auth
    if auth not in AUTH_SCHEMES:
        raise PushError(f"unknown --auth {auth!r}: use {' or '.join(AUTH_SCHEMES)}")
    password = None
    if opts.user is not None:
        if not opts.password_env:
            raise PushError(
                f"--user {opts.user} needs --password-env VAR: the name of an environment "
                "variable holding the password (passwords are never given on the command line)"
            )
        password = os.environ.get(opts.password_env)
        if password is None and not dry_run:
            raise PushError(
                f"the environment variable {opts.password_env} named by --password-env is not "
                f"set: export {opts.password_env}=... before running kg push"
            )
    elif opts.password_env:
        raise PushError("--password-env needs --user U as well")
    target = _target_iri(opts.graph)
    if opts.graphs == "per-article" and target is not None:
        raise PushError(
            "--graph names the one target of a merged push: leave it out with "
            "--graphs per-article, where each graph keeps its own IRI"
        )
    return urls, password, target


def _mismatches(
    report: PushReport, sent: dict[str, int], before: dict[str, int], replace: bool
) -> dict[str, str]:
    """The targets whose COUNT does not match what was sent, each with what was found."""
    bad = {}
    for name, n in sent.items():
        found = report.counts.get(name, 0)
        if replace and found != n:
            bad[name] = f"{name}: sent {n}, found {found}"
        if not replace and not (max(n, before.get(name, 0)) <= found <= before.get(name, 0) + n):
            bad[name] = f"{name}: had {before.get(name, 0)}, sent {n}, found {found}"
    return bad


def _check_counts(
    report: PushReport, sent: dict[str, int], before: dict[str, int], replace: bool
) -> None:
    bad = list(_mismatches(report, sent, before, replace).values())
    if bad:
        shown = "; ".join(bad[:3]) + (f"; and {len(bad) - 3} more" if len(bad) > 3 else "")
        raise PushError(
            f"the COUNT at {report.endpoints.query} does not match what was sent ({shown}): "
            "another writer may be using the same graphs, or the store's default graph is the "
            "union of its graphs (push into --graph IRI instead); --no-verify skips this check"
        )
