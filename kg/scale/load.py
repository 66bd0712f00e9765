"""``kg load SHARDS``: bulk-load shards into the store and finish the cross-article step.

One pass over the shards of a folder or URL (:mod:`kg.scale.shards`), in the build's input
order, each shard in two steps:

1. its facts: names one article defines resolve later articles' (the build's
   :class:`~kg.extract.consolidate.Consolidator`, and extraction again of an article whose
   unresolved acronym is known by then, as :func:`kg.extract.parallel.settle` does). An
   article this changes gets its triples computed here, as lines of its own;
2. its triples go to Oxigraph's bulk loader (one load for the whole folder, read by
   Oxigraph's parser on its own thread: no Python object per quad). A shard whose articles
   all stand as written goes as it is: its article graphs and their merge in the default
   graph; another (an article changed or repeated) goes line by line. Meanwhile each owned
   graph's rows that the end of the build reads go to a
   :class:`~kg.rdf.graphfacts.GraphFacts`, from the triples its worker listed.

Then, as a build ends (:func:`kg.pipeline.build.end_of_build`, computed while Oxigraph writes
its indexes): the curation graph, the derived graph, the counts. The store holds exactly the
articles of the shards afterwards (others are removed), and it is the store ``kg build``
makes of the same articles: same sorted N-Quads, same merged default graph.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from rdflib import URIRef

from kg.errors import InputError
from kg.model import ArticleFacts, ArticleMeta
from kg.pipeline.build import BuildReport
from kg.rdf.graphfacts import GraphFacts
from kg.rdf.store import KGStore
from kg.scale.folder import ShardFolder
from kg.scale.shards import ShardIndex, curation_digest, lines_by_graph, merge_line, read_index

if TYPE_CHECKING:
    from kg.curation import Curation
    from kg.extract.pipeline import Extractor

__all__ = ["Settled", "ShardStream", "fill_store", "load_shards", "open_shards"]


class _Record(NamedTuple):
    """One article of a shard's facts file."""

    facts: ArticleFacts
    open_acronyms: frozenset[str]
    #: the triples of its graph the end of the build reads (empty for a repeated text)
    wanted: list[tuple[str, str, str]]


def _records(folder: ShardFolder, name: str) -> Iterator[_Record]:
    from kg.scale.codec import facts_from_json

    file = f"{name}.facts.jsonl.gz"
    path = folder.name(file)
    n = 0
    try:
        with gzip.open(io.BytesIO(folder.read(file)), "rt", encoding="utf-8") as fh:
            for line in fh:
                n += 1
                rec = json.loads(line)
                wanted = [(str(s), str(p), str(o)) for s, p, o in rec["wanted"]]
                yield _Record(facts_from_json(rec["facts"]), frozenset(rec["open"]), wanted)
    except (OSError, EOFError, ValueError, KeyError, TypeError) as e:
        # a damaged compressed stream fails after the last good line, a bad record on its own
        at = "after line" if isinstance(e, OSError | EOFError) else "line"
        where = f"{path} {at} {n}" if n else str(path)
        raise InputError(f"{where} cannot be read ({e}); run 'kg build --shards' again") from None


#: the merged default graph's lines kept to skip repeats in a shard read line by line (a
#: bound on memory: past it the set starts again, and Oxigraph's loader drops the repeats
#: that get through, as it does those of whole shards)
_RECENT = 1_000_000


class Settled(NamedTuple):
    """What the cross-article step makes of one shard (:meth:`ShardStream.settle`)."""

    #: the graphs (IRIs as bytes) whose lines in the shard stand as the worker wrote them
    owned: set[bytes]
    #: N-Quads of the shard's articles the step changed (``None``: the shard owns every
    #: graph it holds, unchanged)
    changed: bytes | None
    #: the rows to gather of each owned graph (:class:`~kg.rdf.graphfacts.GraphFacts`)
    gather: list[tuple[str, list[tuple[str, str, str]]]]


class ShardStream:
    """The N-Quads ``kg load`` bulk-loads, made shard by shard in the build's input order.

    For each shard, its articles go through the cross-article step first (the build's
    :class:`~kg.extract.consolidate.Consolidator`, and extraction again of an article whose
    unresolved acronym is known by then, as :func:`kg.extract.parallel.settle` does). A shard
    whose graphs all stand as its worker wrote them goes to the loader as it is, default graph
    lines and all; otherwise only the lines of the graphs it owns (the first article of a
    text, unchanged), their triples again as the merge. An article the step changes is
    written from its new triples. The end of the build's rows are gathered on the way, after
    each shard is handed over, while Oxigraph parses it.
    """

    def __init__(
        self,
        folder: ShardFolder,
        cur: Curation,
        report: BuildReport,
        progress: Callable[[str], None] | None,
        facts: GraphFacts,
        merged: bool,
    ) -> None:
        from kg.extract.consolidate import Consolidator

        self.folder, self.cur, self.report, self.progress = folder, cur, report, progress
        self.facts, self.merged = facts, merged
        self.consolidator = Consolidator()
        self.extractor: Extractor | None = None
        self.kept: dict[str, ArticleMeta] = {}  # graph → the first article of its text
        self.recent: set[bytes] = set()

    def chunks(self, names: list[str]) -> Iterator[bytes]:
        for name in names:
            owned, changed, gather = self.settle(name)
            file = f"{name}.nq"
            data = self.folder.read(file)
            if changed is None and self.merged:
                yield data  # every graph as written, with its merge: Oxigraph parses it all
            else:
                yield self._lines(file, data, owned)
            if changed:
                yield changed
            for graph, wanted in gather:
                self.facts.add(graph, wanted)

    def settle(self, name: str) -> Settled:
        """The cross-article step for the articles of shard ``name`` (shards in the build's
        input order): what of the shard stands, and what changed."""
        from kg.curation import apply_curation
        from kg.pipeline.build import describe_error, duplicate_record, skip_input
        from kg.rdf.iri import article_graph_iri
        from kg.rdf.write import article_triples

        owned: set[bytes] = set()
        lines: list[bytes] = []
        whole = True
        gather: list[tuple[str, list[tuple[str, str, str]]]] = []
        here: set[str] = set()  # the worker wrote the lines of a graph's first article only
        for rec in _records(self.folder, name):
            facts = rec.facts
            graph = str(article_graph_iri(facts.content_hash))
            first = self.kept.get(graph)
            if first is not None:
                self.report.inputs.append(duplicate_record(facts.meta, first, graph))
                whole = whole and graph in here  # lines of an earlier shard's text: not kept
                here.add(graph)
                continue
            here.add(graph)
            try:
                if rec.open_acronyms and not rec.open_acronyms.isdisjoint(self.consolidator.names):
                    facts = self._extractor().extract(facts.meta, facts.text)
                settled = self.consolidator.consolidate(facts)  # ``facts`` itself: unchanged
                if settled is not rec.facts:  # not what the shard holds: computed here
                    triples = list(article_triples(apply_curation(settled, self.cur)))
                    lines.append(_quad_lines(graph, triples, self.merged))
                    self.facts.add_terms(graph, triples)
            except Exception as e:
                src = facts.meta.source
                skip_input(self.report, src, f"{src}: {describe_error(e)}")
                whole = False
                continue
            self.kept[graph] = facts.meta
            if settled is rec.facts:
                owned.add(graph.encode())
                gather.append((graph, rec.wanted))
            else:
                whole = False
            self.report.add_built(facts, graph)
            if self.progress is not None:
                self.progress(facts.meta.source)
        if whole:
            return Settled(owned, None, gather)
        return Settled(owned, b"".join(lines), gather)

    def _extractor(self) -> Extractor:
        if self.extractor is None:
            from kg.extract.pipeline import Extractor

            self.extractor = Extractor()
            self.extractor.known = self.consolidator.names
        return self.extractor

    def _lines(self, file: str, data: bytes, owned: set[bytes]) -> bytes:
        """The lines of ``data`` in the graphs of ``owned``, and their triples as the merge
        (each once, as far as :data:`_RECENT` remembers) when the store keeps it."""
        kept: list[bytes] = []
        for g, line in lines_by_graph(data, self.folder.name(file)):
            if g is None or g not in owned:
                continue
            kept.append(line + b"\n")
            if self.merged:
                triple = merge_line(line) + b"\n"
                if triple not in self.recent:
                    if len(self.recent) > _RECENT:
                        self.recent.clear()
                    self.recent.add(triple)
                    kept.append(triple)
        return b"".join(kept)

    def invalid(self, names: list[str], e: SyntaxError) -> InputError:
        """The error to raise for the loader's ``e``: names the shard that does not parse."""
        import pyoxigraph as ox

        path = str(self.folder)
        for name in names:
            try:
                for _q in ox.parse(self.folder.read(f"{name}.nq"), format=ox.RdfFormat.N_QUADS):
                    pass
            except SyntaxError as bad:
                e, path = bad, self.folder.name(f"{name}.nq")
                break
        return InputError(f"{path} is not valid N-Quads ({e}); run 'kg build --shards' again")


def _quad_lines(graph: str, triples: list[Any], merged: bool) -> bytes:
    """N-Quads lines of ``triples`` in ``graph``, each also as a line of the merge (as a
    shard holds them, :func:`~kg.scale.shards.merge_line`) if ``merged``."""
    import pyoxigraph as ox

    from kg.rdf.store import to_ox

    g = ox.NamedNode(graph)
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None  # no output given: the bytes are returned
    if not merged:
        return data
    return data + b"".join(merge_line(line) + b"\n" for line in data.splitlines())


def open_shards(
    src: ShardFolder, curation: Path | None
) -> tuple[ShardIndex, Curation, BuildReport]:
    """The index of the shards in ``src``, the curation they were built with (``curation``
    or the file the index names, checked against the build's digest) and a build report
    holding the articles the build could not read.

    Raises
    ------
    InputError
        No finished set of shards, or a curation file that is not the build's.
    """
    from kg.curation import load_curation
    from kg.pipeline.build import skip_input

    index = read_index(src)
    cur = load_curation(curation if curation is not None else index.curation)
    if curation_digest(cur) != index.curation_sha256:
        raise InputError(
            f"the shards in {src} were built with the curation file "
            f"{index.curation or '(none)'}, and {cur.path or '(none)'} is not that file as it "
            "was then: give --curation the file the build used, or build the shards again"
        )
    report = BuildReport()
    for source, message in index.errors:
        skip_input(report, source, message)
    return index, cur, report


def _emptied(st: KGStore, articles: list[URIRef]) -> None:
    """Empty ``st`` of a build's graphs (``articles``, as :meth:`KGStore.article_graphs`
    lists them; ontology, curation, derived) and their merge, keeping any other named graph
    and its merge.

    A store holding only a build's graphs is cleared at once (Oxigraph's ``clear``, no
    transaction; dropping 1,000 articles' graphs in one takes 20 s and 0.6 GB). A store with
    graphs of the user's own drops the build's graphs one at a time instead
    (:meth:`KGStore.remove_graphs`, the merge kept exact), so nothing of theirs is ever held
    only in memory. Either way the shards still go to the loader whole with their merge lines.
    """
    from kg.rdf.iri import CURATION_GRAPH, DERIVED_GRAPH, ONTOLOGY_GRAPH

    names = {g.value for g in st.ox.named_graphs()}
    built = [g for g in (CURATION_GRAPH, DERIVED_GRAPH, ONTOLOGY_GRAPH) if str(g) in names]
    ours = [*articles, *built]
    if len(ours) == len(names):
        st.ox.clear()
    else:
        st.remove_graphs(ours)
    if st.stale:  # a stopped build's store: its merge is repaired (kg.rdf.merge)
        st.refresh_merged()


def fill_store(
    st: KGStore,
    src: ShardFolder,
    curation: Path | None,
    progress: Callable[[str], None] | None,
) -> BuildReport:
    """Fill ``st`` (on disk or in memory) with the shards in ``src`` (a folder or URL) and
    finish the build; the store holds exactly their articles afterwards. Returns the build's
    report."""
    from kg.pipeline.build import end_of_build, finish_build

    index, cur, report = open_shards(src, curation)
    st.begin_build()  # readers refuse the store until finish_build commits it
    old = st.article_graphs()
    if old:  # the store holds exactly the shards' articles
        _emptied(st, old)
    st.ensure_ontology()
    facts = GraphFacts()
    shards = ShardStream(src, cur, report, progress, facts, merged=not st.stale)
    try:  # the end of the build is computed while Oxigraph writes its indexes
        end = st.bulk_load(
            shards.chunks(index.shards),
            lenient=True,
            meanwhile=lambda: end_of_build(st, [], cur, facts),
        )
    except SyntaxError as e:
        raise shards.invalid(index.shards, e) from None
    finish_build(st, [], cur, report, end)
    report.removed = len(set(map(str, old)) - {r.graph for r in report.inputs if r.graph})
    return report


def load_shards(
    folder: str | Path | ShardFolder,
    store: str | Path,
    *,
    curation: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Load the shards in ``folder`` into ``store`` and finish the build.

    Parameters
    ----------
    folder : str, Path or ShardFolder
        A folder or URL written by :func:`kg.scale.shards.build_shards` (``kg build
        --shards``).
    store : str or Path
        The store folder (created when missing); afterwards it holds exactly these articles.
    curation : Path, optional
        Curation file (default: the one the shards were built with, as ``index.json`` names
        it); it must have the content it had for the build.
    progress : callable, optional
        Called with each article's source in the cross-article pass.

    Returns
    -------
    BuildReport
        As the build of the same articles reports it (the articles the build could not read
        are its ``errors``).

    Raises
    ------
    InputError
        When the folder is not a finished set of shards, or a shard cannot be read.
    StoreError
        When the store cannot be opened.
    """
    t0 = time.perf_counter()
    src = ShardFolder.of(folder)
    created = None if Path(store).exists() else Path(store)
    st = KGStore(store)
    try:
        report = fill_store(st, src, curation, progress)
    except InputError:
        if created is not None:
            st.close()
            shutil.rmtree(created, ignore_errors=True)
        raise
    finally:
        st.close()
    report.seconds = time.perf_counter() - t0
    return report
