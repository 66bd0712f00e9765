"""Helpers of the ``kg viz`` tests (``test_viz_*.py``)."""

from __future__ import annotations

from kg.viz.model import Edge, Node, View


def grid_view(n: int) -> View:
    """A view of ``n`` armed groups, each fighting one other: a graph of any size."""
    nodes = [Node(f"n{i:04d}", f"Actor {i}", "actor", ("ArmedGroup",)) for i in range(n)]
    edges = [Edge(f"e{i}", f"n{i:04d}", f"n{(i * 7 + 1) % n:04d}", "fights") for i in range(n)]
    return View(nodes, edges, {}, {}, 0)
