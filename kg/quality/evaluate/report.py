"""Rendering scores: :func:`format_result` (an aligned table or JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from kg.errors import InputError
from kg.quality.evaluate.gold import (
    SECTIONS,
)
from kg.quality.evaluate.score import (
    PRF,
    EvalResult,
)


def _table(rows: Iterable[tuple[str, ...]]) -> list[str]:
    rows = list(rows)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    ]


def format_result(result: EvalResult, fmt: str = "table", *, show_errors: bool = False) -> str:
    """Render scores as an aligned ``"table"`` or as ``"json"``.

    With ``show_errors`` the table is followed by the missed and spurious facts (JSON always
    has them).

    Raises
    ------
    InputError
        When ``fmt`` is neither ``"table"`` nor ``"json"``.
    """
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    if fmt != "table":
        raise InputError(f"unknown eval format {fmt!r}: use 'table' or 'json'")

    def row(name: str, p: PRF, extra: str = "") -> tuple[str, ...]:
        return (
            name,
            str(p.tp),
            str(p.fp),
            str(p.fn),
            f"{p.precision:.3f}",
            f"{p.recall:.3f}",
            f"{p.f1:.3f}",
            extra,
        )

    rows: list[tuple[str, ...]] = [("section", "tp", "fp", "fn", "P", "R", "F1", "class ok")]
    sections = result.sections
    for s in SECTIONS:
        extra = ""
        if s in ("actors", "places"):
            ok, n = result.class_agreement(s)
            extra = f"{ok}/{n}"
        rows.append(row(s, sections[s], extra))
        if s in ("relations", "events"):
            rows += [row("  " + t, p) for t, p in result.by_type(s).items()]
    rows.append(row("micro (all facts)", result.micro))
    lines = [f"{len(result.articles)} article(s)", *_table(rows)]
    checks = result.relation_dates
    if checks:
        ok = sum(1 for d in checks if d.agrees)
        lines.append(
            f"relation dates (not scored): {ok} of {len(checks)} matched relations with "
            "gold dates agree"
        )
    if show_errors:
        for title, items in (("missed", result.missed), ("spurious", result.spurious)):
            lines.append(f"\n{title} ({len(items)}):")
            for m in items:
                text = f'  "{m.text}"' if m.text else ""
                lines.append(f"  [{m.article}] {m.section}/{m.type}: {m.fact}{text}")
        bad = [d for d in checks if not d.agrees]
        lines.append(f"\nrelation dates that disagree ({len(bad)}):")
        lines += [f"  [{d.article}] {d.fact}: gold {d.gold}, system {d.system}" for d in bad]
    return "\n".join(lines)
