"""The store keeps its default graph equal to the merge of its named graphs, however it is
written (new graphs added in the same transaction, the triples a replaced or removed graph no
longer states taken out unless another graph states them), and
writes graphs on a background thread without losing an error."""

from __future__ import annotations

import multiprocessing
import os
import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDFS, XSD, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import StoreError
from kg.rdf.namespace import CKG, GRAPH
from kg.rdf.store import KGStore, from_ox, to_ox

E = "https://example.org/e/"


def triples(seed: int, n: int = 6) -> list[tuple[URIRef, URIRef, Literal]]:
    """A few triples drawn from a small pool, so graphs share some of them."""
    rng = random.Random(seed)
    return [
        (URIRef(E + str(rng.randrange(5))), RDFS.label, Literal(f"name {rng.randrange(4)}"))
        for _ in range(n)
    ]


Triple = tuple[Identifier, Identifier, Identifier]


def rdf(q: ox.Quad) -> Triple:
    return from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)


def default_graph(st: KGStore, *, refresh: bool = True) -> set[Triple]:
    if refresh:
        st.ox_query("ASK { ?s ?p ?o }")  # brings the merge up to date when it is stale
    return {rdf(q) for q in st.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def _named(st: KGStore) -> list[tuple[Triple, Identifier]]:
    return [(rdf(q), from_ox(q.graph_name)) for q in st.quads()]


def merge_of_named(st: KGStore) -> set[Triple]:
    return {rdf(q) for q in st.quads()}


@pytest.mark.parametrize("seed", range(6))
def test_default_graph_is_the_merge_after_any_sequence_of_writes(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    with KGStore(tmp_path / "s") as st:
        st.ensure_ontology()
        for step in range(25):
            g = GRAPH[f"article/{rng.randrange(6)}"]
            op = rng.choice(["replace", "replace", "same", "remove", "empty"])
            if op == "replace":
                st.replace_graph(g, triples(seed * 100 + step))
            elif op == "same":  # rewrite the graph with what it holds
                st.replace_graph(g, [t for t, gr in _named(st) if gr == g])
            elif op == "remove":
                st.remove_graph(g)
            else:
                st.replace_graph(g, [])
            if step % 5 == 4:
                assert default_graph(st) == merge_of_named(st)
        assert default_graph(st) == merge_of_named(st)
    with KGStore(tmp_path / "s", read_only=True) as st:  # the merge was saved on close
        assert default_graph(st, refresh=False) == merge_of_named(st)


@pytest.mark.parametrize("seed", range(4))
def test_replacing_and_removing_graphs_keeps_the_merge_without_recomputing_it(
    seed: int, tmp_path: Path
) -> None:
    # a rebuild after a change of the rules replaces and removes graphs: the merge follows each
    # write (never stale), so the end of the build need not recompute it in one transaction
    rng = random.Random(seed)
    line = f'<{E}0> <{RDFS.label}> "name 1"'  # the derived graph's way in: N-Triples lines
    with KGStore(tmp_path / "s") as st:
        for step in range(30):
            g = GRAPH[f"article/{rng.randrange(5)}"]
            op = rng.choice(["replace", "replace", "remove", "many", "statements"])
            if op == "replace":
                st.replace_graph(g, triples(seed * 100 + step, rng.randrange(8)))
            elif op == "remove":
                st.remove_graph(g)
            elif op == "many":
                st.remove_graphs([g, GRAPH[f"article/{rng.randrange(5)}"]])
            else:
                st.replace_graph_statements(GRAPH["derived"], [line] if step % 2 else [])
            assert not st.stale
            assert default_graph(st, refresh=False) == merge_of_named(st)


def test_a_store_left_unfinished_still_recomputes_its_merge(tmp_path: Path) -> None:
    kept = (URIRef(E + "k"), RDFS.label, Literal("kept"))
    with KGStore(tmp_path / "s") as st:
        st.replace_graph(GRAPH["article/a"], triples(1))
        st.replace_graph(GRAPH["article/k"], [kept])
        st.begin_build()  # a build that will be stopped, its merge left wrong both ways:
        st.ox.remove(ox.Quad(*(to_ox(t) for t in kept)))  # a kept graph's triple out
        st.ox.add(ox.Quad(ox.NamedNode(E + "x"), ox.NamedNode(E + "p"), ox.Literal("stray")))
    with KGStore(tmp_path / "s") as st:
        assert st.begin_build()  # the stopped build is seen, and the merge recomputed whole
        assert st.stale
        st.replace_graph(GRAPH["article/b"], triples(2))
        st.remove_graph(GRAPH["article/a"])
        st.commit_build()
        assert not st.stale
        assert default_graph(st, refresh=False) == merge_of_named(st)


def test_rewriting_a_graph_with_the_same_triples_changes_nothing(tmp_path: Path) -> None:
    with KGStore(tmp_path / "s") as st:
        st.replace_graph(GRAPH["article/a"], triples(1))
        st.replace_graph(GRAPH["article/b"], triples(2))
        before = sorted(str(q) for q in st.ox)
        st.replace_graph(GRAPH["article/a"], list(reversed(triples(1))))
        assert sorted(str(q) for q in st.ox) == before
        assert not st._stale  # nothing was rewritten, so the merge needs no recomputation


def test_rewriting_a_graph_whose_literals_the_store_canonicalises_changes_nothing(
    tmp_path: Path,
) -> None:
    # "0.850"^^xsd:decimal is stored as "0.85": the same graph written again is unchanged
    conf = (URIRef(E + "att"), CKG.confidence, Literal("0.850", datatype=XSD.decimal))
    with KGStore(tmp_path / "s") as st:
        st.replace_graph(GRAPH["article/a"], [conf, *triples(1)])
        st.replace_graph(GRAPH["article/a"], [conf, *triples(1)])
        assert not st._stale  # not rewritten, so the merge needs no recomputation
        st.replace_graph(GRAPH["article/a"], [conf])  # a real change still replaces the graph
        assert {t for t, _g in _named(st)} == {
            (conf[0], conf[1], Literal("0.85", datatype=XSD.decimal))
        }
        st.refresh_merged()
        line = f'<{E}d> <{E}share> "0.500"^^<{XSD.decimal}>'  # the derived graph's way in
        st.replace_graph_statements(GRAPH["derived"], [line])
        st.replace_graph_statements(GRAPH["derived"], [line])
        assert not st._stale


def test_replacing_a_graph_drops_triples_no_other_graph_states(tmp_path: Path) -> None:
    only_a = (URIRef(E + "a"), RDFS.label, Literal("only in a"))
    shared = (URIRef(E + "s"), RDFS.label, Literal("in both"))
    with KGStore(tmp_path / "s") as st:
        st.replace_graph(GRAPH["article/a"], [only_a, shared])
        st.replace_graph(GRAPH["article/b"], [shared])
        st.replace_graph(GRAPH["article/a"], [shared])
        assert default_graph(st) == {shared}
        st.remove_graph(GRAPH["article/b"])
        st.remove_graph(GRAPH["article/a"])
        assert default_graph(st) == set()


def test_writer_writes_every_graph_in_order(tmp_path: Path) -> None:
    with KGStore(tmp_path / "s") as st:
        with st.writer(depth=2) as w:
            for i in range(20):
                w.put(GRAPH[f"article/{i % 7}"], triples(i))
        for i in range(13, 20):  # the last write of each graph wins
            got = {t for t, g in _named(st) if g == GRAPH[f"article/{i % 7}"]}
            assert got == set(triples(i))
        assert default_graph(st) == merge_of_named(st)


def write_ten(st: KGStore) -> None:
    with st.writer(depth=1) as w:
        for i in range(10):
            w.put(GRAPH[f"article/{i}"], triples(i))


def write_then_fail(st: KGStore) -> None:
    with st.writer() as w:
        w.put(GRAPH["article/a"], [(CKG.backs, RDFS.label, Literal("backs"))])
        raise KeyError("parser failed")


def test_writer_error_reaches_the_caller_and_stops_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with KGStore(tmp_path / "s") as st:
        real = st.replace_graph
        calls: list[URIRef] = []

        def failing(graph: URIRef, t: list[Triple]) -> int:
            calls.append(graph)
            if graph == GRAPH["article/3"]:
                raise OSError("No space left on device")
            return real(graph, t)

        monkeypatch.setattr(st, "replace_graph", failing)
        with pytest.raises(StoreError, match=r"writing to the store .* No space left on device"):
            write_ten(st)
        assert GRAPH["article/3"] in calls
        written = set(st.article_graphs())
        assert GRAPH["article/2"] in written
        assert not any(GRAPH[f"article/{i}"] in written for i in range(3, 10))


def test_caller_error_is_kept_and_queued_graphs_are_written(tmp_path: Path) -> None:
    with KGStore(tmp_path / "s") as st:
        with pytest.raises(KeyError, match="parser failed"):
            write_then_fail(st)
        assert st.article_graphs() == [GRAPH["article/a"]]


def test_a_store_in_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "kg-store"
    with pytest.raises(StoreError) as info:
        KGStore(path)
    assert str(info.value) == (
        f"cannot create the store {path}: the folder {tmp_path / 'nowhere'} does not exist; "
        "create it first, or give another --store"
    )
    assert not (tmp_path / "nowhere").exists()


def _open_in_child(path: Path, send: object) -> None:
    """In a forked child: try to open ``path`` for writing and send back what happened."""
    try:
        with KGStore(path):
            send.send("opened")  # type: ignore[attr-defined]
    except StoreError as e:
        send.send(f"StoreError: {e}")  # type: ignore[attr-defined]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
def test_a_forked_child_is_refused_a_store_instead_of_hanging(tmp_path: Path) -> None:
    """Oxigraph's storage threads do not survive fork: a child forked after its parent opened
    a store would wait for ever in its own writable open. It gets a clear error instead;
    a spawned process opens the store."""
    with KGStore(tmp_path / "parent"):
        pass
    got = {}
    for method in ("fork", "spawn"):
        ctx = multiprocessing.get_context(method)
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_open_in_child, args=(tmp_path / method, send))
        child.start()
        got[method] = receive.recv() if receive.poll(30) else "no answer in 30 s (hung)"
        child.join(5)
        if child.is_alive():
            child.kill()
    assert got["spawn"] == "opened"
    assert got["fork"].startswith(f"StoreError: cannot open the store {tmp_path / 'fork'}")
    assert "'spawn' or 'forkserver'" in got["fork"]
