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

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kg.analysis.options import ANALYSES, EXPORT_FORMATS, MEASURES, MIN_STRENGTH, PER_THEATRE
from kg.errors import AnalysisError

if TYPE_CHECKING:
    from kg.analysis.project import ActorNetwork
    from kg.analysis.theatres import TheatreResults
    from kg.model import Window
    from kg.rdf.read import GraphFacts
    from kg.rdf.store import KGStore

__all__ = [
    "ANALYSES",
    "EXPORT_FORMATS",
    "MEASURES",
    "MIN_STRENGTH",
    "PER_THEATRE",
    "AnalysisRun",
    "Result",
    "analyze",
    "export",
    "run",
]


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


def run(
    net: ActorNetwork,
    name: str,
    *,
    top: int | None = None,
    by: str = "pagerank",
    min_strength: float | None = None,
) -> Result:
    """Run the analysis ``name`` (one of :data:`PER_THEATRE`) on an already projected network.

    Raises
    ------
    AnalysisError
        On an unknown name.
    """
    from kg.analysis import balance, brokers, centrality, clash, communities, proxies, rivalries

    ms = balance.MIN_STRENGTH if min_strength is None else min_strength
    if name == "centrality":
        return centrality.centrality(net.signed, by=by, top=top)
    if name == "blocs":
        return balance.blocs(net.signed, min_strength=ms)
    if name == "proxies":
        return proxies.proxies(net.sponsorship)
    if name == "rivalries":
        return rivalries.rivalries(net.signed, net.sponsorship)
    if name == "clash-risk":
        bloc_of = balance.blocs(net.signed, min_strength=ms).bloc_of()
        return clash.clash_risk(net.signed, bloc_of, net.activity, net.places, top=top)
    if name == "brokers":
        return brokers.brokers(net.signed, balance.blocs(net.signed, min_strength=ms).bloc_of())
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
    theatres: Sequence[str] = (),
    min_strength: float | None = None,
) -> AnalysisRun:
    """Open the store, project each theatre (within the time window), run ``name``.

    Parameters
    ----------
    store : path
        Folder of an existing store.
    name : str
        One of :data:`ANALYSES`.
    as_of, since, until : str, optional
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (see :class:`~kg.model.Window`).
    top : int, optional
        Keep the first ``top`` rows (centrality, clash-risk).
    by : str
        Centrality measure to rank by.
    write : bool
        Replace ``graph/analysis`` with every per-actor result (see :mod:`kg.analysis.write`).
    theatres : sequence of str
        Theatre labels (``"Syria"``), ``"unplaced"`` or ``"all"`` (every fact as one
        theatre); empty: every theatre with ties between actors, each on its own.
    min_strength : float, optional
        Bloc members below this strength are unaligned (default
        :data:`~kg.analysis.balance.MIN_STRENGTH`).

    Returns
    -------
    AnalysisRun
        Its ``result`` is a :class:`~kg.analysis.theatres.TheatreResults` (one result per
        theatre) for :data:`PER_THEATRE` analyses.

    Raises
    ------
    InputError, StoreError, AnalysisError
        Bad dates or theatre names, a missing or locked store, an empty graph, an unknown
        analysis.
    """
    from kg.analysis.project import read_network
    from kg.analysis.theatres import sponsors_across_theatres, theatres_of
    from kg.model import Window
    from kg.rdf.read import read_facts

    if name not in ANALYSES:
        raise AnalysisError(f"unknown analysis {name!r}: use one of {', '.join(ANALYSES)}")
    window = Window.parse(as_of, since, until)
    with _opened(store, write=write) as st:
        facts = read_facts(st)
        net = read_network(st, window, facts)  # the errors of an empty store or window
        result: Result
        if name == "theatres":
            result = _TheatreList(theatres_of(facts.within(window)))
        elif name == "sponsors-across-theatres":
            result = sponsors_across_theatres(facts, window)
        else:
            options = {"top": top, "by": by, "min_strength": min_strength}
            result = _per_theatre(name, facts, window, theatres, options)
        written = None
        if write:
            from kg.analysis.write import write_analysis

            written = write_analysis(st, net, facts, min_strength=min_strength)
    return AnalysisRun(name, result, window, written)


def _per_theatre(
    name: str,
    facts: GraphFacts,
    window: Window,
    theatres: Sequence[str],
    options: dict[str, Any],
) -> TheatreResults:
    """Run ``name`` on each theatre chosen (every one with ties between actors by default)."""
    from kg.analysis.project import project
    from kg.analysis.theatres import TheatreResults, resolve_theatres, theatres_of

    chosen = resolve_theatres(facts, theatres) if theatres else theatres_of(facts)
    res = TheatreResults(name)
    for t in chosen:
        sub = project(t.select(facts), window)
        if sub.signed.number_of_nodes() == 0:
            if theatres:
                raise AnalysisError(
                    f"the theatre {t.label} holds no relations or events between "
                    f"actors{' ' + window.describe() if window.active else ''}: "
                    "choose another with --theatre (see 'kg analyze theatres')"
                )
            res.skipped.append(t)
            continue
        res.runs.append((t, run(sub, name, **options)))
    return res


@dataclass
class _TheatreList:
    """``kg analyze theatres``: the theatres of the store and how many facts each holds."""

    theatres: list[Any]

    def to_dict(self) -> dict[str, object]:
        return {"theatres": [t.to_dict() for t in self.theatres]}

    def to_table(self) -> str:
        from kg.analysis._format import table

        return table(["theatre", "facts"], [[t.label, t.facts] for t in self.theatres])


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
    from kg.analysis.project import read_network
    from kg.analysis.write import export_graph
    from kg.model import Window

    window = Window.parse(as_of, since, until)
    with _opened(store, write=False) as st:
        net = read_network(st, window)
    return export_graph(net, path, fmt)
