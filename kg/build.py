"""Build a store from articles: read, extract, write one named graph per article.

:func:`build` is what ``kg build`` runs. It streams: articles are read, parsed in batches and
written one at a time, so memory does not grow with the corpus. One unreadable article is
reported in :attr:`BuildReport.errors` and skipped; the rest of the build goes on.

Rebuilding the same articles is idempotent: IRIs come from canonical names and the article
text's hash, and each article's graph is replaced whole (an unchanged graph is not rewritten).
Without ``append`` the store holds exactly the articles of this build afterwards.

Where the time goes: parsing (spaCy) dominates. Graphs are written by a background thread
(:class:`~kg.rdf.store.GraphWriter`) while the next articles are parsed, and new graphs join
the store's merged default graph in the same transaction, so a fresh build never recomputes
the merge. With ``workers > 1`` the worker processes also read and clean the files and run the
rules (:mod:`kg.extract.parallel`); the main process consolidates names across articles, builds
each article's triples and writes them. ``docs/performance.md`` has the measurements.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.model import ArticleFacts, ArticleMeta, FuzzyDate
from kg.rdf.store import KGStore

__all__ = ["BuildReport", "build"]


@dataclass
class BuildReport:
    """What a build did: counts for the summary, and every article it had to skip."""

    articles: int = 0
    words: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    seconds: float = 0.0
    removed: int = 0

    def summary(self) -> str:
        """A few lines for the terminal.

        >>> print(BuildReport(2, 800, {"actors": 5}, [("x.bin", "binary")], [], 1.5).summary())
        2 articles (800 words) in 1.5 s
          actors 5
        1 skipped:
          x.bin: binary
        """
        lines = [f"{self.articles} articles ({self.words} words) in {self.seconds:.1f} s"]
        lines += [f"  {k} {v}" for k, v in self.facts.items()]
        if self.undated:
            lines.append(
                f"{len(self.undated)} without a publication date (dates kept only as precise as "
                "the text; give --date or a manifest): "
                + ", ".join(self.undated[:5])
                + (" ..." if len(self.undated) > 5 else "")
            )
        if self.errors:
            lines.append(f"{len(self.errors)} skipped:")
            lines += [f"  {src}: {msg}" for src, msg in self.errors]
        return "\n".join(lines)


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
    progress: Callable[[str], None] | None = None,
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
    progress : callable, optional
        Called with each article's source as it is written.

    Returns
    -------
    BuildReport

    Raises
    ------
    InputError
        For invalid options (a bad date, a missing path, a malformed curation file).
    StoreError
        When the store cannot be opened (locked by another process).
    """
    from kg.curation import apply_curation, load_curation
    from kg.extract.consolidate import Consolidator
    from kg.extract.pipeline import Extractor
    from kg.ingest import IngestFailure, article_files, read_options
    from kg.rdf.iri import article_graph_iri
    from kg.rdf.write import article_triples

    t0 = time.perf_counter()
    date = _as_date(default_date)
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    cur = load_curation(curation)
    report = BuildReport()
    # a store folder this build creates is removed again when no article can be read
    created = None if isinstance(store, KGStore) or Path(store).exists() else Path(store)
    st = store if isinstance(store, KGStore) else KGStore(store)
    try:
        before = set(st.article_graphs())
        st.ensure_ontology()
        extractor = Extractor()
        consolidator = Consolidator(st.known_entities() if append else ())
        extractor.known = consolidator.names
        written: set[object] = set()
        failures: list[tuple[str, str]] = []
        options = read_options(default_date=date, publisher=publisher, manifest=manifest)

        def raw() -> Iterator[tuple[ArticleMeta, str]]:
            for file in article_files(paths, options):
                for item in [file] if isinstance(file, IngestFailure) else options.read(file):
                    if isinstance(item, IngestFailure):
                        failures.append((item.source, item.message))
                        continue
                    yield item.meta, item.text

        def extracted() -> Iterator[ArticleFacts]:
            if workers <= 1:
                yield from extractor.pipe(raw(), batch_size=batch_size)
                return
            from kg.extract.parallel import parallel_facts

            # the workers read the files too: the main process's time goes to writing the store
            for item in parallel_facts(
                extractor,
                article_files(paths, options),
                read=options,
                batch_size=batch_size,
                n_process=workers,
            ):
                if isinstance(item, IngestFailure):
                    failures.append((item.source, item.message))
                else:
                    yield item

        # parsing goes on while the previous articles are written (Oxigraph releases the GIL)
        with st.writer() as writer:
            for facts in extracted():
                facts = apply_curation(consolidator.consolidate(facts), cur)
                graph = article_graph_iri(facts.content_hash)
                writer.put(graph, article_triples(facts))
                written.add(graph)
                report.articles += 1
                report.words += len(facts.text.split())
                if facts.meta.date is None:
                    report.undated.append(facts.meta.source)
                if progress is not None:
                    progress(facts.meta.source)
        if report.articles == 0:
            from kg.ingest import SUPPORTED

            detail = "; ".join(msg for _src, msg in failures[:3])
            raise InputError(
                f"no article could be read from {', '.join(str(p) for p in paths)}"
                + (f" ({detail})" if detail else f": kg reads {SUPPORTED}")
                + ("; no store was created" if created else "; the store was left unchanged")
            )
        if not append:
            for g in sorted(before - written):
                st.remove_graph(g)
                report.removed += 1
        from kg.curation import curation_triples
        from kg.rdf.iri import CURATION_GRAPH

        st.replace_graph(CURATION_GRAPH, curation_triples(cur))
        st.refresh_derived()
        report.errors = failures
        report.facts = _store_counts(st)
    except InputError:
        if created is not None:
            st.close()
            shutil.rmtree(created, ignore_errors=True)
        raise
    finally:
        if not isinstance(store, KGStore):
            st.close()
    report.seconds = time.perf_counter() - t0
    return report


def _store_counts(st: KGStore) -> dict[str, int]:
    rows = st.select(
        """
        SELECT
          (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?place) AS ?places)
          (COUNT(DISTINCT ?rel) AS ?relations) (COUNT(DISTINCT ?event) AS ?events)
          (COUNT(DISTINCT ?att) AS ?attestations)
        WHERE {
          { ?actor a ckg:Actor ; ckg:mentionedIn ?a1 }
          UNION { ?place a ckg:Place ; ckg:mentionedIn ?a2 }
          UNION { ?rel a ckg:Relationship }
          UNION { ?event a ckg:Event }
          UNION { ?att a ckg:Attestation }
        }"""
    )
    r = rows[0] if rows else {}
    return {
        k: int(r[k].toPython()) if k in r else 0
        for k in ("actors", "places", "relations", "events", "attestations")
    }
