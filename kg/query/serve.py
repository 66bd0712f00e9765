"""A read-only SPARQL 1.1 protocol endpoint over a conflict-kg store (``kg serve``).

Two engines give the same endpoint at ``http://HOST:PORT/query``:

- ``oxigraph``: the ``oxigraph`` command-line server (``oxigraph serve-read-only``), used
  when its binary is installed (``pip install oxigraph``, part of the ``dev`` extra). It
  listens on a private loopback port behind the front described below, and also serves the
  YASGUI query page at ``/``.
- ``python``: a small standard-library server over :class:`kg.rdf.store.KGStore` opened
  read-only: GET or POST queries (form-encoded or ``application/sparql-query``), results
  as SPARQL JSON, XML, CSV or TSV by ``Accept`` (JSON by default), graphs as Turtle or
  N-Triples.

Both answer queries over the union of the store's graphs, like ``kg query``, behind the same
front (a standard-library HTTP server) that guards the endpoint:

- updates are refused (403); ``SERVICE`` is refused unless ``allow_service``;
- a query over :data:`~kg.query.sparql.MAX_QUERY_CHARS` characters or nested over
  :data:`~kg.query.sparql.MAX_NESTING` brackets deep is refused (400) before any engine
  parses it (a deeply nested query used to crash the Oxigraph server);
- a query is stopped after ``query_timeout`` seconds (default 60; 503);
- the ``Host`` header must name this machine (``localhost``, an IP address, the bind
  address, the machine's name) or one of ``allow_hosts``: a web page cannot reach the
  endpoint through DNS rebinding (421 otherwise);
- no ``Access-Control-Allow-Origin`` header unless the request's ``Origin`` is one of
  ``cors`` (``kg serve --cors https://yasgui.example.org``): never a wildcard;
- one bad request (a malformed header, a body too large, an engine error) is answered with
  an error status and the server goes on; an Oxigraph engine that stops is restarted.
"""

from __future__ import annotations

import contextlib
import ipaddress
import math
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError, QueryError, StoreError
from kg.query.oxigraph import OxigraphProcess, oxigraph_binary
from kg.query.sparql import MAX_QUERY_CHARS, check_service, check_size

if TYPE_CHECKING:
    from kg.rdf.store import KGStore

__all__ = ["ENGINES", "ServeOptions", "SparqlServer", "start_server"]

#: ``--engine`` values: ``auto`` picks ``oxigraph`` when its binary is installed.
ENGINES = ("auto", "oxigraph", "python")

_RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_CONTENT_TYPE = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}


#: bytes of a POST body read at most (a query is at most MAX_QUERY_CHARS characters)
MAX_BODY = 4 * MAX_QUERY_CHARS + 1024


@dataclass(frozen=True)
class ServeOptions:
    """How the endpoint guards itself (see the module docstring).

    Attributes
    ----------
    query_timeout : float
        Seconds a query may run before it is stopped (``kg serve --timeout``).
    cors : tuple of str
        Origins (``https://host[:port]``) whose pages may read answers (``--cors``).
    allow_hosts : tuple of str
        Host names accepted in the ``Host`` header besides this machine's (``--allow-host``).
    allow_service : bool
        Let ``SERVICE`` clauses call other servers (``--allow-service``).
    """

    query_timeout: float = 60.0
    cors: tuple[str, ...] = ()
    allow_hosts: tuple[str, ...] = ()
    allow_service: bool = False


class SparqlServer:
    """A running endpoint. ``url`` is its SPARQL query URL; :meth:`stop` ends it."""

    engine: str = ""
    host: str = ""
    port: int = 0

    @property
    def url(self) -> str:
        """The SPARQL query URL (``http://HOST:PORT/query``)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/query"

    def wait(self) -> None:
        """Block until the server stops."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop the server and release the store."""
        raise NotImplementedError

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Backend:
    """The ``oxigraph serve-read-only`` process behind the front, on a private loopback port;
    restarted when it stops."""

    def __init__(self, binary: str, store: Path, timeout: float, query_timeout: float) -> None:
        self.binary, self.store, self.timeout = binary, store, timeout
        self.query_timeout = query_timeout
        self.lock = threading.Lock()
        self.restarts = 0
        self._start()

    def _start(self) -> None:
        self._proc = OxigraphProcess(
            self.binary,
            self.store,
            read_only=True,
            args=("--timeout-s", str(max(1, math.ceil(self.query_timeout)))),
            timeout=self.timeout,
        )

    def url(self, path: str) -> str:
        return self._proc.url + path

    def revive(self, force: bool = False) -> bool:
        """Restart the server if it has stopped (or at once with ``force``: a query that
        outlived its time-out is still running); True when it was restarted."""
        with self.lock:
            if self._proc.running and not force:
                return False
            self.stop()
            self.restarts += 1
            self._start()
            return True

    def stop(self) -> None:
        self._proc.stop()


def _negotiate(accept: str, graph: bool) -> tuple[str, str]:
    """(rdflib or kg format, content type) for an ``Accept`` header."""
    types = [t.split(";")[0].strip().lower() for t in accept.split(",") if t.strip()]
    if graph:
        if "application/n-triples" in types and "text/turtle" not in types:
            return "nt", "application/n-triples; charset=utf-8"
        return "turtle", "text/turtle; charset=utf-8"
    for t in types:
        if t in _RESULT_TYPES:
            fmt = _RESULT_TYPES[t]
            return fmt, _CONTENT_TYPE[fmt]
    return "json", _CONTENT_TYPE["json"]


_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class _Handler(BaseHTTPRequestHandler):
    """The front: checks every request (module docstring), then :meth:`_run` answers it."""

    server: _HTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the library never prints."""

    # -- checks -----------------------------------------------------------------------
    def _host_allowed(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        if host.startswith("["):  # [::1]:7878
            name = host[1 : host.find("]")] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        if not name:
            return False
        try:
            ipaddress.ip_address(name)
            return True  # an address: not a name someone else's DNS can point here
        except ValueError:
            pass
        return name in _LOCAL_NAMES or name in self.server.host_names

    def _cors(self) -> None:
        origin = self.headers.get("Origin")
        if origin and origin in self.server.options.cors:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self._cors()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _guarded(self, answer: Any) -> None:
        """Run ``answer()`` after the Host check; any failure is one error answer."""
        try:
            if not self._host_allowed():
                self.close_connection = True
                self._error(
                    421,
                    f"Host {self.headers.get('Host')!r} is not this server: use its address, "
                    "or start kg serve with --allow-host NAME",
                )
                return
            answer()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as e:  # one bad request never stops the server
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._error(500, f"internal error: {type(e).__name__}: {e}")

    # -- methods ----------------------------------------------------------------------
    def do_OPTIONS(self) -> None:
        def answer() -> None:
            self.send_response(204)
            self._cors()
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Content-Length", "0")
            self.end_headers()

        self._guarded(answer)

    def do_GET(self) -> None:
        def answer() -> None:
            url = urllib.parse.urlsplit(self.path)
            params = urllib.parse.parse_qs(url.query)
            if "query" not in params and "update" not in params:
                self._page(url.path)
                return
            self._answer(url.path, params)

        self._guarded(answer)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def _post(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True  # the body is not read
            self._error(
                413 if length > MAX_BODY else 400,
                f"the request body must have a Content-Length of at most {MAX_BODY:,} bytes",
            )
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-query":
            params = {"query": [body]}
        elif ctype == "application/sparql-update":
            params = {"update": [body]}
        else:
            params = urllib.parse.parse_qs(body)
        self._answer(url.path, params)

    def _answer(self, path: str, params: dict[str, list[str]]) -> None:
        if path not in ("/query", "/"):
            self._error(404, f"no such resource {path}: send SPARQL queries to /query")
            return
        if "update" in params:
            self._error(403, "this endpoint is read-only: updates are refused")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._error(400, "give exactly one 'query' parameter")
            return
        try:
            check_size(queries[0], "the query")
            check_service(queries[0], self.server.options.allow_service, "the query")
        except QueryError as e:
            self._error(403 if "SERVICE" in str(e) else 400, str(e))
            return
        self._run(queries[0])

    def _page(self, path: str) -> None:
        if path == "/":
            self._error(200, "conflict-kg read-only SPARQL endpoint: send queries to /query")
        else:
            self._error(404, f"no such resource {path}: send SPARQL queries to /query")

    def _run(self, query: str) -> None:
        raise NotImplementedError


class _StoreHandler(_Handler):
    """The ``python`` engine: queries run on the store opened read-only."""

    def _run(self, query: str) -> None:
        from kg.query.formats import format_result
        from kg.query.run import Target, run_query

        options = self.server.options
        assert self.server.store is not None
        target = Target(
            store=self.server.store,
            timeout=options.query_timeout,
            allow_service=options.allow_service,
        )
        try:
            with self.server.lock:
                result = run_query(query, target, name="the query")
            fmt, ctype = _negotiate(self.headers.get("Accept", ""), result.graph is not None)
            if result.graph is not None:
                text = result.graph.serialize(format=fmt)
            elif fmt == "tsv" or fmt == "csv" or result.form == "SELECT":
                text = format_result(result, fmt)
            else:
                text = format_result(result, fmt if fmt in ("json", "xml") else "json")
        except QueryError as e:
            status = 403 if "SPARQL Update" in str(e) else 400
            self._error(503 if "--timeout" in str(e) else status, str(e))
            return
        except KGError as e:
            self._error(500, str(e))
            return
        self._send(200, text.encode("utf-8"), ctype)


class _ProxyHandler(_Handler):
    """The ``oxigraph`` engine: checked requests go on to the Oxigraph server."""

    def _run(self, query: str) -> None:
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        self._forward("/query", body, headers)

    def _page(self, path: str) -> None:
        self._forward(self.path, None, {})

    def _forward(self, path: str, body: bytes | None, headers: dict[str, str]) -> None:
        backend = self.server.backend
        assert backend is not None
        accept = self.headers.get("Accept")
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(backend.url(path), data=body, headers=headers)
        seconds = self.server.options.query_timeout
        try:
            # Oxigraph's own time-out does not stop every query: wait a little longer, then
            # restart it, which stops the query for good
            resp = urllib.request.urlopen(req, timeout=seconds + 2)
        except urllib.error.HTTPError as e:
            resp = e
        except (urllib.error.URLError, OSError) as e:
            if isinstance(e, TimeoutError) or isinstance(getattr(e, "reason", None), TimeoutError):
                backend.revive(force=True)
                self._error(
                    503,
                    f"the query was stopped after {seconds:g} s (--timeout); narrow it (more "
                    "specific patterns, LIMIT) or start kg serve with a longer --timeout",
                )
            elif backend.revive():
                self._error(502, "the query engine stopped on this request and was restarted")
            else:
                self._error(502, f"the query engine failed: {e}")
            return
        with resp:
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.headers.get("Content-Type", "text/plain"))
            self.send_header("Connection", "close")
            self._cors()
            self.end_headers()
            self.close_connection = True
            while chunk := resp.read(65536):
                self.wfile.write(chunk)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        addr: tuple[str, int],
        handler: type[_Handler],
        options: ServeOptions,
        store: KGStore | None = None,
        backend: _Backend | None = None,
    ) -> None:
        family = socket.AF_INET6 if ":" in addr[0] else socket.AF_INET
        self.address_family = family
        super().__init__(addr, handler)
        self.options = options
        self.store = store
        self.backend = backend
        self.lock = threading.Lock()
        names = {addr[0].lower(), socket.gethostname().lower(), socket.getfqdn().lower()}
        self.host_names = names | {h.lower() for h in options.allow_hosts}

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a broken connection is the client's business (the library never prints)."""


class _FrontServer(SparqlServer):
    """The front on ``host:port`` (both engines), with the store or the Oxigraph server."""

    def __init__(
        self,
        host: str,
        port: int,
        options: ServeOptions,
        *,
        store: Path | None = None,
        backend: _Backend | None = None,
    ) -> None:
        from kg.rdf.store import KGStore

        self.engine = "python" if backend is None else "oxigraph"
        self._store = KGStore(store, read_only=True, must_exist=True) if store else None
        self._backend = backend
        handler = _StoreHandler if backend is None else _ProxyHandler
        try:
            self._httpd = _HTTPServer((host, port), handler, options, self._store, backend)
        except OSError as e:
            self._release()
            raise StoreError(
                f"cannot listen on {host}:{port}: {e.strerror or e}; try another --port"
            ) from None
        self.host = host
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self._stopped = False

    def _release(self) -> None:
        if self._store is not None:
            self._store.close()
        if self._backend is not None:
            self._backend.stop()

    def wait(self) -> None:
        while self._thread.is_alive():
            self._thread.join(0.2)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
        self._release()


def start_server(
    store: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    engine: str = "auto",
    timeout: float = 20.0,
    options: ServeOptions | None = None,
) -> SparqlServer:
    """Start a read-only SPARQL endpoint over ``store``; returns once it listens.

    Parameters
    ----------
    store : Path
        A conflict-kg store folder.
    host, port : str, int
        Where to listen (``port=0`` picks a free port with the ``python`` engine).
    engine : {"auto", "oxigraph", "python"}
        See the module documentation.
    timeout : float
        Seconds to wait for the ``oxigraph`` server to listen.
    options : ServeOptions, optional
        Query time-out, CORS origins, extra host names, SERVICE (default: 60 s, none,
        none, refused).

    Raises
    ------
    StoreError
        When the store does not exist, the port cannot be used, or ``engine="oxigraph"``
        and its binary is not installed.
    """
    if engine not in ENGINES:
        raise StoreError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    store = Path(store)
    if not (store / "CURRENT").exists():
        raise StoreError(
            f"no conflict-kg store at {store}: build one first with "
            f"'kg build ARTICLES --store {store}', or pass --store DIR"
        )
    from kg.rdf.store import check_finished

    check_finished(store)  # a build is writing it, or stopped half-way
    binary = oxigraph_binary() if engine != "python" else None
    if engine == "oxigraph" and binary is None:
        raise StoreError(
            "the oxigraph server binary is not installed: 'pip install oxigraph', "
            "or use --engine python"
        )
    options = options if options is not None else ServeOptions()
    if binary is not None:
        backend = _Backend(binary, store, timeout, options.query_timeout)
        return _FrontServer(host, port, options, backend=backend)
    return _FrontServer(host, port, options, store=store)
