"""The one hierarchy of errors conflict-kg raises.

Every message says what was wrong, what is valid, and how to fix it. The CLI turns these into
a one-line message and a non-zero exit; nothing else should reach the user as a traceback.
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "ClusterError",
    "CurationError",
    "ExportError",
    "InputError",
    "KGError",
    "PushError",
    "QueryError",
    "StoreError",
    "ValidationError",
]


class KGError(Exception):
    """Base class of every error conflict-kg reports to its user."""


class InputError(KGError):
    """An article, manifest or option value cannot be read or understood."""


class CurationError(InputError):
    """The curation file is malformed or names an entity that does not exist."""


class StoreError(KGError):
    """The store cannot be opened, is locked, or does not hold a conflict-kg graph."""


class ClusterError(KGError):
    """The Dask cluster cannot be reached, or lost a task more often than it retries."""


class QueryError(KGError):
    """A SPARQL query is malformed, refused, or its parameters are invalid."""


class ValidationError(KGError):
    """The graph violates the SHACL shapes."""


class AnalysisError(KGError):
    """A network analysis cannot run on the graph as it is (empty, unknown analysis)."""


class ExportError(KGError):
    """An export format or destination is invalid."""


class PushError(KGError):
    """A triplestore refused or failed a push."""
