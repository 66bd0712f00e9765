"""``kg push ENDPOINT --shards DIR``: shards written by ``kg build --shards`` → a triplestore.

The shards are streamed to the triplestore; no store of the articles is made:

1. the cross-article step reads the shards' facts files in the build's input order, as ``kg
   load`` does (:class:`~kg.scale.load.ShardStream`); the N-Quads of the articles it changes go
   to a temporary folder, and the end of the build (curation graph, derived graph, counts) is
   computed into an in-memory store that holds only those graphs and the ontology;
2. the push reads the shards again, one at a time, while it sends them. ``--graphs
   per-article``: each article graph is one target (in shard order), then the graphs of the
   in-memory store. ``--graphs merged``: one target, the triples of every graph sorted and
   de-duplicated in runs spilled to temporary files, as ``kg export`` sorts a store.

The client holds one shard's lines, a sort run (:data:`~kg.export.serialise.RUN_LINES`) and
what the end of the build gathers (a few rows an article), whatever the size of the graph. The
triplestore receives the triples a push from the store of ``kg load`` sends: the same targets
hold the same triples afterwards (per-article targets in another order).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.export.push import PushOptions, PushReport, push_source
from kg.export.push_units import PushUnit, push_units
from kg.export.serialise import RUN_LINES, sorted_lines, sorted_unique
from kg.pipeline.build import BuildReport
from kg.rdf.graphfacts import GraphFacts
from kg.rdf.store import KGStore
from kg.scale.folder import ShardFolder
from kg.scale.shards import graph_of, lines_by_graph, merge_line

__all__ = ["push_shards"]


@dataclass(frozen=True)
class _Shard:
    """One shard as the cross-article step left it."""

    name: str
    #: graphs (IRIs as bytes) whose lines in the shard stand as written
    owned: frozenset[bytes]
    #: the N-Quads of the shard's articles the step changed, spooled (None: none)
    changed: Path | None
    #: every graph the push sends of this shard, in IRI order
    graphs: tuple[bytes, ...]


def push_shards(
    folder: str | Path,
    endpoint: str,
    options: PushOptions | None = None,
    *,
    curation: Path | None = None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
    run_lines: int = RUN_LINES,
) -> tuple[BuildReport, PushReport]:
    """Finish the build of the shards in ``folder`` and stream it to ``endpoint``.

    Parameters
    ----------
    folder : str or Path
        A folder or URL written by ``kg build --shards``.
    endpoint : str
        The triplestore's base URL (see :mod:`kg.export.profiles`).
    options : PushOptions, optional
        As for ``kg push``.
    curation : Path, optional
        As for :func:`kg.scale.load.load_shards`.
    dry_run : bool
        List the requests without sending any.
    progress : callable, optional
        Called with each article's source in the cross-article pass.
    run_lines : int
        Lines sorted in memory at once for a merged push.

    Returns
    -------
    tuple of BuildReport and PushReport
        What the build of the shards' articles found, and what the push sent.

    Raises
    ------
    InputError
        When the folder is not a finished set of shards, or a shard cannot be read.
    PushError
        As :func:`kg.export.push.push` raises it.
    """
    opts = options or PushOptions()
    t0 = time.perf_counter()
    src = ShardFolder.of(folder)
    with tempfile.TemporaryDirectory(prefix="kg-push-shards-") as tmp, KGStore(None) as rest:
        build, plan = _settle(src, curation, rest, progress, Path(tmp))
        build.seconds = time.perf_counter() - t0
        lines = _ShardLines(src)

        def units(target: ox.NamedNode | None) -> list[PushUnit]:
            if opts.graphs == "merged":
                chunks = lambda: _merge_chunks(lines, plan, rest, opts.include_ontology)  # noqa: E731
                return [
                    PushUnit.of_lines(target, lambda: sorted_unique(chunks(), run_lines=run_lines))
                ]
            return [
                *_article_units(lines, plan),
                *push_units(rest, opts.graphs, opts.include_ontology, None),
            ]

        pushed = push_source(units, endpoint, opts, dry_run=dry_run)
    return build, pushed


def _settle(
    src: ShardFolder,
    curation: Path | None,
    rest: KGStore,
    progress: Callable[[str], None] | None,
    tmp: Path,
) -> tuple[BuildReport, list[_Shard]]:
    """The cross-article step over the shards' facts and the end of the build (into
    ``rest``): the build's report and what the push sends of each shard.

    Every shard's lines are read and checked here, before the push sends anything: a damaged
    or missing shard stops it while the triplestore is as it was."""
    from kg.pipeline.build import end_of_build, finish_build
    from kg.scale.load import ShardStream, open_shards

    index, cur, report = open_shards(src, curation)
    rest.ensure_ontology()
    facts = GraphFacts()
    stream = ShardStream(src, cur, report, progress, facts, merged=False)
    plan: list[_Shard] = []
    for i, name in enumerate(index.shards):
        owned, changed, gather = stream.settle(name)
        for graph, wanted in gather:
            facts.add(graph, wanted)
        file = f"{name}.nq"
        present = {g for g, _ in lines_by_graph(src.read(file), src.name(file)) if g is not None}
        spool, graphs = None, owned & present
        if changed:
            spool = tmp / f"{i}.nq"
            spool.write_bytes(changed)
            graphs |= {g for line in changed.splitlines() if (g := graph_of(line))}
        plan.append(_Shard(name, frozenset(owned), spool, tuple(sorted(graphs))))
    finish_build(rest, [], cur, report, end_of_build(rest, [], cur, facts))
    return report, plan


class _ShardLines:
    """The sorted N-Triples lines of each graph a shard sends, one shard at a time (the last
    one read is kept: units come in shard order)."""

    def __init__(self, folder: ShardFolder) -> None:
        self.folder = folder
        self._name: str | None = None
        self._graphs: dict[bytes, list[bytes]] = {}

    def of(self, shard: _Shard) -> dict[bytes, list[bytes]]:
        if shard.name != self._name:
            self._graphs, self._name = {}, None  # never two shards in memory
            self._graphs, self._name = self._read(shard), shard.name
        return self._graphs

    def _read(self, shard: _Shard) -> dict[bytes, list[bytes]]:
        file = f"{shard.name}.nq"
        sources: list[tuple[str, bytes, frozenset[bytes] | None]] = [
            (self.folder.name(file), self.folder.read(file), shard.owned)
        ]
        if shard.changed is not None:
            sources.append((str(shard.changed), shard.changed.read_bytes(), None))
        out: dict[bytes, set[bytes]] = {}
        for where, data, keep in sources:
            for g, line in lines_by_graph(data, where):
                if g is not None and (keep is None or g in keep):
                    out.setdefault(g, set()).add(merge_line(line) + b"\n")
        return {g: sorted(lines) for g, lines in out.items()}


def _article_units(lines: _ShardLines, plan: list[_Shard]) -> list[PushUnit]:
    """One unit for each article graph, in shard order, read when it is sent."""
    return [
        PushUnit.of_lines(
            ox.NamedNode(g.decode()),
            lambda shard=shard, g=g: iter(lines.of(shard).get(g, [])),  # type: ignore[misc]
        )
        for shard in plan
        for g in shard.graphs
    ]


def _merge_chunks(
    lines: _ShardLines, plan: list[_Shard], rest: KGStore, include_ontology: bool
) -> Iterator[bytes]:
    """The triples of every graph, a block of lines at a time, in no order, with repeats."""
    for shard in plan:
        for graph in lines.of(shard).values():
            yield b"".join(graph)
    yield from sorted_lines(rest, graphs="merged", include_ontology=include_ontology)
