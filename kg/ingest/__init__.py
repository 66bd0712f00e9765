"""Read articles from files and folders: text, HTML pages, RSS/Atom feeds, JSON Lines.

:func:`read_articles` walks the paths it is given, reads each file by its kind
(:mod:`kg.ingest.formats`), strips page clutter (:mod:`kg.ingest.clean`) and the dateline
(:mod:`kg.ingest.dateline`), and settles each article's metadata. One bad file, line or feed
item becomes an :class:`IngestFailure` and reading goes on.

Sources
-------
``ArticleMeta.source`` is stable across runs: the file's path under the folder argument
(``sub/a.txt``), or the file name for a file argument, with ``#N`` for the N-th item of a feed
or the article on line N of a JSON Lines file. Folders are read recursively in sorted order;
hidden files and folders, and ``README.*`` files inside folders, are skipped.

Metadata precedence
-------------------
Fields of the file itself (front matter, HTML metadata, feed item, JSON Lines record) > the
dateline (and a headline printed twice) > the manifest > ``default_date`` / ``publisher``.
Dates are :class:`~kg.model.FuzzyDate` only as precise as given; a numeric ``11/03/2017`` gets
its month/day order from the article text (:mod:`kg.ingest.dates`).

In two steps
------------
:func:`read_articles` is :func:`read_options` (check the options, load the manifest), then
:func:`article_files` (which files, in order) and :meth:`ReadOptions.read` for each file.
``kg build --workers`` uses the steps to read files in its worker processes
(:mod:`kg.extract.parallel`); the articles and failures are the same.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("BEIRUT, Nov 3 (Reuters) - The army entered Mayadin.")
>>> [art] = read_articles([folder], default_date="2017")
>>> art.meta.source, art.meta.publisher, str(art.meta.date), art.text
('a.txt', 'Reuters', '2017-11-03', 'The army entered Mayadin.')
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.clean import clean_article
from kg.ingest.dateline import strip_dateline
from kg.ingest.dates import (
    DateValue,
    NumericDate,
    YearlessDate,
    parse_date,
    resolve,
)
from kg.ingest.formats import KINDS, Draft, Failure, read_html, read_text, reader_for
from kg.ingest.manifest import Manifest, load_manifest
from kg.model import ArticleMeta, FuzzyDate

__all__ = [
    "SUPPORTED",
    "ArticleFile",
    "IngestFailure",
    "RawArticle",
    "ReadOptions",
    "article_files",
    "iter_files",
    "read_articles",
    "read_options",
]

#: The kinds of file read, for messages.
SUPPORTED = (
    "plain text (.txt .md .text), HTML (.html .htm), RSS/Atom feeds (.xml .rss .atom) "
    "and JSON Lines (.jsonl .ndjson)"
)


@dataclass(frozen=True)
class RawArticle:
    """An article ready for extraction: its metadata and its cleaned text."""

    meta: ArticleMeta
    text: str


@dataclass(frozen=True)
class IngestFailure:
    """A file, line or feed item that could not be read; ``message`` says why and what to do."""

    source: str
    message: str


@dataclass(frozen=True)
class ArticleFile:
    """A file to read: its path and its ``source`` (the name its articles are reported by)."""

    path: Path
    source: str

    @property
    def holds_one_article(self) -> bool:
        """True for a plain-text or HTML file by its extension: at most one article (feeds and
        JSON Lines files may hold any number; an unknown extension is sniffed when read)."""
        kind = KINDS.get(self.path.suffix.lower())
        return kind is not None and kind[1] in (read_text, read_html)


@dataclass(frozen=True)
class ReadOptions:
    """Checked options of :func:`read_articles` (see :func:`read_options`)."""

    manifest: Manifest | None = None
    default_date: FuzzyDate | None = None
    publisher: str | None = None

    def read(self, file: ArticleFile) -> Iterator[RawArticle | IngestFailure]:
        """The articles of one file, in order; a bad file, item or line is an
        :class:`IngestFailure` naming it, and reading goes on."""
        return _read_file(file.path, file.source, self.manifest, self.default_date, self.publisher)


def _default_date(value: FuzzyDate | str | None) -> FuzzyDate | None:
    if value is None or isinstance(value, FuzzyDate):
        return value
    try:
        parsed = parse_date(value)
    except ValueError:
        raise InputError(
            f"--date {value!r} is not a date; write it as YYYY-MM-DD, YYYY-MM or YYYY"
        ) from None
    if isinstance(parsed, NumericDate | YearlessDate):
        raise InputError(
            f"--date {value!r} is ambiguous or lacks a year; write it as YYYY-MM-DD, "
            "YYYY-MM or YYYY"
        )
    return parsed


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str] | IngestFailure]:
    """Every file to read as ``(path, source)``, in a deterministic order.

    A folder gives its files recursively, sorted by relative path, without hidden files or
    folders and without ``README.*``; a file argument is read whatever its name. A path that
    does not exist gives an :class:`IngestFailure`. A file reached twice is read once.
    """
    seen: set[Path] = set()
    for arg in paths:
        root = Path(arg)
        if root.is_dir():
            found: list[tuple[str, Path]] = []
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for f in files:
                    if f.startswith(".") or f.upper().startswith("README."):
                        continue
                    path = Path(folder, f)
                    found.append((path.relative_to(root).as_posix(), path))
            todo = sorted(found)
        elif root.is_file():
            todo = [(root.name, root)]
        else:
            yield IngestFailure(
                str(arg), f"{arg} does not exist; check the path (a file or a folder of articles)"
            )
            continue
        for source, path in todo:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path, source


def _settle_date(
    tiers: list[DateValue | None], text: str, hint: FuzzyDate | None
) -> FuzzyDate | None:
    """The first tier's date that resolves; each tier's hint is the best date below it."""
    resolved: list[FuzzyDate | None] = [None] * len(tiers)
    below = hint
    for i in range(len(tiers) - 1, -1, -1):
        resolved[i] = resolve(tiers[i], text, below)
        below = resolved[i] or below
    return next((d for d in resolved if d is not None), hint)


def _article(
    draft: Draft,
    manifest: Manifest | None,
    default_date: FuzzyDate | None,
    publisher: str | None,
) -> RawArticle | IngestFailure:
    fields = draft.fields
    cleaned = clean_article(draft.text, title=fields.get("title"))
    text, dateline = strip_dateline(cleaned.text)
    text = text.strip()
    if not text:
        return IngestFailure(
            draft.source,
            f"{draft.source}: no article text (the file is empty or holds only page clutter "
            "such as menus and credits); add the article text",
        )
    entry = manifest.lookup(draft.source) if manifest is not None else None
    found: dict[str, Any] = {
        "title": cleaned.headline,
        "publisher": dateline.publisher if dateline else None,
    }
    listed: dict[str, Any] = {}
    if entry is not None:
        listed = {"title": entry.title, "publisher": entry.publisher, "url": entry.url}

    def pick(name: str, default: Any = None) -> Any:
        for tier in (fields, found, listed):
            if tier.get(name):
                return tier[name]
        return default

    date = _settle_date(
        [
            fields.get("date"),
            dateline.date if dateline else None,
            entry.date if entry is not None else None,
        ],
        text,
        default_date,
    )
    meta = ArticleMeta(
        source=draft.source,
        title=pick("title"),
        publisher=pick("publisher", publisher),
        date=date,
        url=pick("url"),
    )
    return RawArticle(meta, text)


def _read_file(
    path: Path,
    source: str,
    manifest: Manifest | None,
    default_date: FuzzyDate | None,
    publisher: str | None,
) -> Iterator[RawArticle | IngestFailure]:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        yield IngestFailure(source, f"{name} cannot be read ({e.strerror}); check its permissions")
        return
    if not data.strip():
        yield IngestFailure(source, f"{name} is empty; remove it or add the article text")
        return
    reader = reader_for(path.suffix, data[:2048])
    if reader is None:
        yield IngestFailure(
            source,
            f"{name}: unknown kind of file ('{path.suffix or 'no extension'}'); conflict-kg "
            f"reads {SUPPORTED}",
        )
        return
    try:
        for item in reader(data, name, source):
            if isinstance(item, Failure):
                yield IngestFailure(item.source, item.message)
            else:
                yield _article(item, manifest, default_date, publisher)
    except InputError as e:
        yield IngestFailure(source, str(e))


def read_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    default_date: FuzzyDate | str | None = None,
    publisher: str | None = None,
    manifest: Path | str | None = None,
) -> Iterator[RawArticle | IngestFailure]:
    """Read every article under ``paths``, in a deterministic order.

    Parameters
    ----------
    paths : iterable of str or Path (or one of them)
        Files and folders (read recursively).
    default_date : FuzzyDate or str, optional
        The publication date of articles that state none (``--date``); also the hint that
        gives a year to ``Nov 3`` and breaks ties in the order of ``11/03/2017``.
    publisher : str, optional
        The publisher of articles that state none (``--publisher``).
    manifest : Path, optional
        Per-article metadata (:mod:`kg.ingest.manifest`).

    Returns
    -------
    iterator of RawArticle or IngestFailure
        In file order; a feed's items and a JSON Lines file's lines in their order.

    Raises
    ------
    InputError
        At once (before anything is read) when ``default_date`` or the manifest is invalid.
    """
    options = read_options(default_date=default_date, publisher=publisher, manifest=manifest)
    return _read_all(article_files(paths, options), options)


def _read_all(
    files: Iterator[ArticleFile | IngestFailure], options: ReadOptions
) -> Iterator[RawArticle | IngestFailure]:
    for item in files:
        if isinstance(item, IngestFailure):
            yield item
        else:
            yield from options.read(item)


def read_options(
    *,
    default_date: FuzzyDate | str | None = None,
    publisher: str | None = None,
    manifest: Path | str | None = None,
) -> ReadOptions:
    """The options of :func:`read_articles`, checked, with the manifest loaded.

    Raises
    ------
    InputError
        When ``default_date`` or the manifest is invalid.
    """
    date = _default_date(default_date)
    loaded = load_manifest(manifest) if manifest is not None else None
    publisher = (publisher.strip() or None) if publisher else None
    return ReadOptions(loaded, date, publisher)


def article_files(
    paths: Iterable[str | Path] | str | Path, options: ReadOptions
) -> Iterator[ArticleFile | IngestFailure]:
    """The files :func:`read_articles` reads, in its order (:func:`iter_files` without the
    manifest file); a path that does not exist is an :class:`IngestFailure`.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.txt").write_text("B."), (folder / "a.txt").write_text("A.")
    >>> [(f.source, f.holds_one_article) for f in article_files(folder, ReadOptions())]
    [('a.txt', True), ('b.txt', True)]
    """
    roots = [paths] if isinstance(paths, str | Path) else list(paths)
    return _files(roots, options.manifest)


def _files(
    roots: list[str | Path], manifest: Manifest | None
) -> Iterator[ArticleFile | IngestFailure]:
    skip = manifest.path.resolve() if manifest is not None else None
    for item in iter_files(roots):
        if isinstance(item, IngestFailure):
            yield item
            continue
        path, source = item
        if path.resolve() != skip:
            yield ArticleFile(path, source)
