"""The ``oxigraph`` server binary as a child process on a free loopback port.

:class:`OxigraphProcess` starts ``oxigraph serve`` (or ``serve-read-only``) on
``127.0.0.1`` and a port free at that moment, waits until it listens, and stops it:
``kg serve --engine oxigraph`` runs its queries there, the tests push to it and the bench
loads it. The binary comes with ``pip install oxigraph`` (the ``dev`` extra).

Examples
--------
>>> port = free_port()
>>> 0 < port < 65536
True
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from kg.errors import StoreError

__all__ = ["OxigraphProcess", "free_port", "oxigraph_binary"]

#: the address every server started here listens on
LOOPBACK = "127.0.0.1"


def oxigraph_binary() -> str | None:
    """Path of the ``oxigraph`` server binary: beside this Python, or on ``PATH``."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")


def free_port() -> int:
    """A TCP port free on the loopback address right now."""
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        port: int = s.getsockname()[1]
        return port


class OxigraphProcess:
    """``oxigraph serve --location DIR`` on a free loopback port, started and waited for.

    Parameters
    ----------
    binary : str or Path
        The ``oxigraph`` command (:func:`oxigraph_binary`).
    location : Path
        The store folder it serves.
    read_only : bool
        ``serve-read-only`` rather than ``serve``.
    args : sequence of str
        More options (``--union-default-graph``, ``--timeout-s 60``).
    timeout : float
        Seconds to wait for it to listen.

    Raises
    ------
    StoreError
        When it exits before listening (with the last line it wrote) or does not listen
        within ``timeout`` seconds.
    """

    def __init__(
        self,
        binary: str | Path,
        location: Path,
        *,
        read_only: bool = False,
        args: Sequence[str] = (),
        timeout: float = 30.0,
    ) -> None:
        self.location = location
        self.port = free_port()
        #: base URL (``http://127.0.0.1:PORT``): ``/query``, ``/update``, ``/store`` below it
        self.url = f"http://{LOOPBACK}:{self.port}"
        command = "serve-read-only" if read_only else "serve"
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        self.proc = subprocess.Popen(
            [str(binary), command, "--location", str(location), "--bind", self.url[7:], *args],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait(timeout)

    def _wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                lines = [line.strip() for line in self.output().splitlines() if line.strip()]
                self.stop()
                # its error line, not the stack backtrace printed after it
                last = lines[-1] if lines else f"exit status {self.proc.returncode}"
                why = next((x for x in lines if x.startswith("Error")), last)
                raise StoreError(f"the oxigraph server could not start: {why}")
            try:
                with socket.create_connection((LOOPBACK, self.port), timeout=0.5):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise StoreError(
                        f"the oxigraph server did not start listening within {timeout:g} s"
                    ) from None
                time.sleep(0.05)

    @property
    def running(self) -> bool:
        """True until the process has ended."""
        return self.proc.poll() is None

    def output(self) -> str:
        """What the server has written so far (standard output and error)."""
        if self._log.closed:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would."""
        if self.running:
            self.proc.kill()
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s) and close its log."""
        if self.running:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        if not self._log.closed:
            self._log.close()

    def __enter__(self) -> OxigraphProcess:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
