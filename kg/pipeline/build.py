"""Build a store from articles: read, extract, write one named graph per article.

:func:`build` is what ``kg build`` runs. It streams: articles are read, parsed in batches and
written one at a time, so memory does not grow with the corpus. One unreadable article is
reported in :attr:`BuildReport.errors` and skipped; the rest of the build goes on.

Rebuilding the same articles is idempotent: IRIs come from canonical names and the article
text's hash, and each article's graph is replaced whole (an unchanged graph is not rewritten).
Without ``append`` the store holds exactly the articles of this build afterwards.

Every input is accounted for (:attr:`BuildReport.inputs`): an article is *built*, a
*duplicate* (the same text as an earlier article of the build: the first one's graph and
metadata are kept, and the report says which metadata of the duplicate was dropped) or
*skipped* with the reason (a file that cannot be read, an article whose extraction failed).
:func:`write_report` writes the same as JSON Lines (``kg build --report FILE``).

Where the time goes: parsing (spaCy) dominates. Graphs are written by a background thread
(:class:`~kg.rdf.store.GraphWriter`) while the next articles are parsed, and new graphs join
the store's merged default graph in the same transaction, so a fresh build never recomputes
the merge. With ``workers > 1`` the worker processes also read and clean the files and run the
rules (:mod:`kg.extract.parallel`); the main process consolidates names across articles, builds
each article's triples and writes them. ``docs/performance.md`` has the measurements.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ClusterError, InputError
from kg.files import publish
from kg.ingest.remote import check_url, is_remote, local_path
from kg.model import ArticleFacts, ArticleMeta, FuzzyDate
from kg.rdf.derived import derived_statements
from kg.rdf.graphfacts import GraphFacts
from kg.rdf.read import known_entities
from kg.rdf.store import KGStore

if TYPE_CHECKING:
    from rdflib import URIRef
    from rdflib.term import Node

    from kg.curation import Curation
    from kg.extract.consolidate import Consolidator
    from kg.extract.pipeline import Extractor
    from kg.ingest import ArticleFile, IngestFailure, ReadOptions

__all__ = [
    "BuildEnd",
    "BuildReport",
    "FactSource",
    "InputRecord",
    "build",
    "check_paths",
    "describe_error",
    "duplicate_record",
    "end_of_build",
    "finish_build",
    "skip_input",
    "store_counts",
    "write_report",
]

#: Reads and extracts the input files elsewhere (given the build's extractor, the files and
#: how to read them): each input's facts, or why it failed, in input order. The Dask engine
#: (:func:`kg.scale.dask_engine.dask_build`) hands :func:`build` one.
FactSource = Callable[
    ["Extractor", Iterator["ArticleFile | IngestFailure"], "ReadOptions"],
    Iterator["ArticleFacts | IngestFailure"],
]


@dataclass(frozen=True)
class InputRecord:
    """What became of one input (a file, feed item or JSON Lines line).

    ``status`` is ``"built"``, ``"duplicate"`` or ``"skipped"``; ``graph`` is the article's
    named graph (built and duplicate), ``duplicate_of`` the source of the article that was
    kept, ``reason`` why it was skipped or what of a duplicate's metadata was dropped.
    """

    source: str
    status: str
    graph: str | None = None
    duplicate_of: str | None = None
    reason: str | None = None


@dataclass
class BuildReport:
    """What a build did: counts for the summary, and every article it had to skip."""

    articles: int = 0
    words: int = 0
    #: what the whole store holds after the build (with ``--append``, earlier articles too),
    #: counted as ``kg stats`` counts: articles, actors, places, relations, events, attestations
    facts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    seconds: float = 0.0
    removed: int = 0
    inputs: list[InputRecord] = field(default_factory=list)

    def add_built(self, facts: ArticleFacts, graph: str) -> None:
        """Count the article of ``facts`` as built into the named graph ``graph``."""
        self.inputs.append(InputRecord(facts.meta.source, "built", graph))
        self.articles += 1
        self.words += len(facts.text.split())
        if facts.meta.date is None:
            self.undated.append(facts.meta.source)

    @property
    def duplicates(self) -> list[InputRecord]:
        """The inputs that repeated an earlier article's text."""
        return [r for r in self.inputs if r.status == "duplicate"]

    def summary(self) -> str:
        """A few lines for the terminal.

        >>> print(BuildReport(2, 800, {"actors": 5}, [("x.bin", "binary")], [], 1.5).summary())
        3 inputs: 2 built, 0 duplicates, 1 skipped
        2 articles (800 words) in 1.5 s
        the store now holds (as kg stats counts them):
          actors 5
        1 skipped:
          x.bin: binary
        """
        dups = self.duplicates
        lines = [
            f"{self.articles + len(dups) + len(self.errors)} inputs: {self.articles} built, "
            f"{len(dups)} duplicate{'' if len(dups) == 1 else 's'}"
            + (f" of {_listed(sorted({str(d.duplicate_of) for d in dups}))}" if dups else "")
            + f", {len(self.errors)} skipped",
            f"{self.articles} article{'' if self.articles == 1 else 's'} ({self.words} words) "
            f"in {self.seconds:.1f} s",
        ]
        if self.facts:
            lines.append("the store now holds (as kg stats counts them):")
            labels = {"relations": "relationships"}
            lines += [f"  {labels.get(k, k)} {v}" for k, v in self.facts.items()]
        if self.undated:
            lines.append(
                f"{len(self.undated)} without a publication date (dates kept only as precise as "
                "the text; give --date or a manifest): "
                + ", ".join(self.undated[:5])
                + (" ..." if len(self.undated) > 5 else "")
            )
        if dups:
            lines.append(f"{len(dups)} duplicate{'' if len(dups) == 1 else 's'} (not built again):")
            lines += [f"  {d.source}: same text as {d.duplicate_of}; {d.reason}" for d in dups]
        if self.errors:
            lines.append(f"{len(self.errors)} skipped:")
            lines += [f"  {src}: {msg}" for src, msg in self.errors]
        return "\n".join(lines)


def _listed(names: list[str]) -> str:
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def write_report(report: BuildReport, path: str | Path) -> None:
    """Write one JSON object per input (:class:`InputRecord`, ``None`` fields left out) to
    ``path``, all at once (a temporary file renamed into place).

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.jsonl"
    >>> write_report(BuildReport(inputs=[InputRecord("x.bin", "skipped", reason="binary")]), out)
    >>> print(out.read_text(), end="")
    {"source": "x.bin", "status": "skipped", "reason": "binary"}
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for r in report.inputs:
                record = {k: v for k, v in asdict(r).items() if v is not None}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        publish(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _as_date(value: str | FuzzyDate | None) -> FuzzyDate | None:
    if value is None or isinstance(value, FuzzyDate):
        return value
    try:
        return FuzzyDate.parse(value)
    except ValueError as e:
        raise InputError(f"--date {value!r}: {e}") from None


def build(
    paths: Sequence[str | Path],
    store: str | Path | KGStore,
    *,
    default_date: str | FuzzyDate | None = None,
    publisher: str | None = None,
    append: bool = False,
    workers: int = 1,
    batch_size: int = 16,
    curation: Path | None = None,
    manifest: Path | None = None,
    follow_links: bool = False,
    progress: Callable[[str], None] | None = None,
    extract: FactSource | None = None,
) -> BuildReport:
    """Read the articles under ``paths`` into ``store``.

    Parameters
    ----------
    paths : sequence of str or Path
        Files and folders of articles (text, HTML, feeds, JSON Lines).
    store : str, Path or KGStore
        The store folder (created when missing) or an open store.
    default_date, publisher : optional
        Publication date and publisher of articles that state none.
    append : bool
        Keep the articles already in the store (else they are removed unless rebuilt).
    workers : int
        Processes parsing and extracting in parallel (output is identical to one process).
    batch_size : int
        Articles per spaCy batch (and per chunk handed to a worker).
    curation : Path, optional
        Curation file (default: ``data/curation.yaml`` when it exists).
    manifest : Path, optional
        Per-article metadata.
    follow_links : bool
        Read files that symbolic links in a folder point to outside it (see :mod:`kg.ingest`).
    progress : callable, optional
        Called with each article's source as it is written.
    extract : callable, optional
        Reads and extracts the input files instead of this process and its ``workers``
        (:data:`FactSource`; :func:`kg.scale.dask_engine.dask_build` passes one that runs
        on a Dask cluster). Same output.

    Returns
    -------
    BuildReport

    Raises
    ------
    InputError
        For invalid options (a bad date, a missing path, a malformed curation file).
    StoreError
        When the store cannot be opened (locked by another process).
    ClusterError
        When ``extract`` runs on a cluster that cannot be reached or keeps losing a task.
    """
    from kg.curation import load_curation
    from kg.ingest import read_options

    t0 = time.perf_counter()
    date = _as_date(default_date)
    paths = check_paths(paths)
    cur = load_curation(curation)
    options = read_options(
        default_date=date, publisher=publisher, manifest=manifest, follow_links=follow_links
    )
    report = BuildReport()
    with _building(store, report) as (st, created):
        before = set(st.article_graphs())
        st.ensure_ontology()
        extractor, consolidator = _extractor(st, append)
        stream = _facts(paths, options, extractor, workers, batch_size, extract)
        gathered = GraphFacts()
        written = _write_articles(st, stream, consolidator, cur, report, progress, gathered)
        if report.articles == 0:
            _nothing_read(paths, report, created)
        finish_build(st, sorted(before - written) if not append else [], cur, report, gathered)
    report.seconds = time.perf_counter() - t0
    return report


@contextmanager
def _building(store: str | Path | KGStore, report: BuildReport) -> Iterator[tuple[KGStore, bool]]:
    """The store, open and marked unfinished (readers refuse it until ``commit_build``), and
    whether this build creates it.

    When the build stops on an :class:`InputError` or :class:`ClusterError` (nothing read,
    or the cluster lost), a store folder it created is removed, and a store it left as it was
    (nothing written, not unfinished before) is marked finished again. A store opened here is
    closed.
    """
    created = None if isinstance(store, KGStore) or Path(store).exists() else Path(store)
    st = store if isinstance(store, KGStore) else KGStore(store)
    leftover = False
    try:
        leftover = st.begin_build()
        yield st, created is not None
    except (InputError, ClusterError):
        if created is not None:
            st.close()
            shutil.rmtree(created, ignore_errors=True)
        elif not leftover and report.articles == 0:
            st.commit_build()
        raise
    finally:
        if not isinstance(store, KGStore):
            st.close()


def _extractor(st: KGStore, append: bool) -> tuple[Extractor, Consolidator]:
    """The build's extractor and consolidator; with ``append`` they know the store's names."""
    from kg.extract.consolidate import Consolidator
    from kg.extract.pipeline import Extractor

    extractor = Extractor()
    consolidator = Consolidator(known_entities(st) if append else ())
    extractor.known = consolidator.names
    return extractor, consolidator


def _nothing_read(paths: Sequence[str | Path], report: BuildReport, created: bool) -> None:
    from kg.ingest import SUPPORTED

    detail = "; ".join(msg for _src, msg in report.errors[:3])
    raise InputError(
        f"no article could be read from {', '.join(str(p) for p in paths)}"
        + (f" ({detail})" if detail else f": kg reads {SUPPORTED}")
        + ("; no store was created" if created else "; the store was left unchanged")
    )


def _facts(
    paths: Sequence[str | Path],
    options: ReadOptions,
    extractor: Extractor,
    workers: int,
    batch_size: int,
    extract: FactSource | None = None,
) -> Iterator[ArticleFacts | IngestFailure]:
    """Every input's facts, or the failure that stopped it, in input order (read and
    extracted by ``extract`` when given, else here, in ``workers`` processes)."""
    from kg.ingest import IngestFailure, article_files

    if extract is not None:
        yield from extract(extractor, article_files(paths, options), options)
        return
    if workers > 1:
        from kg.extract.parallel import parallel_facts

        # the workers read the files too: the main process's time goes to writing the store
        yield from parallel_facts(
            extractor,
            article_files(paths, options),
            read=options,
            batch_size=batch_size,
            n_process=workers,
        )
        return

    def raw() -> Iterator[tuple[ArticleMeta, str] | IngestFailure]:
        for file in article_files(paths, options):
            if isinstance(file, IngestFailure):
                yield file
                continue
            for item in options.read(file):
                yield item if isinstance(item, IngestFailure) else (item.meta, item.text)

    yield from guarded_pipe(extractor, raw(), batch_size)


def guarded_pipe(
    extractor: Extractor,
    items: Iterable[tuple[ArticleMeta, str] | IngestFailure],
    batch_size: int,
) -> Iterator[ArticleFacts | IngestFailure]:
    """:meth:`Extractor.pipe <kg.extract.pipeline.Extractor.pipe>` where one article whose
    extraction fails becomes an :class:`~kg.ingest.IngestFailure` (failures among ``items``
    are passed on in their place).

    When a batch fails, its articles are extracted one at a time, so only the article at
    fault is skipped; the pipe then goes on with the next ones. Facts are still computed
    lazily, one article at a time as they are consumed (names defined by earlier articles
    apply, as in :meth:`Extractor.pipe`).
    """
    from kg.ingest import IngestFailure

    source = iter(items)
    while True:
        taken: deque[tuple[ArticleMeta, str] | IngestFailure] = deque()
        try:
            for facts in extractor.pipe(_feed(source, taken), batch_size=batch_size):
                yield from _failures_first(taken)
                taken.popleft()  # the article of ``facts``
                yield facts
            yield from _failures_first(taken)
            return
        except Exception:  # a batch failed: its articles one at a time
            if not taken:
                raise  # nothing to blame on an article: the model itself failed
            while taken:
                item = taken.popleft()
                yield item if isinstance(item, IngestFailure) else _one(extractor, *item)


def _feed(
    source: Iterator[tuple[ArticleMeta, str] | IngestFailure],
    taken: deque[tuple[ArticleMeta, str] | IngestFailure],
) -> Iterator[tuple[ArticleMeta, str]]:
    """The articles of ``source``; every item taken (failures too) is kept in ``taken``."""
    from kg.ingest import IngestFailure

    for item in source:
        taken.append(item)
        if not isinstance(item, IngestFailure):
            yield item


def _failures_first(
    taken: deque[tuple[ArticleMeta, str] | IngestFailure],
) -> Iterator[IngestFailure]:
    from kg.ingest import IngestFailure

    while taken and isinstance(taken[0], IngestFailure):
        item = taken.popleft()
        assert isinstance(item, IngestFailure)
        yield item


def _one(extractor: Extractor, meta: ArticleMeta, text: str) -> ArticleFacts | IngestFailure:
    from kg.ingest import IngestFailure, shown

    try:
        return extractor.extract(meta, text)
    except Exception as e:
        return IngestFailure(
            meta.source, f"{shown(meta.source)}: extraction failed: {describe_error(e)}"
        )


def check_paths(paths: Sequence[str | Path], option: str = "") -> list[str | Path]:
    """Check that every input of a build exists: a local path, or a URL its filesystem can
    reach (:mod:`kg.ingest.remote`); returns them with ``file://`` URLs made paths and other
    URLs as ``str``.

    Raises
    ------
    InputError
        For a path or URL that names nothing, or a URL whose filesystem is not installed.

    Examples
    --------
    >>> check_paths(["no/such/corpus"])
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no such file or folder: no/such/corpus
    """
    checked: list[str | Path] = []
    missing: list[str] = []
    for p in paths:
        if is_remote(p):
            check_url(p, option)  # names nothing: "no such file or folder: URL"
            checked.append(p)
            continue
        local = local_path(p, option)
        checked.append(local)
        if not os.path.lexists(local):
            missing.append(str(local))
    if missing:
        raise InputError(
            f"{option + ' ' if option else ''}no such file or folder: {', '.join(missing)}"
        )
    return checked


def describe_error(e: BaseException) -> str:
    """The message of an unexpected error while building one article (first line, shown
    safely, with a plea to report it), as every build engine reports it.

    Examples
    --------
    >>> describe_error(KeyError("x"))
    "KeyError: 'x' (please report this as a bug)"
    """
    from kg.ingest import shown

    what = shown(str(e)).splitlines()[0][:200] if str(e) else ""
    return f"{type(e).__name__}{': ' + what if what else ''} (please report this as a bug)"


def _write_articles(
    st: KGStore,
    stream: Iterator[ArticleFacts | IngestFailure],
    consolidator: Consolidator,
    cur: Curation,
    report: BuildReport,
    progress: Callable[[str], None] | None,
    gathered: GraphFacts,
) -> set[URIRef]:
    """Write each article's graph (parsing goes on meanwhile: Oxigraph releases the GIL),
    gathering in ``gathered`` what the end of the build reads; count every input in ``report``;
    return the graphs written."""
    from kg.curation import apply_curation
    from kg.ingest import IngestFailure
    from kg.rdf.iri import article_graph_iri
    from kg.rdf.write import article_triples

    kept: dict[URIRef, ArticleMeta] = {}
    with st.writer() as writer:
        for facts in stream:
            if isinstance(facts, IngestFailure):
                skip_input(report, facts.source, facts.message)
                continue
            graph = article_graph_iri(facts.content_hash)
            first = kept.get(graph)
            if first is not None:
                report.inputs.append(duplicate_record(facts.meta, first, str(graph)))
                continue
            try:
                facts = apply_curation(consolidator.consolidate(facts), cur)
                triples = list(article_triples(facts))
            except Exception as e:
                skip_input(report, facts.meta.source, f"{facts.meta.source}: {describe_error(e)}")
                continue
            writer.put(graph, triples)
            gathered.add_terms(str(graph), triples)
            kept[graph] = facts.meta
            report.add_built(facts, str(graph))
            if progress is not None:
                progress(facts.meta.source)
    return set(kept)


def skip_input(report: BuildReport, source: str, message: str) -> None:
    """Count input ``source`` as skipped in ``report``, for ``message``.

    Examples
    --------
    >>> r = BuildReport()
    >>> skip_input(r, "a.txt", "a.txt: empty")
    >>> r.errors, r.inputs[0].status
    ([('a.txt', 'a.txt: empty')], 'skipped')
    """
    report.errors.append((source, message))
    report.inputs.append(InputRecord(source, "skipped", reason=message))


def duplicate_record(meta: ArticleMeta, first: ArticleMeta, graph: str) -> InputRecord:
    """The record of an article whose text an earlier one of the build had.

    Examples
    --------
    >>> from kg.model import ArticleMeta
    >>> rec = duplicate_record(ArticleMeta("b.txt"), ArticleMeta("a.txt"), "urn:g")
    >>> rec.status, rec.reason
    ('duplicate', 'the same metadata')
    """
    dropped = [
        f"{name} {getattr(meta, name)!s}"
        for name in ("title", "publisher", "date", "url")
        if getattr(meta, name) is not None and getattr(meta, name) != getattr(first, name)
    ]
    reason = (
        f"its metadata differs ({'; '.join(dropped)}) and was not kept: {first.source}'s won"
        if dropped
        else "the same metadata"
    )
    return InputRecord(meta.source, "duplicate", graph, first.source, reason)


@dataclass
class BuildEnd:
    """What ends a build, computed before it is written (:func:`end_of_build`)."""

    removed: list[URIRef]
    curated: set[tuple[Node, Node, Node]]
    derived: list[str]
    counts: dict[str, int]


def end_of_build(
    st: KGStore, removed: list[URIRef], cur: Curation, gathered: GraphFacts
) -> BuildEnd:
    """Compute the end of a build of ``st`` without writing to it: the curation graph, the
    derived graph (:func:`~kg.rdf.derived.derived_statements`) and the counts, from what the
    build ``gathered`` from the graphs it wrote and the store's other named graphs but those
    in ``removed``. Safe while Oxigraph bulk-loads into ``st``
    (:meth:`~kg.rdf.store.KGStore.bulk_load`'s ``meanwhile``)."""
    from kg.pipeline.curation import curation_triples
    from kg.rdf.iri import CURATION_GRAPH

    curated = curation_triples(cur)
    gathered.add_terms(str(CURATION_GRAPH), curated)
    gathered.add_store_graphs(st, skip=removed)
    return BuildEnd(removed, curated, derived_statements(gathered), gathered.counts())


def finish_build(
    st: KGStore,
    removed: list[URIRef],
    cur: Curation,
    report: BuildReport,
    gathered: GraphFacts | BuildEnd | None = None,
) -> None:
    """End a build of ``st``: remove the graphs in ``removed``, store the curation graph and
    the derived graph, commit the build (the store stays marked unfinished until then) and
    put the store's counts in ``report``.

    ``gathered`` holds what the build gathered from the graphs it wrote
    (:class:`~kg.rdf.graphfacts.GraphFacts`; every other named graph is read from the store),
    or the :func:`end_of_build` already computed from it. Every engine ends this way
    (:func:`build`, :func:`kg.scale.load.load_shards`); call it after
    :meth:`~kg.rdf.store.KGStore.begin_build` and the article graphs' writes.
    """
    from kg.rdf.iri import CURATION_GRAPH, DERIVED_GRAPH

    if not isinstance(gathered, BuildEnd):
        gathered = end_of_build(st, removed, cur, gathered or GraphFacts())
    report.removed = st.remove_graphs(gathered.removed)
    st.replace_graph(CURATION_GRAPH, gathered.curated)
    st.replace_graph_statements(DERIVED_GRAPH, gathered.derived)
    st.commit_build()
    report.facts = gathered.counts


def store_counts(st: KGStore) -> dict[str, int]:
    """What the store holds, one query with the definitions of :func:`kg.quality.stats.store_stats`.

    Examples
    --------
    >>> from kg.rdf.store import KGStore
    >>> store_counts(KGStore(None))["articles"]
    0
    """
    rows = st.select(
        """
        SELECT
          (COUNT(DISTINCT ?article) AS ?articles)
          (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?place) AS ?places)
          (COUNT(DISTINCT ?rel) AS ?relations) (COUNT(DISTINCT ?event) AS ?events)
          (COUNT(DISTINCT ?att) AS ?attestations)
        WHERE {
          { ?article a ckg:Article }
          UNION { ?actor a ckg:Actor }
          UNION { ?place a ckg:Place }
          UNION { ?rel a ckg:Relationship }
          UNION { ?event a ckg:Event }
          UNION { ?att a ckg:Attestation }
        }"""
    )
    r = rows[0] if rows else {}
    return {
        k: int(r[k].toPython()) if k in r else 0
        for k in ("articles", "actors", "places", "relations", "events", "attestations")
    }
