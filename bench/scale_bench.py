"""The ``scale`` section: the build on a Dask cluster, and ``kg load`` of its shards.

- ``dask``: words/s of ``kg build --engine dask --workers 2`` (a local Dask cluster of two
  worker processes, started and stopped inside the timing, as a user runs it) against
  ``kg build --workers 2`` on the same corpus; the note says whether the stores are identical.
- ``load``: quads/s of ``kg load`` of the shards ``kg build --shards`` wrote (the
  cross-article pass, the bulk load of every quad into its article graph and the merged
  default graph, the derived graph) against ``oxigraph load`` of the same N-Quads into an
  empty store; the note says whether the loaded store is the local build's.

Asked for by name (``--only scale``): it builds each tier three more times.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bench.build_bench import same_quads
from bench.report import Row
from bench.steps import BenchError, run_step

__all__ = ["DASK_TARGET", "LOAD_TARGET", "scale_rows"]

DASK_TARGET = 0.85
LOAD_TARGET = 0.7


def _oxigraph_load(nq: Path, location: Path) -> float:
    """Seconds ``oxigraph load`` takes to load ``nq`` into a new store at ``location``."""
    from kg.query.oxigraph import oxigraph_binary

    exe = oxigraph_binary()
    if exe is None:
        raise BenchError("the oxigraph CLI is not installed (pip install -e '.[dev]')")
    t0 = time.perf_counter()
    subprocess.run(
        [exe, "load", "--location", str(location), "--file", str(nq)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


def scale_rows(
    corpus: Path,
    articles: int,
    words: int,
    workdir: Path,
    *,
    log: Callable[[str], None] = lambda _m: None,
) -> list[Row]:
    """The ``dask`` and ``load`` rows of one tier (module docstring)."""
    base = {"folder": str(corpus), "default_date": "2017-01-01", "workers": 2}
    local_store, dask_store = workdir / "scale-local", workdir / "scale-dask"
    local = run_step("build", {**base, "store": str(local_store)}, workdir)
    dask = run_step("build", {**base, "store": str(dask_store), "engine": "dask"}, workdir)
    t_local, t_dask = local.result["seconds"], dask.result["seconds"]
    log(f"  --workers 2: {t_local:.1f} s; --engine dask --workers 2: {t_dask:.1f} s")
    same = "identical" if same_quads(local_store, dask_store) else "DIFFERENT"
    rows = [
        Row.higher(
            "dask",
            value=words / t_dask,
            baseline=words / t_local,
            unit="words/s",
            target=DASK_TARGET,
            articles=articles,
            note=f"local Dask cluster of 2 workers (started inside the timing) vs --workers 2; "
            f"stores {same}",
        )
    ]
    shards, loaded = workdir / "scale-shards", workdir / "scale-loaded"
    run_step("shards", {**base, "shards": str(shards)}, workdir)
    load = run_step("load", {"shards": str(shards), "store": str(loaded)}, workdir)
    nq = workdir / "scale-shards.nq"
    quads = 0
    with nq.open("wb") as out:
        for part in sorted(shards.glob("*.nq")):
            data = part.read_bytes()
            quads += data.count(b"\n")
            out.write(data)
    t_ox = _oxigraph_load(nq, workdir / "scale-oxigraph")
    t_load = load.result["seconds"]
    log(f"  kg load: {t_load:.1f} s; oxigraph load of the same {quads:,} quads: {t_ox:.1f} s")
    same = "identical to" if same_quads(local_store, loaded) else "DIFFERENT from"
    rows.append(
        Row.higher(
            "load",
            value=quads / t_load,
            baseline=quads / t_ox,
            unit="quads/s",
            target=LOAD_TARGET,
            articles=articles,
            note=f"kg load of {quads:,} shard quads (cross-article pass, named + merged graphs, "
            f"derived graph) vs oxigraph load of the same N-Quads; store {same} the local build",
        )
    )
    return rows
