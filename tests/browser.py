"""A small Chrome DevTools Protocol driver for headless Chromium (tests and bench only).

Launches Debian's ``chromium`` on a loopback debugging port chosen by the browser
(``--remote-debugging-port=0``, read back from ``DevToolsActivePort``), attaches to its page
over a websocket, and records what the page does: every request it sends (``Network``),
console errors and uncaught exceptions (``Runtime``, ``Log``). The process is always killed.

Example::

    with Browser.launch() as b:
        b.open(path)
        b.evaluate("document.title")
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import websocket

__all__ = ["CHROMIUM", "Browser", "BrowserError", "chromium_path"]

CHROMIUM = "/usr/bin/chromium"
#: Talks to the debugging port directly, whatever proxy the environment names.
_LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class BrowserError(RuntimeError):
    """Chromium failed to start, or the page failed to answer."""


def chromium_path() -> str | None:
    """The Chromium executable, or ``None`` when it is not installed."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


@dataclass
class Browser:
    """A running headless Chromium with one page attached; use :meth:`launch`."""

    proc: subprocess.Popen[bytes]
    profile: Path
    ws: websocket.WebSocket
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @classmethod
    def launch(cls, *, width: int = 1400, height: int = 900, timeout: float = 30.0) -> Browser:
        """Start Chromium headless and attach to its first page.

        Raises
        ------
        BrowserError
            When Chromium is missing or does not open its debugging port within ``timeout``.
        """
        exe = chromium_path()
        if exe is None:
            raise BrowserError(f"chromium not found at {CHROMIUM} or on PATH")
        profile = Path(tempfile.mkdtemp(prefix="kg-chromium-"))
        args = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-extensions",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            "about:blank",
        ]
        proc = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            port = _wait_port(proc, profile / "DevToolsActivePort", timeout)
            ws_url = _page_ws(port, timeout)
            ws = websocket.create_connection(
                ws_url, timeout=timeout, suppress_origin=True, http_no_proxy=["127.0.0.1"]
            )
        except BaseException:
            _kill(proc)
            shutil.rmtree(profile, ignore_errors=True)
            raise
        b = cls(proc, profile, ws)
        for domain in ("Runtime", "Log", "Network", "Page"):
            b.send(f"{domain}.enable")
        b.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        return b

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the socket, kill Chromium and its children, remove the profile."""
        try:
            self.ws.close()
        finally:
            _kill(self.proc)
            shutil.rmtree(self.profile, ignore_errors=True)

    # ------------------------------------------------------------ protocol

    def send(self, method: str, timeout: float = 60.0, **params: Any) -> dict[str, Any]:
        """Call ``method`` and return its result; events met on the way are recorded."""
        msg_id = next(self._ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            msg = self._recv(deadline)
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise BrowserError(f"{method} failed: {msg['error']}")
                result: dict[str, Any] = msg.get("result", {})
                return result

    def _recv(self, deadline: float) -> dict[str, Any]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise BrowserError("Chromium did not answer in time")
        self.ws.settimeout(left)
        try:
            msg: dict[str, Any] = json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            raise BrowserError("Chromium did not answer in time") from None
        if "method" in msg:
            self._record(msg)
        return msg

    def _record(self, msg: dict[str, Any]) -> None:
        method, params = msg["method"], msg.get("params", {})
        self.events.append(msg)
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            self.errors.append(d.get("exception", {}).get("description") or d.get("text", ""))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append(
                " ".join(str(a.get("value", a.get("description"))) for a in params.get("args", []))
            )
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.errors.append(params["entry"].get("text", ""))

    def wait_event(self, method: str, timeout: float = 60.0) -> dict[str, Any]:
        """Wait for the next event named ``method`` (already recorded ones do not count)."""
        start = len(self.events)
        deadline = time.monotonic() + timeout
        while True:
            for msg in self.events[start:]:
                if msg["method"] == method:
                    return msg
            start = len(self.events)
            self._recv(deadline)

    # ------------------------------------------------------------ page

    def open(self, path: Path | str, timeout: float = 60.0) -> str:
        """Navigate to a local file and wait for its ``load`` event; returns its URL."""
        url = Path(path).resolve().as_uri()
        self.requests.clear()
        self.errors.clear()
        self.send("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired", timeout)
        return url

    def evaluate(self, expression: str, *, timeout: float = 60.0) -> Any:
        """The value of a JavaScript expression (promises awaited).

        Raises
        ------
        BrowserError
            When the expression throws.
        """
        res = self.send(
            "Runtime.evaluate",
            timeout=timeout,
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in res:
            d = res["exceptionDetails"]
            raise BrowserError(
                f"{expression!r} threw: {d.get('exception', {}).get('description', d)}"
            )
        return res["result"].get("value")

    def pump(self, seconds: float) -> None:
        """Let the page run for ``seconds`` while recording its events."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self._recv(deadline)
            except BrowserError:
                return

    def screenshot(self, path: Path | str) -> Path:
        """Save a PNG of the viewport."""
        data = self.send("Page.captureScreenshot", format="png")["data"]
        out = Path(path)
        out.write_bytes(base64.b64decode(data))
        return out


def _wait_port(proc: subprocess.Popen[bytes], file: Path, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BrowserError(f"chromium exited with code {proc.returncode} before starting")
        try:
            first = file.read_text().splitlines()[0]
            return int(first)
        except (OSError, IndexError, ValueError):
            time.sleep(0.05)
    raise BrowserError(f"chromium did not write {file} within {timeout:.0f} s")


def _page_ws(port: int, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _LOOPBACK.open(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
            targets = json.load(r)
        pages = [t for t in targets if t.get("type") == "page"]
        if pages:
            return str(pages[0]["webSocketDebuggerUrl"])
        time.sleep(0.05)
    raise BrowserError("chromium opened no page")


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
