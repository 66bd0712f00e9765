"""``kg build --shards DIR``: workers write each batch's triples to a shard, not to the client.

Each batch of articles (one Dask task) becomes two files named by the SHA-256 of their
content, so a batch run again (its worker died) writes the same names and nothing is
duplicated:

- ``NAME.nq``: the batch's article graphs as sorted N-Quads, and each of their triples also
  in the default graph, which the store keeps as the merge of its article graphs; so any
  triplestore that loads the shards gets the layout of conflict-kg's store, and ``kg load``
  hands the file to Oxigraph's bulk loader as it is;
- ``NAME.facts.jsonl.gz``: each article's facts (:mod:`kg.scale.codec`), the all-capital
  words its worker could not resolve, for the cross-article step, and the triples of its
  graph the end of a build reads (:data:`kg.rdf.graphfacts.WANTED`).

The client writes ``index.json`` last: the shards in input order, the articles that could not
be read, and the curation file the triples were built with (``kg load`` applies the same).
A folder without it is not a finished set of shards.

The triples in a shard are what the article states *without* names from other articles.
:func:`kg.scale.load.load_shards` (``kg load``) runs the cross-article step in input order and
recomputes the few articles it changes (an acronym another article defined); the rest are
bulk-loaded as they are.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.curation import Curation
from kg.errors import InputError
from kg.ingest import IngestFailure, ReadOptions
from kg.pipeline.build import BuildReport, check_paths
from kg.rdf.graphfacts import WANTED
from kg.scale.dask_engine import Task, extract_batch
from kg.scale.folder import ShardFolder

__all__ = [
    "INDEX",
    "ShardIndex",
    "build_shards",
    "curation_digest",
    "graph_of",
    "lines_by_graph",
    "merge_line",
    "read_index",
    "shard_batch",
]

#: the file listing a folder's shards, written when the build has finished
INDEX = "index.json"
_FORMAT = "conflict-kg shards 2"


@dataclass
class ShardIndex:
    """What ``index.json`` says: shard names in input order, and the unreadable articles."""

    shards: list[str] = field(default_factory=list)
    articles: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: the curation file the shards' triples were built with, and its SHA-256 (or None)
    curation: str | None = None
    curation_sha256: str | None = None


def curation_digest(cur: Curation) -> str | None:
    """SHA-256 of the file ``cur`` was read from (``None``: no curation file)."""
    if not cur.path:
        return None
    return hashlib.sha256(Path(cur.path).read_bytes()).hexdigest()


def merge_line(line: bytes) -> bytes:
    """The default-graph line of an N-Quads line of a named graph (no newline, as given):
    the same triple, as the store's merge of its graphs holds it.

    >>> merge_line(b'<s> <p> "a <b" <g> .')
    b'<s> <p> "a <b" .'
    """
    return line[: line.rindex(b" <")] + b" ."


_OBJECT = re.compile(rb'<[^ >]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^ >]*>)?')


def graph_of(line: bytes) -> bytes | None:
    """The graph IRI of an N-Quads line of a named graph, ``None`` for a triple line.

    >>> graph_of(b'<s> <p> "a <b"^^<d> .'), graph_of(b'<s> <p> "a <b" <g> .')
    (None, b'g')

    Raises
    ------
    ValueError
        For a line that is neither.
    """
    if not line.endswith(b"> ."):
        if line.endswith(b" ."):
            return None  # a literal or blank node object: a triple line
        raise ValueError("no final ' .'")
    i = line.rfind(b" <")
    parts = line[:i].split(b" ", 2) if i > 0 else []
    if len(parts) == 3 and _OBJECT.fullmatch(parts[2]):
        return line[i + 2 : -3]  # "<s> <p> o <g> .": three whole terms before the graph
    if len(line[:-2].rstrip().split(b" ", 2)) == 3:
        return None  # "<s> <p> <o> ." or a literal with a datatype
    raise ValueError("not a triple or a quad")


def lines_by_graph(data: bytes, where: str) -> Iterator[tuple[bytes | None, bytes]]:
    """Each line of a shard's N-Quads ``data`` (blank lines skipped) with its graph IRI
    (:func:`graph_of`: ``None`` for a line of the merged default graph).

    >>> list(lines_by_graph(b'<s> <p> <o> <g> .\\n\\n<s> <p> <o> .\\n', "x.nq"))
    [(b'g', b'<s> <p> <o> <g> .'), (None, b'<s> <p> <o> .')]

    Raises
    ------
    InputError
        For a line that is not N-Quads, naming ``where`` and the line's number.
    """
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield graph_of(line), line
        except ValueError:
            raise InputError(
                f"{where} line {n} is not an N-Quads line; run 'kg build --shards' again"
            ) from None


def shard_batch(
    tasks: list[Task],
    read: ReadOptions,
    gazetteer_dir: str | None,
    batch_size: int,
    curation: Curation,
    folder: ShardFolder,
) -> dict[str, Any]:
    """The Dask task of ``kg build --shards``: extract a batch and write its shard.

    Returns a summary for the client: ``shard`` (its name, ``None`` when no article of the
    batch could be read), per-article ``sources``, ``words`` and ``undated`` flags, and the
    ``failures`` as ``(source, message)``. An article repeating the text of an earlier one of
    the batch adds no triples (its facts are kept: ``kg load`` reports it as a duplicate).
    """
    import pyoxigraph as ox

    from kg.curation import apply_curation
    from kg.pipeline.build import describe_error
    from kg.rdf.iri import article_graph_iri
    from kg.rdf.store import to_ox
    from kg.rdf.write import article_triples
    from kg.scale.codec import facts_to_json

    quads: list[Any] = []
    records: list[bytes] = []
    seen: set[str] = set()
    summary: dict[str, Any] = {"shard": None, "graphs": [], "sources": [], "words": []}
    summary["undated"] = []
    summary["failures"] = failures = []
    for out in extract_batch(tasks, read, gazetteer_dir, batch_size):
        if isinstance(out, IngestFailure):
            failures.append((out.source, out.message))
            continue
        facts, open_acronyms = out
        g = ox.NamedNode(str(article_graph_iri(facts.content_hash)))
        wanted: list[tuple[str, str, str]] = []
        if g.value not in seen:  # a repeated text: the first article's graph is kept
            try:
                triples = article_triples(apply_curation(facts, curation))
            except Exception as e:
                failures.append((facts.meta.source, f"{facts.meta.source}: {describe_error(e)}"))
                continue
            seen.add(g.value)
            quads += (ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples)
            # what the end of the build reads of this graph (kg.rdf.graphfacts)
            wanted = sorted((str(s), str(p), str(o)) for s, p, o in triples if str(p) in WANTED)
        record = {"open": sorted(open_acronyms), "facts": facts_to_json(facts), "wanted": wanted}
        records.append(json.dumps(record, ensure_ascii=False, sort_keys=True).encode())
        summary["graphs"].append(g.value)
        summary["sources"].append(facts.meta.source)
        summary["words"].append(len(facts.text.split()))
        summary["undated"].append(facts.meta.date is None)
    if records:
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        assert data is not None  # no output given: the bytes are returned
        named = set(data.splitlines())
        # each triple also in the default graph, as the store merges them (see the docstring)
        lines = sorted(named | {merge_line(line) for line in named})
        nq = b"".join(line + b"\n" for line in lines)
        facts_data = gzip.compress(b"".join(r + b"\n" for r in records), mtime=0)
        name = hashlib.sha256(nq + b"\0" + facts_data).hexdigest()[:32]
        folder.write(f"{name}.nq", nq)
        folder.write(f"{name}.facts.jsonl.gz", facts_data)
        summary["shard"] = name
    return summary


def read_index(folder: str | Path | ShardFolder) -> ShardIndex:
    """The index of a shard folder (a path or URL), checked: every shard it names is there.

    Raises
    ------
    InputError
        When the folder holds no (finished) set of shards, or a shard file is missing.
    """
    where = ShardFolder.of(folder)
    path = where.name(INDEX)
    if not where.is_file(INDEX):
        raise InputError(
            f"{folder} holds no {INDEX}: it is not a folder of shards written by "
            "'kg build --shards', or that build did not finish; run it again"
        )
    try:
        data = json.loads(where.read(INDEX).decode("utf-8"))
    except ValueError as e:
        raise InputError(f"{path} cannot be read ({e}); run 'kg build --shards' again") from None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        if isinstance(found, str) and found.startswith("conflict-kg shards"):
            raise InputError(
                f"{path} is of shards in the format {found!r}, and this conflict-kg reads "
                f"{_FORMAT!r}: run 'kg build --shards' again with this version"
            )
        raise InputError(f"{path} is not an index of conflict-kg shards ({_FORMAT!r})")
    try:
        index = ShardIndex(
            list(data["shards"]),
            int(data["articles"]),
            [(str(src), str(msg)) for src, msg in data["errors"]],
            data["curation"],
            data["curation_sha256"],
        )
    except (KeyError, TypeError, ValueError) as e:
        raise InputError(f"{path} is damaged ({e!r}); run 'kg build --shards' again") from None
    for name in index.shards:
        for suffix in (".nq", ".facts.jsonl.gz"):
            if not where.is_file(f"{name}{suffix}"):
                raise InputError(
                    f"shard {name}{suffix} named by {path} is missing; copy the whole folder, "
                    "or run 'kg build --shards' again"
                )
    return index


def build_shards(
    paths: Sequence[str | Path],
    folder: str | Path | ShardFolder,
    *,
    default_date: str | None = None,
    publisher: str | None = None,
    workers: int = 2,
    batch_size: int = 16,
    curation: Path | None = None,
    manifest: Path | None = None,
    follow_links: bool = False,
    scheduler: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Extract the articles under ``paths`` on a Dask cluster into shards in ``folder``.

    Parameters are those of :func:`kg.pipeline.build.build`; the store is not touched (load the
    shards with :func:`kg.scale.load.load_shards`). The report's ``facts`` is empty; an
    article repeating an earlier one's text is not counted (``kg load`` reports it).

    Raises
    ------
    InputError
        For invalid options, a missing path, or when no article could be read.
    ClusterError
        When the cluster cannot be reached or keeps losing a task.
    """
    from spacy.util import minibatch

    from kg.curation import load_curation
    from kg.extract.parallel import worker_tasks
    from kg.ingest import SUPPORTED, article_files, read_options
    from kg.scale.dask_engine import absolute, dask_client, ordered_results

    t0 = time.perf_counter()
    paths = check_paths(paths)
    options = read_options(
        default_date=default_date,
        publisher=publisher,
        manifest=manifest,
        follow_links=follow_links,
    )
    cur = load_curation(curation)
    out = ShardFolder.of(folder, "--shards")
    out.make()  # a missing folder is made
    report = BuildReport()
    index = ShardIndex()
    seen: set[str] = set()  # article graphs: a repeated text is not counted again
    tasks = (absolute(t) for t in worker_tasks(article_files(paths, options), options))
    with dask_client(scheduler, workers) as client:
        batches = minibatch(tasks, max(1, batch_size))
        # the packaged gazetteer, as the build's own extractor uses (Extractor(None))
        args = (options, None, batch_size, cur, out)
        for summary in ordered_results(client, shard_batch, batches, *args):
            _take_summary(summary, index, report, seen, progress)
    report.errors = index.errors
    if report.articles == 0:
        detail = "; ".join(msg for _src, msg in index.errors[:3])
        raise InputError(
            f"no article could be read from {', '.join(str(p) for p in paths)}"
            + (f" ({detail})" if detail else f": kg reads {SUPPORTED}")
            + "; no index of shards was written"
        )
    index.articles = report.articles
    _write_index(out, index, cur)
    report.seconds = time.perf_counter() - t0
    return report


def _take_summary(
    summary: dict[str, Any],
    index: ShardIndex,
    report: BuildReport,
    seen: set[str],
    progress: Callable[[str], None] | None,
) -> None:
    """Add one batch's :func:`shard_batch` summary to the index and the report (an article
    graph already ``seen``, a repeated text, is not counted again)."""
    index.errors += [(src, msg) for src, msg in summary["failures"]]
    if summary["shard"] is not None:
        index.shards.append(summary["shard"])
    for graph, source, words, undated in zip(
        summary["graphs"],
        summary["sources"],
        summary["words"],
        summary["undated"],
        strict=True,
    ):
        if graph in seen:
            continue
        seen.add(graph)
        report.articles += 1
        report.words += words
        if undated:
            report.undated.append(source)
        if progress is not None:
            progress(source)


def _write_index(out: ShardFolder, index: ShardIndex, cur: Curation) -> None:
    """Write the index of the shards in ``out`` (with the curation file they were made with)."""
    data = {
        "format": _FORMAT,
        "articles": index.articles,
        "shards": index.shards,
        "errors": index.errors,
        "curation": str(Path(cur.path).absolute()) if cur.path else None,
        "curation_sha256": curation_digest(cur),
    }
    out.write(INDEX, json.dumps(data, indent=1, ensure_ascii=False).encode())
