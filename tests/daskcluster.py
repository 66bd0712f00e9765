"""Test helper: a real Dask cluster on loopback: ``dask scheduler`` and ``dask worker``
processes (the ``distributed`` dev dependency) on free ports, stopped afterwards.

Workers run without a nanny, so the process a test kills is the worker itself (a nanny would
restart it), with one thread each, and import conflict-kg from this checkout.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from oxiserver import free_port

__all__ = ["DaskCluster"]

_ROOT = Path(__file__).resolve().parent.parent


class DaskCluster:
    """A scheduler on a free loopback port and ``workers`` worker processes."""

    def __init__(self, folder: Path, workers: int = 2) -> None:
        exe = Path(sys.executable).parent / "dask"
        if not exe.is_file():
            raise RuntimeError("the dask CLI is not installed: pip install -e '.[dev]'")
        self.exe = exe
        self.folder = folder
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        path = [str(_ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        self.env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
        self.workers: dict[str, subprocess.Popen[bytes]] = {}
        self.scheduler = self._start(
            "scheduler",
            ["scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard"],
        )
        try:
            for i in range(workers):
                self.add_worker(f"w{i}")
            self.wait_for(workers)
        except BaseException:
            self.stop()
            raise

    def _start(self, name: str, args: list[str]) -> subprocess.Popen[bytes]:
        log = (self.folder / f"dask-{name}.log").open("wb")
        with log:
            return subprocess.Popen(
                [str(self.exe), *args], stdout=log, stderr=subprocess.STDOUT, env=self.env
            )

    def add_worker(self, name: str) -> subprocess.Popen[bytes]:
        """Start one more worker process called ``name`` (call :meth:`wait_for` after)."""
        proc = self._start(
            name,
            [
                "worker",
                self.address,
                "--name",
                name,
                "--nthreads",
                "1",
                "--no-nanny",
                "--host",
                "127.0.0.1",
                "--no-dashboard",
            ],
        )
        self.workers[name] = proc
        return proc

    def info(self) -> dict[str, str]:
        """Worker name → address, as the scheduler knows them."""
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            ws = client.scheduler_info(n_workers=-1)["workers"]
        return {str(w["name"]): addr for addr, w in ws.items()}

    def wait_for(self, n: int, seconds: float = 120.0) -> None:
        """Wait until ``n`` workers are connected (a worker that exits fails at once)."""
        from distributed import Client

        deadline = time.monotonic() + seconds
        with Client(self.address, timeout="30s") as client:
            while len(client.scheduler_info(n_workers=-1)["workers"]) < n:
                for name, proc in [("scheduler", self.scheduler), *self.workers.items()]:
                    if proc.poll() is not None:
                        log = (self.folder / f"dask-{name}.log").read_text()[-800:]
                        raise RuntimeError(f"dask {name} exited: {log}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{n} Dask workers did not connect in {seconds} s")
                time.sleep(0.1)

    def kill(self, name: str) -> None:
        """Kill worker ``name`` at once (SIGKILL: no goodbye to the scheduler)."""
        self.workers[name].send_signal(signal.SIGKILL)
        self.workers[name].wait()

    def stop(self) -> None:
        """Stop every worker, then the scheduler; nothing is left running."""
        procs = [*self.workers.values(), self.scheduler]
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
