"""A read-only SPARQL 1.1 protocol endpoint over a conflict-kg store (``kg serve``).

Two engines give the same endpoint at ``http://HOST:PORT/query``:

- ``oxigraph``: the ``oxigraph`` command-line server (``oxigraph serve-read-only
  --cors``), used when its binary is installed (``pip install
  oxigraph``, part of the ``dev`` extra). It also serves the YASGUI query page at ``/``.
- ``python``: a small standard-library server over :class:`kg.rdf.store.KGStore` opened
  read-only: GET or POST queries (form-encoded or ``application/sparql-query``), results
  as SPARQL JSON, XML, CSV or TSV by ``Accept`` (JSON by default), graphs as Turtle or
  N-Triples, and the ``Access-Control-Allow-Origin: *`` header so YASGUI can connect.
  It refuses updates.

Both answer queries over the union of the store's graphs, like ``kg query``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError, QueryError, StoreError

if TYPE_CHECKING:
    from kg.rdf.store import KGStore

__all__ = ["ENGINES", "SparqlServer", "oxigraph_binary", "start_server"]

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


def oxigraph_binary() -> str | None:
    """Path of the ``oxigraph`` server binary: beside this Python, or on ``PATH``."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")


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


class _OxigraphServer(SparqlServer):
    engine = "oxigraph"

    def __init__(self, binary: str, store: Path, host: str, port: int, timeout: float) -> None:
        self.host, self.port = host, port
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        self._proc = subprocess.Popen(
            [
                binary,
                "serve-read-only",
                "--location",
                str(store),
                "--bind",
                f"{host}:{port}",
                "--cors",
            ],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while True:
            if self._proc.poll() is not None:
                self._log.seek(0)
                msg = self._log.read().decode("utf-8", "replace").strip().splitlines()
                self._log.close()
                why = msg[-1] if msg else f"exit status {self._proc.returncode}"
                raise StoreError(
                    f"the oxigraph server could not start on {host}:{port}: {why}. "
                    "Is the port in use? Try another --port"
                )
            try:
                with socket.create_connection((host, port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise StoreError(
                        f"the oxigraph server did not start listening on {host}:{port} "
                        f"within {timeout:g} s"
                    ) from None
                time.sleep(0.05)

    def wait(self) -> None:
        self._proc.wait()

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if not self._log.closed:
            self._log.close()


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


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the library never prints."""

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        if url.path == "/" and "query" not in params:
            self._error(200, "conflict-kg read-only SPARQL endpoint: send queries to /query")
            return
        self._answer(url.path, params)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
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
        from kg.query.formats import format_result
        from kg.query.run import run_query

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
            with self.server.lock:
                result = run_query(queries[0], self.server.store, name="the query")
            fmt, ctype = _negotiate(self.headers.get("Accept", ""), result.graph is not None)
            if result.graph is not None:
                text = result.graph.serialize(format=fmt)
            elif fmt == "tsv" or fmt == "csv" or result.form == "SELECT":
                text = format_result(result, fmt)
            else:
                text = format_result(result, fmt if fmt in ("json", "xml") else "json")
        except QueryError as e:
            status = 403 if "SPARQL Update" in str(e) else 400
            self._error(status, str(e))
            return
        except KGError as e:
            self._error(500, str(e))
            return
        self._send(200, text.encode("utf-8"), ctype)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr: tuple[str, int], store: KGStore) -> None:
        family = socket.AF_INET6 if ":" in addr[0] else socket.AF_INET
        self.address_family = family
        super().__init__(addr, _Handler)
        self.store = store
        self.lock = threading.Lock()


class _PythonServer(SparqlServer):
    engine = "python"

    def __init__(self, store: Path, host: str, port: int) -> None:
        from kg.rdf.store import KGStore

        self._store = KGStore(store, read_only=True, must_exist=True)
        try:
            self._httpd = _HTTPServer((host, port), self._store)
        except OSError as e:
            self._store.close()
            raise StoreError(
                f"cannot listen on {host}:{port}: {e.strerror or e}; try another --port"
            ) from None
        self.host = host
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self._stopped = False

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
        self._store.close()


def start_server(
    store: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    engine: str = "auto",
    timeout: float = 20.0,
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
    if binary is not None:
        if port == 0:
            with socket.socket() as s:
                s.bind((host, 0))
                port = int(s.getsockname()[1])
        return _OxigraphServer(binary, store, host, port, timeout)
    return _PythonServer(store, host, port)
