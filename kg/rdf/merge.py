"""Bringing a store's merged default graph back to the union of its named graphs, in bounded
batches: never one transaction holding every triple of the store.

:class:`~kg.rdf.store.KGStore` keeps the merge exact write by write; what it cannot follow (a
SPARQL update, which may change any graph, or a store whose merge is missing or that a stopped
build left unfinished) is repaired here by the exact difference between the two sides, read
by two queries that stream from a snapshot of the store while the repair writes:

- the triples of the default graph that no named graph states leave it (:func:`remove_orphans`):
  those of a dropped graph or a deleted triple, and those written to the default graph
  directly, which is the merge and holds nothing of its own;
- then each named graph's triples that the default graph lacks join it
  (:func:`add_missing`), one graph at a time, at most ``batch`` quads a transaction.

A repair that finds nothing to do writes nothing; its cost is one index lookup per quad of the
store (the two scans), its memory the batch.

Examples
--------
>>> s = ox.Store()
>>> a, p = ox.NamedNode("urn:a"), ox.NamedNode("urn:p")
>>> s.add(ox.Quad(a, p, ox.Literal("in g"), ox.NamedNode("urn:g")))
>>> s.add(ox.Quad(a, p, ox.Literal("stray")))  # the default graph: stated by no named graph
>>> repair_merge(s)
MergeChange(added=1, removed=1)
>>> [str(q.object) for q in s.quads_for_pattern(None, None, None, ox.DefaultGraph())]
['"in g"']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["MERGE_BATCH", "MergeChange", "add_missing", "remove_orphans", "repair_merge"]

#: quads written in one transaction while the merge is repaired
MERGE_BATCH = 10_000

#: triples of the default graph that no named graph states (``GRAPH ?g`` sees named graphs only)
_ORPHANS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
#: triples of the named graph ``?g`` (bound by substitution) missing from the default graph
_MISSING = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"


@dataclass(frozen=True)
class MergeChange:
    """What a repair changed in the merged default graph (triples added and removed)."""

    added: int = 0
    removed: int = 0


def _noop(n: int) -> None:
    """The default ``written`` callback: nothing to count."""


def remove_orphans(
    store: ox.Store, *, batch: int = MERGE_BATCH, written: Callable[[int], None] = _noop
) -> int:
    """Take out of the default graph every triple no named graph states; returns how many.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store (its default graph the merge, not the union).
    batch : int
        Call ``written`` after each ``batch`` removals (the caller flushes to disk there).
    written : callable
        Told how many quads were removed since it was last called.
    """
    n = 0
    # the query reads a snapshot: removing the rows it gave does not disturb it
    for n, row in enumerate(store.query(_ORPHANS), 1):  # type: ignore[arg-type]
        store.remove(ox.Quad(row[0], row[1], row[2]))
        if n % batch == 0:
            written(batch)
    written(n % batch)
    return n


def add_missing(
    store: ox.Store, *, batch: int = MERGE_BATCH, written: Callable[[int], None] = _noop
) -> int:
    """Add to the default graph each triple of a named graph that it lacks, graph by graph,
    at most ``batch`` quads a transaction; returns how many were added.

    Parameters are those of :func:`remove_orphans`.
    """
    added = 0
    pending: list[ox.Quad] = []

    def write() -> None:
        nonlocal added
        store.extend(pending)
        added += len(pending)
        written(len(pending))
        pending.clear()

    for g in list(store.named_graphs()):
        # a triple missing from the default graph is found in each graph stating it, unless
        # an earlier graph's batch added it before this graph's query began: write each
        # graph's last batch before the next query, so that each is added once
        rows = store.query(_MISSING, substitutions={ox.Variable("g"): g})
        for row in rows:  # type: ignore[union-attr]
            pending.append(ox.Quad(row[0], row[1], row[2]))
            if len(pending) >= batch:
                write()
        if pending:
            write()
    return added


def repair_merge(
    store: ox.Store, *, batch: int = MERGE_BATCH, written: Callable[[int], None] = _noop
) -> MergeChange:
    """Make the default graph of ``store`` the merge of its named graphs (every triple once),
    changing only what differs, in batches (:func:`remove_orphans`, then :func:`add_missing`).

    Not atomic: the caller marks the store unfinished meanwhile
    (:meth:`~kg.rdf.store.KGStore.refresh_merged` does).
    """
    removed = remove_orphans(store, batch=batch, written=written)
    added = add_missing(store, batch=batch, written=written)
    return MergeChange(added=added, removed=removed)
