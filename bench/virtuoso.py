"""Bench and test helper: a real OpenLink Virtuoso 7 (Debian's ``virtuoso-opensource``) on loopback.

:class:`VirtuosoServer` writes a ``virtuoso.ini`` of its own into a throwaway folder (database,
log and lock files there too, SQL and HTTP ports free on 127.0.0.1), runs ``virtuoso-t -f -c
virtuoso.ini``, waits until the HTTP server answers, and grants ``SPARQL_UPDATE`` with
``isql-vt``: to the anonymous ``SPARQL`` user (so ``/sparql`` and ``/sparql-graph-crud``
accept writes without a login, as the kill test's proxy needs) and to a user ``kgpush`` (for
the digest-protected ``/sparql-auth`` and ``/sparql-graph-crud-auth`` that ``--profile
virtuoso`` uses). This is the recipe of docs/triplestores.md.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from urllib.parse import urlencode

__all__ = ["PASSWORD", "USER", "VirtuosoServer", "virtuoso_binary"]

USER = "kgpush"
PASSWORD = "kg-test-only"  # a throwaway database on loopback


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binary() -> str | None:
    """``virtuoso-t`` if it and ``isql-vt`` are installed (package ``virtuoso-opensource``)."""
    exe = shutil.which("virtuoso-t")
    return exe if exe and shutil.which("isql-vt") else None


class VirtuosoServer:
    """``virtuoso-t`` on free loopback ports with its database in ``folder``."""

    def __init__(self, folder: Path) -> None:
        exe = virtuoso_binary()
        if exe is None:
            raise RuntimeError("virtuoso-t is not installed: apt-get install virtuoso-opensource")
        self.exe = exe
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.ini = folder / "virtuoso.ini"
        self.ini.write_text(_INI.format(d=folder, sql=self.sql_port, http=self.http_port))
        self.start()
        self.isql(
            f"DB.DBA.USER_CREATE('{USER}', '{PASSWORD}'); GRANT SPARQL_UPDATE TO \"{USER}\"; "
            'GRANT SPARQL_UPDATE TO "SPARQL";'
        )

    def start(self, seconds: float = 60.0) -> None:
        """Start the server (again, on the same database) and wait until it answers."""
        with (self.folder / "stdout.log").open("ab") as log:
            self.proc = subprocess.Popen(
                [self.exe, "-f", "-c", str(self.ini)],
                cwd=self.folder,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited: {self._log_tail()}")
            try:
                self.select("ASK { ?s ?p ?o }")
                return
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"virtuoso-t did not answer on {self.url} in {seconds} s")

    def _log_tail(self) -> str:
        log = self.folder / "virtuoso.log"
        return log.read_text(errors="replace")[-800:] if log.exists() else ""

    def isql(self, sql: str) -> str:
        """Run SQL statements as ``dba`` (default password of a new database) with ``isql-vt``."""
        res = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={sql}"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if res.returncode != 0 or "*** Error" in res.stdout + res.stderr:
            raise RuntimeError(f"isql-vt failed: {res.stdout[-500:]} {res.stderr[-500:]}")
        return res.stdout

    def select(self, query: str) -> list[dict[str, str]]:
        """A SELECT (or ASK: ``[{"boolean": ...}]``) over HTTP; rows as ``{var: value}``."""
        req = urllib.request.Request(
            self.url + "/sparql",
            data=urlencode({"query": query}).encode(),
            method="POST",
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(req, timeout=120) as resp:
            doc = json.load(resp)
        if "boolean" in doc:
            return [{"boolean": str(doc["boolean"])}]
        return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]

    def update(self, text: str) -> None:
        """A SPARQL Update on ``/sparql`` (the anonymous user may write: granted above)."""
        req = urllib.request.Request(
            self.url + "/sparql",
            data=urlencode({"update": text}).encode(),
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=120):
            pass

    def graphs(self, prefixes: tuple[str, ...]) -> dict[str, int]:
        """Triples in each graph whose IRI starts with one of ``prefixes``."""
        cond = " || ".join(f'STRSTARTS(STR(?g), "{p}")' for p in prefixes)
        rows = self.select(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({cond}) }} "
            "GROUP BY ?g"
        )
        return {r["g"]: int(r["n"]) for r in rows}

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        """Stop the server."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> VirtuosoServer:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
