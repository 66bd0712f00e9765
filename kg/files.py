"""Files written for the user: all at once, with the permissions their umask gives a new file.

Every command that writes a file (``kg export -o``, ``kg viz -o``, ``kg analyze export``,
``kg build --report``) writes a temporary file beside it and renames it into place, so a
failure never leaves half a file. :func:`tempfile.mkstemp` creates that file readable by its
owner only (``0600``); :func:`publish` gives it the mode an ordinary new file would get
(``0666`` less the umask, so ``0644`` under the usual umask ``022``) before the rename.

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> fd, tmp = tempfile.mkstemp(dir=folder)
>>> os.close(fd)
>>> publish(tmp, folder / "out.txt")
>>> oct((folder / "out.txt").stat().st_mode & 0o777) == oct(new_file_mode())
True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["new_file_mode", "publish"]


def new_file_mode() -> int:
    """The permission bits a newly created file gets under the process's umask."""
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def publish(tmp: str | Path, path: str | Path) -> None:
    """Give the finished temporary file ``tmp`` the umask's mode and rename it to ``path``.

    Raises
    ------
    OSError
        When the mode cannot be set or the rename fails (the caller removes ``tmp``).
    """
    os.chmod(tmp, new_file_mode())
    os.replace(tmp, path)
