"""Where a build's CPU time goes, from a py-spy sampling profile.

``py-spy record --format raw`` writes one line per distinct stack: the frames from the
outermost to the innermost, separated by ``;``, then a space and how many samples had that
stack. :func:`summarise` files every sample under one **stage** of the build. Loading the
model and computing the derived graph count with everything they call (:data:`ENCLOSING`);
otherwise the innermost frame that marks a stage decides (a frame of spaCy's
``Language.pipe`` inside the build's extraction loop is spaCy's; a frame of our attribute
rules inside spaCy's pipe is ours).
py-spy leaves out threads it sees idle, but not all of them: a thread blocked on a lock or
a queue (the writer thread waiting for the next graph, a pool's result thread) can still be
sampled. Stacks that end waiting (:data:`IDLE`) are therefore not counted, so the shares are
shares of CPU time, the writer thread's work included.

Run ``python -m bench --profile FILE`` (py-spy when it is installed, else cProfile), or on a
raw file you recorded yourself::

    py-spy record -r 100 -f raw -o build.txt -- kg build data/samples --store /tmp/s
    python -m bench.spy build.txt

Examples
--------
>>> raw = [
...     "<module> (kg:8);build (kg/build.py:150);Language.pipe (spacy/language.py:1576) 70",
...     "<module> (kg:8);build (kg/build.py:160);extract (kg/extract/events.py:40) 20",
...     "_run (kg/rdf/store.py:500);extend (pyoxigraph) 10",
...     "_run (kg/rdf/store.py:458);Queue.get (queue.py:171);Condition.wait (threading.py:1) 50",
... ]
>>> [(s.stage, s.samples) for s in summarise(raw)]
[('spaCy pipeline (the model)', 70), ('extraction rules', 20), ('store writes', 10)]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ENCLOSING", "IDLE", "STAGES", "StageShare", "format_shares", "summarise"]

#: stages that own everything below them on the stack (outermost match wins)
ENCLOSING: tuple[tuple[str, str], ...] = (
    ("loading the model and gazetteer", r"^(load_model|_load_nlp|load_nlp|Extractor\.__init__) "),
    (
        "derived graph and counts",
        r"^(KGStore\.)?(finish_build|refresh_derived|store_counts|refresh_merged) \(",
    ),
)
#: (stage, pattern a frame must match); a stack's innermost matching frame names its stage
STAGES: tuple[tuple[str, str], ...] = (
    ("reading articles", r"\(kg/ingest/"),
    ("spaCy pipeline (the model)", r"^(Language\.pipe|Language\.__call__|_pipe) \("),
    ("gazetteer rulers", r"\(spacy/pipeline/entityruler\.py"),
    ("our spaCy components", r"^(acronym_norms|paragraph_breaks) \("),
    ("attribute rules (kg_attributes)", r"\(kg/extract/attributes\.py"),
    ("extraction rules", r"\(kg/extract/(?!nlp\.py|attributes\.py|consolidate\.py)"),
    ("cross-article consolidation", r"\(kg/extract/consolidate\.py"),
    ("derived graph and counts", r"\(kg/rdf/graphfacts\.py"),
    ("article triples", r"\(kg/rdf/(write|iri)\.py"),
    ("store writes", r"\(kg/rdf/store\.py"),
)
#: a stack with such a frame is a thread waiting, not working
IDLE = re.compile(
    r"^(Condition\.wait|Event\.wait|Thread\.join|Queue\.get|SimpleQueue\.get|"
    r"(Apply|Async|Map)Result\.(get|wait)|_wait_for_tstate_lock|select|poll|sleep) \("
)
_ENCLOSING = [(stage, re.compile(p)) for stage, p in ENCLOSING]
_COMPILED = [(stage, re.compile(p)) for stage, p in STAGES]
OTHER = "other (start-up, imports, Python)"


@dataclass(frozen=True)
class StageShare:
    """Samples of one stage and their share of all samples."""

    stage: str
    samples: int
    share: float


def _stage(frames: list[str]) -> str:
    for frame in frames:
        for stage, pattern in _ENCLOSING:
            if pattern.search(frame):
                return stage
    for frame in reversed(frames):
        for stage, pattern in _COMPILED:
            if pattern.search(frame):
                return stage
    return OTHER


def summarise(raw: Iterable[str]) -> list[StageShare]:
    """Samples per stage of py-spy ``raw`` lines, most first.

    Lines that are not ``stack count`` are skipped, and so are stacks of a waiting thread.
    """
    counts: Counter[str] = Counter()
    for line in raw:
        stack, _, n = line.rstrip("\n").rpartition(" ")
        if not stack or not n.isdigit():
            continue
        frames = stack.split(";")
        if any(IDLE.search(f) for f in frames):
            continue
        counts[_stage(frames)] += int(n)
    total = sum(counts.values()) or 1
    return [StageShare(s, n, n / total) for s, n in counts.most_common()]


def format_shares(shares: list[StageShare]) -> str:
    """A Markdown table of :func:`summarise`'s result."""
    lines = ["| stage | samples | share |", "|---|---|---|"]
    lines += [f"| {s.stage} | {s.samples:,} | {s.share:.1%} |" for s in shares]
    total = sum(s.samples for s in shares)
    lines.append(f"| all | {total:,} | 100% |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.spy RAW``: print the table of a raw py-spy file."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m bench.spy RAW_PYSPY_FILE", file=sys.stderr)
        return 2
    path = Path(args[0])
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        print(f"error: cannot read {path}: {e.strerror}", file=sys.stderr)
        return 2
    print(format_shares(summarise(text.splitlines())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
