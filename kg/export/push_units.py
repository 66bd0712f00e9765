"""What a push reads from the local store: one unit for each target graph.

A unit holds the same triples three ways: sorted N-Triples lines (cut into chunks), blocks of
whole lines in any order (one streamed request, faster), and pyoxigraph terms (to count what a
store keeps). Each is a callable, so a graph is read only when (and as often as) it is sent.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.export.serialise import LineReader, graph_lines, sorted_lines, store_graphs
from kg.export.transport import BLOCK
from kg.rdf.namespace import GRAPH
from kg.rdf.store import KGStore

__all__ = ["TEMP_GRAPHS", "PushUnit", "push_units"]

#: Where a replacing push loads a target's triples before it moves them onto the target.
TEMP_GRAPHS = GRAPH["push-tmp/"]


@dataclass(frozen=True)
class PushUnit:
    """One target graph, the sorted lines that go into it (for chunks), and the same triples
    in blocks of whole lines in any order (for one streamed request: faster)."""

    target: ox.NamedNode | None  # None: the default graph
    lines: Callable[[], Iterator[bytes]]
    blocks: Callable[[], Iterator[bytes]]
    triples: Callable[[], Iterable[Any]]  # the same triples as pyoxigraph terms

    @classmethod
    def of_lines(
        cls, target: ox.NamedNode | None, lines: Callable[[], Iterator[bytes]]
    ) -> PushUnit:
        """A unit of sorted, de-duplicated N-Triples ``lines`` (each ending with ``\\n``),
        read again for each use: the chunks, the streamed request and the terms."""
        return cls(target, lines, lines, lambda: _parsed(lines()))

    @property
    def name(self) -> str:
        """The target's IRI, or ``"default graph"``."""
        return "default graph" if self.target is None else self.target.value

    @property
    def temp(self) -> ox.NamedNode:
        """The temporary graph of this target (the same at every push, so a rerun clears it)."""
        key = hashlib.sha256(self.name.encode("utf-8")).hexdigest()[:16]
        return ox.NamedNode(f"{TEMP_GRAPHS}{key}")


def push_units(
    st: KGStore, graphs: str, include_ontology: bool, target: ox.NamedNode | None
) -> list[PushUnit]:
    """The units a push sends from ``st``.

    Parameters
    ----------
    st : KGStore
        The local store, open.
    graphs : str
        ``"merged"``: one unit, ``target``; ``"per-article"``: one unit for each graph of the
        store, under its own IRI.
    include_ontology : bool
        Send the ontology graph too.
    target : NamedNode or None
        The target of a merged push (None: the default graph).

    Returns
    -------
    list of PushUnit
    """
    if graphs == "merged":

        def lines() -> Iterator[bytes]:
            return sorted_lines(st, graphs="merged", include_ontology=include_ontology)

        # the store's default graph is the merge of all its graphs, ontology included (unless
        # the store predates it: then the dataset reads the union, and the sort de-duplicates)
        merged = include_ontology and not st.dataset.default_union
        if merged and getattr(st, "_stale", False):
            st.refresh_merged()  # as a query would: graphs written since the last merge
        if merged:
            return [PushUnit(target, lines, lambda: _dumped(st, None), lambda: _quads(st, None))]
        return [PushUnit.of_lines(target, lines)]
    return [
        PushUnit(
            g,
            lambda g=g: graph_lines(st, g),  # type: ignore[misc]
            lambda g=g: _dumped(st, g),  # type: ignore[misc]
            lambda g=g: _quads(st, g),  # type: ignore[misc]
        )
        for g in store_graphs(st, include_ontology=include_ontology)
    ]


def _quads(st: KGStore, graph: ox.NamedNode | None) -> Iterator[ox.Quad]:
    return st.ox.quads_for_pattern(None, None, None, graph or ox.DefaultGraph())


def _parsed(lines: Iterator[bytes]) -> Iterator[ox.Triple]:
    reader = io.BufferedReader(LineReader(lines), buffer_size=1 << 16)
    return ox.parse(reader, format=ox.RdfFormat.N_TRIPLES)


def _dumped(st: KGStore, graph: ox.NamedNode | None) -> Iterator[bytes]:
    """A graph as N-Triples written by Oxigraph (in its order), read while it is written.

    Oxigraph writes into a pipe from a thread, so the store is read while the triplestore
    loads what was sent (two processes at work, not one after the other).
    """
    r, w = os.pipe()
    failed: list[BaseException] = []

    def write() -> None:
        try:
            with open(w, "wb", buffering=BLOCK) as out:
                st.ox.dump(out, ox.RdfFormat.N_TRIPLES, from_graph=graph or ox.DefaultGraph())
        except BrokenPipeError:
            pass  # the reader stopped (a failed request): nothing more to write
        except BaseException as e:  # raised again in the reading thread
            failed.append(e)

    writer = threading.Thread(target=write, name="kg-push-dump", daemon=True)
    writer.start()
    try:
        with open(r, "rb", buffering=BLOCK) as src:
            while block := src.read(BLOCK):
                yield block
    finally:
        writer.join()
    if failed:
        raise failed[0]
