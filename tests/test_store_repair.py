"""``kg repair``: a store a stopped update or repair left unfinished is finished from its named
graphs; a stopped build's store, a store being written and a missing store are refused with
the way out. The real kills are in tests/test_kill.py; here the marks are written by hand."""

from __future__ import annotations

import json
import os
import shlex
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDFS, Literal, URIRef

from kg.cli import cli
from kg.rdf.namespace import GRAPH
from kg.rdf.store import UNFINISHED, KGStore

E = "https://example.org/e/"


def _mark(path: Path, writer: str, *, alive: bool = False) -> None:
    """The mark a writer leaves; by a process that ended (on another host), or this one."""
    info = {"pid": 1, "host": "elsewhere", "started": "then", "writer": writer}
    if alive:
        info.update(pid=os.getpid(), host=socket.gethostname())
    (path / UNFINISHED).write_text(json.dumps(info), encoding="utf-8")


def _dump(path: Path) -> list[str]:
    with KGStore(path, read_only=True) as st:
        return sorted(str(q) for q in st.ox)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """Two article graphs stating one triple in common, their merge exact."""
    path = tmp_path / "s"
    with KGStore(path) as st:
        for name in ("a", "b"):
            st.replace_graph(
                GRAPH[f"article/{name}"],
                [
                    (URIRef(E + name), RDFS.label, Literal(name)),
                    (URIRef(E + "shared"), RDFS.label, Literal("shared")),
                ],
            )
    return path


def _repair(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["repair", "--store", str(path), *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("writer", ["update", "repair"])
def test_repair_finishes_a_store_a_stopped_update_left(store: Path, writer: str) -> None:
    whole = _dump(store)
    with KGStore(store) as st:  # what the stopped update left: a stray triple, one lost
        st.ox.add(ox.Quad(ox.NamedNode(E + "x"), ox.NamedNode(E + "p"), ox.Literal("stray")))
        st.ox.remove(ox.Quad(ox.NamedNode(E + "a"), ox.NamedNode(str(RDFS.label)), ox.Literal("a")))
    _mark(store, writer)
    refused = CliRunner().invoke(cli, ["stats", "--store", str(store)])
    assert refused.exit_code == 1
    assert f"run 'kg repair --store {shlex.quote(str(store))}' to finish it" in refused.output
    code, output = _repair(store)
    assert (code, output) == (
        0,
        f"repaired the store {store}: its merged default graph +1 −1 triples; it is finished\n",
    )
    assert not (store / UNFINISHED).exists()
    assert _dump(store) == whole


def test_repair_of_a_finished_store_changes_nothing(store: Path) -> None:
    whole = _dump(store)
    code, output = _repair(store, "--format", "json")
    assert code == 0, output
    assert json.loads(output) == {"store": str(store), "added": 0, "removed": 0}
    assert _dump(store) == whole


def test_repair_refuses_a_store_a_stopped_build_left(store: Path) -> None:
    _mark(store, "build")
    code, output = _repair(store)
    assert code == 1
    assert output == (
        f"Error: the store {store} is unfinished: a build started then stopped before it "
        "finished (killed or interrupted), so it may hold a mix of old and new articles; "
        "'kg repair' mends the merged default graph only, not the articles a build did not "
        "write; re-run that kg build to finish it\n"
    )
    assert (store / UNFINISHED).exists()  # still refused by readers


@pytest.mark.parametrize("writer", ["build", "update"])
def test_repair_refuses_a_store_being_written(store: Path, writer: str) -> None:
    _mark(store, writer, alive=True)
    code, output = _repair(store)
    assert code == 1
    assert f"Error: the store {store} is being written by " in output
    assert "wait for it to finish, then try again" in output


def test_repair_refuses_a_missing_store(tmp_path: Path) -> None:
    code, output = _repair(tmp_path / "none")
    assert code == 1
    assert output.startswith(f"Error: no conflict-kg store at {tmp_path / 'none'}: build one")
    assert not (tmp_path / "none").exists()


def test_repair_of_a_store_in_memory_or_read_only_is_refused(store: Path) -> None:
    from kg.errors import StoreError

    with KGStore(None) as st, pytest.raises(StoreError, match="in memory"):
        st.repair()
    with KGStore(store, read_only=True) as st, pytest.raises(StoreError, match="repairing=True"):
        st.repair()
