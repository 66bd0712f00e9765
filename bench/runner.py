"""Run the benchmark sections over corpus tiers and collect their rows.

For each tier (number of articles) the runner writes the synthetic corpus, builds it (timing
the build against spaCy alone and two workers against one when ``build`` is asked), then runs
the ``query``, ``export`` and ``push`` sections on the built store. ``page`` runs once, on
generated graphs of :data:`PAGE_NODES` nodes. With two or more tiers it states how the cost
grows: the exponent ``k`` of ``seconds ∝ articles^k`` between the smallest and largest tier.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import json
import math
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.build_bench import BuildTier, batch_rows, build_rows, build_tier
from bench.query_targets import BASELINE_STOP
from bench.report import Row, loglog_slope, machine_info
from bench.scale_bench import scale_rows
from bench.steps import BenchError, run_step

__all__ = [
    "DEFAULT_SECTIONS",
    "DEFAULT_TIERS",
    "EXPORT_TARGET",
    "PAGE_NODES",
    "SECTIONS",
    "BenchResult",
    "OptionError",
    "Options",
    "run",
]

SECTIONS = ("build", "query", "export", "push", "page", "batch", "scale")
#: what runs without ``--only`` (``batch`` is asked for by name: it builds the smallest tier
#: nine more times; ``scale`` too: it builds each tier three more times)
DEFAULT_SECTIONS = ("build", "query", "export", "push", "page")
DEFAULT_TIERS = (100, 1000)
PAGE_NODES = (200, 2000, 10_000)

Log = Callable[[str], None]


class OptionError(ValueError):
    """An option of the run is invalid (unknown section, tier below 1)."""


@dataclass(frozen=True)
class Options:
    """What to run.

    Attributes
    ----------
    articles : tuple of int
        Corpus tiers.
    only : tuple of str
        Sections to run (a subset of :data:`SECTIONS`).
    seed : int
        Corpus seed.
    workdir : Path or None
        Where corpora and stores go (kept); default a temporary folder, removed at the end.
    store : Path or None
        Run ``query``, ``export`` and ``push`` on this existing store instead of the tiers'.
    profile : Path or None
        Profile a one-worker build of the smallest tier and write the summary here (py-spy's
        CPU share by build stage, or cProfile's top functions without py-spy).
    page_nodes : tuple of int
        Graph sizes of the ``page`` section.
    query_budget : float
        About how many seconds to time each query on our store (rdflib: at most
        :data:`bench.query_bench.BASELINE_BUDGET_FACTOR` times that, see
        :func:`bench.query_bench.baseline_timeout`).
    baseline_budget : float or None
        At most how many seconds rdflib may take on one query (default five times
        ``query_budget``); it is stopped sooner once the target is settled.
    baseline_stop : float
        rdflib is stopped at this many times our latency (default twice the per-query
        target, :data:`bench.query_bench.BASELINE_STOP`); the ratio is then a lower bound.
    query_limit : int or None
        Rows the query section reads on both sides (``kg query``'s table default, 100);
        ``None``: every row.
    memory_only : bool
        Build tiers measure peak memory only: spaCy alone and the build run side by side.
    apart : bool
        spaCy alone runs before the one-worker build instead of beside it at ``nice 19``
        (:mod:`bench.build_bench`).
    """

    articles: tuple[int, ...] = DEFAULT_TIERS
    only: tuple[str, ...] = DEFAULT_SECTIONS
    seed: int = 0
    workdir: Path | None = None
    store: Path | None = None
    profile: Path | None = None
    page_nodes: tuple[int, ...] = PAGE_NODES
    query_budget: float = 1.0
    query_limit: int | None = 100
    baseline_budget: float | None = None
    baseline_stop: float = BASELINE_STOP
    memory_only: bool = False
    apart: bool = False


@dataclass
class BenchResult:
    """Rows plus what the JSON file carries beside them."""

    machine: dict[str, Any]
    rows: list[Row] = field(default_factory=list)
    corpus: list[dict[str, Any]] = field(default_factory=list)
    growth: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    def extra(self) -> dict[str, Any]:
        """The JSON keys beside ``machine`` and ``rows``."""
        return {
            "corpus": self.corpus,
            "growth": self.growth,
            "seconds": self.seconds,
            "load_average_end": [round(x, 2) for x in os.getloadavg()],
        }


def _lazy_rows(module: str, name: str, call: Callable[[Any], list[Row]]) -> list[Row]:
    """Rows from a module written by another feature, or a missing row saying why."""
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        return [Row.missing(name, f"{module} is not there yet ({e})")]
    try:
        return call(mod)
    except Exception as e:  # another feature's benchmark failed: report it, keep going
        return [Row.missing(name, f"{module} failed: {type(e).__name__}: {e}"[:200])]


#: The issue's export target: kg export at least half as fast as ``oxigraph dump``.
EXPORT_TARGET = 0.5


def _export_rows(store: Path, workdir: Path, articles: int | None, memory: bool) -> list[Row]:
    def call(mod: Any) -> list[Row]:
        gc.collect()  # a closed KGStore's lock goes with its last reference
        kw: dict[str, Any] = {"articles": articles}
        if "memory_triples" in inspect.signature(mod.export_rows).parameters and not memory:
            kw["memory_triples"] = 0  # the memory check runs once, on the last tier
        rows: list[Row] = mod.export_rows(store, workdir, **kw)
        return [
            replace(r, target=EXPORT_TARGET) if r.name == "export" and r.target is None else r
            for r in rows
        ]

    return _lazy_rows("bench.export_bench", "export", call)


def _page_rows(nodes: Sequence[int]) -> list[Row]:
    def call(mod: Any) -> list[Row]:
        out = []
        for n in nodes:
            seconds = float(mod.page_time(n))
            out.append(
                Row(
                    f"page@{n}",
                    seconds,
                    None,
                    None,
                    "s",
                    note=f"{n:,} nodes: until the page is interactive in headless Chromium",
                )
            )
        return out

    return _lazy_rows("bench.page", "page", call)


def _py_spy() -> str | None:
    """The py-spy command beside this Python (the venv's), else on ``PATH``."""
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.is_file() else shutil.which("py-spy")


def _profile(corpus: Path, workdir: Path, out: Path, log: Log) -> None:
    """Profile a one-worker build of ``corpus``: with py-spy (when installed) the CPU share of
    each build stage (:mod:`bench.spy`), else a cProfile summary (top functions), to ``out``.
    """
    store = workdir / "store-profile"
    shutil.rmtree(store, ignore_errors=True)
    args = {"folder": str(corpus), "store": str(store), "workers": 1}
    out.parent.mkdir(parents=True, exist_ok=True)
    spy = _py_spy()
    if spy is not None:
        raw = out.with_suffix(out.suffix + ".raw")
        args_path = workdir / "profile.args.json"
        args_path.write_text(json.dumps(args), encoding="utf-8")
        cmd = [spy, "record", "-r", "100", "-f", "raw", "-o", str(raw), "--"]
        cmd += [sys.executable, "-m", "bench._child", "build", str(args_path)]
        cmd += [str(workdir / "profile.out.json")]
        done = subprocess.run(cmd, cwd=Path(__file__).resolve().parent.parent, capture_output=True)
        if done.returncode == 0 and raw.is_file():
            from bench.spy import format_shares, summarise

            table = format_shares(summarise(raw.read_text(encoding="utf-8").splitlines()))
            out.write_text(
                f"# py-spy, 100 samples/s, one-worker build of {corpus} (raw stacks: {raw})\n\n"
                + table
                + "\n",
                encoding="utf-8",
            )
            log(f"py-spy profile written to {out}")
            return
        log(f"py-spy failed ({done.stderr.decode(errors='replace').strip()[-200:]}); cProfile")
    stats_path = workdir / "build.prof"
    shutil.rmtree(store, ignore_errors=True)
    run_step("build", {**args, "profile": str(stats_path)}, workdir)
    with out.open("w", encoding="utf-8") as fh:
        st = pstats.Stats(str(stats_path), stream=fh)
        st.strip_dirs()
        fh.write("# cumulative time\n")
        st.sort_stats("cumulative").print_stats(40)
        fh.write("# own time\n")
        st.sort_stats("tottime").print_stats(25)
    log(f"profile written to {out}")


def _growth(tiers: list[BuildTier], qrows: dict[int, list[Row]]) -> dict[str, float]:
    """Exponents of cost ∝ articles^k between the smallest and largest measured tier.

    ``query_latency`` is the mean exponent over the queries timed on both tiers.
    """
    done = [t for t in tiers if t.one is not None]
    out: dict[str, float] = {}
    if len(done) < 2:
        return out
    a, b = done[0], done[-1]
    assert a.one is not None
    assert b.one is not None
    timed = [t for t in done if not t.memory_only]  # side-by-side timings do not count
    if len(timed) >= 2:
        ta, tb = timed[0], timed[-1]
        assert ta.one is not None
        assert tb.one is not None
        out["build_seconds"] = loglog_slope(
            (ta.articles, ta.one.result["seconds"]), (tb.articles, tb.one.result["seconds"])
        )
        sa, sb = ta.spacy_seconds(), tb.spacy_seconds()
        if sa and sb:
            out["spacy_seconds"] = loglog_slope((ta.articles, sa), (tb.articles, sb))
    out["build_peak_rss"] = loglog_slope(
        (a.articles, a.one.peak_rss_mb), (b.articles, b.one.peak_rss_mb)
    )
    qa = {r.name: r.value for r in qrows.get(a.articles, []) if r.value and r.name != "query"}
    qb = {r.name: r.value for r in qrows.get(b.articles, []) if r.value and r.name != "query"}
    slopes = [loglog_slope((a.articles, qa[k]), (b.articles, qb[k])) for k in qa if k in qb]
    if slopes:
        out["query_latency"] = sum(slopes) / len(slopes)
        out["query_latency_queries"] = len(slopes)
    return {k: round(v, 3) for k, v in out.items() if math.isfinite(v)}


def run(opts: Options, log: Log = lambda _m: None) -> BenchResult:
    """Run the sections of ``opts``; every figure is measured beside its baseline.

    Raises
    ------
    OptionError
        On an unknown section or a tier below 1.
    """
    unknown = sorted(set(opts.only) - set(SECTIONS))
    if unknown:
        raise OptionError(f"unknown section(s) {', '.join(unknown)}: use {', '.join(SECTIONS)}")
    if opts.query_budget <= 0:
        raise OptionError(f"the query budget must be positive, got {opts.query_budget}")
    if opts.baseline_budget is not None and opts.baseline_budget <= 0:
        raise OptionError(f"the baseline budget must be positive, got {opts.baseline_budget}")
    if opts.baseline_stop <= 1:
        raise OptionError(
            f"the baseline stop must be above 1 (x our latency), got {opts.baseline_stop}"
        )
    if opts.query_limit is not None and opts.query_limit < 0:
        raise OptionError(f"the query row limit must be 0 or more, got {opts.query_limit}")
    if any(n < 1 for n in opts.articles):
        raise OptionError(f"tiers must be at least 1 article, got {list(opts.articles)}")
    start = time.perf_counter()
    result = BenchResult(machine_info())
    own_dir = opts.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="kg-bench-")) if own_dir else Path(opts.workdir or "")
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        _run(opts, workdir, result, log)
    finally:
        if own_dir:
            shutil.rmtree(workdir, ignore_errors=True)
    result.seconds = round(time.perf_counter() - start, 1)
    return result


def _run(opts: Options, workdir: Path, result: BenchResult, log: Log) -> None:
    from bench.corpus import NamePools, write_corpus

    only = set(opts.only)
    on_store = only & {"query", "export", "push"}
    tiers = sorted(set(opts.articles))
    needs_tiers = (
        bool(only & {"build", "batch", "scale"})
        or (on_store and opts.store is None)
        or opts.profile
    )
    built: list[BuildTier] = []
    query_rows_by_tier: dict[int, list[Row]] = {}
    if needs_tiers:
        pools = NamePools.load()
        for n in tiers:
            log(f"tier {n:,} articles")
            corpus = workdir / f"corpus-{n}"
            info = write_corpus(corpus, n, seed=opts.seed, pools=pools)
            result.corpus.append(
                {"articles": n, "words": info.words, "seed": opts.seed, "names": info.names}
            )
            log(f"  corpus: {info.words:,} words ({info.names})")
            if opts.profile and n == tiers[0]:
                _profile(corpus, workdir, opts.profile, log)
            if "batch" in only and n == tiers[0]:
                log("  batch sizes")
                result.rows += batch_rows(corpus, n, info.words, workdir / "batch", log=log)
            if "scale" in only:
                log("  Dask cluster and kg load")
                try:
                    result.rows += scale_rows(corpus, n, info.words, workdir / "scale", log=log)
                except (BenchError, ImportError, subprocess.CalledProcessError) as e:
                    result.rows.append(Row.missing("dask", str(e), articles=n))
            if "build" not in only and not (on_store and opts.store is None):
                continue
            try:
                tier = build_tier(
                    corpus,
                    n,
                    info.words,
                    workdir,
                    workers="build" in only and not opts.memory_only,
                    baseline="build" in only,
                    memory_only="build" in only and opts.memory_only,
                    apart=opts.apart,
                    log=log,
                )
            except (BenchError, ImportError) as e:
                result.rows.append(Row.missing("build", str(e), articles=n))
                continue
            built.append(tier)
            if "build" in only:
                result.rows += build_rows(tier)
            if opts.store is None:
                query_rows_by_tier.update(
                    _store_sections(tier.store, workdir, n, opts, result, log, last=n == tiers[-1])
                )
    if opts.store is not None and on_store:
        _store_sections(opts.store, workdir, None, opts, result, log)
    if "page" in only:
        log("page")
        result.rows += _page_rows(opts.page_nodes)
    result.growth = _growth(built, query_rows_by_tier)


def _store_sections(
    store: Path,
    workdir: Path,
    n: int | None,
    opts: Options,
    result: BenchResult,
    log: Log,
    *,
    last: bool = True,
) -> dict[int, list[Row]]:
    """The query, export and push sections on one store; the query rows by tier.

    ``last`` marks the last store of the run (where once-per-run checks go).
    """
    only = set(opts.only)
    by_tier: dict[int, list[Row]] = {}
    if "query" in only:
        from bench.query_bench import query_rows

        log("  queries")
        rows = query_rows(
            store,
            articles=n,
            budget=opts.query_budget,
            limit=opts.query_limit,
            baseline_budget=opts.baseline_budget,
            baseline_stop=opts.baseline_stop,
            workdir=workdir / "query",
            log=log,
        )
        result.rows += rows
        if n is not None:
            by_tier[n] = rows
    if "export" in only:
        log("  export")
        rows = _export_rows(store, workdir / "export", n, memory=last)
        result.rows += [_with_tier(r, n) for r in rows]
    if "push" in only:
        from bench.push_bench import push_rows

        log("  push")
        try:
            result.rows += push_rows(store, workdir / "push", articles=n)
        except Exception as e:  # a push that fails is a finding to report, not a crash
            result.rows.append(
                Row.missing("push", f"failed: {type(e).__name__}: {e}"[:200], articles=n)
            )
    return by_tier


def _with_tier(row: Row, n: int | None) -> Row:
    if row.articles is not None or n is None:
        return row
    return replace(row, articles=n)
