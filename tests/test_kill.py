"""A build killed at any moment: readers refuse the store as unfinished, a re-run gives the
store an uninterrupted build gives, and no worker process outlives the build. An update
(``kg query --update``) killed before or while it repairs the merge, and a ``kg repair`` killed
in turn: readers refuse the store naming ``kg repair``, which gives the store an uninterrupted
update gives.

Each killed build runs in a forked child of the test process (the spaCy model is loaded once)
that SIGKILLs itself at a chosen call of the store: while articles are written, before and
after the old articles are removed, between two removals, while the derived graph is written
and just before the build is committed; with one worker and with two.
"""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
import shlex
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import StoreError
from kg.pipeline.build import build
from kg.rdf.store import UNFINISHED, KGStore

ARTICLES = {
    "a1.txt": "Rebel fighters took the town of Kafr Nabl from government forces on Monday.",
    "a2.txt": "Turkish troops shelled positions of the Kurdish militia near Afrin on Tuesday.",
    "a3.txt": "Russia backs the Syrian government, a spokesman said on Wednesday.",
    "a4.txt": "The Iraqi army retook the town of Rawa from Islamic State on Friday.",
}
OLD = ["a1.txt", "a2.txt", "a3.txt"]
NEW = ["a1.txt", "a4.txt"]  # a rebuild that adds a4 and removes a2 and a3


def _corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_text(ARTICLES[name] + "\n", encoding="utf-8")
    return folder


def dump(path: Path) -> list[str]:
    """Every quad of the store, the merged default graph included, sorted."""
    with KGStore(path, read_only=True) as st:
        return sorted(str(q) for q in st.ox)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("kill")
    old, new = _corpus(root / "old", OLD), _corpus(root / "new", NEW)
    build([old], root / "old-store")
    shutil.copytree(root / "old-store", root / "reference")
    build([new], root / "reference")
    return {
        "old": old,
        "new": new,
        "old-store": root / "old-store",
        "reference": root / "reference",
    }


def _killed_build(
    method: str, nth: int, after: bool, pids: Path, workers: int, paths: list[Path], store: Path
) -> None:
    """Run in the forked child: SIGKILL this process at the ``nth`` call of
    ``KGStore.method`` (before it runs, or just after it returned)."""
    real = getattr(KGStore, method)
    calls = [0]

    def die() -> None:
        children = [p.pid for p in multiprocessing.active_children()]
        pids.write_text(json.dumps(children))
        os.kill(os.getpid(), signal.SIGKILL)

    def wrapped(self: KGStore, *args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth and not after:
            die()
        out = real(self, *args, **kwargs)
        if calls[0] == nth and after:
            die()
        return out

    setattr(KGStore, method, wrapped)
    build(paths, store, workers=workers, batch_size=1)
    os._exit(3)  # not killed: the moment never came


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _wait_until(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


# (method, nth call, kill after the call returned, workers, most workers running at the kill)
MOMENTS = [
    pytest.param("replace_graph", 2, False, 1, 0, id="writing-articles"),
    pytest.param("remove_graphs", 1, True, 1, 0, id="after-removing-old-articles"),
    # between the two old articles' removals: one graph gone and its triples out of the merge,
    # the other's graph gone, its triples still merged (the 3rd merge update of the rebuild)
    pytest.param("_unmerge", 3, False, 1, 0, id="removing-old-articles"),
    pytest.param("commit_build", 1, False, 1, 0, id="before-commit"),
    pytest.param("replace_graph_statements", 1, False, 1, 0, id="writing-derived"),
    pytest.param("replace_graph", 1, False, 2, 2, id="writing-articles-2-workers"),
    pytest.param("remove_graphs", 1, True, 2, 0, id="final-phase-2-workers"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("method", "nth", "after", "workers", "running"), MOMENTS)
def test_killed_build_is_refused_then_rerun_identical(
    stores: dict[str, Path],
    tmp_path: Path,
    method: str,
    nth: int,
    after: bool,
    workers: int,
    running: int,
) -> None:
    store = tmp_path / "store"
    shutil.copytree(stores["old-store"], store)
    pids = tmp_path / "pids.json"
    # spawn, not fork: a forked child of a process that has bulk-loaded a store inherits
    # Oxigraph's loader threads as dead copies and hangs in its next bulk load
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(
        target=_killed_build,
        args=(method, nth, after, pids, workers, [stores["new"]], store),
    )
    child.start()
    child.join(300)
    assert child.exitcode == -signal.SIGKILL, f"the build was not killed ({child.exitcode})"
    workers_left = json.loads(pids.read_text())
    # the pool starts its workers on demand: on a busy machine the first worker may finish its
    # article before the second starts, so "running" is the most there can be, not the count
    assert (1 if running else 0) <= len(workers_left) <= running
    assert _wait_until(lambda: all(_gone(p) for p in workers_left), 30), "orphan workers"

    runner = CliRunner()
    for command in (["stats"], ["validate"], ["query", "-e", "ASK { ?s ?p ?o }"], ["repair"]):
        result = runner.invoke(cli, [*command, "--store", str(store)])
        assert result.exit_code == 1, result.output
        assert f"the store {store} is unfinished: a build started" in result.output
        assert "re-run that kg build to finish it" in result.output

    report = build([stores["new"]], store, workers=workers)
    assert (report.articles, report.errors) == (2, [])
    assert not (store / UNFINISHED).exists()
    assert dump(store) == dump(stores["reference"])


def _killed_command(args: list[str], target: str) -> None:
    """Run in the spawned child: ``kg ARGS``, SIGKILLed at the first call of ``target``
    (``module:function``), before it runs."""
    module, name = target.split(":")
    owner = importlib.import_module(module)
    real = getattr(owner, name)

    def wrapped(*a: Any, **kw: Any) -> Any:
        os.kill(os.getpid(), signal.SIGKILL)
        return real(*a, **kw)

    setattr(owner, name, wrapped)
    cli.main(args, standalone_mode=False)
    os._exit(3)  # not killed: the moment never came


def _an_update(store: Path) -> str:
    """Drop the first article's graph (its own triples leave the merge) and write a note (it
    joins the merge)."""
    with KGStore(store, read_only=True) as st:
        first = st.article_graphs()[0]
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    return f'DROP GRAPH <{first}> ; INSERT DATA {{ GRAPH <urn:notes> {{ <urn:n> {label} "n" }} }}'


# the commands killed one after the other (before the merge is touched; after the triples no
# graph states left it, before the missing ones joined), and the writer the readers name
KILLED_UPDATES = [
    pytest.param([("update", "kg.rdf.store:repair_merge")], "an update", id="before-the-repair"),
    pytest.param([("update", "kg.rdf.merge:add_missing")], "an update", id="within-the-repair"),
    pytest.param(
        [("update", "kg.rdf.merge:add_missing"), ("repair", "kg.rdf.merge:add_missing")],
        "a repair",
        id="kg-repair-killed-too",
    ),
]


@pytest.mark.parametrize(("kills", "writer"), KILLED_UPDATES)
def test_killed_update_is_refused_then_repaired_identical(
    stores: dict[str, Path], tmp_path: Path, kills: list[tuple[str, str]], writer: str
) -> None:
    store, reference = tmp_path / "store", tmp_path / "reference"
    shutil.copytree(stores["old-store"], store)
    shutil.copytree(stores["old-store"], reference)
    update = _an_update(store)
    runner = CliRunner()
    done = runner.invoke(cli, ["query", "--update", "-e", update, "--store", str(reference)])
    assert done.exit_code == 0, done.output
    commands = {"update": ["query", "--update", "-e", update], "repair": ["repair"]}
    ctx = multiprocessing.get_context("spawn")  # as above: no forked copy of Oxigraph's threads
    for command, target in kills:
        args = [*commands[command], "--store", str(store)]
        child = ctx.Process(target=_killed_command, args=(args, target))
        child.start()
        child.join(300)
        assert child.exitcode == -signal.SIGKILL, f"{command} was not killed ({child.exitcode})"
    assert dump(store) != dump(reference)  # the update committed, its merge not repaired

    for command in (["stats"], ["query", "-e", "ASK { ?s ?p ?o }"], commands["update"]):
        result = runner.invoke(cli, [*command, "--store", str(store)])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert f"the store {store} is unfinished: {writer} " in result.output
        assert f"run 'kg repair --store {shlex.quote(str(store))}' to finish it" in result.output

    result = runner.invoke(cli, ["repair", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"repaired the store {store}: its merged default graph +")
    assert not (store / UNFINISHED).exists()
    assert dump(store) == dump(reference)


def test_reader_refused_while_a_build_runs(stores: dict[str, Path], tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(stores["old-store"], store)
    with KGStore(store) as st:  # what a build does first
        st.begin_build()
        with pytest.raises(StoreError, match=r"is being written by a build \(process \d+, started"):
            KGStore(store, read_only=True, must_exist=True)
        st.commit_build()
    with KGStore(store, read_only=True, must_exist=True) as st:
        assert len(st.article_graphs()) == 3


def test_serve_refuses_an_unfinished_store(stores: dict[str, Path], tmp_path: Path) -> None:
    from kg.query.serve import start_server

    store = tmp_path / "store"
    shutil.copytree(stores["old-store"], store)
    (store / UNFINISHED).write_text('{"pid": 1, "host": "elsewhere", "started": "then"}')
    with pytest.raises(StoreError, match="is unfinished: a build started then stopped"):
        start_server(store, port=0, engine="python")


def test_build_with_nothing_to_read_leaves_the_store_finished(
    stores: dict[str, Path], tmp_path: Path
) -> None:
    from kg.errors import InputError

    store = tmp_path / "store"
    shutil.copytree(stores["old-store"], store)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.txt").write_text("")
    with pytest.raises(InputError, match="the store was left unchanged"):
        build([empty], store)
    assert not (store / UNFINISHED).exists()
    assert dump(store) == dump(stores["old-store"])
