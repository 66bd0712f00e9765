"""Writing named graphs of a :class:`~kg.rdf.store.KGStore` on a background thread, so that a
build parses the next articles while the previous ones are written."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from rdflib import URIRef
from rdflib.term import Node

from kg.errors import StoreError

__all__ = ["GraphStore", "GraphWriter"]


class GraphStore(Protocol):
    """What a :class:`GraphWriter` needs of its store (:class:`~kg.rdf.store.KGStore` has it):
    named without importing the store, which itself hands out writers."""

    path: Path | None

    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Replace the named graph ``graph`` with ``triples``."""


class GraphWriter:
    """Replaces named graphs of a :class:`KGStore` on a background thread.

    Oxigraph writes without holding Python's lock, so a build can parse the next articles
    while the previous ones are written. Graphs are written in the order they were given;
    a failed write is raised again by the next :meth:`put` or by :meth:`close`, and nothing
    is written after it. Use it as a context manager, and do not use the store from another
    thread until it is closed.

    Parameters
    ----------
    store : GraphStore
        The store to write to.
    depth : int
        Graphs waiting to be written before :meth:`put` blocks (bounds memory).

    Examples
    --------
    >>> from rdflib import RDFS, Literal
    >>> from kg.rdf.namespace import CKG, GRAPH
    >>> from kg.rdf.store import KGStore
    >>> with KGStore(None) as st:
    ...     with st.writer() as w:
    ...         w.put(GRAPH["demo"], [(CKG.backs, RDFS.label, Literal("backs"))])
    ...     len(st)
    1
    """

    _DONE = object()

    def __init__(self, store: GraphStore, depth: int = 64) -> None:
        self.store = store
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max(1, depth))
        self._error: BaseException | None = None
        self._failed = False  # stays set once a write failed: nothing more is written
        self._thread = threading.Thread(target=self._run, name="kg-graph-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is self._DONE:
                return
            if not self._failed:
                graph, triples = item
                try:
                    self.store.replace_graph(graph, triples)
                except BaseException as e:  # handed to the caller's thread
                    self._error, self._failed = e, True

    def _raise(self) -> None:
        if self._error is not None:
            err, self._error = self._error, None
            if isinstance(err, OSError):
                raise StoreError(f"writing to the store {self.store.path} failed: {err}") from err
            raise err

    def put(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Queue ``graph`` to be replaced with ``triples`` (blocks while the queue is full)."""
        self._raise()
        self._queue.put((graph, triples))

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(self._DONE)
            self._thread.join()

    def close(self) -> None:
        """Wait until every queued graph is written; raise the first write error."""
        self._stop()
        self._raise()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        if et is not None:
            # the caller failed: stop after what is already queued, keep the caller's error
            self._stop()
            return
        self.close()
