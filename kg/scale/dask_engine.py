"""``kg build --engine dask``: the map step on a Dask cluster's workers, in input order.

The build's unit of parallel work is a batch of articles (``--batch-size``). Each batch is one
Dask task: the worker reads its files, cleans and parses the articles and runs every rule on
them (:func:`kg.extract.parallel.extract_tasks`, the code ``--workers`` runs in its processes),
and sends back the small :class:`~kg.model.ArticleFacts`. The client takes the results in
input order and does what needs all articles at once, exactly as a local build does: names one
article defines resolve another's (:func:`kg.extract.parallel.settle` and the build's
consolidator), then each article's triples are written and the merged graph and derived
confidences computed. The store is therefore the one a local build makes, whichever worker ran
which batch, and however often a batch was run again (a task whose worker died is run again by
Dask; tasks have no side effects here).

Workers must import conflict-kg and its spaCy model, and read the input paths (a shared file
system; relative paths are made absolute). Each worker process loads the model once, on its
first task. At most a few tasks per worker thread are in flight, so the client's memory stays
bounded however large the corpus.

Examples
--------
>>> from pathlib import Path
>>> from kg.ingest import ArticleFile
>>> absolute(ArticleFile(Path("a.txt"), "a.txt")).path.is_absolute()
True
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from spacy.util import minibatch

from kg.errors import ClusterError
from kg.ingest import ArticleFile, IngestFailure, ReadOptions
from kg.model import ArticleFacts, ArticleMeta

if TYPE_CHECKING:
    from distributed import Client

    from kg.extract.pipeline import Extractor
    from kg.pipeline.build import BuildReport
    from kg.rdf.store import KGStore

__all__ = [
    "absolute",
    "dask_build",
    "dask_client",
    "dask_facts",
    "extract_batch",
    "ordered_results",
]

#: what a task is handed per item: an article, a file to read, or a failure to pass on
Task = tuple[ArticleMeta, str] | ArticleFile | IngestFailure
R = TypeVar("R")

#: how long to try reaching a scheduler before giving up
CONNECT_TIMEOUT = "20s"
#: one extractor per worker process and gazetteer, built on the first task
_EXTRACTORS: dict[str | None, Extractor] = {}
_LOCK = threading.Lock()


def worker_extractor(gazetteer_dir: str | None) -> Extractor:
    """This process's extractor for ``gazetteer_dir`` (loaded once; knows no earlier names)."""
    with _LOCK:
        ex = _EXTRACTORS.get(gazetteer_dir)
        if ex is None:
            from kg.extract.pipeline import Extractor

            ex = Extractor(gazetteer_dir)
            ex.known = {}  # names of earlier articles are applied by the client
            _EXTRACTORS[gazetteer_dir] = ex
        return ex


def extract_batch(
    tasks: list[Task], read: ReadOptions, gazetteer_dir: str | None, batch_size: int
) -> list[tuple[ArticleFacts, frozenset[str]] | IngestFailure]:
    """The Dask task of ``kg build --engine dask``: one batch read and extracted on a worker."""
    from kg.extract.parallel import extract_tasks

    return extract_tasks(worker_extractor(gazetteer_dir), read, tasks, batch_size)


def absolute(task: Task) -> Task:
    """``task`` with a relative file path made absolute (workers may run elsewhere); the
    article's ``source``, and so its output, is unchanged; a URL is left as it is."""
    if (
        isinstance(task, ArticleFile)
        and isinstance(task.path, Path)
        and not task.path.is_absolute()
    ):
        return ArticleFile(task.path.absolute(), task.source)
    return task


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A Dask client: of the cluster at ``scheduler``, else of a new local cluster of
    ``workers`` processes (one thread each, on loopback), closed on exit.

    Raises
    ------
    ClusterError
        When Dask is not installed or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(
            "--engine dask needs Dask: install it with pip install 'conflict-kg[dask]'"
        ) from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as e:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler} ({e}); start one with "
                "'dask scheduler', or leave out --scheduler to run a local cluster"
            ) from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # its HTTP endpoint on a free loopback port (None still takes 8787, or warns)
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def ordered_results(
    client: Client, fn: Callable[..., R], batches: Iterable[Sequence[Any]], *args: Any
) -> Iterator[R]:
    """``fn(batch, *args)`` of every batch, run on the cluster, yielded in input order.

    At most two tasks per worker thread are in flight. A batch whose worker dies is run again
    by Dask; one that kills its workers repeatedly fails the build.

    Raises
    ------
    ClusterError
        When Dask gives up on a task (its workers died too often).
    """
    from distributed import KilledWorker
    from distributed.client import FutureCancelledError

    window = max(2, 2 * sum(client.nthreads().values()))
    # the arguments travel inside each task (they are small): a task then depends on no data
    # held by a worker, so a dead worker costs only its own tasks, which Dask runs again
    pending: deque[Any] = deque()

    def take() -> R:
        fut = pending.popleft()
        try:
            return fut.result()
        except KilledWorker as e:
            raise ClusterError(
                f"the Dask workers died running a batch of articles ({e}); see the worker logs "
                "(memory? --batch-size smaller?)"
            ) from None
        except FutureCancelledError as e:
            raise ClusterError(f"the Dask cluster cancelled a batch of articles ({e})") from None
        finally:
            fut.release()

    for batch in batches:
        pending.append(client.submit(fn, list(batch), *args, pure=False))
        if len(pending) >= window:
            yield take()
    while pending:
        yield take()


def dask_facts(
    extractor: Extractor,
    items: Iterable[Task],
    *,
    read: ReadOptions,
    batch_size: int = 16,
    scheduler: str | None = None,
    workers: int = 2,
) -> Iterator[ArticleFacts | IngestFailure]:
    """Read and extract ``items`` on a Dask cluster, in input order, as one process would.

    Like :func:`kg.extract.parallel.parallel_facts` (same items, same output, same handling of
    names of earlier articles), with the cluster's workers instead of local processes.

    Parameters
    ----------
    extractor : Extractor
        The client's extractor; ``extractor.known`` may grow between articles.
    items : iterable of (ArticleMeta, str), ArticleFile or IngestFailure
        E.g. :func:`kg.ingest.article_files`.
    read : ReadOptions
        How the workers read files (manifest, default date, publisher).
    batch_size : int
        Articles (or files) per task and per spaCy batch.
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``); else a local cluster.
    workers : int
        Processes of the local cluster (ignored with ``scheduler``).
    """
    from kg.extract.parallel import settle, worker_tasks

    tasks = (absolute(t) for t in worker_tasks(items, read))
    with dask_client(scheduler, workers) as client:
        batches = minibatch(tasks, max(1, batch_size))
        args = (read, extractor.gazetteer_dir, batch_size)
        for results in ordered_results(client, extract_batch, batches, *args):
            yield from settle(extractor, results)


def dask_build(
    paths: Sequence[str | Path],
    store: str | Path | KGStore,
    *,
    scheduler: str | None = None,
    workers: int = 1,
    batch_size: int = 16,
    **options: Any,
) -> BuildReport:
    """``kg build --engine dask``: :func:`kg.pipeline.build.build` with the articles read and
    extracted by :func:`dask_facts` on the cluster at ``scheduler`` (else a local cluster of
    ``workers`` processes). The store is the one a local build makes.

    ``options`` are those of :func:`~kg.pipeline.build.build`.

    Raises
    ------
    ClusterError
        When the cluster cannot be reached or keeps losing a task.
    """
    from kg.pipeline.build import build

    def extract(
        extractor: Extractor, files: Iterator[ArticleFile | IngestFailure], read: ReadOptions
    ) -> Iterator[ArticleFacts | IngestFailure]:
        return dask_facts(
            extractor,
            files,
            read=read,
            batch_size=batch_size,
            scheduler=scheduler,
            workers=workers,
        )

    return build(paths, store, workers=workers, batch_size=batch_size, extract=extract, **options)
