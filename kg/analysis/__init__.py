"""Actor-network analysis of the graph: blocs, centrality, proxies, rivalries, clash risk.

Each family lives in its own module and works on NetworkX graphs, so it can be tested on
hand-made graphs; :mod:`kg.analysis.project` builds those graphs from a store (SPARQL
only). :func:`analyze` runs one analysis on a store, as ``kg analyze NAME`` does. Importing
this package is cheap: NetworkX loads when an analysis runs.

Examples
--------
>>> sorted(ANALYSES)[:3]
['blocs', 'brokers', 'centrality']
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kg.errors import AnalysisError

if TYPE_CHECKING:
    from kg.analysis.project import ActorNetwork, Window
    from kg.rdf.store import KGStore

__all__ = ["ANALYSES", "AnalysisRun", "Result", "analyze", "export", "run"]

#: Analysis names of ``kg analyze NAME``.
ANALYSES = (
    "centrality",
    "blocs",
    "proxies",
    "rivalries",
    "clash-risk",
    "brokers",
    "communities",
)


class Result(Protocol):
    """What every analysis returns: a JSON-ready dict and a text table."""

    def to_dict(self) -> dict[str, object]: ...  # pragma: no cover

    def to_table(self) -> str: ...  # pragma: no cover


@dataclass
class AnalysisRun:
    """One analysis' result, the window it saw, and triples written (``None``: no ``--write``)."""

    name: str
    result: Result
    window: Window
    written: int | None = None


@contextmanager
def _opened(path: Path | str, *, write: bool) -> Iterator[KGStore]:
    """The store at ``path``, read-only unless writing (so a running server does not block)."""
    from kg.rdf.store import KGStore

    with KGStore(path, read_only=not write, must_exist=True) as st:
        yield st


def run(net: ActorNetwork, name: str, *, top: int | None = None, by: str = "pagerank") -> Result:
    """Run the analysis ``name`` on an already projected network.

    Raises
    ------
    AnalysisError
        On an unknown name.
    """
    from kg.analysis import balance, brokers, centrality, clash, communities, proxies, rivalries

    if name == "centrality":
        return centrality.centrality(net.signed, by=by, top=top)
    if name == "blocs":
        return balance.blocs(net.signed)
    if name == "proxies":
        return proxies.proxies(net.sponsorship)
    if name == "rivalries":
        return rivalries.rivalries(net.signed, net.sponsorship)
    if name == "clash-risk":
        bloc_of = balance.blocs(net.signed).bloc_of()
        return clash.clash_risk(net.signed, bloc_of, net.activity, net.places, top=top)
    if name == "brokers":
        return brokers.brokers(net.signed, balance.blocs(net.signed).bloc_of())
    if name == "communities":
        return communities.communities(net.signed)
    raise AnalysisError(f"unknown analysis {name!r}: use one of {', '.join(ANALYSES)}")


def analyze(
    store: Path | str,
    name: str,
    *,
    as_of: str | None = None,
    since: str | None = None,
    until: str | None = None,
    top: int | None = None,
    by: str = "pagerank",
    write: bool = False,
) -> AnalysisRun:
    """Open the store, project it (within the time window), run ``name``, optionally write.

    Parameters
    ----------
    store : path
        Folder of an existing store.
    name : str
        One of :data:`ANALYSES`.
    as_of, since, until : str, optional
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (see :class:`~kg.analysis.project.Window`).
    top : int, optional
        Keep the first ``top`` rows (centrality, clash-risk).
    by : str
        Centrality measure to rank by.
    write : bool
        Replace ``graph/analysis`` with every per-actor result (see :mod:`kg.analysis.write`).

    Raises
    ------
    InputError, StoreError, AnalysisError
        Bad dates, a missing or locked store, an empty graph, an unknown analysis.
    """
    from kg.analysis.project import Window, read_network

    if name not in ANALYSES:
        raise AnalysisError(f"unknown analysis {name!r}: use one of {', '.join(ANALYSES)}")
    window = Window.parse(as_of, since, until)
    with _opened(store, write=write) as st:
        net = read_network(st, window)
        result = run(net, name, top=top, by=by)
        written = None
        if write:
            from kg.analysis.write import write_analysis

            written = write_analysis(st, net)
    return AnalysisRun(name, result, window, written)


def export(
    store: Path | str,
    path: Path | str,
    fmt: str = "graphml",
    *,
    as_of: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Path:
    """Write the signed actor graph of ``store`` to ``path`` as GraphML or GEXF."""
    from kg.analysis.project import Window, read_network
    from kg.analysis.write import export_graph

    window = Window.parse(as_of, since, until)
    with _opened(store, write=False) as st:
        net = read_network(st, window)
    return export_graph(net, path, fmt)
