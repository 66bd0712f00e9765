"""Write the graph page to a file: read the store, render, write atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.files import publish
from kg.rdf.store import KGStore
from kg.viz.camps import BlocSource, Camps, camps_of
from kg.viz.model import UNPLACED, View, read_view, select_view
from kg.viz.render import render_html

__all__ = ["PageReport", "write_html", "write_page"]


@dataclass(frozen=True)
class PageReport:
    """What :func:`write_page` wrote."""

    path: Path
    title: str
    nodes: int
    edges: int


def write_html(text: str, output: Path | str) -> Path:
    """Write ``text`` as UTF-8 to ``output`` through a temporary file renamed into place.

    Raises
    ------
    InputError
        When the folder of ``output`` does not exist or cannot be written.
    """
    out = Path(output)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {out}: folder {folder} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            publish(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise InputError(f"cannot write {out}: {e.strerror or e}") from None
    return out


def write_page(
    store: KGStore | Path | str,
    output: Path | str,
    *,
    view: str = "actors",
    focus: str | None = None,
    depth: int = 1,
    as_of: str | None = None,
    min_confidence: float | None = None,
    theatres: Sequence[str] = (),
    blocs: BlocSource | None = None,
) -> PageReport:
    """Write the self-contained graph page of ``store`` to ``output``.

    Parameters
    ----------
    store : KGStore or path
        An open store, or the folder of one (opened read-only; it must exist).
    output : path
        The HTML file to write (replaced atomically).
    view, focus, depth, as_of, min_confidence, theatres
        See :func:`kg.viz.model.select_view`.
    blocs : callable, optional
        Given the open store, the blocs of each theatre to colour actors by (the CLI passes
        :func:`kg.analysis.theatres.read_theatre_blocs` with ``as_of`` and the strength
        below which a member is drawn unaligned, grey); without it no actor is coloured by
        bloc.

    Raises
    ------
    StoreError
        When there is no store at the path, or it is locked.
    InputError
        On bad options (see :func:`~kg.viz.model.select_view`) or an unwritable output.
    """

    def read(st: KGStore) -> tuple[View, Camps | None]:
        return read_view(st), camps_of(blocs(st)) if blocs is not None else None

    if isinstance(store, KGStore):
        full, camps = read(store)
    else:
        with KGStore(store, read_only=True, must_exist=True) as st:
            full, camps = read(st)
    page = select_view(
        full,
        view,
        focus=focus,
        depth=depth,
        as_of=as_of,
        min_confidence=min_confidence,
        theatres=theatres,
    )
    if camps is not None:
        allowed = set(page.theatres)
        if not theatres or UNPLACED in {t.strip().casefold() for t in theatres}:
            allowed.add(UNPLACED)
        camps.blocs = [b for b in camps.blocs if b.theatre in allowed]
        camps.unaligned = {t: u for t, u in camps.unaligned.items() if t in allowed}
        page.camps = camps
    path = write_html(render_html(page), output)
    return PageReport(path, page.title, len(page.nodes), len(page.edges))
