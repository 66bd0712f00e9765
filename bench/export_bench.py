"""``kg export`` against ``oxigraph dump`` of the same store, and its memory on a large graph.

- :func:`export_throughput`: sorted N-Quads by ``kg export`` (Oxigraph's serialiser, then an
  external merge sort) vs ``oxigraph dump`` (unsorted N-Quads) of the same store, in quads/s;
- :func:`export_memory`: peak RSS growth of an export in a fresh process, for a synthetic
  graph of a million triples and one of a quarter of that: flat memory means the two are close
  (the sort holds at most ``RUN_LINES`` lines, the rest waits in temporary run files).

Run alone: ``python -m bench.export_bench [TRIPLES]``.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.report import Row
from kg.query.oxigraph import oxigraph_binary
from kg.rdf.namespace import CKG_NS

__all__ = [
    "export_memory",
    "export_rows",
    "export_throughput",
    "oxigraph_binary",
    "synthetic_store",
]

_ID = "https://w3id.org/conflict-kg/id/"
_CKG = CKG_NS
_GRAPH = "https://w3id.org/conflict-kg/graph/article/"


#: quads of the larger store of ``export-memory`` (the smaller holds a quarter)
MEMORY_TRIPLES = 200_000
#: sorted-run length of the ``export-memory`` exports
MEMORY_RUN_LINES = 25_000


def _synthetic_quads(triples: int) -> Iterator[Any]:
    import pyoxigraph as ox

    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    event = ox.NamedNode(_CKG + "Capture")
    preds = [ox.NamedNode(_CKG + p) for p in ("agent", "target", "place", "supporter")]
    quote = ox.NamedNode(_CKG + "quote")
    killed = ox.NamedNode(_CKG + "killed")
    per_subject = 8
    for i in range(-(-triples // per_subject)):
        g = ox.NamedNode(f"{_GRAPH}{i // 500:08x}")
        s = ox.NamedNode(f"{_ID}event/capture-{i:09d}")
        rows: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
            (rdf_type, event),
            (label, ox.Literal(f"Capture number {i}", language="en")),
            (quote, ox.Literal(f"Forces took town {i % 997} from group {i % 31}.")),
            (
                killed,
                ox.Literal(
                    str(i % 113), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
                ),
            ),
            *((p, ox.NamedNode(f"{_ID}actor/a{(i * 7 + k) % 5000}")) for k, p in enumerate(preds)),
        ]
        for p, o in rows[: min(per_subject, triples - i * per_subject)]:
            yield ox.Quad(s, p, o, g)


def synthetic_store(path: Path, triples: int) -> Path:
    """A store folder holding ``triples`` article-like quads in graphs of 4,000 (reused if
    already built with that size)."""
    import pyoxigraph as ox

    marker = path / "kg-bench-triples"
    if marker.is_file() and marker.read_text() == str(triples):
        return path
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(path))
    store.bulk_extend(_synthetic_quads(triples))
    store.flush()
    del store
    marker.write_text(str(triples))
    return path


def export_throughput(store_path: Path, workdir: Path) -> tuple[int, float, float | None]:
    """``(quads, kg export seconds, oxigraph dump seconds or None)`` for sorted N-Quads."""
    from kg.export.serialise import write_export

    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / "export.nq"
    t0 = time.perf_counter()
    report = write_export(store_path, out, "nq", graphs="per-article")
    ours = time.perf_counter() - t0
    binary = oxigraph_binary()
    theirs = None
    if binary is not None:
        dump = workdir / "dump.nq"
        t0 = time.perf_counter()
        subprocess.run(
            [str(binary), "dump", "--location", str(store_path), "--file", str(dump)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        theirs = time.perf_counter() - t0
        dump.unlink(missing_ok=True)
    out.unlink(missing_ok=True)
    return report.statements, ours, theirs


def _rss_kb() -> int:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() // 1024


def _measure_child(store: str, out: str, run_lines: int = MEMORY_RUN_LINES) -> dict[str, Any]:
    """Runs in a fresh process: export with RSS sampled every 10 ms."""
    from kg.export.serialise import write_export

    before = _rss_kb()
    peak = before
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.01):
            peak = max(peak, _rss_kb())

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    t0 = time.perf_counter()
    report = write_export(Path(store), Path(out), "nq", graphs="per-article", run_lines=run_lines)
    seconds = time.perf_counter() - t0
    done.set()
    t.join()
    peak = max(peak, _rss_kb())
    Path(out).unlink(missing_ok=True)
    return {
        "before_kb": before,
        "peak_kb": peak,
        "statements": report.statements,
        "seconds": seconds,
    }


def export_memory(
    workdir: Path, triples: int = MEMORY_TRIPLES, run_lines: int = MEMORY_RUN_LINES
) -> dict[str, Any]:
    """Peak RSS growth (MB) of exporting synthetic stores of ``triples`` and ``triples // 4``
    quads, each in a fresh process: ``{"large": {...}, "small": {...}}``.

    Sorted runs of ``run_lines`` lines (``kg export`` sorts in runs of
    :data:`kg.export.serialise.RUN_LINES`): at the default sizes both exports spill 2 and 8
    runs to disk, so memory that grows with the store shows as a ratio well below 1; the
    growth that remains between them is Oxigraph's (RocksDB's block cache while reading).
    """
    result: dict[str, Any] = {}
    for name, n in (("small", triples // 4), ("large", triples)):
        store = synthetic_store(workdir / f"synthetic-{n}", n)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.export_bench",
                "--child",
                str(store),
                str(workdir / f"synthetic-{n}.nq"),
                str(run_lines),
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,  # where the bench package is
        )
        r = json.loads(proc.stdout)
        r["growth_mb"] = (r["peak_kb"] - r["before_kb"]) / 1024
        result[name] = r
    return result


def export_rows(
    store_path: Path,
    workdir: Path,
    *,
    articles: int | None = None,
    memory_triples: int = MEMORY_TRIPLES,
) -> list[Row]:
    """The ``export`` row (vs ``oxigraph dump``) and, unless ``memory_triples=0``, the
    ``export-memory`` row."""
    n, ours, theirs = export_throughput(store_path, workdir / "export")
    rows = [
        Row.higher(
            "export",
            value=n / ours,
            baseline=n / theirs if theirs else None,
            unit="quads/s",
            articles=articles,
            note=f"{n:,} quads: sorted N-Quads by kg export vs unsorted oxigraph dump"
            + ("" if theirs else " (no oxigraph command: baseline missing)"),
        )
    ]
    if memory_triples:
        m = export_memory(workdir / "memory", memory_triples)
        rows.append(
            Row.faster(
                "export-memory",
                value=m["large"]["growth_mb"],
                baseline=m["small"]["growth_mb"],
                unit="MB",
                note=f"peak RSS growth exporting {m['large']['statements']:,} quads vs "
                f"{m['small']['statements']:,}, sorted in runs of {MEMORY_RUN_LINES:,} lines "
                "(ratio near 1 = flat memory; includes RocksDB's read caches); "
                f"{m['large']['statements'] / m['large']['seconds']:,.0f} quads/s",
            )
        )
    return rows


def _main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        sys.stdout.write(json.dumps(_measure_child(argv[1], argv[2], int(argv[3]))) + "\n")
        return
    import tempfile

    triples = int(argv[0]) if argv else MEMORY_TRIPLES
    with tempfile.TemporaryDirectory(prefix="kg-export-bench-") as tmp:
        store = synthetic_store(Path(tmp) / "store", triples // 4)
        from bench.report import format_table

        rows = export_rows(store, Path(tmp), memory_triples=triples)
        sys.stdout.write(format_table(rows) + "\n")


if __name__ == "__main__":
    _main(sys.argv[1:])
