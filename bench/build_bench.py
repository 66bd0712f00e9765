"""``kg build`` against spaCy alone, two workers against one, and peak memory.

Every step runs in a fresh process (:mod:`bench._child`) on the same corpus folder:

1. spaCy alone: the model ``kg build`` loads (:func:`kg.extract.nlp.load_model`), ``nlp.pipe``
   over the same article bodies with the same batch size;
2. ``kg.pipeline.build.build(..., workers=1)``;
3. ``kg.pipeline.build.build(..., workers=2)`` (for ``build-workers``), whose store must hold
   exactly the quads of the one-worker store.

Steps 1 and 2 run **side by side** by default: the build at normal priority, spaCy alone at
``nice 19``, so the build has the machine as it would alone (spaCy gets only the CPU time the
build leaves unused) while spaCy alone, one thread, is timed by the CPU seconds of its timed
part: what its wall time is on a CPU of its own. ``apart=True`` runs them one after the other
and times spaCy by its wall clock (the check of that equivalence: ``docs/performance.md``).

Words per second are the corpus words over each step's seconds (model loading included on both
sides); peak RSS is the step process's ``ru_maxrss`` (``os.wait4``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.report import Row
from bench.steps import Step, run_step, run_steps_together

__all__ = [
    "BATCH_SIZES",
    "BUILD_TARGET",
    "MEMORY_TARGET_MB",
    "WORKERS_TARGET",
    "BuildTier",
    "batch_rows",
    "build_rows",
    "build_tier",
    "same_quads",
]

#: kg build words/s over spaCy alone.
BUILD_TARGET = 0.75
#: two workers over one.
WORKERS_TARGET = 1.6
#: peak RSS of a 10,000-article build, in MB.
MEMORY_TARGET_MB = 2048.0
MEMORY_TIER = 10_000


def same_quads(a: Path, b: Path) -> bool:
    """Whether two closed stores hold exactly the same quads (merged default graph included).

    Each store is dumped as N-Quads by Oxigraph (both at once: the dump runs without Python's
    lock) and the sorted lines are compared.
    """
    from concurrent.futures import ThreadPoolExecutor

    import pyoxigraph as ox

    def lines(path: Path) -> list[bytes]:
        data = ox.Store.read_only(str(path)).dump(format=ox.RdfFormat.N_QUADS)
        return sorted(data.splitlines()) if data else []

    with ThreadPoolExecutor(max_workers=2) as pool:
        la, lb = pool.map(lines, (a, b))
    return la == lb


@dataclass
class BuildTier:
    """The measurements of one tier, kept for the rows and the growth figures."""

    articles: int
    words: int
    store: Path
    spacy: Step | None = None
    one: Step | None = None
    two: Step | None = None
    identical: bool | None = None
    notes: list[str] = field(default_factory=list)
    #: spaCy alone and the build ran at the same time: only their peak memory counts
    memory_only: bool = False
    #: spaCy alone ran beside the build at nice 19: its CPU seconds are its time
    beside: bool = False

    def spacy_seconds(self) -> float | None:
        """spaCy alone's time on the tier: wall clock, or CPU seconds when run beside."""
        if self.spacy is None or self.memory_only:
            return None
        r = self.spacy.result
        return float(r["cpu_seconds"] if self.beside else r["seconds"])


def build_tier(
    corpus: Path,
    articles: int,
    words: int,
    workdir: Path,
    *,
    workers: bool = True,
    baseline: bool = True,
    memory_only: bool = False,
    apart: bool = False,
    default_date: str | None = "2017-01-01",
    log: Callable[[str], None] = lambda _m: None,
) -> BuildTier:
    """Measure spaCy alone, the one-worker build and (``workers``) the two-worker build.

    spaCy alone runs beside the one-worker build at ``nice 19`` (module docstring), or before
    it with ``apart``. With ``memory_only`` the two run at the same time at equal priority:
    their peak memory is what they would use alone, their timings are not, so the tier gives
    only the ``build-memory`` row (and the store for the other sections).
    """
    tier = BuildTier(articles, words, workdir / f"store-{articles}", memory_only=memory_only)
    batch = _build_batch_size()
    build_args = {"folder": str(corpus), "default_date": default_date, "workers": 1}
    spacy_args = {"folder": str(corpus), "batch_size": batch}
    one_args = {**build_args, "store": str(tier.store)}
    if memory_only:
        tier.spacy, tier.one = run_steps_together(
            [("spacy", spacy_args), ("build", one_args)], workdir
        )
        log(
            f"  spaCy alone and kg build side by side: peak {tier.spacy.peak_rss_mb:.0f} MB "
            f"and {tier.one.peak_rss_mb:.0f} MB"
        )
        return tier
    if baseline and not apart:
        tier.beside = True
        tier.one, tier.spacy = run_steps_together(
            [("build", one_args), ("spacy", spacy_args)], workdir, nice=(0, 19)
        )
        log(
            f"  kg build, 1 worker: {tier.one.result['seconds']:.1f} s; beside it spaCy alone: "
            f"{tier.spacy.result['cpu_seconds']:.1f} CPU-s ({tier.spacy.result['seconds']:.1f} s)"
        )
    else:
        if baseline:
            tier.spacy = run_step("spacy", spacy_args, workdir)
            log(f"  spaCy alone: {tier.spacy.result['seconds']:.1f} s")
        tier.one = run_step("build", one_args, workdir)
        log(f"  kg build, 1 worker: {tier.one.result['seconds']:.1f} s")
    if workers:
        store2 = workdir / f"store-{articles}-w2"
        tier.two = run_step("build", {**build_args, "store": str(store2), "workers": 2}, workdir)
        log(f"  kg build, 2 workers: {tier.two.result['seconds']:.1f} s")
        tier.identical = same_quads(tier.store, store2)
    return tier


def _build_batch_size() -> int | None:
    """The batch size ``kg build`` passes to ``nlp.pipe`` by default, when it declares one."""
    import inspect

    try:
        from kg.pipeline.build import build
    except ImportError:
        return None
    param = inspect.signature(build).parameters.get("batch_size")
    value = None if param is None else param.default
    return value if isinstance(value, int) else None


def build_rows(tier: BuildTier) -> list[Row]:
    """``build``, ``build-workers`` and ``build-memory`` rows of a measured tier."""
    rows: list[Row] = []
    n, one = tier.articles, tier.one
    if one is None:
        return [Row.missing("build", "the build did not run", articles=n)]
    words = int(one.result.get("words") or tier.words)
    t1 = one.result["seconds"]
    errors = one.result.get("errors", 0)
    err_note = f"; {errors} articles failed" if errors else ""
    # side by side (memory_only), spaCy alone is a memory baseline, not a speed one
    spacy = None if tier.memory_only else tier.spacy
    ts = tier.spacy_seconds()
    if spacy is not None and ts:
        how = (
            f"; spaCy ran beside the build at nice {spacy.result.get('nice')}, timed by its CPU "
            "seconds"
            if tier.beside
            else "; spaCy ran before the build"
        )
        rows.append(
            Row.higher(
                "build",
                value=words / t1,
                baseline=words / ts,
                unit="words/s",
                target=BUILD_TARGET,
                articles=n,
                note=f"{words:,} words; baseline spaCy nlp.pipe, batch "
                f"{spacy.result.get('batch')}{how}{err_note}",
            )
        )
    build_cpu = one.result.get("cpu_seconds")
    spacy_cpu = None if spacy is None else spacy.result.get("cpu_seconds")
    if build_cpu and spacy_cpu:
        # the build writes the store on a second thread: what it costs in CPU, not only in time
        rows.append(
            Row.higher(
                "build-cpu",
                value=words / build_cpu,
                baseline=words / spacy_cpu,
                unit="words/CPU-s",
                articles=n,
                note=f"user+system CPU of the timed part: build {build_cpu:.1f} s, spaCy alone "
                f"{spacy_cpu:.1f} s",
            )
        )
    if tier.two is not None:
        t2 = tier.two.result["seconds"]
        same = {True: "identical", False: "DIFFERENT", None: "not compared"}[tier.identical]
        rows.append(
            Row.higher(
                "build-workers",
                value=words / t2,
                baseline=words / t1,
                unit="words/s",
                target=WORKERS_TARGET,
                articles=n,
                note=f"2 workers vs 1 on {os.cpu_count()} CPUs; stores {same}",
            )
        )
    big = n >= MEMORY_TIER
    rows.append(
        Row.faster(
            "build-memory",
            value=one.peak_rss_mb,
            baseline=tier.spacy.peak_rss_mb if tier.spacy else None,
            unit="MB",
            target=MEMORY_TARGET_MB if big else None,
            target_on="value",
            articles=n,
            note="peak RSS, 1 worker; baseline spaCy alone"
            + ("; the two ran side by side (timings not reported)" if tier.memory_only else "")
            + ("" if big else f"; the 2 GB target is for {MEMORY_TIER:,} articles"),
        )
    )
    return rows


#: batch sizes the ``batch`` section compares
BATCH_SIZES = (4, 16, 64)


def batch_rows(
    corpus: Path,
    articles: int,
    words: int,
    workdir: Path,
    sizes: tuple[int, ...] = BATCH_SIZES,
    *,
    log: Callable[[str], None] = lambda _m: None,
) -> list[Row]:
    """``batch@N`` rows: the build (1 and 2 workers) and spaCy alone at each batch size.

    ``value`` is the one-worker build's words/s at that size, ``baseline`` spaCy alone's at
    the same size; the note gives the two-worker build's words/s. How ``kg build``'s default
    (16) was chosen: ``docs/performance.md``.
    """
    rows: list[Row] = []
    for size in sizes:
        spacy = run_step("spacy", {"folder": str(corpus), "batch_size": size}, workdir)
        speeds = {}
        for w in (1, 2):
            store = workdir / f"store-batch-{size}-w{w}"
            args = {
                "folder": str(corpus),
                "store": str(store),
                "workers": w,
                "batch_size": size,
                "default_date": "2017-01-01",
            }
            speeds[w] = words / run_step("build", args, workdir).result["seconds"]
        base = words / spacy.result["seconds"]
        log(f"  batch {size}: spaCy {base:,.0f}, build {speeds[1]:,.0f} / {speeds[2]:,.0f} words/s")
        rows.append(
            Row.higher(
                f"batch@{size}",
                value=speeds[1],
                baseline=base,
                unit="words/s",
                articles=articles,
                note=f"1-worker build vs spaCy alone at batch {size}; 2 workers "
                f"{speeds[2]:,.0f} words/s",
            )
        )
    return rows
