"""The mark a build leaves in a store folder until it commits (``KG-UNFINISHED``; an update
and a repair of the merged default graph leave it too while they write), and the refusal
readers give while it is there, naming what wrote (see :mod:`kg.rdf.store`)."""

from __future__ import annotations

import datetime
import json
import os
import socket
from pathlib import Path

from kg.errors import StoreError

__all__ = ["UNFINISHED", "check_finished", "mark_unfinished"]

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


def _unfinished_message(path: Path) -> str | None:
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
        by = f" ({command})" if command else ""
        return (
            f"the store {path} is unfinished: {what}{by} started {started} stopped before it "
            "finished (killed or interrupted), so its merged default graph may not be the "
            "merge of its named graphs; re-run the kg build that made the store to finish it"
        )
    return (
        f"the store {path} is unfinished: a build started {started} stopped before it "
        "finished (killed or interrupted), so it may hold a mix of old and new articles; "
        "re-run that kg build to finish it"
    )


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


def check_finished(path: Path | str) -> None:
    """Refuse a store a build is writing or left unfinished (see the module docstring).

    Raises
    ------
    StoreError
        Saying whether a build is running or stopped, and what to do.
    """
    message = _unfinished_message(Path(path))
    if message is not None:
        raise StoreError(message)
