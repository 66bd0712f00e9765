"""Article files named by URL: ``file://`` paths, and fsspec URLs (``s3://``, ``gs://``, ...).

``kg build s3://bucket/corpus/`` lists the objects under the URL on the machine that runs
``kg build`` and reads each one where it is extracted: in this process, in ``--workers``
processes, or on the workers of a Dask cluster, which need the same filesystem package and
credentials. fsspec finds both as it always does: the package of the scheme (``s3fs`` for
``s3://``, ``gcsfs`` for ``gs://``), credentials from the environment or the tool's own
configuration, and options from ``FSSPEC_<SCHEME>_<OPTION>`` variables (for an S3-compatible
store such as MinIO: ``FSSPEC_S3_ENDPOINT_URL=http://minio:9000``).

A folder URL is read as a folder is (:mod:`kg.ingest.read`): every object under it, sorted by
its path below the URL, which is its ``source``, without hidden names or ``README.*``; so the
same files give the same article IRIs whether they are read from a folder or a bucket. A
file larger than the limit is refused before it is read, as a local one is.

A ``file://`` URL is the path it names on this machine; :func:`local_path` turns it into a
:class:`~pathlib.Path` for the options that take local folders only (``--shards``, ``kg load``).

Examples
--------
>>> url_scheme("s3://bucket/corpus"), url_scheme("corpus/"), url_scheme("file:///srv/a")
('s3', None, 'file')
>>> local_path("file:///srv/shards", "--shards")
PosixPath('/srv/shards')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypeGuard
from urllib.parse import unquote

from kg.errors import InputError

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

__all__ = [
    "check_url",
    "filesystem",
    "is_remote",
    "local_path",
    "read_url",
    "url_files",
    "url_scheme",
    "url_suffix",
    "why",
]

_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):/")


def url_scheme(text: str) -> str | None:
    """The scheme of ``text`` in lower case when it is a URL, else None.

    >>> url_scheme("S3://b/k"), url_scheme("C:/data"), url_scheme("a:b")
    ('s3', None, None)
    """
    m = _URL.match(text)
    return m.group(1).lower() if m else None


def is_remote(path: str | Path) -> TypeGuard[str]:
    """True for a URL kg reads through fsspec: a ``str`` with a scheme other than ``file``
    (a :class:`~pathlib.Path` is local, and a ``file://`` URL names a local path).

    >>> is_remote("s3://b/corpus"), is_remote("file:///srv/a"), is_remote(Path("corpus"))
    (True, False, False)
    """
    return isinstance(path, str) and url_scheme(path) not in (None, "file")


def url_suffix(url: str) -> str:
    """The extension of the last name of ``url``'s path (``.txt``), as :attr:`Path.suffix`.

    >>> url_suffix("s3://b/corpus/a.HTML?versionId=3"), url_suffix("gs://b/notes")
    ('.HTML', '')
    """
    return PurePosixPath(url.split("?", 1)[0].split("#", 1)[0]).suffix


def local_path(path: str | Path, option: str = "") -> Path | str:
    """A local path for ``path``: itself, or the path of a ``file://`` URL; other URLs are
    refused (``option`` takes local paths only), naming the pip package when their
    filesystem's is missing.

    Raises
    ------
    InputError
        When ``path`` is a URL other than ``file://`` (``s3://b/c``, or ``s3:/b/c`` once made
        a ``Path``), or a ``file://`` URL naming another host.

    Examples
    --------
    >>> local_path("corpus/")
    'corpus/'
    >>> local_path("memory://shards", "--shards")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.InputError: --shards memory://shards is a URL: --shards takes a local path ...
    """
    text = str(path)
    scheme = url_scheme(text)
    if scheme is None:
        return path
    where = option + " " if option else ""
    if scheme == "file":
        rest = re.sub(r"^file:(//(localhost)?)?", "", text, flags=re.IGNORECASE)
        if rest.startswith("/"):
            return Path(unquote(rest))
        raise InputError(f"{where}{path} names a host: a file:// URL is a path on this machine")
    _filesystem_class(text, scheme, where)
    raise InputError(
        f"{where}{path} is a URL: {option or 'this'} takes a local path or a file:// URL (a "
        "shared file system for a cluster build); mount it (s3fs, gcsfuse, NFS) or use a "
        "folder here"
    )


def _filesystem_class(url: str, scheme: str, where: str = "") -> type[AbstractFileSystem]:
    try:
        import fsspec
    except ImportError:
        raise InputError(
            f"{where}{url} is a URL: pip install 'conflict-kg[dask]' (fsspec) to read URLs"
        ) from None
    try:
        cls: type[AbstractFileSystem] = fsspec.get_filesystem_class(scheme)
    except ImportError as e:  # fsspec's message names the package: "Install s3fs to access S3"
        raise InputError(f"{where}{url}: {e} (pip install it)") from None
    except ValueError:
        raise InputError(f"{where}{url}: unknown URL scheme {scheme!r}") from None
    return cls


def filesystem(url: str, where: str = "") -> tuple[AbstractFileSystem, str]:
    """The filesystem of ``url`` (options from fsspec's configuration) and its path there;
    ``where`` (an option and a space) begins the message of a missing package.

    Raises
    ------
    InputError
        When the filesystem's package is missing, or the URL is malformed.
    """
    _filesystem_class(url, url_scheme(url) or "file", where)
    from fsspec.core import url_to_fs

    try:
        fs, path = url_to_fs(url)
    except Exception as e:  # a malformed URL or options the filesystem refuses
        raise InputError(f"{url} cannot be opened: {why(e)}") from None
    return fs, path


def why(e: BaseException) -> str:
    """What went wrong, for a message: a filesystem's exception in a few words.

    >>> why(FileNotFoundError("k")), why(TimeoutError("no answer in 5 s"))
    ('no such file or folder', 'TimeoutError: no answer in 5 s')
    """
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    if isinstance(e, PermissionError):
        return "permission denied; check the credentials the filesystem is given"
    text = str(e).splitlines()[0][:200] if str(e) else ""
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _info(fs: AbstractFileSystem, path: str, url: str) -> dict[str, Any]:
    try:
        info: dict[str, Any] = fs.info(path)
    except Exception as e:
        if isinstance(e, FileNotFoundError):
            raise InputError(f"no such file or folder: {url}") from None
        raise InputError(f"{url} cannot be read ({why(e)})") from None
    return info


def check_url(url: str, option: str = "") -> None:
    """Check that ``url`` names a file or folder its filesystem can reach.

    Raises
    ------
    InputError
        When the filesystem's package is missing, or the URL names nothing it can read.
    """
    fs, path = filesystem(url, option + " " if option else "")
    _info(fs, path, url)


def url_files(url: str) -> Iterator[tuple[str, str]]:
    """Every file under ``url`` as ``(url of the file, source)``, sorted by source.

    A file URL gives itself, with its last name as source; a folder gives the files below
    it, each named by its path below the folder, without hidden names and ``README.*``.

    Raises
    ------
    InputError
        When ``url`` names nothing, or cannot be listed.
    """
    fs, root = filesystem(url)
    info = _info(fs, root, url)
    if info.get("type") != "directory":
        yield url, PurePosixPath(root).name
        return
    base = url.rstrip("/")
    prefix = root.rstrip("/") + "/"
    try:
        found = fs.find(root)
    except Exception as e:
        raise InputError(f"{url}: the folder cannot be listed ({why(e)})") from None
    names = sorted(p[len(prefix) :] for p in found if p.startswith(prefix))
    for name in names:
        parts = name.split("/")
        if any(p.startswith(".") for p in parts) or parts[-1].upper().startswith("README."):
            continue
        yield f"{base}/{name}", name


def read_url(url: str, limit: int) -> bytes:
    """The bytes of the file at ``url``, refusing one over ``limit`` bytes (unread when its
    size is known first; at most ``limit + 1`` bytes are read).

    Raises
    ------
    InputError
        For a URL that names no file, cannot be read, or is over ``limit`` bytes.
    """
    fs, path = filesystem(url)
    info = _info(fs, path, url)
    too_big = (
        f"{url} is over {limit:,} bytes, the most one file is read to; it was refused "
        "(not truncated): split it into smaller files"
    )
    if info.get("type") == "directory":
        raise InputError(f"{url} is a folder, not a file; only article files are read")
    size = info.get("size")
    if isinstance(size, int) and size > limit:
        raise InputError(too_big)
    try:
        with fs.open(path, "rb") as f:
            data: bytes = f.read(limit + 1)
    except Exception as e:
        raise InputError(f"{url} cannot be read ({why(e)})") from None
    if len(data) > limit:
        raise InputError(too_big)
    return data
