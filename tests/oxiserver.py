"""Test helpers: a real Oxigraph server, and a small faulty / recording HTTP server.

:class:`OxigraphServer` is :class:`kg.query.oxigraph.OxigraphProcess` (``oxigraph serve`` on a
free loopback port, the ``oxigraph`` dev dependency) with a SELECT and a dump over HTTP.
:class:`FaultyServer` (stdlib only) sits in front of one, or stands alone and records: it can
answer 500 a given number of times, require a login (basic or digest), or drop connections
after some requests (and kill the server behind it, to simulate a crash mid-push).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from kg.query.oxigraph import OxigraphProcess, free_port, oxigraph_binary

__all__ = ["FaultyServer", "OxigraphServer", "Recorded", "free_port", "oxigraph_binary"]


class OxigraphServer(OxigraphProcess):
    """``oxigraph serve`` on a free loopback port, persisted in ``location``."""

    def __init__(self, location: Path, *, union_default_graph: bool = False) -> None:
        exe = oxigraph_binary()
        if exe is None:
            raise RuntimeError("the oxigraph CLI is not installed: pip install -e '.[dev]'")
        args = ["--union-default-graph"] if union_default_graph else []
        super().__init__(exe, location, args=args)

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT over HTTP; rows as ``{var: value}``."""
        req = urllib.request.Request(
            self.url + "/query",
            data=query.encode(),
            method="POST",
            headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json",
            },
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            doc = json.load(resp)
        return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]

    def dump_nquads(self) -> bytes:
        """Every quad on the server, as N-Quads (GSP GET of the whole dataset)."""
        req = urllib.request.Request(self.url + "/store", headers={"Accept": "application/n-quads"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            data: bytes = resp.read()
            return data


@dataclass(frozen=True)
class Recorded:
    """One request the faulty server received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class _Config:
    upstream: str | None
    fail_first: int = 0
    status: int | None = None
    drop_after: int | None = None
    on_drop: Callable[[], None] | None = None
    auth: tuple[str, str, str] | None = None
    count: int = 0
    requests: list[Recorded] = field(default_factory=list)
    served: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class FaultyServer:
    """A stdlib HTTP server that injects faults, proxying to ``upstream`` or recording.

    Parameters
    ----------
    upstream : str or None
        Base URL to forward to; ``None`` to answer locally (``204`` to writes, SPARQL JSON
        with ``?n = count`` to queries).
    fail_first : int
        Answer this many requests with 500 before behaving.
    status : int, optional
        Answer every request with this status.
    drop_after : int, optional
        After this many requests, close every connection without answering.
    on_drop : callable, optional
        Called once when the first connection is dropped (e.g. kill the upstream server).
    auth : (scheme, user, password), optional
        Require ``basic`` or ``digest`` authentication.
    """

    def __init__(self, upstream: str | None = None, **kw: object) -> None:
        self.config = _Config(upstream, **kw)  # type: ignore[arg-type]
        handler = type("Handler", (_Handler,), {"config": self.config})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def requests(self) -> list[Recorded]:
        """Requests received so far, in order."""
        return list(self.config.requests)

    def close(self) -> None:
        """Stop serving and free the port."""
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> FaultyServer:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


_NONCE = "c2a1f0d3e4b5"
_REALM = "conflict-kg-test"


class _Handler(BaseHTTPRequestHandler):
    config: _Config
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _handle(self) -> None:
        cfg = self.config
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = self._read_chunked()
        else:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        rec = Recorded(
            self.command,
            parts.path,
            parse_qs(parts.query, keep_blank_values=True),
            {k.lower(): v for k, v in self.headers.items()},
            body,
        )
        with cfg.lock:
            cfg.requests.append(rec)
            cfg.served += 1
            n = cfg.served
        if cfg.drop_after is not None and n > cfg.drop_after:
            if cfg.on_drop is not None:
                on_drop, cfg.on_drop = cfg.on_drop, None
                on_drop()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if cfg.status is not None:
            self._reply(cfg.status, b"refused by the test server\n", "text/plain")
            return
        if cfg.auth is not None and not self._authorised(cfg.auth):
            return
        if n <= cfg.fail_first:
            self._reply(500, b"transient failure injected by the test server\n", "text/plain")
            return
        if cfg.upstream is None:
            self._answer_locally(rec)
        else:
            self._proxy(rec)

    def _read_chunked(self) -> bytes:
        parts = []
        while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
            parts.append(self.rfile.read(size))
            self.rfile.readline()  # the CRLF after each chunk
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):  # trailers
            pass
        return b"".join(parts)

    do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815 (the base class's names)

    def _reply(
        self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _authorised(self, auth: tuple[str, str, str]) -> bool:
        scheme, user, password = auth
        header = self.headers.get("Authorization", "")
        if scheme == "basic":
            token = base64.b64encode(f"{user}:{password}".encode()).decode()
            if header == f"Basic {token}":
                return True
            challenge = f'Basic realm="{_REALM}"'
        else:
            if header.startswith("Digest ") and _digest_ok(header, self.command, user, password):
                return True
            challenge = f'Digest realm="{_REALM}", nonce="{_NONCE}", qop="auth", algorithm="MD5"'
        self._reply(401, b"login required\n", "text/plain", {"WWW-Authenticate": challenge})
        return False

    def _answer_locally(self, rec: Recorded) -> None:
        form = parse_qs(rec.body.decode("utf-8", "replace"))
        if "query" in form or rec.headers.get("content-type") == "application/sparql-query":
            text = form.get("query", [rec.body.decode("utf-8", "replace")])[0]
            values = re.search(r"VALUES \?g \{([^}]*)\}", text)
            graphs = re.findall(r"<([^>]*)>", values.group(1)) if values else [""]
            n = {"type": "literal", "value": str(self.config.count)}
            doc = {
                "head": {"vars": ["g", "n"]},
                "results": {
                    "bindings": [
                        {"g": {"type": "uri" if g else "literal", "value": g}, "n": n}
                        for g in graphs
                    ]
                },
            }
            self._reply(200, json.dumps(doc).encode(), "application/sparql-results+json")
        else:
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def _proxy(self, rec: Recorded) -> None:
        assert self.config.upstream is not None
        headers = {k: v for k, v in rec.headers.items() if k in ("content-type", "accept")}
        req = urllib.request.Request(
            self.config.upstream + self.path,
            data=rec.body if rec.body else None,
            headers=headers,
            method=rec.method,
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, data = resp.status, resp.read()
                ctype = resp.headers.get("Content-Type", "text/plain")
        except urllib.error.HTTPError as e:
            status, data = e.code, e.read()
            ctype = e.headers.get("Content-Type", "text/plain")
        self._reply(status, data, ctype)


def _digest_ok(header: str, method: str, user: str, password: str) -> bool:
    fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header[len("Digest ") :]))
    if fields.get("username") != user or fields.get("nonce") != _NONCE:
        return False

    def h(s: str) -> str:
        return hashlib.md5(s.encode()).hexdigest()

    ha1 = h(f"{user}:{_REALM}:{password}")
    ha2 = h(f"{method}:{fields.get('uri', '')}")
    expected = h(
        f"{ha1}:{_NONCE}:{fields.get('nc', '')}:{fields.get('cnonce', '')}:"
        f"{fields.get('qop', '')}:{ha2}"
    )
    return fields.get("response") == expected
