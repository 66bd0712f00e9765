"""Bringing a store's merged default graph back to the union of its named graphs, in bounded
batches: never one transaction holding every triple of the store.

:class:`~kg.rdf.store.KGStore` keeps the merge exact write by write; what it cannot follow (a
SPARQL update, which may change any graph, or a store whose merge is missing or that a stopped
build left unfinished) is repaired here by the exact difference between the two sides, read
by two queries that stream from a snapshot of the store while the repair writes:

- the triples of the default graph that no named graph states leave it (:func:`remove_orphans`):
  those of a dropped graph or a deleted triple, and those written to the default graph
  directly, which is the merge and holds nothing of its own; when most of the default graph
  goes (``CLEAR NAMED``, most graphs dropped), it is emptied at once instead and what stays
  is merged again with the rest;
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
_COUNT_ORPHANS = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
)
_COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
_COUNT_NAMED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_MISSING = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"


@dataclass(frozen=True)
class MergeChange:
    """What a repair changed in the merged default graph (triples added and removed)."""

    added: int = 0
    removed: int = 0


def _noop(n: int) -> None:
    """The default ``written`` callback: nothing to count."""


def _count(store: ox.Store, sparql: str) -> int:
    """The number a ``SELECT (COUNT(*) AS ?n)`` query gives."""
    return int(next(iter(store.query(sparql)))[0].value)  # type: ignore[arg-type]


def remove_orphans(
    store: ox.Store, *, batch: int = MERGE_BATCH, written: Callable[[int], None] = _noop
) -> tuple[int, int]:
    """Take out of the default graph every triple no named graph states.

    They are removed one by one (Oxigraph deletes quad by quad, in a transaction or not:
    batching the removals in ``DELETE DATA`` updates measured no faster), after a flush (the
    removals of a large update, held in memory, slow the scan's lookups about fourfold). Once
    ``batch`` have gone, the default graph and the named graphs are counted: when the named
    graphs hold fewer quads than half of it, more than half of it goes (``CLEAR NAMED``, most
    graphs dropped), and it is emptied at once instead (a range deletion); the triples it held
    that a named graph still states (``cleared``) must then be merged again
    (:func:`add_missing`), as :func:`repair_merge` does.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store (its default graph the merge, not the union).
    batch : int
        Call ``written`` after each ``batch`` removals (the caller flushes to disk there).
    written : callable
        Told how many quads were removed since it was last called.

    Returns
    -------
    removed, cleared : int
        The triples that left the merge, and those emptied with them that are to come back.

    Examples
    --------
    >>> s = ox.Store()
    >>> p = ox.NamedNode("urn:p")
    >>> s.extend([ox.Quad(p, p, ox.Literal(str(i))) for i in range(5)])
    >>> s.add(ox.Quad(p, p, ox.Literal("0"), ox.NamedNode("urn:g")))  # "1" to "4": orphans
    >>> remove_orphans(s, batch=2)  # after 2 of 4, 1 named quad < 3/2: the rest emptied
    (4, 1)
    >>> add_missing(s)
    1
    """
    store.flush()
    removed = 0
    # the query reads a snapshot: removing the rows it gave does not disturb it
    for row in store.query(_ORPHANS):  # type: ignore[union-attr]
        store.remove(ox.Quad(row[0], row[1], row[2]))
        removed += 1
        if removed % batch == 0:
            written(batch)
            emptied = _empty_if_most_goes(store) if removed == batch else None
            if emptied is not None:
                return removed + emptied[0], emptied[1]
    written(removed % batch)
    return removed, 0


def _empty_if_most_goes(store: ox.Store) -> tuple[int, int] | None:
    """Empty the default graph when the named graphs hold fewer quads than half of it (they
    state at most that many of its triples: more than half goes); returns how many of its
    triples no named graph states and how many it held that one does, or None (it is kept)."""
    size = _count(store, _COUNT_DEFAULT)
    if 2 * _count(store, _COUNT_NAMED) >= size:
        return None
    store.flush()
    orphans = _count(store, _COUNT_ORPHANS)
    store.clear_graph(ox.DefaultGraph())
    store.flush()  # the lookups of the merge again then skip no deleted range in memory
    return orphans, size - orphans


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
    removed, cleared = remove_orphans(store, batch=batch, written=written)
    added = add_missing(store, batch=batch, written=written)
    return MergeChange(added=added - cleared, removed=removed)
