"""Where shards are kept: a folder on this machine, or a URL (``s3://bucket/shards``).

``kg build --shards``, ``kg load`` and ``kg push --shards`` read and write shards through a
:class:`ShardFolder`, the same way for both. A folder on a shared file system (NFS, a mounted
bucket) or an object store that every worker reaches: workers write their shards there, the
client writes the index last, and ``kg load`` reads them back. fsspec reaches the URL with the
package of its scheme (``s3fs`` for ``s3://``) and the credentials and options of the machine
(``FSSPEC_S3_ENDPOINT_URL`` for MinIO), as for articles read from a URL
(:mod:`kg.ingest.remote`).

A local file is written to a temporary name and renamed, so a reader never sees half of
it; an object store's PUT (S3, GCS, Azure) is already all-or-nothing, so an object is written
at once. Other fsspec filesystems (SFTP, SMB, HDFS) may show a file half-written while it is
written: there, only ``index.json``, written last, says the shards are complete.

Examples
--------
>>> import tempfile
>>> tmp = tempfile.mkdtemp()
>>> folder = ShardFolder.of(f"file://{tmp}/shards")
>>> folder.make()
>>> folder.write("a.nq", b"<s> <p> <o> <g> .\\n")
>>> folder.read("a.nq"), folder.is_file("a.nq"), folder.is_file("b.nq")
(b'<s> <p> <o> <g> .\\n', True, False)
>>> folder.name("a.nq") == f"{tmp}/shards/a.nq"
True
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.ingest.remote import filesystem, is_remote, local_path, url_scheme, why

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

__all__ = ["ShardFolder"]


@dataclass(frozen=True)
class ShardFolder:
    """A folder of shards: ``where`` is an absolute local path, or a URL when ``remote``.

    It holds only strings, so a Dask task carries it to a worker, which opens the URL's
    filesystem itself.
    """

    where: str
    remote: bool = False

    @classmethod
    def of(cls, where: str | Path | ShardFolder, option: str = "") -> ShardFolder:
        """The shard folder ``where`` names: a path, a ``file://`` URL or an fsspec URL.

        Raises
        ------
        InputError
            For a URL whose filesystem package is missing or whose scheme is unknown, and
            for ``memory://``, which other processes cannot see.
        """
        if isinstance(where, ShardFolder):
            return where
        if is_remote(where):
            if url_scheme(where) == "memory":
                raise InputError(
                    f"{option or 'shards'} {where}: memory:// is one process's memory, which "
                    "workers and 'kg load' do not share; give a folder or a bucket"
                )
            filesystem(where, option + " " if option else "")  # the package is there
            return cls(where.rstrip("/"), True)
        return cls(str(Path(local_path(where, option)).absolute()))

    def __str__(self) -> str:
        return self.where

    def name(self, file: str) -> str:
        """The path or URL of ``file`` in the folder, for messages."""
        return f"{self.where}/{file}"

    def _fs(self, file: str = "") -> tuple[AbstractFileSystem, str]:
        return filesystem(self.name(file) if file else self.where)

    def make(self) -> None:
        """Make the folder when missing (an object store needs none).

        Raises
        ------
        InputError
            When the folder is a file, or cannot be made.
        """
        if not self.remote:
            out = Path(self.where)
            if out.exists() and not out.is_dir():
                raise InputError(f"--shards {self.where} is a file, not a folder")
            out.mkdir(parents=True, exist_ok=True)
            return
        fs, path = self._fs()
        try:
            if fs.isfile(path):
                raise InputError(f"--shards {self.where} is a file, not a folder")
            fs.makedirs(path, exist_ok=True)
        except InputError:
            raise
        except Exception as e:
            raise InputError(f"--shards {self.where} cannot be written ({why(e)})") from None

    def write(self, file: str, data: bytes) -> None:
        """Write ``file`` whole: a reader sees all of it or none (its old content).

        Raises
        ------
        OSError
            When it cannot be written (an object store's error, as an ``OSError``).
        """
        if not self.remote:
            _write_atomic(Path(self.where) / file, data)
            return
        fs, path = self._fs(file)
        try:
            fs.pipe_file(path, data)
        except OSError:
            raise
        except Exception as e:
            raise OSError(f"{self.name(file)} cannot be written ({why(e)})") from e

    def read(self, file: str) -> bytes:
        """The bytes of ``file``.

        Raises
        ------
        InputError
            When it cannot be read, saying to run the build again.
        """
        try:
            if not self.remote:
                return (Path(self.where) / file).read_bytes()
            fs, path = self._fs(file)
            data: bytes = fs.cat_file(path)
            return data
        except InputError:
            raise
        except Exception as e:
            raise InputError(
                f"{self.name(file)} cannot be read ({why(e)}); run 'kg build --shards' again"
            ) from None

    def is_file(self, file: str) -> bool:
        """Whether ``file`` is in the folder.

        Raises
        ------
        InputError
            When the folder cannot be reached (credentials, network): not the same as a
            missing file, and not mended by building the shards again.
        """
        if not self.remote:
            return (Path(self.where) / file).is_file()
        fs, path = self._fs(file)
        try:
            return bool(fs.isfile(path))
        except FileNotFoundError:
            return False
        except Exception as e:
            raise InputError(f"{self.name(file)} cannot be reached ({why(e)})") from None


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file of its folder, renamed over it."""
    from kg.files import publish

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        publish(tmp, path)  # the umask's mode: other users (kg load, a triplestore) read it
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
