"""``kg load SHARDS``: bulk-load shards into the store and finish the cross-article step.

Two passes over the shards of a folder (:mod:`kg.scale.shards`), in the build's input order:

1. the facts: names one article defines resolve later articles' (the build's
   :class:`~kg.extract.consolidate.Consolidator`, and extraction again of an article whose
   unresolved acronym is known by then, as :func:`kg.extract.parallel.settle` does). An
   article this changes gets its triples computed here and written as a graph of its own;
2. the triples: every other article's graph goes into the store through Oxigraph's bulk
   loader, straight from the shards' N-Quads bytes (one load, read by Oxigraph's parser: no
   Python object per quad), each line also as a triple of the merged default graph. On the
   way, each graph's triples that the end of the build needs go to a
   :class:`~kg.rdf.graphfacts.GraphFacts`.

Then, as a build ends (:func:`kg.pipeline.build.end_of_build`, computed while Oxigraph writes
its indexes): the curation graph, the derived graph, the counts. The store holds exactly the
articles of the shards afterwards (others are removed), and it is the store ``kg build``
makes of the same articles: same sorted N-Quads, same merged default graph.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.model import ArticleFacts, ArticleMeta
from kg.pipeline.build import BuildReport
from kg.rdf.graphfacts import WANTED, GraphFacts
from kg.rdf.store import KGStore
from kg.scale.folder import ShardFolder
from kg.scale.shards import curation_digest, read_index

if TYPE_CHECKING:
    from kg.curation import Curation
    from kg.extract.pipeline import Extractor

__all__ = ["fill_store", "load_shards"]


def _records(folder: ShardFolder, name: str) -> Iterator[tuple[ArticleFacts, frozenset[str]]]:
    from kg.scale.codec import facts_from_json

    file = f"{name}.facts.jsonl.gz"
    path = folder.name(file)
    n = 0
    try:
        with gzip.open(io.BytesIO(folder.read(file)), "rt", encoding="utf-8") as fh:
            for line in fh:
                n += 1
                rec = json.loads(line)
                yield facts_from_json(rec["facts"]), frozenset(rec["open"])
    except (OSError, EOFError, ValueError, KeyError, TypeError) as e:
        where = f"{path} line {n}" if n else str(path)
        raise InputError(f"{where} cannot be read ({e}); run 'kg build --shards' again") from None


#: the merged default graph's lines kept to skip repeats (a bound on memory: past it the set
#: starts again, and Oxigraph's loader drops the few repeats that get through)
_RECENT = 1_000_000
_WANTED = {f"<{iri}>".encode(): iri for iri in WANTED}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescaped(m: re.Match[str]) -> str:
    code = m[1] or m[2]
    return chr(int(code, 16)) if code else _ECHAR[m[3]]


def _term(b: bytes) -> str:
    """An N-Quads term as the string a query's ``.value`` gives: the IRI, the literal's
    lexical form, the blank node's name."""
    if b[:1] == b"<" and b[-1:] == b">":
        return b[1:-1].decode()
    if b[:1] == b'"':
        text = b[1 : b.rindex(b'"')].decode()
        return _ESCAPE.sub(_unescaped, text) if "\\" in text else text
    if b[:2] == b"_:":
        return b[2:].decode()
    raise ValueError(f"not an N-Quads term: {b[:60]!r}")


class _ShardReader:
    """The N-Quads ``kg load`` bulk-loads, read shard by shard in the build's order.

    Each shard's lines of the article graphs it owns (the whole file when it owns them all),
    each then also as a triple of the merged default graph (``merged``; each once, as far as
    :data:`_RECENT` remembers); every graph's triples go to ``facts`` on the way.
    """

    def __init__(
        self, folder: ShardFolder, names: list[str], owner: dict[str, str], facts: GraphFacts
    ) -> None:
        self.folder, self.names, self.owner, self.facts = folder, names, owner, facts
        self.path: str | None = None  # the shard being read

    def chunks(self, merged: bool) -> Iterator[bytes]:
        recent: set[bytes] = set()
        for name in self.names:
            self.path = self.folder.name(f"{name}.nq")
            data = self.folder.read(f"{name}.nq")
            kept, triples, graphs = self._lines(name, data)
            yield data if kept is None else b"".join(line + b"\n" for line in kept)
            if merged:
                if len(recent) > _RECENT:
                    recent.clear()
                new = [t for t in triples if t not in recent]
                recent.update(new)
                yield b"".join(t + b" .\n" for t in new)
            self._gather(graphs)  # while Oxigraph parses the lines just given

    def _lines(
        self, name: str, data: bytes
    ) -> tuple[list[bytes] | None, list[bytes], dict[bytes, list[tuple[bytes, str, bytes]]]]:
        """The lines of ``data`` in graphs ``name`` owns (``None``: all of them), their
        triples (a line without its graph), and the triples :class:`GraphFacts` reads of each
        owned graph (subject, predicate IRI, object)."""
        owned: dict[bytes, bool] = {}
        graphs: dict[bytes, list[tuple[bytes, str, bytes]]] = {}
        kept: list[bytes] = []
        triples: list[bytes] = []
        for n, line in enumerate(data.splitlines(), 1):
            i = line.rfind(b" <")
            parts = line[:i].split(b" ", 2) if i > 0 and line.endswith(b"> .") else ()
            if len(parts) != 3:
                if not line.strip():
                    continue
                raise InputError(
                    f"{self.path} line {n} is not an N-Quads line of a named graph; "
                    "run 'kg build --shards' again"
                )
            g = line[i + 2 : -3]
            mine = owned.get(g)
            if mine is None:
                mine = owned[g] = self.owner.get(g.decode()) == name
                if mine:
                    graphs[g] = []
            if not mine:
                continue
            kept.append(line)
            triples.append(line[:i])
            p = _WANTED.get(parts[1])
            if p is not None:
                graphs[g].append((parts[0], p, parts[2]))
        return (None if all(owned.values()) else kept), triples, graphs

    def _gather(self, graphs: dict[bytes, list[tuple[bytes, str, bytes]]]) -> None:
        try:
            for g, wanted in graphs.items():
                self.facts.add(g.decode(), ((_term(s), p, _term(o)) for s, p, o in wanted))
        except (ValueError, KeyError, UnicodeDecodeError) as e:
            raise InputError(
                f"{self.path} is not valid N-Quads ({e}); run 'kg build --shards' again"
            ) from None

    def invalid(self, e: SyntaxError) -> InputError:
        """The error to raise for the loader's ``e``: names the shard that does not parse."""
        import pyoxigraph as ox

        for name in self.names:
            path = self.folder.name(f"{name}.nq")
            try:
                for _q in ox.parse(self.folder.read(f"{name}.nq"), format=ox.RdfFormat.N_QUADS):
                    pass
            except SyntaxError as bad:
                e = bad
                break
        else:
            path = str(self.folder)
        return InputError(f"{path} is not valid N-Quads ({e}); run 'kg build --shards' again")


def _cross_article(
    folder: ShardFolder,
    names: list[str],
    st: KGStore,
    cur: Curation,
    report: BuildReport,
    progress: Callable[[str], None] | None,
    gathered: GraphFacts,
) -> dict[str, str]:
    """Pass 1: the articles in order through the consolidator, as a build writes them; the
    graphs it changes are written now (and given to ``gathered``). Returns graph → the shard
    to bulk-load it from."""
    from kg.curation import apply_curation
    from kg.extract.consolidate import Consolidator
    from kg.pipeline.build import describe_error, duplicate_record, skip_input
    from kg.rdf.iri import article_graph_iri
    from kg.rdf.write import article_triples

    consolidator = Consolidator()
    extractor: Extractor | None = None
    kept: dict[str, ArticleMeta] = {}
    owner: dict[str, str] = {}
    with st.writer() as writer:
        for name in names:
            for facts, open_acronyms in _records(folder, name):
                graph = article_graph_iri(facts.content_hash)
                first = kept.get(str(graph))
                if first is not None:
                    report.inputs.append(duplicate_record(facts.meta, first, str(graph)))
                    continue
                original = facts
                if open_acronyms and not open_acronyms.isdisjoint(consolidator.names):
                    if extractor is None:
                        from kg.extract.pipeline import Extractor

                        extractor = Extractor()
                        extractor.known = consolidator.names
                    facts = extractor.extract(facts.meta, facts.text)
                try:
                    merged = consolidator.consolidate(facts)
                    if merged is not original:  # not what the shard holds: computed here
                        triples = list(article_triples(apply_curation(merged, cur)))
                        writer.put(graph, triples)
                        gathered.add_terms(str(graph), triples)
                except Exception as e:
                    skip_input(
                        report, facts.meta.source, f"{facts.meta.source}: {describe_error(e)}"
                    )
                    continue
                kept[str(graph)] = facts.meta
                if merged is original:
                    owner[str(graph)] = name
                report.add_built(facts, str(graph))
                if progress is not None:
                    progress(facts.meta.source)
    return owner


def fill_store(
    st: KGStore,
    src: ShardFolder,
    curation: Path | None,
    progress: Callable[[str], None] | None,
) -> BuildReport:
    """Fill ``st`` (on disk or in memory) with the shards in ``src`` (a folder or URL) and
    finish the build;
    the store holds exactly their articles afterwards. Returns the build's report."""
    from kg.curation import load_curation
    from kg.pipeline.build import end_of_build, finish_build, skip_input

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
    st.begin_build()  # readers refuse the store until finish_build commits it
    old = st.article_graphs()
    for g in old:  # the store holds exactly the shards' articles
        st.remove_graph(g)
    st.ensure_ontology()
    facts = GraphFacts()
    owner = _cross_article(src, index.shards, st, cur, report, progress, facts)
    shards = _ShardReader(src, index.shards, owner, facts)
    try:  # the end of the build is computed while Oxigraph writes its indexes
        end = st.bulk_load(
            shards.chunks(merged=not st.stale),
            lenient=True,
            meanwhile=lambda: end_of_build(st, [], cur, facts),
        )
    except SyntaxError as e:
        raise shards.invalid(e) from None
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
