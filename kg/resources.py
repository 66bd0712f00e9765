"""Where the project's data folders are: ``ontology/``, ``queries/``, ``data/``.

conflict-kg is installed from a checkout (``pip install -e .``); these folders sit beside the
``kg`` package. ``KG_HOME`` overrides the location.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KGError

__all__ = ["data_dir", "home", "ontology_dir", "queries_dir"]


def home() -> Path:
    """The folder holding ``ontology/``, ``queries/`` and ``data/``."""
    env = os.environ.get("KG_HOME")
    root = Path(env) if env else Path(__file__).resolve().parent.parent
    if not (root / "ontology" / "conflict.ttl").is_file():
        raise KGError(
            f"conflict-kg's ontology/ folder was not found under {root}. Install conflict-kg "
            "from a checkout with 'pip install -e .', or set KG_HOME to the checkout."
        )
    return root


def ontology_dir() -> Path:
    """``ontology/``: conflict.ttl, shapes.ttl, context.jsonld."""
    return home() / "ontology"


def queries_dir() -> Path:
    """``queries/``: the named SPARQL queries."""
    return home() / "queries"


def data_dir() -> Path:
    """``data/``: gazetteer, curation file, sample articles."""
    return home() / "data"
