"""Extraction in worker processes, with facts identical to a one-process build.

Each worker parses a chunk of articles with spaCy and runs every rule on them, so only the
small :class:`~kg.model.ArticleFacts` travel back, not the parsed documents. Chunks are handed
out a few at a time and collected in input order, so memory stays bounded however long the
stream is.

One thing a worker cannot know: names that *earlier articles of the build* defined
(:attr:`Extractor.known <kg.extract.pipeline.Extractor.known>`, e.g. an acronym introduced as
"Libyan National Army (LNA)" and used bare in a later article), because those articles may be
in another worker's chunk. Workers therefore extract with no such names and report the
all-capital words they left unresolved; the only rule that reads ``known`` looks at exactly
those words. When one of them has become a known name by the time the article's turn comes,
the main process extracts that article again with the names, as one process would have.
Otherwise the worker's facts are already what one process would have found.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.util import minibatch

from kg.model import ArticleFacts, ArticleMeta

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from kg.extract.pipeline import Extractor

__all__ = ["parallel_facts"]

Chunk = list[tuple[ArticleMeta, str]]
Result = list[tuple[ArticleFacts, frozenset[str]]]

#: the extractor of a worker process (inherited on fork, else built by the initializer)
_EXTRACTOR: Extractor | None = None


def _init_worker(gazetteer_dir: str | None) -> None:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from kg.extract.pipeline import Extractor

        _EXTRACTOR = Extractor(gazetteer_dir)
    _EXTRACTOR.known = {}  # names of earlier articles are applied by the main process


def _extract_chunk(chunk: Chunk, batch_size: int) -> Result:
    ex = _EXTRACTOR
    assert ex is not None, "worker not initialised"
    stream = ((text, meta) for meta, text in chunk)
    return [
        ex.facts_and_open_acronyms(meta, doc.text, doc)
        for doc, meta in ex.nlp.pipe(stream, as_tuples=True, batch_size=batch_size)
    ]


def parallel_facts(
    extractor: Extractor,
    items: Iterable[tuple[ArticleMeta, str]],
    *,
    batch_size: int = 16,
    n_process: int = 2,
) -> Iterator[ArticleFacts]:
    """Facts of ``items`` in input order, extracted by ``n_process`` worker processes.

    ``extractor.known`` is read as each article's turn comes, as in one process: the caller
    may add to it between articles (the build's consolidator does).

    Parameters
    ----------
    extractor : Extractor
        The main process's extractor (its model is shared with forked workers).
    items : iterable of (ArticleMeta, str)
        Articles, read lazily: at most ``2 * n_process`` chunks are in flight.
    batch_size : int
        Articles per chunk and per spaCy batch.
    n_process : int
        Worker processes.
    """
    global _EXTRACTOR
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if ctx.get_start_method() == "fork":
        _EXTRACTOR = extractor  # inherited by the workers: no second model load
    try:
        with ctx.Pool(n_process, _init_worker, (extractor.gazetteer_dir,)) as pool:
            pending: deque[AsyncResult[Result]] = deque()
            for chunk in minibatch(items, max(1, batch_size)):
                pending.append(pool.apply_async(_extract_chunk, (chunk, batch_size)))
                if len(pending) >= 2 * n_process:
                    yield from _finish(extractor, pending.popleft().get())
            while pending:
                yield from _finish(extractor, pending.popleft().get())
    finally:
        _EXTRACTOR = None


def _finish(extractor: Extractor, results: Result) -> Iterator[ArticleFacts]:
    for facts, open_acronyms in results:
        if open_acronyms and not open_acronyms.isdisjoint(extractor.known):
            # a name from an earlier article applies: extract again, as one process would
            facts = extractor.extract(facts.meta, facts.text)
        yield facts
