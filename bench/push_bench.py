"""``kg push`` into a local Oxigraph server against ``oxigraph load`` of the same triples.

The store is exported merged as N-Triples (the file ``oxigraph load`` reads); ``kg push``
(:func:`kg.export.push.push`: Graph Store Protocol, one streamed request into the empty
target, which the first COUNT finds empty, so Oxigraph's bulk loader takes it; COUNT
verification) sends the same triples to ``oxigraph serve`` started on a free loopback port.
Both figures are triples per second of wall-clock time; the server's start-up is not timed.

The ``push-virtuoso`` row does the same against Virtuoso 7 (``virtuoso-t`` on loopback with a
throwaway database, :class:`bench.virtuoso.VirtuosoServer`): ``kg push --profile virtuoso``
(one Graph Store ``PUT`` with the digest login) against Virtuoso's own bulk loader
(``ld_dir`` + ``rdf_loader_run()`` through ``isql-vt``) of the same N-Triples file, each into a
graph of its own; skipped with a message where ``virtuoso-t`` is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench._store import open_store
from bench.report import Row
from kg.query.oxigraph import OxigraphProcess, oxigraph_binary

__all__ = ["PUSH_TARGET", "oxigraph_binary", "oxigraph_server", "push_rows", "virtuoso_rows"]

#: The issue's push target: ``kg push`` into Oxigraph at least half as fast as ``oxigraph load``.
PUSH_TARGET = 0.5


@contextmanager
def oxigraph_server(binary: str, location: Path, timeout: float = 30.0) -> Iterator[str]:
    """``oxigraph serve`` on ``127.0.0.1`` and a free port; yields its base URL, then stops it."""
    with OxigraphProcess(binary, location, timeout=timeout) as server:
        yield server.url


def push_rows(store_path: Path, workdir: Path, *, articles: int | None = None) -> list[Row]:
    """The ``push`` row: ``kg push`` triples/s vs ``oxigraph load`` triples/s."""
    binary = oxigraph_binary()
    if binary is None:
        return [
            Row.missing("push", "no oxigraph command (pip install oxigraph)", articles=articles)
        ]
    try:
        from kg.export.push import PushOptions, push
        from kg.export.serialise import write_export
    except ImportError as e:
        return [Row.missing("push", f"kg.export is not there yet ({e})", articles=articles)]

    workdir.mkdir(parents=True, exist_ok=True)
    nt = workdir / "merged.nt"
    with open_store(store_path) as st:
        write_export(st, nt, "nt", graphs="merged")
        server_dir, load_dir = workdir / "server", workdir / "load"
        for d in (server_dir, load_dir):
            shutil.rmtree(d, ignore_errors=True)
        with oxigraph_server(binary, server_dir) as url:
            t0 = time.perf_counter()
            report = push(st, url, PushOptions(profile="oxigraph", graphs="merged"))
            push_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run(
        [str(binary), "load", "--location", str(load_dir), "--file", str(nt)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    load_s = time.perf_counter() - t0
    n = report.statements
    row = Row.higher(
        "push",
        value=n / push_s,
        baseline=n / load_s,
        unit="triples/s",
        target=PUSH_TARGET,
        articles=articles,
        note=f"{n:,} triples, {len(report.requests)} requests (GSP streamed into an empty "
        "graph, replace, COUNTs) vs oxigraph load of the same N-Triples",
    )
    return [row, *virtuoso_rows(store_path, nt, workdir, articles=articles)]


def virtuoso_rows(
    store_path: Path, nt: Path, workdir: Path, *, articles: int | None = None
) -> list[Row]:
    """The ``push-virtuoso`` row: ``kg push`` into Virtuoso vs its bulk loader of ``nt``."""
    import pyoxigraph as ox

    from bench.virtuoso import PASSWORD, USER, VirtuosoServer, virtuoso_binary
    from kg.export.push import PushOptions, push
    from kg.export.virtuoso_values import kept_count

    if virtuoso_binary() is None:
        return [
            Row.missing(
                "push-virtuoso",
                "virtuoso-t / isql-vt not installed (apt-get install virtuoso-opensource)",
                articles=articles,
            )
        ]
    folder = workdir / "virtuoso"
    shutil.rmtree(folder, ignore_errors=True)
    env = "KG_BENCH_VIRTUOSO_PW"
    os.environ[env] = PASSWORD
    with VirtuosoServer(folder) as server:
        opts = PushOptions(
            profile="virtuoso",
            graph="https://example.org/bench/push",
            user=USER,
            password_env=env,
            verify=False,  # checked below, outside the timing, against the predicted count
        )
        t0 = time.perf_counter()
        report = push(store_path, server.url, opts)
        push_s = time.perf_counter() - t0
        shutil.copy(nt, folder / "merged.nt")
        t0 = time.perf_counter()
        server.isql(f"ld_dir('{folder}', 'merged.nt', 'https://example.org/bench/load');")
        server.isql("rdf_loader_run();")
        load_s = time.perf_counter() - t0
        found = server.graphs(("https://example.org/bench/",))
    n = report.statements
    pushed, loaded = (found.get(f"https://example.org/bench/{g}") for g in ("push", "load"))
    with open_store(store_path) as st:  # Virtuoso keeps literals equal as values once
        kept = kept_count(st.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if not pushed == loaded == kept:
        raise RuntimeError(
            f"Virtuoso holds {pushed} triples pushed, {loaded} bulk-loaded, of {n} sent; "
            f"kg.export.virtuoso_values predicts {kept}"
        )
    return [
        Row.higher(
            "push-virtuoso",
            value=n / push_s,
            baseline=n / load_s,
            unit="triples/s",
            articles=articles,
            note=f"{n:,} triples ({n - kept} kept by Virtuoso as one with another, as "
            f"predicted), {len(report.requests)} requests (one GSP PUT, digest login, "
            "COUNTs) vs ld_dir + rdf_loader_run() of the same N-Triples",
        )
    ]
