"""Latency of the named queries: our store vs rdflib's in-memory store with the same quads.

Each query in ``queries/*.rq`` runs as ``kg query`` runs it (:class:`kg.query.run.Target`:
Oxigraph, rows converted to rdflib terms one by one up to the row limit; in a fresh process
stopped after a time limit, with pyoxigraph's own latency reading every row in the note) and
through an rdflib in-memory ``Dataset`` (``default_union=True``; in a fork stopped after
:func:`baseline_timeout`) loaded with every quad of the same store, with the same parameter
bindings (declared defaults, and for a required actor or place the most-mentioned one), bound
as ``kg query`` binds them: a ``VALUES`` block serialised by
:func:`kg.query.sparql.bind_values`. **Both sides read the same number of rows**: at most
``limit`` (default :data:`kg.query.formats.TABLE_LIMIT`, what ``kg query`` shows in a table on a
terminal; ``None`` for every row), the first rows of each side's answer, which both engines
produce lazily where the query allows. The row is the median latency; ``ratio`` is how many
times faster our store answers. Both sides should return the same number of rows; the row's
note says when they do not.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from bench._store import open_store
from bench.query_targets import BASELINE_STOP, MEAN_TARGET, QUERY_TARGET
from bench.report import Row, geometric_mean
from bench.steps import BenchError, StepTimeoutError, run_step
from kg.query.formats import TABLE_LIMIT

__all__ = [
    "BASELINE_BUDGET_FACTOR",
    "BASELINE_STOP",
    "MEAN_TARGET",
    "QUERY_TARGET",
    "BenchQuery",
    "baseline_timeout",
    "load_bench_queries",
    "query_rows",
    "rdflib_copy",
]


_PARAM_RE = re.compile(
    r"^#\s*param:\s*(?P<name>\w+)\s+(?P<type>\w+)\s+"
    r"(?P<need>required|optional|default\s+(?P<default>\S+))"
)


@dataclass(frozen=True)
class BenchQuery:
    """A named query as the benchmark runs it: text and the parameters it must bind."""

    name: str
    text: str
    defaults: tuple[tuple[str, str, str], ...]  # (name, type, default value)
    required: tuple[tuple[str, str], ...]  # (name, type) without default


def load_bench_queries(folder: Path | None = None) -> list[BenchQuery]:
    """The named queries of ``folder`` (default ``queries/``), sorted by name."""
    if folder is None:
        from kg.resources import queries_dir

        folder = queries_dir()
    out = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        defaults, required = [], []
        for line in text.splitlines():
            m = _PARAM_RE.match(line.strip())
            if not m:
                continue
            if m["default"] is not None:
                defaults.append((m["name"], m["type"], m["default"]))
            elif m["need"] == "required":
                required.append((m["name"], m["type"]))
        out.append(BenchQuery(path.stem, text, tuple(defaults), tuple(required)))
    return out


#: The most-mentioned actor and place (constant text: nothing is formatted into it).
_TOP_ENTITY = {
    kind: f"""
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
SELECT ?e (COUNT(?a) AS ?n) WHERE {{ ?e a ckg:{kind} ; ckg:mentionedIn ?a }}
GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1
"""
    for kind in ("Actor", "Place")
}


def _literal(ptype: str, value: str) -> Identifier:
    if ptype == "integer":
        return Literal(int(value))
    if ptype == "iri":
        return URIRef(value)
    if ptype == "date":
        dtype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
        return Literal(value, datatype=dtype)
    return Literal(value)


def bindings_for(q: BenchQuery, top: dict[str, Identifier]) -> dict[str, Identifier] | None:
    """The bindings a query runs with, or ``None`` when a required value cannot be chosen."""
    b: dict[str, Identifier] = {n: _literal(t, v) for n, t, v in q.defaults}
    for name, ptype in q.required:
        if ptype not in top:
            return None
        b[name] = top[ptype]
    return b


def _top_entities(run: Callable[[str, dict[str, Identifier]], list[Any]]) -> dict[str, Identifier]:
    top: dict[str, Identifier] = {}
    for ptype, kind in (("actor", "Actor"), ("place", "Place")):
        rows = run(_TOP_ENTITY[kind], {})
        if rows:
            top[ptype] = rows[0][0]
    return top


def _bound(text: str, b: dict[str, Identifier]) -> tuple[str, dict[str, Identifier]]:
    """Bind as ``kg query`` does (a ``VALUES`` block), else through ``initBindings``."""
    try:
        from kg.query.sparql import bind_values
    except ImportError:
        return text, b
    return bind_values(text, b), {}


def rdflib_copy(quads: Any) -> Dataset:
    """An rdflib in-memory ``Dataset`` (union default graph) holding pyoxigraph ``quads``."""
    from kg.rdf.store import from_ox

    ds = Dataset(default_union=True)
    graphs: dict[str, Any] = {}
    for q in quads:
        g = q.graph_name
        key = getattr(g, "value", "")
        if key not in graphs:
            graphs[key] = ds.graph(URIRef(key)) if key else ds.default_graph
        graphs[key].add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return ds


def _rdflib_copy_of(store_path: Path) -> tuple[Dataset, int]:
    """rdflib's copy of the named graphs of a closed store (opened read-only), and its size."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    seen = 0

    def named() -> Iterator[ox.Quad]:
        nonlocal seen
        for q in store:
            if not isinstance(q.graph_name, ox.DefaultGraph):
                seen += 1
                yield q

    return rdflib_copy(named()), seen


def _failure(side: str, e: Exception) -> str:
    return f"{side} failed: {type(e).__name__}: {e}"[:200]


def time_call(fn: Callable[[], int], budget: float, max_reps: int) -> tuple[float, int, int]:
    """Median seconds of ``fn`` (rows returned, repetitions), within about ``budget`` seconds.

    The first call is a warm-up unless it alone takes a third of the budget.
    """
    t0 = time.perf_counter()
    n = fn()
    first = time.perf_counter() - t0
    if first > budget / 3:
        return first, n, 1
    samples: list[float] = []
    spent = first
    while len(samples) < max_reps and (len(samples) < 3 or spent < budget):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        samples.append(dt)
        spent += dt
    return statistics.median(samples), n, len(samples)


@dataclass(frozen=True)
class _Timed:
    """A timing: median seconds (``None`` on failure), rows, repetitions, what went wrong."""

    seconds: float | None
    rows: int = 0
    reps: int = 0
    error: str = ""
    timed_out: bool = False


#: rdflib is given at most this many times the query budget (5 s by default): enough to show 20x for
#: any query of ours under a quarter of a second
BASELINE_BUDGET_FACTOR = 5


def baseline_timeout(ours: float, budget: float, stop: float = BASELINE_STOP) -> float:
    """How long rdflib may take on a query our store answers in ``ours`` seconds.

    ``stop × ours`` (at least a second), never more than ``budget``: a stopped query still
    proves a ratio of ``stop`` (twice the target by default), and a slow baseline no longer
    sets the run's length. A ``stop`` above :data:`MEAN_TARGET` lets the geometric mean show
    that target when some query is below it.

    >>> baseline_timeout(0.01, 10.0), baseline_timeout(0.1, 10.0), baseline_timeout(1.0, 10.0)
    (1.0, 4.0, 10.0)
    >>> baseline_timeout(0.1, 10.0, stop=80)
    8.0
    """
    return min(budget, max(1.0, stop * ours))


def _baseline(ds: Dataset, text: str, timeout: float, limit: int | None = None) -> _Timed:
    """Time ``text`` on rdflib in a forked process, given up after ``timeout`` seconds.

    rdflib may take minutes on a query our store answers in milliseconds; a fork (which shares
    the loaded ``Dataset`` without copying it up front) can be stopped, a thread cannot.
    """
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)

    def target() -> None:
        try:
            send.send(
                time_call(
                    lambda: len(list(itertools.islice(ds.query(text), limit))), timeout / 2, 5
                )
            )
        except Exception as e:  # rdflib cannot evaluate some queries
            send.send(_failure("rdflib", e))

    proc = ctx.Process(target=target, daemon=True)
    proc.start()
    try:
        if not recv.poll(timeout):
            return _Timed(None, timed_out=True)
        got = recv.recv()
    finally:
        proc.terminate()
        proc.join()
        recv.close()
        send.close()
    if isinstance(got, str):
        return _Timed(None, error=got)
    seconds, n, reps = got
    return _Timed(seconds, n, reps)


#: seconds spent timing pyoxigraph alone on each query (a diagnostic in the row's note)
DIRECT_BUDGET = 0.3


def _time_ours(
    store_path: Path,
    texts: dict[str, str],
    budget: float,
    limit: float,
    workdir: Path,
    rows: int | None = None,
) -> dict[str, dict[str, Any] | str]:
    """Our store's timing of each query (at most ``rows`` rows; or why there is none), all
    in one fresh process.

    A query still running ``limit`` seconds after the previous one finished is stopped with
    its process; a new process times the queries after it.
    """
    out: dict[str, dict[str, Any] | str] = {}
    remaining = list(texts)
    attempt = 0
    while remaining:
        attempt += 1
        progress = workdir / f"queries-{os.getpid()}-{attempt}.jsonl"
        progress.unlink(missing_ok=True)
        args = {
            "store": str(store_path),
            "queries": [[name, texts[name]] for name in remaining],
            "budget": budget,
            "direct_budget": min(budget, DIRECT_BUDGET),
            "progress": str(progress),
            "limit": rows,
        }
        why = ""
        try:
            run_step("queries", args, workdir, timeout=limit, progress=progress)
        except StepTimeoutError:
            why = f"our store did not answer in {limit:g} s"
        except BenchError as e:  # a query broken mid-development: report, keep going
            why = f"our store failed: {e}"[:300]
        if progress.is_file():
            for line in progress.read_text(encoding="utf-8").splitlines():
                got = json.loads(line)
                out[got.pop("name")] = got
        remaining = [name for name in remaining if name not in out]
        if remaining:
            out[remaining.pop(0)] = why or "our store's process ended without timing it"
    return out


def _measure(
    store_path: Path,
    qs: Sequence[BenchQuery],
    articles: int | None,
    budget: float,
    baseline_budget: float,
    workdir: Path,
    log: Callable[[str], None],
    limit: int | None,
    stop: float,
) -> tuple[list[Row], int]:
    """Per-query rows and the number of quads."""
    texts: dict[str, str] = {}
    skipped: dict[str, str] = {}
    with open_store(store_path) as st:
        top = _top_entities(lambda t, b: list(st.query(t, b)))
    for q in qs:
        b = bindings_for(q, top)
        if b is None:
            skipped[q.name] = "no entity to bind"
            continue
        text, rest = _bound(q.text, b)
        if rest:
            skipped[q.name] = "kg.query.sparql.bind_values is missing"
            continue
        texts[q.name] = text
    # our store is timed in its own process first, alone (beside rdflib's copy loading on
    # the other CPU it was up to twice as slow on this shared machine), then rdflib's copy
    t_ours = time.perf_counter()
    ours = _time_ours(store_path, texts, budget, max(20.0, 20 * budget), workdir, limit)
    log(f"  our store: {len(texts)} queries timed in {time.perf_counter() - t_ours:.1f} s")
    t0 = time.perf_counter()
    ds, n_quads = _rdflib_copy_of(store_path)
    log(f"  rdflib copy of {n_quads:,} quads loaded in {time.perf_counter() - t0:.1f} s")
    rows: list[Row] = []
    for q in qs:
        name = f"query:{q.name}"
        mine = ours.get(q.name, skipped.get(q.name, ""))
        if isinstance(mine, str):
            rows.append(Row.missing(name, mine, articles=articles))
            continue
        shown = "all" if limit is None else f"at most {limit}"
        note = (
            f"{mine['rows']} rows ({shown}) of {mine.get('all_rows', mine['rows'])}; median of "
            f"{mine['reps']} runs; pyoxigraph alone, every row: {mine['direct'] * 1000:.2f} ms"
        )
        allowed = baseline_timeout(mine["seconds"], baseline_budget, stop)
        base = _baseline(ds, texts[q.name], allowed, limit)
        if base.timed_out:
            base = _Timed(allowed, mine["rows"], 1)
            note += f"; rdflib stopped after {allowed:.3g} s, so the ratio is a lower bound"
        elif base.seconds is None:
            rows.append(
                Row(name, mine["seconds"], None, None, "s", target=QUERY_TARGET,
                    articles=articles, note=f"{note}; {base.error}")
            )  # fmt: skip
            continue
        elif base.rows != mine["rows"]:
            note += f"; rdflib returned {base.rows} rows"
        assert base.seconds is not None
        log(f"  {name}: {mine['seconds'] * 1000:.1f} ms vs rdflib {base.seconds * 1000:.1f} ms")
        rows.append(
            Row.faster(name, value=mine["seconds"], baseline=base.seconds, unit="s",
                       target=QUERY_TARGET, articles=articles, note=note)
        )  # fmt: skip
    return rows, n_quads


def query_rows(
    store_path: Path,
    *,
    articles: int | None = None,
    queries: Sequence[BenchQuery] | None = None,
    budget: float = 1.0,
    baseline_budget: float | None = None,
    workdir: Path | None = None,
    log: Callable[[str], None] = lambda _m: None,
    limit: int | None = TABLE_LIMIT,
    baseline_stop: float = BASELINE_STOP,
) -> list[Row]:
    """One row per named query plus a ``query`` row (geometric mean of the ratios).

    Parameters
    ----------
    store_path : Path
        A built store (not written to; no other process may hold it).
    articles : int, optional
        Corpus tier, recorded in the rows.
    queries : sequence of BenchQuery, optional
        Default: every query in ``queries/``.
    budget : float
        About how many seconds to spend timing each query on our store.
    baseline_budget : float, optional
        At most how many seconds to spend on each query in rdflib (default
        :data:`BASELINE_BUDGET_FACTOR` × ``budget``); within that, rdflib is stopped after
        :func:`baseline_timeout` and the ratio becomes a lower bound.
    workdir : Path, optional
        Where the measuring processes leave their logs (default: a temporary folder).
    limit : int or None
        Rows read on both sides (default :data:`kg.query.formats.TABLE_LIMIT`, as ``kg query``
        shows a table); ``None``: every row.
    baseline_stop : float
        rdflib is stopped at this many times our latency (:func:`baseline_timeout`).
    """
    qs = list(queries) if queries is not None else load_bench_queries()
    if not qs:
        return [Row.missing("query", "no named queries in queries/", articles=articles)]
    with tempfile.TemporaryDirectory(prefix="kg-bench-query-") as tmp:
        rows, n_quads = _measure(
            store_path,
            qs,
            articles,
            budget,
            BASELINE_BUDGET_FACTOR * budget if baseline_budget is None else baseline_budget,
            workdir or Path(tmp),
            log,
            limit,
            baseline_stop,
        )
    ratios = [r.ratio for r in rows if r.ratio]
    if ratios:
        gm = geometric_mean(ratios)
        ours_gm = geometric_mean([r.value for r in rows if r.ratio and r.value])
        base_gm = geometric_mean([r.baseline for r in rows if r.ratio and r.baseline])
        rows.append(
            Row(
                "query",
                ours_gm,
                base_gm,
                gm,
                "s",
                target=MEAN_TARGET,
                articles=articles,
                note=f"geometric mean over {len(ratios)} queries; {n_quads:,} quads; "
                + ("every row" if limit is None else f"at most {limit} rows on both sides"),
            )
        )
    else:
        rows.append(Row.missing("query", "no query could be timed", articles=articles))
    return rows
