"""The embedded Oxigraph store, opened through rdflib, with conflict-kg's named graphs.

Named graphs:

- ``graph/ontology``: ``ontology/conflict.ttl``;
- ``graph/article/{hash}``: everything one article states (replaced when it is rebuilt);
- ``graph/curation``: facts added by ``data/curation.yaml``;
- ``graph/derived``: per-fact confidence and attestation counts, recomputed on every build;
- ``graph/analysis``: results written by ``kg analyze --write``.

Queries see, as their default graph, the **merge** of all named graphs: every triple once,
however many articles state it. The store keeps that merge in Oxigraph's default graph: a new
named graph is added to it in the same transaction; when a graph is replaced or removed, the
triples it no longer states leave the merge unless another named graph states them. What the
store cannot follow write by write (a SPARQL update, :meth:`KGStore.update`; a store whose merge
is missing or that a stopped build left unfinished) is repaired by the exact difference between
the merge and the named graphs, in bounded batches (:mod:`kg.rdf.merge`): the merge is never
recomputed in one transaction holding every triple. ``GRAPH ?g { ... }`` patterns see the
named graphs only; the default graph holds nothing of its own (a triple written there that no
named graph states is taken out again).

A build is atomic to its readers: :meth:`KGStore.begin_build` leaves a file ``KG-UNFINISHED``
in the store folder before the build's first write, and :meth:`KGStore.commit_build` removes it
once the removals, the derived graph and the merge are on disk; an update and a repair of the
merge leave it too while they write. A store opened with ``must_exist`` (every reader: ``kg
query``, ``stats``, ``validate``, ``serve``, ``export``, ...) is refused while the file is
there, with a message saying whether a build is running or was stopped, so no reader answers
from a half-built store. Re-running the build finishes the store (the merge then repaired),
identical to an uninterrupted build. A store that a stopped update or repair left unfinished
has whole named graphs: :meth:`KGStore.repair` (``kg repair``) finishes it from them, with no
article read again, identical to a store updated without interruption.

Examples
--------
>>> from rdflib import RDFS, Literal
>>> from kg.rdf.namespace import CKG, GRAPH
>>> with KGStore(None) as st:
...     _ = st.replace_graph(GRAPH["demo"], [(CKG.backs, RDFS.label, Literal("backs"))])
...     len(st)
1
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import QueryError, StoreError
from kg.rdf.graphwriter import GraphWriter
from kg.rdf.iri import ONTOLOGY_GRAPH
from kg.rdf.merge import MergeChange, add_missing, repair_merge
from kg.rdf.namespace import GRAPH, PREFIXES
from kg.rdf.oxterms import as_rdflib_result, as_stored, from_ox, ox_triple, to_ox
from kg.rdf.unfinished import UNFINISHED, check_finished, mark_unfinished
from kg.resources import ontology_dir

__all__ = [
    "DEFAULT_STORE",
    "UNFINISHED",
    "GraphWriter",
    "KGStore",
    "check_finished",
    "from_ox",
    "to_ox",
]

DEFAULT_STORE = Path("kg-store")
#: quads written between two flushes of the store's in-memory write buffers to disk
FLUSH_QUADS = 50_000
#: the quads of an article graph, about (the bench corpus: 436 a graph), counted for a graph
#: dropped without reading it
_GRAPH_QUADS = 500
#: whether a pipe can be opened by path (Oxigraph then reads it without Python's lock)
_PIPES = os.name == "posix" and os.path.isdir("/dev/fd")
T = TypeVar("T")
#: the process that first opened a store folder (inherited by a forked child, which then
#: differs from its own id): see :func:`_check_not_forked`
_DISK_OPENED_BY: int | None = None


def _check_not_forked(path: Path) -> None:
    """Refuse to open ``path`` for writing in a process forked from one that had opened a store
    folder (even read-only, even closed): RocksDB's threads do not survive ``fork()`` and the
    open would hang (pyoxigraph 0.5; read-only and in-memory opens are unaffected).

    Raises
    ------
    StoreError
        Naming the store and the way out (start the process with "spawn" or "forkserver").
    """
    if _DISK_OPENED_BY is not None and os.getpid() != _DISK_OPENED_BY:
        raise StoreError(
            f"cannot open the store {path} for writing in a process forked from one that "
            "already opened a store (Oxigraph's storage threads do not survive fork, and the "
            "open would hang): start this process with multiprocessing's 'spawn' or "
            "'forkserver' method (see docs/scaling.md)"
        )


class KGStore:
    """A conflict-kg store: an rdflib ``Dataset`` over Oxigraph, plus graph-level helpers.

    Parameters
    ----------
    path : Path or None
        Store folder (created when missing); ``None`` for an in-memory store.
    read_only : bool
        Open without taking the write lock (several readers may share a store).
    must_exist : bool
        Fail with a clear message when ``path`` does not hold a store yet, or when a build
        is writing it or left it unfinished (:func:`check_finished`).
    repairing : bool
        With ``must_exist``, open a store that a stopped update or repair left unfinished, to
        :meth:`repair` it (a stopped build's store, or one being written, is still refused).

    Raises
    ------
    StoreError
        When the store is locked by another process, or missing or unfinished with
        ``must_exist``.
    """

    def __init__(
        self,
        path: Path | str | None,
        *,
        read_only: bool = False,
        must_exist: bool = False,
        repairing: bool = False,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is not None and must_exist and not (self.path / "CURRENT").exists():
            raise StoreError(
                f"no conflict-kg store at {self.path}: build one first with "
                f"'kg build ARTICLES --store {self.path}', or pass --store DIR"
            )
        if self.path is not None and must_exist:
            check_finished(self.path, repairing=repairing)
        try:
            if self.path is None:
                self.ox = ox.Store()
            elif read_only:
                self.ox = ox.Store.read_only(str(self.path))
            else:
                if self.path.exists() and not self.path.is_dir():
                    raise StoreError(f"store path {self.path} is a file, not a folder")
                parent = self.path.absolute().parent
                if not parent.is_dir():
                    raise StoreError(
                        f"cannot create the store {self.path}: the folder {parent} does not "
                        "exist; create it first, or give another --store"
                    )
                _check_not_forked(self.path)
                self.ox = ox.Store(str(self.path))
        except (OSError, RuntimeError) as e:
            msg = str(e)
            if "lock" in msg.lower():
                raise StoreError(
                    f"the store {self.path} is in use by another process (a running 'kg serve' "
                    "or build?): stop it, or use another --store"
                ) from None
            if self.path is not None and must_exist:
                check_finished(self.path, repairing=repairing)  # a build started meanwhile
            raise StoreError(f"cannot open the store {self.path}: {msg}") from None
        global _DISK_OPENED_BY
        if self.path is not None and _DISK_OPENED_BY is None:
            _DISK_OPENED_BY = os.getpid()
        from oxrdflib import OxigraphStore

        #: the merged default graph is to be repaired (missing, or a stopped build's)
        self._stale = False
        #: quads written since the last flush to disk
        self._unflushed = 0
        union = False
        if self._merge_missing():
            if read_only:
                union = True  # a store from before the merged graph existed: read the union
            else:
                self._stale = True
        self.dataset = Dataset(store=OxigraphStore(store=self.ox), default_union=union)
        for prefix, ns in PREFIXES.items():
            self.dataset.bind(prefix, ns, override=True)
        self._union = union
        #: the prefixes a query may use undeclared: rdflib's usual ones and ours
        self._prefixes = {p: str(ns) for p, ns in self.dataset.namespaces() if p}

    def _merge_missing(self) -> bool:
        has_named = next(iter(self.ox.named_graphs()), None) is not None
        has_default = next(
            iter(self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())), None
        )
        return has_named and has_default is None

    def refresh_merged(self) -> MergeChange:
        """Bring the default graph back to the merge of every named graph (a set of triples),
        changing only what differs, in batches (:func:`kg.rdf.merge.repair_merge`): never one
        transaction holding every triple. Returns what changed.

        Called by itself before a query and on close when :attr:`stale`, and after
        :meth:`update`; call it directly after writing with ``self.ox``. The store is marked
        unfinished meanwhile (as by :meth:`begin_build`), so a repair stopped halfway is
        refused by readers and finished by the next build.
        """
        if self.read_only:
            return MergeChange()
        return self._repair_merge()

    def _repair_merge(self, *, renew: bool = False) -> MergeChange:
        """:func:`~kg.rdf.merge.repair_merge`, the store marked unfinished meanwhile."""
        with self._marked("repair", renew=renew):
            change = repair_merge(self.ox, written=self._count_written)
            self._stale = False
        return change

    def repair(self) -> MergeChange:
        """Finish a store that a stopped update or repair left unfinished (``kg repair``): the
        named graphs are whole, and the merged default graph is repaired from them
        (:meth:`refresh_merged`) with no article read again. On a finished store, the merge is
        checked and mended where it differs. Returns what changed in the merge.

        Open the store with ``must_exist=True, repairing=True``: the mark of a stopped build,
        whose articles may be missing, is refused there (re-run the build instead). The mark
        is renewed as this repair's meanwhile; a repair stopped in turn is finished by the
        next one.

        Raises
        ------
        StoreError
            When the store is in memory or open read-only, or a build holds it.

        Examples
        --------
        >>> import tempfile
        >>> from rdflib import RDFS, Literal
        >>> from kg.rdf.namespace import CKG, GRAPH
        >>> with tempfile.TemporaryDirectory() as d, KGStore(d) as st:
        ...     _ = st.replace_graph(GRAPH["demo"], [(CKG.backs, RDFS.label, Literal("backs"))])
        ...     st.ox.clear_graph(ox.DefaultGraph())  # the merge lost, as by a stopped update
        ...     st.repair()
        MergeChange(added=1, removed=0)
        """
        if self.path is None or self.read_only:
            raise StoreError(
                f"the store {self.path or '(in memory)'} cannot be repaired: a repair writes "
                "it, open it with KGStore(path, must_exist=True, repairing=True)"
            )
        check_finished(self.path, repairing=True)
        return self._repair_merge(renew=True)

    def update(self, sparql: str) -> MergeChange:
        """Run a SPARQL Update (``kg query --update``), then bring the merged default graph
        back in line (:meth:`refresh_merged`); returns what that changed in the merge.

        The default graph is the merge of the named graphs and holds nothing of its own: a
        triple the update inserts there that no named graph states is taken out again, and one
        it deletes there that a named graph still states comes back. Write into a named graph
        (``INSERT DATA { GRAPH <urn:notes> { ... } }``) to keep a triple.

        Raises
        ------
        SyntaxError, ValueError, OSError
            As Oxigraph raises them; the update is then not applied.
        StoreError
            When the store is open read-only (nothing is written, not even the mark).
        """
        if self.read_only:
            raise StoreError(
                f"the store {self.path} is open read-only: an update needs it open for "
                "writing (KGStore(path), as 'kg query --update' opens it)"
            )
        with self._marked("update") as release:  # a kill before the merge is repaired is seen
            try:
                self.ox.update(sparql)
            except Exception:  # Oxigraph's error: its one transaction rolled back, the store
                release()  # as it was
                raise
            # a Ctrl-C during the call reaches Python only once the call returns, the update
            # committed: it leaves the mark, like a kill (kg repair, or the next build, repairs
            # the merge)
            return self.refresh_merged()

    @contextlib.contextmanager
    def _marked(
        self, writer: str, *, when: bool = True, renew: bool = False
    ) -> Iterator[Callable[[], None]]:
        """Hold the :data:`UNFINISHED` mark, naming ``writer`` (``"update"``, ``"repair"``),
        while the block writes: the mark is left on entry (``when`` it is to be) unless it is
        there already (a build holds the store, or, with ``renew``, a stopped update or repair
        left it: then it is renewed as this writer's) or the store is in memory or open
        read-only; a block that returns takes away the mark it left, after a flush. A block
        that raises (a Ctrl-C, a failed write) leaves it, as a kill would: readers refuse the
        store until ``kg repair`` or the next build finishes it. The block is given a function
        that takes the mark away early (when the block's error wrote nothing).
        """
        path = self.path
        held = path is not None and (path / UNFINISHED).exists() and not renew
        taken = when and path is not None and not self.read_only and not held
        if taken:
            assert path is not None
            mark_unfinished(path, writer)

        def release() -> None:
            nonlocal taken
            if taken:
                self._mark_finished()
                taken = False

        yield release
        release()

    def _mark_finished(self) -> None:
        """Flush, and take away the :data:`UNFINISHED` mark."""
        if self.path is not None:
            self.ox.flush()
            (self.path / UNFINISHED).unlink(missing_ok=True)

    # -- builds ------------------------------------------------------------------------
    def begin_build(self) -> bool:
        """Mark the store unfinished (before a build's first write); True when an earlier
        build had left it unfinished, in which case the merge will be repaired
        (:meth:`refresh_merged`)."""
        if self.path is None:
            return False
        leftover = (self.path / UNFINISHED).exists()
        mark_unfinished(self.path)
        if leftover:
            self._stale = True
        return leftover

    def commit_build(self) -> None:
        """Bring the merge up to date (repaired by :meth:`refresh_merged` only when
        :attr:`stale`), flush, and mark the store finished (see :meth:`begin_build`)."""
        if self._stale:
            self.refresh_merged()
        self._mark_finished()

    # -- context manager ---------------------------------------------------------------
    def __enter__(self) -> KGStore:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store."""
        if getattr(self, "ox", None) is not None:
            if self._stale and not self.read_only:
                self.refresh_merged()
            if not self.read_only:
                with contextlib.suppress(OSError):
                    self.ox.flush()
            # drop every reference to the Oxigraph store so RocksDB closes now, not at exit
            self.dataset = None  # type: ignore[assignment]
            del self.ox
            self.ox = None  # type: ignore[assignment]
            import gc

            gc.collect()

    # -- writing ----------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Replace the named graph ``graph`` with ``triples``; returns how many were written.

        A graph whose content is unchanged is left alone (a rebuild of the same article
        writes nothing). A new graph is added to the merged default graph in the same
        transaction, so a build of new articles never needs the full recomputation; the triples
        a replaced graph no longer states leave the merge unless another graph states them.
        """
        g = ox.NamedNode(str(graph))
        return self._write_graph(g, [ox.Quad(*ox_triple(t), g) for t in triples])

    def replace_graph_statements(self, graph: URIRef, statements: list[str]) -> int:
        """:meth:`replace_graph` for a large graph given as N-Triples lines without their final
        `` .`` (the derived graph), through Oxigraph's bulk loader (:meth:`bulk_load`): no
        transaction, for a store a build holds unfinished. Returns how many were written."""
        g = ox.NamedNode(str(graph))
        gone: set[ox.Quad] = set()
        if self.ox.contains_named_graph(g):
            text = "".join(f"{t} <{g.value}> .\n" for t in statements)
            old = set(self.ox.quads_for_pattern(None, None, None, g))
            new = as_stored(list(ox.parse(text, format=ox.RdfFormat.N_QUADS)))
            if old == new:
                return len(statements)
            gone = old - new
            del old, new
            self.ox.remove_graph(g)
        if not statements:
            self.ox.add_graph(g)
        else:
            named = "".join(f"{t} <{g.value}> .\n" for t in statements).encode()
            merged = b"" if self._stale else "".join(f"{t} .\n" for t in statements).encode()
            self.bulk_load([named, merged])
        self._unmerge(gone)
        return len(statements)

    def _unmerge(self, quads: Iterable[ox.Quad]) -> None:
        """Take out of the merged default graph the triples of ``quads`` (quads a named graph
        no longer holds) that no named graph states any more: the merge stays exact after a
        graph is replaced or removed, with no scan of the store (see :mod:`kg.rdf.merge`)."""
        if self._stale:
            return  # repaired anyway before the next read
        default = ox.DefaultGraph()
        for q in quads:
            held = self.ox.quads_for_pattern(q.subject, q.predicate, q.object, None)
            if not any(h.graph_name != default for h in held):
                self.ox.remove(ox.Quad(q.subject, q.predicate, q.object, default))

    def _write_graph(self, g: ox.NamedNode, quads: list[ox.Quad]) -> int:
        gone: set[ox.Quad] = set()
        if self.ox.contains_named_graph(g):
            old = set(self.ox.quads_for_pattern(None, None, None, g))
            new = as_stored(quads)
            if old == new:
                return len(quads)
            gone = old - new
            self.ox.remove_graph(g)
        if not quads:
            self.ox.add_graph(g)
        elif self._stale:
            self.ox.extend(quads)
        else:
            self.ox.extend([*quads, *(ox.Quad(q.subject, q.predicate, q.object) for q in quads)])
        self._unmerge(gone)
        self._count_written(len(quads) + len(gone))
        return len(quads)

    def _count_written(self, n: int) -> None:
        """Count ``n`` quads written or removed; flush to disk every ``FLUSH_QUADS``."""
        self._unflushed += n
        if self._unflushed >= FLUSH_QUADS and self.path is not None:
            # RocksDB keeps recent writes in memory until it flushes them: without this a
            # build's memory grows by about 0.3 MB an article (measured; docs/performance.md)
            self.ox.flush()
            self._unflushed = 0

    def bulk_load(
        self,
        chunks: Iterable[bytes],
        *,
        lenient: bool = False,
        meanwhile: Callable[[], T] | None = None,
    ) -> T | None:
        """Load N-Quads, given as chunks of whole lines, with Oxigraph's bulk loader: no
        transaction (for a store a build holds unfinished), no quad held in Python. A triple
        line goes to the default graph: the caller keeps the merge (a new named graph's
        triples also as triple lines, unless :attr:`stale`). ``lenient`` skips the
        validation of IRIs (for lines this program wrote).

        Where the system has ``/dev/fd``, Oxigraph reads the chunks from a pipe on a thread
        of its own, without Python's lock: the work that produces the next chunks runs
        meanwhile, and so does ``meanwhile`` (which must not write to the store) once the
        last chunk is given, while Oxigraph writes its indexes. Returns what ``meanwhile``
        returns.

        Raises
        ------
        SyntaxError
            When the chunks are not N-Quads.
        """
        if not _PIPES:
            self.ox.bulk_load(
                input=io.BufferedReader(_ChunkReader(chunks), 1 << 20),
                format=ox.RdfFormat.N_QUADS,
                lenient=lenient,
            )
            return meanwhile() if meanwhile is not None else None
        read, write = os.pipe()
        failed: list[BaseException] = []

        def load() -> None:
            try:
                path = f"/dev/fd/{read}"
                self.ox.bulk_load(path=path, format=ox.RdfFormat.N_QUADS, lenient=lenient)
            except BaseException as e:  # raised again on the caller's thread
                failed.append(e)
            finally:
                os.close(read)  # a writer still writing gets a broken pipe, not a hang

        loader = threading.Thread(target=load, name="kg-bulk-load", daemon=True)
        loader.start()
        try:
            with os.fdopen(write, "wb", buffering=1 << 20) as out:
                for chunk in chunks:
                    out.write(chunk)
        except BrokenPipeError:
            pass  # the loader stopped: its error is raised below
        except BaseException:
            loader.join()
            raise
        try:
            result = meanwhile() if meanwhile is not None else None
        finally:
            loader.join()
        if failed:
            raise failed[0]
        return result

    @property
    def stale(self) -> bool:
        """Whether the merged default graph will be repaired before the next read (a store
        whose merge is missing, or one a stopped build left unfinished)."""
        return self._stale

    def remove_graph(self, graph: URIRef) -> None:
        """Drop a named graph (no error when it does not exist)."""
        self.remove_graphs([graph])

    def remove_graphs(self, graphs: Iterable[URIRef]) -> int:
        """Drop named graphs, one at a time, taking out of the merge the triples no other graph
        states; returns how many existed.

        Each graph's triples are looked up one by one (:meth:`_unmerge`), unless the graphs
        are more than half of the store's: then the merge is emptied (a range deletion, no
        transaction) and the graphs kept are merged again in batches
        (:func:`kg.rdf.merge.add_missing`): about twice as fast for most of a store, and as
        bounded in memory (docs/performance.md). A store no build holds is marked unfinished
        until the merge is whole again (a kill meanwhile is refused, the next build repairs it).
        """
        named = {g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode)}
        found = [g for g in dict.fromkeys(map(str, graphs)) if g in named]
        remerge = self._stale or 2 * len(found) > len(named)
        # a stale store's merge is repaired before the next read anyway; else the merge is
        # not whole until the kept graphs are merged again: marked unfinished meanwhile,
        # unless a build holds the store
        refill = remerge and bool(found) and not self._stale
        with self._marked("repair", when=refill):
            for name in found:  # one graph at a time: memory bounded by the largest graph
                g = ox.NamedNode(name)
                if remerge:
                    self.ox.remove_graph(g)
                    self._count_written(_GRAPH_QUADS)  # not counted one by one: a guess
                    continue
                gone = list(self.ox.quads_for_pattern(None, None, None, g))
                self.ox.remove_graph(g)
                self._unmerge(gone)
                self._count_written(len(gone))
            if refill:
                self.ox.clear_graph(ox.DefaultGraph())
                add_missing(self.ox, written=self._count_written)
        return len(found)

    def writer(self, depth: int = 64) -> GraphWriter:
        """A :class:`GraphWriter` that replaces graphs of this store on a background thread."""
        return GraphWriter(self, depth)

    def ensure_ontology(self) -> None:
        """(Re)load ``ontology/conflict.ttl`` into its own named graph."""
        g = ox.NamedNode(str(ONTOLOGY_GRAPH))
        data = (ontology_dir() / "conflict.ttl").read_bytes()
        quads = [
            ox.Quad(q.subject, q.predicate, q.object, g)
            for q in ox.parse(data, format=ox.RdfFormat.TURTLE)
        ]
        self._write_graph(g, quads)

    def graphs(self, prefix: str = "") -> list[URIRef]:
        """Named graphs whose IRI starts with ``GRAPH + prefix``, sorted."""
        base = str(GRAPH) + prefix
        return sorted(
            URIRef(g.value)
            for g in self.ox.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(base)
        )

    def article_graphs(self) -> list[URIRef]:
        """The per-article named graphs."""
        return self.graphs("article/")

    # -- reading ----------------------------------------------------------------------
    def __len__(self) -> int:
        """Quads in the named graphs."""
        res = self.ox.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(res))[0].value)  # type: ignore[arg-type]

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (unsorted; the merged default graph is derived)."""
        return (q for q in self.ox if not isinstance(q.graph_name, ox.DefaultGraph))

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run a SPARQL query over the union of all graphs; values bound as data.

        Raises
        ------
        QueryError
            On a syntax error, with Oxigraph's line and column.
        """
        if self._stale:
            self.refresh_merged()
        try:
            res = self.ox.query(
                sparql,
                use_default_graph_as_union=self._union,
                prefixes=self._prefixes,
                substitutions={ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()},
            )
            return as_rdflib_result(res)
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {e}") from None
        except (ValueError, OSError, RuntimeError) as e:
            raise QueryError(f"SPARQL query failed: {e}") from None

    def ox_query(self, sparql: str) -> Any:
        """Run a query with pyoxigraph directly (its own result objects), over the merged
        default graph like :meth:`query`."""
        if self._stale:
            self.refresh_merged()
        return self.ox.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()})

    def select(
        self, sparql: str, bindings: Mapping[str, Identifier] | None = None
    ) -> list[dict[str, Any]]:
        """Rows of a SELECT query as dicts of variable name → term (unbound omitted)."""
        res = self.query(sparql, bindings)
        return [
            {str(k): v for k, v in row.asdict().items() if v is not None}  # type: ignore[union-attr]
            for row in res
        ]


class _ChunkReader(io.RawIOBase):
    """A binary file reading the concatenation of byte chunks as they are produced."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._buf = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buf = memoryview(chunk)
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n
