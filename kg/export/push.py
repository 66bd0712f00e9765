"""Load the graph into a running triplestore over HTTP: Graph Store Protocol or SPARQL Update.

A push streams the same sorted, de-duplicated triples as ``kg export`` (no blank nodes, so
sending a chunk twice changes nothing) in chunks of ``chunk_size`` statements:

- ``protocol="gsp"``: the SPARQL 1.1 Graph Store HTTP Protocol, ``PUT`` (replaces a graph) then
  ``POST`` (adds to it) with N-Triples bodies;
- ``protocol="update"``: SPARQL 1.1 Update ``INSERT DATA`` requests.

**Replace** (the default) never writes into the target graph directly: the chunks go into a
temporary graph (``graph/push-tmp/…``), and one final update request moves it onto the
target (``MOVE GRAPH <tmp> TO <target>``), for every target graph at once. On stores that run
an update request in one transaction (Oxigraph, Fuseki, GraphDB) a push that fails half-way
leaves the target as it was; re-running the push clears the temporary graph and completes.
**Append** adds the chunks to the target as they go.

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
>>> [(r.method, r.url) for r in report.requests]
[('POST', 'http://localhost:7878/update'), ('POST', 'http://localhost:7878/query')]
>>> report.requests[0].purpose
'replace: clear the target (nothing to send)'
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from kg.errors import PushError
from kg.export.profiles import PROFILES, Endpoints, endpoints
from kg.export.serialise import LAYOUTS, graph_lines, sorted_lines, store_graphs
from kg.rdf.iri import ONTOLOGY_GRAPH
from kg.rdf.namespace import GRAPH
from kg.rdf.store import KGStore

__all__ = ["PROTOCOLS", "PushOptions", "PushReport", "PushRequest", "push"]

#: ``--protocol`` values.
PROTOCOLS = ("gsp", "update")

_NT = "application/n-triples"
_UPDATE = "application/sparql-update"
_RESULTS = "application/sparql-results+json"


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
        Replace the target graphs (through a temporary graph) rather than add to them.
    chunk_size : int
        Statements per request.
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
        Seconds to wait for each answer.
    gsp_url, query_url, update_url : str or None
        Override the profile's URLs.
    """

    profile: str = "oxigraph"
    protocol: str = "gsp"
    graph: str | None = None
    graphs: str = "merged"
    replace: bool = True
    chunk_size: int = 50_000
    user: str | None = None
    password_env: str | None = None
    auth: str | None = None
    verify: bool = True
    include_ontology: bool = True
    retries: int = 4
    backoff: float = 0.5
    timeout: float = 120.0
    gsp_url: str | None = None
    query_url: str | None = None
    update_url: str | None = None


@dataclass(frozen=True)
class PushRequest:
    """One HTTP request of a push (sent, or planned by a dry run)."""

    method: str
    url: str
    purpose: str
    statements: int = 0
    bytes: int = 0


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
    seconds: float = 0.0


# -- HTTP --------------------------------------------------------------------------------------


class _Client:
    """urllib with auth handlers, retries with backoff, and errors users can act on."""

    def __init__(
        self,
        report: PushReport,
        *,
        password: str | None,
        hint_404: str,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.report = report
        self.opts = report.options
        self.dry_run = report.dry_run
        self.hint_404 = hint_404
        self.sleep = sleep
        handlers: list[urllib.request.BaseHandler] = []
        if self.opts.user is not None:
            roots = sorted(
                {
                    _root(u)
                    for u in (report.endpoints.gsp, report.endpoints.query, report.endpoints.update)
                }
            )
            if report.auth == "digest":
                dmgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                for root in roots:
                    dmgr.add_password(None, root, self.opts.user, password or "")
                handlers.append(urllib.request.HTTPDigestAuthHandler(dmgr))
            else:
                bmgr = urllib.request.HTTPPasswordMgrWithPriorAuth()
                for root in roots:
                    bmgr.add_password(
                        None, root, self.opts.user, password or "", is_authenticated=True
                    )
                handlers.append(urllib.request.HTTPBasicAuthHandler(bmgr))
        self.opener = urllib.request.build_opener(*handlers)

    def send(
        self,
        method: str,
        url: str,
        body: bytes,
        content_type: str,
        purpose: str,
        *,
        statements: int = 0,
        accept: str | None = None,
    ) -> bytes:
        self.report.requests.append(PushRequest(method, url, purpose, statements, len(body)))
        if self.dry_run:
            return b""
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        attempts = self.opts.retries + 1
        reason = ""
        for attempt in range(attempts):
            if attempt:
                self.report.retries += 1
                self.sleep(self.opts.backoff * 2 ** (attempt - 1))
            req = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with self.opener.open(req, timeout=self.opts.timeout) as resp:
                    data: bytes = resp.read()
                    return data
            except urllib.error.HTTPError as e:
                detail = _excerpt(e)
                if e.code >= 500:
                    reason = f"HTTP {e.code}{': ' + detail if detail else ''}"
                    continue
                raise self._refused(e.code, method, url, purpose, detail) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
                reason = _reason(e)
                continue
        raise PushError(
            f"{method} {url} failed after {attempts} attempt{'s' if attempts > 1 else ''} "
            f"({reason}): check that the triplestore is running and reachable at this address; "
            "running the same push again is safe"
        )

    def _refused(self, code: int, method: str, url: str, purpose: str, detail: str) -> PushError:
        opts = self.opts
        if code == 401:
            if opts.user is None:
                return PushError(
                    f"{url} requires a login (HTTP 401): pass --user U --password-env VAR "
                    "(the name of an environment variable holding the password)"
                )
            return PushError(
                f"{url} refused the login of user {opts.user!r} (HTTP 401): check the user, "
                f"the password in ${opts.password_env}, and --auth (sent {self.report.auth}; "
                "Virtuoso expects digest)"
            )
        if code == 403:
            return PushError(
                f"{url} forbids {method} (HTTP 403): check that the user may write to this "
                "store (Fuseki: start it with --update or grant write access; GraphDB: the "
                "user needs write access to the repository)"
            )
        if code == 404:
            return PushError(f"{url} was not found (HTTP 404): {self.hint_404}")
        extra = " Use a smaller --chunk-size." if code == 413 else ""
        return PushError(
            f"{url} rejected the request to {purpose} (HTTP {code})"
            f"{': ' + detail if detail else ''}.{extra}"
        )


def _root(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}/"


def _excerpt(e: urllib.error.HTTPError) -> str:
    try:
        text = e.read(400).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return ""
    return " ".join(text.split())[:200]


def _reason(e: BaseException) -> str:
    if isinstance(e, urllib.error.URLError) and not isinstance(e.reason, str):
        e = e.reason
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    if isinstance(e, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError):
        return "connection dropped by the server"
    if isinstance(e, TimeoutError):
        return "timed out"
    if isinstance(e, http.client.IncompleteRead):
        return "answer cut short"
    msg = getattr(e, "strerror", None) or str(e) or type(e).__name__
    return str(msg)


# -- what goes where -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """One target graph and the sorted lines that go into it."""

    target: ox.NamedNode | None  # None: the default graph
    lines: Callable[[], Iterator[bytes]]

    @property
    def name(self) -> str:
        return "default graph" if self.target is None else self.target.value

    @property
    def temp(self) -> ox.NamedNode:
        key = hashlib.sha256(self.name.encode("utf-8")).hexdigest()[:16]
        return ox.NamedNode(str(GRAPH[f"push-tmp/{key}"]))


def _graph_ref(g: ox.NamedNode | None) -> str:
    return "DEFAULT" if g is None else f"GRAPH {g}"


def _gsp_url(base: str, g: ox.NamedNode | None) -> str:
    query = "default" if g is None else urlencode({"graph": g.value})
    return base + ("&" if "?" in base else "?") + query


def _chunks(lines: Iterable[bytes], size: int) -> Iterator[list[bytes]]:
    chunk: list[bytes] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield chunk
            chunk = []
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


def _transfer(
    client: _Client,
    unit: _Unit,
    into: ox.NamedNode | None,
    urls: Endpoints,
    *,
    protocol: str,
    chunk_size: int,
    replace: bool,
) -> int:
    """Send ``unit``'s lines into the graph ``into``; returns how many were sent."""
    sent = 0
    phrase = "the default graph" if unit.target is None else f"<{unit.name}>"
    where = phrase if into == unit.target else f"a temporary graph for {phrase}"
    for i, chunk in enumerate(_chunks(unit.lines(), chunk_size)):
        data = b"".join(chunk)
        first = i == 0 and replace
        if protocol == "gsp":
            method = "PUT" if first else "POST"
            purpose = f"{'load' if first else 'add to'} {where}"
            client.send(method, _gsp_url(urls.gsp, into), data, _NT, purpose, statements=len(chunk))
        else:
            head = f"DROP SILENT {_graph_ref(into)} ;\n" if first else ""
            if into is None:
                body = f"{head}INSERT DATA {{\n".encode() + data + b"}\n"
            else:
                body = f"{head}INSERT DATA {{ GRAPH {into} {{\n".encode() + data + b"} }\n"
            purpose = f"{'load' if first else 'add to'} {where}"
            client.send("POST", urls.update, body, _UPDATE, purpose, statements=len(chunk))
        sent += len(chunk)
    return sent


def _stale_graphs(client: _Client, urls: Endpoints, keep: set[str]) -> list[ox.NamedNode]:
    """conflict-kg graphs on the target that a per-article replace must drop."""
    query = (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }}'
    )
    body = urlencode({"query": query}).encode()
    raw = client.send(
        "POST",
        urls.query,
        body,
        "application/x-www-form-urlencoded",
        "list the conflict-kg graphs on the target (to drop those of removed articles)",
        accept=_RESULTS,
    )
    if client.dry_run:
        return []
    try:
        found = {r["g"]["value"] for r in json.loads(raw)["results"]["bindings"]}
    except (ValueError, KeyError, TypeError) as e:
        raise PushError(
            f"{urls.query} did not answer with SPARQL JSON results ({e!r}): check the query "
            "URL (--profile or --query-url)"
        ) from None
    tmp = str(GRAPH["push-tmp/"])
    return [ox.NamedNode(g) for g in sorted(found - keep) if not g.startswith(tmp)]


def _count(client: _Client, urls: Endpoints, units: list[_Unit]) -> dict[str, int]:
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
    body = urlencode({"query": query}).encode()
    raw = client.send(
        "POST",
        urls.query,
        body,
        "application/x-www-form-urlencoded",
        f"count the triples in {len(units)} target graph(s)",
        accept=_RESULTS,
    )
    if client.dry_run:
        return {}
    try:
        rows = json.loads(raw)["results"]["bindings"]
        found = {(r["g"]["value"] or "default graph"): int(r["n"]["value"]) for r in rows}
    except (ValueError, KeyError, TypeError) as e:
        raise PushError(
            f"{urls.query} did not answer the COUNT query with SPARQL JSON results ({e!r}): "
            "check the query URL (--profile or --query-url), or pass --no-verify"
        ) from None
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
    if opts.protocol not in PROTOCOLS:
        raise PushError(f"unknown --protocol {opts.protocol!r}: use one of {', '.join(PROTOCOLS)}")
    if opts.graphs not in LAYOUTS:
        raise PushError(f"unknown --graphs {opts.graphs!r}: use one of {', '.join(LAYOUTS)}")
    if opts.chunk_size < 1:
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
    if auth not in ("basic", "digest"):
        raise PushError(f"unknown --auth {auth!r}: use basic or digest")
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
    report = PushReport(urls, opts, dry_run, auth if opts.user is not None else None)
    hint = (
        f"check ENDPOINT ({endpoint}) and --profile {opts.profile}: it expects the Graph Store "
        f"service at {urls.gsp}, queries at {urls.query} and updates at {urls.update}"
    )
    client = _Client(report, password=password, hint_404=hint, sleep=sleep)
    start = time.perf_counter()
    with ExitStack() as stack:
        st = (
            store
            if isinstance(store, KGStore)
            else stack.enter_context(KGStore(store, read_only=True, must_exist=True))
        )
        units = _units(st, opts, target)
        report.targets = [u.name for u in units]
        before = _count(client, urls, units) if opts.verify and not opts.replace else {}
        swaps: list[str] = []
        sent: dict[str, int] = {}
        for unit in units:
            into = unit.temp if opts.replace else unit.target
            n = _transfer(
                client,
                unit,
                into,
                urls,
                protocol=opts.protocol,
                chunk_size=opts.chunk_size,
                replace=opts.replace,
            )
            report.statements += n
            sent[unit.name] = n
            if opts.replace:
                swaps.append(
                    f"MOVE {_graph_ref(into)} TO {_graph_ref(unit.target)}"
                    if n
                    else f"DROP SILENT {_graph_ref(unit.target)}"
                )
        if opts.replace and opts.graphs == "per-article":
            keep = {u.name for u in units} | {str(ONTOLOGY_GRAPH)}
            for g in _stale_graphs(client, urls, keep):
                swaps.append(f"DROP SILENT GRAPH {g}")
                report.removed.append(g.value)
        if swaps:
            sent_any = any(s.startswith("MOVE") for s in swaps)
            purpose = (
                f"replace: swap {len(swaps)} target graph(s) in one update"
                if sent_any
                else "replace: clear the target (nothing to send)"
            )
            client.send("POST", urls.update, " ;\n".join(swaps).encode() + b"\n", _UPDATE, purpose)
        if opts.verify:
            report.counts = _count(client, urls, units)
            if not dry_run:
                _check_counts(report, sent, before, opts.replace)
    report.seconds = time.perf_counter() - start
    return report


def _units(st: KGStore, opts: PushOptions, target: ox.NamedNode | None) -> list[_Unit]:
    if opts.graphs == "merged":
        return [
            _Unit(
                target,
                lambda: sorted_lines(st, graphs="merged", include_ontology=opts.include_ontology),
            )
        ]
    return [
        _Unit(g, lambda g=g: graph_lines(st, g))  # type: ignore[misc]
        for g in store_graphs(st, include_ontology=opts.include_ontology)
    ]


def _check_counts(
    report: PushReport, sent: dict[str, int], before: dict[str, int], replace: bool
) -> None:
    bad = []
    for name, n in sent.items():
        found = report.counts.get(name, 0)
        if replace and found != n:
            bad.append(f"{name}: sent {n}, found {found}")
        if not replace and not (max(n, before.get(name, 0)) <= found <= before.get(name, 0) + n):
            bad.append(f"{name}: had {before.get(name, 0)}, sent {n}, found {found}")
    if bad:
        shown = "; ".join(bad[:3]) + (f"; and {len(bad) - 3} more" if len(bad) > 3 else "")
        raise PushError(
            f"the COUNT at {report.endpoints.query} does not match what was sent ({shown}): "
            "another writer may be using the same graphs, or the store's default graph is the "
            "union of its graphs (push into --graph IRI instead); --no-verify skips this check"
        )
