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

What is refused
---------------
Every refusal is an :class:`IngestFailure` naming the file and why; the build goes on.

- Anything but a regular file: named pipes, devices, sockets (checked before the file is
  opened, so a pipe never blocks the build), broken links and symbolic-link loops.
- Inside a folder argument, a symbolic link whose target lies outside that folder (e.g. to
  ``/etc/passwd`` or ``/dev/zero``) unless ``follow_links`` (``kg build --follow-links``).
- A file over :data:`MAX_FILE_BYTES` (10 MB; JSON Lines files :data:`MAX_JSONL_BYTES`,
  200 MB): at most one byte more than that is read, and the file is refused, not truncated.
- A file name that is not valid UTF-8, and text or metadata holding a lone surrogate
  (``\\ud800``, e.g. from a JSON or YAML escape or an HTML character reference).
- An article over :data:`MAX_ARTICLE_CHARS` characters (spaCy's limit): refused, not split.
- Front-matter dates that do not exist (``2017-02-30``, ``T25:00``), with the reason; article
  URLs other than ``http(s)://`` (a ``javascript:`` URL in a feed is dropped, in front matter
  or JSON Lines it is refused).

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

import errno
import os
import re
import stat
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
from kg.ingest.formats import KINDS, Draft, Failure, read_html, read_jsonl, read_text, reader_for
from kg.ingest.manifest import Manifest, load_manifest
from kg.ingest.remote import is_remote, local_path, read_url, url_files, url_suffix
from kg.model import ArticleMeta, FuzzyDate

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "MAX_JSONL_BYTES",
    "SUPPORTED",
    "ArticleFile",
    "IngestFailure",
    "RawArticle",
    "ReadOptions",
    "article_files",
    "iter_files",
    "read_articles",
    "read_capped",
    "read_options",
    "shown",
]

#: The kinds of file read, for messages.
SUPPORTED = (
    "plain text (.txt .md .text), HTML (.html .htm), RSS/Atom feeds (.xml .rss .atom) "
    "and JSON Lines (.jsonl .ndjson)"
)
#: bytes read from one file at most; a larger file is refused (not truncated)
MAX_FILE_BYTES = 10_000_000
#: the same for a JSON Lines file (it holds many articles)
MAX_JSONL_BYTES = 200_000_000
#: characters of one article at most (spaCy's ``max_length``); a longer one is refused
MAX_ARTICLE_CHARS = 1_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")


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

    path: Path | str  # a str is a URL (:mod:`kg.ingest.remote`)
    source: str

    @property
    def holds_one_article(self) -> bool:
        """True for a plain-text or HTML file by its extension: at most one article (feeds and
        JSON Lines files may hold any number; an unknown extension is sniffed when read)."""
        kind = KINDS.get(_suffix(self.path).lower())
        return kind is not None and kind[1] in (read_text, read_html)


@dataclass(frozen=True)
class ReadOptions:
    """Checked options of :func:`read_articles` (see :func:`read_options`)."""

    manifest: Manifest | None = None
    default_date: FuzzyDate | None = None
    publisher: str | None = None
    follow_links: bool = False

    def read(self, file: ArticleFile) -> Iterator[RawArticle | IngestFailure]:
        """The articles of one file, in order; a bad file, item or line is an
        :class:`IngestFailure` naming it, and reading goes on."""
        return _read_file(file.path, file.source, self.manifest, self.default_date, self.publisher)


def _suffix(path: Path | str) -> str:
    return url_suffix(path) if isinstance(path, str) else path.suffix


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


def shown(name: str) -> str:
    """A file name safe to print: bytes that are not UTF-8 (and lone surrogates) escaped.

    >>> shown("caf\\udce9.txt")
    'caf\\\\udce9.txt'
    """
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def iter_files(
    paths: Iterable[str | Path], *, follow_links: bool = False
) -> Iterator[tuple[Path | str, str] | IngestFailure]:
    """Every file to read as ``(path, source)``, in a deterministic order.

    A folder gives its files recursively, sorted by relative path, without hidden files or
    folders and without ``README.*``; a file argument is read whatever its name. A path that
    does not exist, or a file refused as the module docstring says (not a regular file, a
    link leaving its folder without ``follow_links``, a name that is not UTF-8) gives an
    :class:`IngestFailure`. A file reached twice is read once. A URL given as a ``str``
    (``s3://bucket/corpus/``) is listed the same way by its filesystem
    (:mod:`kg.ingest.remote`), each file's path being its URL; a ``file://`` URL is the path
    it names.
    """
    seen: set[str] = set()
    for arg in paths:
        if is_remote(arg):
            yield from _url_files(arg, seen)
            continue
        try:
            root = Path(local_path(arg))
        except InputError as e:
            yield IngestFailure(shown(str(arg)), str(e))
            continue
        try:
            is_dir = stat.S_ISDIR(root.stat().st_mode)
        except OSError as e:
            yield IngestFailure(shown(str(arg)), _stat_problem(shown(str(arg)), e))
            continue
        if is_dir:
            todo, problems = _walk(root, follow_links)
            yield from problems
            inside = os.path.realpath(root)
        else:
            todo, inside = [(root.name, root)], None
        for source, path in todo:
            problem = _refusal(path, inside, follow_links)
            if problem is not None:
                yield IngestFailure(shown(source), problem)
                continue
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield path, source


def _url_files(url: str, seen: set[str]) -> Iterator[tuple[str, str] | IngestFailure]:
    try:
        for file_url, source in url_files(url):
            if file_url not in seen:
                seen.add(file_url)
                yield file_url, source
    except InputError as e:
        yield IngestFailure(shown(url), str(e))


def _walk(root: Path, follow_links: bool) -> tuple[list[tuple[str, Path]], list[IngestFailure]]:
    found: list[tuple[str, Path]] = []
    problems: list[IngestFailure] = []
    visited: set[str] = set()

    def unreadable(e: OSError) -> None:
        name = shown(str(e.filename))
        problems.append(IngestFailure(name, f"{name}: the folder cannot be read ({e.strerror})"))

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=follow_links):
        real = os.path.realpath(folder)
        if real in visited:  # a linked folder seen already (or a loop): once is enough
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if not follow_links:
            for d in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                name = shown(Path(folder, d).relative_to(root).as_posix())
                problems.append(
                    IngestFailure(
                        name,
                        f"{shown(os.path.join(folder, d))} is a symbolic link to a folder, not "
                        "followed; pass --follow-links to read it",
                    )
                )
        for f in files:
            if f.startswith(".") or f.upper().startswith("README."):
                continue
            path = Path(folder, f)
            found.append((path.relative_to(root).as_posix(), path))
    return sorted(found), problems


def _stat_problem(name: str, e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return f"{name} is a symbolic link loop; remove the link or point it at an article file"
    if e.errno == errno.ENOENT:
        if os.path.islink(name):
            return f"{name} is a broken symbolic link; remove it or point it at an article file"
        return f"{name} does not exist; check the path (a file or a folder of articles)"
    return f"{name} cannot be read ({e.strerror}); check its permissions"


_KIND_OF_FILE = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _refusal(path: Path, inside: str | None, follow_links: bool) -> str | None:
    """Why ``path`` is not read (see the module docstring), or None."""
    name = shown(str(path))
    if _SURROGATE.search(str(path)):
        return f"{name}: the file name is not valid UTF-8; rename the file"
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        return _stat_problem(name, e)
    if inside is not None and not follow_links:
        real = os.path.realpath(path)
        if not real.startswith(inside.rstrip(os.sep) + os.sep):
            return (
                f"{name} is a symbolic link to {shown(real)}, outside the folder {shown(inside)}; "
                "copy the file in, or pass --follow-links to read it"
            )
    return _not_regular(name, mode)


def _not_regular(name: str, mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    what = next((w for test, w in _KIND_OF_FILE if test(mode)), "not a regular file")
    return f"{name} is {what}, not a regular file; only article files are read"


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refusing one over ``limit`` bytes.

    The file is opened without blocking (a named pipe put in its place after it was listed
    cannot hang the read) and checked to be a regular file before anything is read; at most
    ``limit + 1`` bytes are read.

    Raises
    ------
    InputError
        For a file that is not regular, cannot be read, or is over ``limit`` bytes.
    """
    name = shown(str(path))
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise InputError(_stat_problem(name, e)) from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        problem = _not_regular(name, info.st_mode)
        if problem is not None:
            raise InputError(problem)
        too_big = (
            f"{name} is over {limit:,} bytes, the most one file is read to; it was refused "
            "(not truncated): split it into smaller files"
        )
        if info.st_size > limit:
            raise InputError(too_big)
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise InputError(f"{name} cannot be read ({e.strerror})") from None
        if len(data) > limit:
            raise InputError(too_big)
        return data


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
    bad = _surrogate_problem(draft)
    if bad is not None:
        return IngestFailure(draft.source, bad)
    cleaned = clean_article(draft.text, title=fields.get("title"))
    text, dateline = strip_dateline(cleaned.text)
    text = text.strip()
    if len(text) > MAX_ARTICLE_CHARS:
        return IngestFailure(
            draft.source,
            f"{shown(draft.source)}: the article has {len(text):,} characters, over the "
            f"{MAX_ARTICLE_CHARS:,} one article may have; it was refused (not split): split "
            "it into several articles",
        )
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


def _surrogate_problem(draft: Draft) -> str | None:
    """Why ``draft`` holds text that cannot be stored (a lone surrogate), or None."""
    values = [("text", draft.text)] + [
        (k, v) for k, v in draft.fields.items() if isinstance(v, str)
    ]
    for what, value in values:
        m = _SURROGATE.search(value)
        if m is not None:
            return (
                f"{shown(draft.source)}: the {what} holds a lone surrogate "
                f"(U+{ord(m[0]):04X} at character {m.start() + 1}), which is not a character; "
                "fix the escape or character reference, or the file's encoding"
            )
    return None


def _read_file(
    path: Path | str,
    source: str,
    manifest: Manifest | None,
    default_date: FuzzyDate | None,
    publisher: str | None,
) -> Iterator[RawArticle | IngestFailure]:
    name = shown(str(path))
    suffix = _suffix(path)
    kind = KINDS.get(suffix.lower())
    limit = MAX_JSONL_BYTES if kind and kind[1] is read_jsonl else MAX_FILE_BYTES
    try:
        data = read_url(path, limit) if isinstance(path, str) else read_capped(path, limit)
    except InputError as e:
        yield IngestFailure(source, str(e))
        return
    if not data.strip():
        yield IngestFailure(source, f"{name} is empty; remove it or add the article text")
        return
    reader = reader_for(suffix, data[:2048])
    if reader is None:
        yield IngestFailure(
            source,
            f"{name}: unknown kind of file ('{suffix or 'no extension'}'); conflict-kg "
            f"reads {SUPPORTED}",
        )
        return
    try:
        for item in reader(data, name, source):
            if isinstance(item, Failure):
                yield IngestFailure(item.source, item.message)
            else:
                yield _checked_article(item, manifest, default_date, publisher)
    except InputError as e:
        yield IngestFailure(source, str(e))
    except Exception as e:
        yield IngestFailure(source, f"{name} cannot be read: {_unexpected(e)}")


def _unexpected(e: BaseException) -> str:
    what = shown(str(e)).splitlines()[0][:200] if str(e) else ""
    return f"{type(e).__name__}{': ' + what if what else ''} (please report this as a bug)"


def _checked_article(
    draft: Draft,
    manifest: Manifest | None,
    default_date: FuzzyDate | None,
    publisher: str | None,
) -> RawArticle | IngestFailure:
    try:
        return _article(draft, manifest, default_date, publisher)
    except Exception as e:
        return IngestFailure(draft.source, f"{shown(draft.source)}: {_unexpected(e)}")


def read_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    default_date: FuzzyDate | str | None = None,
    publisher: str | None = None,
    manifest: Path | str | None = None,
    follow_links: bool = False,
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
    follow_links : bool
        Read files that symbolic links inside a folder argument point to outside it.

    Returns
    -------
    iterator of RawArticle or IngestFailure
        In file order; a feed's items and a JSON Lines file's lines in their order.

    Raises
    ------
    InputError
        At once (before anything is read) when ``default_date`` or the manifest is invalid.
    """
    options = read_options(
        default_date=default_date, publisher=publisher, manifest=manifest, follow_links=follow_links
    )
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
    follow_links: bool = False,
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
    return ReadOptions(loaded, date, publisher, follow_links)


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
    return _files(roots, options.manifest, options.follow_links)


def _files(
    roots: list[str | Path], manifest: Manifest | None, follow_links: bool
) -> Iterator[ArticleFile | IngestFailure]:
    skip = manifest.path.resolve() if manifest is not None else None
    for item in iter_files(roots, follow_links=follow_links):
        if isinstance(item, IngestFailure):
            yield item
            continue
        path, source = item
        if isinstance(path, str) or path.resolve() != skip:
            yield ArticleFile(path, source)
