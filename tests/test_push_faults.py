"""``kg push`` against misbehaving servers: silent, trickling, huge, redirecting in a loop,
always failing. Each push gives up with a message naming the URL and what it waited for.

The servers are raw sockets on loopback; the time-outs are small, so every test is bounded.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.export.transport as transport
from kg.cli import cli
from kg.errors import PushError
from kg.export.push import PushOptions, push

Behaviour = Callable[[socket.socket, int], None]


def _read_request(sock: socket.socket) -> bytes:
    """Read one request's head and body (by Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _sep, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _c, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head


def silent(sock: socket.socket, port: int) -> None:
    _read_request(sock)
    sock.recv(1)  # until the client gives up


def trickling(sock: socket.socket, port: int) -> None:
    _read_request(sock)
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n")
    for _ in range(1000):
        sock.sendall(b"x")
        time.sleep(0.2)


def trickling_headers(sock: socket.socket, port: int) -> None:
    _read_request(sock)
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 1000:
        sock.sendall(bytes([byte]))
        time.sleep(0.2)


def huge(sock: socket.socket, port: int) -> None:
    _read_request(sock)
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")  # no length
    for _ in range(100):
        sock.sendall(b"z" * 10_000)


def huge_declared(sock: socket.socket, port: int) -> None:
    _read_request(sock)
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 900000000000\r\n\r\n" + b"z" * 1000)


def redirect_loop(sock: socket.socket, port: int) -> None:
    head = _read_request(sock)
    path = head.split(b" ")[1].decode()
    sock.sendall(
        f"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:{port}{path}\r\n"
        "Content-Length: 0\r\n\r\n".encode()
    )


def failing(sock: socket.socket, port: int) -> None:
    _read_request(sock)
    sock.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy")


@pytest.fixture
def serve(request: pytest.FixtureRequest) -> Iterator[Callable[[Behaviour], str]]:
    servers: list[socketserver.ThreadingTCPServer] = []

    def start(behaviour: Behaviour) -> str:
        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with contextlib.suppress(OSError):  # the client hung up
                    behaviour(self.request, port)

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


OPTS = PushOptions(timeout=1.0, retries=0, verify=False)


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        (silent, "got no complete answer within 1 s (--timeout)"),
        (trickling, "got no complete answer within 1 s (--timeout)"),
        (trickling_headers, "got no complete answer within 1 s (--timeout)"),
        (huge_declared, "answered with more than 16,000,000 bytes"),
        (redirect_loop, "a push does not follow redirects"),
    ],
    ids=["silent", "trickling", "trickling-headers", "huge-declared", "redirect-loop"],
)
def test_push_gives_up_with_a_message(
    serve: Callable[[Behaviour], str], store_path: Path, behaviour: Behaviour, message: str
) -> None:
    url = serve(behaviour)
    with pytest.raises(PushError) as err:
        push(store_path, url, OPTS)
    text = str(err.value)
    assert message in text
    assert url in text  # names where it waited


def test_huge_answer_is_not_read_whole(
    serve: Callable[[Behaviour], str], store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transport, "MAX_ANSWER_BYTES", 50_000)
    url = serve(huge)
    with pytest.raises(PushError, match="answered with more than 50,000 bytes"):
        push(store_path, url, OPTS)


def test_timeout_is_not_retried_but_a_503_is(
    serve: Callable[[Behaviour], str], store_path: Path
) -> None:
    url = serve(failing)
    opts = PushOptions(timeout=1.0, retries=2, backoff=0.01, verify=False)
    with pytest.raises(PushError, match=r"failed after 3 attempts \(HTTP 503: busy\)"):
        push(store_path, url, opts)


def test_deadline_ends_the_retries(serve: Callable[[Behaviour], str], store_path: Path) -> None:
    url = serve(failing)
    opts = PushOptions(timeout=1.0, retries=1000, backoff=0.05, deadline=0.5, verify=False)
    with pytest.raises(PushError, match=r"the push ran out of its --deadline of 0\.5 s before"):
        push(store_path, url, opts)


def test_cli_timeout_option(serve: Callable[[Behaviour], str], store_path: Path) -> None:
    url = serve(silent)
    result = CliRunner().invoke(
        cli,
        ["push", url, "--store", str(store_path), "--timeout", "0.5", "--retries", "0"],
    )
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Error: POST {url}/query (count the triples in 1 target graph(s)) got no complete "
        "answer within 0.5 s (--timeout): the triplestore is not answering, or too slowly"
    )
    assert "Traceback" not in result.output
