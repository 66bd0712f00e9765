"""Opening a built store for a benchmark step, releasing its lock afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.rdf.store import KGStore

__all__ = ["open_store"]


@contextmanager
def open_store(path: Path) -> Iterator[KGStore]:
    """A store opened read-write (nothing is written), closed and its lock released after.

    ``KGStore.close()`` leaves the rdflib ``Dataset`` holding the Oxigraph store, whose lock
    is released only when that cycle is collected; hence the ``gc.collect()`` calls. Read-only
    opening is avoided because ``close()`` flushes, which a read-only store refuses.
    """
    from kg.rdf.store import KGStore

    gc.collect()
    st = KGStore(path, must_exist=True)
    try:
        yield st
    finally:
        st.close()
        del st
        gc.collect()
