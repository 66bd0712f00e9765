"""Plain-text tables and node descriptions shared by the analyses (no I/O).

Examples
--------
>>> print(table(["actor", "score"], [["Iran", "0.5"], ["United States", "1.25"]]))
actor          score
-------------  -----
Iran           0.5
United States  1.25
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from kg.rdf.read import ActorInfo

__all__ = ["node_info", "table"]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Left-aligned columns separated by two spaces, under a dashed rule."""
    cells = [[str(h) for h in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def node_info(g: nx.Graph, n: str) -> ActorInfo:
    """The :class:`ActorInfo` of node ``n`` from its attributes (label defaults to ``n``)."""
    data = g.nodes[n] if n in g else {}
    return ActorInfo(n, str(data.get("label", n)), tuple(data.get("classes", ())))
