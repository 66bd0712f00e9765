"""An update (``kg query --update``), a repair of the merge and the removal of most graphs keep
the default graph the merge of the named graphs by changing only what differs, in bounded
batches (kg.rdf.merge): never one transaction that recomputes the whole merge."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDFS, Literal, URIRef

from kg.errors import StoreError
from kg.rdf import merge
from kg.rdf.merge import MergeChange, repair_merge
from kg.rdf.namespace import GRAPH
from kg.rdf.store import UNFINISHED, KGStore

E = "https://example.org/e/"
LABEL = f"<{RDFS.label}>"


def label(node: str, text: str) -> tuple[URIRef, URIRef, Literal]:
    return URIRef(E + node), RDFS.label, Literal(text)


def default_triples(st: KGStore) -> set[str]:
    return {
        f"{q.subject} {q.predicate} {q.object}"
        for q in st.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }


def union_of_named(st: KGStore) -> set[str]:
    return {f"{q.subject} {q.predicate} {q.object}" for q in st.quads()}


@pytest.fixture
def st(tmp_path: Path) -> KGStore:
    """A store of three article graphs: ``shared`` is stated by a and b, ``only-a`` by a."""
    store = KGStore(tmp_path / "s")
    store.replace_graph(GRAPH["article/a"], [label("x", "shared"), label("x", "only-a")])
    store.replace_graph(GRAPH["article/b"], [label("x", "shared"), label("y", "only-b")])
    store.replace_graph(GRAPH["article/c"], [label("z", "only-c")])
    assert default_triples(store) == union_of_named(store)
    return store


A, B = f"<{GRAPH['article/a']}>", f"<{GRAPH['article/b']}>"


@pytest.mark.parametrize(
    ("update", "change"),
    [
        # a new triple in a named graph joins the merge; one already merged is not written again
        (
            f'INSERT DATA {{ GRAPH {A} {{ <{E}n> {LABEL} "new" . <{E}y> {LABEL} "only-b" }} }}',
            (1, 0),
        ),
        (f'INSERT DATA {{ GRAPH <urn:mine> {{ <{E}n> {LABEL} "mine" }} }}', (1, 0)),
        # deleted from the one graph stating it: leaves the merge; stated by another: stays
        (f'DELETE DATA {{ GRAPH {A} {{ <{E}x> {LABEL} "only-a" }} }}', (0, 1)),
        (f'DELETE DATA {{ GRAPH {A} {{ <{E}x> {LABEL} "shared" }} }}', (0, 0)),
        (f"DELETE WHERE {{ GRAPH ?g {{ <{E}x> ?p ?o }} }}", (0, 2)),
        # the default graph holds nothing of its own: a stray triple is taken out again, and
        # a merged triple deleted there comes back
        (f'INSERT DATA {{ <{E}n> {LABEL} "stray" }}', (0, 1)),
        (f'DELETE DATA {{ <{E}y> {LABEL} "only-b" }}', (1, 0)),
        ("CLEAR DEFAULT", (4, 0)),
        (f"DROP GRAPH {B}", (0, 1)),
        ("DROP NAMED", (0, 4)),
        ("DROP ALL", (0, 0)),
        (
            f'INSERT {{ GRAPH <urn:copy> {{ ?s ?p "copied" }} }} '
            f"WHERE {{ GRAPH {B} {{ ?s ?p ?o }} }}",
            (2, 0),
        ),
    ],
    ids=[
        "insert-named",
        "insert-new-graph",
        "delete-last",
        "delete-shared",
        "delete-where",
        "insert-default",
        "delete-default",
        "clear-default",
        "drop-graph",
        "drop-named",
        "drop-all",
        "insert-where",
    ],
)
def test_an_update_changes_the_merge_by_what_differs_only(
    st: KGStore, update: str, change: tuple[int, int]
) -> None:
    with st:
        got = st.update(update)
        assert default_triples(st) == union_of_named(st)
        assert (got.added, got.removed) == change
        assert not st.stale
        assert st.path is not None
        assert not (st.path / UNFINISHED).exists()


def test_repair_writes_in_batches_and_keeps_blank_nodes(tmp_path: Path) -> None:
    s = ox.Store()
    g, h, p = ox.NamedNode("urn:g"), ox.NamedNode("urn:h"), ox.NamedNode("urn:p")
    b = ox.BlankNode("b1")
    quads = [ox.Quad(ox.NamedNode(f"urn:s{i}"), p, ox.Literal(str(i)), g) for i in range(7)]
    quads += [
        ox.Quad(b, p, ox.Literal("blank"), h),
        ox.Quad(ox.NamedNode("urn:s0"), p, ox.Literal("0"), h),
    ]
    s.extend(quads)
    s.extend([ox.Quad(ox.NamedNode(f"urn:stray{i}"), p, ox.Literal("x")) for i in range(5)])
    counts: list[int] = []
    assert repair_merge(s, batch=2, written=counts.append) == MergeChange(added=8, removed=5)
    assert max(counts) <= 2
    assert sum(counts) == 13
    default = set(s.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert default == {ox.Quad(q.subject, q.predicate, q.object) for q in quads}
    assert ox.Quad(b, p, ox.Literal("blank")) in default  # the same blank node, not a copy
    assert repair_merge(s) == MergeChange()  # nothing differs: nothing written


class _Clearing:
    """A store that counts how often its default graph is emptied at once."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self.cleared = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def clear_graph(self, graph: ox.DefaultGraph) -> None:
        self.cleared += 1
        self._store.clear_graph(graph)


@pytest.mark.parametrize(
    ("kept", "change", "emptied"),
    [
        (0, MergeChange(added=1, removed=8), True),  # every triple goes: emptied at once
        (1, MergeChange(added=1, removed=7), True),  # the one kept comes back, not counted
        (3, MergeChange(added=1, removed=5), False),  # 4 named quads, 6 left: one by one
    ],
)
def test_repair_empties_the_default_graph_when_most_of_it_goes(
    kept: int, change: MergeChange, emptied: bool
) -> None:
    s = ox.Store()
    g, p = ox.NamedNode("urn:g"), ox.NamedNode("urn:p")
    old = [ox.Quad(ox.NamedNode(f"urn:s{i}"), p, ox.Literal(str(i))) for i in range(8)]
    s.extend(old)
    s.extend([ox.Quad(q.subject, q.predicate, q.object, g) for q in old[:kept]])
    s.add(ox.Quad(ox.NamedNode("urn:new"), p, ox.Literal("new"), g))
    store = _Clearing(s)
    assert repair_merge(store, batch=2) == change  # type: ignore[arg-type]
    assert store.cleared == int(emptied)
    default = set(s.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert default == {
        ox.Quad(q.subject, q.predicate, q.object) for q in s.quads_for_pattern(None, None, None, g)
    }


def _a_dead_process() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def test_an_update_stopped_before_the_repair_leaves_the_store_refused(
    st: KGStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = st.path
    assert path is not None

    def killed(*args: object, **kwargs: object) -> MergeChange:
        raise KeyboardInterrupt

    with st:
        monkeypatch.setattr("kg.rdf.store.repair_merge", killed)
        with pytest.raises(KeyboardInterrupt):
            st.update(f'INSERT DATA {{ <{E}n> {LABEL} "stray" }}')
    with pytest.raises(StoreError, match=r"being written by an update \(kg query --update,"):
        KGStore(path, must_exist=True)  # by this process
    marker = json.loads((path / UNFINISHED).read_text(encoding="utf-8"))
    marker["pid"] = _a_dead_process()
    (path / UNFINISHED).write_text(json.dumps(marker), encoding="utf-8")
    with pytest.raises(StoreError, match=r"unfinished: an update \(kg query --update\) started"):
        KGStore(path, must_exist=True)
    monkeypatch.undo()
    with KGStore(path) as again:  # the next build repairs it
        assert again.begin_build()
        assert again.stale
        again.commit_build()
        assert default_triples(again) == union_of_named(again)


def test_an_update_that_fails_leaves_the_store_finished(st: KGStore) -> None:
    with st, pytest.raises(SyntaxError):
        st.update("INSERT DATA { <urn:a> }")
    KGStore(st.path, must_exist=True, read_only=True).close()  # not refused


@pytest.mark.parametrize("kept", [0, 1, 3])
def test_removing_most_graphs_merges_the_kept_ones_again_and_keeps_the_merge_exact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: int
) -> None:
    unmerged: list[int] = []
    with KGStore(tmp_path / "s") as st:
        for i in range(8):
            st.replace_graph(GRAPH[f"article/{i}"], [label("s", "shared"), label(f"n{i}", "own")])
        real = st._unmerge
        monkeypatch.setattr(st, "_unmerge", lambda q: unmerged.append(1) or real(q))
        scans: list[int] = []
        real_scan = merge.add_missing
        monkeypatch.setattr(
            "kg.rdf.store.add_missing", lambda s, **kw: scans.append(1) or real_scan(s, **kw)
        )
        gone = [GRAPH[f"article/{i}"] for i in range(kept, 8)]
        assert st.remove_graphs([*gone, GRAPH["article/none"]]) == len(gone)
        assert default_triples(st) == union_of_named(st)
        assert (len(scans), len(unmerged)) == (1, 0)  # more than half: merged again, no lookups
        if kept:  # the shared triple stays while a kept graph states it
            assert f'<{E}s> {LABEL} "shared"' in default_triples(st)


def test_removing_a_few_graphs_looks_their_triples_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with KGStore(tmp_path / "s") as st:
        for i in range(8):
            st.replace_graph(GRAPH[f"article/{i}"], [label("s", "shared"), label(f"n{i}", "own")])
        monkeypatch.setattr("kg.rdf.store.add_missing", lambda s, **kw: pytest.fail("merged again"))
        st.remove_graphs([GRAPH["article/0"], GRAPH["article/1"]])
        assert default_triples(st) == union_of_named(st)


class _InterruptedAfterCommit:
    """A store whose ``update`` commits, then raises KeyboardInterrupt: Python delivers a
    Ctrl-C that came during Oxigraph's call only once the call has returned."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def update(self, sparql: str) -> None:
        self._store.update(sparql)
        raise KeyboardInterrupt


def test_an_update_interrupted_after_it_committed_leaves_the_store_refused(st: KGStore) -> None:
    path = st.path
    assert path is not None
    with st:
        real = st.ox
        st.ox = _InterruptedAfterCommit(real)  # type: ignore[assignment]
        with pytest.raises(KeyboardInterrupt):
            st.update(f'INSERT DATA {{ GRAPH {A} {{ <{E}n> {LABEL} "new" }} }}')
        st.ox = real
        del real  # the store closes with ``st``
        assert default_triples(st) != union_of_named(st)  # committed, not merged
    with pytest.raises(StoreError, match="being written"):  # by this process: no stale merge
        KGStore(path, must_exist=True, read_only=True)
    with KGStore(path) as again:  # the next build repairs it
        assert again.begin_build()
        again.commit_build()
        assert default_triples(again) == union_of_named(again)


def test_removing_most_graphs_stopped_before_the_merge_is_whole_leaves_the_store_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s"
    with KGStore(path) as st:  # no build holds the store: remove_graphs marks it itself
        for i in range(4):
            st.replace_graph(GRAPH[f"article/{i}"], [label("s", "shared"), label(f"n{i}", "own")])

        def killed(*args: object, **kwargs: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr("kg.rdf.store.add_missing", killed)
        with pytest.raises(KeyboardInterrupt):  # after the merge was emptied
            st.remove_graphs([GRAPH["article/1"], GRAPH["article/2"], GRAPH["article/3"]])
    with pytest.raises(StoreError, match="being written by a repair of the merged default"):
        KGStore(path, must_exist=True, read_only=True)
    monkeypatch.undo()
    with KGStore(path) as again:
        assert again.begin_build()
        again.commit_build()
        assert default_triples(again) == union_of_named(again)


def test_removing_most_graphs_leaves_the_store_finished(tmp_path: Path) -> None:
    with KGStore(tmp_path / "s") as st:
        for i in range(4):
            st.replace_graph(GRAPH[f"article/{i}"], [label(f"n{i}", "own")])
        assert st.remove_graphs([GRAPH["article/1"], GRAPH["article/2"], GRAPH["article/3"]]) == 3
    KGStore(tmp_path / "s", must_exist=True, read_only=True).close()


def test_an_update_of_a_store_open_read_only_is_refused_and_leaves_no_mark(st: KGStore) -> None:
    st.close()
    assert st.path is not None
    ro = KGStore(st.path, read_only=True, must_exist=True)
    with ro, pytest.raises(StoreError, match="open read-only"):
        ro.update(f'INSERT DATA {{ GRAPH {A} {{ <{E}n> {LABEL} "new" }} }}')
    with KGStore(st.path, read_only=True) as ro, pytest.raises(RuntimeError, match="read-write"):
        ro.remove_graphs([GRAPH["article/a"], GRAPH["article/b"]])  # Oxigraph's error
    assert not (st.path / UNFINISHED).exists()
    KGStore(st.path, must_exist=True, read_only=True).close()  # not refused
