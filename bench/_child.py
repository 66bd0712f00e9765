"""One measured step in a fresh process: ``python -m bench._child KIND ARGS.json RESULT.json``.

Running each build (and its spaCy baseline) in its own process keeps model caches from one
measurement out of the next and gives each its own peak RSS (read by the parent with
``os.wait4``). Imports are done before the clock starts, so both sides time the same work:
loading the model and processing the texts.

Kinds:

- ``spacy``: ``{"folder", "batch_size"}`` → spaCy's ``nlp.pipe`` over the article bodies;
- ``build``: ``{"folder", "store", "workers", "default_date", "profile", "batch_size"}`` →
  ``kg.build.build``;
- ``query``: ``{"store", "text", "budget"}`` → median latency of one query on the store, through
  rdflib's API (as ``kg query`` runs it) and through pyoxigraph alone.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
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

    t0 = time.perf_counter()
    nlp = load_model()
    batch = args.get("batch_size") or nlp.batch_size
    docs = tokens = 0
    for doc in nlp.pipe(article_bodies(Path(args["folder"])), batch_size=batch):
        docs += 1
        tokens += len(doc)
    return {"seconds": time.perf_counter() - t0, "docs": docs, "tokens": tokens, "batch": batch}


def _build(args: dict[str, Any]) -> dict[str, Any]:
    import inspect

    import spacy  # noqa: F401  (imported before the clock starts)

    from kg.build import build

    default_batch = inspect.signature(build).parameters["batch_size"].default

    def run() -> Any:
        return build(
            [Path(args["folder"])],
            Path(args["store"]),
            default_date=args.get("default_date"),
            workers=int(args.get("workers", 1)),
            batch_size=int(args.get("batch_size") or default_batch),
        )

    t0 = time.perf_counter()
    if args.get("profile"):
        import cProfile

        prof = cProfile.Profile()
        report = prof.runcall(run)
        prof.dump_stats(args["profile"])
    else:
        report = run()
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "articles": report.articles,
        "words": report.words,
        "facts": dict(report.facts),
        "errors": len(report.errors),
        "first_errors": [list(e) for e in report.errors[:3]],
        "report_seconds": report.seconds,
    }


def _query(args: dict[str, Any]) -> dict[str, Any]:
    from bench.query_bench import time_call
    from kg.rdf.store import KGStore

    st = KGStore(args["store"], read_only=True, must_exist=True)
    text, budget = args["text"], float(args["budget"])

    def via_rdflib_api() -> int:
        return len(list(st.query(text)))

    def via_pyoxigraph() -> int:
        res = st.ox_query(text)
        return len(list(res))

    seconds, rows, reps = time_call(via_rdflib_api, budget, 50)
    direct = time_call(via_pyoxigraph, budget, 50)[0]
    return {"seconds": seconds, "rows": rows, "reps": reps, "direct": direct}


def main(argv: list[str] | None = None) -> int:
    """Run one step; write its JSON result. Exit status 0 on success."""
    kind, args_path, out_path = argv or sys.argv[1:]
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    result = {"spacy": _spacy, "build": _build, "query": _query}[kind](args)
    Path(out_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
