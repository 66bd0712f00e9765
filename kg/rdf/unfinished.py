"""The mark a build leaves in a store folder until it commits (``KG-UNFINISHED``; an update
and a repair of the merged default graph leave it too while they write), and the refusal
readers give while it is there, naming what wrote and how to finish the store: re-run the
build, or, when an update or a repair stopped (the named graphs whole, the merged default
graph perhaps not), ``kg repair`` (see :mod:`kg.rdf.store`)."""

from __future__ import annotations

import datetime
import json
import os
import shlex
import socket
from pathlib import Path

from kg.errors import StoreError

__all__ = ["UNFINISHED", "check_finished", "mark_unfinished", "repair_command"]

#: the file a build leaves in the store folder until it commits
UNFINISHED = "KG-UNFINISHED"
#: who may leave the mark: what the messages call it, and the command that runs it
_WRITERS = {
    "build": ("a build", None),
    "update": ("an update", "kg query --update"),
    "repair": ("a repair of the merged default graph", None),
}


def mark_unfinished(path: Path, writer: str = "build") -> None:
    """Leave (or renew) the :data:`UNFINISHED` mark in the store folder ``path``, on disk before
    this returns: this process's id, host and the time, and what writes (a key of
    ``_WRITERS``: the readers' message names it)."""
    marker = path / UNFINISHED
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "writer": writer,
    }
    tmp = marker.with_name(UNFINISHED + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(info, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, marker)


def _unfinished_message(path: Path, repairing: bool = False) -> str | None:
    marker = path / UNFINISHED
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        info = {}
    started = info.get("started", "at an unknown time")
    pid = info.get("pid")
    what, command = _WRITERS.get(info.get("writer"), _WRITERS["build"])
    if isinstance(pid, int) and info.get("host") == socket.gethostname() and _alive(pid):
        by = f"{command}, " if command else ""
        return (
            f"the store {path} is being written by {what} ({by}process {pid}, started "
            f"{started}); wait for it to finish, then try again"
        )
    if what != "a build":  # the named graphs are whole: only the merge is to be repaired
        if repairing:
            return None
        by = f" ({command})" if command else ""
        return (
            f"the store {path} is unfinished: {what}{by} started {started} stopped before it "
            "finished (killed or interrupted), so its merged default graph may not be the "
            f"merge of its named graphs; run '{repair_command(path)}' to finish it (no "
            "article is read again)"
        )
    mends = (
        "'kg repair' mends the merged default graph only, not the articles a build did not write; "
        if repairing
        else ""
    )
    return (
        f"the store {path} is unfinished: a build started {started} stopped before it "
        f"finished (killed or interrupted), so it may hold a mix of old and new articles; "
        f"{mends}re-run that kg build to finish it"
    )


def repair_command(path: Path | str) -> str:
    """The command that finishes a store an update or a repair of its merge left unfinished.

    Examples
    --------
    >>> repair_command("my store")
    "kg repair --store 'my store'"
    """
    return f"kg repair --store {shlex.quote(str(path))}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed build's process may linger as a zombie until reaped
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def check_finished(path: Path | str, *, repairing: bool = False) -> None:
    """Refuse a store a build, an update or a repair is writing or left unfinished (see the
    module docstring); with ``repairing``, accept one that a stopped update or repair left
    (its merged default graph is what ``kg repair`` mends).

    Raises
    ------
    StoreError
        Saying what is writing or stopped writing the store, and what to do: wait, run
        :func:`repair_command`, or re-run the build.
    """
    message = _unfinished_message(Path(path), repairing)
    if message is not None:
        raise StoreError(message)
