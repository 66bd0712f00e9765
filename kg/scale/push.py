"""``kg push ENDPOINT --shards DIR``: shards written by ``kg build --shards`` → a triplestore.

No store is written to disk: the shards are loaded into an in-memory Oxigraph store, the
cross-article step runs there once (as ``kg load`` runs it), and that store is pushed as
:func:`kg.export.push.push` pushes any store. The client therefore needs memory for the
whole graph; for a graph larger than memory, ``kg load`` into a store on disk and
``kg push`` from it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from kg.export.push import PushOptions, PushReport, push
from kg.pipeline.build import BuildReport
from kg.rdf.store import KGStore

__all__ = ["push_shards"]


def push_shards(
    folder: str | Path,
    endpoint: str,
    options: PushOptions | None = None,
    *,
    curation: Path | None = None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> tuple[BuildReport, PushReport]:
    """Finish the build of the shards in ``folder`` in memory and push it to ``endpoint``.

    Parameters
    ----------
    folder : str or Path
        A folder or URL written by ``kg build --shards``.
    endpoint : str
        The triplestore's base URL (see :mod:`kg.export.profiles`).
    options : PushOptions, optional
        As for ``kg push``.
    curation : Path, optional
        As for :func:`kg.scale.load.load_shards`.
    dry_run : bool
        List the requests without sending any.
    progress : callable, optional
        Called with each article's source in the cross-article pass.

    Returns
    -------
    tuple of BuildReport and PushReport
        What the build of the shards' articles found, and what the push sent.

    Raises
    ------
    InputError
        When the folder is not a finished set of shards, or a shard cannot be read.
    PushError
        As :func:`kg.export.push.push` raises it.
    """
    from kg.scale.folder import ShardFolder
    from kg.scale.load import fill_store

    t0 = time.perf_counter()
    with KGStore(None) as st:
        build = fill_store(st, ShardFolder.of(folder), curation, progress)
        build.seconds = time.perf_counter() - t0
        pushed = push(st, endpoint, options, dry_run=dry_run)
    return build, pushed
