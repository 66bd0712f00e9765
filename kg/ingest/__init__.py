"""Read articles from files and folders: text, HTML pages, RSS/Atom feeds, JSON Lines.

The ingest layer, the lowest of the pipeline (ingest -> extract -> rdf -> consumers). This face
hands on the names of :mod:`kg.ingest.read` (walking the paths, refusals, metadata
precedence: its docstring), which uses :mod:`kg.ingest.formats` (one reader per file kind),
:mod:`kg.ingest.clean` (page clutter), :mod:`kg.ingest.dateline`, :mod:`kg.ingest.dates`
(dates in text), :mod:`kg.ingest.manifest` (metadata beside the files) and
:mod:`kg.ingest.remote` (files named by ``s3://`` and other fsspec URLs).

Examples
--------
>>> SUPPORTED.startswith("plain text")
True
"""

from kg.ingest.read import *  # noqa: F403
from kg.ingest.read import __all__ as __all__
