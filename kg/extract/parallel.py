"""Extraction in worker processes, with facts identical to a one-process build.

Each worker parses a chunk of articles with spaCy and runs every rule on them, so only the
small :class:`~kg.model.ArticleFacts` travel back, not the parsed documents. Chunks are handed
out a few at a time and collected in input order, so memory stays bounded however long the
stream is.

Workers also read the files (:func:`parallel_facts` takes files as well as articles): the
main process hands them the paths of plain-text and HTML files (one article each) and reads
only feeds and JSON Lines files itself, whose articles it streams to the workers as before
(such a file may hold any number of articles). A file that cannot be read is reported by an
:class:`~kg.ingest.IngestFailure` in its place in the output, with the message reading it in
one process gives.

One thing a worker cannot know: names that *earlier articles of the build* defined
(:attr:`Extractor.known <kg.extract.pipeline.Extractor.known>`, e.g. an acronym introduced as
"Libyan National Army (LNA)" and used bare in a later article), because those articles may be
in another worker's chunk. Workers therefore extract with no such names and report the
all-capital words they left unresolved; the only rule that reads ``known`` looks at exactly
those words. When one of them has become a known name by the time the article's turn comes,
the main process extracts that article again with the names, as one process would have.
Otherwise the worker's facts are already what one process would have found.

An article whose extraction fails in a worker is reported by an
:class:`~kg.ingest.IngestFailure` in its place (the rest of its chunk is extracted one
article at a time). Workers die with the process that started them, even when it is killed
(``PR_SET_PDEATHSIG`` on Linux), so a killed build leaves no worker running.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from spacy.util import minibatch

from kg.ingest import ArticleFile, IngestFailure, ReadOptions
from kg.model import ArticleFacts, ArticleMeta

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["extract_tasks", "parallel_facts", "settle", "worker_tasks"]


class Extracts(Protocol):
    """What the workers use of :class:`kg.extract.pipeline.Extractor` (which calls this module,
    so this module does not import it: no import circle)."""

    gazetteer_dir: str | None
    nlp: Language
    known: dict[str, str]

    def __init__(self, gazetteer_dir: str | None) -> None: ...

    def extract(self, meta: ArticleMeta, text: str) -> ArticleFacts: ...

    def facts_and_open_acronyms(
        self, meta: ArticleMeta, text: str, doc: Doc
    ) -> tuple[ArticleFacts, frozenset[str]]: ...


#: what a worker is handed: an article, a file to read, or a failure to pass on in its place
Task = tuple[ArticleMeta, str] | ArticleFile | IngestFailure
Result = list[tuple[ArticleFacts, frozenset[str]] | IngestFailure]

#: the extractor of a worker process (inherited on fork, else built by the initializer)
_EXTRACTOR: Extracts | None = None
#: how a worker reads the files it is handed
_READ = ReadOptions()


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _init_worker(
    make: type[Extracts], gazetteer_dir: str | None, read: ReadOptions, parent: int
) -> None:
    # ``make`` is the caller's extractor class (kg.extract.pipeline.Extractor), handed over so
    # this module need not import the module that imports it
    global _EXTRACTOR, _READ
    _die_with_parent(parent)
    if _EXTRACTOR is None:
        _EXTRACTOR = make(gazetteer_dir)
    _EXTRACTOR.known = {}  # names of earlier articles are applied by the main process
    _READ = read


def _extract_chunk(chunk: list[Task], batch_size: int) -> Result:
    assert _EXTRACTOR is not None, "worker not initialised"
    return extract_tasks(_EXTRACTOR, _READ, chunk, batch_size)


def extract_tasks(ex: Extracts, read: ReadOptions, chunk: list[Task], batch_size: int) -> Result:
    """What a worker does with a chunk: read its files, parse and extract every article with
    no names of earlier articles (``ex.known`` should be empty), in order; a failure stays in
    its place. :func:`settle` finishes each result as one process would have."""
    items: list[tuple[ArticleMeta, str] | IngestFailure] = []
    for task in chunk:
        if isinstance(task, ArticleFile):
            items += (
                a if isinstance(a, IngestFailure) else (a.meta, a.text) for a in read.read(task)
            )
        else:
            items.append(task)
    try:
        return _extract_items(ex, items, batch_size)
    except Exception:  # one article failed: the chunk one article at a time
        return [r for it in items for r in _extract_items(ex, [it], batch_size)]


def _extract_items(
    ex: Extracts, items: list[tuple[ArticleMeta, str] | IngestFailure], batch_size: int
) -> Result:
    stream = ((it[1], it[0]) for it in items if not isinstance(it, IngestFailure))
    parsed = ex.nlp.pipe(stream, as_tuples=True, batch_size=batch_size)
    out: Result = []
    for it in items:
        if isinstance(it, IngestFailure):
            out.append(it)
        elif len(items) > 1:
            doc, meta = next(parsed)
            out.append(ex.facts_and_open_acronyms(meta, doc.text, doc))
        else:
            try:
                doc, meta = next(parsed)
                out.append(ex.facts_and_open_acronyms(meta, doc.text, doc))
            except Exception as e:
                out.append(_failed(it[0], e))
    return out


def _failed(meta: ArticleMeta, e: Exception) -> IngestFailure:
    from kg.ingest import shown

    what = shown(str(e)).splitlines()[0][:200] if str(e) else ""
    return IngestFailure(
        meta.source,
        f"{shown(meta.source)}: extraction failed: {type(e).__name__}"
        f"{': ' + what if what else ''} (please report this as a bug)",
    )


def parallel_facts(
    extractor: Extracts,
    items: Iterable[Task],
    *,
    read: ReadOptions | None = None,
    batch_size: int = 16,
    n_process: int = 2,
) -> Iterator[ArticleFacts | IngestFailure]:
    """Read and extract ``items`` in ``n_process`` worker processes, in input order.

    ``extractor.known`` is read as each article's turn comes, as in one process: the caller
    may add to it between articles (the build's consolidator does). Items are articles
    (``(meta, text)``), files or failures: each file's articles (or its failures, e.g. a file
    that cannot be read) take its place in the output, as
    :meth:`ReadOptions.read <kg.ingest.ReadOptions.read>` gives them. Plain-text and HTML files
    are read by the workers; other files (feeds, JSON Lines, unknown extensions) by this
    process, as the workers ask for their articles. A failure among ``items`` is passed on in
    its place.

    Parameters
    ----------
    extractor : Extracts
        The main process's extractor (its model is shared with forked workers).
    items : iterable of (ArticleMeta, str), ArticleFile or IngestFailure
        E.g. :func:`kg.ingest.article_files`; read lazily: at most ``2 * n_process`` chunks
        are in flight.
    read : ReadOptions, optional
        How files are read (default: no manifest, date or publisher).
    batch_size : int
        Articles (or files) per chunk and per spaCy batch.
    n_process : int
        Worker processes.
    """
    global _EXTRACTOR
    read = read if read is not None else ReadOptions()
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if ctx.get_start_method() == "fork":
        _EXTRACTOR = extractor  # inherited by the workers: no second model load
    try:
        init = (type(extractor), extractor.gazetteer_dir, read, os.getpid())
        with ctx.Pool(n_process, _init_worker, init) as pool:
            pending: deque[AsyncResult[Result]] = deque()
            for chunk in minibatch(worker_tasks(items, read), max(1, batch_size)):
                pending.append(pool.apply_async(_extract_chunk, (chunk, batch_size)))
                if len(pending) >= 2 * n_process:
                    yield from settle(extractor, pending.popleft().get())
            while pending:
                yield from settle(extractor, pending.popleft().get())
    finally:
        _EXTRACTOR = None


def worker_tasks(items: Iterable[Task], read: ReadOptions) -> Iterator[Task]:
    """``items`` as workers take them: files holding one article as they are, the articles of
    feeds and JSON Lines files read here (streamed, so memory stays bounded)."""
    for item in items:
        if isinstance(item, ArticleFile) and not item.holds_one_article:
            # may hold any number of articles: streamed from here, memory stays bounded
            for a in read.read(item):
                yield a if isinstance(a, IngestFailure) else (a.meta, a.text)
        else:
            yield item


def settle(extractor: Extracts, results: Result) -> Iterator[ArticleFacts | IngestFailure]:
    """A worker's results as one process would have found them: an article whose unresolved
    all-capital words include a name known by now (``extractor.known``) is extracted again."""
    for out in results:
        if isinstance(out, IngestFailure):
            yield out
            continue
        facts, open_acronyms = out
        if open_acronyms and not open_acronyms.isdisjoint(extractor.known):
            # a name from an earlier article applies: extract again, as one process would
            facts = extractor.extract(facts.meta, facts.text)
        yield facts
