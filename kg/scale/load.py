"""``kg load SHARDS``: bulk-load shards into the store and finish the cross-article step.

Two passes over the shards of a folder (:mod:`kg.scale.shards`), in the build's input order:

1. the facts: names one article defines resolve later articles' (the build's
   :class:`~kg.extract.consolidate.Consolidator`, and extraction again of an article whose
   unresolved acronym is known by then, as :func:`kg.extract.parallel.settle` does). An
   article this changes gets its triples computed here and written as a graph of its own;
2. the triples: every other article's graph goes into the store through Oxigraph's bulk
   loader, straight from the shards' N-Quads, with its copy in the merged default graph.

Then, as a build ends: the curation graph, the derived confidences, the counts. The store
holds exactly the articles of the shards afterwards (others are removed), and it is the store
``kg build`` makes of the same articles: same sorted N-Quads.
"""

from __future__ import annotations

import gzip
import json
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.model import ArticleFacts, ArticleMeta
from kg.pipeline.build import BuildReport
from kg.rdf.store import KGStore
from kg.scale.shards import curation_digest, read_index

if TYPE_CHECKING:
    from kg.curation import Curation
    from kg.extract.pipeline import Extractor

__all__ = ["fill_store", "load_shards"]


def _records(folder: Path, name: str) -> Iterator[tuple[ArticleFacts, frozenset[str]]]:
    from kg.scale.codec import facts_from_json

    path = folder / f"{name}.facts.jsonl.gz"
    n = 0
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                n += 1
                rec = json.loads(line)
                yield facts_from_json(rec["facts"]), frozenset(rec["open"])
    except (OSError, EOFError, ValueError, KeyError, TypeError) as e:
        where = f"{path} line {n}" if n else str(path)
        raise InputError(f"{where} cannot be read ({e}); run 'kg build --shards' again") from None


def _quads(folder: Path, names: list[str], owner: dict[str, str]) -> Iterator[Any]:
    """The quads of each article graph from the shard that owns it (the first to hold its
    article, and not computed by pass 1), each also in the merged default graph."""
    import pyoxigraph as ox

    for name in names:
        path = folder / f"{name}.nq"
        try:
            for q in ox.parse(path=path, format=ox.RdfFormat.N_QUADS):
                if owner.get(q.graph_name.value) != name:
                    continue
                yield q
                yield ox.Quad(q.subject, q.predicate, q.object)  # the merged default graph
        except SyntaxError as e:
            raise InputError(
                f"{path} is not valid N-Quads ({e}); run 'kg build --shards' again"
            ) from None


def _cross_article(
    folder: Path,
    names: list[str],
    st: KGStore,
    cur: Curation,
    report: BuildReport,
    progress: Callable[[str], None] | None,
) -> dict[str, str]:
    """Pass 1: the articles in order through the consolidator, as a build writes them; the
    graphs it changes are written now. Returns graph → the shard to bulk-load it from."""
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
                        writer.put(graph, list(article_triples(apply_curation(merged, cur))))
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
    src: Path,
    curation: Path | None,
    progress: Callable[[str], None] | None,
) -> BuildReport:
    """Fill ``st`` (on disk or in memory) with the shards in ``src`` and finish the build;
    the store holds exactly their articles afterwards. Returns the build's report."""
    from kg.curation import load_curation
    from kg.pipeline.build import finish_build, skip_input

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
    owner = _cross_article(src, index.shards, st, cur, report, progress)
    st.ox.bulk_extend(_quads(src, index.shards, owner))
    finish_build(st, [], cur, report)
    report.removed = len(set(map(str, old)) - {r.graph for r in report.inputs if r.graph})
    return report


def load_shards(
    folder: str | Path,
    store: str | Path,
    *,
    curation: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Load the shards in ``folder`` into ``store`` and finish the build.

    Parameters
    ----------
    folder : str or Path
        A folder written by :func:`kg.scale.shards.build_shards` (``kg build --shards``).
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
    src = Path(folder)
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
