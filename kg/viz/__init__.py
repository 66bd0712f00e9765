"""The offline interactive graph page (``kg viz``).

Three steps, each usable on its own: :func:`~kg.viz.model.read_view` reads the store (SPARQL
only) into a :class:`~kg.viz.model.View`; :func:`~kg.viz.model.select_view` narrows it;
:func:`~kg.viz.render.render_html` turns it into one self-contained HTML page.
:func:`write_page` does all three and writes the file atomically.
"""

from __future__ import annotations

from kg.viz.model import VIEWS, View, read_view, resolve_actor, select_view
from kg.viz.render import render_html
from kg.viz.write import PageReport, write_page

__all__ = [
    "VIEWS",
    "PageReport",
    "View",
    "read_view",
    "render_html",
    "resolve_actor",
    "select_view",
    "write_page",
]
