"""Options and helpers shared by the command modules (light imports only)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

__all__ = ["progress_enabled", "store_option"]


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--store DIR`` (default ``./kg-store``)."""
    return click.option(
        "--store",
        "store",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("kg-store"),
        show_default=True,
        envvar="KG_STORE",
        help="Folder of the embedded Oxigraph store (env KG_STORE).",
    )(f)


def progress_enabled() -> bool:
    """Progress bars only on an interactive terminal: quiet when piped or under CI."""
    return sys.stderr.isatty()
