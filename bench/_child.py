"""One measured step in a fresh process: ``python -m bench._child KIND ARGS.json RESULT.json``.

Running each build (and its spaCy baseline) in its own process keeps model caches from one
measurement out of the next and gives each its own peak RSS (read by the parent with
``os.wait4``). Imports are done before the clock starts, so both sides time the same work:
loading the model and processing the texts.

Kinds:

- ``spacy``: ``{"folder", "batch_size"}`` → spaCy's ``nlp.pipe`` over the article bodies;
- ``build``: ``{"folder", "store", "workers", "default_date", "profile", "batch_size",
  "engine"}`` → ``kg.pipeline.build.build`` (``"engine": "dask"``:
  ``kg.scale.dask_engine.dask_build``, on a local Dask cluster of ``workers``);
- ``shards``: ``{"folder", "shards", "workers", "default_date"}`` →
  ``kg.scale.shards.build_shards`` on a local Dask cluster;
- ``load``: ``{"shards", "store"}`` → ``kg.scale.load.load_shards``;
- ``queries``: ``{"store", "queries", "budget", "direct_budget", "progress", "limit"}`` →
  median latency of each query on the store as ``kg query`` runs it (``Target.run``: at most
  ``limit`` rows converted, ``None`` for all) and of pyoxigraph alone reading every row, one
  JSON line per query appended to ``progress`` as it is timed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["article_bodies", "main"]


def article_bodies(folder: Path) -> Iterator[str]:
    """The text of each ``.txt`` file in ``folder`` (sorted), without its YAML front matter."""
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\n---\n" in text[3:]:
            text = text[3:].split("\n---\n", 1)[1]
        yield text.strip()


def _spacy(args: dict[str, Any]) -> dict[str, Any]:
    import spacy  # noqa: F401  (imported before the clock starts)

    from kg.extract.nlp import load_model

    t0, c0 = time.perf_counter(), time.process_time()
    nlp = load_model()
    batch = args.get("batch_size") or nlp.batch_size
    docs = tokens = 0
    for doc in nlp.pipe(article_bodies(Path(args["folder"])), batch_size=batch):
        docs += 1
        tokens += len(doc)
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": time.process_time() - c0,
        "nice": os.nice(0),
        "docs": docs,
        "tokens": tokens,
        "batch": batch,
    }


def _build(args: dict[str, Any]) -> dict[str, Any]:
    import inspect

    import spacy  # noqa: F401  (imported before the clock starts)

    from kg.pipeline.build import build

    default_batch = inspect.signature(build).parameters["batch_size"].default

    def run() -> Any:
        run_build: Callable[..., Any] = build
        if args.get("engine", "local") == "dask":
            from kg.scale.dask_engine import dask_build

            run_build = dask_build
        return run_build(
            [Path(args["folder"])],
            Path(args["store"]),
            default_date=args.get("default_date"),
            workers=int(args.get("workers", 1)),
            batch_size=int(args.get("batch_size") or default_batch),
        )

    t0, c0 = time.perf_counter(), time.process_time()
    if args.get("profile"):
        import cProfile

        prof = cProfile.Profile()
        report = prof.runcall(run)
        prof.dump_stats(args["profile"])
    else:
        report = run()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "nice": os.nice(0),
        "articles": report.articles,
        "words": report.words,
        "facts": dict(report.facts),
        "errors": len(report.errors),
        "first_errors": [list(e) for e in report.errors[:3]],
        "report_seconds": report.seconds,
    }


def _shards(args: dict[str, Any]) -> dict[str, Any]:
    import spacy  # noqa: F401  (imported before the clock starts)

    from kg.scale.shards import build_shards

    t0 = time.perf_counter()
    report = build_shards(
        [Path(args["folder"])],
        Path(args["shards"]),
        default_date=args.get("default_date"),
        workers=int(args.get("workers", 2)),
    )
    return {"seconds": time.perf_counter() - t0, "articles": report.articles}


def _load(args: dict[str, Any]) -> dict[str, Any]:
    import pyoxigraph  # noqa: F401  (imported before the clock starts)

    from kg.scale.load import load_shards

    t0, c0 = time.perf_counter(), time.process_time()
    report = load_shards(Path(args["shards"]), Path(args["store"]))
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": time.process_time() - c0,
        "articles": report.articles,
    }


def _queries(args: dict[str, Any]) -> dict[str, Any]:
    """Time each of ``args["queries"]`` (``[name, text]`` pairs) on one open store.

    Each query's result is appended to ``args["progress"]`` (a JSON line) as soon as it is
    timed, so a parent that stops this process on a query past its limit keeps the others.
    """
    import pyoxigraph as ox

    from bench.query_bench import time_call
    from kg.query.run import Target
    from kg.query.sparql import classify
    from kg.rdf.store import KGStore

    st = KGStore(args["store"], read_only=True, must_exist=True)
    target = Target(store=st, timeout=None)
    budget, direct_budget = float(args["budget"]), float(args["direct_budget"])
    limit = args.get("limit")
    results: dict[str, Any] = {}
    with open(args["progress"], "a", encoding="utf-8") as progress:
        for name, text in args["queries"]:
            form = classify(text, source=name).form  # kg query's check, before its run

            def as_kg_query(text: str = text, form: str = form) -> int:
                res = target.run(text, form, limit)
                return len(res.rows) if form == "SELECT" else 1

            def via_pyoxigraph(text: str = text) -> int:
                res = st.ox_query(text)
                return 1 if isinstance(res, ox.QueryBoolean) else len(list(res))

            seconds, rows, reps = time_call(as_kg_query, budget, 50)
            direct, every, _reps = time_call(via_pyoxigraph, direct_budget, 50)
            results[name] = {
                "seconds": seconds,
                "rows": rows,
                "reps": reps,
                "direct": direct,
                "all_rows": every,
            }
            progress.write(json.dumps({"name": name, **results[name]}) + "\n")
            progress.flush()
    return results


def main(argv: list[str] | None = None) -> int:
    """Run one step; write its JSON result. Exit status 0 on success."""
    kind, args_path, out_path = argv or sys.argv[1:]
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    kinds = {"spacy": _spacy, "build": _build, "shards": _shards, "load": _load}
    result = {**kinds, "queries": _queries}[kind](args)
    Path(out_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
