"""Where the files conflict-kg reads at run time are, and the user's own additions.

The ontology (``conflict.ttl``, ``shapes.ttl``, ``context.jsonld``), the named queries, the
gazetteer and the default curation file live in the top-level folders ``ontology/``,
``queries/`` and ``data/`` of the source tree. The wheel installs those folders inside the
package, as ``kg/ontology``, ``kg/queries`` and ``kg/data`` (one copy: ``pyproject.toml`` maps
the package names onto the folders). They are found with :mod:`importlib.resources`: inside
the installed package first, else beside the ``kg`` package of a source checkout (an editable
install, or ``PYTHONPATH`` pointing at the checkout).

A user adds gazetteer entries of their own with ``KG_GAZETTEER``: folders or ``.yaml`` files,
separated by ``:`` (``;`` on Windows), read after the bundled gazetteer
(:func:`gazetteer_paths`). Their own curation file is given with ``kg build --curation FILE``.

Examples
--------
>>> (ontology_dir() / "conflict.ttl").is_file()
True
>>> sorted(p.name for p in ontology_dir().iterdir() if p.suffix == ".ttl")
['conflict.ttl', 'shapes.ttl']
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from kg.errors import InputError, KGError

__all__ = ["data_dir", "gazetteer_paths", "ontology_dir", "queries_dir"]

#: The environment variable naming the user's own gazetteer folders or files.
GAZETTEER_ENV = "KG_GAZETTEER"


def _folder(name: str, marker: str) -> Path:
    """The folder ``name`` holding ``marker``: inside the installed package, else the checkout's.

    Raises
    ------
    KGError
        When neither place holds it (a broken installation).
    """
    packaged = resources.files("kg") / name
    candidates = [Path(str(packaged)), Path(str(resources.files("kg"))).parent / name]
    for folder in candidates:
        if (folder / marker).is_file():
            return folder
    raise KGError(
        f"conflict-kg's {name}/ files were not found (looked for {marker} in "
        f"{' and '.join(str(c) for c in candidates)}); the installation is incomplete: "
        "reinstall the wheel, or 'pip install -e .' in a checkout"
    )


def ontology_dir() -> Path:
    """The ontology folder: ``conflict.ttl``, ``shapes.ttl``, ``context.jsonld``."""
    return _folder("ontology", "conflict.ttl")


def queries_dir() -> Path:
    """The folder of the named SPARQL queries (``*.rq``)."""
    return _folder("queries", "backers.rq")


def data_dir() -> Path:
    """The data folder: ``gazetteer/`` and the default ``curation.yaml``."""
    return _folder("data", "curation.yaml")


def gazetteer_paths(extra: str | None = None) -> list[Path]:
    """The bundled gazetteer folder, then the user's own folders or files.

    Parameters
    ----------
    extra : str, optional
        Folders or ``.yaml`` files separated by :data:`os.pathsep`; defaults to the
        ``KG_GAZETTEER`` environment variable. Empty parts are ignored.

    Returns
    -------
    list of Path

    Raises
    ------
    InputError
        When a named folder or file does not exist.

    Examples
    --------
    >>> [p.name for p in gazetteer_paths("")]
    ['gazetteer']
    """
    value = os.environ.get(GAZETTEER_ENV, "") if extra is None else extra
    paths = [data_dir() / "gazetteer"]
    for part in value.split(os.pathsep):
        if not part.strip():
            continue
        path = Path(part).expanduser()
        if not path.exists():
            raise InputError(
                f"{GAZETTEER_ENV} names {part!r}, which does not exist; give folders or .yaml "
                f"files of gazetteer entries separated by {os.pathsep!r}"
            )
        paths.append(path)
    return paths
