"""``python -m bench``: run the benchmarks, print the table, write the JSON file.

Examples::

    python -m bench                                  # 100- and 1,000-article tiers, all sections
    python -m bench --articles 100 --only build,query --json bench.json
    python -m bench --articles 10000 --only build    # includes the 2 GB peak-memory check
    python -m bench --articles 10000 --only build,query,export --memory-only
    python -m bench --only query,push --store kg-store
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.query_targets import BASELINE_STOP
from bench.report import format_table, write_json
from bench.runner import (
    DEFAULT_SECTIONS,
    DEFAULT_TIERS,
    PAGE_NODES,
    SECTIONS,
    OptionError,
    Options,
    run,
)

__all__ = ["main"]


def _sections(text: str) -> tuple[str, ...]:
    names = tuple(s.strip() for s in text.split(",") if s.strip())
    unknown = [s for s in names if s not in SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {', '.join(unknown) or '(none given)'}: "
            f"use a comma-separated list of {', '.join(SECTIONS)}"
        )
    return names


def _parser() -> argparse.ArgumentParser:
    """The parser of ``python -m bench``: what to run and on what, then each section's options.

    Returns
    -------
    argparse.ArgumentParser
    """
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmarks of conflict-kg, each figure beside its baseline in the same run.",
    )
    p.add_argument(
        "--articles",
        type=int,
        nargs="+",
        default=list(DEFAULT_TIERS),
        metavar="N",
        help="corpus tiers (default: %(default)s)",
    )
    p.add_argument(
        "--only",
        type=_sections,
        default=DEFAULT_SECTIONS,
        metavar="LIST",
        help=f"sections to run, comma-separated, of {','.join(SECTIONS)} "
        f"(default: {','.join(DEFAULT_SECTIONS)})",
    )
    p.add_argument("--json", type=Path, metavar="FILE", help="write the results as JSON here")
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    p.add_argument(
        "--workdir", type=Path, metavar="DIR", help="keep corpora and stores here (default: temp)"
    )
    p.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="run query/export/push on this existing store instead of building the tiers",
    )
    _add_section_options(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on standard error")
    return p


def _add_section_options(p: argparse.ArgumentParser) -> None:
    """The options that tune one section each: build, page and query.

    Parameters
    ----------
    p : argparse.ArgumentParser
        The parser of ``python -m bench``, which takes them in this order.
    """
    p.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="write a cProfile summary of a build of the smallest tier to FILE",
    )
    p.add_argument(
        "--page-nodes",
        type=int,
        nargs="+",
        default=list(PAGE_NODES),
        metavar="N",
        help="graph sizes of the page section (default: %(default)s)",
    )
    p.add_argument(
        "--query-budget",
        type=float,
        default=1.0,
        metavar="S",
        help="seconds to time each query on our store; rdflib gets at most five times as long "
        "(default: %(default)s)",
    )
    p.add_argument(
        "--baseline-budget",
        type=float,
        default=None,
        metavar="S",
        help="at most S seconds for rdflib on one query (default: 5 x --query-budget); it is "
        "stopped sooner, at --baseline-stop x our latency, once the target is settled",
    )
    p.add_argument(
        "--baseline-stop",
        type=float,
        default=BASELINE_STOP,
        metavar="R",
        help="stop rdflib at R x our latency; its ratio is then the lower bound R (default: "
        "%(default)s, twice the per-query target; above 40 the geometric mean can show its "
        "target of 40 when a query is below it)",
    )
    p.add_argument(
        "--query-limit",
        type=int,
        default=100,
        metavar="N",
        help="rows each query section reads, the same on both sides (default: %(default)s, "
        "kg query's table on a terminal; 0: every row)",
    )
    p.add_argument(
        "--memory-only",
        action="store_true",
        help="build section: only peak memory, spaCy alone and the build side by side "
        "(for the 10,000-article tier: half the time, no speed rows)",
    )
    p.add_argument(
        "--apart",
        action="store_true",
        help="build section: run spaCy alone before the build and time it by the clock, "
        "instead of beside the build at nice 19 timed by its CPU seconds",
    )


def main(argv: list[str] | None = None) -> int:
    """Parse options, run, print the table (and write ``--json``). Returns the exit status."""
    args = _parser().parse_args(argv)
    if args.store is not None and not (args.store / "CURRENT").exists():
        print(
            f"error: --store {args.store} does not hold a store: build one first", file=sys.stderr
        )
        return 2
    opts = Options(
        articles=tuple(args.articles),
        only=args.only,
        seed=args.seed,
        workdir=args.workdir,
        store=args.store,
        profile=args.profile,
        page_nodes=tuple(args.page_nodes),
        query_budget=args.query_budget,
        query_limit=args.query_limit or None,
        baseline_budget=args.baseline_budget,
        baseline_stop=args.baseline_stop,
        memory_only=args.memory_only,
        apart=args.apart,
    )

    start = time.monotonic()

    def log(msg: str) -> None:
        if not args.quiet:
            elapsed = int(time.monotonic() - start)
            print(f"[{elapsed // 60:2d}:{elapsed % 60:02d}] {msg}", file=sys.stderr, flush=True)

    try:
        result = run(opts, log)
    except OptionError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(format_table(result.rows))
    if result.growth:
        print(
            "\ngrowth exponents (cost ∝ articles^k): "
            + ", ".join(f"{k} {v:.2f}" for k, v in result.growth.items())
        )
    if args.json:
        write_json(args.json, result.machine, result.rows, **result.extra())
        log(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
