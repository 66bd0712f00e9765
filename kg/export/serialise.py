"""Write the store as RDF files: sorted N-Triples / N-Quads, Turtle, TriG, RDF/XML, JSON-LD.

Every export starts from one stream of **sorted, de-duplicated N-Triples or N-Quads lines**
produced by Oxigraph's own serialiser (its term syntax is canonical) and sorted with an
external merge sort, so memory stays flat however large the store is and two exports of the
same graph are byte-identical. Turtle, TriG and RDF/XML re-serialise that stream with
Oxigraph's streaming writers; JSON-LD is compacted by rdflib with the context published in
``ontology/context.jsonld`` (it holds the whole graph in memory).

Layouts (``graphs``):

- ``"merged"``: the triples of every graph in one default graph (duplicates removed), so the
  named queries run unchanged on any SPARQL endpoint loaded with it;
- ``"per-article"``: every named graph kept (``graph/article/…``, ``graph/derived``, …).

The ontology graph is included unless ``include_ontology=False``: the named queries match
classes through its ``rdfs:subClassOf`` axioms (``--param class=ArmedGroup`` finds militias).

Examples
--------
>>> import io
>>> from rdflib import Literal, URIRef
>>> from kg.rdf.store import KGStore
>>> with KGStore(None) as st:
...     _ = st.replace_graph(URIRef("https://w3id.org/conflict-kg/graph/article/a"),
...                          [(URIRef("https://ex.org/b"), URIRef("https://ex.org/p"), Literal(2)),
...                           (URIRef("https://ex.org/a"), URIRef("https://ex.org/p"), Literal(1))])
...     out = io.BytesIO()
...     report = write_export(st, out, "nt", include_ontology=False)
>>> print(out.getvalue().decode(), end="")
<https://ex.org/a> <https://ex.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
<https://ex.org/b> <https://ex.org/p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .
>>> report.statements
2
"""

from __future__ import annotations

import gzip
import heapq
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

import pyoxigraph as ox

from kg.errors import ExportError
from kg.files import publish
from kg.rdf.iri import ONTOLOGY_GRAPH
from kg.rdf.namespace import ID, PREFIXES
from kg.rdf.store import KGStore
from kg.resources import ontology_dir

__all__ = [
    "FORMATS",
    "LAYOUTS",
    "ExportReport",
    "Format",
    "LineReader",
    "export_store",
    "graph_lines",
    "layout_for",
    "load_context",
    "sorted_lines",
    "sorted_unique",
    "store_graphs",
    "write_export",
]

#: Lines held in memory before a sorted run is spilled to a temporary file.
RUN_LINES = 200_000


@dataclass(frozen=True)
class Format:
    """An export format: its name on the command line, Oxigraph format, and whether it holds
    named graphs."""

    name: str
    label: str
    extension: str
    media_type: str
    dataset: bool
    json_ld: bool = False

    def ox_format(self) -> ox.RdfFormat:
        """The pyoxigraph format (not used for JSON-LD, which rdflib writes)."""
        return _OX_FORMATS[self.name]


_OX_FORMATS: dict[str, ox.RdfFormat] = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}

#: Every format ``kg export --format`` accepts.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("nt", "N-Triples (sorted)", "nt", "application/n-triples", False),
        Format("nq", "N-Quads (sorted)", "nq", "application/n-quads", True),
        Format("ttl", "Turtle", "ttl", "text/turtle", False),
        Format("trig", "TriG", "trig", "application/trig", True),
        Format("rdfxml", "RDF/XML", "rdf", "application/rdf+xml", False),
        Format("jsonld", "JSON-LD (compacted)", "jsonld", "application/ld+json", True, True),
    )
}

#: ``--graphs`` values.
LAYOUTS = ("merged", "per-article")

#: instance IRIs are ``id:KIND/NAME``; a prefixed name cannot hold the ``/`` unescaped, and
#: Virtuoso 7.2 keeps the backslash of ``id:actor\/iran`` in the IRI (a TriG file loaded beside
#: the N-Quads file of the same store doubled every article graph), so Turtle, TriG and RDF/XML
#: get a prefix per kind (``actor:iran``) and no ``id:`` one: an unknown kind is written whole
SERIALISE_PREFIXES: dict[str, str] = {
    **{k: v for k, v in PREFIXES.items() if k != "id"},
    **{
        kind: f"{ID}{kind}/"
        for kind in (
            "actor",
            "place",
            "geometry",
            "event",
            "relation",
            "article",
            "attestation",
            "theatre",
        )
    },
}


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote.

    Attributes
    ----------
    format : str
        Format name (``nq``, ``ttl``, ...).
    graphs : str
        ``"merged"`` or ``"per-article"``.
    statements : int
        Distinct triples (merged) or quads (per-article) written.
    named_graphs : int
        Named graphs written (0 when merged).
    path : Path or None
        The file written, ``None`` for a stream.
    bytes : int or None
        Size of the file written.
    """

    format: str
    graphs: str
    statements: int
    named_graphs: int
    path: Path | None
    bytes: int | None


def layout_for(fmt: str, graphs: str | None) -> str:
    """The layout to use: ``graphs`` checked against the format, or the format's default.

    Dataset formats (nq, trig, jsonld) default to ``per-article`` except JSON-LD, whose
    compacted form is most useful merged; graph formats can only be ``merged``.

    >>> layout_for("nq", None), layout_for("ttl", None), layout_for("trig", "merged")
    ('per-article', 'merged', 'merged')
    >>> layout_for("ttl", "per-article")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.ExportError: Turtle holds a single graph, so --graphs per-article is not possible...
    """
    f = _format(fmt)
    if graphs is None:
        return "per-article" if f.dataset and not f.json_ld else "merged"
    if graphs not in LAYOUTS:
        raise ExportError(f"unknown --graphs {graphs!r}: use one of {', '.join(LAYOUTS)}")
    if graphs == "per-article" and not f.dataset:
        raise ExportError(
            f"{f.label} holds a single graph, so --graphs per-article is not possible: use "
            "--format trig or nq to keep the named graphs, or --graphs merged"
        )
    return graphs


def _format(fmt: str) -> Format:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}"
        ) from None


# -- the sorted line stream ----------------------------------------------------------------


class _RunSink:
    """A binary sink for Oxigraph's dump: splits lines, sorts them in runs, spills runs.

    Each line gets ``suffix`` in place of its final ``" .\\n"`` (used to turn N-Triples into
    N-Quads of one graph).
    """

    def __init__(self, tmp_dir: Path, run_lines: int) -> None:
        self.tmp_dir = tmp_dir
        self.run_lines = run_lines
        self.lines: list[bytes] = []
        self.runs: list[Path] = []
        self.suffix = b""
        self._partial = b""

    def write(self, data: bytes) -> int:
        chunk = self._partial + bytes(data)
        parts = chunk.split(b"\n")
        self._partial = parts.pop()
        if self.suffix:
            # "<s> <p> <o> ." becomes "<s> <p> <o> <g> ."
            self.lines.extend(p[:-1] + self.suffix for p in parts)
        else:
            self.lines.extend(parts)
        if len(self.lines) >= self.run_lines:
            self._spill()
        return len(data)

    def flush(self) -> None:
        """Called by Oxigraph; lines are only complete at :meth:`end_graph`."""

    def end_graph(self) -> None:
        if self._partial:
            raise ExportError(f"Oxigraph's serialiser ended mid-line: {self._partial[:80]!r}")

    def _spill(self) -> None:
        self.lines.sort()
        fd, name = tempfile.mkstemp(prefix="kg-export-run-", suffix=".nq", dir=self.tmp_dir)
        with os.fdopen(fd, "wb") as fh:
            last = None
            for line in self.lines:
                if line != last:
                    fh.write(line + b"\n")
                    last = line
        self.runs.append(Path(name))
        self.lines = []

    def merged(self) -> Iterator[bytes]:
        """All lines, sorted and de-duplicated, each ending with ``\\n``."""
        if not self.runs:
            self.lines.sort()
            source: Iterable[bytes] = (line + b"\n" for line in self.lines)
            yield from _dedup(source)
            return
        if self.lines:
            self._spill()
        with ExitStack() as stack:
            files = [stack.enter_context(p.open("rb")) for p in self.runs]
            yield from _dedup(heapq.merge(*files))

    def cleanup(self) -> None:
        for p in self.runs:
            p.unlink(missing_ok=True)
        self.runs = []
        self.lines = []


def _dedup(lines: Iterable[bytes]) -> Iterator[bytes]:
    last = None
    for line in lines:
        if line != last:
            yield line
            last = line


def sorted_unique(chunks: Iterable[bytes], *, run_lines: int = RUN_LINES) -> Iterator[bytes]:
    """The lines of ``chunks`` (blocks of whole lines, each ending with ``\\n``) sorted and
    de-duplicated, each ending with ``\\n``; memory is bounded by ``run_lines`` (longer
    inputs are sorted in runs spilled to temporary files and merged).

    >>> list(sorted_unique([b"b\\na\\n", b"b\\n"]))
    [b'a\\n', b'b\\n']
    """
    with tempfile.TemporaryDirectory(prefix="kg-sort-") as tmp:
        sink = _RunSink(Path(tmp), run_lines)
        try:
            for chunk in chunks:
                sink.write(chunk)
            sink.end_graph()
            yield from sink.merged()
        finally:
            sink.cleanup()


def store_graphs(store: KGStore, *, include_ontology: bool = True) -> list[ox.NamedNode]:
    """The store's named graphs in IRI order (the ontology graph only if asked)."""
    skip = None if include_ontology else str(ONTOLOGY_GRAPH)
    return sorted(
        (g for g in store.ox.named_graphs() if isinstance(g, ox.NamedNode) and g.value != skip),
        key=lambda g: g.value,
    )


def sorted_lines(
    store: KGStore,
    *,
    graphs: str = "merged",
    include_ontology: bool = True,
    only: Iterable[ox.NamedNode] | None = None,
    run_lines: int = RUN_LINES,
) -> Iterator[bytes]:
    """The store as sorted, de-duplicated N-Triples (merged) or N-Quads (per-article) lines.

    Memory is bounded by ``run_lines``: larger stores are sorted in runs spilled to temporary
    files and merged. Lines are byte strings ending with ``\\n``.

    Parameters
    ----------
    store : KGStore
        The store to read.
    graphs : str
        ``"merged"`` (triples of every graph, once each) or ``"per-article"`` (quads).
    include_ontology : bool
        Include the ontology graph.
    only : iterable of NamedNode, optional
        Read only these named graphs (and not the default graph).
    run_lines : int
        Lines sorted in memory at once.
    """
    if graphs not in LAYOUTS:
        raise ExportError(f"unknown --graphs {graphs!r}: use one of {', '.join(LAYOUTS)}")
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
        sink = _RunSink(Path(tmp), run_lines)
        try:
            sources: list[ox.NamedNode | ox.DefaultGraph]
            if only is not None:
                sources = list(only)
            else:
                # the default graph is the store's derived merge of the named graphs
                sources = list(store_graphs(store, include_ontology=include_ontology))
            for g in sources:
                per_graph = graphs == "per-article" and isinstance(g, ox.NamedNode)
                sink.suffix = f"{g} .".encode() if per_graph else b""
                store.ox.dump(cast(IO[bytes], sink), ox.RdfFormat.N_TRIPLES, from_graph=g)
                sink.end_graph()
            yield from sink.merged()
        finally:
            sink.cleanup()


def graph_lines(
    store: KGStore, graph: ox.NamedNode, *, run_lines: int = RUN_LINES
) -> Iterator[bytes]:
    """The sorted N-Triples lines of one named graph."""
    return sorted_lines(store, graphs="merged", only=[graph], run_lines=run_lines)


# -- formats ---------------------------------------------------------------------------------


class LineReader(io.RawIOBase):
    """A readable binary stream over an iterator of byte chunks (feeds Oxigraph's parser)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf:
            try:
                self._buf = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


class _Counter:
    """Counts the lines flowing through it."""

    def __init__(self, lines: Iterator[bytes]) -> None:
        self.lines = lines
        self.count = 0

    def __iter__(self) -> Iterator[bytes]:
        for line in self.lines:
            self.count += 1
            yield line


def load_context() -> dict[str, Any]:
    """The JSON-LD ``@context`` object of ``ontology/context.jsonld``."""
    path = ontology_dir() / "context.jsonld"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ExportError(f"cannot read the JSON-LD context {path}: {e}") from None
    ctx = doc.get("@context") if isinstance(doc, dict) else None
    if not isinstance(ctx, dict):
        raise ExportError(f"{path} has no '@context' object: restore it from the checkout")
    return ctx


def _write_jsonld(lines: Iterator[bytes], out: IO[bytes], layout: str) -> None:
    from rdflib import Dataset, Graph

    data = b"".join(lines)
    graph: Graph
    if layout == "merged":
        graph = Graph()
        graph.parse(data=data, format="nt")
    else:
        graph = Dataset()
        graph.parse(data=data, format="nquads")
    text = graph.serialize(format="json-ld", context=load_context(), sort_keys=True, indent=1)
    out.write(text.encode("utf-8"))
    if not text.endswith("\n"):
        out.write(b"\n")


def export_store(
    store: KGStore,
    out: IO[bytes],
    fmt: str = "nq",
    *,
    graphs: str | None = None,
    include_ontology: bool = True,
    run_lines: int = RUN_LINES,
) -> tuple[int, int]:
    """Serialise ``store`` to the binary stream ``out``.

    Returns
    -------
    (statements, named_graphs) : tuple of int
        Distinct triples or quads written, and the number of named graphs (0 when merged).
    """
    f = _format(fmt)
    layout = layout_for(fmt, graphs)
    named = 0 if layout == "merged" else len(store_graphs(store, include_ontology=include_ontology))
    counted = _Counter(
        sorted_lines(store, graphs=layout, include_ontology=include_ontology, run_lines=run_lines)
    )
    if f.json_ld:
        _write_jsonld(iter(counted), out, layout)
    elif fmt in ("nt", "nq"):
        for line in counted:
            out.write(line)
    else:
        line_format = ox.RdfFormat.N_TRIPLES if layout == "merged" else ox.RdfFormat.N_QUADS
        reader = io.BufferedReader(LineReader(iter(counted)), buffer_size=1 << 16)
        ox.serialize(
            ox.parse(reader, format=line_format), out, f.ox_format(), prefixes=SERIALISE_PREFIXES
        )
    return counted.count, named


def write_export(
    store: KGStore | Path | str,
    output: Path | str | BinaryIO | None,
    fmt: str = "nq",
    *,
    graphs: str | None = None,
    include_ontology: bool = True,
    gzip_output: bool = False,
    run_lines: int = RUN_LINES,
) -> ExportReport:
    """Export a store to a file (written to a temporary file, then renamed) or a stream.

    Parameters
    ----------
    store : KGStore or path
        An open store, or the folder of one (opened read-only).
    output : path, binary stream, or None
        Destination; ``None`` or ``"-"`` for standard output.
    fmt : str
        One of :data:`FORMATS`.
    graphs : str, optional
        ``"merged"`` or ``"per-article"``; default by format (see :func:`layout_for`).
    include_ontology : bool
        Include the ontology graph (the named queries need its class hierarchy).
    gzip_output : bool
        Compress with gzip (deterministic: no file name or time in the header).

    Raises
    ------
    ExportError
        Unknown format or layout, or the destination cannot be written.
    StoreError
        The store does not exist or is locked.
    """
    _format(fmt)
    layout = layout_for(fmt, graphs)
    with ExitStack() as stack:
        st = (
            store
            if isinstance(store, KGStore)
            else stack.enter_context(KGStore(store, read_only=True, must_exist=True))
        )

        def write(fh: IO[bytes]) -> tuple[int, int]:
            return export_store(
                st, fh, fmt, graphs=layout, include_ontology=include_ontology, run_lines=run_lines
            )

        if output is None or output == "-":
            output = sys.stdout.buffer
        if not isinstance(output, str | Path):
            n, named = _write_stream(output, write, gzip_output)
            return ExportReport(fmt, layout, n, named, None, None)
        path = _check_destination(Path(output), fmt)
        n, named = _write_file(path, write, gzip_output)
        return ExportReport(fmt, layout, n, named, path, path.stat().st_size)


def _gzipped(raw: IO[bytes] | BinaryIO, filename: str | None = None) -> IO[bytes]:
    """A deterministic gzip writer over ``raw`` (no time in the header)."""
    return cast(IO[bytes], gzip.GzipFile(filename=filename, fileobj=raw, mode="wb", mtime=0))


def _write_stream(
    output: BinaryIO, write: Callable[[IO[bytes]], tuple[int, int]], gzip_output: bool
) -> tuple[int, int]:
    """Write to an open binary stream (standard output); the counts of :func:`export_store`."""
    if not gzip_output:
        counts = write(cast(IO[bytes], output))
        output.flush()
        return counts
    with _gzipped(output) as fh:
        counts = write(fh)
    output.flush()
    return counts


def _check_destination(path: Path, fmt: str) -> Path:
    """``path`` when a file can be written there; a clear :class:`ExportError` otherwise."""
    if path.is_dir():
        raise ExportError(
            f"-o {path} is a folder: give a file name such as "
            f"{path / ('graph.' + FORMATS[fmt].extension)}"
        )
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    return path


def _write_file(
    path: Path, write: Callable[[IO[bytes]], tuple[int, int]], gzip_output: bool
) -> tuple[int, int]:
    """Write into a temporary file beside ``path``, then rename it (no half-written output)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as raw:
            if gzip_output:
                with _gzipped(raw, filename="") as fh:
                    counts = write(fh)
            else:
                counts = write(raw)
        publish(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return counts
