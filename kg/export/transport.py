"""The transport of ``kg push``: request bodies that stream, and a client that retries.

A body is one of three kinds:

- ``bytes``: a bounded chunk, held in memory (SPARQL Update requests, ``--chunk-size``);
- :class:`StreamBody`: the lines of a graph sent as they are produced, with chunked transfer
  encoding (for stores known to read chunked bodies: Oxigraph); memory stays flat;
- :class:`SpoolBody`: the same lines written to a temporary file first, then sent with a
  ``Content-Length`` (Virtuoso 7.2 answers 201 to a chunked ``PUT`` and stores nothing, so
  every store not tested with chunked bodies gets this one).

Both streamed kinds are re-read from their start on every attempt, so a retry (or a digest
login, which sends the request twice) sends the whole body again.

Time limits: connecting and every write of the body may wait ``timeout`` seconds for
progress (a large body may take as long as it needs while it moves); once the body is handed
to the network, the answer must arrive in full within ``timeout`` seconds (the server's
reading of the last few megabytes the network buffered included), however slowly the server
trickles it (the connection is then cut), and such a time-out is not retried.
``deadline`` bounds the whole push, retries and their waits included. An answer over
:data:`MAX_ANSWER_BYTES` is refused unread, and a redirect is refused with the URL it points
to (an upload is never re-sent elsewhere, and a redirect loop ends at the first answer).

Examples
--------
>>> body = StreamBody(lambda: iter([b"<urn:a> <urn:b> <urn:c> .\\n"] * 3), head=b"")
>>> data = b"".join(body)
>>> body.statements, body.bytes, data.count(b"\\n")
(3, 78, 3)
>>> spool = SpoolBody(lambda: iter([b"<urn:a> <urn:b> <urn:c> .\\n"] * 2))
>>> spool.statements, spool.bytes, len(b"".join(spool))
(2, 52, 52)
>>> spool.close()
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from kg.errors import PushError

if TYPE_CHECKING:
    from kg.export.profiles import Endpoints

__all__ = [
    "AUTH_SCHEMES",
    "MAX_ANSWER_BYTES",
    "Body",
    "Client",
    "PushRequest",
    "SpoolBody",
    "StreamBody",
]

#: bytes handed to the socket at once by the streamed bodies
BLOCK = 1 << 20
#: the largest answer read from the triplestore (its answers to a push are a few bytes)
MAX_ANSWER_BYTES = 16_000_000
#: ``--auth`` values: HTTP Basic (sent up front) or Digest (after the server's challenge)
AUTH_SCHEMES = ("basic", "digest")
#: bodies up to this size are sent without logging in first under digest authentication
_SMALL = 64 << 10


@dataclass(frozen=True)
class PushRequest:
    """One HTTP request of a push (sent, or planned by a dry run)."""

    method: str
    url: str
    purpose: str
    statements: int = 0
    bytes: int = 0


class StreamBody:
    """Lines sent as they are produced (chunked transfer encoding), between ``head`` and ``tail``.

    ``lines`` yields whole lines, one or many at a time. ``statements`` and ``bytes`` hold the
    figures of the last complete pass.
    """

    def __init__(
        self, lines: Callable[[], Iterable[bytes]], *, head: bytes = b"", tail: bytes = b""
    ) -> None:
        self.lines = lines
        self.head = head
        self.tail = tail
        self.statements = 0
        self.bytes = 0
        self._passes: list[Iterator[bytes]] = []

    def __iter__(self) -> Iterator[bytes]:
        it = self._pass()
        self._passes.append(it)
        return it

    def close(self) -> None:
        """Stop every unfinished pass (and what feeds it) after a failed request."""
        for it in self._passes:
            it.close()  # type: ignore[attr-defined]
        self._passes.clear()

    def _pass(self) -> Iterator[bytes]:
        n = size = 0
        if self.head:
            size += len(self.head)
            yield self.head
        for block, lines in _blocks(self.lines()):
            n += lines
            size += len(block)
            yield block
        if self.tail:
            size += len(self.tail)
            yield self.tail
        self.statements, self.bytes = n, size


class SpoolBody:
    """Lines written to a temporary file, then sent from it with a ``Content-Length``."""

    def __init__(self, lines: Callable[[], Iterable[bytes]]) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="kg-push-")  # noqa: SIM115 (closed by close())
        n = 0
        for block in _blocks(lines()):
            self.file.write(block[0])
            n += block[1]
        self.statements = n
        self.bytes = self.file.tell()

    def __iter__(self) -> Iterator[bytes]:
        self.file.seek(0)
        while block := self.file.read(BLOCK):
            yield block

    def close(self) -> None:
        """Remove the temporary file."""
        self.file.close()


def _blocks(lines: Iterable[bytes]) -> Iterator[tuple[bytes, int]]:
    """Non-empty blocks of about :data:`BLOCK` bytes, and the lines in each (an empty block
    would end a chunked body early)."""
    buf: list[bytes] = []
    size = 0
    for part in lines:
        buf.append(part)
        size += len(part)
        if size >= BLOCK:
            block = b"".join(buf)
            yield block, block.count(b"\n")
            buf, size = [], 0
    if size:
        block = b"".join(buf)
        yield block, block.count(b"\n")


Body = bytes | StreamBody | SpoolBody


class _Log(Protocol):
    """Where the client records its requests and retries (a :class:`PushReport`)."""

    requests: list[PushRequest]
    retries: int


class Client:
    """urllib with auth handlers, retries with backoff, and errors users can act on.

    Parameters
    ----------
    report : PushReport
        Receives every request (``requests``) and the number of retries (``retries``).
    urls : Endpoints
        The three URLs (their servers get the credentials).
    user, password, password_env, auth : str or None
        Login (``password_env`` only names the variable in messages); ``auth`` is
        ``"basic"`` (sent up front) or ``"digest"`` (after a challenge).
    retries, backoff, timeout : int, float, float
        Further attempts after a 5xx answer or a dropped connection; seconds before the first
        retry (doubled each time); seconds to wait for progress, and for the whole answer
        (module docstring).
    deadline : float or None
        Seconds the whole push may take; ``None``: no limit.
    dry_run : bool
        Record requests without sending them.
    hint_404 : str
        What a 404 message tells the user to check.
    """

    def __init__(
        self,
        report: _Log,
        urls: Endpoints,
        *,
        user: str | None,
        password: str | None,
        password_env: str | None,
        auth: str | None,
        retries: int,
        backoff: float,
        timeout: float,
        dry_run: bool,
        hint_404: str,
        sleep: Callable[[float], None] = time.sleep,
        deadline: float | None = None,
    ) -> None:
        self.report = report
        self.user, self.auth, self.password_env = user, auth, password_env
        self.retries, self.backoff, self.timeout = retries, backoff, timeout
        self.dry_run = dry_run
        self.hint_404 = hint_404
        self.sleep = sleep
        handlers: list[urllib.request.BaseHandler] = []
        self.digest: urllib.request.HTTPDigestAuthHandler | None = None
        if user is not None:
            roots = sorted({_root(u) for u in (urls.gsp, urls.query, urls.update)})
            if auth == "digest":
                dmgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                for root in roots:
                    dmgr.add_password(None, root, user, password or "")
                self.digest = urllib.request.HTTPDigestAuthHandler(dmgr)
                handlers.append(self.digest)
            else:
                bmgr = urllib.request.HTTPPasswordMgrWithPriorAuth()
                for root in roots:
                    bmgr.add_password(None, root, user, password or "", is_authenticated=True)
                handlers.append(urllib.request.HTTPBasicAuthHandler(bmgr))
        self.watch = _Watch()
        handlers += [_WatchedHTTP(self.watch), _WatchedHTTPS(self.watch), _NoRedirects()]
        self.opener = urllib.request.build_opener(*handlers)
        self.deadline = deadline
        self.ends = None if deadline is None else time.monotonic() + deadline

    def send(
        self,
        method: str,
        url: str,
        body: Body,
        content_type: str,
        purpose: str,
        *,
        statements: int = 0,
        accept: str | None = None,
    ) -> bytes:
        """Send one request (retrying as configured); the answer's body."""
        index = len(self.report.requests)
        self.report.requests.append(PushRequest(method, url, purpose, statements, _size(body)))
        if self.dry_run:
            if isinstance(body, StreamBody):
                for _ in body:  # a dry run still counts what would be sent
                    pass
                self._record(index, body)
            return b""
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        if isinstance(body, SpoolBody):
            headers["Content-Length"] = str(body.bytes)
        attempts = self.retries + 1
        reason = ""
        for attempt in range(attempts):
            if attempt:
                self.report.retries += 1
                self.sleep(min(self.backoff * 2 ** (attempt - 1), self._left(method, url)))
            seconds = min(self.timeout, self._left(method, url))
            req = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                if self.digest is not None and _size(body) > _SMALL:
                    self._answer_challenge(req, content_type, seconds)
                data = self._attempt(req, seconds, purpose)
                self._record(index, body)
                return data
            except _RetryableError as e:
                reason = str(e)
                continue
            finally:
                if isinstance(body, StreamBody):
                    body.close()
        raise PushError(
            f"{method} {url} failed after {attempts} attempt{'s' if attempts > 1 else ''} "
            f"({reason}): check that the triplestore is running and reachable at this address; "
            "running the same push again is safe"
        )

    def _attempt(self, req: urllib.request.Request, seconds: float, purpose: str) -> bytes:
        """One request; its answer complete within ``seconds`` of the body being sent."""
        method, url = req.get_method(), req.full_url
        with self.watch.limit(seconds):
            try:
                with self.opener.open(req, timeout=seconds) as resp:
                    data = self._answer(resp, method, url, purpose)
                if not self.watch.expired:  # an answer cut off by the watch may look whole
                    return data
            except urllib.error.HTTPError as e:
                detail = _excerpt(e)
                if not self.watch.expired:
                    if e.code >= 500:
                        raise _RetryableError(
                            f"HTTP {e.code}{': ' + detail if detail else ''}"
                        ) from None
                    raise self._refused(e.code, method, url, purpose, detail) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
                if not self.watch.expired and _reason(e) != "timed out":
                    raise _RetryableError(_reason(e)) from None
        raise PushError(
            f"{method} {url} ({purpose}) got no complete answer within {seconds:g} s "
            "(--timeout): the triplestore is not answering, or too slowly; check it, then run "
            "the same push again (it is safe) with a longer --timeout or a smaller --chunk-size"
        )

    def _answer(self, resp: http.client.HTTPResponse, method: str, url: str, purpose: str) -> bytes:
        limit = MAX_ANSWER_BYTES
        length = resp.headers.get("Content-Length") or ""
        data = b"" if length.isdigit() and int(length) > limit else resp.read(limit + 1)
        if len(data) > limit or (length.isdigit() and int(length) > limit):
            raise PushError(
                f"{method} {url} ({purpose}) answered with more than {limit:,} bytes; a "
                "triplestore answers a push in a few: check that the URL is the store's "
                "(--profile, --gsp-url, --query-url, --update-url)"
            )
        return data

    def _left(self, method: str, url: str) -> float:
        """Seconds left before the deadline (raises when none are)."""
        if self.ends is None:
            return float("inf")
        left = self.ends - time.monotonic()
        if left <= 0:
            raise PushError(
                f"the push ran out of its --deadline of {self.deadline:g} s before "
                f"{method} {url} was answered; check the triplestore, then run the same push "
                "again (it is safe) with a longer --deadline"
            )
        return left

    def _answer_challenge(
        self, req: urllib.request.Request, content_type: str, seconds: float
    ) -> None:
        """Log in before sending a large body under digest authentication.

        urllib answers a digest challenge by sending the request again, but Virtuoso closes
        the connection as it refuses the first, unauthenticated, one (a 27 MB ``PUT`` failed
        on every attempt). So a request without a body (refused, so it changes nothing) gets
        the challenge, and the large one goes once, with its answer.
        """
        assert self.digest is not None
        probe = urllib.request.Request(
            req.full_url, data=b"", headers={"Content-Type": content_type}, method=req.method
        )
        try:
            with urllib.request.build_opener(_NoRedirects()).open(probe, timeout=seconds):
                return  # no login asked: nothing to answer
        except urllib.error.HTTPError as e:
            challenge = e.headers.get("WWW-Authenticate", "") if e.code == 401 else ""
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            return  # the request itself will meet the same trouble, and report it
        scheme, _, rest = challenge.partition(" ")
        if scheme.lower() != "digest":
            return
        chal = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        answer = self.digest.get_authorization(req, chal)
        if answer:
            req.add_unredirected_header("Authorization", f"Digest {answer}")

    def _record(self, index: int, body: Body) -> None:
        if isinstance(body, StreamBody):
            r = self.report.requests[index]
            self.report.requests[index] = PushRequest(
                r.method, r.url, r.purpose, body.statements, body.bytes
            )

    def _refused(self, code: int, method: str, url: str, purpose: str, detail: str) -> PushError:
        if code == 401:
            if self.user is None:
                return PushError(
                    f"{url} requires a login (HTTP 401): pass --user U --password-env VAR "
                    "(the name of an environment variable holding the password)"
                )
            return PushError(
                f"{url} refused the login of user {self.user!r} (HTTP 401): check the user, "
                f"the password in ${self.password_env}, and --auth (sent {self.auth}; "
                "Virtuoso expects digest)"
            )
        if code == 403:
            return PushError(
                f"{url} forbids {method} (HTTP 403): check that the user may write to this "
                "store (Fuseki: start it with --update or grant write access; GraphDB: the "
                "user needs write access to the repository; Virtuoso: GRANT SPARQL_UPDATE)"
            )
        if code == 404:
            return PushError(f"{url} was not found (HTTP 404): {self.hint_404}")
        extra = " Use a smaller --chunk-size." if code == 413 else ""
        return PushError(
            f"{url} rejected the request to {purpose} (HTTP {code})"
            f"{': ' + detail if detail else ''}.{extra}"
        )


class _RetryableError(Exception):
    """A failure worth another attempt (a 5xx answer, a dropped connection); says which."""


class _Watch:
    """Cuts the connection of a request whose answer is not complete within its time (from
    the moment the body is sent), however slowly the server trickles it; ``expired`` then
    tells the request it timed out."""

    def __init__(self) -> None:
        self.expired = False
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._timer: threading.Timer | None = None
        self._seconds = 0.0

    def limit(self, seconds: float) -> contextlib.AbstractContextManager[None]:
        @contextlib.contextmanager
        def limited() -> Iterator[None]:
            self.expired, self._sock, self._seconds = False, None, seconds
            try:
                yield
            finally:
                if self._timer is not None:
                    self._timer.cancel()
                    self._timer = None

        return limited()

    def attach(self, conn: http.client.HTTPConnection) -> None:
        # the socket itself: urllib drops the connection's reference to it once the answer's
        # headers are read (the answer reads on through the same socket)
        with self._lock:
            self._sock = conn.sock

    def arm(self) -> None:
        """The body is sent: the answer must be complete in time (a digest login sends the
        request twice: the clock starts again)."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self._seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if self._sock is not None:
                with contextlib.suppress(OSError):
                    # Linux still delivers bytes that arrive after a shutdown: a trickled
                    # answer would go on being read, so every further read times out at once
                    self._sock.settimeout(0.001)
                    self._sock.shutdown(socket.SHUT_RDWR)


def _watched(base: type[http.client.HTTPConnection], watch: _Watch) -> Callable[..., Any]:
    """A connection class for urllib whose socket ``watch`` can cut once the body is sent."""

    def connection(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        conn = base(host, **kwargs)
        connect, getresponse = conn.connect, conn.getresponse

        def watched_connect() -> None:
            connect()
            watch.attach(conn)

        def watched_getresponse() -> http.client.HTTPResponse:
            watch.arm()
            return getresponse()

        conn.connect = watched_connect  # type: ignore[method-assign]
        conn.getresponse = watched_getresponse  # type: ignore[method-assign]
        return conn

    return connection


class _WatchedHTTP(urllib.request.HTTPHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection, self.watch), req)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            _watched(http.client.HTTPSConnection, self.watch),
            req,
            context=self._context,  # type: ignore[attr-defined]
        )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirected push is refused with where it points (an upload is not re-sent)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        raise PushError(
            f"{req.get_method()} {req.full_url} redirects to {newurl} (HTTP {code}); a push "
            "does not follow redirects: give the triplestore's own URL (or --gsp-url, "
            "--query-url, --update-url)"
        )


def _size(body: Body) -> int:
    return len(body) if isinstance(body, bytes) else body.bytes


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
